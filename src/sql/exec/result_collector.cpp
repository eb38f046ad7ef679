#include "sql/exec/result_collector.hpp"

#include <utility>

#include "sql/exec/selection.hpp"

namespace basin::sql {

namespace {

struct CollectorGlobal : GlobalSinkState {
  std::mutex mutex;
  std::vector<columnar::DataChunk> chunks;
  uint64_t rows = 0;
};

struct CollectorLocal : LocalSinkState {
  std::vector<columnar::DataChunk> chunks;
  uint64_t rows = 0;
};

}  // namespace

ResultCollector::ResultCollector(std::vector<types::LogicalType> types, ChunkCallback callback)
    : PhysicalOperator(std::move(types)), callback_(std::move(callback)) {}

std::unique_ptr<GlobalSinkState> ResultCollector::InitGlobalSink(ExecContext&) const {
  return std::make_unique<CollectorGlobal>();
}

std::unique_ptr<LocalSinkState> ResultCollector::InitLocalSink(ExecContext&,
                                                               GlobalSinkState&) const {
  return std::make_unique<CollectorLocal>();
}

void ResultCollector::Sink(ExecContext& context, columnar::DataChunk& in,
                           GlobalSinkState& global_state, LocalSinkState& local_state) const {
  if (in.size() == 0) return;
  if (callback_) {
    auto& global = static_cast<CollectorGlobal&>(global_state);
    std::lock_guard lock(global.mutex);
    global.rows += in.size();
    callback_(in);
    return;
  }
  auto& local = static_cast<CollectorLocal&>(local_state);
  context.Reserve(ChunkBytes(in), "the query result");
  local.rows += in.size();
  local.chunks.push_back(std::move(in));
  in = columnar::DataChunk();
}

void ResultCollector::Combine(ExecContext&, GlobalSinkState& global_state,
                              LocalSinkState& local_state) const {
  auto& global = static_cast<CollectorGlobal&>(global_state);
  auto& local = static_cast<CollectorLocal&>(local_state);
  std::lock_guard lock(global.mutex);
  for (auto& chunk : local.chunks) global.chunks.push_back(std::move(chunk));
  global.rows += local.rows;
  local.chunks.clear();
}

std::vector<columnar::DataChunk> ResultCollector::TakeChunks(GlobalSinkState& state) {
  return std::move(static_cast<CollectorGlobal&>(state).chunks);
}

uint64_t ResultCollector::RowCount(GlobalSinkState& state) {
  return static_cast<CollectorGlobal&>(state).rows;
}

}  // namespace basin::sql
