#include "connectors/postgres/postgres_connector.hpp"

#include <libpq-fe.h>

#include <cmath>
#include <cstring>
#include <map>

#include "common/error.hpp"
#include "connectors/postgres/binary_copy.hpp"
#include "connectors/postgres/postgres_types.hpp"
#include "connectors/scan_support.hpp"

namespace basin::connectors::postgres {

namespace {

using columnar::DataChunk;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// The error code for a failed statement, from its SQLSTATE class.
ErrorCode CodeOfSqlState(const char* state) {
  if (state == nullptr) return ErrorCode::kIOError;
  std::string_view s(state);
  if (s == "42P01" || s == "3F000" || s == "3D000") return ErrorCode::kNotFound;
  if (s == "42501" || s.starts_with("28")) return ErrorCode::kAccessDenied;
  if (s == "57014") return ErrorCode::kCancelled;
  if (s.starts_with("42") || s.starts_with("22")) return ErrorCode::kInvalidInput;
  if (s.starts_with("08")) return ErrorCode::kIOError;
  if (s.starts_with("53")) return ErrorCode::kResourceExhausted;
  return ErrorCode::kIOError;
}

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Known array type OIDs → element OIDs, for raw queries (tables read typelem from pg_type).
uint32_t ElementOfArrayOid(uint32_t oid) {
  switch (oid) {
    case 1000: return 16;    // bool[]
    case 1005: return 21;    // int2[]
    case 1007: return 23;    // int4[]
    case 1016: return 20;    // int8[]
    case 1021: return 700;   // float4[]
    case 1022: return 701;   // float8[]
    case 1009: return 25;    // text[]
    case 1015: return 1043;  // varchar[]
    case 1014: return 1042;  // bpchar[]
    default: return 0;
  }
}

class PostgresConnector;

// A binary COPY in progress. Destroying it before the end cancels the COPY and drains the
// connection so the session can run the next statement.
class PostgresRowStream : public RowStream {
 public:
  PostgresRowStream(PGconn* conn, std::string label, types::Schema schema,
                    std::vector<PgTypeMapping> mappings)
      : conn_(conn), label_(label), schema_(std::move(schema)) {
    std::vector<std::string> names;
    for (const auto& field : schema_.fields()) names.push_back(field.name);
    decoder_ = std::make_unique<BinaryCopyDecoder>(std::move(mappings), std::move(names),
                                                   std::move(label));
  }
  ~PostgresRowStream() override {
    if (!done_) Abort();
  }

  const types::Schema& schema() const override { return schema_; }
  int64_t rows_read() const override { return rows_read_; }

  bool Next(DataChunk& chunk) override {
    PrepareChunk(chunk, schema_);
    size_t rows = 0;
    while (!done_ && rows < columnar::kChunkRows) {
      char* buffer = nullptr;
      int size = PQgetCopyData(conn_, &buffer, 0);
      if (size == -1) {
        Finish();
        break;
      }
      if (size < 0) {
        done_ = true;
        ThrowIO("PostgreSQL " + label_ +
                ": reading the COPY stream failed: " + Trim(PQerrorMessage(conn_)));
      }
      std::unique_ptr<char, decltype(&PQfreemem)> owned(buffer, &PQfreemem);
      if (decoder_->DecodeMessage(buffer, static_cast<size_t>(size), chunk, rows)) {
        ++rows;
        ++rows_read_;
      }
    }
    chunk.SetSize(rows);
    return rows > 0;
  }

 private:
  // After the COPY's last message: the command's own result says whether it succeeded.
  void Finish() {
    done_ = true;
    std::string error;
    ErrorCode code = ErrorCode::kIOError;
    while (PGresult* raw = PQgetResult(conn_)) {
      Result result(raw);
      if (PQresultStatus(raw) != PGRES_COMMAND_OK && error.empty()) {
        error = Trim(PQresultErrorMessage(raw));
        code = CodeOfSqlState(PQresultErrorField(raw, PG_DIAG_SQLSTATE));
      }
    }
    if (!error.empty()) throw Error(code, "PostgreSQL " + label_ + ": " + error);
  }

