#include "catalog/sqlite_db.hpp"

#include <sqlite3.h>

#include <filesystem>

#include "common/error.hpp"

namespace basin::catalog {

Statement::Statement(SqliteDb& db, sqlite3_stmt* stmt, bool cached)
    : db_(&db), stmt_(stmt), cached_(cached) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), cached_(other.cached_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ != nullptr) db_->Release(stmt_, cached_);
}

Statement& Statement::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) db_->Fail(rc, "binding a statement parameter");
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_->Fail(rc, "binding a statement parameter");
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still bind as a blob, not NULL: give SQLite a valid pointer.
  const char* data = bytes.empty() ? "" : bytes.data();
  int rc = sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->Fail(rc, "binding a statement parameter");
  return *this;
}

Statement& Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) db_->Fail(rc, "binding a statement parameter");
  return *this;
}

bool Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->Fail(rc, "running a catalog query");
}

void Statement::Run() {
  while (Step()) {
  }
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string_view Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return {text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string_view Statement::Blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (bytes == nullptr) return {};
  return {bytes, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

SqliteDb::SqliteDb(std::string path, const Options& options)
    : path_(std::move(path)), busy_timeout_ms_(options.busy_timeout_ms) {
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  if (!options.create) {
    std::error_code error;
    if (!std::filesystem::exists(path_, error)) {
      throw Error(ErrorCode::kNotFound, "database file " + path_ + " does not exist");
    }
  }
  int rc = sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    if ((rc & 0xFF) == SQLITE_CANTOPEN) {
      ThrowIO("cannot open database file " + path_ + ": " + message);
    }
    Fail(rc, "opening it");
  }
  sqlite3_busy_timeout(db_, busy_timeout_ms_);
  // Reading the schema makes SQLite look at the file header now, so a file that is not a
  // database fails here with Corrupt rather than in the middle of some later operation.
  rc = sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    int saved = rc;
    std::string message = sqlite3_errmsg(db_);
    sqlite3_close(db_);
    db_ = nullptr;
    if ((saved & 0xFF) == SQLITE_NOTADB || (saved & 0xFF) == SQLITE_CORRUPT) {
      ThrowCorrupt(path_ + " is not an SQLite database or is damaged: " + message);
    }
    Fail(saved, "reading its schema");
  }
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  if (db_ != nullptr) sqlite3_close(db_);
}

void SqliteDb::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    sqlite3_free(message);
    Fail(rc, "changing the catalog schema");
  }
}

Statement SqliteDb::Prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Statement(*this, it->second.stmt, true);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) Fail(rc, "preparing a catalog query");
  if (it == cache_.end()) {
    cache_.emplace(std::move(key), CachedStatement{stmt, true});
    return Statement(*this, stmt, true);
  }
  return Statement(*this, stmt, false);
}

void SqliteDb::Release(sqlite3_stmt* stmt, bool cached) {
  if (!cached) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  for (auto& [sql, entry] : cache_) {
    if (entry.stmt == stmt) {
      entry.in_use = false;
      return;
    }
  }
}

int64_t SqliteDb::QueryInt(std::string_view sql) {
  Statement statement = Prepare(sql);
  if (!statement.Step()) ThrowInternal("query returned no row: " + std::string(sql));
  return statement.Int(0);
}

int64_t SqliteDb::LastInsertRowId() { return sqlite3_last_insert_rowid(db_); }

int64_t SqliteDb::Changes() { return sqlite3_changes64(db_); }

void SqliteDb::Fail(int rc, std::string_view doing) {
  std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  std::string where = path_ + " (" + std::string(doing) + ")";
  switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw Error(ErrorCode::kTimeout,
                  where + ": the catalog stayed locked by another process (waited up to " +
                      std::to_string(busy_timeout_ms_ / 1000) + " s); try again");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      ThrowCorrupt(where + ": the database is damaged (" + detail + "); restore it from a backup");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH: throw Error(ErrorCode::kAccessDenied, where + ": " + detail);
    case SQLITE_FULL: throw Error(ErrorCode::kResourceExhausted, where + ": the disk is full");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: ThrowIO(where + ": " + detail);
    case SQLITE_CONSTRAINT: throw Error(ErrorCode::kConflict, where + ": " + detail);
    default: ThrowInternal(where + ": SQLite error " + std::to_string(rc) + ": " + detail);
  }
}

Transaction::Transaction(SqliteDb& db, Kind kind) : db_(db) {
  int& depth = db_.transaction_depth();
  if (depth > 0) {
    savepoint_ = "basin_savepoint_" + std::to_string(depth);
    db_.Prepare("SAVEPOINT " + savepoint_).Run();
  } else {
    db_.Prepare(kind == Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN").Run();
  }
  ++depth;
}

Transaction::~Transaction() {
  if (!open_) return;
  --db_.transaction_depth();
  // Nothing useful can be done if the rollback itself fails; SQLite rolls back on close.
  if (savepoint_.empty()) {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  } else {
    std::string undo = "ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_;
    sqlite3_exec(db_.handle(), undo.c_str(), nullptr, nullptr, nullptr);
  }
}

void Transaction::Commit() {
  db_.Prepare(savepoint_.empty() ? std::string("COMMIT") : "RELEASE " + savepoint_).Run();
  open_ = false;
  --db_.transaction_depth();
}

}  // namespace basin::catalog
