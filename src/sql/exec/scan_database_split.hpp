#pragma once

// How a database table scan splits into key ranges read in parallel, one connector session
// per range. A split column is an integer column; its [min, max] (under the scan's pushed
// WHERE) is cut into equal ranges, each sent as WHERE text:
//
//   split 0      col < b1 OR col IS NULL      (NULLs go to the first split)
//   split i      col >= bi AND col < bi+1
//   split n-1    col >= bn-1
//
// so the splits cover every row exactly once, whatever rows arrive after min/max were read.
// Each split is its own query (and, on a server, its own snapshot): a table written during
// the scan may be read at slightly different moments per range, as with any parallel reader.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "connectors/connector.hpp"
#include "sql/exec/query_settings.hpp"

namespace basin::sql {

// Tables with at least this many rows (server estimate or the catalog's recordCount) split
// on their integer primary key without being asked.
constexpr int64_t kAutoSplitMinRows = 1'000'000;
// More ranges than this would only add sessions.
constexpr int64_t kMaxScanSplits = 256;

// A split scan's column and number of ranges.
struct SplitPlan {
  std::string column;  // as the source spells it
  int64_t splits = 1;
};

// Chooses the split column and count for `table`: `configured` when the session names one
// (InvalidInput when its column is missing or not an integer, or when it names none and the
// table lacks a single-column integer primary key), else the integer primary key of a table
// of at least kAutoSplitMinRows rows into `threads` ranges. Returns nullopt for an unsplit
// scan.
std::optional<SplitPlan> ChooseSplit(const connectors::TableInfo& table,
                                     const std::optional<DatabaseScanSplit>& configured,
                                     size_t threads, double catalog_row_count);

// The WHERE text of each range of `plan` over `from` (quoted schema.table), reading min and
// max through `connector` under `pushed_where` (may be empty). One empty text (read all)
// when the column has no non-NULL value or a single value.
std::vector<std::string> SplitWheres(connectors::Connector& connector, const std::string& from,
                                     const SplitPlan& plan, const std::string& pushed_where);

// Key boundaries b1..bn-1 cutting [min, max] into `splits` ranges of (nearly) equal width;
// fewer when the range holds fewer values.
std::vector<int64_t> SplitBoundaries(int64_t min, int64_t max, int64_t splits);

}  // namespace basin::sql
