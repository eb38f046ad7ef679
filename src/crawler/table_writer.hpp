#pragma once

// Writing what a crawl found into the catalog under the crawler's schema change policy
// (crawler/README.md, "Policies"). Each table is handled on its own: a failure is recorded
// as an error of the run, leaves that table as it was, and the crawl carries on.

#include <set>
#include <string>
#include <vector>

#include "crawler/crawl_context.hpp"

namespace basin::crawler {

// Partitions are created and removed in batches of this many (each batch all-or-nothing).
inline constexpr size_t kPartitionBatch = 1000;

// Creates or updates one table (UPDATE_IN_DATABASE), or logs the would-be change (LOG), and
// adds its new partitions. `existing` is the table when the catalog has it.
void WriteTable(CrawlContext& context, DesiredTable& desired, const catalog::Table* existing);

// Applies the delete behavior to tables this crawler wrote earlier that no target shows any
// more: deleted, marked deprecated, or logged.
void RetireTable(CrawlContext& context, const catalog::Table& table);

// True when the definitions differ in what readers see: columns, partition keys, format,
// SerDe or location.
bool SchemaChanged(const catalog::Table& before, const catalog::Table& after);

}  // namespace basin::crawler
