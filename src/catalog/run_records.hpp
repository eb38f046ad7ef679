#pragma once

// The one store of run records — crawls (crawler_types.hpp) and job runs (job_types.hpp):
// a table with an id, the id of what ran (crawler, job), the state as a column (so "which
// runs are active" is one indexed lookup) and the run's JSON definition. Internal to
// catalog/: callers use catalog.hpp. Every function runs inside the caller's transaction.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/sqlite_db.hpp"

namespace basin::catalog::store {

// Which table holds a kind of run.
struct RunTable {
  const char* table;   // "crawls", "job_runs"
  const char* parent;  // its column naming what ran: "crawler_id", "job_id"
  const char* kind;    // for messages: "crawl", "job run"
};

inline constexpr RunTable kCrawlRuns{"crawls", "crawler_id", "crawl"};
inline constexpr RunTable kJobRuns{"job_runs", "job_id", "job run"};

struct RunRow {
  int64_t id = 0;
  std::string state;
  std::string definition;
};

// A new run in `state` with an empty definition (write it with WriteRun once the id is known).
int64_t InsertRun(SqliteDb& db, const RunTable& runs, int64_t parent_id, std::string_view state);
void WriteRun(SqliteDb& db, const RunTable& runs, int64_t id, std::string_view state,
              const std::string& definition);
// NotFound "<kind> 'ID' does not exist".
RunRow LoadRun(SqliteDb& db, const RunTable& runs, int64_t id);
// The parent's runs in one of `states`, oldest first.
std::vector<RunRow> RunsInStates(SqliteDb& db, const RunTable& runs, int64_t parent_id,
                                 std::initializer_list<std::string_view> states);
// The parent's runs, newest first; at most `limit` (0: all).
std::vector<RunRow> ListRuns(SqliteDb& db, const RunTable& runs, int64_t parent_id,
                             int64_t limit);
// Conflict "<kind> ID already ended (STATE)": finished runs are final.
[[noreturn]] void ThrowRunEnded(const RunTable& runs, int64_t id, std::string_view state);

// Whether the process recorded as running a run is still there: running (not a zombie) and,
// when `start_time` is known (non-zero), started then — not another process that reused the
// pid. A run whose process is gone can never finish on its own.
bool ProcessAlive(int64_t pid, int64_t start_time = 0);

}  // namespace basin::catalog::store
