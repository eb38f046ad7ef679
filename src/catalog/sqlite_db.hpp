#pragma once

// A thin RAII layer over one SQLite connection, used by the catalog store and by connection
// probes: prepared statements cached by their SQL text, transactions, and SQLite failures turned
// into basin::Error naming the database file. Not thread-safe: one thread at a time per SqliteDb
// (Catalog serialises its callers with a mutex).

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace basin::catalog {

class SqliteDb;

// A prepared statement in use. Bind by 1-based index, Step through rows, read columns by
// 0-based index. Text and blob views stay valid until the next Step or the statement ends.
// On destruction the statement is reset and goes back to its connection's cache.
class Statement {
 public:
  Statement(SqliteDb& db, sqlite3_stmt* stmt, bool cached);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // True when a row is ready, false when the statement is done.
  bool Step();
  // Runs a statement that returns no rows.
  void Run();

  int64_t Int(int column) const;
  std::string_view Text(int column) const;
  std::string_view Blob(int column) const;
  bool IsNull(int column) const;

 private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_;
  bool cached_;
};

class SqliteDb {
 public:
  struct Options {
    bool create = true;      // create the file when missing
    bool read_only = false;  // open without write access
    int busy_timeout_ms = 10'000;
  };
  // Opens the database file. Missing file without `create`: NotFound; not a database: Corrupt.
  SqliteDb(std::string path, const Options& options);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }
  // Open Transactions on this connection (nested ones are savepoints).
  int& transaction_depth() { return transaction_depth_; }

  // Runs one or more statements without results (schema changes, pragmas).
  void Exec(std::string_view sql);
  // A cached prepared statement for `sql` (a fresh one when the cached one is in use).
  Statement Prepare(std::string_view sql);
  // A single integer result, e.g. PRAGMA user_version.
  int64_t QueryInt(std::string_view sql);

  int64_t LastInsertRowId();
  int64_t Changes();

  // Throws the basin::Error matching SQLite result code `rc`, saying what was being done.
  [[noreturn]] void Fail(int rc, std::string_view doing);

 private:
  friend class Statement;
  void Release(sqlite3_stmt* stmt, bool cached);

  std::string path_;
  sqlite3* db_ = nullptr;
  int busy_timeout_ms_;
  int transaction_depth_ = 0;
  struct CachedStatement {
    sqlite3_stmt* stmt;
    bool in_use;
  };
  std::unordered_map<std::string, CachedStatement> cache_;
};

// A transaction that rolls back unless committed. Write transactions start with BEGIN
// IMMEDIATE, taking the write lock up front, so a read-modify-write never loses an update to
// another process; read transactions see one consistent snapshot. A Transaction opened while
// another is open on the same connection is a savepoint inside it: its work commits with the
// outer one (Catalog::InTransaction groups several catalog calls into one commit).
class Transaction {
 public:
  enum class Kind { kRead, kWrite };
  Transaction(SqliteDb& db, Kind kind);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void Commit();

 private:
  SqliteDb& db_;
  bool open_ = true;
  std::string savepoint_;  // set when nested
};

}  // namespace basin::catalog
