#include "catalog/crawler_json.hpp"

#include "catalog/json_fields.hpp"
#include "common/error.hpp"

namespace basin::catalog {

using nlohmann::json;
using json_fields::PutString;
using json_fields::PutTime;
using json_fields::Reader;

namespace {

constexpr std::string_view kCombineConfiguration =
    R"({"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"}})";

}  // namespace

json ToJson(const Crawler& crawler) {
  json s3 = json::array();
  for (const auto& target : crawler.targets.s3_targets) {
    json item = {{"Path", target.path}, {"Exclusions", target.exclusions}};
    if (target.sample_size > 0) item["SampleSize"] = target.sample_size;
    s3.push_back(item);
  }
  json jdbc = json::array();
  for (const auto& target : crawler.targets.jdbc_targets) {
    jdbc.push_back({{"ConnectionName", target.connection_name},
                    {"Path", target.path},
                    {"Exclusions", target.exclusions}});
  }
  json out = {{"Name", crawler.name}};
  PutString(out, "Description", crawler.description);
  out["Targets"] = {{"S3Targets", s3}, {"JdbcTargets", jdbc}};
  out["DatabaseName"] = crawler.database_name;
  PutString(out, "TablePrefix", crawler.table_prefix);
  out["Classifiers"] = crawler.classifiers;
  out["SchemaChangePolicy"] = {
      {"UpdateBehavior", UpdateBehaviorName(crawler.schema_change_policy.update_behavior)},
      {"DeleteBehavior", DeleteBehaviorName(crawler.schema_change_policy.delete_behavior)}};
  out["RecrawlPolicy"] = {{"RecrawlBehavior", RecrawlBehaviorName(crawler.recrawl_behavior)}};
  if (crawler.combine_compatible_schemas) out["Configuration"] = kCombineConfiguration;
  if (!crawler.schedule.empty()) {
    out["Schedule"] = {{"ScheduleExpression", crawler.schedule}, {"State", "SCHEDULED"}};
  }
  out["State"] = crawler.state;
  PutTime(out, "CreationTime", crawler.creation_time);
  PutTime(out, "LastUpdated", crawler.last_updated);
  if (crawler.version != 0) out["Version"] = crawler.version;
  if (crawler.last_crawl_id != 0) out["LastCrawlId"] = std::to_string(crawler.last_crawl_id);
  return out;
}

Crawler CrawlerFromJson(const json& value) {
  Reader fields(value, "Crawler");
  Crawler crawler;
  crawler.name = fields.String("Name");
  crawler.description = fields.String("Description");
  if (auto targets = fields.Object("Targets")) {
    targets->EachObject("S3Targets", [&](const Reader& item) {
      crawler.targets.s3_targets.push_back(
          {item.String("Path"), item.Strings("Exclusions"),
           static_cast<int>(item.IntegerOrDigits("SampleSize"))});
    });
    targets->EachObject("JdbcTargets", [&](const Reader& item) {
      crawler.targets.jdbc_targets.push_back(
          {item.String("ConnectionName"), item.String("Path"), item.Strings("Exclusions")});
    });
  }
  crawler.database_name = fields.String("DatabaseName");
  crawler.table_prefix = fields.String("TablePrefix");
  crawler.classifiers = fields.Strings("Classifiers");
  if (auto policy = fields.Object("SchemaChangePolicy")) {
    std::string update = policy->String("UpdateBehavior");
    std::string remove = policy->String("DeleteBehavior");
    if (!update.empty()) crawler.schema_change_policy.update_behavior = ParseUpdateBehavior(update);
    if (!remove.empty()) crawler.schema_change_policy.delete_behavior = ParseDeleteBehavior(remove);
  }
  if (auto recrawl = fields.Object("RecrawlPolicy")) {
    std::string behavior = recrawl->String("RecrawlBehavior");
    if (!behavior.empty()) crawler.recrawl_behavior = ParseRecrawlBehavior(behavior);
  }
  std::string configuration = fields.String("Configuration");
  if (!configuration.empty()) {
    json parsed = json::parse(configuration, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      ThrowInvalid("Crawler.Configuration must be a JSON object as text");
    }
    auto grouping = parsed.find("Grouping");
    if (grouping != parsed.end() && grouping->is_object()) {
      auto policy = grouping->find("TableGroupingPolicy");
      crawler.combine_compatible_schemas = policy != grouping->end() && policy->is_string() &&
                                           *policy == "CombineCompatibleSchemas";
    }
  }
  if (auto schedule = fields.Object("Schedule")) {
    crawler.schedule = schedule->String("ScheduleExpression");
  } else if (const json* text = fields.Find("Schedule"); text && text->is_string()) {
    crawler.schedule = text->get<std::string>();
  }
  std::string state = fields.String("State");
  if (!state.empty()) crawler.state = state;
  crawler.creation_time = fields.Time("CreationTime");
  crawler.last_updated = fields.Time("LastUpdated");
  crawler.version = fields.IntegerOrDigits("Version");
  crawler.last_crawl_id = fields.IntegerOrDigits("LastCrawlId");
  return crawler;
}

json ToJson(const Classifier& classifier) {
  json body = {{"Name", classifier.name}};
  PutTime(body, "CreationTime", classifier.creation_time);
  PutTime(body, "LastUpdated", classifier.last_updated);
  if (classifier.version != 0) body["Version"] = classifier.version;
  switch (classifier.kind) {
    case ClassifierKind::kCsv:
      PutString(body, "Delimiter", classifier.delimiter);
      PutString(body, "QuoteSymbol", classifier.quote_symbol);
      body["ContainsHeader"] = CsvHeaderOptionName(classifier.contains_header);
      if (!classifier.header.empty()) body["Header"] = classifier.header;
      body["DisableValueTrimming"] = classifier.disable_value_trimming;
      body["AllowSingleColumn"] = classifier.allow_single_column;
      return {{"CsvClassifier", body}};
    case ClassifierKind::kJson:
      body["JsonPath"] = classifier.json_path;
      return {{"JsonClassifier", body}};
    case ClassifierKind::kGrok:
      body["Classification"] = classifier.classification;
      body["GrokPattern"] = classifier.grok_pattern;
      PutString(body, "CustomPatterns", classifier.custom_patterns);
      return {{"GrokClassifier", body}};
  }
  return {};
}

Classifier ClassifierFromJson(const json& value) {
  Reader outer(value, "Classifier");
  Classifier classifier;
  const char* key = nullptr;
  if (outer.Find("CsvClassifier")) {
    key = "CsvClassifier";
    classifier.kind = ClassifierKind::kCsv;
  } else if (outer.Find("JsonClassifier")) {
    key = "JsonClassifier";
    classifier.kind = ClassifierKind::kJson;
  } else if (outer.Find("GrokClassifier")) {
    key = "GrokClassifier";
    classifier.kind = ClassifierKind::kGrok;
  } else {
    ThrowInvalid("Classifier must hold one of CsvClassifier, JsonClassifier or GrokClassifier");
  }
  Reader body = *outer.Object(key);
  classifier.name = body.String("Name");
  classifier.creation_time = body.Time("CreationTime");
  classifier.last_updated = body.Time("LastUpdated");
  classifier.version = body.IntegerOrDigits("Version");
  classifier.delimiter = body.String("Delimiter");
  classifier.quote_symbol = body.String("QuoteSymbol");
  std::string header = body.String("ContainsHeader");
  if (!header.empty()) classifier.contains_header = ParseCsvHeaderOption(header);
  classifier.header = body.Strings("Header");
  classifier.disable_value_trimming = body.Bool("DisableValueTrimming");
  classifier.allow_single_column = body.Bool("AllowSingleColumn");
  classifier.json_path = body.String("JsonPath");
  classifier.classification = body.String("Classification");
  classifier.grok_pattern = body.String("GrokPattern");
  classifier.custom_patterns = body.String("CustomPatterns");
  return classifier;
}

json ToJson(const Crawl& crawl) {
  json out = {{"CrawlId", std::to_string(crawl.id)},
              {"CrawlerName", crawl.crawler_name},
              {"State", CrawlStateName(crawl.state)}};
  PutTime(out, "StartedOn", crawl.started_on);
  PutTime(out, "CompletedOn", crawl.completed_on);
  PutString(out, "ErrorMessage", crawl.error_message);
  out["TablesCreated"] = crawl.tables_created;
  out["TablesUpdated"] = crawl.tables_updated;
  out["TablesDeleted"] = crawl.tables_deleted;
  out["TablesDeprecated"] = crawl.tables_deprecated;
  out["PartitionsAdded"] = crawl.partitions_added;
  out["PartitionsRemoved"] = crawl.partitions_removed;
  json errors = json::array();
  for (const auto& error : crawl.errors) {
    errors.push_back({{"Target", error.target}, {"Message", error.message}});
  }
  out["TargetErrors"] = errors;
  PutString(out, "Log", crawl.log);
  if (crawl.process_id != 0) out["ProcessId"] = crawl.process_id;
  return out;
}

Crawl CrawlFromJson(const json& value) {
  Reader fields(value, "Crawl");
  Crawl crawl;
  crawl.id = fields.IntegerOrDigits("CrawlId");
  crawl.crawler_name = fields.String("CrawlerName");
  std::string state = fields.String("State");
  if (!state.empty()) crawl.state = ParseCrawlState(state);
  crawl.started_on = fields.Time("StartedOn");
  crawl.completed_on = fields.Time("CompletedOn");
  crawl.error_message = fields.String("ErrorMessage");
  crawl.tables_created = fields.IntegerOrDigits("TablesCreated");
  crawl.tables_updated = fields.IntegerOrDigits("TablesUpdated");
  crawl.tables_deleted = fields.IntegerOrDigits("TablesDeleted");
  crawl.tables_deprecated = fields.IntegerOrDigits("TablesDeprecated");
  crawl.partitions_added = fields.IntegerOrDigits("PartitionsAdded");
  crawl.partitions_removed = fields.IntegerOrDigits("PartitionsRemoved");
  fields.EachObject("TargetErrors", [&](const Reader& item) {
    crawl.errors.push_back({item.String("Target"), item.String("Message")});
  });
  crawl.log = fields.String("Log");
  crawl.process_id = fields.IntegerOrDigits("ProcessId");
  return crawl;
}

}  // namespace basin::catalog
