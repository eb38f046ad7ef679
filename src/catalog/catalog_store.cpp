#include "catalog/catalog_store.hpp"

#include "catalog/catalog_json.hpp"
#include "common/error.hpp"

namespace basin::catalog::store {

std::optional<int64_t> FindDatabaseId(SqliteDb& db, const std::string& database) {
  Statement statement = db.Prepare("SELECT id FROM databases WHERE name = ?");
  statement.Bind(1, database);
  if (!statement.Step()) return std::nullopt;
  return statement.Int(0);
}

int64_t DatabaseId(SqliteDb& db, const std::string& database) {
  auto id = FindDatabaseId(db, database);
  if (!id) throw Error(ErrorCode::kNotFound, "database '" + database + "' does not exist");
  return *id;
}

std::optional<TableRow> FindTable(SqliteDb& db, int64_t database_id, const std::string& database,
                                  const std::string& table) {
  Statement statement =
      db.Prepare("SELECT id, version, definition FROM tables WHERE database_id = ? AND name = ?");
  statement.Bind(1, database_id).Bind(2, table);
  if (!statement.Step()) return std::nullopt;
  TableRow row;
  row.id = statement.Int(0);
  row.table = DecodeTable(db, statement.Text(2), database, table, statement.Int(1));
  return row;
}

TableRow LoadTable(SqliteDb& db, const std::string& database, const std::string& table) {
  Statement statement = db.Prepare(
      "SELECT tables.id, tables.version, tables.definition FROM tables "
      "JOIN databases ON databases.id = tables.database_id "
      "WHERE databases.name = ? AND tables.name = ?");
  statement.Bind(1, database).Bind(2, table);
  if (statement.Step()) {
    TableRow row;
    row.id = statement.Int(0);
    row.table = DecodeTable(db, statement.Text(2), database, table, statement.Int(1));
    return row;
  }
  DatabaseId(db, database);  // NotFound naming the database when that is what is missing
  throw Error(ErrorCode::kNotFound, "table '" + database + "." + table +
                                        "' does not exist in database '" + database + "'");
}

nlohmann::json ParseDefinition(SqliteDb& db, std::string_view text, std::string_view what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    ThrowCorrupt(db.path() + ": the stored definition of " + std::string(what) +
                 " is not valid JSON (" + error.what() + ")");
  }
}

Table DecodeTable(SqliteDb& db, std::string_view definition, const std::string& database,
                  const std::string& name, int64_t version) {
  std::string what = "table " + database + "." + name + " version " + std::to_string(version);
  nlohmann::json json = ParseDefinition(db, definition, what);
  try {
    Table table = TableFromJson(json);
    // The row's keys are the truth; the copies inside the definition are for readers of it.
    table.database_name = database;
    table.name = name;
    table.version_id = version;
    return table;
  } catch (const Error& error) {
    ThrowCorrupt(db.path() + ": the stored definition of " + what +
                 " is unreadable: " + error.what());
  }
}

std::string EncodeDefinition(const nlohmann::json& json, std::string_view what) {
  return DumpJson(json, what);
}

void IndexTableParameters(SqliteDb& db, int64_t table_id, const Parameters& parameters) {
  db.Prepare("DELETE FROM table_parameters WHERE table_id = ?").Bind(1, table_id).Run();
  for (const auto& [key, value] : parameters) {
    db.Prepare("INSERT INTO table_parameters (table_id, key, value) VALUES (?, ?, ?)")
        .Bind(1, table_id)
        .Bind(2, key)
        .Bind(3, value)
        .Run();
  }
}

std::string EncodeToken(std::string_view key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  token.reserve(key.size() * 2);
  for (unsigned char c : key) {
    token.push_back(kHex[c >> 4]);
    token.push_back(kHex[c & 15]);
  }
  return token;
}

std::string DecodeToken(std::string_view token) {
  auto nibble = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    ThrowInvalid("next token '" + std::string(token.substr(0, 64)) +
                 "' is not one the catalog issued; start again without a token");
  };
  if (token.size() % 2 != 0) nibble('x');
  std::string key;
  key.reserve(token.size() / 2);
  for (size_t i = 0; i < token.size(); i += 2) {
    key.push_back(static_cast<char>(nibble(token[i]) * 16 + nibble(token[i + 1])));
  }
  return key;
}

int64_t PageLimit(const PageRequest& page) {
  if (page.max_results < 0) {
    ThrowInvalid("max results must be positive (0 for no limit), not " +
                 std::to_string(page.max_results));
  }
  return page.max_results == 0 ? INT64_MAX : page.max_results;
}

std::string EncodeValues(std::span<const std::string> values) {
  std::string key;
  for (const auto& value : values) {
    for (char c : value) {
      if (c == '\x00' || c == '\x01') {
        key.push_back('\x01');
        key.push_back(c == '\x00' ? '\x01' : '\x02');
      } else {
        key.push_back(c);
      }
    }
    key.push_back('\x00');
  }
  return key;
}

void DecodeValues(SqliteDb& db, std::string_view key, size_t count,
                  std::vector<std::string>& values) {
  auto fail = [&] {
    ThrowCorrupt(db.path() + ": a stored partition key does not hold " + std::to_string(count) +
                 " well-formed values, one per partition key");
  };
  values.resize(count);
  for (auto& value : values) value.clear();
  size_t index = 0;
  for (size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (c == '\x00') {
      ++index;
      continue;
    }
    if (index >= count) fail();
    if (c == '\x01') {
      if (i + 1 >= key.size() || (key[i + 1] != '\x01' && key[i + 1] != '\x02')) fail();
      values[index].push_back(key[++i] == '\x01' ? '\x00' : '\x01');
    } else {
      values[index].push_back(c);
    }
  }
  if (index != count) fail();
}

}  // namespace basin::catalog::store
