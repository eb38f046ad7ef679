#pragma once

// Checks and normal forms of what callers hand the catalog, before anything is written:
// names folded by Glue's rules, Hive types parsed, well-known parameters checked, partition
// values matched to their keys, connection URLs parsed. Each failure is InvalidInput naming
// the entity and the offending part.

#include <span>
#include <string>
#include <string_view>

#include "catalog/catalog_types.hpp"

namespace basin::catalog {

Database NormalizeDatabase(const Database& database);

// The table as it will be stored in `database` (already normalised): names folded, column and
// partition-key types validated with types::ParseHiveType, duplicate columns refused,
// recordCount/sizeKey/objectCount/averageRecordSize checked to be non-negative integers, views
// required to have their text, JDBC tables required to name a connection.
Table NormalizeTable(const Table& table, const std::string& database);

// One value per partition key, each a value of its key's type.
void CheckPartitionValues(const Table& table, std::span<const std::string> values);

// The partition as it will be stored for `table`: values checked, storage descriptor columns
// and parameters validated as a table's are.
Partition NormalizePartition(const Table& table, const Partition& partition);

// Name folded, URL parsed (its type becomes the connection's type), relative sqlite: and
// secret-file paths made absolute, password reference and parameters checked.
Connection NormalizeConnection(const Connection& connection);

}  // namespace basin::catalog
