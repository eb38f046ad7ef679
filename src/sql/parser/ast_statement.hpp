#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/ast_query.hpp"

namespace basin::sql {

enum class StatementKind : uint8_t {
  kQuery,
  kInsert,
  kCreateDatabase,
  kCreateTable,  // Hive DDL: CREATE [EXTERNAL] TABLE t (columns) …
  kCreateTableAs,
  kCreateView,
  kDrop,
  kShow,
  kDescribe,
  kMsckRepair,
  kAddPartitions,
  kDropPartitions,
  kExplain,
  kUse,
  kUnload,
};

struct Statement {
  Statement(StatementKind k, SourcePos p) : kind(k), pos(p) {}
  virtual ~Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  template <typename T>
  const T& As() const {
    if (kind != T::kKind) ThrowInternal("statement node has another kind");
    return static_cast<const T&>(*this);
  }
  template <typename T>
  T& As() {
    if (kind != T::kKind) ThrowInternal("statement node has another kind");
    return static_cast<T&>(*this);
  }

  const StatementKind kind;
  SourcePos pos;
  // The statement's bytes in the script, without the separating ';' (for query history).
  size_t text_begin = 0;
  size_t text_end = 0;
};

using StatementPtr = std::unique_ptr<Statement>;

// 'key' = 'value' in TBLPROPERTIES, SERDEPROPERTIES and DBPROPERTIES.
struct StringProperty {
  std::string key;
  std::string value;
};

struct QueryStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kQuery;
  explicit QueryStatement(SourcePos p) : Statement(kKind, p) {}
  std::unique_ptr<Query> query;
};

// INSERT INTO table [(columns)] query
// INSERT OVERWRITE [TABLE] table [PARTITION (key, …)] query  (Hive / Spark): the query's rows
// replace the table's data, or with PARTITION only the partitions that receive rows.
struct InsertStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kInsert;
  explicit InsertStatement(SourcePos p) : Statement(kKind, p) {}
  QualifiedName table;
  std::vector<Identifier> columns;  // INSERT INTO only
  std::unique_ptr<Query> query;
  bool overwrite = false;
  // PARTITION (k1, k2): dynamic partition overwrite over these keys.
  std::vector<Identifier> partition_columns;
};

// CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [COMMENT '…'] [LOCATION '…']
//   [WITH DBPROPERTIES ('k' = 'v', …)]
struct CreateDatabaseStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateDatabase;
  explicit CreateDatabaseStatement(SourcePos p) : Statement(kKind, p) {}
  Identifier name;
  bool if_not_exists = false;
  std::optional<std::string> comment;
  std::optional<std::string> location;
  std::vector<StringProperty> properties;
};

// name type [COMMENT '…'] in Hive DDL.
struct ColumnDefinition {
  Identifier name;
  TypeName type;
  std::optional<std::string> comment;
};

enum class RowFormatKind : uint8_t { kNone, kDelimited, kSerde };

// ROW FORMAT DELIMITED … | ROW FORMAT SERDE '…' [WITH SERDEPROPERTIES (…)]. Strings are
// unescaped the way Hive does ('\t', '\001').
struct RowFormat {
  RowFormatKind kind = RowFormatKind::kNone;
  std::optional<std::string> fields_terminated_by;
  std::optional<std::string> escaped_by;
  std::optional<std::string> collection_items_terminated_by;
  std::optional<std::string> map_keys_terminated_by;
  std::optional<std::string> lines_terminated_by;
  std::optional<std::string> null_defined_as;
  std::string serde;
  std::vector<StringProperty> serde_properties;
};

// CLUSTERED BY (columns) INTO n BUCKETS
struct Bucketing {
  std::vector<Identifier> columns;
  int64_t buckets = 0;
};

// CREATE [EXTERNAL] TABLE [IF NOT EXISTS] name (columns) [COMMENT '…']
//   [PARTITIONED BY (columns)] [CLUSTERED BY (…) INTO n BUCKETS] [ROW FORMAT …]
//   [STORED AS format | STORED AS INPUTFORMAT '…' OUTPUTFORMAT '…'] [LOCATION '…']
//   [TBLPROPERTIES ('k' = 'v', …)]
struct CreateTableStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateTable;
  explicit CreateTableStatement(SourcePos p) : Statement(kKind, p) {}
  bool external = false;
  bool if_not_exists = false;
  QualifiedName name;
  std::vector<ColumnDefinition> columns;
  std::optional<std::string> comment;
  std::vector<ColumnDefinition> partition_columns;
  std::optional<Bucketing> bucketing;
  RowFormat row_format;
  std::string stored_as;  // upper case: PARQUET, TEXTFILE, …; empty when not given
  std::string input_format;
  std::string output_format;
  std::optional<std::string> location;
  std::vector<StringProperty> table_properties;
};

// name = value in CTAS's WITH (…): format = 'PARQUET', partitioned_by = ARRAY['a'].
struct TableProperty {
  Identifier name;
  ExprPtr value;
};

