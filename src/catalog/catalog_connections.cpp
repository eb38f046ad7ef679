// Catalog: connections to source databases.
#include "catalog/catalog.hpp"
#include "catalog/catalog_json.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/names.hpp"
#include "catalog/sqlite_db.hpp"
#include "catalog/validation.hpp"
#include "common/error.hpp"

namespace basin::catalog {

namespace {

using Lock = std::lock_guard<std::recursive_mutex>;

Connection Decode(SqliteDb& db, std::string_view name, std::string_view definition) {
  std::string what = "connection " + std::string(name);
  nlohmann::json json = store::ParseDefinition(db, definition, what);
  try {
    Connection connection = ConnectionFromJson(json);
    connection.name = std::string(name);
    return connection;
  } catch (const Error& error) {
    ThrowCorrupt(db.path() + ": the stored definition of " + what +
                 " is unreadable: " + error.what());
  }
}

[[noreturn]] void ThrowMissing(const std::string& name) {
  throw Error(ErrorCode::kNotFound, "connection '" + name + "' does not exist");
}

}  // namespace

void Catalog::CreateConnection(const Connection& input) {
  Connection connection = NormalizeConnection(input);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  Statement exists = db_->Prepare("SELECT 1 FROM connections WHERE name = ?");
  exists.Bind(1, connection.name);
  if (exists.Step()) {
    throw Error(ErrorCode::kAlreadyExists, "connection '" + connection.name + "' already exists");
  }
  connection.creation_time = connection.last_updated_time = NowMillis();
  db_->Prepare("INSERT INTO connections (name, definition) VALUES (?, ?)")
      .Bind(1, connection.name)
      .Bind(2, store::EncodeDefinition(ToJson(connection), "connection " + connection.name))
      .Run();
  transaction.Commit();
}

Connection Catalog::GetConnection(std::string_view name) {
  std::string normalized = NormalizeName("connection name", name);
  Lock lock(mutex_);
  Statement statement = db_->Prepare("SELECT definition FROM connections WHERE name = ?");
  statement.Bind(1, normalized);
  if (!statement.Step()) ThrowMissing(normalized);
  return Decode(*db_, normalized, statement.Text(0));
}

std::vector<Connection> Catalog::GetConnections() {
  Lock lock(mutex_);
  Statement statement = db_->Prepare("SELECT name, definition FROM connections ORDER BY name");
  std::vector<Connection> connections;
  while (statement.Step()) {
    connections.push_back(Decode(*db_, statement.Text(0), statement.Text(1)));
  }
  return connections;
}

void Catalog::UpdateConnection(std::string_view name, const Connection& input) {
  Connection connection = input;
  connection.name = std::string(name);
  connection = NormalizeConnection(connection);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  Statement current = db_->Prepare("SELECT id, definition FROM connections WHERE name = ?");
  current.Bind(1, connection.name);
  if (!current.Step()) ThrowMissing(connection.name);
  int64_t id = current.Int(0);
  connection.creation_time = Decode(*db_, connection.name, current.Text(1)).creation_time;
  connection.last_updated_time = NowMillis();
  db_->Prepare("UPDATE connections SET definition = ? WHERE id = ?")
      .Bind(1, store::EncodeDefinition(ToJson(connection), "connection " + connection.name))
      .Bind(2, id)
      .Run();
  transaction.Commit();
}

void Catalog::DeleteConnection(std::string_view name) {
  std::string normalized = NormalizeName("connection name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  Statement users = db_->Prepare(
      "SELECT databases.name || '.' || tables.name FROM tables "
      "JOIN databases ON databases.id = tables.database_id "
      "WHERE tables.connection_name = ? ORDER BY 1 LIMIT 4");
  users.Bind(1, normalized);
  std::vector<std::string> tables;
  while (users.Step()) tables.emplace_back(users.Text(0));
  if (!tables.empty()) {
    std::string list;
    for (size_t i = 0; i < tables.size() && i < 3; ++i) list += (i ? ", " : "") + tables[i];
    if (tables.size() > 3) list += ", …";
    throw Error(ErrorCode::kConflict, "connection '" + normalized + "' is used by tables " + list +
                                          ": delete them first");
  }
  db_->Prepare("DELETE FROM connections WHERE name = ?").Bind(1, normalized).Run();
  if (db_->Changes() != 1) ThrowMissing(normalized);
  transaction.Commit();
}

}  // namespace basin::catalog
