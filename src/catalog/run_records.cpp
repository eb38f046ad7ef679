// Run records (crawls, job runs): the rows, whatever kind of run they hold.
#include "catalog/run_records.hpp"

#include "common/error.hpp"
#include "common/process.hpp"

namespace basin::catalog::store {

namespace {

std::vector<RunRow> Rows(Statement& statement) {
  std::vector<RunRow> rows;
  while (statement.Step()) {
    rows.push_back(RunRow{statement.Int(0), std::string(statement.Text(1)),
                          std::string(statement.Text(2))});
  }
  return rows;
}

}  // namespace

int64_t InsertRun(SqliteDb& db, const RunTable& runs, int64_t parent_id, std::string_view state) {
  db.Prepare(std::string("INSERT INTO ") + runs.table + " (" + runs.parent +
             ", state, definition) VALUES (?, ?, '{}')")
      .Bind(1, parent_id)
      .Bind(2, state)
      .Run();
  return db.LastInsertRowId();
}

void WriteRun(SqliteDb& db, const RunTable& runs, int64_t id, std::string_view state,
              const std::string& definition) {
  db.Prepare(std::string("UPDATE ") + runs.table + " SET state = ?, definition = ? WHERE id = ?")
      .Bind(1, state)
      .Bind(2, definition)
      .Bind(3, id)
      .Run();
}

RunRow LoadRun(SqliteDb& db, const RunTable& runs, int64_t id) {
  Statement statement =
      db.Prepare(std::string("SELECT id, state, definition FROM ") + runs.table + " WHERE id = ?");
  statement.Bind(1, id);
  if (!statement.Step()) {
    throw Error(ErrorCode::kNotFound,
                std::string(runs.kind) + " '" + std::to_string(id) + "' does not exist");
  }
  return RunRow{statement.Int(0), std::string(statement.Text(1)), std::string(statement.Text(2))};
}

std::vector<RunRow> RunsInStates(SqliteDb& db, const RunTable& runs, int64_t parent_id,
                                 std::initializer_list<std::string_view> states) {
  std::string placeholders;
  for (size_t i = 0; i < states.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
  Statement statement = db.Prepare(std::string("SELECT id, state, definition FROM ") +
                                   runs.table + " WHERE " + runs.parent + " = ? AND state IN (" +
                                   placeholders + ") ORDER BY id");
  statement.Bind(1, parent_id);
  int index = 2;
  for (std::string_view state : states) statement.Bind(index++, state);
  return Rows(statement);
}

std::vector<RunRow> ListRuns(SqliteDb& db, const RunTable& runs, int64_t parent_id,
                             int64_t limit) {
  Statement statement =
      db.Prepare(std::string("SELECT id, state, definition FROM ") + runs.table + " WHERE " +
                 runs.parent + " = ? ORDER BY id DESC LIMIT ?");
  statement.Bind(1, parent_id).Bind(2, limit > 0 ? limit : -1);
  return Rows(statement);
}

void ThrowRunEnded(const RunTable& runs, int64_t id, std::string_view state) {
  throw Error(ErrorCode::kConflict, std::string(runs.kind) + " " + std::to_string(id) +
                                        " already ended (" + std::string(state) + ")");
}

bool ProcessAlive(int64_t pid, int64_t start_time) { return IsProcessAlive(pid, start_time); }

}  // namespace basin::catalog::store
