// End-to-end lake crawls: generated trees, a real catalog, every policy.
#include <gtest/gtest.h>
#include <unistd.h>

#include "catalog/catalog.hpp"
#include "crawler/crawler.hpp"
#include "unit/crawler/crawler_test_util.hpp"
#include "unit/error_code_of.hpp"

namespace basin::crawler {
namespace {

using basin::testing::CodeOf;
using testing::ScratchDir;
using testing::WriteParquet;
using testing::WriteText;

class LakeCrawlTest : public ::testing::Test {
 protected:
  LakeCrawlTest() : catalog_(dir_.path() / "catalog.db") {}

  std::string Lake() const { return dir_ / "lake"; }

  void MakeSales() {
    for (std::string year : {"2023", "2024"}) {
      for (std::string month : {"01", "02"}) {
        WriteParquet(Lake() + "/sales/year=" + year + "/month=" + month + "/part-0.parquet",
                     "id,amount\n1,2.5\n2,3.5\n");
      }
    }
  }

  catalog::Crawler LakeCrawler(std::string name = "lake_crawler") {
    catalog::Crawler crawler;
    crawler.name = std::move(name);
    crawler.database_name = "lake_db";
    crawler.table_prefix = "s3_";
    crawler.targets.s3_targets.push_back({Lake(), {}, 0});
    return crawler;
  }

  CrawlReport Run(const std::string& name = "lake_crawler") {
    return RunCrawler(catalog_, name);
  }

  std::vector<catalog::Partition> Partitions(const std::string& table) {
    return catalog_.GetPartitions("lake_db", table).items;
  }

