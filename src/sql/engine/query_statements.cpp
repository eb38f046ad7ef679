// Statements that run a query: SELECT …, CREATE TABLE AS, INSERT INTO, EXPLAIN.
#include <set>

#include "catalog/names.hpp"
#include "catalog/storage_formats.hpp"
#include "common/error.hpp"
#include "sql/engine/query_runner.hpp"
#include "sql/engine/session.hpp"
#include "sql/engine/table_definition.hpp"
#include "sql/parser/ast_expression.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

namespace {

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

// Athena's CTAS formats that Basin writes, as the catalog's format name and the lake format.
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

// Files under `location` now, to tell what a failed write may have left.
std::set<std::string> FilesUnder(const std::string& location) {
  std::set<std::string> files;
  auto& file_system = storage::FileSystemFor(location);
  if (location.rfind("s3://", 0) != 0 && !file_system.Exists(location)) return files;
  for (auto& file : file_system.ListRecursive(location)) files.insert(std::move(file.path));
  return files;
}

// Removes the files that appeared under `location` since `before`; never throws (it runs
// while another error is on its way out).
void RemoveNewFiles(const std::string& location, const std::set<std::string>& before) {
  try {
    auto& file_system = storage::FileSystemFor(location);
    for (const auto& file : FilesUnder(location)) {
      if (!before.count(file)) file_system.Delete(file);
    }
  } catch (...) {
  }
}

// Puts a LogicalWrite on top of `plan`.
LogicalPtr WrapInWrite(LogicalPtr plan, BindContext& context, std::string location,
                       LakeFormat format, std::string compression, size_t partition_columns) {
  auto write = std::make_unique<LogicalWrite>();
  write->location = std::move(location);
  write->format = format;
  write->compression = std::move(compression);
  write->column_names = plan->names;
  write->partition_columns = partition_columns;
  write->table_index = context.NextTableIndex();
  write->bindings = {ColumnBinding{write->table_index, 0}};
  write->types = {types::LogicalType::BigInt()};
  write->names = {"rows"};
  write->children.push_back(std::move(plan));
  return write;
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

}  // namespace

namespace {

// Passes rows on to the caller's sink and appends them to the saved result CSV.
class SavingSink : public ResultSink {
 public:
  SavingSink(ResultSink& next, storage::WritableFile* saved) : next_(next), saved_(saved) {}
  void Begin(const std::vector<std::string>& names,
             const std::vector<types::LogicalType>& types) override {
    next_.Begin(names, types);
    if (saved_ == nullptr) return;
    buffer_.clear();
    AppendCsvHeader(names, buffer_);
    saved_->Append(buffer_);
  }
  void Chunk(const columnar::DataChunk& chunk) override {
    next_.Chunk(chunk);
    if (saved_ == nullptr) return;
    buffer_.clear();
    AppendCsvRows(chunk, buffer_);
    saved_->Append(buffer_);
  }

 private:
  ResultSink& next_;
  storage::WritableFile* saved_;
  std::string buffer_;
};

}  // namespace

StatementResult Session::Query(const QueryStatement& statement, std::string_view sql,
                               ResultSink* sink) {
  BindContext context(catalog_, database_);
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(statement, context);
  StatementResult result;
  result.statement_type = "SELECT";
  result.has_result = true;
  if (sink != nullptr) {
    // The saved copy is written as the rows stream and published only if the query succeeds.
    std::unique_ptr<storage::WritableFile> saved;
    if (options_.save_results) {
      result.query_id = NewQueryId();
      std::string path = ResultPath(result.query_id);
      saved = storage::FileSystemFor(path).Create(path);
    }
    SavingSink saving(*sink, saved.get());
    QueryOutput output = RunPlanStreaming(*this, std::move(plan), saving);
    if (saved) saved->Commit();
    result.streamed = true;
    result.column_names = std::move(output.names);
    result.column_types = std::move(output.types);
    result.row_count = output.rows;
    result.bytes_scanned = output.bytes_scanned;
    return result;
  }
  QueryOutput output = RunPlan(*this, std::move(plan));
  result.column_names = std::move(output.names);
  result.column_types = std::move(output.types);
  result.chunks = std::move(output.chunks);
  result.row_count = output.rows;
  result.bytes_scanned = output.bytes_scanned;
  return result;
}

StatementResult Session::Explain(const ExplainStatement& statement, std::string_view sql) {
  if (statement.statement->kind != StatementKind::kQuery) {
    ThrowUnsupported(Position(statement.statement->pos) +
                     "EXPLAIN works on queries (SELECT, WITH, VALUES)");
  }
  BindContext context(catalog_, database_);
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(statement.statement->As<QueryStatement>(), context);
  ExplainKind kind = ExplainKind::kPhysical;
  if (statement.analyze) {
    kind = ExplainKind::kAnalyze;
  } else if (statement.type && *statement.type == "LOGICAL") {
    kind = ExplainKind::kLogical;
  } else if (statement.type && *statement.type != "DISTRIBUTED") {
    ThrowUnsupported(Position(statement.pos) + "EXPLAIN (TYPE " + *statement.type +
                     ") is not supported: use LOGICAL or DISTRIBUTED");
  }
  if (statement.format && *statement.format != "TEXT") {
    ThrowUnsupported(Position(statement.pos) + "EXPLAIN (FORMAT " + *statement.format +
                     ") is not supported: Basin prints TEXT");
  }
  uint64_t bytes_scanned = 0;
  std::string text = ExplainPlan(*this, std::move(plan), kind, &bytes_scanned);
  TextResultBuilder builder(statement.analyze ? "EXPLAIN ANALYZE" : "EXPLAIN", {"Query Plan"});
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    builder.AddRow({text.substr(begin, end - begin)});
    begin = end + 1;
  }
  StatementResult result = builder.Finish();
  result.bytes_scanned = bytes_scanned;
  return result;
}

