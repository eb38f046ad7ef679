#include "catalog/validation.hpp"

#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>

#include "catalog/connection_url.hpp"
#include "catalog/names.hpp"
#include "catalog/partition_filter.hpp"
#include "common/error.hpp"
#include "types/logical_type.hpp"

namespace basin::catalog {

namespace {

// Glue's limits on parameter keys and values.
constexpr size_t kMaxParameterKey = 255;
constexpr size_t kMaxParameterValue = 512'000;

void CheckParameters(const std::string& owner, const Parameters& parameters) {
  for (const auto& [key, value] : parameters) {
    if (key.empty() || key.size() > kMaxParameterKey) {
      ThrowInvalid(owner + ": parameter names must be 1 to 255 bytes long ('" + key.substr(0, 40) +
                   "')");
    }
    if (value.size() > kMaxParameterValue) {
      ThrowInvalid(owner + ": parameter '" + key + "' is longer than 512000 bytes");
    }
    CheckText(owner + ": parameter name '" + key + "'", key);
  }
}

void CheckCount(const std::string& owner, const Parameters& parameters, std::string_view key) {
  auto it = parameters.find(std::string(key));
  if (it == parameters.end()) return;
  const std::string& text = it->second;
  int64_t value = -1;
  auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || ptr != text.data() + text.size() || value < 0) {
    ThrowInvalid(owner + ": parameter " + std::string(key) +
                 " must be a non-negative integer, "
                 "not '" +
                 text + "'");
  }
}

Column NormalizeColumn(const std::string& owner, const Column& column, const char* what) {
  Column out = column;
  out.name = NormalizeColumnName(column.name);
  std::string where = owner + ": " + what + " '" + out.name + "'";
  if (column.type.empty()) ThrowInvalid(where + " has no type");
  try {
    types::ParseHiveType(column.type);
  } catch (const Error& error) {
    ThrowInvalid(where + " has the malformed Hive type '" + column.type + "': " + error.what());
  }
  CheckText(where + " comment", column.comment);
  CheckParameters(where, column.parameters);
  return out;
}

std::vector<Column> NormalizeColumns(const std::string& owner, const std::vector<Column>& columns,
                                     const char* what, std::set<std::string>& seen) {
  std::vector<Column> out;
  out.reserve(columns.size());
  for (const auto& column : columns) {
    out.push_back(NormalizeColumn(owner, column, what));
    if (!seen.insert(out.back().name).second) {
      ThrowInvalid(owner + ": the name '" + out.back().name +
                   "' is used by more than one column or partition key");
    }
  }
  return out;
}

void CheckEnvironmentName(const std::string& name) {
  bool ok = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    ok = ok &&
         ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (!ok) {
    ThrowInvalid("'" + name + "' is not an environment variable name (letters, digits, _)");
  }
}

}  // namespace

Database NormalizeDatabase(const Database& database) {
  Database out = database;
  out.name = NormalizeName("database name", database.name);
  std::string owner = "database '" + out.name + "'";
  CheckText(owner + " description", out.description);
  CheckText(owner + " location", out.location_uri);
  CheckParameters(owner, out.parameters);
  return out;
}

Table NormalizeTable(const Table& table, const std::string& database) {
  Table out = table;
  out.name = NormalizeName("table name", table.name);
  out.database_name = database;
  std::string owner = "table " + database + "." + out.name;
  std::set<std::string> seen;
  out.storage_descriptor.columns =
      NormalizeColumns(owner, table.storage_descriptor.columns, "column", seen);
  out.partition_keys = NormalizeColumns(owner, table.partition_keys, "partition key", seen);
  CheckText(owner + " description", out.description);
  CheckText(owner + " location", out.storage_descriptor.location);
  CheckParameters(owner, out.parameters);
  CheckParameters(owner + " storage descriptor", out.storage_descriptor.parameters);
  CheckParameters(owner + " SerDe", out.storage_descriptor.serde_info.parameters);
  for (auto key : {kRecordCountKey, kSizeKey, kObjectCountKey, kAverageRecordSizeKey}) {
    CheckCount(owner, out.parameters, key);
  }
  if (out.retention < 0) ThrowInvalid(owner + ": retention must not be negative");
  if (out.table_type == TableType::kVirtualView && out.view_original_text.empty()) {
    ThrowInvalid(owner + ": a VIRTUAL_VIEW needs its view text");
  }
  if (out.table_type == TableType::kJdbcTable) {
    if (out.connection_name.empty()) {
      ThrowInvalid(owner + ": a JDBC_TABLE needs the name of its connection");
    }
    out.connection_name = NormalizeName("connection name", out.connection_name);
  } else if (!out.connection_name.empty()) {
    ThrowInvalid(owner + ": only a JDBC_TABLE reads through a connection ('" + out.connection_name +
                 "')");
  }
  return out;
}

