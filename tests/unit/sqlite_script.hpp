#pragma once

// Shared by unit tests that set up an SQLite file with plain SQLite, as an outside program
// (a source database, an older Basin) would.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace basin::testing {

// Runs the statements `sql` on the SQLite database file at `path` (created if missing); fails
// the test with SQLite's message when one fails.
inline void RunSqliteScript(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

}  // namespace basin::testing