StatementResult Session::CreateTableAs(const CreateTableAsStatement& statement,
                                       std::string_view sql) {
  std::string database = DatabaseOf(statement.name, 1);
  std::string name = TableOf(statement.name);
  catalog_.GetDatabase(database);  // NotFound when missing
  try {
    catalog_.GetTable(database, name);
    if (statement.if_not_exists) {
      StatementResult result;
      result.statement_type = "CREATE TABLE AS";
      result.message = "table " + database + "." + name + " already exists";
      return result;
    }
    throw Error(ErrorCode::kAlreadyExists, Position(statement.name.back().pos) + "table '" +
                                               database + "." + name + "' already exists");
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound) throw;
  }

  std::string catalog_format = "parquet";
  LakeFormat format = LakeFormat::kParquet;
  std::string location;
  std::string compression;
  std::vector<std::string> partitioned_by;
  for (const auto& property : statement.properties) {
    std::string key = property.name.Name();
    if (key == "format") {
      ParseFormat(PropertyString(property), property.value->pos, &catalog_format, &format);
    } else if (key == "external_location") {
      location = PropertyString(property);
    } else if (key == "write_compression" || key == "parquet_compression") {
      compression = Lower(PropertyString(property));
    } else if (key == "partitioned_by") {
      for (auto& column : PropertyStringList(property)) {
        partitioned_by.push_back(catalog::NormalizeColumnName(column));
      }
    } else {
      ThrowUnsupported(Position(property.name.pos) + "table property '" + key +
                       "' is not supported (use format, external_location, partitioned_by, "
                       "write_compression)");
    }
  }
  location = WithSlash(location.empty() ? DefaultTableLocation(database, name) : location);
  if (!FilesUnder(location).empty()) {
    throw Error(ErrorCode::kAlreadyExists,
                Position(statement.pos) + "the location " + location +
                    " of the new table is not empty: CTAS writes only into an empty folder");
  }

  BindContext context(catalog_, database_);
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(*statement.query, context);
  const std::vector<std::string> names = plan->names;
  const std::vector<types::LogicalType> column_types = plan->types;
  std::set<std::string> unique;
  for (size_t i = 0; i < names.size(); ++i) {
    // The binder names unnamed expressions _col0, _col1 …; Trino refuses them in a table.
    bool generated = names[i].size() > 4 && names[i].compare(0, 4, "_col") == 0 &&
                     names[i].find_first_not_of("0123456789", 4) == std::string::npos;
    if (names[i].empty() || generated) {
      ThrowInvalid(Position(statement.query->pos) + "column " + std::to_string(i + 1) +
                   " of the query has no name: give it one with AS");
    }
    if (!unique.insert(catalog::NormalizeColumnName(names[i])).second) {
      ThrowInvalid(Position(statement.query->pos) + "the query has two columns named '" +
                   names[i] + "'");
    }
  }
  // Athena requires the partition columns to be the last columns, in the listed order.
  size_t first_key = names.size() - std::min(partitioned_by.size(), names.size());
  for (size_t i = 0; i < partitioned_by.size(); ++i) {
    if (partitioned_by.size() > names.size() ||
        catalog::NormalizeColumnName(names[first_key + i]) != partitioned_by[i]) {
      ThrowInvalid(Position(statement.pos) + "partitioned_by columns must be the last columns "
                   "of the query, in the same order (expected '" + partitioned_by[i] + "')");
    }
  }
  if (first_key == 0 && !partitioned_by.empty()) {
    ThrowInvalid(Position(statement.pos) + "a table needs at least one column that is not a "
                 "partition column");
  }

  catalog::Table table;
  table.name = name;
  table.table_type = catalog::TableType::kExternalTable;
  table.storage_descriptor = catalog::StorageDescriptorForFormat(catalog_format);
  table.storage_descriptor.location = location;
  // The lake's CSV writer writes no header line.
  table.storage_descriptor.parameters.erase("skip.header.line.count");
  for (size_t i = 0; i < names.size(); ++i) {
    catalog::Column column;
    column.name = catalog::NormalizeColumnName(names[i]);
    column.type = column_types[i].ToString();
    (i < first_key ? table.storage_descriptor.columns : table.partition_keys)
        .push_back(std::move(column));
  }
  table.parameters["EXTERNAL"] = "TRUE";
  table.parameters["classification"] = catalog_format;
  if (!compression.empty()) table.parameters["write.compression"] = compression;

  uint64_t rows = 0;
  uint64_t bytes_scanned = 0;
  if (statement.with_data) {
    LogicalPtr write = WrapInWrite(std::move(plan), context, location, format, compression,
                                   partitioned_by.size());
    QueryOutput output = RunPlan(*this, std::move(write));
    rows = RowsWritten(output);
    bytes_scanned = output.bytes_scanned;
    table.parameters["recordCount"] = std::to_string(rows);
  }
  // Only now, with every file published, does the table appear; if registering fails, the
  // files go too.
  try {
    catalog_.CreateTable(database, table);
    if (!partitioned_by.empty()) RegisterFoundPartitions(database, name);
  } catch (...) {
    try {
      catalog_.DeleteTable(database, name);
    } catch (...) {
    }
    RemoveNewFiles(location, {});
    throw;
  }
  return RowsResult("CREATE TABLE AS", rows, bytes_scanned,
                    "table " + database + "." + name + " created with " + std::to_string(rows) +
                        " rows");
}

