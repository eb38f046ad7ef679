// Catalog: partitions of tables.
#include <set>

#include "catalog/catalog.hpp"
#include "catalog/catalog_json.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/names.hpp"
#include "catalog/partition_filter.hpp"
#include "catalog/sqlite_db.hpp"
#include "catalog/validation.hpp"
#include "common/error.hpp"

namespace basin::catalog {

namespace {

using Lock = std::lock_guard<std::recursive_mutex>;

// "(year=2024, month=03)" for messages.
std::string Describe(const Table& table, std::span<const std::string> values) {
  std::string text = "(";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ", ";
    if (i < table.partition_keys.size()) text += table.partition_keys[i].name + "=";
    text += values[i];
  }
  return text + ")";
}

std::string Owner(const Table& table) { return table.database_name + "." + table.name; }

// Hive's escaping of a partition value in a directory name.
std::string EscapePathValue(std::string_view value) {
  static constexpr std::string_view kEscaped = "\"#%'*/:=?\\{[]^";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || kEscaped.find(c) != std::string_view::npos) {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 15]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// The partition ready to store: values checked and, when it brings no storage descriptor of
// its own, the table's with the location where Hive puts the partition.
Partition Prepare(const Table& table, const Partition& input) {
  Partition partition = NormalizePartition(table, input);
  StorageDescriptor& descriptor = partition.storage_descriptor;
  if (descriptor.columns.empty() && descriptor.input_format.empty()) {
    std::string location = descriptor.location;
    descriptor = table.storage_descriptor;
    if (location.empty() && !descriptor.location.empty()) {
      location = descriptor.location;
      if (location.back() != '/') location.push_back('/');
      for (size_t i = 0; i < partition.values.size(); ++i) {
        location += table.partition_keys[i].name + "=" + EscapePathValue(partition.values[i]) + "/";
      }
    }
    descriptor.location = location;
  }
  return partition;
}

// The stored definition leaves out what the row's keys already say.
std::string Definition(const Table& table, const Partition& partition) {
  nlohmann::json json = ToJson(partition);
  json.erase("Values");
  json.erase("DatabaseName");
  json.erase("TableName");
  return store::EncodeDefinition(
      json, "partition " + Describe(table, partition.values) + " of table " + Owner(table));
}

Partition Decode(SqliteDb& db, const Table& table, std::vector<std::string> values,
                 std::string_view definition) {
  std::string what = "partition " + Describe(table, values) + " of table " + Owner(table);
  nlohmann::json json = store::ParseDefinition(db, definition, what);
  try {
    Partition partition = PartitionFromJson(json);
    partition.values = std::move(values);
    partition.database_name = table.database_name;
    partition.table_name = table.name;
    return partition;
  } catch (const Error& error) {
    ThrowCorrupt(db.path() + ": the stored definition of " + what +
                 " is unreadable: " + error.what());
  }
}

bool PartitionExists(SqliteDb& db, int64_t table_id, const std::string& key) {
  Statement statement =
      db.Prepare("SELECT 1 FROM partitions WHERE table_id = ? AND values_key = ?");
  statement.Bind(1, table_id).BindBlob(2, key);
  return statement.Step();
}

[[noreturn]] void ThrowMissing(const Table& table, std::span<const std::string> values) {
  throw Error(ErrorCode::kNotFound,
              "table " + Owner(table) + " has no partition " + Describe(table, values));
}

// Inserts prepared partitions after checking that none exists yet, in the table or twice in
// the batch; the caller's transaction makes the batch all-or-nothing.
void InsertAll(SqliteDb& db, const store::TableRow& row, std::span<const Partition> inputs) {
  std::vector<std::pair<std::string, Partition>> prepared;
  prepared.reserve(inputs.size());
  std::set<std::string> keys;
  for (const auto& input : inputs) {
    Partition partition = Prepare(row.table, input);
    std::string key = store::EncodeValues(partition.values);
    if (!keys.insert(key).second || PartitionExists(db, row.id, key)) {
      throw Error(ErrorCode::kAlreadyExists, "partition " + Describe(row.table, partition.values) +
                                                 " of table " + Owner(row.table) +
                                                 " already exists");
    }
    prepared.emplace_back(std::move(key), std::move(partition));
  }
  int64_t now = NowMillis();
  for (auto& [key, partition] : prepared) {
    partition.creation_time = now;
    db.Prepare("INSERT INTO partitions (table_id, values_key, definition) VALUES (?, ?, ?)")
        .Bind(1, row.id)
        .BindBlob(2, key)
        .Bind(3, Definition(row.table, partition))
        .Run();
  }
}

}  // namespace

