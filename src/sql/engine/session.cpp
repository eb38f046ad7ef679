#include "sql/engine/session.hpp"

#include <chrono>
#include <cstdio>
#include <random>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/parser/parser.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

namespace {

std::string RandomUuid() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  uint64_t high = random();
  uint64_t low = random();
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0xfff),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

bool IsCatalogName(const Identifier& part) {
  std::string name = part.Name();
  return name == "awsdatacatalog" || name == "hive" || name == "basin";
}

}  // namespace

Session::Session(std::filesystem::path home, catalog::Catalog& catalog, SessionOptions options)
    : home_(std::move(home)), catalog_(catalog), options_(std::move(options)) {
  database_ = catalog::NormalizeName("database name", options_.database);
  EnsureCurrentDatabase();
}

void Session::EnsureCurrentDatabase() {
  if (database_ != "default") return;
  try {
    catalog_.GetDatabase(database_);
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound) throw;
    catalog::Database database;
    database.name = database_;
    database.description = "Default database";
    try {
      catalog_.CreateDatabase(database);
    } catch (const Error& race) {
      if (race.code() != ErrorCode::kAlreadyExists) throw;
    }
  }
}

std::string Session::DatabaseOf(const QualifiedName& name, size_t table_parts) {
  // name = [catalog.]database.object… ; table_parts is how many trailing parts are not the
  // database (1 for a table, 0 for a database name).
  if (name.size() < table_parts) ThrowInternal("qualified name too short");
  size_t database_parts = name.size() - table_parts;
  if (database_parts == 0) return database_;
  if (database_parts == 2 && IsCatalogName(name[0])) {
    return catalog::NormalizeName("database name", name[1].Name());
  }
  if (database_parts == 1) return catalog::NormalizeName("database name", name[0].Name());
  const auto& pos = name.front().pos;
  ThrowInvalid("line " + std::to_string(pos.line) + ":" + std::to_string(pos.column) +
               ": too many name parts in '" + JoinName(name) + "'");
}

std::string Session::TableOf(const QualifiedName& name) {
  return catalog::NormalizeName("table name", name.back().Name());
}

std::string Session::DefaultTableLocation(const std::string& database, const std::string& table) {
  return (home_ / "lake" / database / table).string() + "/";
}

StatementResult Session::Execute(std::string_view sql) {
  StatementPtr statement = ParseStatement(sql);
  return ExecuteStatement(*statement, sql);
}

std::vector<StatementResult> Session::ExecuteScript(std::string_view sql) {
  std::vector<StatementPtr> statements = ParseScript(sql);
  std::vector<StatementResult> results;
  for (size_t i = 0; i < statements.size(); ++i) {
    try {
      results.push_back(ExecuteStatement(*statements[i], sql));
    } catch (const Error& error) {
      throw Error(error.code(), "statement " + std::to_string(i + 1) + " (line " +
                                    std::to_string(statements[i]->pos.line) +
                                    "): " + error.what());
    }
  }
  return results;
}

std::string Session::NewQueryId() { return RandomUuid(); }

std::string Session::ResultPath(const std::string& query_id) const {
  return (home_ / "results" / (query_id + ".csv")).string();
}

StatementResult Session::ExecuteStatement(const Statement& statement, std::string_view sql,
                                          ResultSink* sink) {
  auto start = std::chrono::steady_clock::now();
  StatementResult result;
  switch (statement.kind) {
    case StatementKind::kQuery:
      result = Query(statement.As<QueryStatement>(), sql, sink);
      break;
    case StatementKind::kInsert:
      result = Insert(statement.As<InsertStatement>(), sql);
      break;
    case StatementKind::kCreateDatabase:
      result = CreateDatabase(statement.As<CreateDatabaseStatement>());
      break;
    case StatementKind::kCreateTable:
      result = CreateTable(statement.As<CreateTableStatement>());
      break;
    case StatementKind::kCreateTableAs:
      result = CreateTableAs(statement.As<CreateTableAsStatement>(), sql);
      break;
    case StatementKind::kCreateView:
      result = CreateView(statement.As<CreateViewStatement>(), sql);
      break;
    case StatementKind::kDrop:
      result = Drop(statement.As<DropStatement>());
      break;
    case StatementKind::kShow:
      result = Show(statement.As<ShowStatement>());
      break;
    case StatementKind::kDescribe:
      result = Describe(statement.As<DescribeStatement>());
      break;
    case StatementKind::kMsckRepair:
      result = MsckRepair(statement.As<MsckRepairStatement>());
      break;
    case StatementKind::kAddPartitions:
      result = AddPartitions(statement.As<AddPartitionsStatement>());
      break;
    case StatementKind::kDropPartitions:
      result = DropPartitions(statement.As<DropPartitionsStatement>());
      break;
    case StatementKind::kExplain:
      result = Explain(statement.As<ExplainStatement>(), sql);
      break;
    case StatementKind::kUse:
      result = Use(statement.As<UseStatement>());
      break;
    case StatementKind::kUnload:
      result = Unload(statement.As<UnloadStatement>(), sql);
      break;
  }
  result.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options_.save_results && result.has_result && !result.streamed) SaveResult(result);
  return result;
}

void Session::SaveResult(StatementResult& result) {
  result.query_id = NewQueryId();
  std::string path = ResultPath(result.query_id);
  auto file = storage::FileSystemFor(path).Create(path);
  file->Append(ResultToCsv(result));
  file->Commit();
}

StatementResult Session::Use(const UseStatement& statement) {
  std::string database = DatabaseOf(statement.name, 0);
  catalog_.GetDatabase(database);  // NotFound when missing
  database_ = database;
  StatementResult result;
  result.statement_type = "USE";
  result.message = "using database " + database;
  return result;
}

}  // namespace basin::sql
