#include "connectors/connection_probe.hpp"

#include "catalog/connection_url.hpp"
#include "connectors/connector.hpp"

namespace basin::connectors {

catalog::ProbeResult ProbeConnection(const catalog::Connection& connection) {
  catalog::ConnectionUrl url = catalog::ParseConnectionUrl(connection.url);
  if (url.type == catalog::ConnectionType::kSqlite) return catalog::ProbeConnection(connection);
  std::unique_ptr<Connector> connector = OpenConnector(connection);
  catalog::ProbeResult result;
  result.server = connector->ServerVersion();
  std::vector<std::string> schemas = connector->ListSchemas();
  if (url.type == catalog::ConnectionType::kMySql && !url.database.empty()) {
    schemas = {url.database};  // a MySQL "schema" is a database: report the one named
  }
  size_t tables = 0;
  size_t views = 0;
  for (const auto& schema : schemas) {
    for (const auto& table : connector->ListTables(schema)) {
      (table.kind == RelationKind::kView ? views : tables) += 1;
    }
  }
  std::string where =
      url.database.empty() ? url.host + ":" + std::to_string(url.port) : url.database;
  result.details = std::to_string(schemas.size()) +
                   (schemas.size() == 1 ? " schema, " : " schemas, ") + std::to_string(tables) +
                   " tables and " + std::to_string(views) + " views in " + where;
  return result;
}

}  // namespace basin::connectors
