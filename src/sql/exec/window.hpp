#pragma once

// Window: a sink that collects every row (the columns it outputs plus the evaluated PARTITION
// BY, ORDER BY and argument expressions) into per-worker RowStores, and a source that outputs
// the rows with one more column per window function.
//
// Finalize, per distinct (PARTITION BY, ORDER BY) specification: rows are split into hash
// buckets by their partition keys (a partition never spans two buckets), each bucket is sorted
// by (partition hash, partition keys, order keys) and evaluated in parallel: ranking functions
// from partition and peer-group boundaries, value functions (lag, lead, first_value …) by
// position, and aggregates over frames from per-row leaf states merged with `combine` — running
// (O(n)) when the frame starts at UNBOUNDED PRECEDING or ends at UNBOUNDED FOLLOWING, one frame
// at a time otherwise. Output rows come in input order (by worker).
//
// Aggregate window functions rely on `finalize` leaving a state readable (states are
// finalized once each, but a running state is combined into a fresh state per row first).

#include <memory>
#include <string>
#include <vector>

#include "sql/exec/hash_expression_inputs.hpp"
#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

class Window : public PhysicalOperator {
 public:
  struct Function {
    WindowFunctionKind kind = WindowFunctionKind::kAggregate;
    std::shared_ptr<const AggregateFunction> aggregate;
    std::vector<size_t> arguments;  // positions in the inputs
    BoundFrame frame;
    bool ignore_nulls = false;
    types::LogicalType type;
    size_t spec = 0;  // index into specs
    std::string text;
  };
  struct OrderKey {
    size_t input = 0;
    bool descending = false;
    bool nulls_first = false;
  };
  struct Spec {
    std::vector<size_t> partition_by;  // positions in the inputs
    std::vector<OrderKey> order_by;
  };
  struct OutputColumn {
    bool window = false;
    size_t index = 0;  // child column, or window function
  };

  Window(std::vector<types::LogicalType> types, ExprInputs inputs,
         std::vector<uint32_t> child_columns, std::vector<types::LogicalType> child_types,
         std::vector<Spec> specs, std::vector<Function> functions,
         std::vector<OutputColumn> outputs);

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

  const std::vector<Function>& functions() const { return functions_; }
  const std::vector<Spec>& specs() const { return specs_; }

 private:
  ExprInputs inputs_;
  std::vector<uint32_t> child_columns_;  // stored child columns, in store order
  std::vector<types::LogicalType> store_types_;
  std::vector<Spec> specs_;
  std::vector<Function> functions_;
  std::vector<OutputColumn> outputs_;
};

}  // namespace basin::sql