  void Abort() {
    done_ = true;
    if (PGcancel* cancel = PQgetCancel(conn_)) {
      char message[256];
      PQcancel(cancel, message, sizeof message);
      PQfreeCancel(cancel);
    }
    char* buffer = nullptr;
    while (PQgetCopyData(conn_, &buffer, 0) >= 0) PQfreemem(buffer);
    while (PGresult* raw = PQgetResult(conn_)) PQclear(raw);
  }

  PGconn* conn_;
  std::string label_;
  types::Schema schema_;
  std::unique_ptr<BinaryCopyDecoder> decoder_;
  int64_t rows_read_ = 0;
  bool done_ = false;
};

class PostgresConnector : public Connector {
 public:
  PostgresConnector(const catalog::Connection& connection, const catalog::ConnectionUrl& url)
      : host_port_(url.host + ":" + std::to_string(url.port)), database_(url.database) {
    std::string port = std::to_string(url.port);
    std::string password = ResolvePassword(connection);
    std::string timeout = std::to_string(ConnectTimeoutSeconds(connection));
    std::string database = url.database.empty() ? "postgres" : url.database;
    std::string sslmode(catalog::TlsModeName(connection.tls_mode));
    std::vector<const char*> keys = {"host",
                                     "port",
                                     "dbname",
                                     "user",
                                     "sslmode",
                                     "connect_timeout",
                                     "application_name",
                                     "client_encoding"};
    std::vector<const char*> values = {
        url.host.c_str(), port.c_str(),    database.c_str(), connection.user.c_str(),
        sslmode.c_str(),  timeout.c_str(), "basin",          "UTF8"};
    if (!password.empty()) {
      keys.push_back("password");
      values.push_back(password.c_str());
    }
    // TLS files, when the connection names them.
    for (const char* key : {"sslrootcert", "sslcert", "sslkey", "sslcrl"}) {
      auto it = connection.parameters.find(key);
      if (it != connection.parameters.end()) {
        keys.push_back(key);
        values.push_back(it->second.c_str());
      }
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    conn_ = PQconnectdbParams(keys.data(), values.data(), 0);
    if (conn_ == nullptr)
      throw Error(ErrorCode::kResourceExhausted, "out of memory connecting to PostgreSQL");
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = Trim(PQerrorMessage(conn_));
      PQfinish(conn_);
      conn_ = nullptr;
      if (message.find("authentication failed") != std::string::npos ||
          message.find("no password supplied") != std::string::npos ||
          message.find("role \"") != std::string::npos) {
        throw Error(ErrorCode::kAccessDenied, "authentication failed for user '" + connection.user +
                                                  "' at " + host_port_ + " (connection '" +
                                                  connection.name +
                                                  "'): check the user and the password it names");
      }
      if (message.find("does not exist") != std::string::npos) {
        throw Error(ErrorCode::kNotFound, "PostgreSQL at " + host_port_ + ": " + message);
      }
      if (message.find("timeout expired") != std::string::npos) {
        throw Error(ErrorCode::kTimeout, "PostgreSQL at " + host_port_ + " did not answer within " +
                                             timeout + " s (connection '" + connection.name + "')");
      }
      ThrowIO("cannot reach PostgreSQL at " + host_port_ + " (connection '" + connection.name +
              "'): " + message);
    }
    // Text results (introspection) in UTC; binary COPY carries timestamptz as UTC anyway.
    Exec("SET TimeZone = 'UTC'");
  }
  ~PostgresConnector() override { PQfinish(conn_); }

  catalog::ConnectionType type() const override { return catalog::ConnectionType::kPostgreSql; }

  std::string ServerVersion() override {
    std::string version = PQparameterStatus(conn_, "server_version");
    size_t space = version.find(' ');
    if (space != std::string::npos) version.resize(space);
    return "PostgreSQL " + version;
  }
  std::string DatabaseName() const override { return database_; }

  std::vector<std::string> ListSchemas() override {
    Result result = Exec(
        "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_' AND nspname <> "
        "'information_schema' ORDER BY 1");
    std::vector<std::string> schemas;
    for (int i = 0; i < PQntuples(result.get()); ++i)
      schemas.push_back(PQgetvalue(result.get(), i, 0));
    return schemas;
  }

  std::vector<TableInfo> ListTables(const std::string& schema, bool with_columns) override {
    CheckSchema(schema);
    std::vector<TableInfo> tables = Relations(schema, "");
    if (with_columns && !tables.empty()) FillColumns(schema, "", tables);
    return tables;
  }

