#include "sql/exec/scan_files.hpp"

#include <algorithm>
#include <map>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "sql/functions/function.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;
using types::Value;

namespace {

bool IsHiddenName(std::string_view name) {
  return !name.empty() && (name[0] == '_' || name[0] == '.');
}

std::string WithSlash(std::string path) {
  if (!path.empty() && path.back() != '/') path += '/';
  return path;
}

// The folders and name of `path` below `root`, split on '/'.
std::vector<std::string_view> RelativeParts(std::string_view root, std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.substr(0, root.size()) == root) path.remove_prefix(root.size());
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty()) parts.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

// Files below `location` (or `location` itself when it is a file), hidden ones skipped.
std::vector<storage::FileInfo> ListVisible(const std::string& location) {
  auto& fs = storage::FileSystemFor(location);
  std::string root = WithSlash(location);
  std::vector<storage::FileInfo> listed;
  try {
    listed = fs.ListRecursive(location);
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound && error.code() != ErrorCode::kInvalidInput) throw;
  }
  if (listed.empty() && fs.Exists(location)) {
    storage::FileInfo info = fs.Stat(location);
    if (!info.is_directory) return {info};
    return {};
  }
  std::vector<storage::FileInfo> visible;
  for (auto& file : listed) {
    if (file.is_directory) continue;
    auto parts = RelativeParts(root, file.path);
    bool hidden = std::any_of(parts.begin(), parts.end(), IsHiddenName);
    if (!hidden) visible.push_back(std::move(file));
  }
  std::sort(visible.begin(), visible.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  return visible;
}

Value TypedPartitionValue(const std::string& text, const types::LogicalType& type) {
  if (text == catalog::kHiveDefaultPartition) return Value::Null(type);
  return CastValue(Value::Varchar(text), type, /*try_cast=*/true);
}

struct Partition {
  std::vector<std::string> texts;
  std::string location;
};

}  // namespace

std::string EscapePartitionValue(std::string_view value) {
  static constexpr std::string_view kSpecial = "\"#%'*/:=?\\\x7f{[]^";
  std::string out;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || kSpecial.find(c) != std::string_view::npos) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

std::string UnescapePartitionValue(std::string_view text) {
  std::string out;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string PartitionValueText(const Value& value) {
  if (value.is_null()) return std::string(catalog::kHiveDefaultPartition);
  Value text = CastValue(value, types::LogicalType::Varchar(), false);
  return text.string_value();
}

LakeFileList ListLakeFiles(const LogicalScan& scan, catalog::Catalog* catalog,
                           const std::vector<const PhysicalExpr*>& partition_filters) {
  const TableSource& source = scan.source;
  LakeFileList result;
  size_t keys = source.partition_key_count;
  size_t data_columns = source.column_names.size() - keys;
  if (keys == 0) {
    for (auto& info : ListVisible(source.location)) {
      if (info.size == 0) continue;
      result.files.push_back({info.path, info.size, {}});
    }
    return result;
  }

  // Partitions: from the catalog, else from the key=value folders.
  std::vector<Partition> partitions;
  std::map<std::vector<std::string>, std::vector<storage::FileInfo>> listed_files;
  if (catalog != nullptr) {
    catalog::PartitionQuery query;
    do {
      auto page = catalog->GetPartitions(source.database, source.table, query);
      for (auto& partition : page.items) {
        Partition p;
        p.texts = partition.values;
        p.location = partition.storage_descriptor.location;
        if (p.location.empty()) {
          p.location = WithSlash(source.location);
          for (size_t k = 0; k < keys && k < p.texts.size(); ++k) {
            p.location += source.column_names[data_columns + k] + "=" +
                          EscapePartitionValue(p.texts[k]) + "/";
          }
        }
        partitions.push_back(std::move(p));
      }
      query.page.next_token = page.next_token;
    } while (!query.page.next_token.empty());
  } else {
    std::string root = WithSlash(source.location);
    for (auto& info : ListVisible(source.location)) {
      auto parts = RelativeParts(root, info.path);
      if (parts.size() < keys + 1) continue;
      std::vector<std::string> texts;
      bool matches = true;
      for (size_t k = 0; k < keys && matches; ++k) {
        std::string_view part = parts[k];
        size_t equals = part.find('=');
        std::string_view key = equals == std::string_view::npos ? "" : part.substr(0, equals);
        std::string name = source.column_names[data_columns + k];
        matches = equals != std::string_view::npos && key.size() == name.size() &&
                  std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) ==
                           std::tolower(static_cast<unsigned char>(b));
                  });
        if (matches) texts.push_back(UnescapePartitionValue(part.substr(equals + 1)));
      }
      if (!matches) continue;
      auto [it, inserted] = listed_files.try_emplace(texts);
      if (inserted) partitions.push_back({texts, ""});
      it->second.push_back(std::move(info));
    }
  }
  result.partitions_total = partitions.size();
  if (partitions.empty()) return result;

  // Prune: one row per partition, the filters evaluated on all of them at once.
  DataChunk values;
  std::vector<types::LogicalType> key_types(source.column_types.begin() + data_columns,
                                            source.column_types.end());
  InitChunk(values, std::vector<types::LogicalType>());
  for (size_t c = 0; c < data_columns; ++c) values.AddColumn(Vector(source.column_types[c]));
  for (const auto& type : key_types) values.AddColumn(Vector(type));
  std::vector<std::vector<Value>> typed(partitions.size());
  for (size_t p = 0; p < partitions.size(); ++p) {
    if (partitions[p].texts.size() != keys) {
      ThrowCorrupt("partition of " + source.database + "." + source.table + " has " +
                   std::to_string(partitions[p].texts.size()) + " values for " +
                   std::to_string(keys) + " partition keys");
    }
    for (size_t k = 0; k < keys; ++k) {
      typed[p].push_back(TypedPartitionValue(partitions[p].texts[k], key_types[k]));
      values.column(data_columns + k).Append(typed[p].back());
    }
  }
  for (size_t c = 0; c < data_columns; ++c) values.column(c).Resize(partitions.size());
  values.SetSizeOnly(partitions.size());
  std::vector<uint8_t> keep(partitions.size(), 1);
  for (const PhysicalExpr* filter : partition_filters) {
    ExpressionEvaluator evaluator(*filter);
    Selection passed;
    evaluator.Select(values, passed);
    std::vector<uint8_t> pass(partitions.size(), 0);
    for (size_t i = 0; i < passed.size(); ++i) pass[passed[i]] = 1;
    for (size_t p = 0; p < partitions.size(); ++p) keep[p] &= pass[p];
  }

  for (size_t p = 0; p < partitions.size(); ++p) {
    if (!keep[p]) continue;
    ++result.partitions_kept;
    std::vector<storage::FileInfo> files;
    if (catalog != nullptr) {
      files = ListVisible(partitions[p].location);
    } else {
      files = std::move(listed_files[partitions[p].texts]);
    }
    for (auto& info : files) {
      if (info.size == 0) continue;
      result.files.push_back({info.path, info.size, typed[p]});
    }
  }
  return result;
}

}  // namespace basin::sql
