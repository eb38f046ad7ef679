#include "connectors/mysql/mysql_connector.hpp"

#include <mysql.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <map>

#include "common/error.hpp"
#include "connectors/mysql/mysql_types.hpp"
#include "connectors/scan_support.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"

namespace basin::connectors::mysql {

namespace {

using columnar::DataChunk;
using columnar::Vector;
using types::TypeId;

struct ResultDeleter {
  void operator()(MYSQL_RES* result) const { mysql_free_result(result); }
};
using Result = std::unique_ptr<MYSQL_RES, ResultDeleter>;

ErrorCode CodeOfErrno(unsigned int error) {
  switch (error) {
    case 1044:
    case 1045:
    case 1142:
    case 1143:
    case 1227:
    case 1698: return ErrorCode::kAccessDenied;
    case 1049:
    case 1146: return ErrorCode::kNotFound;
    case 1054:
    case 1064:
    case 1052: return ErrorCode::kInvalidInput;
    case 1317: return ErrorCode::kCancelled;
    default: return ErrorCode::kIOError;
  }
}

// DATA_TYPE and COLUMN_TYPE-like text for a result field, so raw queries map like tables.
std::pair<std::string, std::string> FieldTypeNames(const MYSQL_FIELD& field) {
  bool is_unsigned = (field.flags & UNSIGNED_FLAG) != 0;
  std::string suffix = is_unsigned ? " unsigned" : "";
  bool binary = field.charsetnr == 63;
  switch (field.type) {
    case MYSQL_TYPE_TINY:
      return {"tinyint", "tinyint(" + std::to_string(field.length) + ")" + suffix};
    case MYSQL_TYPE_SHORT: return {"smallint", "smallint" + suffix};
    case MYSQL_TYPE_INT24: return {"mediumint", "mediumint" + suffix};
    case MYSQL_TYPE_LONG: return {"int", "int" + suffix};
    case MYSQL_TYPE_LONGLONG: return {"bigint", "bigint" + suffix};
    case MYSQL_TYPE_YEAR: return {"year", "year"};
    case MYSQL_TYPE_BIT: return {"bit", "bit(" + std::to_string(field.length) + ")"};
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL: {
      // length counts the sign and the point.
      unsigned long precision = field.length - (field.decimals > 0 ? 1 : 0) - (is_unsigned ? 0 : 1);
      return {"decimal",
              "decimal(" + std::to_string(precision) + "," + std::to_string(field.decimals) + ")"};
    }
    case MYSQL_TYPE_FLOAT: return {"float", "float"};
    case MYSQL_TYPE_DOUBLE: return {"double", "double"};
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE: return {"date", "date"};
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP: return {"datetime", "datetime"};
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_VARCHAR:
      return {binary ? "varbinary" : "varchar", binary ? "varbinary" : "varchar"};
    case MYSQL_TYPE_GEOMETRY: return {"geometry", "geometry"};
    default: return {"varchar", "varchar"};
  }
}

// Parses text-protocol values of one result into vectors.
class RowParser {
 public:
  RowParser(std::vector<Parse> parses, std::vector<std::string> names, std::string label)
      : parses_(std::move(parses)), names_(std::move(names)), label_(std::move(label)) {}

  void ParseRow(MYSQL_ROW row, const unsigned long* lengths, DataChunk& chunk, size_t slot,
                int64_t row_number) {
    for (size_t c = 0; c < parses_.size(); ++c) {
      Vector& out = chunk.column(c);
      if (row[c] == nullptr) {
        out.SetNull(slot);
        continue;
      }
      std::string_view text(row[c], lengths[c]);
      ParseValue(c, text, out, slot, row_number);
    }
  }

