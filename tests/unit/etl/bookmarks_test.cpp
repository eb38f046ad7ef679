// Job bookmarks on a real catalog, a real SQLite source database and a real lake in a scratch
// home: the predicates of single and composite keys of several types (checked by what they
// select, not only by their text), runs that copy only new rows or new files, pause, reset,
// and failures that leave the bookmarks where they were.
#include "etl/bookmarks.hpp"

#include <gtest/gtest.h>

#include <set>

#include "connectors/connector.hpp"
#include "etl/compiler.hpp"
#include "etl/job_runner.hpp"
#include "etl/raw_copy.hpp"
#include "sql/engine/session.hpp"
#include "unit/error_code_of.hpp"
#include "unit/etl/etl_test_util.hpp"
#include "unit/sqlite_script.hpp"

namespace basin::etl {
namespace {

using basin::testing::CodeOf;
using catalog::BookmarkOption;
using catalog::JobRunState;

class BookmarksTest : public testing::HomeTest {
 protected:
  BookmarksTest() {
    source_path_ = home_ / "source.db";
    Sqlite(
        "CREATE TABLE payment (payment_id INTEGER PRIMARY KEY, customer_id INT, "
        "amount DECIMAL(5,2), paid TIMESTAMP, code TEXT);"
        "CREATE TABLE event (name TEXT, at TIMESTAMP, seq INT);");
    for (int i = 1; i <= 10; ++i) InsertPayment(i);
    Sqlite(
        "INSERT INTO event VALUES ('a', '2024-01-01 10:00:00', 1), "
        "('b', '2024-01-01 10:00:00', 2), ('c', '2024-01-02 08:30:00', 1);");
    catalog::Connection connection;
    connection.name = "src";
    connection.url = "sqlite:" + source_path_.string();
    catalog_->CreateConnection(connection);
    sql::Session session(home_, *catalog_);
    session.Execute("CREATE DATABASE shop");
    CatalogueSourceTable("payment");
    CatalogueSourceTable("event");
  }

  void Sqlite(const std::string& sql) { basin::testing::RunSqliteScript(source_path_, sql); }

  void InsertPayment(int id) {
    char paid[32];
    std::snprintf(paid, sizeof(paid), "2024-02-%02d 12:00:00", 1 + id % 28);
    Sqlite("INSERT INTO payment VALUES (" + std::to_string(id) + ", " + std::to_string(id % 3) +
           ", " + std::to_string(id) + ".25, '" + paid + "', 'c" + std::to_string(100 + id) + "')");
  }

  // What a crawl of the SQLite database records, built from the connector's description.
  void CatalogueSourceTable(const std::string& name) {
    auto connector = connectors::OpenConnector(catalog_->GetConnection("src"));
    connectors::TableInfo info = connector->DescribeTable("main", name);
    catalog::Table table;
    table.name = "src_" + name;
    table.table_type = catalog::TableType::kJdbcTable;
    table.connection_name = "src";
    table.storage_descriptor.location = "source.main." + name;
    for (const auto& column : info.columns) {
      catalog::Column out{column.name, column.hive_type, "", {}};
      if (column.primary_key_position > 0) {
        out.parameters["primaryKeyPosition"] = std::to_string(column.primary_key_position);
      }
      table.storage_descriptor.columns.push_back(std::move(out));
    }
    table.parameters["classification"] = "sqlite";
    catalog_->CreateTable("shop", table);
  }

  int64_t Scalar(const std::string& sql) {
    sql::Session session(home_, *catalog_);
    auto result = session.Execute(sql);
    return result.chunks.at(0).column(0).data<int64_t>()[0];
  }

  std::string TargetPath(const std::string& name) const {
    return (home_ / "lake" / name).string() + "/";
  }

  // A raw copy of shop.<source> into shop.<target> with the bookmark option.
  void CreateCopyJob(const std::string& job_name, const std::string& source,
                     const std::string& target, BookmarkOption option,
                     std::vector<std::string> bookmark_keys = {}) {
    RawCopySpec spec{"shop", source, TargetPath(target), "shop", target, ""};
    Dag dag = RawCopyDag(catalog_->GetTable("shop", source), spec);
    dag.nodes[0].bookmark_keys = std::move(bookmark_keys);
    catalog::Job job;
    job.name = job_name;
    job.dag = DagToText(dag);
    job.bookmark_option = option;
    catalog_->CreateJob(job);
  }

