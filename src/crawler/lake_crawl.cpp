// Crawling a lake folder: list, classify (in parallel, sampling), group into tables, describe
// each as a catalog table with Glue's parameters.
#include <array>
#include <atomic>
#include <filesystem>
#include <map>
#include <set>

#include "catalog/storage_formats.hpp"
#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "crawler/glob_pattern.hpp"
#include "crawler/lake_layout.hpp"
#include "crawler/target_crawl.hpp"
#include "storage/file_system.hpp"

namespace basin::crawler {

namespace {

constexpr std::string_view kGrokSerDe = "com.amazonaws.glue.serde.GrokSerDe";

std::string TrimSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string LastComponent(const std::string& root) {
  size_t slash = root.rfind('/');
  std::string name = slash == std::string::npos ? root : root.substr(slash + 1);
  return name.empty() ? "root" : name;
}

// Hidden and bookkeeping files (_SUCCESS, .crc, _temporary/…) are not data, as Hive and Glue
// agree.
bool IsHidden(std::string_view relative) {
  // Basin's own unfinished writes.
  if (relative.find(".basin-tmp-") != std::string_view::npos) return true;
  size_t start = 0;
  while (start < relative.size()) {
    if (relative[start] == '_' || relative[start] == '.') return true;
    size_t slash = relative.find('/', start);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return false;
}

bool Excluded(std::string_view relative, const std::vector<GlobPattern>& patterns) {
  if (patterns.empty()) return false;
  for (const auto& pattern : patterns) {
    if (pattern.Matches(relative)) return true;
    // A pattern naming a folder excludes what is below it.
    for (size_t slash = relative.find('/'); slash != std::string_view::npos;
         slash = relative.find('/', slash + 1)) {
      if (pattern.Matches(relative.substr(0, slash)) ||
          pattern.Matches(relative.substr(0, slash + 1))) {
        return true;
      }
    }
  }
  return false;
}

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

catalog::StorageDescriptor DescriptorFor(const FileClassification& format) {
  catalog::StorageDescriptor descriptor;
  if (format.classification == "parquet" || format.classification == "csv" ||
      format.classification == "json") {
    descriptor = catalog::StorageDescriptorForFormat(format.classification);
  } else {
    descriptor = catalog::StorageDescriptorForFormat("json");
    descriptor.serde_info.serialization_library = kGrokSerDe;
    descriptor.serde_info.parameters["input.format"] = format.grok_pattern;
    if (!format.custom_patterns.empty()) {
      descriptor.serde_info.parameters["input.grokCustomPatterns"] = format.custom_patterns;
    }
  }
  if (format.classification == "csv") {
    descriptor.serde_info.parameters["field.delim"] = std::string(1, format.delimiter);
    if (format.has_header) {
      descriptor.parameters["skip.header.line.count"] = "1";
    } else {
      descriptor.parameters.erase("skip.header.line.count");
    }
  }
  if (!format.json_path.empty()) {
    std::string paths;
    for (const auto& column : format.columns) paths += (paths.empty() ? "" : ",") + column.name;
    descriptor.serde_info.parameters["paths"] = paths;
  }
  descriptor.compressed = format.compression != "none";
  return descriptor;
}

catalog::Parameters ParametersFor(const CrawlContext& context, const FileClassification& format,
                                  int64_t objects, int64_t records, int64_t bytes) {
  catalog::Parameters parameters;
  parameters[std::string(catalog::kClassificationKey)] = format.classification;
  parameters["compressionType"] = format.compression;
  parameters["typeOfData"] = "file";
  parameters[std::string(catalog::kRecordCountKey)] = std::to_string(records);
  parameters[std::string(catalog::kSizeKey)] = std::to_string(bytes);
  parameters[std::string(catalog::kObjectCountKey)] = std::to_string(objects);
  parameters[std::string(catalog::kAverageRecordSizeKey)] =
      std::to_string(records > 0 ? bytes / records : 0);
  parameters[std::string(kUpdatedByCrawlerKey)] = context.crawler.name;
  parameters["CrawlerSchemaDeserializerVersion"] = "1.0";
  parameters["CrawlerSchemaSerializerVersion"] = "1.0";
  if (format.classification == "csv") {
    parameters["delimiter"] = std::string(1, format.delimiter);
    parameters["areColumnsQuoted"] = "false";
    parameters["columnsOrdered"] = "true";
    if (format.has_header) parameters["skip.header.line.count"] = "1";
  }
  if (!format.json_path.empty()) parameters["jsonPath"] = format.json_path;
  if (!format.classifier.empty()) parameters["classifier"] = format.classifier;
  return parameters;
}

catalog::Partition PartitionFor(const catalog::StorageDescriptor& table_descriptor,
                                const std::vector<std::string>& values, std::string location,
                                int64_t objects, int64_t records, int64_t bytes) {
  catalog::Partition partition;
  partition.values = values;
  partition.storage_descriptor = table_descriptor;
  partition.storage_descriptor.location = std::move(location);
  partition.parameters[std::string(catalog::kRecordCountKey)] = std::to_string(records);
  partition.parameters[std::string(catalog::kSizeKey)] = std::to_string(bytes);
  partition.parameters[std::string(catalog::kObjectCountKey)] = std::to_string(objects);
  return partition;
}

struct Listed {
  std::string path;
  std::string relative;
  uint64_t size;
};

}  // namespace

bool LocationUnder(const std::string& location, const std::string& root) {
  std::string base = TrimSlashes(root);
  return location == base || location.rfind(base + "/", 0) == 0;
}

std::vector<DesiredTable> CrawlLakeTarget(CrawlContext& context, const catalog::S3Target& target,
                                          const std::vector<CustomClassifier>& classifiers,
                                          const std::vector<catalog::Table>& existing) {
  std::string root = TrimSlashes(target.path);
  storage::FileSystem& fs = storage::FileSystemFor(root);
  bool is_s3 = root.rfind("s3://", 0) == 0;
  if (!is_s3 && !std::filesystem::is_directory(root)) {
    throw Error(ErrorCode::kNotFound, "lake target " + root + " is not a folder");
  }
  std::vector<GlobPattern> exclusions;
  for (const auto& pattern : target.exclusions) exclusions.emplace_back(pattern);

  bool new_only =
      context.crawler.recrawl_behavior == catalog::RecrawlBehavior::kCrawlNewFoldersOnly;
  // New folders only: folders the catalog already describes are skipped; files below a known
  // partitioned table become new partitions of it.
  std::set<std::string> known_folders;
  std::vector<const catalog::Table*> partitioned;
  if (new_only) {
    for (const auto& table : existing) {
      const std::string& location = table.storage_descriptor.location;
      if (!LocationUnder(location, root)) continue;
      if (table.partition_keys.empty()) {
        known_folders.insert(TrimSlashes(location) + "/");
        known_folders.insert(location);  // a single-file table
      } else {
        partitioned.push_back(&table);
        auto page = context.catalog.GetPartitions(context.crawler.database_name, table.name);
        catalog::PartitionQuery query;
        for (;;) {
          for (const auto& partition : page.items) {
            known_folders.insert(TrimSlashes(partition.storage_descriptor.location) + "/");
          }
          if (page.next_token.empty()) break;
          query.page.next_token = page.next_token;
          page = context.catalog.GetPartitions(context.crawler.database_name, table.name, query);
        }
      }
    }
  }

  context.Progress("listing " + root);
  std::vector<Listed> listed;
  int64_t skipped_known = 0;
  for (auto& info : fs.ListRecursive(root)) {
    if (info.is_directory || info.path.size() <= root.size() + 1) continue;
    std::string relative = info.path.substr(root.size() + 1);
    if (IsHidden(relative) || Excluded(relative, exclusions)) continue;
    if (new_only && (known_folders.count(FolderOf(info.path)) || known_folders.count(info.path))) {
      ++skipped_known;
      continue;
    }
    listed.push_back({std::move(info.path), std::move(relative), info.size});
  }
  if (new_only) {
    context.Log(root + ": " + std::to_string(skipped_known) + " files in known folders skipped");
  }

  // Sampling: the first sample_size files of each folder are read; the rest are assumed to
  // be like the folder's first one.
  std::vector<LakeFile> files(listed.size());
  std::vector<size_t> to_read;
  std::vector<size_t> stand_in(listed.size(), SIZE_MAX);
  {
    std::map<std::string, std::vector<size_t>> by_folder;
    for (size_t i = 0; i < listed.size(); ++i) by_folder[FolderOf(listed[i].relative)].push_back(i);
    for (auto& [folder, indexes] : by_folder) {
      for (size_t k = 0; k < indexes.size(); ++k) {
        if (target.sample_size <= 0 || k < static_cast<size_t>(target.sample_size)) {
          to_read.push_back(indexes[k]);
        } else {
          stand_in[indexes[k]] = indexes[0];
        }
      }
    }
  }
  std::atomic<size_t> done{0};
  ThreadPool::Shared().ParallelFor(to_read.size(), [&](size_t k) {
    size_t i = to_read[k];
    files[i].relative_path = listed[i].relative;
    files[i].size = listed[i].size;
    files[i].classification = ClassifyFile(listed[i].path, listed[i].size, classifiers);
    size_t finished = ++done;
    if (finished % 500 == 0) {
      context.Progress("classified " + std::to_string(finished) + "/" +
                       std::to_string(to_read.size()) + " files of " + root);
    }
  });
  for (size_t i = 0; i < listed.size(); ++i) {
    if (stand_in[i] == SIZE_MAX) continue;
    const LakeFile& model = files[stand_in[i]];
    files[i].relative_path = listed[i].relative;
    files[i].size = listed[i].size;
    files[i].classification = model.classification;
    // Records scale with bytes from the sampled file.
    files[i].classification.record_count =
        model.size == 0 ? 0
                        : static_cast<int64_t>(static_cast<double>(model.classification.record_count) *
                                               static_cast<double>(listed[i].size) /
                                               static_cast<double>(model.size));
  }

  std::vector<LakeFile> known;
  std::map<std::string, int64_t> unknown_reasons;
  for (size_t i = 0; i < files.size(); ++i) {
    const auto& classification = files[i].classification;
    if (classification.classification != kUnknown) {
      known.push_back(std::move(files[i]));
    } else if (classification.failed) {
      context.TargetError(listed[i].path, classification.reason);
    } else {
      context.Log("UNKNOWN " + listed[i].path + ": " + classification.reason);
    }
  }

  std::vector<DesiredTable> tables;
  // New partitions of known tables first; the rest is grouped as usual.
  if (new_only && !partitioned.empty()) {
    std::vector<LakeFile> rest;
    std::map<const catalog::Table*, std::map<std::string, std::pair<std::vector<std::string>,
                                                                     std::array<int64_t, 3>>>>
        additions;
    for (auto& file : known) {
      std::string path = root + "/" + file.relative_path;
      const catalog::Table* owner = nullptr;
      for (const catalog::Table* table : partitioned) {
        if (LocationUnder(path, table->storage_descriptor.location)) owner = table;
      }
      if (owner == nullptr) {
        rest.push_back(std::move(file));
        continue;
      }
      std::string base = TrimSlashes(owner->storage_descriptor.location) + "/";
      std::string folder = FolderOf(path).substr(base.size());
      std::vector<std::string> keys, values;
      SplitPartitionLevels(folder, keys, values);
      if (values.size() != owner->partition_keys.size()) {
        context.Log("skipped " + path + ": " + std::to_string(values.size()) +
                    " folder levels below table " + owner->name + ", which has " +
                    std::to_string(owner->partition_keys.size()) + " partition keys");
        continue;
      }
      auto& entry = additions[owner][base + folder];
      entry.first = values;
      entry.second[0] += 1;
      entry.second[1] += file.classification.record_count;
      entry.second[2] += static_cast<int64_t>(file.size);
    }
    for (auto& [owner, partitions] : additions) {
      DesiredTable desired;
      desired.table = *owner;
      desired.only_add_partitions = true;
      for (auto& [location, entry] : partitions) {
        desired.partitions.push_back(PartitionFor(owner->storage_descriptor, entry.first, location,
                                                  entry.second[0], entry.second[1],
                                                  entry.second[2]));
      }
      tables.push_back(std::move(desired));
    }
    known = std::move(rest);
  }

  for (FoundTable& found : GroupIntoTables(LastComponent(root), known,
                                           context.crawler.combine_compatible_schemas)) {
    DesiredTable desired;
    catalog::Table& table = desired.table;
    table.name = GlueTableName(context.crawler.table_prefix + found.base_name);
    table.table_type = catalog::TableType::kExternalTable;
    table.storage_descriptor = DescriptorFor(found.format);
    table.storage_descriptor.columns = found.columns;
    table.storage_descriptor.location =
        found.relative_location.empty() ? root + "/" : root + "/" + found.relative_location;
    table.partition_keys = found.partition_keys;
    table.parameters = ParametersFor(context, found.format, found.object_count,
                                     found.record_count, found.size_bytes);
    table.created_by = "crawler " + context.crawler.name;
    for (const auto& partition : found.partitions) {
      desired.partitions.push_back(PartitionFor(table.storage_descriptor, partition.values,
                                                root + "/" + partition.relative_location,
                                                partition.object_count, partition.record_count,
                                                partition.size_bytes));
    }
    tables.push_back(std::move(desired));
  }
  return tables;
}

}  // namespace basin::crawler
