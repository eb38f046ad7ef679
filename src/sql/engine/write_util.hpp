#pragma once

// Helpers shared by the statements that write into the lake (CTAS, INSERT INTO, INSERT
// OVERWRITE, UNLOAD): WITH-property parsing, the LogicalWrite on top of a query, the
// projection of a query onto a table's columns, and listing / removing written files.
// Internal to sql/engine.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "sql/binder/binder.hpp"
#include "sql/engine/query_runner.hpp"
#include "sql/engine/statement_result.hpp"
#include "sql/exec/publish.hpp"
#include "sql/exec/staging_cleanup.hpp"
#include "sql/parser/ast_statement.hpp"
#include "sql/plan/logical_plan.hpp"

namespace basin::sql {

// "line L:C: " for messages about a statement's text.
std::string Position(const SourcePos& pos);
std::string Lower(std::string_view text);
std::string WithSlash(std::string path);

// The value of a WITH property that must be a string literal / ARRAY['…', …] / a boolean
// (TRUE, FALSE or the strings 'true', 'false').
std::string PropertyString(const TableProperty& property);
std::vector<std::string> PropertyStringList(const TableProperty& property);
bool PropertyBool(const TableProperty& property);

// Athena's format names that Basin writes (PARQUET, JSON, TEXTFILE / CSV): the catalog's
// format name and the lake format. Unsupported for any other.
void ParseFormat(const std::string& text, const SourcePos& pos, std::string* catalog_format,
                 LakeFormat* format);

// Files below `location` now (hidden ones included), to tell what a failed write may have
// left. A missing folder has none.
std::set<std::string> FilesUnder(const std::string& location);
// The files below `location` that scans read: none whose name, or a folder between it and
// `location`, starts with '.' or '_' (Hive's hidden files: staging, _SUCCESS, …).
std::vector<std::string> VisibleFilesUnder(const std::string& location);
// Whether `location` holds a file that scans would read.
bool HasVisibleFiles(const std::string& location);
// Removes the files that appeared under `location` since `before`; never throws (it runs
// while another error is on its way out).
void RemoveNewFiles(const std::string& location, const std::set<std::string>& before);
// Removes `path` (a file, or a folder with everything below it); never throws.
void RemoveQuietly(const std::string& path);

// Puts a LogicalWrite on top of `plan`; its last `partition_columns` columns become Hive
// folders key=value/.
LogicalPtr WrapInWrite(LogicalPtr plan, BindContext& context, std::string location,
                       LakeFormat format, std::string compression, size_t partition_columns);
// The StagedWrite of a plan WrapInWrite returned (its root): the statement publishes it.
std::shared_ptr<StagedWrite> StagedOf(const LogicalPtr& write);
// The BIGINT the write returned.
uint64_t RowsWritten(const QueryOutput& output);
// A statement's one-row result `rows`.
StatementResult RowsResult(std::string type, uint64_t rows, uint64_t bytes_scanned,
                           std::string message);

// How INSERT writes into an existing table: its lake format and compression. Refuses views,
// formats Basin does not write, and CSV tables whose files Basin's writer cannot match.
struct TableWriteFormat {
  LakeFormat format = LakeFormat::kParquet;
  std::string compression;
};
TableWriteFormat WriteFormatOf(const catalog::Table& table, const std::string& qualified_name,
                               const SourcePos& pos, std::string_view verb);

// Where the partition columns start among a query's output `names`. As in Athena,
// `partitioned_by` (normalized names) must be the query's last columns, in order, with at
// least one column before them; `what` names the output in that message ("UNLOAD", "a table").
size_t FirstPartitionColumn(const std::vector<std::string>& names,
                            const std::vector<std::string>& partitioned_by, const SourcePos& pos,
                            std::string_view what);

// The table's columns in file order: data columns, then partition keys.
std::vector<catalog::Column> TableColumns(const catalog::Table& table);

// Projects the bound query `plan` onto `targets`: listed columns (empty: all, in order) take
// the query's columns, with implicit casts; unlisted ones are NULL.
LogicalPtr ProjectOntoColumns(LogicalPtr plan, BindContext& context,
                              const std::vector<catalog::Column>& targets,
                              const std::vector<Identifier>& listed,
                              const std::string& qualified_name, const SourcePos& pos);

// The Hive folder "k1=v1/k2=v2/" of partition `values` (escaped as the writer does).
std::string PartitionFolder(const std::vector<catalog::Column>& keys,
                            const std::vector<std::string>& values);

// The partitions whose files lie below `root` in Hive folders k1=v1/…/ in key order (hidden
// entries skipped): values → folder (with `root` in front).
std::map<std::vector<std::string>, std::string> FindPartitionFolders(
    const std::string& root, const std::vector<catalog::Column>& keys);

// Every partition of a table.
std::vector<catalog::Partition> ListAllPartitions(catalog::Catalog& catalog,
                                                  const std::string& database,
                                                  const std::string& table);

}  // namespace basin::sql
