#pragma once

// The publish step of a lake write (CTAS, INSERT, INSERT OVERWRITE, UNLOAD), all or nothing.
//
// The write operator only stages: its Finalize hands the staged files to a StagedWrite and
// moves nothing. The statement then calls PublishWrite, which
//   1. records the final paths in the catalog's publish journal (committed on its own),
//   2. in one catalog transaction moves every file into place, registers the output (table,
//      partitions, bookmarks) and deletes the journal entry,
//   3. if anything in 2 fails, removes the files it moved (the transaction rolled back).
// A writer killed during 2 leaves its journal entry behind, since the transaction never
// committed; the next write rolls it back (RollBackDeadPublishes in staging_cleanup.hpp). A
// committed write has no entry, so its files are never touched.

#include <functional>
#include <string>
#include <vector>

#include "sql/exec/physical_planner.hpp"

namespace basin::catalog {
class Catalog;
}

namespace basin::sql {

struct StagedFile {
  std::string staging_path;
  WrittenFile file;  // file.path: the final path
};

// What one write staged, from its Finalize until the statement publishes it. Owns the
// staging folder from then on: deletes it (best effort) when destroyed.
class StagedWrite {
 public:
  StagedWrite() = default;
  StagedWrite(const StagedWrite&) = delete;
  StagedWrite& operator=(const StagedWrite&) = delete;
  ~StagedWrite();

  std::string location;  // the write's target location
  std::string query_id;
  std::string staging_root;  // empty until Finalize
  std::vector<StagedFile> files;
  bool finalized = false;  // Finalize ran: the query wrote everything
  bool published = false;
};

// Publishes `write` as described above; `register_output` runs inside the transaction, after
// the moves. A write that was never finalized (the query failed) throws Internal.
void PublishWrite(catalog::Catalog& catalog, StagedWrite& write,
                  const std::function<void()>& register_output);

}  // namespace basin::sql
