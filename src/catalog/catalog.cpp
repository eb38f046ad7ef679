// Catalog: opening the store, databases, tables, table versions and search. Partitions are in
// catalog_partitions.cpp, connections in catalog_connections.cpp.
#include "catalog/catalog.hpp"

#include <charconv>

#include "catalog/catalog_json.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/migrations.hpp"
#include "catalog/names.hpp"
#include "catalog/sqlite_db.hpp"
#include "catalog/validation.hpp"
#include "common/error.hpp"

namespace basin::catalog {

namespace {

using Lock = std::lock_guard<std::recursive_mutex>;

// SQLite's LIMIT for a page: one row more than the page, to learn whether another follows.
int64_t SqlLimit(int64_t limit) { return limit == INT64_MAX ? -1 : limit + 1; }

Database DecodeDatabase(SqliteDb& db, std::string_view name, std::string_view definition) {
  std::string what = "database " + std::string(name);
  nlohmann::json json = store::ParseDefinition(db, definition, what);
  try {
    Database database = DatabaseFromJson(json);
    database.name = std::string(name);
    return database;
  } catch (const Error& error) {
    ThrowCorrupt(db.path() + ": the stored definition of " + what +
                 " is unreadable: " + error.what());
  }
}

void RequireConnection(SqliteDb& db, const Table& table) {
  if (table.connection_name.empty()) return;
  Statement statement = db.Prepare("SELECT 1 FROM connections WHERE name = ?");
  statement.Bind(1, table.connection_name);
  if (!statement.Step()) {
    throw Error(ErrorCode::kNotFound, "table " + table.database_name + "." + table.name +
                                          " reads through connection '" + table.connection_name +
                                          "', which does not exist: create it first");
  }
}

// Stores `updated` as the next version of the table in `row`.
int64_t WriteNewVersion(SqliteDb& db, const store::TableRow& row, Table updated) {
  const Table& current = row.table;
  if (updated.partition_keys.size() != current.partition_keys.size()) {
    Statement count = db.Prepare("SELECT count(*) FROM partitions WHERE table_id = ?");
    count.Bind(1, row.id);
    count.Step();
    if (count.Int(0) > 0) {
      ThrowInvalid("table " + current.database_name + "." + current.name + " has " +
                   std::to_string(count.Int(0)) + " partitions with " +
                   std::to_string(current.partition_keys.size()) +
                   " values each; its number of partition keys cannot change while they exist");
    }
  }
  RequireConnection(db, updated);
  updated.create_time = current.create_time;
  updated.update_time = NowMillis();
  updated.version_id = current.version_id + 1;
  std::string definition = store::EncodeDefinition(
      ToJson(updated), "table " + updated.database_name + "." + updated.name);
  Statement update =
      db.Prepare("UPDATE tables SET version = ?, definition = ?, connection_name = ? WHERE id = ?");
  update.Bind(1, updated.version_id).Bind(2, definition).Bind(4, row.id);
  if (updated.connection_name.empty()) {
    update.BindNull(3);
  } else {
    update.Bind(3, updated.connection_name);
  }
  update.Run();
  db.Prepare("INSERT INTO table_versions (table_id, version, definition) VALUES (?, ?, ?)")
      .Bind(1, row.id)
      .Bind(2, updated.version_id)
      .Bind(3, definition)
      .Run();
  store::IndexTableParameters(db, row.id, updated.parameters);
  return updated.version_id;
}

}  // namespace

Catalog::Catalog(const std::filesystem::path& path) : path_(path) {
  db_ = std::make_unique<SqliteDb>(path.string(), SqliteDb::Options{});
  // Per connection: cascading deletes need foreign keys; NORMAL is durable against process
  // crashes in WAL mode and only risks the last commits on power loss.
  db_->Exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL");
  MigrateCatalog(*db_);
}

Catalog::~Catalog() = default;

void Catalog::InTransaction(const std::function<void()>& work) {
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  work();
  transaction.Commit();
}

// ---- databases ----

void Catalog::CreateDatabase(const Database& input) {
  Database database = NormalizeDatabase(input);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  if (store::FindDatabaseId(*db_, database.name)) {
    throw Error(ErrorCode::kAlreadyExists, "database '" + database.name + "' already exists");
  }
  database.create_time = NowMillis();
  db_->Prepare("INSERT INTO databases (name, definition) VALUES (?, ?)")
      .Bind(1, database.name)
      .Bind(2, store::EncodeDefinition(ToJson(database), "database " + database.name))
      .Run();
  transaction.Commit();
}

Database Catalog::GetDatabase(std::string_view name) {
  std::string normalized = NormalizeName("database name", name);
  Lock lock(mutex_);
  Statement statement = db_->Prepare("SELECT definition FROM databases WHERE name = ?");
  statement.Bind(1, normalized);
  if (!statement.Step()) {
    throw Error(ErrorCode::kNotFound, "database '" + normalized + "' does not exist");
  }
  return DecodeDatabase(*db_, normalized, statement.Text(0));
}

Page<Database> Catalog::GetDatabases(const PageRequest& page) {
  int64_t limit = store::PageLimit(page);
  std::string after = store::DecodeToken(page.next_token);
  Lock lock(mutex_);
  Statement statement =
      db_->Prepare("SELECT name, definition FROM databases WHERE name > ? ORDER BY name LIMIT ?");
  statement.Bind(1, after).Bind(2, SqlLimit(limit));
  Page<Database> result;
  while (statement.Step()) {
    if (static_cast<int64_t>(result.items.size()) == limit) {
      result.next_token = store::EncodeToken(result.items.back().name);
      break;
    }
    result.items.push_back(DecodeDatabase(*db_, statement.Text(0), statement.Text(1)));
  }
  return result;
}

void Catalog::UpdateDatabase(std::string_view name, const Database& input) {
  Database database = input;
  database.name = NormalizeName("database name", name);
  database = NormalizeDatabase(database);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  Statement current = db_->Prepare("SELECT id, definition FROM databases WHERE name = ?");
  current.Bind(1, database.name);
  if (!current.Step()) {
    throw Error(ErrorCode::kNotFound, "database '" + database.name + "' does not exist");
  }
  int64_t id = current.Int(0);
  database.create_time = DecodeDatabase(*db_, database.name, current.Text(1)).create_time;
  db_->Prepare("UPDATE databases SET definition = ? WHERE id = ?")
      .Bind(1, store::EncodeDefinition(ToJson(database), "database " + database.name))
      .Bind(2, id)
      .Run();
  transaction.Commit();
}

void Catalog::DeleteDatabase(std::string_view name) {
  std::string normalized = NormalizeName("database name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  int64_t id = store::DatabaseId(*db_, normalized);
  db_->Prepare("DELETE FROM databases WHERE id = ?").Bind(1, id).Run();
  transaction.Commit();
}

// ---- tables ----

void Catalog::CreateTable(std::string_view database, const Table& input) {
  std::string database_name = NormalizeName("database name", database);
  Table table = NormalizeTable(input, database_name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  int64_t database_id = store::DatabaseId(*db_, database_name);
  if (store::FindTable(*db_, database_id, database_name, table.name)) {
    throw Error(ErrorCode::kAlreadyExists,
                "table '" + database_name + "." + table.name + "' already exists");
  }
  RequireConnection(*db_, table);
  table.create_time = table.update_time = NowMillis();
  table.version_id = 1;
  std::string definition =
      store::EncodeDefinition(ToJson(table), "table " + database_name + "." + table.name);
  Statement insert = db_->Prepare(
      "INSERT INTO tables (database_id, name, version, definition, connection_name) "
      "VALUES (?, ?, 1, ?, ?)");
  insert.Bind(1, database_id).Bind(2, table.name).Bind(3, definition);
  if (table.connection_name.empty()) {
    insert.BindNull(4);
  } else {
    insert.Bind(4, table.connection_name);
  }
  insert.Run();
  int64_t table_id = db_->LastInsertRowId();
  db_->Prepare("INSERT INTO table_versions (table_id, version, definition) VALUES (?, 1, ?)")
      .Bind(1, table_id)
      .Bind(2, definition)
      .Run();
  store::IndexTableParameters(*db_, table_id, table.parameters);
  transaction.Commit();
}

Table Catalog::GetTable(std::string_view database, std::string_view name) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  return store::LoadTable(*db_, database_name, table_name).table;
}

Page<Table> Catalog::GetTables(std::string_view database, const PageRequest& page) {
  TableSearch search;
  search.database = std::string(database);
  return SearchTables(search, page);
}

int64_t Catalog::UpdateTable(std::string_view database, const Table& input,
                             int64_t expected_version) {
  std::string database_name = NormalizeName("database name", database);
  Table table = NormalizeTable(input, database_name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::TableRow row = store::LoadTable(*db_, database_name, table.name);
  if (expected_version != 0 && expected_version != row.table.version_id) {
    throw Error(ErrorCode::kConflict, "table " + database_name + "." + table.name +
                                          " is at version " + std::to_string(row.table.version_id) +
                                          ", not " + std::to_string(expected_version) +
                                          ": another writer updated it; read it again and retry");
  }
  int64_t version = WriteNewVersion(*db_, row, std::move(table));
  transaction.Commit();
  return version;
}

int64_t Catalog::UpdateTable(std::string_view database, std::string_view name,
                             const std::function<void(Table&)>& change) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  Table changed = row.table;
  change(changed);
  if (NormalizeName("table name", changed.name) != table_name) {
    ThrowInvalid("table " + database_name + "." + table_name + " cannot be renamed to '" +
                 changed.name + "'");
  }
  int64_t version = WriteNewVersion(*db_, row, NormalizeTable(changed, database_name));
  transaction.Commit();
  return version;
}

void Catalog::DeleteTable(std::string_view database, std::string_view name) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  db_->Prepare("DELETE FROM tables WHERE id = ?").Bind(1, row.id).Run();
  transaction.Commit();
}

Page<Table> Catalog::SearchTables(const TableSearch& search, const PageRequest& page) {
  int64_t limit = store::PageLimit(page);
  std::string database;
  if (!search.database.empty()) database = NormalizeName("database name", search.database);
  std::string pattern = search.name_pattern;
  for (char& c : pattern) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // The token is "database\0table" of the last table returned.
  std::string after = store::DecodeToken(page.next_token);
  size_t separator = after.find('\0');
  std::string after_database = after.substr(0, separator);
  std::string after_table = separator == std::string::npos ? "" : after.substr(separator + 1);

  std::string sql =
      "SELECT databases.name, tables.name, tables.version, tables.definition FROM tables "
      "JOIN databases ON databases.id = tables.database_id WHERE ";
  // One database: its (database_id, name) index serves the order and the token.
  sql += database.empty() ? "(databases.name, tables.name) > (?1, ?2)"
                          : "databases.name = ?3 AND tables.name > ?2";
  if (!pattern.empty()) {
    sql += search.syntax == PatternSyntax::kGlob ? " AND tables.name GLOB ?4"
                                                 : " AND tables.name LIKE ?4";
  }
  if (!search.include_deprecated) {
    sql += " AND coalesce(json_extract(tables.definition, '$.Deprecated'), 0) = 0";
  }
  for (size_t i = 0; i < search.parameters.size(); ++i) {
    std::string key_index = std::to_string(6 + 2 * i);
    std::string value_index = std::to_string(7 + 2 * i);
    sql +=
        " AND EXISTS (SELECT 1 FROM table_parameters WHERE table_parameters.table_id = "
        "tables.id AND table_parameters.key = ?" +
        key_index;
    if (search.parameters[i].value) sql += " AND table_parameters.value = ?" + value_index;
    sql += ")";
  }
  sql += " ORDER BY databases.name, tables.name LIMIT ?5";

  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  if (!database.empty()) store::DatabaseId(*db_, database);
  Statement statement = db_->Prepare(sql);
  if (database.empty()) {
    statement.Bind(1, after_database);
  } else {
    statement.Bind(3, database);
  }
  statement.Bind(2, after_table);
  if (!pattern.empty()) statement.Bind(4, pattern);
  statement.Bind(5, SqlLimit(limit));
  for (size_t i = 0; i < search.parameters.size(); ++i) {
    statement.Bind(static_cast<int>(6 + 2 * i), search.parameters[i].key);
    if (search.parameters[i].value) {
      statement.Bind(static_cast<int>(7 + 2 * i), *search.parameters[i].value);
    }
  }
  Page<Table> result;
  while (statement.Step()) {
    if (static_cast<int64_t>(result.items.size()) == limit) {
      const Table& last = result.items.back();
      result.next_token = store::EncodeToken(last.database_name + std::string(1, '\0') + last.name);
      break;
    }
    result.items.push_back(store::DecodeTable(*db_, statement.Text(3),
                                              std::string(statement.Text(0)),
                                              std::string(statement.Text(1)), statement.Int(2)));
  }
  return result;
}

// ---- table versions ----

Page<TableVersion> Catalog::GetTableVersions(std::string_view database, std::string_view table,
                                             const PageRequest& page) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", table);
  int64_t limit = store::PageLimit(page);
  int64_t before = INT64_MAX;
  if (!page.next_token.empty()) {
    std::string key = store::DecodeToken(page.next_token);
    auto [ptr, error] = std::from_chars(key.data(), key.data() + key.size(), before);
    if (error != std::errc() || ptr != key.data() + key.size()) {
      ThrowInvalid("next token '" + page.next_token + "' is not one the catalog issued");
    }
  }
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  Statement statement = db_->Prepare(
      "SELECT version, definition FROM table_versions WHERE table_id = ? AND version < ? "
      "ORDER BY version DESC LIMIT ?");
  statement.Bind(1, row.id).Bind(2, before).Bind(3, SqlLimit(limit));
  Page<TableVersion> result;
  while (statement.Step()) {
    if (static_cast<int64_t>(result.items.size()) == limit) {
      result.next_token = store::EncodeToken(std::to_string(result.items.back().version_id));
      break;
    }
    int64_t version = statement.Int(0);
    result.items.push_back(
        {store::DecodeTable(*db_, statement.Text(1), database_name, table_name, version), version});
  }
  return result;
}

