#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/exec/expression_evaluator.hpp"
#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

// Computes one output column per expression. A column passed through unchanged (and used by
// no other output column) is moved, not copied.
class PhysicalProjection : public PhysicalOperator {
 public:
  explicit PhysicalProjection(std::vector<PhysicalExprPtr> expressions);

  std::string Describe() const override;
  std::unique_ptr<OperatorState> InitOperatorState(ExecContext&) const override;
  OperatorResult Execute(ExecContext&, columnar::DataChunk& in, columnar::DataChunk& out,
                         OperatorState& state) const override;

 private:
  std::vector<PhysicalExprPtr> expressions_;
  std::vector<int> move_from_;  // per output: the input column moved into it, or -1
};

}  // namespace basin::sql
