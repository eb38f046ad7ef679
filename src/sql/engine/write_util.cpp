#include "sql/engine/write_util.hpp"

#include <algorithm>

#include "catalog/catalog.hpp"
#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/engine/table_definition.hpp"
#include "sql/exec/scan_files.hpp"
#include "sql/functions/function.hpp"
#include "sql/parser/ast_expression.hpp"
#include "storage/file_system.hpp"
#include "types/value.hpp"

namespace basin::sql {

std::string Position(const SourcePos& pos) {
  return "line " + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": ";
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string WithSlash(std::string path) {
  if (!path.empty() && path.back() != '/') path.push_back('/');
  return path;
}

std::string PropertyString(const TableProperty& property) {
  const Expression& value = *property.value;
  if (value.kind == ExpressionKind::kLiteral) {
    const auto& literal = value.As<Literal>();
    if (literal.literal_kind == LiteralKind::kString) return literal.text;
  }
  ThrowInvalid(Position(value.pos) + "table property '" + property.name.Name() +
               "' takes a string literal");
}

std::vector<std::string> PropertyStringList(const TableProperty& property) {
  const Expression& value = *property.value;
  if (value.kind != ExpressionKind::kArray) {
    ThrowInvalid(Position(value.pos) + "table property '" + property.name.Name() +
                 "' takes ARRAY['column', …]");
  }
  std::vector<std::string> items;
  for (const auto& element : value.As<ArrayExpr>().elements) {
    if (element->kind != ExpressionKind::kLiteral ||
        element->As<Literal>().literal_kind != LiteralKind::kString) {
      ThrowInvalid(Position(element->pos) + "table property '" + property.name.Name() +
                   "' takes ARRAY['column', …] of string literals");
    }
    items.push_back(element->As<Literal>().text);
  }
  return items;
}

bool PropertyBool(const TableProperty& property) {
  const Expression& value = *property.value;
  if (value.kind == ExpressionKind::kLiteral) {
    const auto& literal = value.As<Literal>();
    std::string text = Lower(literal.text);
    if (literal.literal_kind == LiteralKind::kBoolean ||
        literal.literal_kind == LiteralKind::kString) {
      if (text == "true") return true;
      if (text == "false") return false;
    }
  }
  ThrowInvalid(Position(value.pos) + "property '" + property.name.Name() +
               "' takes TRUE or FALSE");
}

void ParseFormat(const std::string& text, const SourcePos& pos, std::string* catalog_format,
                 LakeFormat* format) {
  std::string name = Lower(text);
  if (name == "parquet") {
    *catalog_format = "parquet";
    *format = LakeFormat::kParquet;
  } else if (name == "json") {
    *catalog_format = "json";
    *format = LakeFormat::kJson;
  } else if (name == "textfile" || name == "csv") {
    *catalog_format = "csv";
    *format = LakeFormat::kCsv;
  } else {
    ThrowUnsupported(Position(pos) + "format '" + text +
                     "' is not supported: use PARQUET, JSON or TEXTFILE");
  }
}

std::set<std::string> FilesUnder(const std::string& location) {
  std::set<std::string> files;
  auto& file_system = storage::FileSystemFor(location);
  if (location.rfind("s3://", 0) != 0 && !file_system.Exists(location)) return files;
  for (auto& file : file_system.ListRecursive(location)) files.insert(std::move(file.path));
  return files;
}

std::vector<std::string> VisibleFilesUnder(const std::string& location) {
  std::string root = WithSlash(location);
  std::vector<std::string> visible;
  for (const auto& file : FilesUnder(root)) {
    std::string_view rest(file);
    if (rest.substr(0, root.size()) == root) rest.remove_prefix(root.size());
    bool hidden = false;
    while (!rest.empty() && !hidden) {
      hidden = rest[0] == '.' || rest[0] == '_';
      size_t slash = rest.find('/');
      if (slash == std::string_view::npos) break;
      rest.remove_prefix(slash + 1);
    }
    if (!hidden) visible.push_back(file);
  }
  return visible;
}

bool HasVisibleFiles(const std::string& location) { return !VisibleFilesUnder(location).empty(); }

void RemoveNewFiles(const std::string& location, const std::set<std::string>& before) {
  try {
    auto& file_system = storage::FileSystemFor(location);
    for (const auto& file : FilesUnder(location)) {
      if (!before.count(file)) file_system.Delete(file);
    }
  } catch (...) {
  }
}

void RemoveQuietly(const std::string& path) {
  try {
    storage::FileSystemFor(path).Delete(path);
  } catch (...) {
  }
}

LogicalPtr WrapInWrite(LogicalPtr plan, BindContext& context, std::string location,
                       LakeFormat format, std::string compression, size_t partition_columns) {
  auto write = std::make_unique<LogicalWrite>();
  write->location = std::move(location);
  write->format = format;
  write->compression = std::move(compression);
  write->column_names = plan->names;
  write->partition_columns = partition_columns;
  write->table_index = context.NextTableIndex();
  write->staged = std::make_shared<StagedWrite>();  // published by the statement
  write->bindings = {ColumnBinding{write->table_index, 0}};
  write->types = {types::LogicalType::BigInt()};
  write->names = {"rows"};
  write->children.push_back(std::move(plan));
  return write;
}

std::shared_ptr<StagedWrite> StagedOf(const LogicalPtr& write) {
  return static_cast<const LogicalWrite&>(*write).staged;
}

uint64_t RowsWritten(const QueryOutput& output) {
  for (const auto& chunk : output.chunks) {
    if (chunk.size() > 0 && chunk.column_count() > 0 && !chunk.column(0).IsNull(0)) {
      return static_cast<uint64_t>(chunk.column(0).data<int64_t>()[0]);
    }
  }
  return 0;
}

StatementResult RowsResult(std::string type, uint64_t rows, uint64_t bytes_scanned,
                           std::string message) {
  StatementResult result;
  result.statement_type = std::move(type);
  result.has_result = true;
  result.column_names = {"rows"};
  result.column_types = {types::LogicalType::BigInt()};
  columnar::DataChunk chunk;
  chunk.AddColumn(columnar::Vector(types::LogicalType::BigInt()));
  chunk.SetSize(1);
  chunk.column(0).data<int64_t>()[0] = static_cast<int64_t>(rows);
  result.chunks.push_back(std::move(chunk));
  result.row_count = 1;
  result.bytes_scanned = bytes_scanned;
  result.message = std::move(message);
  return result;
}

TableWriteFormat WriteFormatOf(const catalog::Table& table, const std::string& qualified_name,
                               const SourcePos& pos, std::string_view verb) {
  if (table.table_type == catalog::TableType::kVirtualView) {
    ThrowInvalid(Position(pos) + qualified_name + " is a view; cannot " + std::string(verb));
  }
  TableWriteFormat result;
  std::string classification = ClassificationOf(table);
  if (classification == "json") {
    result.format = LakeFormat::kJson;
  } else if (classification == "csv") {
    result.format = LakeFormat::kCsv;
    // The lake's CSV writer writes ',' without a header line; files of another shape would
    // be misread (a first row taken for a header, fields run together).
    const auto& descriptor = table.storage_descriptor;
    auto delimiter = descriptor.serde_info.parameters.find("field.delim");
    auto has_header = [](const catalog::Parameters& parameters) {
      auto header = parameters.find("skip.header.line.count");
      return header != parameters.end() && header->second != "0";
    };
    bool header = has_header(table.parameters) || has_header(descriptor.parameters);
    if (header || (delimiter != descriptor.serde_info.parameters.end() &&
                   delimiter->second != ",")) {
      ThrowUnsupported(Position(pos) + std::string(verb) + " into " + qualified_name +
                       " is not supported: Basin writes CSV with ',' and no header line, and "
                       "this table's files have a header or another separator");
    }
  } else if (classification != "parquet") {
    ThrowUnsupported(Position(pos) + std::string(verb) + " into " + qualified_name +
                     " (format '" + classification + "') is not supported");
  }
  auto compression = table.parameters.find("write.compression");
  if (compression != table.parameters.end()) result.compression = compression->second;
  return result;
}

size_t FirstPartitionColumn(const std::vector<std::string>& names,
                            const std::vector<std::string>& partitioned_by, const SourcePos& pos,
                            std::string_view what) {
  size_t first_key = names.size() - std::min(partitioned_by.size(), names.size());
  for (size_t i = 0; i < partitioned_by.size(); ++i) {
    if (partitioned_by.size() > names.size() ||
        catalog::NormalizeColumnName(names[first_key + i]) != partitioned_by[i]) {
      ThrowInvalid(Position(pos) +
                   "partitioned_by columns must be the last columns of the query, in the same "
                   "order (expected '" + partitioned_by[i] + "')");
    }
  }
  if (first_key == 0 && !partitioned_by.empty()) {
    ThrowInvalid(Position(pos) + std::string(what) +
                 " needs at least one column that is not a partition column");
  }
  return first_key;
}

std::vector<catalog::Column> TableColumns(const catalog::Table& table) {
  std::vector<catalog::Column> columns = table.storage_descriptor.columns;
  columns.insert(columns.end(), table.partition_keys.begin(), table.partition_keys.end());
  return columns;
}

LogicalPtr ProjectOntoColumns(LogicalPtr plan, BindContext& context,
                              const std::vector<catalog::Column>& targets,
                              const std::vector<Identifier>& listed,
                              const std::string& qualified_name, const SourcePos& pos) {
  // Which query column feeds each table column (-1: none, NULL is written).
  std::vector<int> source(targets.size(), -1);
  if (listed.empty()) {
    if (plan->types.size() != targets.size()) {
      ThrowInvalid(Position(pos) + "INSERT into " + qualified_name + " needs " +
                   std::to_string(targets.size()) + " columns but the query gives " +
                   std::to_string(plan->types.size()));
    }
    for (size_t i = 0; i < targets.size(); ++i) source[i] = static_cast<int>(i);
  } else {
    if (listed.size() != plan->types.size()) {
      ThrowInvalid(Position(pos) + "INSERT lists " + std::to_string(listed.size()) +
                   " columns but the query gives " + std::to_string(plan->types.size()));
    }
    for (size_t j = 0; j < listed.size(); ++j) {
      std::string column = catalog::NormalizeColumnName(listed[j].Name());
      size_t i = 0;
      while (i < targets.size() && targets[i].name != column) ++i;
      if (i == targets.size()) {
        throw Error(ErrorCode::kNotFound, Position(listed[j].pos) + "column '" + column +
                                              "' does not exist in " + qualified_name);
      }
      if (source[i] >= 0) {
        ThrowInvalid(Position(listed[j].pos) + "column '" + column + "' is listed twice");
      }
      source[i] = static_cast<int>(j);
    }
  }
  auto project = std::make_unique<LogicalProject>();
  project->table_index = context.NextTableIndex();
  for (size_t i = 0; i < targets.size(); ++i) {
    types::LogicalType type = types::ParseHiveType(targets[i].type);
    BoundExprPtr expr;
    if (source[i] < 0) {
      expr = MakeConstant(types::Value::Null(type));
    } else {
      const auto& from = plan->types[source[i]];
      expr = MakeColumn(plan->bindings[source[i]], from, plan->names[source[i]]);
      if (!(from == type)) {
        if (!CanCoerce(from, type)) {
          ThrowInvalid(Position(pos) + "INSERT into " + qualified_name + ": column '" +
                       targets[i].name + "' is " + type.ToString() + " but the query gives " +
                       from.ToString());
        }
        expr = MakeCast(std::move(expr), type);
      }
    }
    project->expressions.push_back(std::move(expr));
    project->bindings.push_back(ColumnBinding{project->table_index, static_cast<uint32_t>(i)});
    project->types.push_back(type);
    project->names.push_back(targets[i].name);
  }
  project->children.push_back(std::move(plan));
  return project;
}

std::string PartitionFolder(const std::vector<catalog::Column>& keys,
                            const std::vector<std::string>& values) {
  std::string folder;
  for (size_t k = 0; k < keys.size() && k < values.size(); ++k) {
    folder += keys[k].name;
    folder += '=';
    folder += values[k] == catalog::kHiveDefaultPartition ? values[k]
                                                          : EscapePartitionValue(values[k]);
    folder += '/';
  }
  return folder;
}

std::map<std::vector<std::string>, std::string> FindPartitionFolders(
    const std::string& location, const std::vector<catalog::Column>& keys) {
  std::string root = WithSlash(location);
  std::map<std::vector<std::string>, std::string> found;
  for (const auto& path : FilesUnder(root)) {
    if (path.compare(0, root.size(), root) != 0) continue;
    std::string_view rest = std::string_view(path).substr(root.size());
    std::vector<std::string> values;
    std::string folder = root;
    bool ok = true;
    for (size_t i = 0; i < keys.size() && ok; ++i) {
      size_t slash = rest.find('/');
      if (slash == std::string_view::npos) {
        ok = false;
        break;
      }
      std::string_view part = rest.substr(0, slash);
      rest.remove_prefix(slash + 1);
      folder += std::string(part) + "/";
      size_t equals = part.find('=');
      ok = !part.empty() && part[0] != '_' && part[0] != '.' &&
           equals != std::string_view::npos &&
           catalog::NormalizeColumnName(UnescapePartitionValue(part.substr(0, equals))) ==
               keys[i].name;
      if (ok) values.push_back(UnescapePartitionValue(part.substr(equals + 1)));
    }
    if (!ok || rest.empty() || rest[0] == '_' || rest[0] == '.') continue;
    found.emplace(std::move(values), std::move(folder));
  }
  return found;
}

std::vector<catalog::Partition> ListAllPartitions(catalog::Catalog& catalog,
                                                  const std::string& database,
                                                  const std::string& table) {
  std::vector<catalog::Partition> all;
  catalog::PartitionQuery query;
  while (true) {
    auto page = catalog.GetPartitions(database, table, query);
    for (auto& partition : page.items) all.push_back(std::move(partition));
    if (page.next_token.empty()) return all;
    query.page.next_token = page.next_token;
  }
}

}  // namespace basin::sql
