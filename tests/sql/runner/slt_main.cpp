// basin_slt: runs sqllogictest files against Basin's SQL engine.
//   basin_slt [--stop] [--verbose] [--keep-home] FILE.test…
// Exit code 0 when every record passed, 1 when any failed, 2 on a malformed file or usage.
#include <cstring>
#include <iostream>

#include "common/error.hpp"
#include "slt_runner.hpp"

int main(int argc, char** argv) {
  basin::slt::RunOptions options;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--stop") == 0) {
      options.stop_at_first_failure = true;
    } else if (std::strcmp(argv[i], "--verbose") == 0) {
      options.verbose = true;
    } else if (std::strcmp(argv[i], "--keep-home") == 0) {
      options.keep_home = true;
    } else if (argv[i][0] == '-') {
      std::cerr << "usage: basin_slt [--stop] [--verbose] [--keep-home] FILE.test…\n";
      return 2;
    } else {
      files.push_back(argv[i]);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: basin_slt [--stop] [--verbose] [--keep-home] FILE.test…\n";
    return 2;
  }
  size_t failures = 0;
  for (const auto& file : files) {
    try {
      auto summary = basin::slt::RunFile(file, options, std::cout);
      std::cout << file << ": " << summary.statements << " statements, " << summary.queries
                << " queries, " << summary.skipped << " skipped, " << summary.failures
                << " failed\n";
      failures += summary.failures;
    } catch (const basin::Error& error) {
      std::cerr << file << ": " << error.what() << "\n";
      return 2;
    }
  }
  return failures == 0 ? 0 : 1;
}
