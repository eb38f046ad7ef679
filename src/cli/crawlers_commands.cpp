// basin crawlers …: crawlers that turn lake folders and source databases into catalog tables.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "catalog/crawler_json.hpp"
#include "catalog/names.hpp"
#include "cli/commands.hpp"
#include "cli/detached_process.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "crawler/crawler.hpp"
#include "types/date_time.hpp"

namespace basin::cli {

namespace {

using nlohmann::json;

struct CrawlerArgs {
  std::string name;
  std::string database;
  std::string prefix;
  std::string description;
  std::vector<std::string> paths;
  std::vector<std::string> connections;
  std::vector<std::string> includes;
  std::vector<std::string> excludes;
  std::vector<std::string> classifiers;
  std::string update_behavior;
  std::string delete_behavior;
  std::string recrawl_behavior;
  bool single_schema = false;
  int sample_size = 0;
  std::string schedule;
  bool wait = false;
  bool quiet = false;
  int64_t crawl_id = 0;
  int64_t limit = 20;
};

std::string Time(int64_t millis) {
  if (millis == 0) return "";
  return types::FormatTimestamp((millis / 1000) * types::kMicrosPerSecond);
}

std::string Duration(int64_t millis) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f s", static_cast<double>(millis) / 1000.0);
  return text;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

std::vector<std::string> TargetTexts(const catalog::Crawler& crawler) {
  std::vector<std::string> texts;
  for (const auto& target : crawler.targets.s3_targets) texts.push_back(target.path);
  for (const auto& target : crawler.targets.jdbc_targets) {
    texts.push_back(target.connection_name + ":" + target.path);
  }
  return texts;
}

// Replaces the targets and settings the command line gives; keeps the rest of `crawler`.
void ApplyArgs(const CLI::App& command, const CrawlerArgs& args, catalog::Crawler& crawler) {
  auto given = [&](const char* option) { return command.count(option) > 0; };
  if (given("--database")) crawler.database_name = args.database;
  if (given("--prefix")) crawler.table_prefix = args.prefix;
  if (given("--description")) crawler.description = args.description;
  if (given("--classifier")) crawler.classifiers = args.classifiers;
  if (given("--update-behavior")) {
    crawler.schema_change_policy.update_behavior = catalog::ParseUpdateBehavior(args.update_behavior);
  }
  if (given("--delete-behavior")) {
    crawler.schema_change_policy.delete_behavior = catalog::ParseDeleteBehavior(args.delete_behavior);
  }
  if (given("--recrawl-behavior")) {
    crawler.recrawl_behavior = catalog::ParseRecrawlBehavior(args.recrawl_behavior);
  }
  if (given("--single-schema")) crawler.combine_compatible_schemas = args.single_schema;
  if (given("--schedule")) crawler.schedule = args.schedule;
  bool targets_given = given("--path") || given("--connection") || given("--include");
  if (targets_given) {
    crawler.targets = {};
    for (const auto& path : args.paths) {
      crawler.targets.s3_targets.push_back({path, args.excludes, args.sample_size});
    }
    if (!args.connections.empty() || !args.includes.empty()) {
      if (args.connections.empty()) ThrowInvalid("--include needs --connection");
      if (args.includes.empty()) ThrowInvalid("--connection needs --include (such as 'movies/%')");
      if (args.connections.size() != 1 && args.connections.size() != args.includes.size()) {
        ThrowInvalid("give one --connection, or one per --include");
      }
      for (size_t i = 0; i < args.includes.size(); ++i) {
        const std::string& connection =
            args.connections.size() == 1 ? args.connections[0] : args.connections[i];
        crawler.targets.jdbc_targets.push_back({connection, args.includes[i], args.excludes});
      }
    }
  } else {
    if (given("--exclude")) {
      for (auto& target : crawler.targets.s3_targets) target.exclusions = args.excludes;
      for (auto& target : crawler.targets.jdbc_targets) target.exclusions = args.excludes;
    }
    if (given("--sample-size")) {
      for (auto& target : crawler.targets.s3_targets) target.sample_size = args.sample_size;
    }
  }
}

void PrintCrawler(const catalog::Crawler& crawler) {
  std::vector<std::vector<std::string>> rows = {
      {"crawler", crawler.name},
      {"state", crawler.state},
      {"database", crawler.database_name},
      {"table prefix", crawler.table_prefix},
      {"description", crawler.description},
  };
  for (const auto& target : crawler.targets.s3_targets) {
    std::string text = target.path;
    if (!target.exclusions.empty()) text += "  excluding " + Join(target.exclusions, ", ");
    if (target.sample_size > 0) text += "  sampling " + std::to_string(target.sample_size);
    rows.push_back({"lake target", text});
  }
  for (const auto& target : crawler.targets.jdbc_targets) {
    std::string text = target.connection_name + "  include " + target.path;
    if (!target.exclusions.empty()) text += "  excluding " + Join(target.exclusions, ", ");
    rows.push_back({"database target", text});
  }
  rows.push_back({"classifiers", Join(crawler.classifiers, ", ")});
  rows.push_back({"update behavior",
                  std::string(catalog::UpdateBehaviorName(crawler.schema_change_policy.update_behavior))});
  rows.push_back({"delete behavior",
                  std::string(catalog::DeleteBehaviorName(crawler.schema_change_policy.delete_behavior))});
  rows.push_back({"recrawl behavior", std::string(catalog::RecrawlBehaviorName(crawler.recrawl_behavior))});
  rows.push_back({"single schema per path", crawler.combine_compatible_schemas ? "yes" : "no"});
  rows.push_back({"schedule", crawler.schedule});
  rows.push_back({"created", Time(crawler.creation_time)});
  rows.push_back({"updated", Time(crawler.last_updated)});
  rows.push_back({"version", std::to_string(crawler.version)});
  if (crawler.last_crawl_id != 0) rows.push_back({"last crawl", std::to_string(crawler.last_crawl_id)});
  PrintTable(std::cout, {"property", "value"}, rows, 200);
}

void RunCreate(const CLI::App& command, const CrawlerArgs& args, const GlobalOptions& options) {
  catalog::Crawler crawler;
  crawler.name = args.name;
  ApplyArgs(command, args, crawler);
  auto catalog = catalog::OpenHomeCatalog(options.home);
  crawler::CreateCrawler(*catalog, crawler);
  catalog::Crawler created = catalog->GetCrawler(args.name);
  if (options.json) {
    std::cout << json{{"Crawler", catalog::ToJson(created)}}.dump(2) << "\n";
  } else {
    std::cout << "created crawler " << created.name << " (" << Join(TargetTexts(created), ", ")
              << " → database " << created.database_name << ")\n";
  }
}

void RunUpdate(const CLI::App& command, const CrawlerArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Crawler crawler = catalog->GetCrawler(args.name);
  ApplyArgs(command, args, crawler);
  crawler::UpdateCrawler(*catalog, args.name, crawler);
  catalog::Crawler updated = catalog->GetCrawler(args.name);
  if (options.json) {
    std::cout << json{{"Crawler", catalog::ToJson(updated)}}.dump(2) << "\n";
  } else {
    std::cout << "updated crawler " << updated.name << " (version " << updated.version << ")\n";
  }
}

void RunList(const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  auto crawlers = catalog->GetCrawlers();
  if (options.json) {
    json list = json::array();
    for (const auto& crawler : crawlers) list.push_back(catalog::ToJson(crawler));
    std::cout << json{{"Crawlers", list}}.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& crawler : crawlers) {
    std::string last;
    if (crawler.last_crawl_id != 0) {
      catalog::Crawl crawl = catalog->GetCrawl(crawler.last_crawl_id);
      last = std::string(catalog::CrawlStateName(crawl.state)) + " " + Time(crawl.started_on);
    }
    rows.push_back({crawler.name, crawler.state, crawler.database_name, crawler.table_prefix,
                    Join(TargetTexts(crawler), ", "), last});
  }
  PrintTable(std::cout, {"crawler", "state", "database", "prefix", "targets", "last crawl"}, rows, 60);
}

void RunShow(const CrawlerArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Crawler crawler = catalog->GetCrawler(args.name);
  if (options.json) {
    std::cout << json{{"Crawler", catalog::ToJson(crawler)}}.dump(2) << "\n";
  } else {
    PrintCrawler(crawler);
  }
}

void RunDelete(const CrawlerArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->DeleteCrawler(args.name);
  if (options.json) {
    std::cout << json{{"DeletedCrawler", args.name}}.dump(2) << "\n";
  } else {
    std::cout << "deleted crawler " << args.name << " (its tables stay in the catalog)\n";
  }
}

std::vector<std::string> CrawlRow(const catalog::Crawl& crawl) {
  int64_t end = crawl.completed_on != 0 ? crawl.completed_on : catalog::NowMillis();
  return {std::to_string(crawl.id),
          std::string(catalog::CrawlStateName(crawl.state)),
          Time(crawl.started_on),
          Duration(end - crawl.started_on),
          std::to_string(crawl.tables_created),
          std::to_string(crawl.tables_updated),
          std::to_string(crawl.tables_deleted),
          std::to_string(crawl.tables_deprecated),
          std::to_string(crawl.partitions_added),
          std::to_string(crawl.partitions_removed),
          std::to_string(crawl.errors.size())};
}

const std::vector<std::string> kCrawlHeaders = {"crawl",   "state",      "started",    "duration",
                                                "created", "updated",    "deleted",    "deprecated",
                                                "+parts",  "-parts",     "errors"};

void PrintCrawlDetails(const catalog::Crawl& crawl) {
  PrintTable(std::cout, kCrawlHeaders, {CrawlRow(crawl)});
  if (!crawl.error_message.empty()) std::cout << "\nerror: " << crawl.error_message << "\n";
  if (!crawl.errors.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& error : crawl.errors) rows.push_back({error.target, error.message});
    std::cout << "\n";
    PrintTable(std::cout, {"target", "error"}, rows, 120);
  }
  if (!crawl.log.empty()) std::cout << "\nlog:\n" << crawl.log;
}

void RunRuns(const CrawlerArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  if (args.crawl_id != 0) {
    catalog::Crawl crawl = catalog->GetCrawl(args.crawl_id);
    if (crawl.crawler_name != catalog::NormalizeName("crawler name", args.name)) {
      throw Error(ErrorCode::kNotFound, "crawl " + std::to_string(args.crawl_id) +
                                            " is not a run of crawler " + args.name);
    }
    if (options.json) {
      std::cout << json{{"Crawl", catalog::ToJson(crawl)}}.dump(2) << "\n";
    } else {
      PrintCrawlDetails(crawl);
    }
    return;
  }
  auto crawls = catalog->GetCrawls(args.name, args.limit);
  if (options.json) {
    json list = json::array();
    for (const auto& crawl : crawls) list.push_back(catalog::ToJson(crawl));
    std::cout << json{{"Crawls", list}}.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& crawl : crawls) rows.push_back(CrawlRow(crawl));
  PrintTable(std::cout, kCrawlHeaders, rows);
}

// Starts `basin crawlers run NAME --wait` as a detached process and returns once its run is
// recorded, as Glue's StartCrawler returns while the crawl goes on.
void StartInBackground(const CrawlerArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Crawler before = catalog->GetCrawler(args.name);
  if (before.state == "RUNNING") {
    throw Error(ErrorCode::kConflict, "crawler '" + before.name + "' is already running");
  }
  pid_t pid = StartDetachedBasin(options, {"crawlers", "run", before.name, "--wait", "--quiet"},
                                 false, "the crawl process")
                  .pid;
  // Wait (briefly) for the child to record its run, so the id can be shown.
  for (int attempt = 0; attempt < 100; ++attempt) {
    catalog::Crawler now = catalog->GetCrawler(args.name);
    if (now.last_crawl_id != before.last_crawl_id) {
      if (options.json) {
        std::cout << json{{"CrawlId", std::to_string(now.last_crawl_id)}}.dump(2) << "\n";
      } else {
        std::cout << "started crawl " << now.last_crawl_id << " of crawler " << now.name
                  << " (basin crawlers runs " << now.name << " to follow it)\n";
      }
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::cout << "started crawler " << before.name << " (process " << pid << ")\n";
}

void RunRun(const CrawlerArgs& args, const GlobalOptions& options) {
  if (!args.wait) {
    StartInBackground(args, options);
    return;
  }
  auto catalog = catalog::OpenHomeCatalog(options.home);
  bool terminal = isatty(STDERR_FILENO);
  bool show = !args.quiet && !options.json;
  crawler::CrawlOptions crawl_options;
  crawl_options.progress = [&](std::string_view message, bool logged) {
    if (!show) return;
    if (terminal) {
      std::cerr << "\r\033[K" << message << (logged ? "\n" : "") << std::flush;
    } else if (logged) {
      std::cerr << message << "\n";
    }
  };
  crawler::CrawlReport report = crawler::RunCrawler(*catalog, args.name, crawl_options);
  if (show && terminal) std::cerr << "\r\033[K" << std::flush;
  const catalog::Crawl& crawl = report.crawl;
  if (options.json) {
    json changes = json::array();
    for (const auto& change : report.changes) {
      changes.push_back({{"Table", change.table},
                         {"Action", change.action},
                         {"Classification", change.classification},
                         {"PartitionsAdded", change.partitions_added},
                         {"PartitionsRemoved", change.partitions_removed},
                         {"Location", change.location},
                         {"Detail", change.detail}});
    }
    std::cout << json{{"Crawl", catalog::ToJson(crawl)}, {"Changes", changes}}.dump(2) << "\n";
  } else if (!args.quiet) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& change : report.changes) {
      rows.push_back({change.table, change.action, change.classification,
                      std::to_string(change.partitions_added),
                      std::to_string(change.partitions_removed), change.detail});
    }
    if (!rows.empty()) {
      PrintTable(std::cout, {"table", "action", "classification", "+parts", "-parts", "detail"},
                 rows, 70);
      std::cout << "\n";
    }
    std::cout << "crawl " << crawl.id << " " << catalog::CrawlStateName(crawl.state) << " in "
              << Duration(crawl.completed_on - crawl.started_on) << ": "
              << crawl.tables_created << " created, " << crawl.tables_updated << " updated, "
              << crawl.tables_deleted << " deleted, " << crawl.tables_deprecated
              << " deprecated; " << crawl.partitions_added << " partitions added, "
              << crawl.partitions_removed << " removed; " << crawl.errors.size() << " errors\n";
    for (const auto& error : crawl.errors) {
      std::cout << "  error: " << error.target << ": " << error.message << "\n";
    }
  }
  if (crawl.state == catalog::CrawlState::kFailed) {
    throw Error(ErrorCode::kIOError,
                "crawl " + std::to_string(crawl.id) + " failed: " + crawl.error_message);
  }
}

void AddCrawlerOptions(CLI::App* command, CrawlerArgs& args) {
  command->add_option("--database", args.database, "Catalog database the tables go into");
  command->add_option("--prefix", args.prefix, "Prefix of the table names (such as s3_)");
  command->add_option("--path", args.paths, "Lake folder to crawl: local path or s3://bucket/prefix (repeatable)");
  command->add_option("--connection", args.connections, "Connection of a database target");
  command->add_option("--include", args.includes,
                      "Include path of a database target: movies/%, movies/public/% (repeatable)");
  command->add_option("--exclude", args.excludes, "Glob of paths or tables to skip, such as '*act*' (repeatable)");
  command->add_option("--classifier", args.classifiers, "Custom classifier, tried in order (repeatable)");
  command->add_option("--update-behavior", args.update_behavior, "UPDATE_IN_DATABASE (default) or LOG");
  command->add_option("--delete-behavior", args.delete_behavior,
                      "DEPRECATE_IN_DATABASE (default), DELETE_FROM_DATABASE or LOG");
  command->add_option("--recrawl-behavior", args.recrawl_behavior,
                      "CRAWL_EVERYTHING (default) or CRAWL_NEW_FOLDERS_ONLY");
  command->add_flag("--single-schema,!--no-single-schema", args.single_schema,
                    "Create a single schema for each path (combine compatible schemas)");
  command->add_option("--sample-size", args.sample_size, "Files read per folder (1-249; default all)");
  command->add_option("--schedule", args.schedule, "cron(…) expression, kept for the scheduler");
  command->add_option("--description", args.description, "What it is for");
}

}  // namespace