 private:
  void ParseValue(size_t c, std::string_view text, Vector& out, size_t slot, int64_t row_number) {
    switch (parses_[c]) {
      case Parse::kBoolean:
      case Parse::kInteger: {
        int64_t value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size())
          Bad(c, row_number, "'" + std::string(text) + "' is not an integer");
        StoreInteger(c, value, out, slot, row_number);
        return;
      }
      case Parse::kBit: {
        if (text.size() > 8) Bad(c, row_number, "bit value wider than 64 bits");
        uint64_t value = 0;
        for (unsigned char byte : text) value = (value << 8) | byte;
        if (out.type().id() == TypeId::kBoolean) {
          out.data<uint8_t>()[slot] = value != 0;
        } else {
          out.data<int64_t>()[slot] = static_cast<int64_t>(value);
        }
        return;
      }
      case Parse::kDecimal: {
        auto value = types::ParseDecimal(text, out.type().precision(), out.type().scale());
        if (!value)
          Bad(c, row_number, "'" + std::string(text) + "' is not a " + out.type().ToString());
        if (out.physical() == types::PhysicalType::kInt64) {
          out.data<int64_t>()[slot] = static_cast<int64_t>(*value);
        } else {
          out.data<types::int128_t>()[slot] = *value;
        }
        return;
      }
      case Parse::kFloat: {
        double value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size())
          Bad(c, row_number, "'" + std::string(text) + "' is not a number");
        if (out.type().id() == TypeId::kFloat) {
          out.data<float>()[slot] = static_cast<float>(value);
        } else {
          out.data<double>()[slot] = value;
        }
        return;
      }
      case Parse::kText:
      case Parse::kBinary: out.SetString(slot, text); return;
      case Parse::kDate: {
        if (text.starts_with("0000-00-00")) {
          out.SetNull(slot);  // MySQL's zero date, read as NULL as the JDBC drivers do
          return;
        }
        auto days = types::ParseDate(text);
        if (!days) Bad(c, row_number, "'" + std::string(text) + "' is not a date");
        out.data<int32_t>()[slot] = *days;
        return;
      }
      case Parse::kTimestamp: {
        if (text.starts_with("0000-00-00")) {
          out.SetNull(slot);
          return;
        }
        auto micros = types::ParseTimestamp(text);
        if (!micros) Bad(c, row_number, "'" + std::string(text) + "' is not a timestamp");
        out.data<int64_t>()[slot] = *micros;
        return;
      }
    }
  }

  void StoreInteger(size_t c, int64_t value, Vector& out, size_t slot, int64_t row_number) {
    auto check = [&](int64_t min, int64_t max) {
      if (value < min || value > max)
        Bad(c, row_number, std::to_string(value) + " is out of range of " + out.type().ToString());
    };
    switch (out.type().id()) {
      case TypeId::kBoolean: out.data<uint8_t>()[slot] = value != 0; return;
      case TypeId::kTinyInt:
        check(INT8_MIN, INT8_MAX);
        out.data<int8_t>()[slot] = static_cast<int8_t>(value);
        return;
      case TypeId::kSmallInt:
        check(INT16_MIN, INT16_MAX);
        out.data<int16_t>()[slot] = static_cast<int16_t>(value);
        return;
      case TypeId::kInteger:
        check(INT32_MIN, INT32_MAX);
        out.data<int32_t>()[slot] = static_cast<int32_t>(value);
        return;
      case TypeId::kBigInt: out.data<int64_t>()[slot] = value; return;
      default: ThrowInternal("MySQL integer into " + out.type().ToString());
    }
  }

  [[noreturn]] void Bad(size_t c, int64_t row_number, const std::string& what) {
    ThrowCorrupt("MySQL " + label_ + ", row " + std::to_string(row_number) + ", column " +
                 names_[c] + ": " + what);
  }

  std::vector<mysql::Parse> parses_;
  std::vector<std::string> names_;
  std::string label_;
};

// An unbuffered result (mysql_use_result): rows arrive as they are fetched, so memory holds
// one row at a time. Destroying it early reads and discards the rest (the protocol has no
// other way to free the session).
class MySqlRowStream : public RowStream {
 public:
  MySqlRowStream(MYSQL* mysql, MYSQL_RES* result, types::Schema schema, std::vector<Parse> parses,
                 std::string label, std::function<void()> abandon)
      : mysql_(mysql),
        result_(result),
        schema_(std::move(schema)),
        label_(label),
        abandon_(std::move(abandon)) {
    std::vector<std::string> names;
    for (const auto& field : schema_.fields()) names.push_back(field.name);
    parser_ = std::make_unique<RowParser>(std::move(parses), std::move(names), std::move(label));
  }
  ~MySqlRowStream() override {
    if (done_) return;
    // Stop the server sending the rest, so freeing the result drains little.
    try {
      abandon_();
    } catch (const Error&) {
      // Draining still frees the session; it only takes longer.
    }
    result_.reset();
  }

