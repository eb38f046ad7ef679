#pragma once

// Job bookmarks: with the bookmark option enable (or pause), each run of an etl job reads only
// what its earlier runs have not, and (enable only) records what it read in the same catalog
// commit that publishes its output. Per CatalogSource node:
// - a database table (JDBC_TABLE): the bookmark keys (the node's BookmarkKeys, else the
//   table's primary key) and their last committed values. Before the run, the highest key
//   above them is read from the source (the snapshot bound `high`); the run reads
//   `key > last AND key <= high` (composite keys compare lexicographically), so rows inserted
//   while it runs wait for the next run. Keys must only grow: a row inserted below the last
//   committed key is never read.
// - a lake table: the files already processed (path, size, modification time). The run reads
//   only the files listed before it that are not among them (same path with another size or
//   time counts as new).
// A failed run leaves the bookmarks as they were; `basin jobs reset-bookmark` deletes them.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "etl/compiler.hpp"
#include "etl/dag.hpp"
#include "sql/engine/session.hpp"

namespace basin::etl {

// The bookmark option of a run: the run's "--job-bookmark-option" argument, else the job's
// default argument, else the job's setting.
catalog::BookmarkOption EffectiveBookmarkOption(
    const catalog::Job& job, const std::map<std::string, std::string>& run_arguments);

// One lake file as a bookmark remembers it.
struct LakeFileState {
  std::string path;
  uint64_t size = 0;
  int64_t modified = 0;  // file-clock microseconds of local files; 0 where unknown (S3)
  bool operator==(const LakeFileState&) const = default;
};

// What one source reads this run and the state its bookmark moves to when the run commits.
struct SourceBookmark {
  std::string node_id;
  std::string table;  // "database.table"
  catalog::BookmarkKind kind = catalog::BookmarkKind::kDatabaseKeys;
  // Database sources: key columns, their Hive types, the last committed values (empty: none
  // yet) and the snapshot bound (empty: nothing above `last`).
  std::vector<std::string> keys;
  std::vector<std::string> key_types;
  std::vector<std::string> last;
  std::vector<std::string> high;
  std::string predicate;  // engine SQL ANDed to what the source reads
  // Lake sources: every file listed before the run, and the paths of those it reads.
  std::vector<LakeFileState> listed;
  std::set<std::string> new_files;
  bool nothing_new = false;
  std::string stored_state;  // the bookmark's JSON before the run ("" when none)
  std::string next_state;    // and after it commits
};

// `keys` (lexicographically) after `last` and up to `high`, in the engine's SQL; "FALSE" when
// `high` is empty (nothing to read). `last` empty: no lower bound.
std::string KeyRangePredicate(const std::vector<std::string>& keys,
                              const std::vector<std::string>& key_types,
                              const std::vector<std::string>& last,
                              const std::vector<std::string>& high);

class JobBookmarks {
 public:
  // Reads the job's bookmarks and, for each source, its snapshot bound or file listing —
  // before anything runs. Disabled: no source is touched. InvalidInput when a database
  // source has no bookmark keys (no primary key and no BookmarkKeys) or names a missing one.
  JobBookmarks(catalog::Catalog& catalog, const std::filesystem::path& home,
               const catalog::Job& job, const Dag& dag,
               const std::map<std::string, std::string>& run_arguments = {});

  catalog::BookmarkOption option() const { return option_; }
  const std::vector<SourceBookmark>& sources() const { return state_->sources; }
  // For CompileJob.
  const SourcePredicates& predicates() const { return predicates_; }
  // Every source of the DAG is bookmarked and has nothing new.
  bool nothing_new() const;
  // One line per source for the run's log.
  std::vector<std::string> Describe() const;

  // Restricts lake scans to the new files and, with enable, makes the engine advance the
  // bookmarks inside the transaction that registers the output (SessionOptions::on_commit).
  void Attach(sql::SessionOptions& options) const;
  // Writes each source's next state (enable only; states that did not change are not
  // rewritten). Inside the caller's transaction when there is one.
  void Advance(catalog::Catalog& catalog) const;
  // After the statement succeeded: advances in a transaction of its own unless the engine
  // already did (a statement that registered nothing, e.g. no new rows).
  void Finish(catalog::Catalog& catalog) const;

 private:
  struct State {
    std::string job_name;
    bool advance = false;
    std::vector<SourceBookmark> sources;
    std::atomic<bool> advanced{false};
  };
  static void AdvanceState(catalog::Catalog& catalog, State& state);

  catalog::BookmarkOption option_ = catalog::BookmarkOption::kDisable;
  size_t source_nodes_ = 0;
  SourcePredicates predicates_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

// The job's bookmarks as JSON for `basin jobs show` / `--json`: [{"Source": id, "Kind": …,
// "State": {…}, "UpdatedOn": ms}].
nlohmann::json BookmarksToJson(const std::vector<catalog::JobBookmark>& bookmarks);
// One row per bookmark for `basin jobs show`: source node and table, kind, what it has read
// (the last key values, or the number of files), when it last moved.
std::vector<std::vector<std::string>> DescribeStoredBookmarks(
    const std::vector<catalog::JobBookmark>& bookmarks);

}  // namespace basin::etl
