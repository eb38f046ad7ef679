#pragma once

// What the parts of one crawl share (internal to crawler/): the crawler, the run record being
// filled, the report of table changes, and the log.

#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/crawler_types.hpp"

namespace basin::crawler {

// One line of a crawl's summary: what happened to one table.
struct TableChange {
  std::string table;
  // created, updated, unchanged, deleted, deprecated, "update logged", "delete logged",
  // skipped, failed
  std::string action;
  std::string classification;
  int64_t partitions_added = 0;
  int64_t partitions_removed = 0;
  std::string location;
  std::string detail;
};

// A table as a target shows it now, ready for the catalog.
struct DesiredTable {
  catalog::Table table;  // final name, descriptor, keys, parameters
  std::vector<catalog::Partition> partitions;
  // New folders only: add these partitions to the existing table, change nothing else.
  bool only_add_partitions = false;
};

class CrawlContext {
 public:
  CrawlContext(catalog::Catalog& catalog, const catalog::Crawler& crawler, catalog::Crawl& crawl,
               std::function<void(std::string_view, bool)> progress)
      : catalog(catalog), crawler(crawler), crawl(crawl), progress_(std::move(progress)) {}

  // Appends a line to the run's log and shows it as progress. Thread-safe.
  void Log(const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    // The log lives in the run record; past this size only the count of lines grows.
    constexpr size_t kMaxLog = size_t{1} << 20;
    if (crawl.log.size() < kMaxLog) {
      crawl.log += line + "\n";
    } else {
      ++dropped_lines_;
    }
    if (progress_) progress_(line, true);
  }
  // Shows a transient progress message (not logged).
  void Progress(const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (progress_) progress_(message, false);
  }
  // Records an error of one target (or one file) while the rest carries on.
  void TargetError(const std::string& target, const std::string& message) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      crawl.errors.push_back({target, message});
    }
    Log("error: " + target + ": " + message);
  }
  size_t dropped_lines() const { return dropped_lines_; }

  catalog::Catalog& catalog;
  const catalog::Crawler& crawler;
  catalog::Crawl& crawl;
  std::vector<TableChange> changes;
  // Tables a target saw but could not describe: left as they are, neither updated nor retired.
  std::set<std::string> keep;

 private:
  std::function<void(std::string_view, bool)> progress_;
  std::mutex mutex_;
  size_t dropped_lines_ = 0;
};

// Parameter naming the crawler that wrote a table, as Glue sets it.
inline constexpr std::string_view kUpdatedByCrawlerKey = "UPDATED_BY_CRAWLER";

// "Film-Rentals.v2" → "film_rentals_v2": lower case, anything outside [a-z0-9_] replaced by
// '_', at most 255 characters; "table" when nothing remains.
std::string GlueTableName(std::string_view text);

}  // namespace basin::crawler
