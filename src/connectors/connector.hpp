#pragma once

// A source database as Basin reads it: introspection (schemas, tables and views, columns with
// their source and Hive types, primary keys, row-count estimates) and streaming scans that
// produce DataChunks of the mapped types with bounded memory.
//
// One implementation per engine (postgres/, mysql/, sqlite/); OpenConnector picks it from a
// catalog::Connection. A Connector holds one session to its server and is not thread-safe:
// use one per thread. A RowStream borrows its Connector's session, so a Connector runs one
// scan at a time, and must outlive the streams it made. Every failure is a basin::Error:
//   AccessDenied  wrong user or password ("authentication failed for user 'x' at h:p")
//   IOError       host unreachable, connection refused or lost (names host:port)
//   Timeout       the connect timeout passed
//   NotFound      a schema, table or column that does not exist
//   InvalidInput  a bad request (an unknown projected column, bad WHERE text the server refused)
//   Corrupt       bytes from the server that do not decode (names the table, row and column)
//
// Names: `schema` is PostgreSQL's schema (public), MySQL's database (movies; MySQL has no
// level in between), and SQLite's attached database name (main).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "columnar/data_chunk.hpp"
#include "types/logical_type.hpp"
#include "types/schema.hpp"

namespace basin::connectors {

enum class RelationKind { kTable, kView };
std::string_view RelationKindName(RelationKind kind);  // "TABLE", "VIEW"

// One column of a source table or view.
struct ColumnInfo {
  std::string name;
  std::string source_type;  // as the server spells it: "numeric(10,2)", "int(10) unsigned"
  std::string hive_type;    // the mapped Hive type string (the connector's README table)
  types::LogicalType type;  // hive_type parsed; what scans produce for this column
  bool nullable = true;
  int primary_key_position = 0;  // 1-based position in the primary key; 0: not a key column
  std::string comment;
};

// A table or view. `columns` is filled by DescribeTable and by ListTables(…, true).
struct TableInfo {
  std::string schema;
  std::string name;
  RelationKind kind = RelationKind::kTable;
  int64_t row_estimate = -1;  // the server's estimate (exact for SQLite); -1 when unknown
  std::string comment;
  std::vector<ColumnInfo> columns;

  // The key columns' names in key order (empty when the table has no primary key).
  std::vector<std::string> PrimaryKey() const;
  types::Schema ToSchema() const;
};

// What to read. Either a table (schema + table, with pushdowns) or a raw `query` (then the
// other fields must be empty; the result's columns map by their result types).
struct ScanRequest {
  std::string schema;
  std::string table;
  // Columns to read, in this order; empty reads all columns in table order.
  std::vector<std::string> columns;
  // SQL boolean expression in the server's dialect, pushed down verbatim as the WHERE clause
  // (bookmarks: "rental_id > 1200", splits: "customer_id % 4 = 1"). Build identifiers with
  // Connector::QuoteIdentifier and literals with Connector::QuoteString.
  std::string where;
  // ORDER BY text in the server's dialect, e.g. "\"rental_id\"" (bookmarks need key order).
  std::string order_by;
  std::optional<int64_t> limit;
  // A complete SELECT in the server's dialect; when set, schema/table/columns/where/order_by
  // must be empty.
  std::string query;

  static ScanRequest Table(std::string schema, std::string table) {
    ScanRequest request;
    request.schema = std::move(schema);
    request.table = std::move(table);
    return request;
  }
  static ScanRequest Query(std::string sql) {
    ScanRequest request;
    request.query = std::move(sql);
    return request;
  }
};

// Rows of one scan, pulled chunk by chunk. Memory stays bounded by a chunk plus the driver's
// buffer, whatever the table's size.
class RowStream {
 public:
  virtual ~RowStream() = default;
  // The columns produced, in order, with their mapped types.
  virtual const types::Schema& schema() const = 0;
  // Fills `chunk` with the next rows: up to columnar::kChunkRows. The chunk is reset first and
  // (re)built for schema() when its columns do not match. Returns false, with chunk.size() ==
  // 0, when the stream is exhausted; never returns true with 0 rows.
  virtual bool Next(columnar::DataChunk& chunk) = 0;
  // Rows returned so far.
  virtual int64_t rows_read() const = 0;
};

class Connector {
 public:
  virtual ~Connector() = default;

  virtual catalog::ConnectionType type() const = 0;
  // "PostgreSQL 15.8", "MariaDB 10.11.6", "SQLite 3.40.1".
  virtual std::string ServerVersion() = 0;
  // The database the connection opened (URL path; SQLite: the file's path).
  virtual std::string DatabaseName() const = 0;
  // User schemas, sorted; system ones (pg_catalog, information_schema, mysql, sys,
  // performance_schema, pg_toast…) left out.
  virtual std::vector<std::string> ListSchemas() = 0;
  // Tables and views of `schema`, sorted by name; with_columns also fills each one's columns
  // (in a few queries for the whole schema, not one per table). NotFound for a missing schema.
  virtual std::vector<TableInfo> ListTables(const std::string& schema,
                                            bool with_columns = false) = 0;
  // One table or view with its columns. NotFound when it does not exist.
  virtual TableInfo DescribeTable(const std::string& schema, const std::string& table) = 0;
  // Starts a scan. Table scans check the table and projected columns exist first (NotFound /
  // InvalidInput). The stream borrows this connector's session until it is destroyed.
  virtual std::unique_ptr<RowStream> Scan(const ScanRequest& request) = 0;

  // Quoting in the server's dialect, for building WHERE / ORDER BY text.
  virtual std::string QuoteIdentifier(std::string_view name) const = 0;
  virtual std::string QuoteString(std::string_view text) const;  // '…' with '' doubled
};

// `text` between two `quote`s, with every `quote` and every character of `also_doubled`
// written twice: identifiers and literals in every dialect the connectors speak.
std::string QuoteByDoubling(std::string_view text, char quote, std::string_view also_doubled = {});

// How long to wait for a server to answer a connection attempt, from the connection's
// parameter "connectTimeout" (seconds, as in the JDBC drivers' spelling) or 10 s.
int ConnectTimeoutSeconds(const catalog::Connection& connection);

// The password a connection names: the environment variable's value or the secret file's
// content (one trailing newline dropped); "" when it names none. InvalidInput when the
// variable is unset; NotFound / AccessDenied when the file is missing / unreadable.
std::string ResolvePassword(const catalog::Connection& connection);

// Opens the connector for the connection's type (by its URL) and connects.
std::unique_ptr<Connector> OpenConnector(const catalog::Connection& connection);

}  // namespace basin::connectors
