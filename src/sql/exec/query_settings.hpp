#pragma once

// What a session hands the executor beyond limits: how database scans split, where written
// files are cut, and live counters for progress bars. Plain data; the engine's
// SessionOptions holds these and the executor copies them into each query's ExecContext.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace basin::sql {

// Live counters of the statement running, for progress bars (ETL runs read them from another
// thread while the statement runs). Scans count what they read from their source, writes
// what they wrote (encoded bytes).
struct QueryProgress {
  std::atomic<int64_t> rows_read{0};
  std::atomic<int64_t> bytes_read{0};
  std::atomic<int64_t> rows_written{0};
  std::atomic<int64_t> bytes_written{0};
};

// How to read one database table in parallel: key ranges of a numeric column.
struct DatabaseScanSplit {
  std::string column;  // empty: the table's numeric primary key
  int64_t splits = 0;  // 0: the engine's choice
};

// Files written by CTAS/INSERT are cut at about this size when a query names none.
constexpr int64_t kDefaultTargetFileSizeBytes = int64_t{128} << 20;

struct QuerySettings {
  // Written files are cut at about this size (0: kDefaultTargetFileSizeBytes).
  int64_t target_file_size_bytes = 0;
  // Per catalog table "database.table": how a scan of it splits.
  std::map<std::string, DatabaseScanSplit> database_scan_splits;
  // When set, scans and writes count into it as they go.
  std::shared_ptr<QueryProgress> progress;
  // Per lake table "database.table": scans of it read only these files (paths as the table's
  // listing spells them); tables not named read all their files. ETL bookmarks' "new files".
  std::map<std::string, std::set<std::string>> lake_scan_files;
};

}  // namespace basin::sql
