#include "crawler/table_writer.hpp"

#include <algorithm>
#include <map>

#include "common/error.hpp"

namespace basin::crawler {

namespace {

using catalog::DeleteBehavior;
using catalog::UpdateBehavior;

std::string ValuesKey(const std::vector<std::string>& values) {
  std::string key;
  for (const auto& value : values) {
    key += value;
    key += '\0';
  }
  return key;
}

std::string DescribeColumnChange(const catalog::Table& before, const catalog::Table& after) {
  std::map<std::string, std::string> old_types;
  for (const auto& column : before.storage_descriptor.columns) old_types[column.name] = column.type;
  std::string detail;
  for (const auto& column : after.storage_descriptor.columns) {
    auto it = old_types.find(column.name);
    if (it == old_types.end()) {
      detail += (detail.empty() ? "" : ", ") + std::string("+") + column.name + " " + column.type;
    } else {
      if (it->second != column.type) {
        detail += (detail.empty() ? "" : ", ") + column.name + " " + it->second + "→" + column.type;
      }
      old_types.erase(it);
    }
  }
  for (const auto& [name, type] : old_types) {
    detail += (detail.empty() ? "" : ", ") + std::string("-") + name;
  }
  if (detail.empty()) detail = "format, keys or location changed";
  return detail;
}

std::vector<catalog::Partition> AllPartitions(CrawlContext& context, const std::string& table) {
  catalog::PartitionQuery query;
  std::vector<catalog::Partition> all;
  do {
    auto page = context.catalog.GetPartitions(context.crawler.database_name, table, query);
    for (auto& partition : page.items) all.push_back(std::move(partition));
    query.page.next_token = page.next_token;
  } while (!query.page.next_token.empty());
  return all;
}

// Adds the partitions not there yet; removes those gone when `remove_missing`. Returns
// {added, removed}.
std::pair<int64_t, int64_t> SyncPartitions(CrawlContext& context, const std::string& table,
                                           const std::vector<catalog::Partition>& desired,
                                           bool remove_missing, bool table_is_new) {
  std::map<std::string, const catalog::Partition*> existing_keys;
  std::vector<catalog::Partition> existing;
  if (!table_is_new) existing = AllPartitions(context, table);
  for (const auto& partition : existing) existing_keys[ValuesKey(partition.values)] = &partition;
  std::vector<catalog::Partition> to_add;
  std::map<std::string, bool> wanted;
  for (const auto& partition : desired) {
    std::string key = ValuesKey(partition.values);
    wanted[key] = true;
    if (!existing_keys.count(key)) to_add.push_back(partition);
  }
  const std::string& database = context.crawler.database_name;
  for (size_t start = 0; start < to_add.size(); start += kPartitionBatch) {
    size_t count = std::min(kPartitionBatch, to_add.size() - start);
    context.catalog.BatchCreatePartitions(
        database, table, std::span<const catalog::Partition>(to_add.data() + start, count));
  }
  std::vector<std::vector<std::string>> to_remove;
  if (remove_missing) {
    for (const auto& partition : existing) {
      if (!wanted.count(ValuesKey(partition.values))) to_remove.push_back(partition.values);
    }
    for (size_t start = 0; start < to_remove.size(); start += kPartitionBatch) {
      size_t count = std::min(kPartitionBatch, to_remove.size() - start);
      context.catalog.BatchDeletePartitions(
          database, table,
          std::span<const std::vector<std::string>>(to_remove.data() + start, count));
    }
  }
  return {static_cast<int64_t>(to_add.size()), static_cast<int64_t>(to_remove.size())};
}

}  // namespace

bool SchemaChanged(const catalog::Table& before, const catalog::Table& after) {
  const auto& a = before.storage_descriptor;
  const auto& b = after.storage_descriptor;
  return a.columns != b.columns || before.partition_keys != after.partition_keys ||
         a.input_format != b.input_format || a.output_format != b.output_format ||
         a.serde_info != b.serde_info || a.location != b.location ||
         before.table_type != after.table_type ||
         before.connection_name != after.connection_name;
}

void WriteTable(CrawlContext& context, DesiredTable& desired, const catalog::Table* existing) {
  const catalog::Crawler& crawler = context.crawler;
  const std::string& database = crawler.database_name;
  catalog::Table& table = desired.table;
  TableChange change;
  change.table = table.name;
  change.classification = table.parameters.count(std::string(catalog::kClassificationKey))
                              ? table.parameters.at(std::string(catalog::kClassificationKey))
                              : "";
  change.location = table.storage_descriptor.location;
  bool remove_missing = crawler.schema_change_policy.delete_behavior != DeleteBehavior::kLog &&
                        !desired.only_add_partitions;
  try {
    if (existing == nullptr) {
      context.catalog.CreateTable(database, table);
      try {
        auto [added, removed] = SyncPartitions(context, table.name, desired.partitions, false, true);
        change.partitions_added = added;
      } catch (const Error&) {
        // A table without its partitions would answer queries wrongly: take it back.
        context.catalog.DeleteTable(database, table.name);
        throw;
      }
      change.action = "created";
      context.crawl.tables_created += 1;
      context.Log("created table " + table.name + " (" + change.classification + ", " +
                  std::to_string(table.storage_descriptor.columns.size()) + " columns, " +
                  std::to_string(change.partitions_added) + " partitions) at " + change.location);
    } else if (desired.only_add_partitions) {
      auto [added, removed] = SyncPartitions(context, table.name, desired.partitions, false, false);
      change.partitions_added = added;
      change.action = added > 0 ? "partitions added" : "unchanged";
      if (added > 0) {
        context.Log("table " + table.name + ": " + std::to_string(added) + " new partitions");
      }
    } else {
      bool schema_changed = SchemaChanged(*existing, table);
      bool stats_changed = existing->parameters != table.parameters;
      bool undeprecate = existing->deprecated;
      bool update_allowed =
          crawler.schema_change_policy.update_behavior == UpdateBehavior::kUpdateInDatabase;
      if ((schema_changed || undeprecate) && !update_allowed) {
        change.action = "update logged";
        change.detail = schema_changed ? DescribeColumnChange(*existing, table) : "reappeared";
        context.Log("table " + table.name + " would be updated (update behavior LOG): " +
                    change.detail);
        // The table keeps its shape; partitions are still added, as Glue does.
        table = *existing;
        for (auto& partition : desired.partitions) {
          partition.storage_descriptor.columns = existing->storage_descriptor.columns;
        }
        remove_missing = false;
      } else if (schema_changed || undeprecate || stats_changed) {
        if (existing->partition_keys.size() != table.partition_keys.size()) {
          // The catalog refuses a change of key count while partitions exist: drop them, the
          // new ones are added below.
          auto old = AllPartitions(context, table.name);
          std::vector<std::vector<std::string>> values;
          for (auto& partition : old) values.push_back(partition.values);
          for (size_t start = 0; start < values.size(); start += kPartitionBatch) {
            size_t count = std::min(kPartitionBatch, values.size() - start);
            context.catalog.BatchDeletePartitions(
                database, table.name,
                std::span<const std::vector<std::string>>(values.data() + start, count));
          }
          change.partitions_removed += static_cast<int64_t>(values.size());
        }
        table.description = existing->description;
        table.owner = existing->owner;
        table.deprecated = false;
        context.catalog.UpdateTable(database, table, existing->version_id);
        if (schema_changed || undeprecate) {
          change.action = "updated";
          change.detail = schema_changed ? DescribeColumnChange(*existing, table) : "reappeared";
          context.crawl.tables_updated += 1;
          context.Log("updated table " + table.name + ": " + change.detail);
        } else {
          change.action = "statistics updated";
        }
      } else {
        change.action = "unchanged";
      }
      auto [added, removed] =
          SyncPartitions(context, table.name, desired.partitions, remove_missing, false);
      change.partitions_added += added;
      change.partitions_removed += removed;
      if (added || removed) {
        context.Log("table " + table.name + ": " + std::to_string(added) + " partitions added, " +
                    std::to_string(removed) + " removed");
      }
    }
  } catch (const Error& error) {
    change.action = "failed";
    change.detail = error.what();
    context.TargetError("table " + table.name, error.what());
  }
  context.crawl.partitions_added += change.partitions_added;
  context.crawl.partitions_removed += change.partitions_removed;
  context.changes.push_back(std::move(change));
}

void RetireTable(CrawlContext& context, const catalog::Table& table) {
  const std::string& database = context.crawler.database_name;
  TableChange change;
  change.table = table.name;
  change.location = table.storage_descriptor.location;
  auto it = table.parameters.find(std::string(catalog::kClassificationKey));
  if (it != table.parameters.end()) change.classification = it->second;
  try {
    switch (context.crawler.schema_change_policy.delete_behavior) {
      case DeleteBehavior::kDeleteFromDatabase:
        context.catalog.DeleteTable(database, table.name);
        change.action = "deleted";
        context.crawl.tables_deleted += 1;
        context.Log("deleted table " + table.name + ": its source is gone");
        break;
      case DeleteBehavior::kDeprecateInDatabase:
        if (table.deprecated) return;
        context.catalog.UpdateTable(database, table.name,
                                    [](catalog::Table& stored) { stored.deprecated = true; });
        change.action = "deprecated";
        context.crawl.tables_deprecated += 1;
        context.Log("marked table " + table.name + " deprecated: its source is gone");
        break;
      case DeleteBehavior::kLog:
        change.action = "delete logged";
        context.Log("table " + table.name +
                    " would be deleted (delete behavior LOG): its source is gone");
        break;
    }
  } catch (const Error& error) {
    change.action = "failed";
    change.detail = error.what();
    context.TargetError("table " + table.name, error.what());
  }
  context.changes.push_back(std::move(change));
}

}  // namespace basin::crawler
