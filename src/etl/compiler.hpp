#pragma once

// Compiles a job DAG into the SQL engine's terms: the nodes up to the target become one query
// with one CTE per node (WITH "node-id" AS (…)), so a node read by several nodes is written
// once; the target becomes the engine's CTAS (first run: writes the files, then creates the
// catalog table), INSERT INTO (append), INSERT OVERWRITE [PARTITION (…)] (the overwrite
// modes), or UNLOAD (a target without a catalog table). All of them go through the engine's
// one write path (LogicalWrite, files published atomically), so a job never has a writer of
// its own. The SQL text is also the job's readable script.
//
// With the catalog, each node's input columns are known (the engine's binder types the
// CTEs), so every column a node names is checked, naming node and column, and nodes whose
// output depends on their input's columns (DropFields, RenameField, DropDuplicates on
// columns, Union by name, partition keys last) list them. DropNullFields also reads the data
// once to find the columns that are all null. Without the catalog (CompileQuery's default,
// for display), such nodes are written as `SELECT *` with a comment saying what the run does.

#include <map>
#include <string>

#include "catalog/catalog.hpp"
#include "etl/dag.hpp"
#include "sql/engine/session.hpp"

namespace basin::etl {

// SQL quoting: "name" with " doubled; 'text' with ' doubled.
std::string QuoteName(std::string_view name);
std::string QuoteText(std::string_view text);

// Extra WHERE text (engine SQL) per source node id, ANDed to what the source reads: the
// bookmarks' "only what is new" (etl/bookmarks).
using SourcePredicates = std::map<std::string, std::string>;

// The query computing the target's input (partition keys last). With `catalog` the columns are
// checked and resolved as described above; without it the text is for display.
std::string CompileQuery(const Dag& dag, const SourcePredicates& predicates = {},
                         catalog::Catalog* catalog = nullptr);

struct CompiledJob {
  std::string query;      // the query the statement writes
  std::string statement;  // the CTAS, INSERT, INSERT OVERWRITE or UNLOAD that runs it
  std::string kind;       // "CREATE TABLE AS" | "INSERT INTO" | "INSERT OVERWRITE" | "UNLOAD"
  bool creates_table = false;
  std::string location;          // the target folder, ending in '/'
  std::string catalog_database;  // empty for UNLOAD
  std::string catalog_table;
  // Session settings the statement needs; the job runner copies them into SessionOptions.
  int64_t target_file_size_bytes = 0;
  std::map<std::string, sql::DatabaseScanSplit> database_scan_splits;  // "db.table" →
};

// Checks the DAG against the catalog as it is now, before anything is written: each source
// table exists; each column a node names exists in its input (an ApplyMapping's with the
// mapping's source type: a source that vanished or changed type is InvalidInput naming node
// and column); a Join's inputs share no column name; the partition keys are columns of the
// target's input; an existing target table has the target's location, format, partition keys
// and columns. Then builds the statement for the write mode:
//   append               CTAS, or INSERT INTO when the table exists
//   overwrite            CTAS, or INSERT OVERWRITE t <query>
//   overwrite-partitions CTAS, or INSERT OVERWRITE t PARTITION (k, …) <query>
//   no catalog table     UNLOAD (<query>) TO 'path' WITH (format, compression, partitioned_by)
CompiledJob CompileJob(const Dag& dag, catalog::Catalog& catalog,
                       const SourcePredicates& predicates = {});

}  // namespace basin::etl
