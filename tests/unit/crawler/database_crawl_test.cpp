// Crawling an SQLite movie-rental database through connectors/, with include and exclude
// patterns, then re-crawling after schema changes under each policy.
#include <gtest/gtest.h>

#include "catalog/catalog.hpp"
#include "crawler/crawler.hpp"
#include "unit/crawler/crawler_test_util.hpp"
#include "unit/error_code_of.hpp"
#include "unit/sqlite_script.hpp"

namespace basin::crawler {
namespace {

using basin::testing::CodeOf;
using basin::testing::RunSqliteScript;
using testing::ScratchDir;

class DatabaseCrawlTest : public ::testing::Test {
 protected:
  DatabaseCrawlTest() : catalog_(dir_.path() / "catalog.db") {
    source_ = dir_ / "movies.db";
    RunSqliteScript(source_, R"sql(
      CREATE TABLE actor (actor_id INTEGER PRIMARY KEY, first_name TEXT NOT NULL);
      CREATE TABLE film (film_id INTEGER PRIMARY KEY, title TEXT NOT NULL, rental_rate NUMERIC(4,2));
      CREATE TABLE film_actor (actor_id INTEGER, film_id INTEGER);
      CREATE TABLE customer (customer_id INTEGER PRIMARY KEY, email VARCHAR(50), active BOOLEAN);
      CREATE TABLE payment (payment_id INTEGER PRIMARY KEY, amount DECIMAL(5,2), paid_at TIMESTAMP);
      CREATE VIEW actor_info AS SELECT first_name FROM actor;
      CREATE VIEW customer_list AS SELECT customer_id, email FROM customer;
      INSERT INTO film VALUES (1, 'Alien', 2.99);
    )sql");
    catalog::Connection connection;
    connection.name = "movies_db";
    connection.url = "sqlite:" + source_;
    catalog_.CreateConnection(connection);
  }

  catalog::Crawler DbCrawler(std::string name = "movies") {
    catalog::Crawler crawler;
    crawler.name = std::move(name);
    crawler.database_name = "aurora_movie_rental";
    crawler.targets.jdbc_targets.push_back({"movies_db", "movies/%", {"*act*"}});
    return crawler;
  }

  std::vector<std::string> TableNames() {
    std::vector<std::string> names;
    for (const auto& table : catalog_.GetTables("aurora_movie_rental").items) {
      if (!table.deprecated) names.push_back(table.name);
    }
    return names;
  }

