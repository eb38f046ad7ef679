#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

// LIMIT/OFFSET as a streaming operator. Workers claim row ranges from one shared counter, so
// exactly `limit` rows pass however many workers run (which rows is up to the scheduling
// unless the pipeline runs ordered on one worker). Returns kFinished once satisfied, which
// stops the pipeline's source.
class PhysicalLimit : public PhysicalOperator {
 public:
  PhysicalLimit(std::vector<types::LogicalType> types, std::optional<int64_t> limit,
                int64_t offset);

  std::string Describe() const override;
  OperatorResult Execute(ExecContext&, columnar::DataChunk& in, columnar::DataChunk& out,
                         OperatorState& state) const override;

 private:
  std::optional<int64_t> limit_;
  int64_t offset_;
  mutable std::atomic<int64_t> claimed_{0};
};

}  // namespace basin::sql
