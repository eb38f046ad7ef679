#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/exec/expression_evaluator.hpp"
#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

// Keeps the rows for which every conjunct is true. Streaming; outputs its input's columns.
class PhysicalFilter : public PhysicalOperator {
 public:
  PhysicalFilter(std::vector<types::LogicalType> types, std::vector<PhysicalExprPtr> conjuncts);

  std::string Describe() const override;
  std::unique_ptr<OperatorState> InitOperatorState(ExecContext&) const override;
  OperatorResult Execute(ExecContext&, columnar::DataChunk& in, columnar::DataChunk& out,
                         OperatorState& state) const override;

 private:
  std::vector<PhysicalExprPtr> conjuncts_;
};

}  // namespace basin::sql