  ScratchDir dir_;
  std::string source_;
  catalog::Catalog catalog_;
};

TEST_F(DatabaseCrawlTest, IncludeAndExcludeSelectTablesAndViews) {
  CreateCrawler(catalog_, DbCrawler());
  CrawlReport report = RunCrawler(catalog_, "movies");
  EXPECT_EQ(report.crawl.state, catalog::CrawlState::kSucceeded);
  EXPECT_TRUE(report.crawl.errors.empty());
  EXPECT_EQ(TableNames(), (std::vector<std::string>{"movies_customer", "movies_customer_list",
                                                    "movies_film", "movies_payment"}));
  catalog::Table film = catalog_.GetTable("aurora_movie_rental", "movies_film");
  EXPECT_EQ(film.table_type, catalog::TableType::kJdbcTable);
  EXPECT_EQ(film.connection_name, "movies_db");
  EXPECT_EQ(film.parameters.at("classification"), "sqlite");
  EXPECT_EQ(film.parameters.at("sourceTable"), "main.film");
  EXPECT_EQ(film.parameters.at("sourceKind"), "TABLE");
  ASSERT_EQ(film.storage_descriptor.columns.size(), 3u);
  EXPECT_EQ(film.storage_descriptor.columns[0].name, "film_id");
  EXPECT_EQ(film.storage_descriptor.columns[0].parameters.at("primaryKeyPosition"), "1");
  EXPECT_EQ(film.storage_descriptor.columns[1].parameters.at("nullable"), "false");
  catalog::Table view = catalog_.GetTable("aurora_movie_rental", "movies_customer_list");
  EXPECT_EQ(view.parameters.at("sourceKind"), "VIEW");
  EXPECT_EQ(view.parameters.at("typeOfData"), "view");
  EXPECT_NE(report.crawl.log.find("excluded movies/actor_info"), std::string::npos)
      << report.crawl.log;
}

TEST_F(DatabaseCrawlTest, ThreeLevelPathsAndSingleTables) {
  catalog::Crawler crawler = DbCrawler();
  crawler.targets.jdbc_targets[0] = {"movies_db", "movies/main/pay%", {}};
  crawler.table_prefix = "src_";
  CreateCrawler(catalog_, crawler);
  RunCrawler(catalog_, "movies");
  EXPECT_EQ(TableNames(), (std::vector<std::string>{"src_movies_payment"}));
  catalog::Crawler bad = DbCrawler("bad");
  bad.targets.jdbc_targets[0].path = "movies";
  EXPECT_EQ(CodeOf([&] { CreateCrawler(catalog_, bad); }), ErrorCode::kInvalidInput);
  bad.targets.jdbc_targets[0] = {"nope", "movies/%", {}};
  EXPECT_EQ(CodeOf([&] { CreateCrawler(catalog_, bad); }), ErrorCode::kNotFound);
}

TEST_F(DatabaseCrawlTest, RecrawlsAfterSchemaChangesUnderEachPolicy) {
  CreateCrawler(catalog_, DbCrawler());
  RunCrawler(catalog_, "movies");
  RunSqliteScript(source_, R"sql(
    ALTER TABLE customer ADD COLUMN last_update TIMESTAMP;
    DROP TABLE payment;
    CREATE TABLE store (store_id INTEGER PRIMARY KEY, manager TEXT);
  )sql");

  // LOG / LOG: nothing changes but the log says what would.
  catalog::Crawler logging = DbCrawler();
  logging.schema_change_policy = {catalog::UpdateBehavior::kLog, catalog::DeleteBehavior::kLog};
  UpdateCrawler(catalog_, "movies", logging);
  CrawlReport logged = RunCrawler(catalog_, "movies");
  EXPECT_EQ(logged.crawl.tables_updated, 0);
  EXPECT_EQ(logged.crawl.tables_created, 1);  // new tables are still added
  EXPECT_NE(logged.crawl.log.find("movies_customer would be updated"), std::string::npos);
  EXPECT_NE(logged.crawl.log.find("movies_payment would be deleted"), std::string::npos);
  EXPECT_EQ(catalog_.GetTable("aurora_movie_rental", "movies_customer").version_id, 1);

  // Defaults: update in database, deprecate what is gone.
  UpdateCrawler(catalog_, "movies", DbCrawler());
  CrawlReport updated = RunCrawler(catalog_, "movies");
  EXPECT_EQ(updated.crawl.tables_updated, 1);
  EXPECT_EQ(updated.crawl.tables_deprecated, 1);
  catalog::Table customer = catalog_.GetTable("aurora_movie_rental", "movies_customer");
  EXPECT_EQ(customer.version_id, 2);
  EXPECT_EQ(customer.storage_descriptor.columns.back().name, "last_update");
  EXPECT_EQ(customer.storage_descriptor.columns.back().type, "timestamp");
  EXPECT_TRUE(catalog_.GetTable("aurora_movie_rental", "movies_payment").deprecated);

  // Delete from database.
  catalog::Crawler deleting = DbCrawler();
  deleting.schema_change_policy.delete_behavior = catalog::DeleteBehavior::kDeleteFromDatabase;
  UpdateCrawler(catalog_, "movies", deleting);
  CrawlReport deleted = RunCrawler(catalog_, "movies");
  EXPECT_EQ(deleted.crawl.tables_deleted, 1);
  EXPECT_EQ(CodeOf([&] { catalog_.GetTable("aurora_movie_rental", "movies_payment"); }),
            ErrorCode::kNotFound);
  auto runs = catalog_.GetCrawls("movies");
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].tables_deleted, 1);
  EXPECT_EQ(runs[2].tables_created, 1);
}

TEST_F(DatabaseCrawlTest, UnreachableSourceIsATargetErrorAndKeepsTables) {
  CreateCrawler(catalog_, DbCrawler());
  RunCrawler(catalog_, "movies");
  std::filesystem::remove(source_);
  CrawlReport report = RunCrawler(catalog_, "movies");
  EXPECT_EQ(report.crawl.state, catalog::CrawlState::kFailed);
  ASSERT_EQ(report.crawl.errors.size(), 1u);
  EXPECT_EQ(report.crawl.tables_deprecated, 0);
  EXPECT_FALSE(catalog_.GetTable("aurora_movie_rental", "movies_film").deprecated);
}

}  // namespace
}  // namespace basin::crawler
