#pragma once

// Job bookmarks as the catalog stores them: per ETL job and source node of its DAG, what the
// job's runs have already read, so the next run reads only what is new. The catalog keeps the
// state as JSON text; what it holds (key columns and their last committed values, or the lake
// files already processed) is etl/bookmarks' business.

#include <cstdint>
#include <string>
#include <string_view>

namespace basin::catalog {

enum class BookmarkKind { kDatabaseKeys, kLakeFiles };
std::string_view BookmarkKindName(BookmarkKind kind);   // "database-keys", "lake-files"
BookmarkKind ParseBookmarkKind(std::string_view text);  // InvalidInput otherwise

struct JobBookmark {
  std::string job_name;
  std::string source_node;  // the DAG node id of the source
  BookmarkKind kind = BookmarkKind::kDatabaseKeys;
  std::string state;       // JSON text
  int64_t updated_on = 0;  // set by the catalog, milliseconds since the epoch
  bool operator==(const JobBookmark&) const = default;
};

}  // namespace basin::catalog
