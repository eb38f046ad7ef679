#include "sql/exec/values_source.hpp"

#include <atomic>
#include <utility>

#include "sql/exec/selection.hpp"

namespace basin::sql {

namespace {

struct ValuesSourceState : GlobalSourceState {
  std::atomic<size_t> next{0};
};

}  // namespace

PhysicalValues::PhysicalValues(std::vector<types::LogicalType> types, columnar::DataChunk rows,
                               std::string label)
    : PhysicalOperator(std::move(types)), rows_(std::move(rows)), label_(std::move(label)) {}

std::string PhysicalValues::Describe() const {
  return label_ + " (" + std::to_string(rows_.size()) + " rows)";
}

std::unique_ptr<GlobalSourceState> PhysicalValues::InitGlobalSource(ExecContext&) const {
  return std::make_unique<ValuesSourceState>();
}

bool PhysicalValues::GetChunk(ExecContext&, GlobalSourceState& global, LocalSourceState&,
                              columnar::DataChunk& out) const {
  auto& state = static_cast<ValuesSourceState&>(global);
  size_t begin = state.next.fetch_add(columnar::kChunkRows);
  if (begin >= rows_.size()) return false;
  size_t end = std::min(rows_.size(), begin + columnar::kChunkRows);
  Selection selection(end - begin);
  for (size_t i = begin; i < end; ++i) selection[i - begin] = static_cast<uint32_t>(i);
  InitChunk(out, types());
  for (size_t c = 0; c < rows_.column_count(); ++c) {
    GatherVectorCopy(rows_.column(c), selection.data(), selection.size(), out.column(c));
  }
  out.SetSizeOnly(selection.size());
  return true;
}

}  // namespace basin::sql
