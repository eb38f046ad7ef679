// basin gen: generators of test data sets.
#include "cli/commands.hpp"
#include "common/error.hpp"

namespace basin::cli {

void AddGenCommands(CLI::App& app, GlobalOptions&) {
  auto* gen = app.add_subcommand("gen", "Generate test data sets");
  gen->require_subcommand(1);
  auto* tpch = gen->add_subcommand("tpch", "TPC-H-shaped tables (not yet available)");
  tpch->callback([] { ThrowUnsupported("basin gen tpch is not implemented yet"); });
}

}  // namespace basin::cli