  catalog::JobRun Run(const std::string& job, std::map<std::string, std::string> arguments = {}) {
    RunJobOptions options;
    options.arguments = std::move(arguments);
    return RunJob(*catalog_, home_, job, options);
  }

  std::string StoredState(const std::string& job) {
    auto bookmarks = catalog_->GetJobBookmarks(job);
    return bookmarks.empty() ? "" : bookmarks[0].state;
  }

  std::filesystem::path source_path_;
};

// Rows of (a, b) selected by a predicate, as "a/b" strings, through the engine.
std::set<std::string> Selected(const std::filesystem::path& home, catalog::Catalog& catalog,
                               const std::string& predicate) {
  sql::Session session(home, catalog);
  auto result =
      session.Execute("SELECT CAST(a AS varchar) || '/' || b FROM shop.pairs WHERE " + predicate);
  std::set<std::string> rows;
  for (const auto& chunk : result.chunks) {
    for (size_t i = 0; i < chunk.size(); ++i) {
      rows.insert(std::string(chunk.column(0).data<std::string_view>()[i]));
    }
  }
  return rows;
}

TEST_F(BookmarksTest, SingleKeyPredicatesReadAfterLastUpToHigh) {
  EXPECT_EQ(KeyRangePredicate({"id"}, {"int"}, {"5"}, {"9"}), "\"id\" > 5 AND \"id\" <= 9");
  EXPECT_EQ(KeyRangePredicate({"id"}, {"bigint"}, {}, {"9"}), "\"id\" <= 9");
  EXPECT_EQ(KeyRangePredicate({"id"}, {"bigint"}, {}, {}), "FALSE");
  EXPECT_EQ(KeyRangePredicate({"code"}, {"string"}, {"it's"}, {"z"}),
            "\"code\" > 'it''s' AND \"code\" <= 'z'");
  EXPECT_EQ(
      KeyRangePredicate({"at"}, {"timestamp"}, {"2024-01-01 10:00:00"}, {"2024-01-02 00:00:00"}),
      "\"at\" > CAST('2024-01-01 10:00:00' AS timestamp) AND "
      "\"at\" <= CAST('2024-01-02 00:00:00' AS timestamp)");
}

TEST_F(BookmarksTest, CompositeKeysCompareLexicographically) {
  sql::Session session(home_, *catalog_);
  session.Execute("CREATE TABLE shop.pairs WITH (format = 'parquet', external_location = '" +
                  TargetPath("pairs") +
                  "') AS SELECT * FROM (VALUES (1, 'a'), (1, 'b'), (1, 'c'), (2, 'a'), (2, 'b'), "
                  "(2, 'c'), (3, 'a')) AS t(a, b)");
  std::string predicate = KeyRangePredicate({"a", "b"}, {"int", "string"}, {"1", "b"}, {"2", "b"});
  // The first key's own range, a plain conjunct the database scan can push into its WHERE.
  EXPECT_EQ(predicate.rfind("\"a\" >= 1 AND \"a\" <= 2 AND (", 0), 0u) << predicate;
  EXPECT_EQ(Selected(home_, *catalog_, predicate), (std::set<std::string>{"1/c", "2/a", "2/b"}))
      << predicate;
  // No lower bound: everything up to (2, 'a').
  predicate = KeyRangePredicate({"a", "b"}, {"int", "string"}, {}, {"2", "a"});
  EXPECT_EQ(Selected(home_, *catalog_, predicate),
            (std::set<std::string>{"1/a", "1/b", "1/c", "2/a"}))
      << predicate;
}

TEST_F(BookmarksTest, SecondRunCopiesOnlyTheNewRows) {
  CreateCopyJob("copy", "src_payment", "payment", BookmarkOption::kEnable);
  catalog::JobRun first = Run("copy");
  ASSERT_EQ(first.state, JobRunState::kSucceeded) << first.error_message << first.log;
  EXPECT_EQ(first.rows_written, 10);
  EXPECT_NE(first.log.find("keys (payment_id) after the start, up to (10)"), std::string::npos)
      << first.log;

  for (int i = 11; i <= 13; ++i) InsertPayment(i);
  catalog::JobRun second = Run("copy");
  ASSERT_EQ(second.state, JobRunState::kSucceeded) << second.error_message;
  EXPECT_EQ(second.rows_written, 3);
  EXPECT_EQ(Scalar("SELECT count(*) FROM shop.payment"), 13);
  EXPECT_EQ(Scalar("SELECT count(DISTINCT payment_id) FROM shop.payment"), 13);
  EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT * FROM shop.payment EXCEPT "
                   "SELECT * FROM shop.src_payment)"),
            0);

