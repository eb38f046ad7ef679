#pragma once

// The catalog's model of crawlers, custom classifiers and crawl runs. Names, fields and enum
// spellings follow the AWS Glue API shapes (Crawler, CrawlerTargets, S3Target, JdbcTarget,
// SchemaChangePolicy, RecrawlPolicy, Classifier, Crawl, CrawlerMetrics) so a Glue-compatible
// API can serve them; Basin additions are marked. Times are milliseconds since the epoch.
// What a crawler does with these settings is crawler/'s business (src/crawler/README.md).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace basin::catalog {

enum class UpdateBehavior { kUpdateInDatabase, kLog };
enum class DeleteBehavior { kDeprecateInDatabase, kDeleteFromDatabase, kLog };
enum class RecrawlBehavior { kCrawlEverything, kCrawlNewFoldersOnly };

// Glue's spellings: "UPDATE_IN_DATABASE", "DELETE_FROM_DATABASE", "CRAWL_NEW_FOLDERS_ONLY"…
// The parsers are case-insensitive and throw InvalidInput listing the accepted values.
std::string_view UpdateBehaviorName(UpdateBehavior behavior);
UpdateBehavior ParseUpdateBehavior(std::string_view text);
std::string_view DeleteBehaviorName(DeleteBehavior behavior);
DeleteBehavior ParseDeleteBehavior(std::string_view text);
std::string_view RecrawlBehaviorName(RecrawlBehavior behavior);
RecrawlBehavior ParseRecrawlBehavior(std::string_view text);

// A lake folder to crawl: a local path or s3://bucket/prefix.
struct S3Target {
  std::string path;
  std::vector<std::string> exclusions;  // Glue glob patterns, relative to path
  int sample_size = 0;                  // files sampled per leaf folder; 0: every file
  bool operator==(const S3Target&) const = default;
};

// Tables of a source database reached through a catalog Connection.
struct JdbcTarget {
  std::string connection_name;
  std::string path;                     // include path: movies/%, movies/public/%, movies/public/t
  std::vector<std::string> exclusions;  // Glue glob patterns over db/schema/table
  bool operator==(const JdbcTarget&) const = default;
};

struct CrawlerTargets {
  std::vector<S3Target> s3_targets;
  std::vector<JdbcTarget> jdbc_targets;
  bool operator==(const CrawlerTargets&) const = default;
};

struct SchemaChangePolicy {
  UpdateBehavior update_behavior = UpdateBehavior::kUpdateInDatabase;
  DeleteBehavior delete_behavior = DeleteBehavior::kDeprecateInDatabase;
  bool operator==(const SchemaChangePolicy&) const = default;
};

struct Crawler {
  std::string name;
  std::string description;
  CrawlerTargets targets;
  std::string database_name;  // output database; created by the first run when missing
  std::string table_prefix;
  std::vector<std::string> classifiers;  // custom classifier names, tried in this order
  SchemaChangePolicy schema_change_policy;
  RecrawlBehavior recrawl_behavior = RecrawlBehavior::kCrawlEverything;
  // "Create a single schema for each S3 path": Configuration's Grouping.TableGroupingPolicy
  // CombineCompatibleSchemas.
  bool combine_compatible_schemas = false;
  std::string schedule;  // cron(…) text, kept for the scheduler
  int64_t creation_time = 0;
  int64_t last_updated = 0;
  int64_t version = 0;  // 1 on create, +1 per update
  // Read-only, filled from the crawl runs: "READY" or "RUNNING"; the newest finished run.
  std::string state = "READY";
  int64_t last_crawl_id = 0;
  bool operator==(const Crawler&) const = default;
};

enum class ClassifierKind { kCsv, kJson, kGrok };
std::string_view ClassifierKindName(ClassifierKind kind);  // "csv", "json", "grok"

enum class CsvHeaderOption { kUnknown, kPresent, kAbsent };
std::string_view CsvHeaderOptionName(CsvHeaderOption option);  // "UNKNOWN", "PRESENT", "ABSENT"
CsvHeaderOption ParseCsvHeaderOption(std::string_view text);

// A custom classifier: one of Glue's CsvClassifier, JsonClassifier or GrokClassifier.
struct Classifier {
  ClassifierKind kind = ClassifierKind::kCsv;
  std::string name;
  int64_t creation_time = 0;
  int64_t last_updated = 0;
  int64_t version = 0;
  // CSV
  std::string delimiter;     // one character; empty: detect
  std::string quote_symbol;  // one character; empty: '"'
  CsvHeaderOption contains_header = CsvHeaderOption::kUnknown;
  std::vector<std::string> header;  // column names when the file has none
  bool disable_value_trimming = false;
  bool allow_single_column = false;
  // JSON: the records, as a JSON path such as $[*] or $.items[*].
  std::string json_path;
  // Grok: the classification it reports, the pattern and extra named patterns
  // ("NAME regex" lines).
  std::string classification;
  std::string grok_pattern;
  std::string custom_patterns;
  bool operator==(const Classifier&) const = default;
};

enum class CrawlState { kRunning, kSucceeded, kFailed, kCancelled };
std::string_view CrawlStateName(CrawlState state);  // "RUNNING", "SUCCEEDED", …
CrawlState ParseCrawlState(std::string_view text);

// A target that failed while the rest of the crawl carried on.
struct CrawlTargetError {
  std::string target;  // the path, or connection/include path
  std::string message;
  bool operator==(const CrawlTargetError&) const = default;
};

// One run of a crawler.
struct Crawl {
  int64_t id = 0;  // CrawlId, increasing across all crawlers
  std::string crawler_name;
  CrawlState state = CrawlState::kRunning;
  int64_t started_on = 0;
  int64_t completed_on = 0;
  int64_t tables_created = 0;
  int64_t tables_updated = 0;
  int64_t tables_deleted = 0;
  int64_t tables_deprecated = 0;
  int64_t partitions_added = 0;
  int64_t partitions_removed = 0;
  std::vector<CrawlTargetError> errors;
  std::string error_message;  // why the whole run failed
  std::string log;            // one line per event
  int64_t process_id = 0;     // Basin: the process running it, to spot runs whose process died
  bool operator==(const Crawl&) const = default;
};

}  // namespace basin::catalog
