#pragma once

// Row-level access to catalog.db shared by the Catalog's source files (catalog.cpp,
// catalog_partitions.cpp, catalog_connections.cpp): lookups that fail with NotFound naming
// the entity, definitions decoded with Corrupt naming the row, page tokens and the encoding
// of partition values. Internal to catalog/: callers use catalog.hpp. Names passed here are
// already normalised; every function runs inside the caller's transaction.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "catalog/sqlite_db.hpp"

namespace basin::catalog::store {

struct TableRow {
  int64_t id = 0;
  Table table;
};

std::optional<int64_t> FindDatabaseId(SqliteDb& db, const std::string& database);
// NotFound "database 'x' does not exist".
int64_t DatabaseId(SqliteDb& db, const std::string& database);

std::optional<TableRow> FindTable(SqliteDb& db, int64_t database_id, const std::string& database,
                                  const std::string& table);
// NotFound naming the database when it is missing, else the table as db.table.
TableRow LoadTable(SqliteDb& db, const std::string& database, const std::string& table);

// Parses a stored definition; anything unreadable is Corrupt naming the file and `what`.
nlohmann::json ParseDefinition(SqliteDb& db, std::string_view text, std::string_view what);
Table DecodeTable(SqliteDb& db, std::string_view definition, const std::string& database,
                  const std::string& name, int64_t version);

// Serialises a definition for storage; invalid UTF-8 is InvalidInput naming `what`.
std::string EncodeDefinition(const nlohmann::json& json, std::string_view what);

// Writes the table's parameters into the search index (replacing what was there).
void IndexTableParameters(SqliteDb& db, int64_t table_id, const Parameters& parameters);

// Page tokens are the hex of the last key returned; opaque to callers.
std::string EncodeToken(std::string_view key);
// InvalidInput when the token is not one the catalog issued.
std::string DecodeToken(std::string_view token);
// The row limit of a page (max_results, or "all" when 0); InvalidInput when negative.
int64_t PageLimit(const PageRequest& page);

// Partition values as one byte string that sorts as the list of values does: each value with
// 0x00 and 0x01 escaped (as 0x01 0x01 and 0x01 0x02), followed by 0x00.
std::string EncodeValues(std::span<const std::string> values);
// Corrupt (naming the file) when `key` is not an encoding of `count` values.
void DecodeValues(SqliteDb& db, std::string_view key, size_t count,
                  std::vector<std::string>& values);

}  // namespace basin::catalog::store
