#include "crawler/crawler.hpp"

#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "crawler/classifier.hpp"
#include "crawler/glob_pattern.hpp"
#include "crawler/include_path.hpp"
#include "crawler/table_writer.hpp"
#include "crawler/target_crawl.hpp"

namespace basin::crawler {

namespace {

std::vector<catalog::Table> TablesOfCrawler(catalog::Catalog& catalog,
                                            const catalog::Crawler& crawler) {
  std::vector<catalog::Table> tables;
  catalog::PageRequest page;
  do {
    auto result = catalog.GetTables(crawler.database_name, page);
    for (auto& table : result.items) {
      auto it = table.parameters.find(std::string(kUpdatedByCrawlerKey));
      if (it != table.parameters.end() && it->second == crawler.name) {
        tables.push_back(std::move(table));
      }
    }
    page.next_token = result.next_token;
  } while (!page.next_token.empty());
  return tables;
}

void EnsureDatabase(catalog::Catalog& catalog, const catalog::Crawler& crawler) {
  try {
    catalog.GetDatabase(crawler.database_name);
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound) throw;
    catalog::Database database;
    database.name = crawler.database_name;
    database.description = "Created by crawler " + crawler.name;
    try {
      catalog.CreateDatabase(database);
    } catch (const Error& race) {
      if (race.code() != ErrorCode::kAlreadyExists) throw;
    }
  }
}

// Gives tables that would share a name distinct ones, as Glue does, with a suffix made from
// the location so the same table keeps its name from run to run.
void MakeNamesUnique(std::vector<DesiredTable>& tables) {
  std::map<std::string, int> counts;
  for (const auto& desired : tables) counts[desired.table.name] += 1;
  for (auto& desired : tables) {
    if (counts[desired.table.name] < 2 || desired.only_add_partitions) continue;
    size_t hash = std::hash<std::string>{}(desired.table.storage_descriptor.location);
    char suffix[16];
    std::snprintf(suffix, sizeof(suffix), "_%08x", static_cast<unsigned>(hash & 0xffffffffu));
    std::string name = desired.table.name;
    if (name.size() > catalog::kMaxNameLength - 9) name.resize(catalog::kMaxNameLength - 9);
    desired.table.name = name + suffix;
  }
}

std::string TargetLabel(const catalog::JdbcTarget& target) {
  return target.connection_name + " " + target.path;
}

}  // namespace

std::string GlueTableName(std::string_view text) {
  std::string name;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    name += ok ? c : '_';
    if (name.size() == catalog::kMaxNameLength) break;
  }
  return name.empty() ? "table" : name;
}

catalog::Crawler PrepareCrawler(const catalog::Crawler& input) {
  catalog::Crawler crawler = input;
  for (auto& target : crawler.targets.s3_targets) {
    for (const auto& pattern : target.exclusions) GlobPattern{pattern};
    if (!target.path.empty() && target.path.rfind("s3://", 0) != 0) {
      std::string absolute = std::filesystem::absolute(target.path).lexically_normal().string();
      while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
      target.path = absolute;
    }
  }
  for (auto& target : crawler.targets.jdbc_targets) {
    IncludePath{target.path};
    for (const auto& pattern : target.exclusions) GlobPattern{pattern};
  }
  return crawler;
}

void CreateCrawler(catalog::Catalog& catalog, const catalog::Crawler& crawler) {
  catalog.CreateCrawler(PrepareCrawler(crawler));
}

void UpdateCrawler(catalog::Catalog& catalog, std::string_view name,
                   const catalog::Crawler& crawler) {
  catalog.UpdateCrawler(name, PrepareCrawler(crawler));
}

void CreateClassifier(catalog::Catalog& catalog, const catalog::Classifier& classifier) {
  ValidateClassifier(classifier);
  catalog.CreateClassifier(classifier);
}

