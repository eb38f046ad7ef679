// MSCK REPAIR TABLE and ALTER TABLE ADD / DROP PARTITION: Hive partitions in the catalog.
#include <map>
#include <set>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/engine/session.hpp"
#include "sql/engine/write_util.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

namespace {

StatementResult Done(std::string type, std::string message) {
  StatementResult result;
  result.statement_type = std::move(type);
  result.message = std::move(message);
  return result;
}

// The values of a PARTITION (k = v, …) spec in the order of the table's keys. With `partial`
// keys may be missing (their slot stays empty and *present is false for them).
std::vector<std::string> SpecValues(const catalog::Table& table, const PartitionSpec& spec,
                                    bool partial, std::vector<bool>* present) {
  const auto& keys = table.partition_keys;
  std::vector<std::string> values(keys.size());
  std::vector<bool> seen(keys.size(), false);
  for (const auto& value : spec.values) {
    std::string key = catalog::NormalizeColumnName(value.key.Name());
    size_t i = 0;
    while (i < keys.size() && keys[i].name != key) ++i;
    if (i == keys.size()) {
      ThrowInvalid(Position(value.key.pos) + "'" + key + "' is not a partition key of " +
                   table.database_name + "." + table.name);
    }
    if (seen[i]) ThrowInvalid(Position(value.key.pos) + "partition key '" + key + "' given twice");
    seen[i] = true;
    values[i] = value.value;
  }
  if (!partial) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (!seen[i]) {
        ThrowInvalid(Position(spec.pos) + "the partition spec lacks key '" + keys[i].name +
                     "' (every partition key needs a value)");
      }
    }
  }
  if (present != nullptr) *present = seen;
  return values;
}

bool PartitionExists(catalog::Catalog& catalog, const std::string& database,
                     const std::string& table, const std::vector<std::string>& values) {
  try {
    catalog.GetPartition(database, table, values);
    return true;
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound) throw;
    return false;
  }
}

catalog::Table PartitionedTable(catalog::Catalog& catalog, const std::string& database,
                                const std::string& name) {
  catalog::Table table = catalog.GetTable(database, name);
  if (table.partition_keys.empty()) {
    ThrowInvalid("table " + database + "." + name + " is not partitioned");
  }
  return table;
}

}  // namespace

StatementResult Session::AddPartitions(const AddPartitionsStatement& statement) {
  std::string database = DatabaseOf(statement.table, 1);
  std::string name = TableOf(statement.table);
  catalog::Table table = PartitionedTable(catalog_, database, name);
  std::vector<catalog::Partition> partitions;
  std::set<std::vector<std::string>> seen;
  for (const auto& added : statement.partitions) {
    catalog::Partition partition;
    partition.values = SpecValues(table, added.spec, false, nullptr);
    if (!seen.insert(partition.values).second) {
      ThrowInvalid(Position(added.spec.pos) + "the same partition is listed twice");
    }
    if (statement.if_not_exists && PartitionExists(catalog_, database, name, partition.values)) {
      continue;
    }
    if (added.location) {
      partition.storage_descriptor = table.storage_descriptor;
      partition.storage_descriptor.location = *added.location;
    }
    partitions.push_back(std::move(partition));
  }
  if (!partitions.empty()) catalog_.BatchCreatePartitions(database, name, partitions);
  return Done("ALTER TABLE ADD PARTITION",
              std::to_string(partitions.size()) + " partition(s) added to " + database + "." + name);
}

StatementResult Session::DropPartitions(const DropPartitionsStatement& statement) {
  std::string database = DatabaseOf(statement.table, 1);
  std::string name = TableOf(statement.table);
  catalog::Table table = PartitionedTable(catalog_, database, name);
  std::vector<catalog::Partition> existing = ListAllPartitions(catalog_, database, name);
  std::set<std::vector<std::string>> doomed;
  for (const auto& spec : statement.partitions) {
    std::vector<bool> present;
    std::vector<std::string> values = SpecValues(table, spec, true, &present);
    size_t matched = 0;
    for (const auto& partition : existing) {
      bool match = true;
      for (size_t i = 0; i < values.size() && match; ++i) {
        match = !present[i] || partition.values[i] == values[i];
      }
      if (match) {
        doomed.insert(partition.values);
        ++matched;
      }
    }
    if (matched == 0 && !statement.if_exists) {
      throw Error(ErrorCode::kNotFound,
                  Position(spec.pos) + "no partition of " + database + "." + name +
                      " matches the spec (use DROP IF EXISTS to ignore that)");
    }
  }
  std::vector<std::vector<std::string>> values(doomed.begin(), doomed.end());
  if (!values.empty()) catalog_.BatchDeletePartitions(database, name, values);
  return Done("ALTER TABLE DROP PARTITION",
              std::to_string(values.size()) + " partition(s) dropped from " + database + "." + name);
}

std::vector<std::string> Session::RegisterFoundPartitions(const std::string& database,
                                                         const std::string& name) {
  catalog::Table table = PartitionedTable(catalog_, database, name);
  const auto& keys = table.partition_keys;
  std::string root = WithSlash(table.storage_descriptor.location);

  std::set<std::vector<std::string>> known;
  for (auto& partition : ListAllPartitions(catalog_, database, name)) {
    known.insert(std::move(partition.values));
  }
  // Every file below the location whose first folders are k1=v1/k2=v2/… in key order names a
  // partition; hidden entries (_temporary, .staging) are skipped, as Hive and Athena do.
  std::map<std::vector<std::string>, std::string> found;
  for (auto& [values, folder] : FindPartitionFolders(root, keys)) {
    if (!known.count(values)) found.emplace(values, folder);
  }
  std::vector<catalog::Partition> partitions;
  std::vector<std::string> folders;
  for (const auto& [values, folder] : found) {
    catalog::Partition partition;
    partition.values = values;
    partition.storage_descriptor = table.storage_descriptor;
    partition.storage_descriptor.location = folder;
    partitions.push_back(std::move(partition));
    folders.push_back(folder.substr(root.size()));
  }
  if (!partitions.empty()) catalog_.BatchCreatePartitions(database, name, partitions);
  return folders;
}

StatementResult Session::MsckRepair(const MsckRepairStatement& statement) {
  std::string database = DatabaseOf(statement.table, 1);
  std::string name = TableOf(statement.table);
  std::vector<std::string> folders = RegisterFoundPartitions(database, name);
  std::string message = std::to_string(folders.size()) + " partition(s) added to " + database +
                        "." + name;
  for (const auto& folder : folders) message += "\n  " + folder;
  return Done("MSCK REPAIR TABLE", message);
}

}  // namespace basin::sql
