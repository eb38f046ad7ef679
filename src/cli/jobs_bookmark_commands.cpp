// basin jobs reset-bookmark NAME, and the bookmark lines of `basin jobs show`.
#include <iostream>
#include <nlohmann/json.hpp>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "catalog/names.hpp"
#include "cli/commands.hpp"
#include "cli/table_printer.hpp"
#include "etl/bookmarks.hpp"
#include "types/date_time.hpp"

namespace basin::cli {

namespace {

struct BookmarkArgs {
  std::string name;
};

void RunResetBookmark(const BookmarkArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  std::string name = catalog::NormalizeName("job name", args.name);
  int64_t deleted = catalog->DeleteJobBookmarks(name);
  if (options.json) {
    std::cout << nlohmann::json{{"JobName", name}, {"BookmarksDeleted", deleted}}.dump(2) << "\n";
    return;
  }
  std::cout << "reset the bookmarks of job " << name << " (" << deleted
            << " source(s)): its next run reads every source from the start; an append "
               "target then receives those rows again\n";
}

}  // namespace

void PrintJobBookmarks(catalog::Catalog& catalog, const std::string& job) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : etl::DescribeStoredBookmarks(catalog.GetJobBookmarks(job))) {
    rows.push_back(line);
  }
  if (rows.empty()) return;
  std::cout << "\n";
  PrintTable(std::cout, {"bookmark of", "kind", "read up to", "updated"}, rows, 100);
}

void AddJobsBookmarkCommands(CLI::App* jobs, GlobalOptions& options) {
  auto args = std::make_shared<BookmarkArgs>();
  auto* reset = jobs->add_subcommand(
      "reset-bookmark", "Forget what the job's runs have read: the next run reads everything");
  reset->add_option("NAME", args->name, "The job")->required();
  reset->footer(
      "A job appending to its target copies the rows again on its next run; empty the target\n"
      "(or use write mode overwrite) when that is not wanted.\n"
      "Example:\n"
      "  basin jobs reset-bookmark copy_payment");
  reset->callback([args, &options] { RunResetBookmark(*args, options); });
}

}  // namespace basin::cli