  const types::Schema& schema() const override { return schema_; }
  int64_t rows_read() const override { return rows_read_; }

  bool Next(DataChunk& chunk) override {
    PrepareChunk(chunk, schema_);
    size_t rows = 0;
    while (!done_ && rows < columnar::kChunkRows) {
      MYSQL_ROW row = mysql_fetch_row(result_.get());
      if (row == nullptr) {
        done_ = true;
        if (mysql_errno(mysql_) != 0) {
          throw Error(CodeOfErrno(mysql_errno(mysql_)),
                      "MySQL " + label_ + ": " + mysql_error(mysql_));
        }
        break;
      }
      parser_->ParseRow(row, mysql_fetch_lengths(result_.get()), chunk, rows, rows_read_ + 1);
      ++rows;
      ++rows_read_;
    }
    chunk.SetSize(rows);
    return rows > 0;
  }

 private:
  MYSQL* mysql_;
  Result result_;
  types::Schema schema_;
  std::string label_;
  std::function<void()> abandon_;
  std::unique_ptr<RowParser> parser_;
  int64_t rows_read_ = 0;
  bool done_ = false;
};

// Opens a session; the errors the connector documents.
MYSQL* Connect(const catalog::Connection& connection, const catalog::ConnectionUrl& url,
               const std::string& password) {
  std::string host_port = url.host + ":" + std::to_string(url.port);
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr)
    throw Error(ErrorCode::kResourceExhausted, "out of memory connecting to MySQL");
  unsigned int timeout = static_cast<unsigned int>(ConnectTimeoutSeconds(connection));
  mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  my_bool yes = 1;
  switch (connection.tls_mode) {
    case catalog::TlsMode::kDisable:
    case catalog::TlsMode::kPrefer: break;
    case catalog::TlsMode::kRequire: mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &yes); break;
    case catalog::TlsMode::kVerifyCa:
    case catalog::TlsMode::kVerifyFull:
      mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &yes);
      mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
      break;
  }
  auto ca = connection.parameters.find("sslrootcert");
  if (ca != connection.parameters.end()) mysql_options(mysql, MYSQL_OPT_SSL_CA, ca->second.c_str());
  if (mysql_real_connect(mysql, url.host.c_str(), connection.user.c_str(), password.c_str(),
                         url.database.empty() ? nullptr : url.database.c_str(),
                         static_cast<unsigned int>(url.port), nullptr, 0) == nullptr) {
    unsigned int error = mysql_errno(mysql);
    std::string message = mysql_error(mysql);
    mysql_close(mysql);
    if (error == 1045 || error == 1698) {
      throw Error(ErrorCode::kAccessDenied, "authentication failed for user '" + connection.user +
                                                "' at " + host_port + " (connection '" +
                                                connection.name +
                                                "'): check the user and the password it names");
    }
    if (error == 1049 || error == 1044) {
      throw Error(CodeOfErrno(error), "MySQL at " + host_port + ": " + message);
    }
    // ETIMEDOUT (110) from the connect or the handshake read.
    if (message.find("system error: 110") != std::string::npos ||
        message.find("(110)") != std::string::npos ||
        message.find("timeout") != std::string::npos) {
      throw Error(ErrorCode::kTimeout, "MySQL at " + host_port + " did not answer within " +
                                           std::to_string(timeout) + " s (connection '" +
                                           connection.name + "')");
    }
    ThrowIO("cannot reach MySQL at " + host_port + " (connection '" + connection.name +
            "'): " + message);
  }
  return mysql;
}

class MySqlConnector : public Connector {
 public:
  MySqlConnector(const catalog::Connection& connection, const catalog::ConnectionUrl& url)
      : connection_(connection),
        url_(url),
        password_(ResolvePassword(connection)),
        host_port_(url.host + ":" + std::to_string(url.port)),
        database_(url.database) {
    mysql_ = Connect(connection_, url_, password_);
    Execute("SET time_zone = '+00:00'");
  }
  ~MySqlConnector() override { mysql_close(mysql_); }