void Catalog::CreatePartition(std::string_view database, std::string_view table,
                              const Partition& partition) {
  BatchCreatePartitions(database, table, std::span<const Partition>(&partition, 1));
}

void Catalog::BatchCreatePartitions(std::string_view database, std::string_view table,
                                    std::span<const Partition> partitions) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", table);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  InsertAll(*db_, row, partitions);
  transaction.Commit();
}

Partition Catalog::GetPartition(std::string_view database, std::string_view table,
                                std::span<const std::string> values) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", table);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  CheckPartitionValues(row.table, values);
  Statement statement =
      db_->Prepare("SELECT definition FROM partitions WHERE table_id = ? AND values_key = ?");
  statement.Bind(1, row.id).BindBlob(2, store::EncodeValues(values));
  if (!statement.Step()) ThrowMissing(row.table, values);
  return Decode(*db_, row.table, {values.begin(), values.end()}, statement.Text(0));
}

void Catalog::UpdatePartition(std::string_view database, std::string_view table,
                              std::span<const std::string> values, const Partition& input) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", table);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  CheckPartitionValues(row.table, values);
  std::string old_key = store::EncodeValues(values);
  Statement current =
      db_->Prepare("SELECT definition FROM partitions WHERE table_id = ? AND values_key = ?");
  current.Bind(1, row.id).BindBlob(2, old_key);
  if (!current.Step()) ThrowMissing(row.table, values);
  int64_t creation_time =
      Decode(*db_, row.table, {values.begin(), values.end()}, current.Text(0)).creation_time;

  Partition changed = input;
  if (changed.values.empty()) changed.values.assign(values.begin(), values.end());
  Partition partition = Prepare(row.table, changed);
  partition.creation_time = creation_time;
  std::string new_key = store::EncodeValues(partition.values);
  if (new_key != old_key && PartitionExists(*db_, row.id, new_key)) {
    throw Error(ErrorCode::kAlreadyExists, "partition " + Describe(row.table, partition.values) +
                                               " of table " + Owner(row.table) + " already exists");
  }
  db_->Prepare(
         "UPDATE partitions SET values_key = ?, definition = ? "
         "WHERE table_id = ? AND values_key = ?")
      .BindBlob(1, new_key)
      .Bind(2, Definition(row.table, partition))
      .Bind(3, row.id)
      .BindBlob(4, old_key)
      .Run();
  transaction.Commit();
}

void Catalog::DeletePartition(std::string_view database, std::string_view table,
                              std::span<const std::string> values) {
  std::vector<std::string> one(values.begin(), values.end());
  BatchDeletePartitions(database, table, std::span<const std::vector<std::string>>(&one, 1));
}

void Catalog::BatchDeletePartitions(std::string_view database, std::string_view table,
                                    std::span<const std::vector<std::string>> values) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", table);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  for (const auto& partition_values : values) {
    CheckPartitionValues(row.table, partition_values);
    db_->Prepare("DELETE FROM partitions WHERE table_id = ? AND values_key = ?")
        .Bind(1, row.id)
        .BindBlob(2, store::EncodeValues(partition_values))
        .Run();
    // A missing partition (or one listed twice) fails the batch; the rollback restores all.
    if (db_->Changes() != 1) ThrowMissing(row.table, partition_values);
  }
  transaction.Commit();
}

Page<Partition> Catalog::GetPartitions(std::string_view database, std::string_view table,
                                       const PartitionQuery& query) {
  std::string database_name = NormalizeName("database name", database);
  std::string table_name = NormalizeName("table name", table);
  int64_t limit = store::PageLimit(query.page);
  std::string after = store::DecodeToken(query.page.next_token);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  store::TableRow row = store::LoadTable(*db_, database_name, table_name);
  PartitionFilter filter(query.expression, row.table.partition_keys);
  size_t key_count = row.table.partition_keys.size();

  // Values are decoded for every row to evaluate the filter; definitions only for the rows
  // returned. The scan stops at the first match past a full page, which makes the token.
  Statement statement = db_->Prepare(
      "SELECT values_key, definition FROM partitions WHERE table_id = ? AND values_key > ? "
      "ORDER BY values_key");
  statement.Bind(1, row.id).BindBlob(2, after);
  Page<Partition> result;
  std::vector<std::string> values;
  std::string last_key;
  while (statement.Step()) {
    std::string_view key = statement.Blob(0);
    store::DecodeValues(*db_, key, key_count, values);
    if (!filter.Matches(values)) continue;
    if (static_cast<int64_t>(result.items.size()) == limit) {
      result.next_token = store::EncodeToken(last_key);
      break;
    }
    last_key.assign(key);
    result.items.push_back(Decode(*db_, row.table, values, statement.Text(1)));
  }
  return result;
}

}  // namespace basin::catalog
