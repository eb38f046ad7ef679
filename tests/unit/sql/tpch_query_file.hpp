#pragma once

// The TPC-H query texts for unit tests, read from tests/tpch/queries/qNN.sql: those files are
// the one copy of the queries (the DuckDB comparison runs them too).

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace basin::sql::testing {

inline constexpr int kTpchQueryCount = 22;

// The text of query `q` (1..22) with its trailing ';' and whitespace removed, so it parses
// as one statement. Throws when the file is missing: a test must not pass without its input.
inline std::string ReadTpchQuery(int q) {
  char name[32];
  std::snprintf(name, sizeof(name), "q%02d.sql", q);
  std::filesystem::path path =
      std::filesystem::path(BASIN_REPO_DIR) / "tests" / "tpch" / "queries" / name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  std::string sql = text.str();
  while (!sql.empty() &&
         (std::isspace(static_cast<unsigned char>(sql.back())) || sql.back() == ';')) {
    sql.pop_back();
  }
  return sql;
}

}  // namespace basin::sql::testing
