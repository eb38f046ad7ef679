// Catalog: job bookmarks (bookmark_types.hpp), one row per (job, source node). Rows belong to
// their job: deleting the job deletes them (ON DELETE CASCADE).
#include "catalog/bookmark_types.hpp"
#include "catalog/catalog.hpp"
#include "catalog/names.hpp"
#include "catalog/sqlite_db.hpp"
#include "common/error.hpp"

namespace basin::catalog {

namespace {

using Lock = std::lock_guard<std::recursive_mutex>;

int64_t JobId(SqliteDb& db, const std::string& job) {
  Statement statement = db.Prepare("SELECT id FROM jobs WHERE name = ?");
  statement.Bind(1, job);
  if (!statement.Step()) {
    throw Error(ErrorCode::kNotFound, "job '" + job + "' does not exist");
  }
  return statement.Int(0);
}

}  // namespace

std::string_view BookmarkKindName(BookmarkKind kind) {
  return kind == BookmarkKind::kLakeFiles ? "lake-files" : "database-keys";
}

BookmarkKind ParseBookmarkKind(std::string_view text) {
  if (text == "database-keys") return BookmarkKind::kDatabaseKeys;
  if (text == "lake-files") return BookmarkKind::kLakeFiles;
  ThrowInvalid("bookmark kind '" + std::string(text) + "' is not one of database-keys, lake-files");
}

std::vector<JobBookmark> Catalog::GetJobBookmarks(std::string_view job) {
  std::string normalized = NormalizeName("job name", job);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  int64_t job_id = JobId(*db_, normalized);
  Statement statement = db_->Prepare(
      "SELECT source_node, kind, state, updated_on FROM job_bookmarks WHERE job_id = ? "
      "ORDER BY source_node");
  statement.Bind(1, job_id);
  std::vector<JobBookmark> bookmarks;
  while (statement.Step()) {
    JobBookmark bookmark;
    bookmark.job_name = normalized;
    bookmark.source_node = std::string(statement.Text(0));
    try {
      bookmark.kind = ParseBookmarkKind(statement.Text(1));
    } catch (const Error& error) {
      ThrowCorrupt(db_->path() + ": the bookmark of job " + normalized + " source " +
                   bookmark.source_node + " is unreadable: " + error.what());
    }
    bookmark.state = std::string(statement.Text(2));
    bookmark.updated_on = statement.Int(3);
    bookmarks.push_back(std::move(bookmark));
  }
  return bookmarks;
}

void Catalog::PutJobBookmark(const JobBookmark& bookmark) {
  std::string normalized = NormalizeName("job name", bookmark.job_name);
  if (bookmark.source_node.empty()) ThrowInvalid("a job bookmark needs its source node id");
  CheckText("bookmark state", bookmark.state);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  int64_t job_id = JobId(*db_, normalized);
  db_->Prepare(
         "INSERT INTO job_bookmarks (job_id, source_node, kind, state, updated_on) "
         "VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id, source_node) DO UPDATE SET "
         "kind = excluded.kind, state = excluded.state, updated_on = excluded.updated_on")
      .Bind(1, job_id)
      .Bind(2, bookmark.source_node)
      .Bind(3, std::string(BookmarkKindName(bookmark.kind)))
      .Bind(4, bookmark.state)
      .Bind(5, NowMillis())
      .Run();
  transaction.Commit();
}

int64_t Catalog::DeleteJobBookmarks(std::string_view job) {
  std::string normalized = NormalizeName("job name", job);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  int64_t job_id = JobId(*db_, normalized);
  db_->Prepare("DELETE FROM job_bookmarks WHERE job_id = ?").Bind(1, job_id).Run();
  int64_t deleted = db_->Changes();
  transaction.Commit();
  return deleted;
}

}  // namespace basin::catalog
