#include "sql/exec/top_n.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

namespace basin::sql {

namespace {

struct TopNGlobal : GlobalSinkState {
  std::mutex mutex;
  std::unique_ptr<SortBuffer> buffer;
  std::vector<uint32_t> order;
};

struct TopNLocal : LocalSinkState {
  std::unique_ptr<SortBuffer> buffer;
  std::vector<ExpressionEvaluator> evaluators;
};

struct TopNSource : GlobalSourceState {
  size_t next = 0;
};

}  // namespace

PhysicalTopN::PhysicalTopN(std::vector<types::LogicalType> types, std::vector<SortKey> keys,
                           int64_t limit, int64_t offset)
    : PhysicalOperator(std::move(types)), keys_(std::move(keys)), limit_(limit), offset_(offset) {}

std::string PhysicalTopN::Describe() const {
  std::string text = "TopN " + std::to_string(limit_);
  if (offset_ > 0) text += " OFFSET " + std::to_string(offset_);
  return text + " [" + DescribeSortKeys(keys_) + "]";
}

std::unique_ptr<GlobalSinkState> PhysicalTopN::InitGlobalSink(ExecContext&) const {
  auto global = std::make_unique<TopNGlobal>();
  global->buffer = std::make_unique<SortBuffer>(types(), keys_);
  return global;
}

std::unique_ptr<LocalSinkState> PhysicalTopN::InitLocalSink(ExecContext&, GlobalSinkState&) const {
  auto local = std::make_unique<TopNLocal>();
  local->buffer = std::make_unique<SortBuffer>(types(), keys_);
  for (const auto& key : keys_) local->evaluators.emplace_back(*key.expr);
  return local;
}

void PhysicalTopN::Sink(ExecContext& context, columnar::DataChunk& in, GlobalSinkState&,
                        LocalSinkState& local_state) const {
  auto& local = static_cast<TopNLocal&>(local_state);
  local.buffer->Append(context, in, local.evaluators);
  size_t keep = static_cast<size_t>(limit_ + offset_);
  if (local.buffer->size() > std::max<size_t>(2 * keep, 4 * columnar::kChunkRows)) {
    local.buffer->Keep(context, local.buffer->SortedOrder(false), keep);
  }
}

void PhysicalTopN::Combine(ExecContext& context, GlobalSinkState& global_state,
                           LocalSinkState& local_state) const {
  auto& global = static_cast<TopNGlobal&>(global_state);
  auto& local = static_cast<TopNLocal&>(local_state);
  size_t keep = static_cast<size_t>(limit_ + offset_);
  if (local.buffer->size() > keep) {
    local.buffer->Keep(context, local.buffer->SortedOrder(false), keep);
  }
  std::lock_guard lock(global.mutex);
  global.buffer->Absorb(context, *local.buffer);
}

void PhysicalTopN::Finalize(ExecContext&, GlobalSinkState& global_state) const {
  auto& global = static_cast<TopNGlobal&>(global_state);
  std::vector<uint32_t> order = global.buffer->SortedOrder(true);
  size_t begin = std::min(order.size(), static_cast<size_t>(offset_));
  size_t end = std::min(order.size(), static_cast<size_t>(offset_ + limit_));
  global.order.assign(order.begin() + begin, order.begin() + end);
}

std::unique_ptr<GlobalSourceState> PhysicalTopN::InitGlobalSource(ExecContext&) const {
  return std::make_unique<TopNSource>();
}

bool PhysicalTopN::GetChunk(ExecContext&, GlobalSourceState& source_state, LocalSourceState&,
                            columnar::DataChunk& out) const {
  auto& source = static_cast<TopNSource&>(source_state);
  auto& global = static_cast<TopNGlobal&>(*sink_state);
  if (source.next >= global.order.size()) return false;
  size_t count = std::min(columnar::kChunkRows, global.order.size() - source.next);
  global.buffer->Emit(global.order.data() + source.next, count, out);
  source.next += count;
  return true;
}

}  // namespace basin::sql