// CREATE TABLE [IF NOT EXISTS] name [WITH (property = value, …)] AS query [WITH [NO] DATA]
struct CreateTableAsStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateTableAs;
  explicit CreateTableAsStatement(SourcePos p) : Statement(kKind, p) {}
  bool if_not_exists = false;
  QualifiedName name;
  std::vector<TableProperty> properties;
  std::unique_ptr<Query> query;
  bool with_data = true;
  bool data_clause = false;  // WITH [NO] DATA was written
};

// CREATE [OR REPLACE] VIEW name [(columns)] AS query
struct CreateViewStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateView;
  explicit CreateViewStatement(SourcePos p) : Statement(kKind, p) {}
  bool or_replace = false;
  QualifiedName name;
  std::vector<Identifier> columns;
  std::unique_ptr<Query> query;
};

enum class ObjectKind : uint8_t { kDatabase, kTable, kView };

// DROP DATABASE|SCHEMA|TABLE|VIEW [IF EXISTS] name [CASCADE|RESTRICT]
struct DropStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDrop;
  DropStatement(SourcePos p, ObjectKind o) : Statement(kKind, p), object(o) {}
  ObjectKind object;
  bool if_exists = false;
  QualifiedName name;
  bool cascade = false;  // databases only
};

enum class ShowKind : uint8_t {
  kDatabases,      // SHOW DATABASES|SCHEMAS [LIKE '…']
  kTables,         // SHOW TABLES [IN db] [[LIKE] '…']
  kViews,          // SHOW VIEWS [IN db] [LIKE '…']
  kColumns,        // SHOW COLUMNS FROM|IN t [FROM|IN db]
  kPartitions,     // SHOW PARTITIONS t
  kCreateTable,    // SHOW CREATE TABLE t
  kCreateView,     // SHOW CREATE VIEW v
  kTblProperties,  // SHOW TBLPROPERTIES t [('key')]
};

struct ShowStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kShow;
  ShowStatement(SourcePos p, ShowKind w) : Statement(kKind, p), what(w) {}
  ShowKind what;
  QualifiedName target;  // the database (kTables, kViews; may be empty) or the table / view
  std::optional<std::string> pattern;  // LIKE pattern, or the TBLPROPERTIES key
};

// DESCRIBE|DESC [EXTENDED|FORMATTED] table [column]
struct DescribeStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDescribe;
  explicit DescribeStatement(SourcePos p) : Statement(kKind, p) {}
  QualifiedName table;
  bool extended = false;
  bool formatted = false;
  std::optional<Identifier> column;
};

// MSCK REPAIR TABLE t
struct MsckRepairStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kMsckRepair;
  explicit MsckRepairStatement(SourcePos p) : Statement(kKind, p) {}
  QualifiedName table;
};

// key = value inside PARTITION (…); Hive keeps every value as text.
struct PartitionValue {
  Identifier key;
  std::string value;
  bool quoted = true;  // written as a string rather than a number
};

struct PartitionSpec {
  SourcePos pos;
  std::vector<PartitionValue> values;
};

struct AddedPartition {
  PartitionSpec spec;
  std::optional<std::string> location;
};

// ALTER TABLE t ADD [IF NOT EXISTS] PARTITION (…) [LOCATION '…'] [PARTITION …]…
struct AddPartitionsStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kAddPartitions;
  explicit AddPartitionsStatement(SourcePos p) : Statement(kKind, p) {}
  QualifiedName table;
  bool if_not_exists = false;
  std::vector<AddedPartition> partitions;
};

// ALTER TABLE t DROP [IF EXISTS] PARTITION (…)[, PARTITION (…)]…
struct DropPartitionsStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDropPartitions;
  explicit DropPartitionsStatement(SourcePos p) : Statement(kKind, p) {}
  QualifiedName table;
  bool if_exists = false;
  std::vector<PartitionSpec> partitions;
};

// EXPLAIN [ANALYZE [VERBOSE]] [(FORMAT TEXT|JSON|GRAPHVIZ, TYPE LOGICAL|DISTRIBUTED|…)] stmt
struct ExplainStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kExplain;
  explicit ExplainStatement(SourcePos p) : Statement(kKind, p) {}
  bool analyze = false;
  bool verbose = false;
  std::optional<std::string> format;  // upper case
  std::optional<std::string> type;    // upper case
  StatementPtr statement;
};

// UNLOAD (query) TO 'location' [WITH (property = value, …)]  (Athena): writes the query's
// rows as files, without a catalog table.
struct UnloadStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kUnload;
  explicit UnloadStatement(SourcePos p) : Statement(kKind, p) {}
  std::unique_ptr<Query> query;
  std::string location;
  std::vector<TableProperty> properties;
};

// USE db | USE catalog.db
struct UseStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kUse;
  explicit UseStatement(SourcePos p) : Statement(kKind, p) {}
  QualifiedName name;
};

}  // namespace basin::sql
