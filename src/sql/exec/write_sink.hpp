#pragma once

// CTAS and INSERT: writes its input into the lake and outputs one BIGINT row, the rows written.
//
// Every worker writes its own files (one per partition it sees, cut into a new one whenever it
// reaches the session's target file size), named <query id>_<worker>_<n>.<ext>, under a hidden
// staging folder of the target location (.basin-staging-<query id>-<pid>-<host>/, which scans
// skip). Only when every worker finished are the files listed in the WriteReport with their
// final paths (Hive folders key=value/ for partition columns; a partition listed in
// LogicalWrite::partition_locations goes to that location). With LogicalWrite::staged set
// (every statement), Finalize moves nothing: it hands the staged files to the StagedWrite and
// the statement publishes them inside its catalog commit (publish.hpp). Without it (tests,
// tools), Finalize moves them itself, all or nothing. A failed query deletes the staging
// folder; a killed writer's folder is removed by the next write there (staging_cleanup.hpp).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/exec/physical_operator.hpp"
#include "sql/exec/physical_planner.hpp"
#include "sql/exec/publish.hpp"

namespace basin::sql {

class PhysicalWrite : public PhysicalOperator {
 public:
  PhysicalWrite(const LogicalWrite& write, std::vector<types::LogicalType> input_types,
                std::shared_ptr<WriteReport> report);

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
  std::string location_;
  LakeFormat format_;
  std::string compression_;
  std::vector<std::string> column_names_;
  std::vector<types::LogicalType> input_types_;
  size_t partition_columns_;
  std::map<std::string, std::string> partition_locations_;  // LogicalWrite::partition_locations
  std::shared_ptr<WriteReport> report_;
  std::shared_ptr<StagedWrite> staged_;  // LogicalWrite::staged
};

}  // namespace basin::sql
