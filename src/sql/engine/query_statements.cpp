// Statements that run a query: SELECT …, CREATE TABLE AS, INSERT INTO, EXPLAIN.
// (INSERT OVERWRITE: overwrite_statement.cpp; UNLOAD: unload_statement.cpp.)
#include <memory>
#include <set>

#include "catalog/names.hpp"
#include "catalog/storage_formats.hpp"
#include "common/error.hpp"
#include "sql/engine/query_runner.hpp"
#include "sql/engine/session.hpp"
#include "sql/engine/table_definition.hpp"
#include "sql/engine/write_util.hpp"
#include "sql/parser/ast_expression.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

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
  RollBackDeadPublishes(catalog_);  // a killed earlier write's files are no table either
  if (HasVisibleFiles(location)) {  // a killed write's hidden staging folder is no table
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
  size_t first_key = FirstPartitionColumn(names, partitioned_by, statement.pos, "a table");

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
  std::shared_ptr<StagedWrite> staged;
  if (statement.with_data) {
    LogicalPtr write = WrapInWrite(std::move(plan), context, location, format, compression,
                                   partitioned_by.size());
    staged = StagedOf(write);
    QueryOutput output = RunPlan(*this, std::move(write));
    rows = RowsWritten(output);
    bytes_scanned = output.bytes_scanned;
    table.parameters["recordCount"] = std::to_string(rows);
  }
  // Only now are the files moved into place, and the table appears, with its partitions and
  // whatever on_commit writes, in the same catalog transaction (publish.hpp): all or nothing.
  auto register_table = [&] {
    CommitOutput([&] {
      catalog_.CreateTable(database, table);
      if (!partitioned_by.empty()) RegisterFoundPartitions(database, name);
    });
  };
  if (staged) {
    PublishWrite(catalog_, *staged, register_table);
  } else {
    register_table();
  }
  return RowsResult("CREATE TABLE AS", rows, bytes_scanned,
                    "table " + database + "." + name + " created with " + std::to_string(rows) +
                        " rows");
}

StatementResult Session::Insert(const InsertStatement& statement, std::string_view sql) {
  if (statement.overwrite) return InsertOverwrite(statement, sql);
  std::string database = DatabaseOf(statement.table, 1);
  std::string name = TableOf(statement.table);
  std::string qualified = database + "." + name;
  catalog::Table table = catalog_.GetTable(database, name);
  TableWriteFormat write_format = WriteFormatOf(table, qualified, statement.pos, "INSERT");

  BindContext context(catalog_, database_);
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(*statement.query, context);
  plan = ProjectOntoColumns(std::move(plan), context, TableColumns(table), statement.columns,
                            qualified, statement.pos);

  std::string location = WithSlash(table.storage_descriptor.location);
  LogicalPtr write = WrapInWrite(std::move(plan), context, location, write_format.format,
                                 write_format.compression, table.partition_keys.size());
  // Rows of a partition the catalog keeps elsewhere (ALTER TABLE ADD PARTITION … LOCATION,
  // INSERT OVERWRITE … PARTITION) go where readers look for them.
  auto& partition_locations = static_cast<LogicalWrite&>(*write).partition_locations;
  if (!table.partition_keys.empty()) {
    for (const auto& partition : ListAllPartitions(catalog_, database, name)) {
      std::string folder = PartitionFolder(table.partition_keys, partition.values);
      std::string at = WithSlash(partition.storage_descriptor.location);
      if (!at.empty() && at != location + folder) partition_locations[folder] = at;
    }
  }
  std::shared_ptr<StagedWrite> staged = StagedOf(write);
  RollBackDeadPublishes(catalog_);
  QueryOutput output = RunPlan(*this, std::move(write));
  uint64_t rows = RowsWritten(output);
  PublishWrite(catalog_, *staged, [&] {
    CommitOutput([&] {
      if (!table.partition_keys.empty()) RegisterFoundPartitions(database, name);
    });
  });
  return RowsResult("INSERT", rows, output.bytes_scanned,
                    std::to_string(rows) + " rows inserted into " + qualified);
}

void Session::CommitOutput(const std::function<void()>& register_output) {
  catalog_.InTransaction([&] {
    register_output();
    if (options_.on_commit) options_.on_commit(catalog_);
  });
}

}  // namespace basin::sql
