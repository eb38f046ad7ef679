#pragma once

// One entry of the publish journal: a lake write that is moving its files from its hidden
// staging folder to their final, visible paths. The entry is committed before the first move
// and deleted in the same catalog transaction that registers the files (a table, its
// partitions, bookmarks), so an entry that outlives its writer names files nobody committed:
// the next write removes them (sql/exec/staging_cleanup.hpp).

#include <cstdint>
#include <string>
#include <vector>

namespace basin::catalog {

struct PublishJournal {
  int64_t id = 0;  // set by the catalog
  std::string query_id;
  int64_t pid = 0;                 // the writing process
  std::string host;                // where it runs (as in staging folder names)
  std::string location;            // the write's target location
  std::vector<std::string> files;  // final paths
  int64_t created_on = 0;          // milliseconds since the epoch; set by the catalog
};

}  // namespace basin::catalog