CrawlReport RunCrawler(catalog::Catalog& catalog, std::string_view name,
                       const CrawlOptions& options) {
  catalog::Crawler crawler = catalog.GetCrawler(name);
  int64_t id = catalog.StartCrawl(crawler.name, static_cast<int64_t>(getpid()));
  catalog::Crawl crawl = catalog.GetCrawl(id);
  CrawlContext context(catalog, crawler, crawl, options.progress);
  try {
    std::vector<CustomClassifier> classifiers;
    for (const auto& classifier_name : crawler.classifiers) {
      classifiers.emplace_back(catalog.GetClassifier(classifier_name));
    }
    EnsureDatabase(catalog, crawler);
    std::vector<catalog::Table> existing = TablesOfCrawler(catalog, crawler);

    std::vector<DesiredTable> found;
    std::vector<std::string> failed_lake_roots;
    std::set<std::string> failed_connections;
    size_t failed_targets = 0;
    for (const auto& target : crawler.targets.s3_targets) {
      try {
        auto tables = CrawlLakeTarget(context, target, classifiers, existing);
        context.Log(target.path + ": " + std::to_string(tables.size()) + " tables found");
        for (auto& table : tables) found.push_back(std::move(table));
      } catch (const Error& error) {
        context.TargetError(target.path, error.what());
        failed_lake_roots.push_back(target.path);
        ++failed_targets;
      }
    }
    for (const auto& target : crawler.targets.jdbc_targets) {
      try {
        auto tables = CrawlDatabaseTarget(context, target);
        context.Log(TargetLabel(target) + ": " + std::to_string(tables.size()) + " tables found");
        for (auto& table : tables) found.push_back(std::move(table));
      } catch (const Error& error) {
        context.TargetError(TargetLabel(target), error.what());
        failed_connections.insert(target.connection_name);
        ++failed_targets;
      }
    }
    MakeNamesUnique(found);

    std::map<std::string, const catalog::Table*> by_name;
    for (const auto& table : existing) by_name[table.name] = &table;
    bool new_only = crawler.recrawl_behavior == catalog::RecrawlBehavior::kCrawlNewFoldersOnly;
    std::set<std::string> seen;
    for (auto& desired : found) {
      const std::string& table_name = desired.table.name;
      if (!seen.insert(table_name).second) continue;
      auto it = by_name.find(table_name);
      const catalog::Table* current = it == by_name.end() ? nullptr : it->second;
      if (current == nullptr) {
        // A table of the same name that another crawler or a person made is not ours to change.
        try {
          catalog.GetTable(crawler.database_name, table_name);
          context.TargetError("table " + table_name,
                              "already exists and was not created by crawler " + crawler.name +
                                  ": left as it is (use a table prefix)");
          context.changes.push_back({table_name, "skipped", "", 0, 0,
                                     desired.table.storage_descriptor.location,
                                     "exists, not this crawler's"});
          continue;
        } catch (const Error& error) {
          if (error.code() != ErrorCode::kNotFound) throw;
        }
      } else if (new_only && !desired.only_add_partitions) {
        // New folders only never touches a table it knows.
        context.changes.push_back({table_name, "unchanged", "", 0, 0,
                                   current->storage_descriptor.location, "known folder"});
        continue;
      }
      WriteTable(context, desired, current);
    }
    // Tables this crawler wrote before that no target shows now. A failed target shows
    // nothing, so its tables are left alone.
    for (const auto& table : existing) {
      if (seen.count(table.name) || context.keep.count(table.name)) continue;
      const std::string& location = table.storage_descriptor.location;
      bool protected_table = failed_connections.count(table.connection_name) > 0;
      for (const auto& root : failed_lake_roots) protected_table |= LocationUnder(location, root);
      if (protected_table || new_only) continue;
      RetireTable(context, table);
    }
    if (failed_targets > 0 &&
        failed_targets == crawler.targets.s3_targets.size() + crawler.targets.jdbc_targets.size()) {
      crawl.state = catalog::CrawlState::kFailed;
      crawl.error_message = "every target failed: " + crawl.errors.front().message;
    } else {
      crawl.state = catalog::CrawlState::kSucceeded;
    }
  } catch (const Error& error) {
    crawl.state = catalog::CrawlState::kFailed;
    crawl.error_message = error.what();
    context.Log(std::string("crawl failed: ") + error.what());
  }
  if (context.dropped_lines() > 0) {
    crawl.log += "… " + std::to_string(context.dropped_lines()) + " more lines not kept\n";
  }
  crawl.completed_on = catalog::NowMillis();
  catalog.UpdateCrawl(crawl);
  return {crawl, std::move(context.changes)};
}

}  // namespace basin::crawler
