// UNLOAD (query) TO 'location' WITH (…), Athena's statement: the query's rows as files,
// without a catalog table.
//
// Properties: format = 'PARQUET' (default) | 'JSON' | 'TEXTFILE' | 'CSV'; compression (Parquet:
// snappy, zstd, gzip, lz4, none); field_delimiter (only ',' — Basin's CSV writer);
// partitioned_by = ARRAY['col', …] (the query's last columns, in order, become Hive folders).
// As in Athena, an unpartitioned UNLOAD refuses a location that already holds files, and a
// partitioned one writes into it. Basin's own property append = true lets an unpartitioned
// UNLOAD add files beside an earlier run's (ETL jobs appending to a path).
#include <set>

#include "catalog/catalog.hpp"
#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/engine/query_runner.hpp"
#include "sql/engine/session.hpp"
#include "sql/engine/write_util.hpp"

namespace basin::sql {

StatementResult Session::Unload(const UnloadStatement& statement, std::string_view sql) {
  std::string catalog_format = "parquet";
  LakeFormat format = LakeFormat::kParquet;
  std::string compression;
  std::vector<std::string> partitioned_by;
  bool append = false;
  std::set<std::string> seen;
  for (const auto& property : statement.properties) {
    std::string key = property.name.Name();
    if (!seen.insert(key).second) {
      ThrowInvalid(Position(property.name.pos) + "property '" + key + "' is given twice");
    }
    if (key == "format") {
      ParseFormat(PropertyString(property), property.value->pos, &catalog_format, &format);
    } else if (key == "compression") {
      compression = Lower(PropertyString(property));
    } else if (key == "field_delimiter") {
      if (PropertyString(property) != ",") {
        ThrowUnsupported(Position(property.value->pos) +
                         "field_delimiter: Basin writes text files with ',' only");
      }
    } else if (key == "partitioned_by") {
      for (auto& column : PropertyStringList(property)) {
        partitioned_by.push_back(catalog::NormalizeColumnName(column));
      }
    } else if (key == "append") {
      append = PropertyBool(property);
    } else {
      ThrowUnsupported(Position(property.name.pos) + "UNLOAD property '" + key +
                       "' is not supported (use format, compression, field_delimiter, "
                       "partitioned_by, and Basin's append)");
    }
  }
  if (format != LakeFormat::kParquet && !compression.empty() && compression != "none") {
    ThrowUnsupported(Position(statement.pos) + "compression '" + compression +
                     "' is supported for PARQUET only");
  }
  if (statement.location.empty()) {
    ThrowInvalid(Position(statement.pos) + "UNLOAD needs a location: TO 's3://bucket/path/'");
  }
  std::string location = WithSlash(statement.location);
  RollBackDeadPublishes(catalog_);
  if (partitioned_by.empty() && !append && HasVisibleFiles(location)) {
    throw Error(ErrorCode::kAlreadyExists,
                Position(statement.pos) + "the UNLOAD location " + location +
                    " is not empty: remove its files, or add WITH (append = true) to write "
                    "beside them");
  }

  BindContext context(catalog_, database_);
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(*statement.query, context);
  FirstPartitionColumn(plan->names, partitioned_by, statement.pos, "UNLOAD");

  LogicalPtr write = WrapInWrite(std::move(plan), context, location, format, compression,
                                 partitioned_by.size());
  std::shared_ptr<StagedWrite> staged = StagedOf(write);
  QueryOutput output = RunPlan(*this, std::move(write));
  uint64_t rows = RowsWritten(output);
  // No table to register; an ETL run's bookmarks still commit with the files' publish.
  PublishWrite(catalog_, *staged, [&] {
    if (options_.on_commit) CommitOutput([] {});
  });
  return RowsResult("UNLOAD", rows, output.bytes_scanned,
                    std::to_string(rows) + " rows unloaded to " + location);
}

}  // namespace basin::sql
