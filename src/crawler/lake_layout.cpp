#include "crawler/lake_layout.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <unordered_set>

#include "crawler/schema_merge.hpp"

namespace basin::crawler {

namespace {

// The files below one folder, merged into one table candidate.
struct Group {
  int depth = -1;  // folder levels between the group's root and its files; -1: no files
  FileClassification format;
  std::vector<catalog::Column> columns;
  std::vector<size_t> files;  // indexes into the input
};

struct Folder {
  std::map<std::string, std::unique_ptr<Folder>> children;  // sorted, so results are stable
  std::vector<size_t> files;
};

// Files side by side in one folder are one table when they share a format and any column;
// folders must pass the similarity threshold.
bool Compatible(const Group& a, const FileClassification& format,
                const std::vector<catalog::Column>& columns, bool combine, bool same_folder) {
  if (!SameFormat(a.format, format)) return false;
  if (combine) return true;
  double overlap = NameOverlap(a.columns, columns);
  return same_folder ? overlap > 0 : overlap >= kSimilarityThreshold;
}

// Merges `from` into `into` when compatible; false (and `into` unchanged) otherwise.
bool Absorb(Group& into, const Group& from, bool combine, bool same_folder = false) {
  if (into.files.empty()) {
    into = from;
    return true;
  }
  if (!Compatible(into, from.format, from.columns, combine, same_folder)) return false;
  MergeColumns(into.columns, from.columns);
  into.files.insert(into.files.end(), from.files.begin(), from.files.end());
  return true;
}

std::string HiveUnescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    if (text[i] == '%' && i + 2 < text.size() &&
        hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string FileStem(std::string_view name) {
  size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  size_t dot = name.find('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return std::string(name);
}

std::string FolderOf(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, slash + 1));
}

class Grouper {
 public:
  Grouper(const std::vector<LakeFile>& files, bool combine) : files_(files), combine_(combine) {}

  // The group of everything below `folder` when it is one table, else nullopt with the tables
  // it splits into appended to tables_.
  std::optional<Group> Analyze(const Folder& folder, const std::string& path) {
    std::vector<std::pair<std::string, Group>> child_groups;
    bool split = false;
    for (const auto& [name, child] : folder.children) {
      std::optional<Group> group = Analyze(*child, path + name + "/");
      if (!group) {
        split = true;
      } else if (!group->files.empty()) {
        child_groups.emplace_back(name, std::move(*group));
      }
    }
    // Loose files of this folder, grouped by compatibility.
    std::vector<Group> file_groups;
    for (size_t index : folder.files) {
      Group single;
      single.depth = 0;
      single.format = files_[index].classification;
      single.columns = files_[index].classification.columns;
      single.files = {index};
      bool placed = false;
      for (Group& group : file_groups) {
        if (Absorb(group, single, combine_, true)) {
          placed = true;
          break;
        }
      }
      if (!placed) file_groups.push_back(std::move(single));
    }
    if (!split) {
      Group all;
      bool unified = file_groups.size() <= 1;
      int depth = -1;
      if (file_groups.size() == 1) {
        all = file_groups[0];
        depth = 0;
      }
      // Hive partition folders (the same key=…) are one table whenever the format agrees: a
      // column added in later partitions is schema evolution, not another table.
      bool hive_levels = !child_groups.empty();
      std::string hive_key;
      for (auto& [name, group] : child_groups) {
        size_t eq = name.find('=');
        if (eq == std::string::npos || eq == 0 ||
            (!hive_key.empty() && name.compare(0, eq + 1, hive_key) != 0)) {
          hive_levels = false;
          break;
        }
        hive_key = name.substr(0, eq + 1);
      }
      for (auto& [name, group] : child_groups) {
        if (!unified) break;
        int child_depth = group.depth + 1;
        if (depth >= 0 && child_depth != depth) {
          unified = false;
          break;
        }
        depth = child_depth;
        Group lifted = group;
        lifted.depth = child_depth;
        if (!Absorb(all, lifted, combine_ || hive_levels)) unified = false;
      }
      if (unified) {
        all.depth = depth;
        return all;
      }
    }
    // Not one table: each compatible subfolder is a table, each group of loose files too.
    for (auto& [name, group] : child_groups) Emit(name, path + name + "/", group);
    for (Group& group : file_groups) {
      const std::string& first = files_[group.files[0]].relative_path;
      std::string location = group.files.size() == 1 ? first : path;
      Emit(FileStem(first), location, group);
    }
    return std::nullopt;
  }