  // Nothing new: the run succeeds and writes nothing (no file, no new table version).
  int64_t version = catalog_->GetTable("shop", "payment").version_id;
  std::string state = StoredState("copy");
  catalog::JobRun third = Run("copy");
  ASSERT_EQ(third.state, JobRunState::kSucceeded) << third.error_message;
  EXPECT_EQ(third.rows_written, 0);
  EXPECT_EQ(third.files_written, 0);
  EXPECT_EQ(catalog_->GetTable("shop", "payment").version_id, version);
  EXPECT_EQ(StoredState("copy"), state);
  auto bookmarks = catalog_->GetJobBookmarks("copy");
  ASSERT_EQ(bookmarks.size(), 1u);
  EXPECT_EQ(bookmarks[0].kind, catalog::BookmarkKind::kDatabaseKeys);
  EXPECT_NE(bookmarks[0].state.find("\"Last\":[\"13\"]"), std::string::npos) << bookmarks[0].state;
}

TEST_F(BookmarksTest, CompositeTimestampAndIntegerKeys) {
  CreateCopyJob("events", "src_event", "event", BookmarkOption::kEnable, {"at", "seq"});
  catalog::JobRun first = Run("events");
  ASSERT_EQ(first.state, JobRunState::kSucceeded) << first.error_message << first.log;
  EXPECT_EQ(first.rows_written, 3);
  // Same time as the last key with a higher seq, and a later time with a lower one: both new;
  // an earlier time is below the bookmark and is not read (keys must grow).
  Sqlite(
      "INSERT INTO event VALUES ('d', '2024-01-02 08:30:00', 2), ('e', '2024-01-03 00:00:00', 0),"
      " ('old', '2023-12-31 00:00:00', 9);");
  catalog::JobRun second = Run("events");
  ASSERT_EQ(second.state, JobRunState::kSucceeded) << second.error_message << second.log;
  EXPECT_EQ(second.rows_written, 2);
  EXPECT_EQ(Scalar("SELECT count(*) FROM shop.event WHERE name IN ('d', 'e')"), 2);
  EXPECT_EQ(Scalar("SELECT count(*) FROM shop.event WHERE name = 'old'"), 0);
}

TEST_F(BookmarksTest, TextKeyBoundComesFromTheEngine) {
  CreateCopyJob("codes", "src_payment", "codes", BookmarkOption::kEnable, {"code"});
  catalog::JobRun first = Run("codes");
  ASSERT_EQ(first.state, JobRunState::kSucceeded) << first.error_message << first.log;
  EXPECT_EQ(first.rows_written, 10);
  EXPECT_NE(first.log.find("up to (c110)"), std::string::npos) << first.log;
  InsertPayment(11);  // code c111
  catalog::JobRun second = Run("codes");
  ASSERT_EQ(second.state, JobRunState::kSucceeded) << second.error_message;
  EXPECT_EQ(second.rows_written, 1);
}