void CheckPartitionValues(const Table& table, std::span<const std::string> values) {
  std::string owner = "table " + table.database_name + "." + table.name;
  if (values.size() != table.partition_keys.size()) {
    std::string keys;
    for (const auto& key : table.partition_keys) keys += (keys.empty() ? "" : ", ") + key.name;
    ThrowInvalid(owner + " has " + std::to_string(table.partition_keys.size()) + " partition keys" +
                 (keys.empty() ? "" : " (" + keys + ")") + " but " + std::to_string(values.size()) +
                 " partition values were given");
  }
  for (size_t i = 0; i < values.size(); ++i) {
    CheckText(owner + " partition value", values[i]);
    try {
      CheckPartitionValue(table.partition_keys[i], values[i]);
    } catch (const Error& error) {
      ThrowInvalid(owner + ": " + error.what());
    }
  }
}

Partition NormalizePartition(const Table& table, const Partition& partition) {
  CheckPartitionValues(table, partition.values);
  Partition out = partition;
  out.database_name = table.database_name;
  out.table_name = table.name;
  std::string owner = "partition of table " + table.database_name + "." + table.name;
  std::set<std::string> seen;
  out.storage_descriptor.columns =
      NormalizeColumns(owner, partition.storage_descriptor.columns, "column", seen);
  CheckText(owner + " location", out.storage_descriptor.location);
  CheckParameters(owner, out.parameters);
  CheckParameters(owner + " storage descriptor", out.storage_descriptor.parameters);
  return out;
}

Connection NormalizeConnection(const Connection& connection) {
  Connection out = connection;
  out.name = NormalizeName("connection name", connection.name);
  std::string owner = "connection '" + out.name + "'";
  ConnectionUrl url = ParseConnectionUrl(connection.url);
  out.type = url.type;
  CheckText(owner + " description", out.description);
  CheckParameters(owner, out.parameters);
  for (const auto& [key, value] : out.parameters) {
    std::string lower = key;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("password") != std::string::npos) {
      ThrowInvalid(owner + ": parameter '" + key +
                   "' would hold a password; give --password-env VAR or --password-file FILE");
    }
  }
  if (out.type == ConnectionType::kSqlite) {
    out.url = "sqlite:" + std::filesystem::absolute(url.path).lexically_normal().string();
    if (!out.user.empty() || out.password.kind != PasswordRef::Kind::kNone) {
      ThrowInvalid(owner + ": an SQLite file takes no user or password");
    }
    out.tls_mode = TlsMode::kDisable;
    return out;
  }
  if (out.user.empty()) {
    ThrowInvalid(owner + ": give the user to connect as (--user)");
  }
  CheckText(owner + " user", out.user);
  switch (out.password.kind) {
    case PasswordRef::Kind::kNone: break;
    case PasswordRef::Kind::kEnvironment: CheckEnvironmentName(out.password.value); break;
    case PasswordRef::Kind::kFile:
      if (out.password.value.empty()) ThrowInvalid(owner + ": the password file path is empty");
      out.password.value =
          std::filesystem::absolute(out.password.value).lexically_normal().string();
      break;
  }
  return out;
}

}  // namespace basin::catalog
