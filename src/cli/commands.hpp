#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace basin::catalog {
class Catalog;
}

namespace basin::cli {

// Options every command sees.
struct GlobalOptions {
  std::string home;  // --home DIR, else BASIN_HOME, else ~/.basin
  bool json = false;  // --json: machine-readable output
};

// Each file of cli/ registers its nouns and verbs on the app.
void AddFileCommands(CLI::App& app, GlobalOptions& options);  // schema, head, convert
void AddGenCommands(CLI::App& app, GlobalOptions& options);   // gen tpch
// gen movies; REQUIRES: AddGenCommands ran first (it creates `gen`).
void AddGenMoviesCommand(CLI::App& app, GlobalOptions& options);
void AddCatalogCommands(CLI::App& app, GlobalOptions& options);      // catalog …
void AddConnectionsCommands(CLI::App& app, GlobalOptions& options);  // connections …
void AddCrawlersCommands(CLI::App& app, GlobalOptions& options);     // crawlers …
void AddClassifiersCommands(CLI::App& app, GlobalOptions& options);  // classifiers …
void AddSqlCommand(CLI::App& app, GlobalOptions& options);           // sql
void AddJobsCommands(CLI::App& app, GlobalOptions& options);         // jobs …
// jobs diagram; called by AddJobsCommands on its `jobs` noun.
void AddJobsDiagramCommand(CLI::App* jobs, GlobalOptions& options);
// jobs run, jobs stop (jobs_run_commands.cpp); called by AddJobsCommands.
void AddJobsRunCommands(CLI::App* jobs, GlobalOptions& options);
// jobs reset-bookmark (jobs_bookmark_commands.cpp); called by AddJobsCommands.
void AddJobsBookmarkCommands(CLI::App* jobs, GlobalOptions& options);
// The job's bookmarks as a table (nothing when it has none), for `jobs show`.
void PrintJobBookmarks(catalog::Catalog& catalog, const std::string& job);

}  // namespace basin::cli