TEST_F(BookmarksTest, PauseReadsWithTheBookmarkButDoesNotAdvance) {
  CreateCopyJob("copy", "src_payment", "payment", BookmarkOption::kEnable);
  ASSERT_EQ(Run("copy").state, JobRunState::kSucceeded);
  std::string state = StoredState("copy");
  InsertPayment(11);
  InsertPayment(12);
  catalog::JobRun paused = Run("copy", {{"--job-bookmark-option", "job-bookmark-pause"}});
  ASSERT_EQ(paused.state, JobRunState::kSucceeded) << paused.error_message;
  EXPECT_EQ(paused.rows_written, 2);
  EXPECT_EQ(StoredState("copy"), state);
  // The next enabled run reads the same rows again, then moves on.
  catalog::JobRun enabled = Run("copy");
  EXPECT_EQ(enabled.rows_written, 2);
  EXPECT_NE(StoredState("copy"), state);
  // Disabled: everything, bookmarks untouched.
  state = StoredState("copy");
  catalog::JobRun disabled = Run("copy", {{"--job-bookmark-option", "disable"}});
  EXPECT_EQ(disabled.rows_written, 12);
  EXPECT_EQ(StoredState("copy"), state);
}

TEST_F(BookmarksTest, ResetReadsEverythingAgain) {
  CreateCopyJob("copy", "src_payment", "payment", BookmarkOption::kEnable);
  ASSERT_EQ(Run("copy").rows_written, 10);
  EXPECT_EQ(catalog_->DeleteJobBookmarks("copy"), 1);
  EXPECT_TRUE(catalog_->GetJobBookmarks("copy").empty());
  catalog::JobRun again = Run("copy");
  EXPECT_EQ(again.rows_written, 10);
  // An append target holds the rows twice after a reset.
  EXPECT_EQ(Scalar("SELECT count(*) FROM shop.payment"), 20);
}

TEST_F(BookmarksTest, AFailedRunLeavesTheBookmark) {
  RawCopySpec spec{"shop", "src_payment", TargetPath("payment"), "shop", "payment", ""};
  Dag dag = RawCopyDag(catalog_->GetTable("shop", "src_payment"), spec);
  dag.nodes[1].mappings[4].to_type = "int";  // code 'c101' is no number: the cast fails
  catalog::Job job;
  job.name = "bad";
  job.dag = DagToText(dag);
  job.bookmark_option = BookmarkOption::kEnable;
  catalog_->CreateJob(job);
  catalog::JobRun run = Run("bad");
  EXPECT_EQ(run.state, JobRunState::kFailed);
  EXPECT_TRUE(catalog_->GetJobBookmarks("bad").empty());

  // The engine's commit hook: what Advance writes inside a transaction that then fails is
  // rolled back with it.
  CreateCopyJob("copy", "src_payment", "payment", BookmarkOption::kEnable);
  JobBookmarks bookmarks(*catalog_, home_, catalog_->GetJob("copy"),
                         ParseDag(catalog_->GetJob("copy").dag));
  EXPECT_EQ(CodeOf([&] {
              catalog_->InTransaction([&] {
                bookmarks.Advance(*catalog_);
                ThrowIO("the output could not be registered");
              });
            }),
            ErrorCode::kIOError);
  EXPECT_TRUE(catalog_->GetJobBookmarks("copy").empty());
  catalog_->InTransaction([&] { bookmarks.Advance(*catalog_); });
  EXPECT_EQ(catalog_->GetJobBookmarks("copy").size(), 1u);
}

TEST_F(BookmarksTest, TheEngineAdvancesInTheCommitThatRegistersTheOutput) {
  CreateCopyJob("copy", "src_payment", "payment", BookmarkOption::kEnable);
  catalog::Job job = catalog_->GetJob("copy");
  Dag dag = ParseDag(job.dag);
  JobBookmarks bookmarks(*catalog_, home_, job, dag);
  CompiledJob compiled = CompileJob(dag, *catalog_, bookmarks.predicates());
  sql::SessionOptions options;
  bookmarks.Attach(options);
  sql::Session session(home_, *catalog_, options);
  session.Execute(compiled.statement);
  // No Finish: the statement's own catalog commit wrote the bookmark.
  EXPECT_NE(StoredState("copy").find("\"Last\":[\"10\"]"), std::string::npos)
      << StoredState("copy");
}

