#pragma once

// HashAggregate: GROUP BY with aggregate functions, as a sink (per-worker pre-aggregation in
// a GroupTable with AggregateFunction states) whose finalized groups are its source.
//
// Workers aggregate into their own tables. Finalize merges them: a single table is used as
// is; otherwise groups are radix-partitioned by hash and each partition is merged (states
// combined) in parallel, so millions of groups (TPC-H q18) merge on every core. The source
// then hands out (partition, segment) morsels of up to 2048 groups.
//
// DISTINCT aggregates keep, per worker, the set of distinct (group keys, arguments) tuples
// that passed the FILTER; at Finalize the sets are merged and each tuple updates its group's
// state once. Grouping sets run one aggregation per set; keys absent from a set output NULL.
// Aggregates with ORDER BY (array_agg(x ORDER BY y)) buffer their (keys, order keys, arguments)
// rows per worker; Finalize sorts them and feeds `update` in order.
// A grouping set without keys (plain aggregation, or the () of ROLLUP) outputs one row even
// over an empty input.

#include <memory>
#include <string>
#include <vector>

#include "sql/exec/hash_expression_inputs.hpp"
#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

class HashAggregate : public PhysicalOperator {
 public:
  struct Aggregate {
    std::shared_ptr<const AggregateFunction> function;
    std::vector<size_t> arguments;  // positions in the operator's inputs
    int64_t filter = -1;            // position of the FILTER condition, or -1
    bool distinct = false;
    // array_agg(x ORDER BY y): positions of the ORDER BY keys, with their directions. Rows
    // are buffered and fed to `update` in that order at Finalize.
    std::vector<size_t> order_by;
    std::vector<bool> descending, nulls_first;
    size_t state_offset = 0;
    std::string text;
  };

  // `inputs` evaluates the group keys first (positions 0 .. group_count-1), then whatever the
  // aggregates refer to. `grouping_sets` lists key positions per set (one set with every key
  // for a plain GROUP BY).
  HashAggregate(std::vector<types::LogicalType> types, ExprInputs inputs, size_t group_count,
                std::vector<std::vector<uint32_t>> grouping_sets, std::vector<Aggregate> aggregates);

  std::string Describe() const override;

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> InitGlobalSink(ExecContext&) const override;
  std::unique_ptr<LocalSinkState> InitLocalSink(ExecContext&, GlobalSinkState&) const override;
  void Sink(ExecContext&, columnar::DataChunk& in, GlobalSinkState&,
            LocalSinkState&) const override;
  void Combine(ExecContext&, GlobalSinkState&, LocalSinkState&) const override;
  void Finalize(ExecContext&, GlobalSinkState&) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> InitGlobalSource(ExecContext&) const override;
  bool GetChunk(ExecContext&, GlobalSourceState&, LocalSourceState&,
                columnar::DataChunk& out) const override;
  size_t MaxParallelism(GlobalSourceState&) const override;

  size_t state_size() const { return state_size_; }
  const std::vector<Aggregate>& aggregates() const { return aggregates_; }

 private:
  ExprInputs inputs_;
  size_t group_count_;
  std::vector<std::vector<uint32_t>> grouping_sets_;
  std::vector<Aggregate> aggregates_;
  size_t state_size_ = 0;
  size_t state_align_ = 8;
};

}  // namespace basin::sql
