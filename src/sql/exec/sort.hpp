#pragma once

#include <string>
#include <vector>

#include "sql/exec/physical_operator.hpp"
#include "sql/exec/row_sort.hpp"

namespace basin::sql {

// ORDER BY without LIMIT: a sink that collects every row (per worker, accounted to the memory
// limit), sorts once all arrived (parallel runs, merged) and, as a source, emits the rows in
// order on one worker.
class PhysicalSort : public PhysicalOperator {
 public:
  PhysicalSort(std::vector<types::LogicalType> types, std::vector<SortKey> keys);

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

 private:
  std::vector<SortKey> keys_;
};

}  // namespace basin::sql