TEST_F(BookmarksTest, ASourceWithoutKeysNeedsBookmarkKeys) {
  CreateCopyJob("events", "src_event", "event", BookmarkOption::kEnable);
  catalog::JobRun run = Run("events");
  EXPECT_EQ(run.state, JobRunState::kFailed);
  EXPECT_NE(run.error_message.find("BookmarkKeys"), std::string::npos) << run.error_message;
  catalog::Job job = catalog_->GetJob("events");
  Dag dag = ParseDag(job.dag);
  dag.nodes[0].bookmark_keys = {"nope"};
  EXPECT_EQ(CodeOf([&] { JobBookmarks(*catalog_, home_, job, dag); }), ErrorCode::kInvalidInput);
}

TEST_F(BookmarksTest, LakeSourceReadsOnlyNewFiles) {
  sql::Session session(home_, *catalog_);
  session.Execute("CREATE TABLE shop.orders WITH (format = 'parquet', external_location = '" +
                  TargetPath("orders") +
                  "') AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(id, name)");
  CreateCopyJob("orders", "orders", "orders_copy", BookmarkOption::kEnable);
  catalog::JobRun first = Run("orders");
  ASSERT_EQ(first.state, JobRunState::kSucceeded) << first.error_message << first.log;
  EXPECT_EQ(first.rows_written, 2);
  EXPECT_NE(first.log.find("1 new of 1 files"), std::string::npos) << first.log;

  session.Execute("INSERT INTO shop.orders VALUES (3, 'c'), (4, 'd'), (5, 'e')");
  catalog::JobRun second = Run("orders");
  ASSERT_EQ(second.state, JobRunState::kSucceeded) << second.error_message;
  EXPECT_EQ(second.rows_written, 3);
  EXPECT_EQ(Scalar("SELECT count(*) FROM shop.orders_copy"), 5);
  EXPECT_EQ(Scalar("SELECT count(DISTINCT id) FROM shop.orders_copy"), 5);
  auto bookmarks = catalog_->GetJobBookmarks("orders");
  ASSERT_EQ(bookmarks.size(), 1u);
  EXPECT_EQ(bookmarks[0].kind, catalog::BookmarkKind::kLakeFiles);

  catalog::JobRun third = Run("orders");
  ASSERT_EQ(third.state, JobRunState::kSucceeded) << third.error_message;
  EXPECT_EQ(third.rows_written, 0);
  EXPECT_EQ(third.files_written, 0);
  EXPECT_NE(third.log.find("no new data"), std::string::npos) << third.log;

  // A session restricted to no files of a table reads none of its rows.
  sql::SessionOptions options;
  options.lake_scan_files["shop.orders"] = {};
  sql::Session restricted(home_, *catalog_, options);
  auto result = restricted.Execute("SELECT count(*) FROM shop.orders");
  EXPECT_EQ(result.chunks.at(0).column(0).data<int64_t>()[0], 0);
}

TEST_F(BookmarksTest, BookmarksBelongToTheirJob) {
  CreateCopyJob("copy", "src_payment", "payment", BookmarkOption::kEnable);
  catalog::JobBookmark bookmark{"copy", "node-1", catalog::BookmarkKind::kLakeFiles, "{}", 0};
  catalog_->PutJobBookmark(bookmark);
  bookmark.state = R"({"Files":[]})";
  catalog_->PutJobBookmark(bookmark);  // replaces
  auto stored = catalog_->GetJobBookmarks("copy");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].state, bookmark.state);
  EXPECT_GT(stored[0].updated_on, 0);
  EXPECT_EQ(BookmarksToJson(stored)[0]["Kind"], "lake-files");
  EXPECT_EQ(CodeOf([&] { catalog_->GetJobBookmarks("nobody"); }), ErrorCode::kNotFound);
  bookmark.job_name = "nobody";
  EXPECT_EQ(CodeOf([&] { catalog_->PutJobBookmark(bookmark); }), ErrorCode::kNotFound);
  catalog_->DeleteJob("copy");
  CreateCopyJob("copy", "src_payment", "payment", BookmarkOption::kEnable);
  EXPECT_TRUE(catalog_->GetJobBookmarks("copy").empty());
}

}  // namespace
}  // namespace basin::etl
