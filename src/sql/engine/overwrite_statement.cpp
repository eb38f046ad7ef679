// INSERT OVERWRITE [TABLE] t [PARTITION (k1, k2)] query: the query's rows replace the table's
// data (all of it, or with PARTITION only the partitions that receive rows).
//
// How the switch stays atomic (README.md, "INSERT OVERWRITE"): the rows are written, staged and
// published as any write, but into a fresh hidden folder <root>/.basin-gen-<id>/ that no scan
// of the table reads. One catalog transaction then points the table (and its partitions) at
// the new folder, records what it replaced (table parameter basin.replaced_files) and runs
// on_commit. A scan sees the old files or the new ones, never both and never neither; the old
// files stay until the next overwrite, so a query that listed them before the switch can still
// read them, and the next overwrite deletes them after its own commit.
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

// The table parameter listing what the previous overwrite replaced: deleted by the next one.
constexpr const char* kGarbageParameter = "basin.replaced_files";

// Whether `folder` lies in a generation folder of `root` (names are unique: never reused).
bool InGeneration(const std::string& folder, const std::string& root) {
  return IsUnder(folder, root) && folder.size() > root.size() &&
         std::string_view(folder).substr(root.size(), kGenerationPrefix.size()) ==
             kGenerationPrefix;
}

std::string JoinLines(const std::vector<std::string>& paths) {
  std::string text;
  for (const auto& path : paths) {
    if (path.find('\n') != std::string::npos) continue;  // left as garbage, never misread
    text += path;
    text += '\n';
  }
  return text;
}

// Deletes what an earlier overwrite replaced: folders ("…/") entirely, files one by one;
// never throws (leftovers are invisible to the table, not wrong answers).
void RemoveReplaced(const std::string& text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string path = text.substr(begin, end - begin);
    if (!path.empty()) RemoveQuietly(path);
    begin = end + 1;
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
  std::shared_ptr<StagedWrite> staged = StagedOf(write);
  RollBackDeadPublishes(catalog_);
  QueryOutput output;
  try {
    output = RunPlan(*this, std::move(write));
  } catch (...) {
    RemoveQuietly(generation);
    throw;
  }
  uint64_t rows = RowsWritten(output);

  // The new partitions (from the files' final paths: nothing is moved yet), and the old ones
  // they replace.
  std::map<std::vector<std::string>, std::string> written;
  if (!keys.empty()) {
    for (const auto& file : staged->files) {
      size_t slash = file.file.path.rfind('/');
      written.emplace(file.file.partition_values, file.file.path.substr(0, slash + 1));
    }
  }
  std::vector<catalog::Partition> old_partitions;
  if (!keys.empty()) old_partitions = ListAllPartitions(catalog_, database, name);
  std::vector<std::string> doomed;  // old folders the switch replaces
  std::string replaced_before;      // what the previous overwrite replaced
  // What this overwrite replaces is kept, so queries still reading it finish; it is deleted
  // by the next overwrite (README.md). Folders of generations (unique names) are listed
  // whole; elsewhere only the files scans read, by name, so a folder that is reused later
  // (a partition dropped and written again) loses nothing new.
  auto replaced_list = [&] {
    std::vector<std::string> replaced;
    auto add_folder = [&](const std::string& folder, bool whole) {
      if (folder.empty() || IsUnder(folder, generation)) return;
      // The root itself only holds replaced files of an unpartitioned table never overwritten.
      if (folder == root && !(whole == false && keys.empty())) return;
      if (whole && InGeneration(folder, root)) {
        replaced.push_back(folder);
        return;
      }
      try {
        for (auto& path : VisibleFilesUnder(folder)) replaced.push_back(std::move(path));
      } catch (...) {
      }
    };
    for (const auto& folder : doomed) add_folder(folder, true);
    if (!dynamic) add_folder(old_location, old_location != root);
    return JoinLines(replaced);
  };
  auto record_replaced = [&](catalog::Table& current) {
    auto previous = current.parameters.find(kGarbageParameter);
    replaced_before = previous == current.parameters.end() ? "" : previous->second;
    std::string now = replaced_list();
    if (now.empty()) {
      current.parameters.erase(kGarbageParameter);
    } else {
      current.parameters[kGarbageParameter] = now;
    }
  };
  // The switch, run inside the publish transaction after the new files are in place.
  auto switch_table = [&] {
    std::vector<catalog::Partition> created;
    auto partition_at = [&](const std::vector<std::string>& values, const std::string& at) {
      catalog::Partition partition;
      partition.values = values;
      partition.storage_descriptor = table.storage_descriptor;
      partition.storage_descriptor.location = at;
      return partition;
    };
    if (!dynamic) {
      for (const auto& partition : old_partitions) {
        doomed.push_back(WithSlash(partition.storage_descriptor.location));
      }
      catalog_.UpdateTable(database, name, [&](catalog::Table& current) {
        current.storage_descriptor.location = generation;
        if (current.parameters.count("recordCount")) {
          current.parameters["recordCount"] = std::to_string(rows);
        }
        record_replaced(current);
      });
      std::vector<std::vector<std::string>> dropped;
      for (const auto& partition : old_partitions) dropped.push_back(partition.values);
      if (!dropped.empty()) catalog_.BatchDeletePartitions(database, name, dropped);
      for (const auto& [values, at] : written) created.push_back(partition_at(values, at));
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
    if (dynamic) catalog_.UpdateTable(database, name, record_replaced);
  };
  try {
    PublishWrite(catalog_, *staged, [&] { CommitOutput(switch_table); });
  } catch (...) {
    RemoveQuietly(generation);
    throw;
  }

  // Committed: the previous overwrite's replaced data has had a whole overwrite's time for
  // its readers to finish.
  RemoveReplaced(replaced_before);
  std::string message = std::to_string(rows) + " rows written into " + qualified;
  if (dynamic) {
    message += " (" + std::to_string(written.size()) + " partition(s) replaced or added)";
  } else {
    message += ", replacing its data";
  }
  return RowsResult("INSERT OVERWRITE", rows, output.bytes_scanned, std::move(message));
}

}  // namespace basin::sql