TableVersion Catalog::GetTableVersion(std::string_view database, std::string_view table,
                                      int64_t version_id) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", table);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  Statement statement =
      db_->Prepare("SELECT definition FROM table_versions WHERE table_id = ? AND version = ?");
  statement.Bind(1, row.id).Bind(2, version_id);
  if (!statement.Step()) {
    throw Error(ErrorCode::kNotFound, "table " + database_name + "." + table_name +
                                          " has no version " + std::to_string(version_id));
  }
  return {store::DecodeTable(*db_, statement.Text(0), database_name, table_name, version_id),
          version_id};
}

void Catalog::DeleteTableVersions(std::string_view database, std::string_view table,
                                  std::span<const int64_t> version_ids) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", table);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  std::string owner = "table " + database_name + "." + table_name;
  // Check every version before deleting any, so a bad id deletes nothing.
  for (int64_t version : version_ids) {
    if (version == row.table.version_id) {
      ThrowInvalid(owner + ": version " + std::to_string(version) +
                   " is the current definition and cannot be deleted; update or delete the "
                   "table instead");
    }
    Statement exists =
        db_->Prepare("SELECT 1 FROM table_versions WHERE table_id = ? AND version = ?");
    exists.Bind(1, row.id).Bind(2, version);
    if (!exists.Step()) {
      throw Error(ErrorCode::kNotFound, owner + " has no version " + std::to_string(version));
    }
  }
  for (int64_t version : version_ids) {
    db_->Prepare("DELETE FROM table_versions WHERE table_id = ? AND version = ?")
        .Bind(1, row.id)
        .Bind(2, version)
        .Run();
  }
  transaction.Commit();
}

}  // namespace basin::catalog