  catalog::ConnectionType type() const override { return catalog::ConnectionType::kMySql; }

  std::string ServerVersion() override {
    std::string version = mysql_get_server_info(mysql_);
    bool maria = version.find("MariaDB") != std::string::npos;
    size_t dash = version.find('-');
    if (dash != std::string::npos) version.resize(dash);
    return (maria ? "MariaDB " : "MySQL ") + version;
  }
  std::string DatabaseName() const override { return database_; }

  std::vector<std::string> ListSchemas() override {
    std::vector<std::string> schemas;
    for (auto& row :
         Query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN "
               "('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1")) {
      schemas.push_back(row[0]);
    }
    return schemas;
  }

  std::vector<TableInfo> ListTables(const std::string& schema, bool with_columns) override {
    CheckSchema(schema);
    std::vector<TableInfo> tables = Relations(schema, "");
    if (with_columns) FillColumns(schema, "", tables);
    return tables;
  }

  TableInfo DescribeTable(const std::string& schema, const std::string& table) override {
    std::vector<TableInfo> tables = Relations(schema, table);
    if (tables.empty()) {
      throw Error(ErrorCode::kNotFound,
                  "MySQL " + host_port_ + " has no table or view " + schema + "." + table);
    }
    FillColumns(schema, table, tables);
    return std::move(tables[0]);
  }

  std::unique_ptr<RowStream> Scan(const ScanRequest& request) override {
    CheckScanRequest(request);
    std::string sql;
    std::string label;
    types::Schema schema;
    std::vector<Parse> parses;
    bool from_fields = !request.query.empty();
    if (from_fields) {
      sql = request.query;
      label = "query";
    } else {
      std::string schema_name = request.schema.empty() ? database_ : request.schema;
      label = schema_name + "." + request.table;
      TableInfo table = DescribeTable(schema_name, request.table);
      std::vector<std::string> expressions;
      for (const auto& column : ResolveProjection(table, request)) {
        expressions.push_back(QuoteIdentifier(column.name));
        schema.Add({column.name, column.type, column.nullable});
        parses.push_back(parse_by_column_.at(column.name));
      }
      sql = BuildSelect(expressions,
                        QuoteIdentifier(schema_name) + "." + QuoteIdentifier(table.name), request);
    }
    if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) Fail(label + " (in: " + sql + ")");
    MYSQL_RES* result = mysql_use_result(mysql_);
    if (result == nullptr) Fail(label);
    if (from_fields) {
      unsigned int count = mysql_num_fields(result);
      MYSQL_FIELD* fields = mysql_fetch_fields(result);
      for (unsigned int i = 0; i < count; ++i) {
        auto [data_type, column_type] = FieldTypeNames(fields[i]);
        MySqlTypeMapping mapping = MapMySqlType(data_type, column_type);
        schema.Add({fields[i].name, mapping.type, true});
        parses.push_back(mapping.parse);
      }
    }
    return std::make_unique<MySqlRowStream>(mysql_, result, std::move(schema), std::move(parses),
                                            label, [this] { KillRunningQuery(); });
  }

  std::string QuoteIdentifier(std::string_view name) const override {
    return QuoteByDoubling(name, '`');
  }

  // MariaDB also reads backslash escapes in string literals.
  std::string QuoteString(std::string_view text) const override {
    return QuoteByDoubling(text, '\'', "\\");
  }

 private:
  // KILL QUERY from a second session: the unbuffered result then ends at once.
  void KillRunningQuery() {
    MYSQL* other = Connect(connection_, url_, password_);
    std::string kill = "KILL QUERY " + std::to_string(mysql_thread_id(mysql_));
    mysql_real_query(other, kill.data(), kill.size());
    mysql_close(other);
  }

  [[noreturn]] void Fail(const std::string& what) {
    throw Error(CodeOfErrno(mysql_errno(mysql_)),
                "MySQL " + host_port_ + ", " + what + ": " + mysql_error(mysql_));
  }

  void Execute(const std::string& sql) {
    if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) Fail(sql);
  }

  // Small introspection results, fully read; NULL cells become "".
  std::vector<std::vector<std::string>> Query(const std::string& sql) {
    Execute(sql);
    Result result(mysql_store_result(mysql_));
    if (!result) Fail(sql);
    std::vector<std::vector<std::string>> rows;
    unsigned int count = mysql_num_fields(result.get());
    while (MYSQL_ROW row = mysql_fetch_row(result.get())) {
      unsigned long* lengths = mysql_fetch_lengths(result.get());
      std::vector<std::string> cells;
      for (unsigned int i = 0; i < count; ++i) {
        cells.emplace_back(row[i] ? std::string(row[i], lengths[i]) : std::string());
      }
      rows.push_back(std::move(cells));
    }
    return rows;
  }

  void CheckSchema(const std::string& schema) {
    if (Query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
              QuoteString(schema))
            .empty()) {
      throw Error(ErrorCode::kNotFound,
                  "MySQL " + host_port_ + " has no database '" + schema + "'");
    }
  }

  std::vector<TableInfo> Relations(const std::string& schema, const std::string& table) {
    std::string sql =
        "SELECT TABLE_NAME, TABLE_TYPE, TABLE_ROWS, TABLE_COMMENT FROM information_schema.TABLES "
        "WHERE TABLE_SCHEMA = " +
        QuoteString(schema);
    if (!table.empty()) sql += " AND TABLE_NAME = " + QuoteString(table);
    sql += " ORDER BY TABLE_NAME";
    std::vector<TableInfo> tables;
    for (auto& row : Query(sql)) {
      TableInfo info;
      info.schema = schema;
      info.name = row[0];
      info.kind = row[1] == "VIEW" ? RelationKind::kView : RelationKind::kTable;
      info.row_estimate = row[2].empty() ? -1 : std::strtoll(row[2].c_str(), nullptr, 10);
      if (info.kind == RelationKind::kTable) info.comment = row[3];
      tables.push_back(std::move(info));
    }
    return tables;
  }

  void FillColumns(const std::string& schema, const std::string& table,
                   std::vector<TableInfo>& tables) {
    std::string sql =
        "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.IS_NULLABLE, "
        "coalesce(k.ORDINAL_POSITION, 0), c.COLUMN_COMMENT FROM information_schema.COLUMNS c "
        "LEFT JOIN information_schema.KEY_COLUMN_USAGE k ON k.TABLE_SCHEMA = c.TABLE_SCHEMA AND "
        "k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME AND k.CONSTRAINT_NAME = "
        "'PRIMARY' WHERE c.TABLE_SCHEMA = " +
        QuoteString(schema);
    if (!table.empty()) sql += " AND c.TABLE_NAME = " + QuoteString(table);
    sql += " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
    parse_by_column_.clear();
    size_t t = 0;
    for (auto& row : Query(sql)) {
      while (t < tables.size() && tables[t].name != row[0]) ++t;
      if (t == tables.size()) {
        t = 0;
        continue;
      }
      MySqlTypeMapping mapping = MapMySqlType(row[2], row[3]);
      ColumnInfo column;
      column.name = row[1];
      column.source_type = row[3];
      column.hive_type = mapping.hive_type;
      column.type = mapping.type;
      column.nullable = row[4] == "YES";
      column.primary_key_position = std::atoi(row[5].c_str());
      column.comment = row[6];
      if (!table.empty()) parse_by_column_[column.name] = mapping.parse;
      tables[t].columns.push_back(std::move(column));
    }
  }

  catalog::Connection connection_;
  catalog::ConnectionUrl url_;
  std::string password_;  // kept for the session that cancels an abandoned scan
  MYSQL* mysql_ = nullptr;
  std::string host_port_;
  std::string database_;
  std::map<std::string, Parse> parse_by_column_;
};

}  // namespace

std::unique_ptr<Connector> OpenMySql(const catalog::Connection& connection,
                                     const catalog::ConnectionUrl& url) {
  return std::make_unique<MySqlConnector>(connection, url);
}

}  // namespace basin::connectors::mysql
