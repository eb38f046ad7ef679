#pragma once

// Compiles a job DAG into the SQL engine's terms: the nodes up to the target become one query
// (a CatalogSource a table reference, an ApplyMapping a projection with CASTs), and the
// target becomes the engine's CTAS (first run: writes the files, then creates the catalog
// table) or INSERT INTO (the table exists: appends). Both go through the engine's one write
// path (LogicalWrite, files published atomically), so a job never has a writer of its own.
// The SQL text is also the job's readable script.

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

// The SELECT computing the target's input. Needs no catalog: the types are the DAG's.
std::string CompileQuery(const Dag& dag, const SourcePredicates& predicates = {});

struct CompiledJob {
  std::string query;      // CompileQuery's text
  std::string statement;  // the CTAS or INSERT that runs it
  bool creates_table = false;
  std::string location;   // the target folder, ending in '/'
  std::string catalog_database;
  std::string catalog_table;
  // Session settings the statement needs; the job runner copies them into SessionOptions.
  int64_t target_file_size_bytes = 0;
  std::map<std::string, sql::DatabaseScanSplit> database_scan_splits;  // "db.table" →
};

// Checks the DAG against the catalog as it is now, before anything runs: each source table
// exists and has every mapped column with the mapping's source type (a source that vanished
// or changed type is InvalidInput naming the column); an existing target table has the
// target's location and format. Then builds the statement.
CompiledJob CompileJob(const Dag& dag, catalog::Catalog& catalog,
                       const SourcePredicates& predicates = {});

}  // namespace basin::etl