void AddCrawlersCommands(CLI::App& app, GlobalOptions& options) {
  auto args = std::make_shared<CrawlerArgs>();
  auto* noun = app.add_subcommand("crawlers", "Crawlers that catalogue lake folders and databases");
  noun->require_subcommand(1);

  auto* create = noun->add_subcommand("create", "Create a crawler");
  create->add_option("NAME", args->name, "Lower case a-z, 0-9 and _")->required();
  AddCrawlerOptions(create, *args);
  create->footer(
      "Examples:\n"
      "  basin crawlers create movies --connection movies_db --include 'movies/%' \\\n"
      "      --exclude '*act*' --database aurora_movie_rental\n"
      "  basin crawlers create lake --path lake/movie_rental --database movie_rental --prefix s3_");
  create->callback([args, create, &options] { RunCreate(*create, *args, options); });

  auto* update = noun->add_subcommand("update", "Change a crawler (given options replace)");
  update->add_option("NAME", args->name, "The crawler")->required();
  AddCrawlerOptions(update, *args);
  update->callback([args, update, &options] { RunUpdate(*update, *args, options); });

  auto* list = noun->add_subcommand("list", "List the crawlers");
  list->callback([&options] { RunList(options); });

  auto* show = noun->add_subcommand("show", "Show a crawler");
  show->add_option("NAME", args->name, "The crawler")->required();
  show->callback([args, &options] { RunShow(*args, options); });

  auto* run = noun->add_subcommand("run", "Run a crawler (in the background unless --wait)");
  run->add_option("NAME", args->name, "The crawler")->required();
  run->add_flag("--wait", args->wait, "Run here, show progress, end with a summary");
  run->add_flag("--quiet", args->quiet, "No progress or summary (with --wait)");
  run->callback([args, &options] { RunRun(*args, options); });

  auto* runs = noun->add_subcommand("runs", "The crawler's runs, newest first");
  runs->add_option("NAME", args->name, "The crawler")->required();
  runs->add_option("--crawl", args->crawl_id, "Show this run with its errors and log");
  runs->add_option("--limit", args->limit, "At most this many runs (default 20)");
  runs->callback([args, &options] { RunRuns(*args, options); });

  auto* remove = noun->add_subcommand("delete", "Delete a crawler (not its tables)");
  remove->add_option("NAME", args->name, "The crawler")->required();
  remove->callback([args, &options] { RunDelete(*args, options); });
}

}  // namespace basin::cli
