#pragma once

// Table boundaries in a lake folder, as Glue's crawlers decide them (crawler/README.md):
// the files below a target are grouped bottom-up; a folder whose files and subfolders all
// hold compatible schemas, at one depth, is one table whose subfolders are partitions
// (`k=v` levels name their key, others are partition_0, partition_1…); otherwise each
// compatible subfolder is a table of its own, and loose files are tables named after them.
// Pure logic over classified files: no I/O, so it is tested directly.

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "crawler/classifier.hpp"

namespace basin::crawler {

// One classified file below a target, by its path relative to the target ('/'-separated).
struct LakeFile {
  std::string relative_path;
  uint64_t size = 0;
  FileClassification classification;
};

struct FoundPartition {
  std::vector<std::string> values;  // one per partition key
  std::string relative_location;    // folder below the target, ending in '/'
  int64_t object_count = 0;
  int64_t record_count = 0;
  int64_t size_bytes = 0;
};

// A table the lake holds, before it is named for the catalog.
struct FoundTable {
  std::string base_name;          // folder or file name it is named after
  std::string relative_location;  // "" (the target itself), "sales/", or a single file's path
  FileClassification format;      // classification, CSV dialect, compression…
  std::vector<catalog::Column> columns;
  std::vector<catalog::Column> partition_keys;
  std::vector<FoundPartition> partitions;
  int64_t object_count = 0;
  int64_t record_count = 0;
  int64_t size_bytes = 0;
};

// Groups classified files (UNKNOWN ones must be left out) into tables. `root_name` names a
// table rooted at the target itself. `combine_compatible` is Glue's "create a single schema
// for each S3 path": folders of one format are combined whatever their column names.
std::vector<FoundTable> GroupIntoTables(const std::string& root_name,
                                        const std::vector<LakeFile>& files,
                                        bool combine_compatible);

// Two classifications hold the same kind of data (format, CSV dialect and header, Grok
// pattern) so their files may share a table.
bool SameFormat(const FileClassification& a, const FileClassification& b);

// The partition values of `relative_folder` ("year=2024/month=01/"), one per level, each
// Hive-unescaped when the level is k=v; and the level's key or "" when it has none.
void SplitPartitionLevels(std::string_view relative_folder, std::vector<std::string>& keys,
                          std::vector<std::string>& values);

}  // namespace basin::crawler
