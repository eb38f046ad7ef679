#pragma once

// The statement layer of the SQL engine: what `basin sql`, the sqllogictest runner and (later)
// the Athena API call. A Session holds the current database and runs statements one at a
// time: queries, CTAS and INSERT go through the planner (PlanQuery) and the executor
// (ExecutePlan); every other statement (DDL, SHOW, DESCRIBE, partitions, USE) is carried out
// here, directly on the catalog.
//
// What a caller may rely on:
// - Errors are basin::Error; SQL errors name line and column of the statement's text.
// - The current database starts as options.database ("default"), which is created in the
//   catalog on first use when missing.
// - A failing CTAS, INSERT or INSERT OVERWRITE leaves no new table, files or catalog entry
//   behind, and the old data in place (see README.md for the crash windows).
// - With options.save_results, each query's result is also written to
//   <home>/results/<query id>.csv, as Athena does; the id is in StatementResult::query_id.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "sql/engine/statement_result.hpp"
#include "sql/exec/query_settings.hpp"
#include "sql/parser/ast_statement.hpp"

namespace basin::sql {

struct SessionOptions {
  std::string database = "default";
  size_t memory_limit_bytes = size_t{8} << 30;
  size_t threads = 0;  // 0: every core
  bool save_results = false;
  // Files written by CTAS/INSERT are cut at about this size (0: 128 MiB).
  int64_t target_file_size_bytes = 0;
  // Per catalog table "database.table": how a scan of it splits.
  std::map<std::string, DatabaseScanSplit> database_scan_splits;
  // When set, the statements' scans and writes count into it as they go.
  std::shared_ptr<QueryProgress> progress;
  // When set, called inside the catalog transaction (Catalog::InTransaction) that registers a
  // CTAS / INSERT / INSERT OVERWRITE's output, so what it writes to the catalog (an ETL run's
  // bookmarks) commits with that output or not at all; for UNLOAD, in a transaction of its
  // own right after the files are published. Throwing from it fails the statement.
  std::function<void(catalog::Catalog&)> on_commit;
  // Per lake table "database.table": scans read only these files (QuerySettings).
  std::map<std::string, std::set<std::string>> lake_scan_files;
  // When set, the statements running stop as soon as another thread sets it (an ETL run's
  // stop or timeout): the statement fails with Cancelled and, as any failure, leaves no files.
  const std::atomic<bool>* cancel = nullptr;
};

class Session {
 public:
  // `home` is the Basin home (default lake <home>/lake/, results <home>/results/); the
  // catalog must outlive the session.
  Session(std::filesystem::path home, catalog::Catalog& catalog, SessionOptions options = {});

  // Parses and runs exactly one statement.
  StatementResult Execute(std::string_view sql);
  // Parses the whole script first (a syntax error anywhere runs nothing), then runs its
  // statements in order, stopping at the first error, which names the statement's number and
  // line. Returns the results of all statements.
  std::vector<StatementResult> ExecuteScript(std::string_view sql);
  // Runs one parsed statement; `sql` is the text its positions refer to. With a sink, a
  // query's rows stream to it (StatementResult::streamed) rather than being kept; other
  // statements return their (small) results as usual.
  StatementResult ExecuteStatement(const Statement& statement, std::string_view sql,
                                   ResultSink* sink = nullptr);

  const std::string& current_database() const { return database_; }
  const std::filesystem::path& home() const { return home_; }
  catalog::Catalog& catalog() { return catalog_; }
  const SessionOptions& options() const { return options_; }

 private:
  // The database a statement names, or the current one (created when it is "default" and
  // missing).
  std::string DatabaseOf(const QualifiedName& name, size_t table_parts);
  std::string TableOf(const QualifiedName& name);
  void EnsureCurrentDatabase();
  std::string DefaultTableLocation(const std::string& database, const std::string& table);

  StatementResult CreateDatabase(const CreateDatabaseStatement& statement);
  StatementResult CreateTable(const CreateTableStatement& statement);
  StatementResult CreateView(const CreateViewStatement& statement, std::string_view sql);
  StatementResult Drop(const DropStatement& statement);
  StatementResult Use(const UseStatement& statement);
  StatementResult Show(const ShowStatement& statement);
  StatementResult Describe(const DescribeStatement& statement);
  StatementResult MsckRepair(const MsckRepairStatement& statement);
  StatementResult AddPartitions(const AddPartitionsStatement& statement);
  StatementResult DropPartitions(const DropPartitionsStatement& statement);
  StatementResult Query(const QueryStatement& statement, std::string_view sql,
                        ResultSink* sink);
  StatementResult CreateTableAs(const CreateTableAsStatement& statement, std::string_view sql);
  StatementResult Insert(const InsertStatement& statement, std::string_view sql);
  StatementResult InsertOverwrite(const InsertStatement& statement, std::string_view sql);
  StatementResult Unload(const UnloadStatement& statement, std::string_view sql);
  // Runs `register_output` (the catalog calls that make a write's files part of a table) and
  // options_.on_commit in one catalog transaction: both commit, or neither does.
  void CommitOutput(const std::function<void()>& register_output);
  StatementResult Explain(const ExplainStatement& statement, std::string_view sql);

  // Lists Hive folders k1=v1/k2=v2/ under a partitioned table's location and adds the
  // partitions the catalog lacks, in one batch. Returns the added folders.
  std::vector<std::string> RegisterFoundPartitions(const std::string& database,
                                                   const std::string& table);
  void SaveResult(StatementResult& result);
  // A new query id (Athena's shape, a random UUID) and where its result CSV goes.
  static std::string NewQueryId();
  std::string ResultPath(const std::string& query_id) const;

  std::filesystem::path home_;
  catalog::Catalog& catalog_;
  SessionOptions options_;
  std::string database_;
};

}  // namespace basin::sql
