#pragma once

// The catalog's model: what exists in the lake and what shape it has, never the records.
// Names and fields follow the AWS Glue API shapes (Database, Table, StorageDescriptor, Column,
// Partition, TableVersion, Connection) so the catalog can serve a Glue-compatible API; the few
// Basin additions are marked. Times are milliseconds since 1970-01-01 UTC, 0 when unset.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basin::catalog {

using Parameters = std::map<std::string, std::string>;

// Well-known table parameters, as Glue crawlers write them.
inline constexpr std::string_view kClassificationKey = "classification";
inline constexpr std::string_view kRecordCountKey = "recordCount";
inline constexpr std::string_view kSizeKey = "sizeKey";
inline constexpr std::string_view kObjectCountKey = "objectCount";
inline constexpr std::string_view kAverageRecordSizeKey = "averageRecordSize";

// Hive writes the null value of a partition key as this directory name.
inline constexpr std::string_view kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

struct Column {
  std::string name;
  std::string type;  // Hive type string: "int", "decimal(10,2)", "array<struct<a:int>>"
  std::string comment;
  Parameters parameters;
  bool operator==(const Column&) const = default;
};

struct SerDeInfo {
  std::string name;
  std::string serialization_library;  // "org.apache.hadoop.hive.ql.io.parquet.serde.…"
  Parameters parameters;              // e.g. field.delim, skip.header.line.count
  bool operator==(const SerDeInfo&) const = default;
};

struct SortOrder {
  std::string column;
  int sort_order = 1;  // 1 ascending, 0 descending (Hive's convention)
  bool operator==(const SortOrder&) const = default;
};

// Where the data lives and how it is laid out.
struct StorageDescriptor {
  std::vector<Column> columns;
  std::string location;  // lake URI (file path, s3://…) or, for JDBC tables, "db.schema.table"
  std::vector<std::string> additional_locations;
  std::string input_format;
  std::string output_format;
  bool compressed = false;
  int number_of_buckets = -1;  // -1: not bucketed
  SerDeInfo serde_info;
  std::vector<std::string> bucket_columns;
  std::vector<SortOrder> sort_columns;
  Parameters parameters;
  bool stored_as_sub_directories = false;
  bool operator==(const StorageDescriptor&) const = default;
};

struct Database {
  std::string name;
  std::string description;
  std::string location_uri;
  Parameters parameters;
  int64_t create_time = 0;
  bool operator==(const Database&) const = default;
};

enum class TableType {
  kExternalTable,  // EXTERNAL_TABLE: files in the lake
  kVirtualView,    // VIRTUAL_VIEW: a stored query
  kManagedTable,   // MANAGED_TABLE: as Hive, Spark and Trino write through the Glue API
  kJdbcTable,      // JDBC_TABLE (Basin): a table of a source database behind a Connection
};

std::string_view TableTypeName(TableType type);
// Throws InvalidInput listing the accepted spellings. Case-insensitive.
TableType ParseTableType(std::string_view text);

struct Table {
  std::string name;
  std::string database_name;
  std::string description;
  std::string owner;
  int64_t create_time = 0;
  int64_t update_time = 0;
  int64_t last_access_time = 0;
  int64_t last_analyzed_time = 0;
  int64_t retention = 0;
  StorageDescriptor storage_descriptor;
  std::vector<Column> partition_keys;
  std::string view_original_text;
  std::string view_expanded_text;
  TableType table_type = TableType::kExternalTable;
  // classification, recordCount, sizeKey, objectCount, averageRecordSize and free key-values.
  Parameters parameters;
  std::string created_by;  // the crawler or job that created it
  int64_t version_id = 0;  // 1, 2, 3… per table; set by the catalog
  // Basin: set when a crawler no longer finds the source (Glue's DEPRECATE_IN_DATABASE).
  bool deprecated = false;
  // Basin: the Connection a JDBC_TABLE reads through.
  std::string connection_name;

  bool operator==(const Table&) const = default;
};

// One kept definition of a table. The newest version is the table itself.
struct TableVersion {
  Table table;
  int64_t version_id = 0;
};

struct Partition {
  std::vector<std::string> values;  // one per partition key, in key order
  std::string database_name;
  std::string table_name;
  int64_t creation_time = 0;
  int64_t last_access_time = 0;
  int64_t last_analyzed_time = 0;
  StorageDescriptor storage_descriptor;
  Parameters parameters;
  bool operator==(const Partition&) const = default;
};

enum class ConnectionType { kPostgreSql, kMySql, kSqlite };
std::string_view ConnectionTypeName(ConnectionType type);   // "POSTGRESQL", "MYSQL", "SQLITE"
ConnectionType ParseConnectionType(std::string_view text);  // case-insensitive

// How a client asks for TLS, with PostgreSQL's sslmode names.
enum class TlsMode { kDisable, kPrefer, kRequire, kVerifyCa, kVerifyFull };
std::string_view TlsModeName(TlsMode mode);  // "disable", "prefer", …, "verify-full"
TlsMode ParseTlsMode(std::string_view text);

// Where a connection's password comes from. The catalog never holds the password itself.
struct PasswordRef {
  enum class Kind { kNone, kEnvironment, kFile };
  Kind kind = Kind::kNone;
  std::string value;  // environment variable name, or absolute path of a secret file
  bool operator==(const PasswordRef&) const = default;
};

struct Connection {
  std::string name;
  std::string description;
  ConnectionType type = ConnectionType::kSqlite;
  std::string url;  // jdbc:postgresql://h:5432/db, jdbc:mysql://h:3306/db, sqlite:/path/file.db
  std::string user;
  PasswordRef password;
  TlsMode tls_mode = TlsMode::kPrefer;
  Parameters parameters;
  int64_t creation_time = 0;
  int64_t last_updated_time = 0;
  bool operator==(const Connection&) const = default;
};

// Paging as the Glue API does it: at most max_results items (0: no limit) and an opaque token
// to pass back for the next page, empty on the last page.
struct PageRequest {
  int64_t max_results = 0;
  std::string next_token;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_token;
};

enum class PatternSyntax {
  kGlob,  // * any run, ? one character, [abc] a set
  kLike,  // SQL LIKE: % any run, _ one character
};

// A predicate on a table parameter: the key is present and, when value is set, equal to it.
struct ParameterPredicate {
  std::string key;
  std::optional<std::string> value;
};

// What SearchTables matches; every set field must match.
struct TableSearch {
  std::string database;      // empty: every database
  std::string name_pattern;  // empty: every name; matched against lower-case names
  PatternSyntax syntax = PatternSyntax::kGlob;
  std::vector<ParameterPredicate> parameters;
  bool include_deprecated = true;
};

// Milliseconds since the epoch, now.
int64_t NowMillis();

}  // namespace basin::catalog