StatementResult Session::Insert(const InsertStatement& statement, std::string_view sql) {
  std::string database = DatabaseOf(statement.table, 1);
  std::string name = TableOf(statement.table);
  catalog::Table table = catalog_.GetTable(database, name);
  if (table.table_type == catalog::TableType::kVirtualView) {
    ThrowInvalid(Position(statement.pos) + database + "." + name + " is a view; cannot insert");
  }
  std::string classification = ClassificationOf(table);
  LakeFormat format = LakeFormat::kParquet;
  if (classification == "json") {
    format = LakeFormat::kJson;
  } else if (classification == "csv") {
    format = LakeFormat::kCsv;
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
      ThrowUnsupported(Position(statement.pos) + "INSERT into " + database + "." + name +
                       " is not supported: Basin writes CSV with ',' and no header line, and "
                       "this table's files have a header or another separator");
    }
  } else if (classification != "parquet") {
    ThrowUnsupported(Position(statement.pos) + "INSERT into " + database + "." + name +
                     " (format '" + classification + "') is not supported");
  }
  std::vector<catalog::Column> targets = table.storage_descriptor.columns;
  targets.insert(targets.end(), table.partition_keys.begin(), table.partition_keys.end());

  BindContext context(catalog_, database_);
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(*statement.query, context);

  // Which query column feeds each table column (-1: none, NULL is written).
  std::vector<int> source(targets.size(), -1);
  if (statement.columns.empty()) {
    if (plan->types.size() != targets.size()) {
      ThrowInvalid(Position(statement.pos) + "INSERT into " + database + "." + name + " needs " +
                   std::to_string(targets.size()) + " columns but the query gives " +
                   std::to_string(plan->types.size()));
    }
    for (size_t i = 0; i < targets.size(); ++i) source[i] = static_cast<int>(i);
  } else {
    if (statement.columns.size() != plan->types.size()) {
      ThrowInvalid(Position(statement.pos) + "INSERT lists " +
                   std::to_string(statement.columns.size()) + " columns but the query gives " +
                   std::to_string(plan->types.size()));
    }
    for (size_t j = 0; j < statement.columns.size(); ++j) {
      std::string column = catalog::NormalizeColumnName(statement.columns[j].Name());
      size_t i = 0;
      while (i < targets.size() && targets[i].name != column) ++i;
      if (i == targets.size()) {
        throw Error(ErrorCode::kNotFound, Position(statement.columns[j].pos) + "column '" +
                                              column + "' does not exist in " + database + "." +
                                              name);
      }
      if (source[i] >= 0) {
        ThrowInvalid(Position(statement.columns[j].pos) + "column '" + column +
                     "' is listed twice");
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
          ThrowInvalid(Position(statement.pos) + "INSERT into " + database + "." + name +
                       ": column '" + targets[i].name + "' is " + type.ToString() +
                       " but the query gives " + from.ToString());
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

  std::string location = WithSlash(table.storage_descriptor.location);
  auto compression = table.parameters.find("write.compression");
  std::set<std::string> before = FilesUnder(location);
  LogicalPtr write = WrapInWrite(
      std::move(project), context, location, format,
      compression == table.parameters.end() ? std::string() : compression->second,
      table.partition_keys.size());
  QueryOutput output = RunPlan(*this, std::move(write));
  uint64_t rows = RowsWritten(output);
  try {
    if (!table.partition_keys.empty()) RegisterFoundPartitions(database, name);
  } catch (...) {
    RemoveNewFiles(location, before);
    throw;
  }
  return RowsResult("INSERT", rows, output.bytes_scanned,
                    std::to_string(rows) + " rows inserted into " + database + "." + name);
}

}  // namespace basin::sql
