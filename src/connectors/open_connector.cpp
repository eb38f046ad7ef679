#include "catalog/connection_url.hpp"
#include "common/error.hpp"
#include "connectors/connector.hpp"
#include "connectors/mysql/mysql_connector.hpp"
#include "connectors/postgres/postgres_connector.hpp"
#include "connectors/sqlite/sqlite_connector.hpp"

namespace basin::connectors {

std::unique_ptr<Connector> OpenConnector(const catalog::Connection& connection) {
  catalog::ConnectionUrl url = catalog::ParseConnectionUrl(connection.url);
  switch (url.type) {
    case catalog::ConnectionType::kPostgreSql: return postgres::OpenPostgres(connection, url);
    case catalog::ConnectionType::kMySql: return mysql::OpenMySql(connection, url);
    case catalog::ConnectionType::kSqlite: return sqlite::OpenSqlite(connection, url);
  }
  ThrowInternal("unknown connection type");
}

}  // namespace basin::connectors
