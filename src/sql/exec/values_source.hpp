#pragma once

#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

// A source of rows known when the plan is built: VALUES, the one row of a SELECT without
// FROM, and an empty relation (no rows). Serial: one worker emits them.
class PhysicalValues : public PhysicalOperator {
 public:
  // `rows` holds the rows as columns of `types`.
  PhysicalValues(std::vector<types::LogicalType> types, columnar::DataChunk rows,
                 std::string label);

  std::string Describe() const override;
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> InitGlobalSource(ExecContext&) const override;
  bool GetChunk(ExecContext&, GlobalSourceState&, LocalSourceState&,
                columnar::DataChunk& out) const override;

 private:
  columnar::DataChunk rows_;
  std::string label_;
};

}  // namespace basin::sql