  ScratchDir dir_;
  catalog::Catalog catalog_;
};

TEST_F(LakeCrawlTest, CataloguesATreeOfFormats) {
  MakeSales();
  WriteText(Lake() + "/customers/customers.csv", "customer_id,name\n1,Ann\n2,Bob\n3,Cy\n");
  WriteText(Lake() + "/events/events.csv", "1|click|3\n2|view|4\n");
  WriteText(Lake() + "/clicks/day1.json", "{\"user\": 1, \"page\": \"/a\"}\n{\"user\": 2, \"page\": \"/b\"}\n");
  WriteText(Lake() + "/clicks/day2.json", "{\"user\": 3, \"page\": \"/c\", \"ms\": 1.5}\n");
  std::filesystem::create_directories(Lake() + "/empty");
  WriteText(Lake() + "/broken/x.parquet", "PAR1 this is not really parquet PAR1");
  WriteText(Lake() + "/clicks/_SUCCESS", "");
  CreateCrawler(catalog_, LakeCrawler());
  CrawlReport report = Run();
  const catalog::Crawl& crawl = report.crawl;
  EXPECT_EQ(crawl.state, catalog::CrawlState::kSucceeded);
  EXPECT_EQ(crawl.tables_created, 4);
  EXPECT_EQ(crawl.partitions_added, 4);
  ASSERT_EQ(crawl.errors.size(), 1u);  // the corrupt file, by path
  EXPECT_NE(crawl.errors[0].target.find("broken/x.parquet"), std::string::npos);

  catalog::Table sales = catalog_.GetTable("lake_db", "s3_sales");
  EXPECT_EQ(sales.parameters.at("classification"), "parquet");
  EXPECT_EQ(sales.parameters.at("recordCount"), "8");
  EXPECT_EQ(sales.parameters.at("objectCount"), "4");
  EXPECT_EQ(sales.parameters.at("compressionType"), "snappy");
  EXPECT_EQ(sales.parameters.at("UPDATED_BY_CRAWLER"), "lake_crawler");
  ASSERT_EQ(sales.partition_keys.size(), 2u);
  EXPECT_EQ(sales.partition_keys[0].name, "year");
  EXPECT_EQ(sales.partition_keys[0].type, "int");
  EXPECT_EQ(sales.storage_descriptor.location, Lake() + "/sales/");
  EXPECT_EQ(sales.storage_descriptor.serde_info.serialization_library,
            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
  auto partitions = Partitions("s3_sales");
  ASSERT_EQ(partitions.size(), 4u);
  EXPECT_EQ(partitions[3].values, (std::vector<std::string>{"2024", "02"}));
  EXPECT_EQ(partitions[3].storage_descriptor.location, Lake() + "/sales/year=2024/month=02/");

  catalog::Table customers = catalog_.GetTable("lake_db", "s3_customers");
  EXPECT_EQ(customers.parameters.at("classification"), "csv");
  EXPECT_EQ(customers.parameters.at("skip.header.line.count"), "1");
  EXPECT_EQ(customers.storage_descriptor.columns[1].name, "name");
  catalog::Table events = catalog_.GetTable("lake_db", "s3_events");
  EXPECT_EQ(events.storage_descriptor.serde_info.parameters.at("field.delim"), "|");
  EXPECT_EQ(events.parameters.count("skip.header.line.count"), 0u);
  catalog::Table clicks = catalog_.GetTable("lake_db", "s3_clicks");
  EXPECT_EQ(clicks.parameters.at("classification"), "json");
  EXPECT_EQ(clicks.storage_descriptor.columns.size(), 3u);  // merged across files
  EXPECT_EQ(clicks.parameters.at("objectCount"), "2");      // _SUCCESS is not data
  EXPECT_EQ(CodeOf([&] { catalog_.GetTable("lake_db", "s3_empty"); }), ErrorCode::kNotFound);

  auto runs = catalog_.GetCrawls("lake_crawler");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].tables_created, 4);
  EXPECT_GT(runs[0].completed_on, 0);
  EXPECT_NE(runs[0].log.find("created table s3_sales"), std::string::npos);
  EXPECT_EQ(catalog_.GetCrawler("lake_crawler").state, "READY");
}

TEST_F(LakeCrawlTest, RecrawlUpdatesSchemasThroughVersions) {
  MakeSales();
  CreateCrawler(catalog_, LakeCrawler());
  Run();
  // A second crawl of the same files changes nothing.
  CrawlReport again = Run();
  EXPECT_EQ(again.crawl.tables_updated, 0);
  EXPECT_EQ(catalog_.GetTable("lake_db", "s3_sales").version_id, 1);
  // A new column appears in a new partition.
  WriteParquet(Lake() + "/sales/year=2025/month=01/part-0.parquet",
               "id,amount,currency\n7,1.5,EUR\n");
  CrawlReport report = Run();
  EXPECT_EQ(report.crawl.tables_updated, 1);
  EXPECT_EQ(report.crawl.partitions_added, 1);
  catalog::Table sales = catalog_.GetTable("lake_db", "s3_sales");
  EXPECT_EQ(sales.version_id, 2);
  ASSERT_EQ(sales.storage_descriptor.columns.size(), 3u);
  EXPECT_EQ(sales.storage_descriptor.columns[2].name, "currency");
  auto versions = catalog_.GetTableVersions("lake_db", "s3_sales").items;
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].table.storage_descriptor.columns.size(), 2u);
}

TEST_F(LakeCrawlTest, UpdateBehaviorLogKeepsTheTable) {
  MakeSales();
  catalog::Crawler crawler = LakeCrawler();
  crawler.schema_change_policy.update_behavior = catalog::UpdateBehavior::kLog;
  CreateCrawler(catalog_, crawler);
  Run();
  WriteParquet(Lake() + "/sales/year=2025/month=01/part-0.parquet", "id,amount,currency\n7,1.5,EUR\n");
  CrawlReport report = Run();
  EXPECT_EQ(report.crawl.tables_updated, 0);
  EXPECT_NE(report.crawl.log.find("would be updated"), std::string::npos) << report.crawl.log;
  EXPECT_NE(report.crawl.log.find("+currency"), std::string::npos) << report.crawl.log;
  catalog::Table sales = catalog_.GetTable("lake_db", "s3_sales");
  EXPECT_EQ(sales.version_id, 1);
  EXPECT_EQ(sales.storage_descriptor.columns.size(), 2u);
  EXPECT_EQ(Partitions("s3_sales").size(), 5u);  // new partitions are still added
}

