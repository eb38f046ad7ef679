#include "catalog/crawler_json.hpp"

#include <gtest/gtest.h>

#include "unit/error_code_of.hpp"

namespace basin::catalog {
namespace {

using basin::testing::CodeOf;

TEST(CrawlerJsonTest, CrawlerRoundTripsInGlueShape) {
  Crawler crawler;
  crawler.name = "movies";
  crawler.description = "the store";
  crawler.targets.s3_targets.push_back({"/lake/movie_rental", {"**/_tmp/**"}, 10});
  crawler.targets.jdbc_targets.push_back({"movies_db", "movies/%", {"*act*"}});
  crawler.database_name = "aurora_movie_rental";
  crawler.table_prefix = "s3_";
  crawler.classifiers = {"logs"};
  crawler.schema_change_policy = {UpdateBehavior::kLog, DeleteBehavior::kDeleteFromDatabase};
  crawler.recrawl_behavior = RecrawlBehavior::kCrawlEverything;
  crawler.combine_compatible_schemas = true;
  crawler.schedule = "cron(0 12 * * ? *)";
  crawler.creation_time = 1700000000000;
  crawler.version = 3;
  nlohmann::json json = ToJson(crawler);
  EXPECT_EQ(json["Targets"]["JdbcTargets"][0]["Path"], "movies/%");
  EXPECT_EQ(json["SchemaChangePolicy"]["DeleteBehavior"], "DELETE_FROM_DATABASE");
  EXPECT_EQ(json["RecrawlPolicy"]["RecrawlBehavior"], "CRAWL_EVERYTHING");
  EXPECT_EQ(json["Schedule"]["ScheduleExpression"], "cron(0 12 * * ? *)");
  EXPECT_NE(json["Configuration"].get<std::string>().find("CombineCompatibleSchemas"),
            std::string::npos);
  EXPECT_EQ(CrawlerFromJson(json), crawler);
}

TEST(CrawlerJsonTest, ClassifiersAndCrawls) {
  Classifier grok;
  grok.kind = ClassifierKind::kGrok;
  grok.name = "logs";
  grok.classification = "app_log";
  grok.grok_pattern = "%{INT:n}";
  grok.custom_patterns = "X [a-z]+";
  EXPECT_EQ(ToJson(grok).begin().key(), "GrokClassifier");
  EXPECT_EQ(ClassifierFromJson(ToJson(grok)), grok);
  Classifier csv;
  csv.name = "pipes";
  csv.delimiter = "|";
  csv.contains_header = CsvHeaderOption::kAbsent;
  csv.header = {"a", "b"};
  EXPECT_EQ(ClassifierFromJson(ToJson(csv)), csv);

  Crawl crawl;
  crawl.id = 7;
  crawl.crawler_name = "movies";
  crawl.state = CrawlState::kSucceeded;
  crawl.started_on = 1700000000123;
  crawl.completed_on = 1700000001456;
  crawl.tables_created = 3;
  crawl.partitions_removed = 2;
  crawl.errors.push_back({"/lake/x.parquet", "corrupt footer"});
  crawl.log = "created table a\n";
  nlohmann::json json = ToJson(crawl);
  EXPECT_EQ(json["CrawlId"], "7");
  EXPECT_EQ(json["State"], "SUCCEEDED");
  EXPECT_EQ(CrawlFromJson(json), crawl);
}

TEST(CrawlerJsonTest, BadShapesAreInvalidInput) {
  EXPECT_EQ(CodeOf([] { CrawlerFromJson({{"Name", 5}}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] {
              CrawlerFromJson({{"SchemaChangePolicy", {{"DeleteBehavior", "SOMETIMES"}}}});
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ClassifierFromJson({{"XmlClassifier", {}}}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { CrawlFromJson({{"State", "DANCING"}}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(ParseDeleteBehavior("deprecate-in-database"), DeleteBehavior::kDeprecateInDatabase);
}

}  // namespace
}  // namespace basin::catalog
