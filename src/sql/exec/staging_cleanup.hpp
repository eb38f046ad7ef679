#pragma once

// Staging folders of lake writes, and the removal of those their writer left behind.
//
// A write stages its files in a hidden folder of the target location and deletes it when it
// publishes or fails. A process killed mid-write (SIGKILL, power loss) deletes nothing, so the
// folder stays: invisible to scans, but bytes nobody will reclaim. Its name therefore says who
// wrote it — .basin-staging-<query id>-<pid>-<host>/ — and the next write into the location
// removes the folders of writers on this host whose process no longer exists. Folders of other
// hosts, of live processes, and names in any other form are left alone: only a writer known to
// be dead is safe to clean up after.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace basin::catalog {
class Catalog;
}

namespace basin::sql {

// Who wrote a staging folder, read back from its name.
struct StagingOwner {
  std::string query_id;
  int64_t pid = 0;
  std::string host;
};

// The folder name (no slashes) for a write by this process: .basin-staging-<query id>-<pid>-<host>.
std::string StagingFolderName(std::string_view query_id);

// The owner named by a staging folder name ("…/" or not); nullopt for any other name,
// including the pid-less names of older writers.
std::optional<StagingOwner> ParseStagingFolderName(std::string_view name);

// This machine's host name as it appears in staging folder names (characters outside
// [A-Za-z0-9._-] become '_', so the name stays one path segment).
std::string StagingHostName();

// Removes the staging folders directly under `location` whose writer ran on this host and has
// died. Best effort: a folder that cannot be listed or deleted is left for a later write.
// Returns how many folders were removed.
size_t RemoveDeadStagingFolders(const std::string& location);

// What a write calls first: removes dead writers' staging folders under `location`, then
// gives the staging folder path for `query_id` ("<location>/<StagingFolderName>/").
std::string PrepareStagingFolder(const std::string& location, std::string_view query_id);

// Rolls back the publishes (publish.hpp) of writers on this host that died between recording
// their publish journal entry and committing: deletes the final files the entry lists (those
// already moved; the rest are still in the staging folder) and then the entry. Every lake
// write statement calls it before it writes, so a killed write never shows in the lake for
// long, nor blocks a CTAS into its folder. Entries of live processes (and of other hosts) are
// left alone. Returns how many entries were rolled back; a file that cannot be deleted keeps
// its entry for a later try.
size_t RollBackDeadPublishes(catalog::Catalog& catalog);

}  // namespace basin::sql