TEST_F(LakeCrawlTest, EveryDeleteBehavior) {
  WriteText(Lake() + "/a/a.csv", "x,y\n1,2\n");
  WriteText(Lake() + "/b/b.csv", "p,q,r\n1,2,3\n");
  struct Case {
    catalog::DeleteBehavior behavior;
    bool exists_after;
    bool deprecated_after;
    int64_t deleted;
    int64_t deprecated;
  };
  for (const Case& test : {Case{catalog::DeleteBehavior::kDeprecateInDatabase, true, true, 0, 1},
                           Case{catalog::DeleteBehavior::kDeleteFromDatabase, false, false, 1, 0},
                           Case{catalog::DeleteBehavior::kLog, true, false, 0, 0}}) {
    SCOPED_TRACE(std::string(catalog::DeleteBehaviorName(test.behavior)));
    WriteText(Lake() + "/b/b.csv", "p,q,r\n1,2,3\n");
    std::string name = "c_" + std::to_string(static_cast<int>(test.behavior));
    catalog::Crawler crawler = LakeCrawler(name);
    crawler.database_name = "lake_db";
    crawler.table_prefix = name + "_";
    crawler.schema_change_policy.delete_behavior = test.behavior;
    CreateCrawler(catalog_, crawler);
    RunCrawler(catalog_, name);
    std::filesystem::remove_all(Lake() + "/b");
    CrawlReport report = RunCrawler(catalog_, name);
    EXPECT_EQ(report.crawl.tables_deleted, test.deleted);
    EXPECT_EQ(report.crawl.tables_deprecated, test.deprecated);
    bool exists = true;
    catalog::Table table;
    try {
      table = catalog_.GetTable("lake_db", name + "_b");
    } catch (const Error&) {
      exists = false;
    }
    EXPECT_EQ(exists, test.exists_after);
    if (exists) {
      EXPECT_EQ(table.deprecated, test.deprecated_after);
    }
    EXPECT_FALSE(catalog_.GetTable("lake_db", name + "_a").deprecated);
  }
}

TEST_F(LakeCrawlTest, NewFoldersOnlyTouchesNothingOld) {
  MakeSales();
  catalog::Crawler crawler = LakeCrawler();
  crawler.recrawl_behavior = catalog::RecrawlBehavior::kCrawlNewFoldersOnly;
  EXPECT_EQ(CodeOf([&] { CreateCrawler(catalog_, crawler); }), ErrorCode::kInvalidInput);
  crawler.schema_change_policy = {catalog::UpdateBehavior::kLog, catalog::DeleteBehavior::kLog};
  CreateCrawler(catalog_, crawler);
  Run();
  // An old partition changes shape, one disappears, a new one arrives, a new table too.
  WriteParquet(Lake() + "/sales/year=2023/month=01/part-0.parquet", "id,amount,extra\n1,2.5,x\n");
  std::filesystem::remove_all(Lake() + "/sales/year=2023/month=02");
  WriteParquet(Lake() + "/sales/year=2025/month=03/part-0.parquet", "id,amount\n9,9.5\n");
  WriteText(Lake() + "/returns/r.csv", "id,reason\n1,broken\n");
  CrawlReport report = Run();
  EXPECT_EQ(report.crawl.partitions_added, 1);
  EXPECT_EQ(report.crawl.partitions_removed, 0);
  EXPECT_EQ(report.crawl.tables_created, 1);
  EXPECT_EQ(report.crawl.tables_updated, 0);
  catalog::Table sales = catalog_.GetTable("lake_db", "s3_sales");
  EXPECT_EQ(sales.version_id, 1);
  EXPECT_EQ(sales.storage_descriptor.columns.size(), 2u);
  EXPECT_EQ(Partitions("s3_sales").size(), 5u);
  EXPECT_EQ(catalog_.GetTable("lake_db", "s3_returns").parameters.at("classification"), "csv");
}

