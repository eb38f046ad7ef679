#include "cli/cli.hpp"

#include <iostream>

#include "cli/commands.hpp"
#include "common/error.hpp"

namespace basin::cli {

int RunCli(int argc, char** argv) {
  CLI::App app{
      "Basin: crawl databases and lake files into a data catalog, run ETL jobs into a Parquet\n"
      "lake, and query it with SQL. One binary, your own machine.\n\n"
      "Examples:\n"
      "  basin schema lake/film.parquet           # columns and types of a file\n"
      "  basin head lake/film.parquet -n 5        # first rows as a table\n"
      "  basin convert film.csv film.parquet      # between Parquet, CSV and JSON\n"
      "  basin gen tpch --sf 0.1 --out data/      # TPC-H-shaped test data",
      "basin"};
  app.set_version_flag("--version", std::string("basin ") + BASIN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();

  GlobalOptions options;
  app.add_option("--home", options.home, "Basin home directory (default: $BASIN_HOME or ~/.basin)")
      ->envname("BASIN_HOME");
  app.add_flag("--json", options.json, "Print machine-readable JSON instead of tables");

  AddFileCommands(app, options);
  AddGenCommands(app, options);
  AddGenMoviesCommand(app, options);
  AddCatalogCommands(app, options);
  AddConnectionsCommands(app, options);
  AddCrawlersCommands(app, options);
  AddClassifiersCommands(app, options);
  AddSqlCommand(app, options);
  AddJobsCommands(app, options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version exit 0; every usage error exits 2, as cli.hpp promises (CLI11's
    // own codes, such as 106 for a missing required option, are not part of our contract).
    return app.exit(error) == 0 ? 0 : 2;
  } catch (const Error& error) {
    std::cerr << "basin: " << ErrorCodeName(error.code()) << ": " << error.what() << "\n";
    return ExitCodeFor(error.code());
  } catch (const std::exception& error) {
    std::cerr << "basin: Internal: " << error.what() << "\n";
    return ExitCodeFor(ErrorCode::kInternal);
  }
  return 0;
}

}  // namespace basin::cli
