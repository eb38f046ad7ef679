#pragma once

// Physical operators and the pipeline contract between them.
//
// A physical plan is cut into pipelines at every operator that must see all its input before
// it can output (a sink: hash-join build, aggregate, sort, window, the result collector, a
// write). A pipeline is one source, a chain of streaming operators, and one sink:
//
//   source (parallel morsels) → op → op → … → sink
//
// The executor runs a pipeline by handing morsels to the shared thread pool: every worker
// pulls chunks from the source with its own local state, pushes each through the operators
// (their per-worker state too), into its local sink state, and at the end combines its local
// sink state into the global one; once all workers are done the sink is finalized. A finalized
// sink then serves as the source of the next pipeline (the aggregate's groups, the sorted rows)
// or as the probe-side state (a join's hash table). Operators never block on each other.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "sql/exec/query_settings.hpp"
#include "types/logical_type.hpp"

namespace basin::sql {

// Shared by every operator of one query: limits and counters.
class ExecContext {
 public:
  explicit ExecContext(size_t memory_limit_bytes, size_t threads)
      : memory_limit_(memory_limit_bytes), threads_(threads) {}

  size_t threads() const { return threads_; }
  // Operators account the memory they hold (hash tables, sorted runs, collected results).
  // Reserve throws basin::Error ResourceExhausted naming `what` when the limit would be passed.
  void Reserve(size_t bytes, const char* what);
  void Release(size_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }
  size_t used() const { return used_.load(std::memory_order_relaxed); }
  size_t peak() const { return peak_.load(std::memory_order_relaxed); }

  // Bytes read from storage by scans (Athena's "data scanned").
  std::atomic<uint64_t> bytes_scanned{0};
  // Set when the query is cancelled or has failed in another worker: sources stop early.
  std::atomic<bool> cancelled{false};
  // The session's scan splits, file size and progress counters (query_settings.hpp).
  QuerySettings settings;

 private:
  size_t memory_limit_;
  size_t threads_;
  std::atomic<size_t> used_{0};
  std::atomic<size_t> peak_{0};
};

// Per-operator state types; each operator derives its own.
struct GlobalSourceState { virtual ~GlobalSourceState() = default; };
struct LocalSourceState { virtual ~LocalSourceState() = default; };
struct OperatorState { virtual ~OperatorState() = default; };
struct GlobalSinkState { virtual ~GlobalSinkState() = default; };
struct LocalSinkState { virtual ~LocalSinkState() = default; };

enum class OperatorResult : uint8_t {
  kNeedMoreInput,   // `out` holds the output for `in` (possibly empty); send the next chunk
  kHaveMoreOutput,  // `out` holds output, call again with the same `in` for more (join fan-out)
  kFinished,        // no more output will ever come (a satisfied LIMIT): stop the pipeline
};

// Per-operator counters for EXPLAIN ANALYZE, updated by the executor.
struct OperatorProfile {
  std::atomic<uint64_t> rows_out{0};
  std::atomic<uint64_t> nanos{0};
};

class PhysicalOperator {
 public:
  explicit PhysicalOperator(std::vector<types::LogicalType> types) : types_(std::move(types)) {}
  virtual ~PhysicalOperator() = default;
  PhysicalOperator(const PhysicalOperator&) = delete;
  PhysicalOperator& operator=(const PhysicalOperator&) = delete;

  // Output column types, in order.
  const std::vector<types::LogicalType>& types() const { return types_; }
  // One line for EXPLAIN: "HashJoin INNER [l_orderkey = o_orderkey]".
  virtual std::string Describe() const = 0;

  // Children: [0] is the input; a join's [1] is its build side.
  std::vector<std::unique_ptr<PhysicalOperator>> children;
  OperatorProfile profile;

  // ---- As a source: produces chunks from morsels (row groups, files, hash partitions) ----
  virtual bool IsSource() const { return false; }
  virtual std::unique_ptr<GlobalSourceState> InitGlobalSource(ExecContext&) const;
  virtual std::unique_ptr<LocalSourceState> InitLocalSource(ExecContext&,
                                                            GlobalSourceState&) const;
  // Fills `out` (columns of types()) with the next chunk; returns false when this worker will
  // get no more. `out` may come back empty with true (a morsel whose rows were all filtered).
  virtual bool GetChunk(ExecContext&, GlobalSourceState&, LocalSourceState&,
                        columnar::DataChunk& out) const;
  // How many workers the source can keep busy (files × row groups …); 1 for serial sources.
  virtual size_t MaxParallelism(GlobalSourceState&) const { return 1; }

  // ---- As a streaming operator (filter, project, join probe, limit …) --------------------
  virtual std::unique_ptr<OperatorState> InitOperatorState(ExecContext&) const;
  virtual OperatorResult Execute(ExecContext&, columnar::DataChunk& in, columnar::DataChunk& out,
                                 OperatorState&) const;
  // True for a streaming operator with rows left once all its input went through (a RIGHT or
  // FULL join's unmatched build rows). After the pipeline that streams through it finished on
  // every worker, the executor runs one more pipeline: this operator as its source (the
  // source methods above), then the operators that followed it, into the same sink, before
  // that sink is finalized.
  virtual bool HasFinalSource() const { return false; }

  // ---- As a sink (hash-join build, aggregate, sort, window, collector, write) -------------
  virtual bool IsSink() const { return false; }
  // The children whose rows this sink consumes, each through its own pipeline, run in this
  // order (an aggregate or sort: {0}; a join: {1}, its build side; a set operation: every
  // child). A sink whose list lacks 0 streams children[0] through Execute (a join's probe).
  // Default: the last child. Before the pipelines of sink child i run, BeginSinkChild(i).
  virtual std::vector<size_t> SinkChildren() const;
  virtual void BeginSinkChild(ExecContext&, GlobalSinkState&, size_t /*child*/) const {}
  virtual std::unique_ptr<GlobalSinkState> InitGlobalSink(ExecContext&) const;
  virtual std::unique_ptr<LocalSinkState> InitLocalSink(ExecContext&, GlobalSinkState&) const;
  virtual void Sink(ExecContext&, columnar::DataChunk& in, GlobalSinkState&,
                    LocalSinkState&) const;
  // Merges one worker's local state into the global one; called once per worker, serialized
  // by the executor.
  virtual void Combine(ExecContext&, GlobalSinkState&, LocalSinkState&) const;
  // After every worker combined: build the final structure (sort runs merged, hash table
  // directory built).
  virtual void Finalize(ExecContext&, GlobalSinkState&) const;

  // The operator's own sink state once finalized, for its source side (an aggregate outputs
  // its groups, a sort its rows) or its probe side (a join). Set by the executor.
  std::unique_ptr<GlobalSinkState> sink_state;

 private:
  std::vector<types::LogicalType> types_;
};

using PhysicalPtr = std::unique_ptr<PhysicalOperator>;

}  // namespace basin::sql