  TableInfo DescribeTable(const std::string& schema, const std::string& table) override {
    std::vector<TableInfo> tables = Relations(schema, table);
    if (tables.empty()) {
      throw Error(ErrorCode::kNotFound, "PostgreSQL " + host_port_ + "/" + database_ +
                                            " has no table or view " + schema + "." + table);
    }
    mapping_by_column_.clear();
    FillColumns(schema, table, tables);
    return std::move(tables[0]);
  }

  std::unique_ptr<RowStream> Scan(const ScanRequest& request) override {
    CheckScanRequest(request);
    types::Schema schema;
    std::vector<PgTypeMapping> mappings;
    std::vector<std::string> expressions;
    std::string select;
    std::string label;
    if (!request.query.empty()) {
      label = "query";
      Result prepared(PQprepare(conn_, "", request.query.c_str(), 0, nullptr));
      Check(prepared.get(), "preparing the query");
      Result described(PQdescribePrepared(conn_, ""));
      Check(described.get(), "describing the query");
      std::string aliases;
      for (int i = 0; i < PQnfields(described.get()); ++i) {
        uint32_t oid = PQftype(described.get(), i);
        PgTypeMapping mapping =
            MapPostgresType(oid, PQfmod(described.get(), i), ElementOfArrayOid(oid), 'b');
        std::string alias = "c" + std::to_string(i + 1);
        aliases += (i ? ", " : "") + alias;
        expressions.push_back(SelectExpression("q." + alias, mapping));
        schema.Add({PQfname(described.get(), i), mapping.type, true});
        mappings.push_back(std::move(mapping));
      }
      select = "SELECT ";
      for (size_t i = 0; i < expressions.size(); ++i) select += (i ? ", " : "") + expressions[i];
      select += " FROM (" + request.query + ") AS q(" + aliases + ")";
    } else {
      std::string schema_name = request.schema.empty() ? "public" : request.schema;
      label = schema_name + "." + request.table;
      TableInfo table = DescribeTable(schema_name, request.table);
      for (const auto& column : ResolveProjection(table, request)) {
        PgTypeMapping mapping = mapping_by_column_.at(column.name);
        expressions.push_back(SelectExpression(QuoteIdentifier(column.name), mapping));
        schema.Add({column.name, column.type, column.nullable});
        mappings.push_back(std::move(mapping));
      }
      select = BuildSelect(
          expressions, QuoteIdentifier(schema_name) + "." + QuoteIdentifier(table.name), request);
    }
    std::string copy = "COPY (" + select + ") TO STDOUT (FORMAT binary)";
    if (!PQsendQuery(conn_, copy.c_str())) {
      ThrowIO("PostgreSQL " + host_port_ + ": " + Trim(PQerrorMessage(conn_)));
    }
    Result started(PQgetResult(conn_));
    if (PQresultStatus(started.get()) != PGRES_COPY_OUT) {
      std::string message = Trim(PQresultErrorMessage(started.get()));
      ErrorCode code = CodeOfSqlState(PQresultErrorField(started.get(), PG_DIAG_SQLSTATE));
      while (PGresult* raw = PQgetResult(conn_)) PQclear(raw);
      throw Error(code, "PostgreSQL " + label + ": " + message + " (in: " + select + ")");
    }
    return std::make_unique<PostgresRowStream>(conn_, label, std::move(schema),
                                               std::move(mappings));
  }

  std::string QuoteIdentifier(std::string_view name) const override {
    return QuoteByDoubling(name, '"');
  }

 private:
  void Check(PGresult* result, const std::string& what) {
    ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    throw Error(
        CodeOfSqlState(PQresultErrorField(result, PG_DIAG_SQLSTATE)),
        "PostgreSQL " + host_port_ + ", " + what + ": " + Trim(PQresultErrorMessage(result)));
  }

  Result Exec(const std::string& sql, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    Result result(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0));
    if (!result) ThrowIO("PostgreSQL " + host_port_ + ": " + Trim(PQerrorMessage(conn_)));
    Check(result.get(), "running an introspection query");
    return result;
  }

  void CheckSchema(const std::string& schema) {
    Result result = Exec("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", {schema});
    if (PQntuples(result.get()) == 0) {
      throw Error(ErrorCode::kNotFound,
                  "PostgreSQL " + host_port_ + "/" + database_ + " has no schema '" + schema + "'");
    }
  }