TEST_F(LakeCrawlTest, GrokClassifierOverLogFiles) {
  WriteText(Lake() + "/app/day=1/app.log",
            "2024-03-07T12:00:00Z INFO started\n2024-03-07T12:00:01Z WARN slow disk\n");
  WriteText(Lake() + "/app/day=2/app.log", "2024-03-08T08:00:00Z ERROR crashed\n");
  catalog::Classifier grok;
  grok.kind = catalog::ClassifierKind::kGrok;
  grok.name = "app_logs";
  grok.classification = "app_log";
  grok.grok_pattern = "%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}";
  CreateClassifier(catalog_, grok);
  catalog::Crawler crawler = LakeCrawler();
  crawler.classifiers = {"app_logs"};
  CreateCrawler(catalog_, crawler);
  EXPECT_EQ(CodeOf([&] { catalog_.DeleteClassifier("app_logs"); }), ErrorCode::kConflict);
  CrawlReport report = Run();
  EXPECT_EQ(report.crawl.tables_created, 1) << report.crawl.log;
  catalog::Table table = catalog_.GetTable("lake_db", "s3_app");
  EXPECT_EQ(table.parameters.at("classification"), "app_log");
  EXPECT_EQ(table.parameters.at("recordCount"), "3");
  EXPECT_EQ(table.storage_descriptor.serde_info.serialization_library,
            "com.amazonaws.glue.serde.GrokSerDe");
  EXPECT_EQ(table.storage_descriptor.serde_info.parameters.at("input.format"), grok.grok_pattern);
  EXPECT_EQ(table.partition_keys[0].name, "day");
  EXPECT_EQ(table.storage_descriptor.columns[1].name, "level");
}

TEST_F(LakeCrawlTest, OneRunAtATime) {
  MakeSales();
  CreateCrawler(catalog_, LakeCrawler());
  // A run held by a live process (this one) blocks a second start.
  int64_t held = catalog_.StartCrawl("lake_crawler", getpid());
  EXPECT_EQ(catalog_.GetCrawler("lake_crawler").state, "RUNNING");
  EXPECT_EQ(CodeOf([&] { Run(); }), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf([&] { catalog_.DeleteCrawler("lake_crawler"); }), ErrorCode::kConflict);
  catalog::Crawl crawl = catalog_.GetCrawl(held);
  crawl.state = catalog::CrawlState::kCancelled;
  catalog_.UpdateCrawl(crawl);
  EXPECT_EQ(CodeOf([&] { catalog_.UpdateCrawl(crawl); }), ErrorCode::kConflict);
  // A run whose process died is marked FAILED by the next start.
  int64_t orphan = catalog_.StartCrawl("lake_crawler", 0x3fffffff);
  CrawlReport report = Run();
  EXPECT_EQ(report.crawl.state, catalog::CrawlState::kSucceeded);
  EXPECT_EQ(catalog_.GetCrawl(orphan).state, catalog::CrawlState::kFailed);
  EXPECT_EQ(catalog_.GetCrawls("lake_crawler").size(), 3u);
}

TEST_F(LakeCrawlTest, TargetErrorsAndExclusions) {
  MakeSales();
  WriteText(Lake() + "/tmp/scratch.csv", "a,b\n1,2\n");
  catalog::Crawler crawler = LakeCrawler();
  crawler.targets.s3_targets[0].exclusions = {"tmp/**"};
  crawler.targets.s3_targets.push_back({dir_ / "missing", {}, 0});
  CreateCrawler(catalog_, crawler);
  CrawlReport report = Run();
  EXPECT_EQ(report.crawl.state, catalog::CrawlState::kSucceeded);
  ASSERT_EQ(report.crawl.errors.size(), 1u);
  EXPECT_NE(report.crawl.errors[0].target.find("missing"), std::string::npos);
  EXPECT_EQ(report.crawl.tables_created, 1);  // s3_sales; tmp/ is excluded
  catalog::Crawler bad = LakeCrawler("bad");
  bad.targets.s3_targets[0].exclusions = {"[oops"};
  EXPECT_EQ(CodeOf([&] { CreateCrawler(catalog_, bad); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::crawler
