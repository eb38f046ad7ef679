#include "catalog/connection_probe.hpp"

#include <sqlite3.h>

#include "catalog/connection_url.hpp"
#include "catalog/sqlite_db.hpp"
#include "common/error.hpp"

namespace basin::catalog {

ProbeResult ProbeConnection(const Connection& connection) {
  ConnectionUrl url = ParseConnectionUrl(connection.url);
  if (url.type != ConnectionType::kSqlite) {
    ThrowUnsupported("testing " + std::string(ConnectionTypeName(url.type)) +
                     " connections needs the database connectors, which this build does not "
                     "have yet; connection '" +
                     connection.name +
                     "' is stored and can be "
                     "used once they exist");
  }
  SqliteDb::Options options;
  options.create = false;
  options.read_only = true;
  options.busy_timeout_ms = 2'000;
  SqliteDb db(url.path, options);
  Statement statement = db.Prepare(
      "SELECT sqlite_version(), "
      "(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'), "
      "(SELECT count(*) FROM sqlite_master WHERE type = 'view')");
  statement.Step();
  ProbeResult result;
  result.server = "SQLite " + std::string(statement.Text(0));
  result.details = std::to_string(statement.Int(1)) + " tables and " +
                   std::to_string(statement.Int(2)) + " views in " + url.path;
  return result;
}

}  // namespace basin::catalog