  // Tables (ordinary, partitioned, foreign), views and materialized views; one, or all when
  // `table` is empty.
  std::vector<TableInfo> Relations(const std::string& schema, const std::string& table) {
    Result result = Exec(
        "SELECT c.relname, c.relkind, c.reltuples::float8, "
        "coalesce(obj_description(c.oid, 'pg_class'), '') "
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
        "AND ($2 = '' OR c.relname = $2) AND NOT c.relispartition ORDER BY c.relname",
        {schema, table});
    std::vector<TableInfo> tables;
    for (int i = 0; i < PQntuples(result.get()); ++i) {
      TableInfo info;
      info.schema = schema;
      info.name = PQgetvalue(result.get(), i, 0);
      char kind = PQgetvalue(result.get(), i, 1)[0];
      info.kind = (kind == 'v' || kind == 'm') ? RelationKind::kView : RelationKind::kTable;
      double tuples = std::strtod(PQgetvalue(result.get(), i, 2), nullptr);
      // reltuples is -1 until the table is first analyzed or vacuumed; views have none.
      info.row_estimate =
          (kind == 'v' || tuples < 0) ? -1 : static_cast<int64_t>(std::llround(tuples));
      info.comment = PQgetvalue(result.get(), i, 3);
      tables.push_back(std::move(info));
    }
    return tables;
  }

  // Columns of the schema's relations (or of one), in one query, into `tables` by name.
  void FillColumns(const std::string& schema, const std::string& table,
                   std::vector<TableInfo>& tables) {
    Result result = Exec(
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
        "  CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END::int8, "
        "  CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END, "
        "  coalesce(nullif(b.typelem, 0), 0)::int8 * (b.typcategory = 'A')::int, "
        "  b.typtype, coalesce((SELECT k.n FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS "
        "    k(attnum, n) WHERE k.attnum = a.attnum), 0), "
        "  coalesce(col_description(c.oid, a.attnum), '') "
        "FROM pg_catalog.pg_attribute a "
        "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
        "JOIN pg_catalog.pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE "
        "a.atttypid END "
        "LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary "
        "WHERE n.nspname = $1 AND ($2 = '' OR c.relname = $2) AND a.attnum > 0 "
        "AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
        "ORDER BY c.relname, a.attnum",
        {schema, table});
    size_t t = 0;
    for (int i = 0; i < PQntuples(result.get()); ++i) {
      std::string relation = PQgetvalue(result.get(), i, 0);
      while (t < tables.size() && tables[t].name != relation) ++t;
      if (t == tables.size()) {
        t = 0;  // a partition or a relation the list left out
        continue;
      }
      ColumnInfo column;
      column.name = PQgetvalue(result.get(), i, 1);
      column.source_type = PQgetvalue(result.get(), i, 2);
      column.nullable = PQgetvalue(result.get(), i, 3)[0] != 't';
      uint32_t oid =
          static_cast<uint32_t>(std::strtoul(PQgetvalue(result.get(), i, 4), nullptr, 10));
      int32_t typmod =
          static_cast<int32_t>(std::strtol(PQgetvalue(result.get(), i, 5), nullptr, 10));
      uint32_t element =
          static_cast<uint32_t>(std::strtoul(PQgetvalue(result.get(), i, 6), nullptr, 10));
      char type_kind = PQgetvalue(result.get(), i, 7)[0];
      column.primary_key_position = std::atoi(PQgetvalue(result.get(), i, 8));
      column.comment = PQgetvalue(result.get(), i, 9);
      PgTypeMapping mapping = MapPostgresType(oid, typmod, element, type_kind);
      column.hive_type = mapping.hive_type;
      column.type = mapping.type;
      if (!table.empty()) mapping_by_column_[column.name] = mapping;
      tables[t].columns.push_back(std::move(column));
    }
  }

  PGconn* conn_ = nullptr;
  std::string host_port_;
  std::string database_;
  // The last DescribeTable's wire mappings, for Scan.
  std::map<std::string, PgTypeMapping> mapping_by_column_;
};

}  // namespace

std::unique_ptr<Connector> OpenPostgres(const catalog::Connection& connection,
                                        const catalog::ConnectionUrl& url) {
  return std::make_unique<PostgresConnector>(connection, url);
}

}  // namespace basin::connectors::postgres
