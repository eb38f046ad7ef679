#pragma once

// The sqllogictest runner: reads a .test file and runs it against a Basin SQL session in a
// fresh temporary Basin home, comparing every result with the file. README.md in this folder
// describes the accepted format (sqllogictest with DuckDB's row-per-line results and two
// Basin directives).

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace basin::slt {

struct RunOptions {
  bool stop_at_first_failure = false;
  bool verbose = false;      // print every record as it runs
  bool keep_home = false;    // leave the temporary home behind (its path is printed)
};

struct RunSummary {
  size_t statements = 0;
  size_t queries = 0;
  size_t skipped = 0;
  size_t failures = 0;
};

// Runs one .test file; failures are described on `out` with the file's line numbers.
// Throws basin::Error only when the file itself cannot be read or is malformed.
RunSummary RunFile(const std::string& path, const RunOptions& options, std::ostream& out);

// The MD5 of every value followed by a newline, as sqllogictest's "N values hashing to H".
std::string HashValues(const std::vector<std::string>& values);

}  // namespace basin::slt
