#include "sql/exec/staging_cleanup.hpp"

#include <unistd.h>

#include <climits>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "common/process.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

namespace {

constexpr std::string_view kPrefix = ".basin-staging-";

std::string WithSlash(std::string path) {
  if (!path.empty() && path.back() != '/') path += '/';
  return path;
}

bool AllDigits(std::string_view text) {
  if (text.empty() || text.size() > 18) return false;  // fits int64 without overflow
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A zombie counts as dead (IsProcessAlive); a pid reused by an unrelated process reads as
// alive, which only delays the cleanup.
bool ProcessAlive(int64_t pid) {
  if (pid <= 0 || pid > INT_MAX) return false;
  return IsProcessAlive(pid, 0);
}

// The last path segment of a listed folder ("…/.basin-staging-x/" → ".basin-staging-x").
std::string_view LastSegment(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string StagingHostName() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof(buffer) - 1) != 0 || buffer[0] == '\0') return "localhost";
  std::string host(buffer);
  for (char& c : host) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '-';
    if (!plain) c = '_';
  }
  return host;
}

std::string StagingFolderName(std::string_view query_id) {
  return std::string(kPrefix) + std::string(query_id) + "-" + std::to_string(getpid()) + "-" +
         StagingHostName();
}

std::optional<StagingOwner> ParseStagingFolderName(std::string_view name) {
  while (!name.empty() && name.back() == '/') name.remove_suffix(1);
  if (name.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  name.remove_prefix(kPrefix.size());
  size_t first = name.find('-');
  if (first == std::string_view::npos || first == 0) return std::nullopt;
  size_t second = name.find('-', first + 1);
  if (second == std::string_view::npos || second + 1 >= name.size()) return std::nullopt;
  std::string_view pid = name.substr(first + 1, second - first - 1);
  if (!AllDigits(pid)) return std::nullopt;
  StagingOwner owner;
  owner.query_id = std::string(name.substr(0, first));
  owner.pid = std::stoll(std::string(pid));
  owner.host = std::string(name.substr(second + 1));
  return owner;
}

size_t RemoveDeadStagingFolders(const std::string& location) {
  if (location.empty()) return 0;
  std::string folder = WithSlash(location);
  std::string host = StagingHostName();
  size_t removed = 0;
  try {
    storage::FileSystem& file_system = storage::FileSystemFor(folder);
    storage::ListOptions options;
    options.recursive = false;
    std::string prefix = folder + std::string(kPrefix);
    do {
      storage::ListPage page = file_system.List(prefix, options);
      for (const storage::FileInfo& entry : page.entries) {
        if (!entry.is_directory) continue;
        std::optional<StagingOwner> owner = ParseStagingFolderName(LastSegment(entry.path));
        if (!owner || owner->host != host || ProcessAlive(owner->pid)) continue;
        try {
          file_system.Delete(WithSlash(entry.path));
          ++removed;
        } catch (const Error&) {
          // Left for a later write; a hidden folder is never read by scans.
        }
      }
      options.page_token = page.next_page_token;
    } while (!options.page_token.empty());
  } catch (const Error&) {
    // Listing failed (a location not created yet, no permission): nothing to clean here, and
    // the write itself reports any real problem with the location.
  }
  return removed;
}

std::string PrepareStagingFolder(const std::string& location, std::string_view query_id) {
  RemoveDeadStagingFolders(location);
  return WithSlash(location) + StagingFolderName(query_id) + "/";
}

size_t RollBackDeadPublishes(catalog::Catalog& catalog) {
  size_t rolled_back = 0;
  for (const catalog::PublishJournal& entry : catalog.GetPublishJournals(StagingHostName())) {
    if (ProcessAlive(entry.pid)) continue;
    bool complete = true;
    for (const std::string& path : entry.files) {
      try {
        storage::FileSystem& file_system = storage::FileSystemFor(path);
        if (file_system.Exists(path)) file_system.Delete(path);
      } catch (const Error&) {
        complete = false;
      }
    }
    if (!complete) continue;
    catalog.DeletePublishJournal(entry.id);
    ++rolled_back;
  }
  return rolled_back;
}

}  // namespace basin::sql
