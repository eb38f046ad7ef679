#include "connectors/sqlite/sqlite_connector.hpp"

#include <sqlite3.h>

#include <charconv>
#include <cmath>
#include <cstring>

#include "common/error.hpp"
#include "connectors/scan_support.hpp"
#include "connectors/sqlite/sqlite_types.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"

namespace basin::connectors::sqlite {

namespace {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;
using types::TypeId;

// One prepared statement, finalized on destruction.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::string& path) {
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
        SQLITE_OK) {
      ThrowInvalid("SQLite " + path + ": " + sqlite3_errmsg(db) + " in: " + sql);
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  void BindText(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  // true while a row is ready.
  bool Step(sqlite3* db, const std::string& path) {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    int code = sqlite3_errcode(db);
    std::string message = "SQLite " + path + ": " + sqlite3_errmsg(db);
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ThrowCorrupt(message);
    ThrowIO(message);
  }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text == nullptr ? "" : reinterpret_cast<const char*>(text);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

ColumnInfo MakeColumn(std::string name, std::string declared, bool nullable, int pk) {
  ColumnInfo column;
  column.name = std::move(name);
  column.source_type = std::move(declared);
  column.hive_type = HiveTypeOfDeclared(column.source_type);
  column.type = types::ParseHiveType(column.hive_type);
  column.nullable = nullable;
  column.primary_key_position = pk;
  return column;
}

// Reads one SQLite value into a vector slot of the column's mapped type.
class ValueWriter {
 public:
  ValueWriter(std::string path, std::string table)
      : path_(std::move(path)), table_(std::move(table)) {}

  void Write(sqlite3_stmt* stmt, int index, Vector& out, size_t row, int64_t row_number,
             const std::string& column_name) {
    int kind = sqlite3_column_type(stmt, index);
    if (kind == SQLITE_NULL) {
      out.SetNull(row);
      return;
    }
    switch (out.type().id()) {
      case TypeId::kBoolean:
        out.data<uint8_t>()[row] = Integer(stmt, index, kind, 0, 1, row_number, column_name) != 0;
        return;
      case TypeId::kTinyInt:
        out.data<int8_t>()[row] = static_cast<int8_t>(
            Integer(stmt, index, kind, INT8_MIN, INT8_MAX, row_number, column_name));
        return;
      case TypeId::kSmallInt:
        out.data<int16_t>()[row] = static_cast<int16_t>(
            Integer(stmt, index, kind, INT16_MIN, INT16_MAX, row_number, column_name));
        return;
      case TypeId::kInteger:
        out.data<int32_t>()[row] = static_cast<int32_t>(
            Integer(stmt, index, kind, INT32_MIN, INT32_MAX, row_number, column_name));
        return;
      case TypeId::kBigInt:
        out.data<int64_t>()[row] =
            Integer(stmt, index, kind, INT64_MIN, INT64_MAX, row_number, column_name);
        return;
      case TypeId::kFloat:
      case TypeId::kDouble: {
        if (kind == SQLITE_TEXT || kind == SQLITE_BLOB) {
          std::string text = TextOf(stmt, index);
          double value = 0;
          auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
          if (ec != std::errc() || end != text.data() + text.size())
            Bad(row_number, column_name, "'" + text + "' is not a number");
          Store(out, row, value);
        } else {
          Store(out, row, sqlite3_column_double(stmt, index));
        }
        return;
      }
      case TypeId::kDecimal: {
        std::string text;
        if (kind == SQLITE_FLOAT) {
          char buffer[64];
          auto result = std::to_chars(buffer, buffer + sizeof buffer,
                                      sqlite3_column_double(stmt, index), std::chars_format::fixed);
          text.assign(buffer, result.ptr);
        } else {
          text = TextOf(stmt, index);
        }
        auto value = types::ParseDecimal(text, out.type().precision(), out.type().scale());
        if (!value)
          Bad(row_number, column_name, "'" + text + "' is not a " + out.type().ToString());
        if (out.physical() == types::PhysicalType::kInt64) {
          out.data<int64_t>()[row] = static_cast<int64_t>(*value);
        } else {
          out.data<types::int128_t>()[row] = *value;
        }
        return;
      }
      case TypeId::kVarchar:
      case TypeId::kBinary: {
        const void* bytes = kind == SQLITE_BLOB
                                ? sqlite3_column_blob(stmt, index)
                                : static_cast<const void*>(sqlite3_column_text(stmt, index));
        int size = sqlite3_column_bytes(stmt, index);
        out.SetString(row, std::string_view(static_cast<const char*>(bytes), size));
        return;
      }
      case TypeId::kDate: {
        if (kind == SQLITE_INTEGER) {
          out.data<int32_t>()[row] =
              static_cast<int32_t>(FloorDiv(sqlite3_column_int64(stmt, index), 86'400));
          return;
        }
        std::string text = TextOf(stmt, index);
        if (auto days = types::ParseDate(text)) {
          out.data<int32_t>()[row] = *days;
        } else if (auto micros = types::ParseTimestamp(text)) {
          out.data<int32_t>()[row] = static_cast<int32_t>(FloorDiv(*micros, types::kMicrosPerDay));
        } else {
          Bad(row_number, column_name, "'" + text + "' is not a date");
        }
        return;
      }
      case TypeId::kTimestamp: {
        if (kind == SQLITE_INTEGER) {  // Unix seconds, as SQLite's unixepoch() gives
          int64_t seconds = sqlite3_column_int64(stmt, index);
          if (seconds > INT64_MAX / types::kMicrosPerSecond ||
              seconds < INT64_MIN / types::kMicrosPerSecond)
            Bad(row_number, column_name, "Unix time out of range");
          out.data<int64_t>()[row] = seconds * types::kMicrosPerSecond;
          return;
        }
        std::string text = TextOf(stmt, index);
        if (auto micros = types::ParseTimestamp(text)) {
          out.data<int64_t>()[row] = *micros;
        } else if (auto days = types::ParseDate(text)) {
          out.data<int64_t>()[row] = int64_t{*days} * types::kMicrosPerDay;
        } else {
          Bad(row_number, column_name, "'" + text + "' is not a timestamp");
        }
        return;
      }
      case TypeId::kTime: {
        std::string text = TextOf(stmt, index);
        auto micros = types::ParseTime(text);
        if (!micros) Bad(row_number, column_name, "'" + text + "' is not a time");
        out.data<int64_t>()[row] = *micros;
        return;
      }
      default: ThrowInternal("SQLite scan of a " + out.type().ToString() + " column");
    }
  }

 private:
  static int64_t FloorDiv(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
  }

  static std::string TextOf(sqlite3_stmt* stmt, int index) {
    const unsigned char* text = sqlite3_column_text(stmt, index);
    return std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt, index));
  }

  static void Store(Vector& out, size_t row, double value) {
    if (out.type().id() == TypeId::kFloat) {
      out.data<float>()[row] = static_cast<float>(value);
    } else {
      out.data<double>()[row] = value;
    }
  }

  int64_t Integer(sqlite3_stmt* stmt, int index, int kind, int64_t min, int64_t max,
                  int64_t row_number, const std::string& column_name) {
    int64_t value = 0;
    if (kind == SQLITE_INTEGER) {
      value = sqlite3_column_int64(stmt, index);
    } else if (kind == SQLITE_FLOAT) {
      double real = sqlite3_column_double(stmt, index);
      if (real != std::floor(real) || !(real >= -9.2e18 && real <= 9.2e18))
        Bad(row_number, column_name, "the real " + std::to_string(real) + " is not an integer");
      value = static_cast<int64_t>(real);
    } else {
      std::string text = TextOf(stmt, index);
      if (min == 0 && max == 1 &&
          (text == "true" || text == "TRUE" || text == "false" || text == "FALSE")) {
        return text[0] == 't' || text[0] == 'T';
      }
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec != std::errc() || end != text.data() + text.size())
        Bad(row_number, column_name, "'" + text + "' is not an integer");
    }
    if (value < min || value > max) {
      if (min == 0 && max == 1) return value != 0;
      Bad(row_number, column_name, std::to_string(value) + " is out of range");
    }
    return value;
  }

  [[noreturn]] void Bad(int64_t row_number, const std::string& column, const std::string& what) {
    ThrowCorrupt("SQLite " + path_ + ", " + table_ + " row " + std::to_string(row_number) +
                 ", column " + column + ": " + what);
  }

  std::string path_;
  std::string table_;
};

class SqliteRowStream : public RowStream {
 public:
  SqliteRowStream(sqlite3* db, std::string path, std::string sql, types::Schema schema,
                  std::string table)
      : db_(db),
        path_(path),
        statement_(db, sql, path),
        schema_(std::move(schema)),
        writer_(std::move(path), table) {}

  const types::Schema& schema() const override { return schema_; }
  int64_t rows_read() const override { return rows_read_; }

  bool Next(DataChunk& chunk) override {
    PrepareChunk(chunk, schema_);
    size_t rows = 0;
    while (!done_ && rows < columnar::kChunkRows) {
      if (!statement_.Step(db_, path_)) {
        done_ = true;
        break;
      }
      for (size_t c = 0; c < schema_.size(); ++c) {
        writer_.Write(statement_.get(), static_cast<int>(c), chunk.column(c), rows, rows_read_ + 1,
                      schema_[c].name);
      }
      ++rows;
      ++rows_read_;
    }
    chunk.SetSize(rows);
    return rows > 0;
  }

 private:
  sqlite3* db_;
  std::string path_;
  Statement statement_;
  types::Schema schema_;
  ValueWriter writer_;
  int64_t rows_read_ = 0;
  bool done_ = false;
};

class SqliteConnector : public Connector {
 public:
  SqliteConnector(std::string path, int timeout_seconds) : path_(std::move(path)) {
    int rc =
        sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      if (rc == SQLITE_CANTOPEN) {
        throw Error(ErrorCode::kNotFound,
                    "SQLite database " + path_ + " cannot be opened: " + message);
      }
      ThrowIO("SQLite database " + path_ + ": " + message);
    }
    sqlite3_busy_timeout(db_, timeout_seconds * 1000);
    // Opening is lazy: reading the schema tells a database from another file now.
    try {
      Statement check(db_, "SELECT count(*) FROM sqlite_schema", path_);
      check.Step(db_, path_);
    } catch (const Error& error) {
      sqlite3_close(db_);
      db_ = nullptr;
      ThrowCorrupt("SQLite " + path_ + " is not a database: " + error.what());
    }
  }
  ~SqliteConnector() override { sqlite3_close(db_); }

  catalog::ConnectionType type() const override { return catalog::ConnectionType::kSqlite; }
  std::string ServerVersion() override { return std::string("SQLite ") + sqlite3_libversion(); }
  std::string DatabaseName() const override { return path_; }

  std::vector<std::string> ListSchemas() override {
    std::vector<std::string> schemas;
    Statement statement(
        db_, "SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY name", path_);
    while (statement.Step(db_, path_)) schemas.push_back(statement.Text(0));
    return schemas;
  }

  std::vector<TableInfo> ListTables(const std::string& schema, bool with_columns) override {
    CheckSchema(schema);
    std::vector<TableInfo> tables;
    {
      Statement statement(db_,
                          "SELECT name, type FROM " + QuoteIdentifier(schema) +
                              ".sqlite_schema WHERE type IN ('table', 'view') AND name NOT "
                              "LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                          path_);
      while (statement.Step(db_, path_)) {
        TableInfo table;
        table.schema = schema;
        table.name = statement.Text(0);
        table.kind = statement.Text(1) == "view" ? RelationKind::kView : RelationKind::kTable;
        tables.push_back(std::move(table));
      }
    }
    for (auto& table : tables) {
      if (table.kind == RelationKind::kTable) table.row_estimate = CountRows(schema, table.name);
      if (with_columns) table.columns = Columns(schema, table.name);
    }
    return tables;
  }

  TableInfo DescribeTable(const std::string& schema, const std::string& name) override {
    CheckSchema(schema);
    Statement statement(db_,
                        "SELECT name, type FROM " + QuoteIdentifier(schema) +
                            ".sqlite_schema WHERE type IN ('table', 'view') AND name = ?1",
                        path_);
    statement.BindText(1, name);
    if (!statement.Step(db_, path_)) {
      throw Error(ErrorCode::kNotFound,
                  "SQLite " + path_ + " has no table or view " + schema + "." + name);
    }
    TableInfo table;
    table.schema = schema;
    table.name = statement.Text(0);
    table.kind = statement.Text(1) == "view" ? RelationKind::kView : RelationKind::kTable;
    if (table.kind == RelationKind::kTable) table.row_estimate = CountRows(schema, table.name);
    table.columns = Columns(schema, table.name);
    return table;
  }

  std::unique_ptr<RowStream> Scan(const ScanRequest& request) override {
    CheckScanRequest(request);
    if (!request.query.empty()) {
      // The result's declared types (a column straight from a table keeps its table's type).
      Statement probe(db_, request.query, path_);
      types::Schema schema;
      for (int i = 0; i < sqlite3_column_count(probe.get()); ++i) {
        const char* declared = sqlite3_column_decltype(probe.get(), i);
        ColumnInfo column =
            MakeColumn(sqlite3_column_name(probe.get(), i), declared ? declared : "", true, 0);
        schema.Add({column.name, column.type, true});
      }
      return std::make_unique<SqliteRowStream>(db_, path_, request.query, std::move(schema),
                                               "query");
    }
    std::string schema_name = request.schema.empty() ? "main" : request.schema;
    TableInfo table = DescribeTable(schema_name, request.table);
    std::vector<ColumnInfo> columns = ResolveProjection(table, request);
    std::vector<std::string> expressions;
    types::Schema schema;
    for (const auto& column : columns) {
      expressions.push_back(QuoteIdentifier(column.name));
      schema.Add({column.name, column.type, column.nullable});
    }
    std::string sql = BuildSelect(
        expressions, QuoteIdentifier(schema_name) + "." + QuoteIdentifier(table.name), request);
    return std::make_unique<SqliteRowStream>(db_, path_, sql, std::move(schema),
                                             schema_name + "." + table.name);
  }

  std::string QuoteIdentifier(std::string_view name) const override {
    return QuoteByDoubling(name, '"');
  }

 private:
  void CheckSchema(const std::string& schema) {
    Statement statement(db_, "SELECT 1 FROM pragma_database_list WHERE name = ?1", path_);
    statement.BindText(1, schema);
    if (!statement.Step(db_, path_)) {
      throw Error(ErrorCode::kNotFound,
                  "SQLite " + path_ + " has no schema '" + schema + "' (its tables are in 'main')");
    }
  }

  int64_t CountRows(const std::string& schema, const std::string& table) {
    Statement statement(
        db_, "SELECT count(*) FROM " + QuoteIdentifier(schema) + "." + QuoteIdentifier(table),
        path_);
    statement.Step(db_, path_);
    return sqlite3_column_int64(statement.get(), 0);
  }

  std::vector<ColumnInfo> Columns(const std::string& schema, const std::string& table) {
    Statement statement(
        db_, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1, ?2) ORDER BY cid",
        path_);
    statement.BindText(1, table);
    statement.BindText(2, schema);
    std::vector<ColumnInfo> columns;
    while (statement.Step(db_, path_)) {
      int pk = sqlite3_column_int(statement.get(), 3);
      columns.push_back(MakeColumn(statement.Text(0), statement.Text(1),
                                   sqlite3_column_int(statement.get(), 2) == 0 && pk == 0, pk));
    }
    return columns;
  }

  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<Connector> OpenSqlite(const catalog::Connection& connection,
                                      const catalog::ConnectionUrl& url) {
  return std::make_unique<SqliteConnector>(url.path, ConnectTimeoutSeconds(connection));
}

}  // namespace basin::connectors::sqlite