  void Emit(const std::string& name, const std::string& location, const Group& group) {
    FoundTable table;
    table.base_name = name;
    table.relative_location = location;
    table.format = group.format;
    table.columns = group.columns;
    std::map<std::string, FoundPartition> partitions;
    std::vector<std::vector<std::string>> level_keys;
    for (size_t index : group.files) {
      const LakeFile& file = files_[index];
      table.object_count += 1;
      table.record_count += file.classification.record_count;
      table.size_bytes += static_cast<int64_t>(file.size);
      if (group.depth <= 0) continue;
      std::string folder = FolderOf(file.relative_path).substr(location.size());
      FoundPartition& partition = partitions[folder];
      if (partition.relative_location.empty()) {
        partition.relative_location = location + folder;
        std::vector<std::string> keys;
        SplitPartitionLevels(folder, keys, partition.values);
        level_keys.push_back(std::move(keys));
      }
      partition.object_count += 1;
      partition.record_count += file.classification.record_count;
      partition.size_bytes += static_cast<int64_t>(file.size);
    }
    if (group.depth > 0) {
      std::unordered_set<std::string> column_names;
      for (const auto& column : table.columns) column_names.insert(column.name);
      for (int level = 0; level < group.depth; ++level) {
        std::string key = level_keys.empty() ? "" : level_keys[0][static_cast<size_t>(level)];
        for (const auto& keys : level_keys) {
          if (keys[static_cast<size_t>(level)] != key) key.clear();
        }
        std::string lowered = key;
        for (char& c : lowered) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        if (lowered.empty() || column_names.count(lowered)) {
          lowered = "partition_" + std::to_string(level);
        }
        table.partition_keys.push_back({lowered, PartitionKeyType(partitions, level), "", {}});
      }
      for (auto& [folder, partition] : partitions) table.partitions.push_back(std::move(partition));
    }
    tables.push_back(std::move(table));
  }

  std::vector<FoundTable> tables;

 private:
  static std::string PartitionKeyType(const std::map<std::string, FoundPartition>& partitions,
                                      int level) {
    bool any = false;
    bool fits_int = true;
    for (const auto& [folder, partition] : partitions) {
      const std::string& value = partition.values[static_cast<size_t>(level)];
      if (value == catalog::kHiveDefaultPartition) continue;
      any = true;
      std::string_view digits = value;
      if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
      if (digits.empty() || digits.size() > 18 ||
          digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return "string";
      }
      int64_t number = std::stoll(value);
      if (number > INT32_MAX || number < INT32_MIN) fits_int = false;
    }
    if (!any) return "string";
    return fits_int ? "int" : "bigint";
  }

  const std::vector<LakeFile>& files_;
  bool combine_;
};

}  // namespace

bool SameFormat(const FileClassification& a, const FileClassification& b) {
  if (a.classification != b.classification || a.classifier != b.classifier) return false;
  if (a.classification == "csv") {
    return a.delimiter == b.delimiter && a.has_header == b.has_header && a.quote == b.quote;
  }
  return a.grok_pattern == b.grok_pattern && a.json_path == b.json_path;
}

void SplitPartitionLevels(std::string_view relative_folder, std::vector<std::string>& keys,
                          std::vector<std::string>& values) {
  keys.clear();
  values.clear();
  while (!relative_folder.empty()) {
    size_t slash = relative_folder.find('/');
    std::string_view level = relative_folder.substr(0, slash);
    relative_folder =
        slash == std::string_view::npos ? std::string_view() : relative_folder.substr(slash + 1);
    if (level.empty()) continue;
    size_t eq = level.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      keys.push_back(HiveUnescape(level.substr(0, eq)));
      values.push_back(HiveUnescape(level.substr(eq + 1)));
    } else {
      keys.emplace_back();
      values.emplace_back(level);
    }
  }
}

std::vector<FoundTable> GroupIntoTables(const std::string& root_name,
                                        const std::vector<LakeFile>& files,
                                        bool combine_compatible) {
  Folder root;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string_view path = files[i].relative_path;
    Folder* folder = &root;
    size_t slash;
    while ((slash = path.find('/')) != std::string_view::npos) {
      auto& child = folder->children[std::string(path.substr(0, slash))];
      if (!child) child = std::make_unique<Folder>();
      folder = child.get();
      path.remove_prefix(slash + 1);
    }
    folder->files.push_back(i);
  }
  // A target holding one folder and nothing else is that folder's table, not a table with
  // one partition: descend while the only child is a plain (not k=v) folder.
  const Folder* start = &root;
  std::string name = root_name;
  std::string path;
  while (start->files.empty() && start->children.size() == 1 &&
         start->children.begin()->first.find('=') == std::string::npos) {
    name = start->children.begin()->first;
    path += name + "/";
    start = start->children.begin()->second.get();
  }
  Grouper grouper(files, combine_compatible);
  if (std::optional<Group> all = grouper.Analyze(*start, path)) {
    if (!all->files.empty()) grouper.Emit(name, path, *all);
  }
  return std::move(grouper.tables);
}

}  // namespace basin::crawler
