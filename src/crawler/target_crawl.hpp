#pragma once

// Crawling one target into the tables it holds now (internal to crawler/). Both throw for a
// failure of the whole target (unreachable path or server); problems with single files or
// tables are recorded in the context and skipped.

#include <vector>

#include "crawler/classifier.hpp"
#include "crawler/crawl_context.hpp"

namespace basin::crawler {

// Tables of a lake folder. `existing` holds the tables this crawler wrote before (new-folders-
// only crawls add partitions to them and skip the folders they know).
std::vector<DesiredTable> CrawlLakeTarget(CrawlContext& context, const catalog::S3Target& target,
                                          const std::vector<CustomClassifier>& classifiers,
                                          const std::vector<catalog::Table>& existing);

// Tables and views of a source database matching the include path and not excluded.
std::vector<DesiredTable> CrawlDatabaseTarget(CrawlContext& context,
                                              const catalog::JdbcTarget& target);

// True when a table at `location` belongs to the lake target at `root` (the same folder or
// below it).
bool LocationUnder(const std::string& location, const std::string& root);

}  // namespace basin::crawler
