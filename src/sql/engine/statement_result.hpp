#pragma once

// What one executed statement gives back: a result table (a query's rows, SHOW's listing,
// EXPLAIN's text) or only a message for statements that change things (CREATE, DROP …), plus
// the statistics Athena shows for a query: elapsed time, bytes scanned, rows.

#include <cstdint>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "types/logical_type.hpp"

namespace basin::sql {

struct StatementResult {
  // "SELECT", "CREATE TABLE", "SHOW TABLES", … (upper case), for messages and history.
  std::string statement_type;
  // True when the statement produces a result table (queries, SHOW, DESCRIBE, EXPLAIN, and
  // CTAS / INSERT, whose one row is the rows written).
  bool has_result = false;
  std::vector<std::string> column_names;
  std::vector<types::LogicalType> column_types;
  std::vector<columnar::DataChunk> chunks;  // the rows, in order (empty when streamed)
  bool streamed = false;  // the rows went to a ResultSink
  uint64_t row_count = 0;
  // For statements without a result: what happened ("database sales created").
  std::string message;

  uint64_t bytes_scanned = 0;
  double elapsed_seconds = 0;
  std::string query_id;  // set for statements whose result was saved under <home>/results/

  // Row `row` of the result as text cells, NULL as "NULL" (slow path: printing, tests).
  std::vector<std::vector<std::string>> RowsAsText(size_t max_rows = SIZE_MAX) const;
};

// Builds a result of text columns row by row (SHOW, DESCRIBE, EXPLAIN).
class TextResultBuilder {
 public:
  TextResultBuilder(std::string statement_type, std::vector<std::string> column_names);
  // One cell per column (missing trailing cells are empty strings).
  void AddRow(const std::vector<std::string>& cells);
  StatementResult Finish();

 private:
  StatementResult result_;
};

// The result as CSV the way Athena writes query results: a header line, every value quoted
// ("…" with "" for a quote), NULL as an empty unquoted field.
std::string ResultToCsv(const StatementResult& result);
// The same in pieces, for results that stream: the header line, then each chunk's rows.
void AppendCsvHeader(const std::vector<std::string>& column_names, std::string& out);
void AppendCsvRows(const columnar::DataChunk& chunk, std::string& out);

// Receives a query's rows as the executor produces them, instead of the StatementResult
// keeping them (Session::ExecuteStatement with a sink). Called from one thread, in order.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  // Before the first chunk (also when no rows follow).
  virtual void Begin(const std::vector<std::string>& column_names,
                     const std::vector<types::LogicalType>& column_types) = 0;
  virtual void Chunk(const columnar::DataChunk& chunk) = 0;
};

// One value as text, as Trino prints it; sets *is_null and returns "NULL" for a NULL.
std::string CellText(const columnar::Vector& vector, size_t row, bool* is_null);

}  // namespace basin::sql
