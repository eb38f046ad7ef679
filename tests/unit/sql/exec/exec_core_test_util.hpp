#pragma once

// Helpers for the exec core tests: logical plans built by hand, files written with the
// formats writers into a temporary folder.

#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "formats/file_format.hpp"
#include "sql/exec/executor.hpp"
#include "sql/exec/selection.hpp"
#include "sql/plan/logical_plan.hpp"

namespace basin::sql::testing {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;
using types::Value;

class TempDir {
 public:
  TempDir() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() /
            ("basin_exec_core_" + std::to_string(device()) + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Path(const std::string& relative = "") const { return (path_ / relative).string(); }

 private:
  std::filesystem::path path_;
};

inline DataChunk MakeChunk(const std::vector<LogicalType>& types,
                           const std::vector<std::vector<Value>>& rows) {
  DataChunk chunk;
  InitChunk(chunk, types);
  for (const auto& row : rows) {
    for (size_t c = 0; c < types.size(); ++c) chunk.column(c).Append(row[c]);
  }
  chunk.SetSizeOnly(rows.size());
  return chunk;
}

inline void WriteFile(const std::string& path, formats::FileFormat format,
                      const std::vector<std::string>& names, const std::vector<LogicalType>& types,
                      const std::vector<std::vector<Value>>& rows,
                      size_t row_group_rows = 1 << 20) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  types::Schema schema;
  for (size_t i = 0; i < names.size(); ++i) schema.Add({names[i], types[i], true});
  formats::WriteOptions options;
  options.row_group_rows = row_group_rows;
  options.csv.header = false;
  auto writer = formats::CreateFileWriter(path, format, schema, options);
  DataChunk chunk = MakeChunk(types, rows);
  writer->Write(chunk);
  writer->Finish();
}

// All result rows as Values.
inline std::vector<std::vector<Value>> Rows(const QueryResult& result) {
  std::vector<std::vector<Value>> rows;
  for (const auto& chunk : result.chunks) {
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::vector<Value> row;
      for (size_t c = 0; c < chunk.column_count(); ++c) row.push_back(chunk.column(c).GetValue(r));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

inline std::unique_ptr<LogicalScan> MakeScan(uint32_t table_index, const std::string& location,
                                             LakeFormat format, std::vector<std::string> names,
                                             std::vector<LogicalType> types,
                                             size_t partition_keys = 0,
                                             std::vector<uint32_t> projection = {}) {
  auto scan = std::make_unique<LogicalScan>();
  scan->table_index = table_index;
  scan->source.database = "db";
  scan->source.table = "t" + std::to_string(table_index);
  scan->source.format = format;
  scan->source.location = location;
  scan->source.column_names = names;
  scan->source.column_types = types;
  scan->source.partition_key_count = partition_keys;
  if (projection.empty()) {
    for (uint32_t i = 0; i < names.size(); ++i) projection.push_back(i);
  }
  scan->projection = projection;
  for (uint32_t p : projection) {
    scan->bindings.push_back({table_index, p});
    scan->types.push_back(types[p]);
    scan->names.push_back(names[p]);
  }
  return scan;
}

inline BoundExprPtr Call(std::string_view name, std::vector<BoundExprPtr> args) {
  CallSite site;
  for (const auto& arg : args) site.argument_types.push_back(arg->type);
  auto function = std::make_shared<const ScalarFunction>(ResolveScalarFunction(name, site));
  return MakeFunction(function, std::move(args));
}

template <typename... T>
std::vector<BoundExprPtr> Args(T... items) {
  std::vector<BoundExprPtr> out;
  (out.push_back(std::move(items)), ...);
  return out;
}

inline std::unique_ptr<LogicalOperator> WithChild(std::unique_ptr<LogicalOperator> op,
                                                  std::unique_ptr<LogicalOperator> child) {
  op->children.push_back(std::move(child));
  return op;
}

}  // namespace basin::sql::testing
