// INSERT OVERWRITE [TABLE] t [PARTITION (k1, k2)] query: the query's rows replace the table's
// data (all of it, or with PARTITION only the partitions that receive rows).
//
// How the switch stays atomic (README.md, "INSERT OVERWRITE"): the rows are written, staged and
// published as any write, but into a fresh hidden folder <root>/.basin-gen-<id>/ that no scan
// of the table reads. One catalog transaction then points the table (and its partitions) at
// the new folder and runs on_commit; only after it commits are the old files deleted. A scan
// sees the old files or the new ones, never both and never neither.
#include <set>

#include "catalog/catalog.hpp"
#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/engine/query_runner.hpp"
#include "sql/engine/session.hpp"
#include "sql/engine/write_util.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

namespace {

constexpr std::string_view kGenerationPrefix = ".basin-gen-";

// The folder a table's generations live in: the location itself, or its parent when the
// location is already a generation folder.
std::string TableRoot(const std::string& location) {
  std::string path = WithSlash(location);
  if (path.size() < 2) return path;
  size_t slash = path.rfind('/', path.size() - 2);
  if (slash == std::string::npos) return path;
  std::string_view last = std::string_view(path).substr(slash + 1);
  if (last.substr(0, kGenerationPrefix.size()) == kGenerationPrefix) {
    return path.substr(0, slash + 1);
  }
  return path;
}

bool IsUnder(const std::string& path, const std::string& folder) {
  return path.size() >= folder.size() && path.compare(0, folder.size(), folder) == 0;
}

// Deletes the files scans of `location` would read; never throws (the new data is already
// committed, and a leftover old file is invisible garbage, not a wrong answer).
void RemoveVisibleFiles(const std::string& location) {
  try {
    auto& file_system = storage::FileSystemFor(location);
    for (const auto& path : VisibleFilesUnder(location)) file_system.Delete(path);
  } catch (...) {
  }
}

}  // namespace

StatementResult Session::InsertOverwrite(const InsertStatement& statement, std::string_view sql) {
  std::string database = DatabaseOf(statement.table, 1);
  std::string name = TableOf(statement.table);
  std::string qualified = database + "." + name;
  catalog::Table table = catalog_.GetTable(database, name);
  TableWriteFormat write_format =
      WriteFormatOf(table, qualified, statement.pos, "INSERT OVERWRITE");
  const auto& keys = table.partition_keys;
  bool dynamic = !statement.partition_columns.empty();
  if (dynamic) {
    if (keys.empty()) {
      ThrowInvalid(Position(statement.partition_columns[0].pos) + qualified +
                   " is not partitioned: drop the PARTITION clause");
    }
    bool same = statement.partition_columns.size() == keys.size();
    for (size_t i = 0; same && i < keys.size(); ++i) {
      same = catalog::NormalizeColumnName(statement.partition_columns[i].Name()) == keys[i].name;
    }
    if (!same) {
      std::string expected;
      for (const auto& key : keys) expected += (expected.empty() ? "" : ", ") + key.name;
      ThrowInvalid(Position(statement.partition_columns[0].pos) +
                   "PARTITION must list every partition key of " + qualified +
                   ", in order: PARTITION (" + expected + ")");
    }
  }

  BindContext context(catalog_, database_);
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(*statement.query, context);
  plan = ProjectOntoColumns(std::move(plan), context, TableColumns(table), {}, qualified,
                            statement.pos);

  const std::string old_location = WithSlash(table.storage_descriptor.location);
  const std::string root = TableRoot(old_location);
  const std::string generation =
      root + std::string(kGenerationPrefix) + NewQueryId() + "/";
  LogicalPtr write = WrapInWrite(std::move(plan), context, generation, write_format.format,
                                 write_format.compression, keys.size());
  QueryOutput output;
  try {
    output = RunPlan(*this, std::move(write));
  } catch (...) {
    RemoveQuietly(generation);
    throw;
  }
  uint64_t rows = RowsWritten(output);

  // The new partitions, and the old ones they replace.
  std::map<std::vector<std::string>, std::string> written;
  if (!keys.empty()) written = FindPartitionFolders(generation, keys);
  std::vector<catalog::Partition> old_partitions;
  if (!keys.empty()) old_partitions = ListAllPartitions(catalog_, database, name);
  std::vector<std::string> doomed;  // old folders to delete once the switch committed
  try {
    CommitOutput([&] {
      std::vector<catalog::Partition> created;
      auto partition_at = [&](const std::vector<std::string>& values, const std::string& at) {
        catalog::Partition partition;
        partition.values = values;
        partition.storage_descriptor = table.storage_descriptor;
        partition.storage_descriptor.location = at;
        return partition;
      };
      if (!dynamic) {
        catalog_.UpdateTable(database, name, [&](catalog::Table& current) {
          current.storage_descriptor.location = generation;
          if (current.parameters.count("recordCount")) {
            current.parameters["recordCount"] = std::to_string(rows);
          }
        });
        std::vector<std::vector<std::string>> dropped;
        for (const auto& partition : old_partitions) dropped.push_back(partition.values);
        if (!dropped.empty()) catalog_.BatchDeletePartitions(database, name, dropped);
        for (const auto& [values, at] : written) created.push_back(partition_at(values, at));
        for (const auto& partition : old_partitions) {
          doomed.push_back(WithSlash(partition.storage_descriptor.location));
        }
      } else {
        std::map<std::vector<std::string>, const catalog::Partition*> existing;
        for (const auto& partition : old_partitions) existing[partition.values] = &partition;
        for (const auto& [values, at] : written) {
          auto old = existing.find(values);
          if (old == existing.end()) {
            created.push_back(partition_at(values, at));
            continue;
          }
          catalog::Partition replaced = *old->second;
          doomed.push_back(WithSlash(replaced.storage_descriptor.location));
          replaced.storage_descriptor.location = at;
          catalog_.UpdatePartition(database, name, values, replaced);
        }
      }
      if (!created.empty()) catalog_.BatchCreatePartitions(database, name, created);
    });
  } catch (...) {
    RemoveQuietly(generation);
    throw;
  }

  // Committed: the old files are no longer part of the table. Folders the table owns (below
  // its root) go entirely; at a location outside the root only what scans read is removed.
  for (const auto& folder : doomed) {
    if (folder.empty() || folder == root || IsUnder(folder, generation)) continue;
    if (IsUnder(folder, root) && folder != root) {
      RemoveQuietly(folder);
    } else {
      RemoveVisibleFiles(folder);
    }
  }
  if (!dynamic && keys.empty()) {
    if (old_location != root && IsUnder(old_location, root)) {
      RemoveQuietly(old_location);  // the previous generation folder
    } else {
      RemoveVisibleFiles(old_location);  // the files written before any overwrite
    }
  } else if (!dynamic && old_location != root && IsUnder(old_location, root)) {
    RemoveQuietly(old_location);
  }
  std::string message = std::to_string(rows) + " rows written into " + qualified;
  if (dynamic) {
    message += " (" + std::to_string(written.size()) + " partition(s) replaced or added)";
  } else {
    message += ", replacing its data";
  }
  return RowsResult("INSERT OVERWRITE", rows, output.bytes_scanned, std::move(message));
}

}  // namespace basin::sql
