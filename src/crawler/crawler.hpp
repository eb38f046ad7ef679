#pragma once

// Crawlers: the entry points the CLI, the scheduler and the API use (crawler/README.md).
//
// A crawl (RunCrawler) records a run in the catalog — one RUNNING run per crawler at a time,
// a second start is Conflict — then crawls each target: lake folders are listed, their files
// classified and grouped into tables with partitions; database targets are introspected
// through connectors/. What it finds is written under the crawler's schema change policy.
// A target that fails is recorded with its error and the others carry on; a table that
// cannot be written is left as it was. The run ends SUCCEEDED (possibly with target errors)
// or FAILED when nothing could be crawled at all.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/crawler_types.hpp"
#include "crawler/crawl_context.hpp"

namespace basin::crawler {

// Checks what the catalog cannot: exclude patterns compile, include paths parse, Grok
// patterns of the named classifiers compile. Local target paths are made absolute.
// InvalidInput naming the problem.
catalog::Crawler PrepareCrawler(const catalog::Crawler& crawler);

// PrepareCrawler, then the catalog's create / update.
void CreateCrawler(catalog::Catalog& catalog, const catalog::Crawler& crawler);
void UpdateCrawler(catalog::Catalog& catalog, std::string_view name,
                   const catalog::Crawler& crawler);
// ValidateClassifier, then the catalog's create.
void CreateClassifier(catalog::Catalog& catalog, const catalog::Classifier& classifier);

struct CrawlOptions {
  // Called with each log line (logged = true) and each transient progress message (false),
  // possibly from several threads at once.
  std::function<void(std::string_view message, bool logged)> progress;
};

struct CrawlReport {
  catalog::Crawl crawl;             // the finished run, as recorded
  std::vector<TableChange> changes;  // one per table touched or considered
};

// Runs the crawler to its end in this process. Conflict when it is already running.
CrawlReport RunCrawler(catalog::Catalog& catalog, std::string_view name,
                       const CrawlOptions& options = {});

}  // namespace basin::crawler
