#include "sql/exec/filter.hpp"

#include <utility>

namespace basin::sql {

namespace {

struct FilterState : OperatorState {
  ChunkFilter filter;
};

}  // namespace

PhysicalFilter::PhysicalFilter(std::vector<types::LogicalType> types,
                               std::vector<PhysicalExprPtr> conjuncts)
    : PhysicalOperator(std::move(types)), conjuncts_(std::move(conjuncts)) {}

std::string PhysicalFilter::Describe() const {
  std::string text = "Filter [";
  for (size_t i = 0; i < conjuncts_.size(); ++i) {
    if (i > 0) text += " AND ";
    text += conjuncts_[i]->text;
  }
  return text + "]";
}

std::unique_ptr<OperatorState> PhysicalFilter::InitOperatorState(ExecContext&) const {
  auto state = std::make_unique<FilterState>();
  std::vector<const PhysicalExpr*> conjuncts;
  for (const auto& conjunct : conjuncts_) conjuncts.push_back(conjunct.get());
  state->filter = ChunkFilter(conjuncts);
  return state;
}

OperatorResult PhysicalFilter::Execute(ExecContext&, columnar::DataChunk& in,
                                       columnar::DataChunk& out, OperatorState& state) const {
  std::swap(in, out);
  static_cast<FilterState&>(state).filter.Apply(out);
  return OperatorResult::kNeedMoreInput;
}

}  // namespace basin::sql
