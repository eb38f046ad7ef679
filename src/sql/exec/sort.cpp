#include "sql/exec/sort.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

namespace basin::sql {

namespace {

struct SortGlobal : GlobalSinkState {
  std::mutex mutex;
  std::vector<std::unique_ptr<SortBuffer>> buffers;
  std::unique_ptr<SortBuffer> sorted;
  std::vector<uint32_t> order;
};

struct SortLocal : LocalSinkState {
  std::unique_ptr<SortBuffer> buffer;
  std::vector<ExpressionEvaluator> evaluators;
};

struct SortSource : GlobalSourceState {
  size_t next = 0;
};

}  // namespace

PhysicalSort::PhysicalSort(std::vector<types::LogicalType> types, std::vector<SortKey> keys)
    : PhysicalOperator(std::move(types)), keys_(std::move(keys)) {}

std::string PhysicalSort::Describe() const { return "Sort [" + DescribeSortKeys(keys_) + "]"; }

std::unique_ptr<GlobalSinkState> PhysicalSort::InitGlobalSink(ExecContext&) const {
  return std::make_unique<SortGlobal>();
}

std::unique_ptr<LocalSinkState> PhysicalSort::InitLocalSink(ExecContext&, GlobalSinkState&) const {
  auto local = std::make_unique<SortLocal>();
  local->buffer = std::make_unique<SortBuffer>(types(), keys_);
  for (const auto& key : keys_) local->evaluators.emplace_back(*key.expr);
  return local;
}

void PhysicalSort::Sink(ExecContext& context, columnar::DataChunk& in, GlobalSinkState&,
                        LocalSinkState& local_state) const {
  auto& local = static_cast<SortLocal&>(local_state);
  local.buffer->Append(context, in, local.evaluators);
}

void PhysicalSort::Combine(ExecContext&, GlobalSinkState& global_state,
                           LocalSinkState& local_state) const {
  auto& global = static_cast<SortGlobal&>(global_state);
  auto& local = static_cast<SortLocal&>(local_state);
  std::lock_guard lock(global.mutex);
  global.buffers.push_back(std::move(local.buffer));
}

void PhysicalSort::Finalize(ExecContext& context, GlobalSinkState& global_state) const {
  auto& global = static_cast<SortGlobal&>(global_state);
  // The largest buffer takes in the others, so the fewest rows are copied.
  std::sort(global.buffers.begin(), global.buffers.end(),
            [](const auto& a, const auto& b) { return a->size() > b->size(); });
  if (global.buffers.empty())
    global.buffers.push_back(std::make_unique<SortBuffer>(types(), keys_));
  global.sorted = std::move(global.buffers[0]);
  for (size_t i = 1; i < global.buffers.size(); ++i) {
    global.sorted->Absorb(context, *global.buffers[i]);
  }
  global.buffers.clear();
  global.order = global.sorted->SortedOrder(true);
}

std::unique_ptr<GlobalSourceState> PhysicalSort::InitGlobalSource(ExecContext&) const {
  return std::make_unique<SortSource>();
}

bool PhysicalSort::GetChunk(ExecContext&, GlobalSourceState& source_state, LocalSourceState&,
                            columnar::DataChunk& out) const {
  auto& source = static_cast<SortSource&>(source_state);
  auto& global = static_cast<SortGlobal&>(*sink_state);
  if (source.next >= global.order.size()) return false;
  size_t count = std::min(columnar::kChunkRows, global.order.size() - source.next);
  global.sorted->Emit(global.order.data() + source.next, count, out);
  source.next += count;
  return true;
}

}  // namespace basin::sql
