#include "sql/exec/publish.hpp"

#include <unistd.h>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "sql/exec/staging_cleanup.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

namespace {

void DeleteQuietly(const std::string& path) {
  try {
    storage::FileSystemFor(path).Delete(path);
  } catch (...) {
    // Best effort: this runs while another error is on its way out.
  }
}

}  // namespace

StagedWrite::~StagedWrite() {
  if (!staging_root.empty()) DeleteQuietly(staging_root);
}

void PublishWrite(catalog::Catalog& catalog, StagedWrite& write,
                  const std::function<void()>& register_output) {
  if (!write.finalized || write.published) {
    ThrowInternal("publish of a write that is not staged, or already published");
  }
  int64_t journal = 0;
  if (!write.files.empty()) {
    catalog::PublishJournal entry;
    entry.query_id = write.query_id;
    entry.pid = getpid();
    entry.host = StagingHostName();
    entry.location = write.location;
    for (const auto& file : write.files) entry.files.push_back(file.file.path);
    journal = catalog.AddPublishJournal(entry);
  }
  std::vector<std::string> moved;
  try {
    catalog.InTransaction([&] {
      for (const auto& file : write.files) {
        storage::FileSystemFor(file.staging_path).Move(file.staging_path, file.file.path);
        moved.push_back(file.file.path);
      }
      register_output();
      if (journal != 0) catalog.DeletePublishJournal(journal);
    });
  } catch (...) {
    for (const auto& path : moved) DeleteQuietly(path);
    if (journal != 0) {
      try {
        catalog.DeletePublishJournal(journal);
      } catch (...) {
        // The entry stays; once this process ends the next write removes the same files.
      }
    }
    throw;
  }
  write.published = true;
  DeleteQuietly(write.staging_root);  // empty now
  write.staging_root.clear();
}

}  // namespace basin::sql
