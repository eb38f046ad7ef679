#pragma once

// Runs physical plans. The plan is cut into pipelines (source → streaming operators → sink) at
// every sink; pipelines run in dependency order (a sink's inputs before the pipeline it is the
// source of, a join's build side before its probe side), each on the shared thread pool with
// min(threads, the source's MaxParallelism) workers. The first error cancels the other workers
// and is rethrown once. A plan whose result order matters (ORDER BY) runs its last pipeline on
// one worker, so chunks arrive in order.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "sql/exec/physical_planner.hpp"
#include "sql/plan/logical_plan.hpp"

namespace basin::catalog {
class Catalog;
}

namespace basin::sql {

struct ExecOptions {
  size_t memory_limit_bytes = 0;  // 0: unlimited
  size_t threads = 0;             // 0: the shared pool's size
  // Set (by another thread) to stop the query: it then fails with Cancelled.
  const std::atomic<bool>* cancel = nullptr;
  // Scan splits, written file size, progress counters; copied into the ExecContext.
  QuerySettings settings;
};

struct QueryResult {
  std::vector<std::string> names;
  std::vector<types::LogicalType> types;
  std::vector<columnar::DataChunk> chunks;  // in result order (empty for the streaming variant)
  uint64_t rows = 0;
  uint64_t bytes_scanned = 0;
  uint64_t peak_memory_bytes = 0;
  // Files a CTAS/INSERT wrote, published, with their partition values.
  std::vector<WrittenFile> written_files;
  std::vector<std::string> partition_columns;
};

QueryResult ExecutePlan(const LogicalOperator& optimized, const ExecOptions& options,
                        catalog::Catalog* catalog);

// Streams result chunks to `on_chunk` (in result order, never concurrently) instead of keeping
// them; QueryResult::chunks stays empty.
using ChunkCallback = std::function<void(columnar::DataChunk&)>;
QueryResult ExecutePlanStreaming(const LogicalOperator& optimized, const ExecOptions& options,
                                 catalog::Catalog* catalog, const ChunkCallback& on_chunk);

// The physical plan, one operator per line, indented by depth.
std::string ExplainPhysical(const LogicalOperator& optimized, catalog::Catalog* catalog);
// Runs the plan (discarding the rows) and returns the physical plan with each operator's
// output rows and time; `bytes_scanned`, when given, receives what the scans read.
std::string ExplainAnalyze(const LogicalOperator& optimized, const ExecOptions& options,
                           catalog::Catalog* catalog, uint64_t* bytes_scanned = nullptr);

// Lower level, for tests and tools: runs an already built physical plan whose root outputs
// `types`.
QueryResult RunPhysicalPlan(PhysicalPtr root, const ExecOptions& options,
                            const ChunkCallback* on_chunk);

}  // namespace basin::sql
