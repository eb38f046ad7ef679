#pragma once

// The scan of a catalogued lake table (Parquet, CSV, JSON files).
//
// Morsels: a Parquet file's row groups (several workers share one file), a whole CSV or JSON
// file. Each chunk gets the projected file columns (cast to the table's types where the file
// differs, NULL where a file lacks a column), the partition columns as constants, and the
// pushed filters applied: a scan returns only rows that pass. Filters comparing a column with
// a constant also skip Parquet row groups by their statistics. Bytes read go to
// ExecContext::bytes_scanned; errors name the file.

#include <atomic>
#include <string>
#include <vector>

#include "formats/parquet/row_group_filter.hpp"
#include "sql/exec/expression_evaluator.hpp"
#include "sql/exec/physical_operator.hpp"
#include "sql/exec/scan_files.hpp"

namespace basin::sql {

struct PlanningContext;

class PhysicalLakeScan : public PhysicalOperator {
 public:
  PhysicalLakeScan(const LogicalScan& scan, LakeFileList files, std::vector<uint32_t> read_columns,
                   std::vector<PhysicalExprPtr> filters,
                   std::vector<formats::parquet::ColumnPredicate> predicates);

  std::string Describe() const override;
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> InitGlobalSource(ExecContext&) const override;
  std::unique_ptr<LocalSourceState> InitLocalSource(ExecContext&,
                                                    GlobalSourceState&) const override;
  bool GetChunk(ExecContext&, GlobalSourceState&, LocalSourceState&,
                columnar::DataChunk& out) const override;
  size_t MaxParallelism(GlobalSourceState&) const override;

  size_t file_count() const { return files_.files.size(); }
  // Files and row groups actually opened / skipped by statistics (for tests and EXPLAIN).
  mutable std::atomic<uint64_t> files_opened{0};
  mutable std::atomic<uint64_t> row_groups_skipped{0};

 private:
  struct Global;
  struct Local;
  // Turns the file's columns into the scan's chunk: casts, NULL and partition columns, filters.
  void Finish(const LakeFile& file, const std::vector<int>& file_column_of,
              columnar::DataChunk& raw, Local& local, columnar::DataChunk& out) const;

  TableSource source_;
  std::string label_;
  LakeFileList files_;
  size_t data_columns_;
  std::vector<uint32_t> read_columns_;  // positions in source_.column_names; projection first
  size_t output_columns_;
  std::vector<PhysicalExprPtr> filters_;  // over the read columns
  std::vector<formats::parquet::ColumnPredicate> predicates_;
};

// Lists the files (pruning partitions), compiles the filters, and builds the scan.
PhysicalPtr MakeLakeScan(const LogicalScan& scan, PlanningContext& context);

}  // namespace basin::sql
