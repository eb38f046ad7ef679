#pragma once

// Checks every database connector must pass, shared by the MySQL, PostgreSQL and SQLite tests
// (each engine's test supplies its connection and its own schema names).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "connectors/connector.hpp"
#include "unit/connectors/scan_util.hpp"
#include "unit/error_code_of.hpp"

namespace basin::testing {

// A loopback socket that listens but never accepts: a TCP connect to it succeeds, a server's
// greeting never comes (for connect timeouts). Closed when it goes out of scope.
class SilentListener {
 public:
  SilentListener() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(listen(fd_, 4), 0);
    socklen_t length = sizeof address;
    EXPECT_EQ(getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length), 0);
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() { close(fd_); }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;

  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A connection named `name` to the server an integration script started on loopback: the port
// from the environment variable `port_variable`, the user from `user_variable` (default
// basin), the password read from the variable `password_env`.
inline catalog::Connection ServerConnection(const std::string& name, catalog::ConnectionType type,
                                            const std::string& url_scheme,
                                            const char* port_variable, const char* user_variable,
                                            const std::string& database,
                                            const std::string& password_env) {
  catalog::Connection connection;
  connection.name = name;
  connection.type = type;
  connection.url = url_scheme + "://127.0.0.1:" + EnvOr(port_variable) + "/" + database;
  connection.user = EnvOr(user_variable, "basin");
  connection.password = {catalog::PasswordRef::Kind::kEnvironment, password_env};
  return connection;
}

// An unknown table is NotFound; an unknown column and a WHERE that does not parse are
// InvalidInput. `table` is an existing table of `schema`.
inline void ExpectBadScansFail(connectors::Connector& connector, const std::string& schema,
                               const std::string& table) {
  using connectors::ScanRequest;
  EXPECT_EQ(CodeOf([&] { connector.Scan(ScanRequest::Table(schema, "nope")); }),
            ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] {
              ScanRequest request = ScanRequest::Table(schema, table);
              request.columns = {"nope"};
              connector.Scan(request);
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] {
              ScanRequest request = ScanRequest::Table(schema, table);
              request.where = "nope >";
              connector.Scan(request);
            }),
            ErrorCode::kInvalidInput);
}

// A table scan with everything pushed down: `columns` (as written) of the rows with
// "id" >= 1, by id descending, the first only.
inline Scanned ScanHighestId(connectors::Connector& connector, const std::string& schema,
                             const std::string& table, std::vector<std::string> columns) {
  connectors::ScanRequest request = connectors::ScanRequest::Table(schema, table);
  request.columns = std::move(columns);
  request.where = connector.QuoteIdentifier("id") + " >= 1";
  request.order_by = "id DESC";
  request.limit = 1;
  return ScanAll(*connector.Scan(request));
}

// Reads one chunk of a long table, drops the stream, then counts the table with a query on the
// same connector: an abandoned stream must leave the session usable.
inline void ExpectAbandonedStreamLeavesSessionUsable(connectors::Connector& connector,
                                                     const std::string& schema,
                                                     const std::string& table, int64_t table_rows) {
  using connectors::ScanRequest;
  {
    auto stream = connector.Scan(ScanRequest::Table(schema, table));
    columnar::DataChunk chunk;
    ASSERT_TRUE(stream->Next(chunk));
    EXPECT_EQ(chunk.size(), columnar::kChunkRows);
  }
  auto scanned =
      ScanAll(*connector.Scan(ScanRequest::Query("SELECT count(*) FROM " + schema + "." + table)));
  ASSERT_EQ(scanned.rows.size(), 1u);
  EXPECT_EQ(scanned.rows[0][0].int_value(), table_rows);
}

// The movie-rental fixture's relations in `schema`: its 12 tables and 3 views, by name.
inline void ExpectMovieRentalRelations(connectors::Connector& connector,
                                       const std::string& schema) {
  std::vector<std::string> tables;
  std::vector<std::string> views;
  for (const auto& table : connector.ListTables(schema)) {
    (table.kind == connectors::RelationKind::kView ? views : tables).push_back(table.name);
  }
  EXPECT_EQ(tables, (std::vector<std::string>{"actor", "address", "category", "customer", "film",
                                              "film_actor", "film_category", "inventory", "payment",
                                              "rental", "staff", "store"}));
  EXPECT_EQ(views, (std::vector<std::string>{"actor_info", "customer_list", "sales_by_category"}));
}

// Streams `schema`.`table`, whose first column holds the ids 1..2,000,000 mapped to `id_type`
// (stored as `Id`), and checks every row arrives while the resident set grows by less than
// 32 MiB: a scan holds one chunk and the client library's buffer.
template <typename Id>
void ExpectTwoMillionIdsInBoundedMemory(connectors::Connector& connector, const std::string& schema,
                                        const std::string& table, const std::string& id_type) {
  auto stream = connector.Scan(connectors::ScanRequest::Table(schema, table));
  ASSERT_EQ(stream->schema()[0].type.ToString(), id_type);
  columnar::DataChunk chunk;
  int64_t before = ResidentKiB();
  int64_t peak = before;
  int64_t rows = 0;
  int64_t id_sum = 0;
  while (stream->Next(chunk)) {
    rows += static_cast<int64_t>(chunk.size());
    const Id* ids = chunk.column(0).data<Id>();
    for (size_t i = 0; i < chunk.size(); ++i) id_sum += ids[i];
    if (rows % (64 * 2048) == 0) peak = std::max(peak, ResidentKiB());
  }
  EXPECT_EQ(rows, 2'000'000);
  EXPECT_EQ(id_sum, int64_t{2'000'000} * 2'000'001 / 2);
  EXPECT_EQ(stream->rows_read(), 2'000'000);
  EXPECT_LT(peak - before, 32 * 1024) << "RSS grew from " << before << " KiB to " << peak << " KiB";
}

}  // namespace basin::testing
