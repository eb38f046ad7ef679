// Catalog: the publish journal (publish_journal.hpp). Files are kept as a JSON array of
// strings, so any path round-trips.
#include <nlohmann/json.hpp>

#include "catalog/catalog.hpp"
#include "catalog/sqlite_db.hpp"
#include "common/error.hpp"

namespace basin::catalog {

namespace {
using Lock = std::lock_guard<std::recursive_mutex>;
}  // namespace

int64_t Catalog::AddPublishJournal(const PublishJournal& entry) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : entry.files) files.push_back(file);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  db_->Prepare(
         "INSERT INTO publish_journal (query_id, pid, host, location, files, created_on) "
         "VALUES (?, ?, ?, ?, ?, ?)")
      .Bind(1, entry.query_id)
      .Bind(2, entry.pid)
      .Bind(3, entry.host)
      .Bind(4, entry.location)
      .Bind(5, files.dump())
      .Bind(6, NowMillis())
      .Run();
  int64_t id = db_->LastInsertRowId();
  transaction.Commit();
  return id;
}

void Catalog::DeletePublishJournal(int64_t id) {
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  db_->Prepare("DELETE FROM publish_journal WHERE id = ?").Bind(1, id).Run();
  transaction.Commit();
}

std::vector<PublishJournal> Catalog::GetPublishJournals(std::string_view host) {
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  Statement statement = db_->Prepare(
      "SELECT id, query_id, pid, host, location, files, created_on FROM publish_journal "
      "WHERE host = ? ORDER BY id");
  statement.Bind(1, host);
  std::vector<PublishJournal> entries;
  while (statement.Step()) {
    PublishJournal entry;
    entry.id = statement.Int(0);
    entry.query_id = std::string(statement.Text(1));
    entry.pid = statement.Int(2);
    entry.host = std::string(statement.Text(3));
    entry.location = std::string(statement.Text(4));
    nlohmann::json files = nlohmann::json::parse(statement.Text(5), nullptr, false);
    if (!files.is_array()) {
      ThrowCorrupt(db_->path() + ": publish journal entry " + std::to_string(entry.id) +
                   " has an unreadable file list");
    }
    for (const auto& file : files) {
      if (!file.is_string()) {
        ThrowCorrupt(db_->path() + ": publish journal entry " + std::to_string(entry.id) +
                     " lists a file that is not a string");
      }
      entry.files.push_back(file.get<std::string>());
    }
    entry.created_on = statement.Int(6);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace basin::catalog
