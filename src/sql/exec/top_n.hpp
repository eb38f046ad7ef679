#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sql/exec/physical_operator.hpp"
#include "sql/exec/row_sort.hpp"

namespace basin::sql {

// ORDER BY … LIMIT n [OFFSET m]: each worker keeps only its best offset+n rows (pruning its
// buffer whenever it doubles), the workers' survivors are merged and sorted once, and the
// source emits rows [m, m+n) in order.
class PhysicalTopN : public PhysicalOperator {
 public:
  PhysicalTopN(std::vector<types::LogicalType> types, std::vector<SortKey> keys, int64_t limit,
               int64_t offset);

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
  int64_t limit_;
  int64_t offset_;
};

}  // namespace basin::sql
