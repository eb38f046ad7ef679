// INSERT OVERWRITE, UNLOAD and the on_commit hook, on a real catalog and lake in a scratch
// home: what the folders and the catalog hold after a write, after a failing write (a cast
// error mid-query), and after a throwing hook.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "sql/engine/session.hpp"

namespace basin::sql {
namespace {

namespace fs = std::filesystem;

// A query whose second row fails a cast: the write has started when the error comes.
constexpr const char* kFailingRows =
    "SELECT CAST(x AS integer), 'bad' FROM (VALUES '1', 'oops') AS v(x)";

struct PartitionState {
  std::vector<std::string> values;
  std::string location;
  bool operator==(const PartitionState&) const = default;
};

// What a table is in the catalog: its location and its partitions.
struct TableState {
  std::string location;
  std::vector<PartitionState> partitions;
  bool operator==(const TableState&) const = default;
};

class WriteStatementsTest : public ::testing::Test {
 protected:
  WriteStatementsTest() {
    std::string pattern = (fs::temp_directory_path() / "basin-writes-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    home_ = pattern;
    catalog_ = std::make_unique<catalog::Catalog>(home_ / "catalog.db");
    session_ = std::make_unique<Session>(home_, *catalog_);
  }
  ~WriteStatementsTest() override {
    session_.reset();
    catalog_.reset();
    std::error_code ignored;
    fs::remove_all(home_, ignored);
  }

  // Every file below `folder` (hidden ones too), relative to it.
  std::set<std::string> Files(const fs::path& folder) const {
    std::set<std::string> files;
    if (!fs::exists(folder)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      if (entry.is_regular_file()) files.insert(fs::relative(entry.path(), folder).string());
    }
    return files;
  }
  fs::path TableRoot(const std::string& table) const { return home_ / "lake" / "default" / table; }

  TableState State(const std::string& table) {
    TableState state;
    catalog::Table entry = catalog_->GetTable("default", table);
    state.location = entry.storage_descriptor.location;
    if (!entry.partition_keys.empty()) {
      for (auto& partition : catalog_->GetPartitions("default", table).items) {
        state.partitions.push_back({partition.values, partition.storage_descriptor.location});
      }
    }
    return state;
  }

  int64_t Count(const std::string& sql) {
    StatementResult result = session_->Execute(sql);
    return result.chunks.at(0).column(0).data<int64_t>()[0];
  }

  bool TableExists(const std::string& name) {
    try {
      catalog_->GetTable("default", name);
      return true;
    } catch (const Error& error) {
      if (error.code() != ErrorCode::kNotFound) throw;
      return false;
    }
  }
  bool DatabaseExists(const std::string& name) {
    try {
      catalog_->GetDatabase(name);
      return true;
    } catch (const Error& error) {
      if (error.code() != ErrorCode::kNotFound) throw;
      return false;
    }
  }

  // A session whose on_commit counts its calls and records in the catalog that it ran (a
  // database named `marker`), then throws when `fail` is set.
  std::unique_ptr<Session> HookedSession(int* calls, const std::string& marker, bool fail) {
    SessionOptions options;
    options.on_commit = [calls, marker, fail](catalog::Catalog& catalog) {
      ++*calls;
      catalog::Database database;
      database.name = marker;
      catalog.CreateDatabase(database);
      if (fail) throw Error(ErrorCode::kConflict, "hook refused");
    };
    return std::make_unique<Session>(home_, *catalog_, options);
  }

  void MakePartitioned() {
    session_->Execute(
        "CREATE TABLE p WITH (partitioned_by = ARRAY['region']) AS SELECT * FROM (VALUES "
        "(1, 'eu'), (2, 'us'), (3, 'eu')) AS v(id, region)");
  }

  fs::path home_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<Session> session_;
};

// Replaced files stay for one overwrite (queries reading them finish), then go.
TEST_F(WriteStatementsTest, OverwriteSwitchesToNewFilesAndDeletesTheOld) {
  session_->Execute("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, x)");
  std::set<std::string> old_files = Files(TableRoot("t"));
  ASSERT_FALSE(old_files.empty());
  std::string old_location = State("t").location;

  session_->Execute("INSERT OVERWRITE TABLE t SELECT 7, 'z'");
  std::string location = State("t").location;
  EXPECT_NE(location, old_location);
  EXPECT_EQ(location.rfind((TableRoot("t") / ".basin-gen-").string(), 0), 0u) << location;
  for (const auto& file : old_files) EXPECT_TRUE(fs::exists(TableRoot("t") / file)) << file;
  EXPECT_FALSE(Files(location).empty());
  EXPECT_EQ(Count("SELECT count(*) FROM t"), 1);
  EXPECT_EQ(Count("SELECT sum(id) FROM t"), 7);

  // A second overwrite deletes the original files and keeps the first one's folder.
  session_->Execute("INSERT OVERWRITE TABLE t SELECT 8, 'y'");
  for (const auto& file : old_files) EXPECT_FALSE(fs::exists(TableRoot("t") / file)) << file;
  EXPECT_TRUE(fs::exists(location));
  EXPECT_EQ(Count("SELECT sum(id) FROM t"), 8);
  std::string second = State("t").location;

  // A third deletes the first one's folder: the root holds the current and previous ones.
  session_->Execute("INSERT OVERWRITE TABLE t SELECT 9, 'x'");
  EXPECT_FALSE(fs::exists(location));
  EXPECT_EQ(Count("SELECT sum(id) FROM t"), 9);
  for (const auto& file : Files(TableRoot("t"))) {
    std::string path = (TableRoot("t") / file).string();
    EXPECT_TRUE(path.rfind(State("t").location, 0) == 0 || path.rfind(second, 0) == 0) << file;
  }
}

TEST_F(WriteStatementsTest, FailingOverwriteLeavesFilesAndCatalogAsBefore) {
  session_->Execute("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, x)");
  std::set<std::string> files = Files(TableRoot("t"));
  TableState state = State("t");
  EXPECT_THROW(session_->Execute(std::string("INSERT OVERWRITE t ") + kFailingRows), Error);
  EXPECT_EQ(Files(TableRoot("t")), files);
  EXPECT_EQ(State("t"), state);
  EXPECT_EQ(Count("SELECT count(*) FROM t"), 2);
}

TEST_F(WriteStatementsTest, FailingOverwriteOfPartitionsLeavesThemAsBefore) {
  MakePartitioned();
  std::set<std::string> files = Files(TableRoot("p"));
  TableState state = State("p");
  ASSERT_EQ(state.partitions.size(), 2u);
  EXPECT_THROW(session_->Execute(std::string("INSERT OVERWRITE p PARTITION (region) ") +
                                 "SELECT CAST(x AS integer), 'eu' FROM (VALUES '1', 'oops') "
                                 "AS v(x)"),
               Error);
  EXPECT_THROW(session_->Execute(std::string("INSERT OVERWRITE p ") +
                                 "SELECT CAST(x AS integer), 'eu' FROM (VALUES '1', 'oops') "
                                 "AS v(x)"),
               Error);
  EXPECT_EQ(Files(TableRoot("p")), files);
  EXPECT_EQ(State("p"), state);
  EXPECT_EQ(Count("SELECT count(*) FROM p"), 3);
}

TEST_F(WriteStatementsTest, DynamicOverwriteReplacesOnlyPartitionsThatGetRows) {
  MakePartitioned();
  TableState before = State("p");
  std::set<std::string> us_files = Files(before.partitions[1].location);
  std::set<std::string> eu_files = Files(before.partitions[0].location);
  ASSERT_FALSE(us_files.empty());
  ASSERT_FALSE(eu_files.empty());

  session_->Execute("INSERT OVERWRITE p PARTITION (region) SELECT 10, 'eu'");
  TableState after = State("p");
  EXPECT_EQ(after.location, before.location);
  ASSERT_EQ(after.partitions.size(), 2u);
  EXPECT_EQ(after.partitions[0].values, std::vector<std::string>{"eu"});
  EXPECT_NE(after.partitions[0].location, before.partitions[0].location);
  EXPECT_EQ(after.partitions[1], before.partitions[1]);  // us untouched
  EXPECT_EQ(Files(before.partitions[1].location), us_files);
  EXPECT_EQ(Files(before.partitions[0].location), eu_files);  // kept for one overwrite
  EXPECT_EQ(Count("SELECT count(*) FROM p WHERE region = 'eu'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM p WHERE region = 'us'"), 1);
  session_->Execute("INSERT OVERWRITE p PARTITION (region) SELECT 11, 'eu'");
  EXPECT_TRUE(Files(before.partitions[0].location).empty());  // the old eu files are gone
  EXPECT_EQ(Count("SELECT sum(id) FROM p WHERE region = 'eu'"), 11);
}

TEST_F(WriteStatementsTest, FullOverwriteOfPartitionedTableReplacesEveryPartition) {
  MakePartitioned();
  TableState before = State("p");
  session_->Execute("INSERT OVERWRITE p SELECT 5, 'fr'");
  TableState after = State("p");
  EXPECT_NE(after.location, before.location);
  ASSERT_EQ(after.partitions.size(), 1u);
  EXPECT_EQ(after.partitions[0].values, std::vector<std::string>{"fr"});
  EXPECT_EQ(after.partitions[0].location.rfind(after.location, 0), 0u);
  for (const auto& partition : before.partitions) {
    EXPECT_FALSE(Files(partition.location).empty());  // kept for one overwrite
  }
  EXPECT_EQ(Count("SELECT count(*) FROM p"), 1);
  session_->Execute("INSERT OVERWRITE p SELECT 6, 'fr'");
  for (const auto& partition : before.partitions) EXPECT_TRUE(Files(partition.location).empty());
  EXPECT_EQ(Count("SELECT sum(id) FROM p"), 6);
}

// ---- on_commit: once per write, inside the transaction that registers the output ----

TEST_F(WriteStatementsTest, HookRunsOnceWithTheOutputOfEveryWriteStatement) {
  MakePartitioned();
  session_->Execute("CREATE TABLE t AS SELECT 1 AS id");
  const char* const statements[] = {
      "CREATE TABLE made AS SELECT 1 AS id",
      "INSERT INTO t SELECT 2",
      "INSERT INTO p SELECT 4, 'fr'",
      "INSERT OVERWRITE t SELECT 3",
      "INSERT OVERWRITE p PARTITION (region) SELECT 5, 'de'",
      "INSERT OVERWRITE p SELECT 6, 'it'",
  };
  int n = 0;
  for (const char* sql : statements) {
    SCOPED_TRACE(sql);
    int calls = 0;
    std::string marker = "hook_" + std::to_string(n++);
    auto session = HookedSession(&calls, marker, false);
    session->Execute(sql);
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(DatabaseExists(marker));
  }
  int calls = 0;
  auto session = HookedSession(&calls, "hook_unload", false);
  session->Execute("UNLOAD (SELECT 1 AS id) TO '" + (home_ / "out").string() + "'");
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(DatabaseExists("hook_unload"));
  EXPECT_FALSE(Files(home_ / "out").empty());
}

TEST_F(WriteStatementsTest, HookSeesTheRegisteredOutput) {
  SessionOptions options;
  std::vector<std::string> seen;
  options.on_commit = [&](catalog::Catalog& catalog) {
    catalog.GetTable("default", "p");  // NotFound unless registered in this transaction
    for (auto& partition : catalog.GetPartitions("default", "p").items) {
      seen.push_back(partition.values[0]);
    }
  };
  Session session(home_, *catalog_, options);
  session.Execute("CREATE TABLE p WITH (partitioned_by = ARRAY['r']) AS SELECT 1 AS id, 'a' AS r");
  EXPECT_EQ(seen, std::vector<std::string>{"a"});
  seen.clear();
  session.Execute("INSERT OVERWRITE p PARTITION (r) SELECT 2, 'b'");
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));
}

TEST_F(WriteStatementsTest, ThrowingHookFailsCtasAndLeavesNoTable) {
  int calls = 0;
  auto session = HookedSession(&calls, "marker", true);
  EXPECT_THROW(session->Execute("CREATE TABLE made WITH (partitioned_by = ARRAY['r']) AS "
                                "SELECT 1 AS id, 'a' AS r"),
               Error);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(TableExists("made"));
  EXPECT_FALSE(DatabaseExists("marker"));
  EXPECT_TRUE(Files(TableRoot("made")).empty());
  // The name and the folder are free again.
  session_->Execute("CREATE TABLE made AS SELECT 1 AS id");
}

TEST_F(WriteStatementsTest, ThrowingHookFailsInsertAndLeavesTableAsBefore) {
  MakePartitioned();
  TableState state = State("p");
  std::set<std::string> files = Files(TableRoot("p"));
  int calls = 0;
  auto session = HookedSession(&calls, "marker", true);
  EXPECT_THROW(session->Execute("INSERT INTO p VALUES (9, 'fr'), (8, 'eu')"), Error);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(State("p"), state);
  EXPECT_EQ(Files(TableRoot("p")), files);
  EXPECT_FALSE(DatabaseExists("marker"));
  EXPECT_EQ(Count("SELECT count(*) FROM p"), 3);
}

TEST_F(WriteStatementsTest, ThrowingHookFailsOverwritesAndLeavesTableAsBefore) {
  MakePartitioned();
  session_->Execute("CREATE TABLE t AS SELECT 1 AS id");
  const char* const statements[] = {
      "INSERT OVERWRITE t SELECT 3",
      "INSERT OVERWRITE p PARTITION (region) SELECT 5, 'eu'",
      "INSERT OVERWRITE p SELECT 6, 'it'",
  };
  for (const char* sql : statements) {
    SCOPED_TRACE(sql);
    TableState t = State("t");
    TableState p = State("p");
    std::set<std::string> t_files = Files(TableRoot("t"));
    std::set<std::string> p_files = Files(TableRoot("p"));
    int calls = 0;
    auto session = HookedSession(&calls, "marker", true);
    EXPECT_THROW(session->Execute(sql), Error);
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(State("t"), t);
    EXPECT_EQ(State("p"), p);
    EXPECT_EQ(Files(TableRoot("t")), t_files);
    EXPECT_EQ(Files(TableRoot("p")), p_files);
    EXPECT_FALSE(DatabaseExists("marker"));
  }
  EXPECT_EQ(Count("SELECT count(*) FROM p"), 3);
  EXPECT_EQ(Count("SELECT sum(id) FROM t"), 1);
}

TEST_F(WriteStatementsTest, ThrowingHookFailsUnloadAndRemovesItsFiles) {
  std::string out = (home_ / "out").string();
  session_->Execute("UNLOAD (SELECT 1 AS id) TO '" + out + "'");
  std::set<std::string> files = Files(out);
  ASSERT_EQ(files.size(), 1u);
  int calls = 0;
  auto session = HookedSession(&calls, "marker", true);
  EXPECT_THROW(session->Execute("UNLOAD (SELECT 2 AS id) TO '" + out + "' WITH (append = true)"),
               Error);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(Files(out), files);
  EXPECT_FALSE(DatabaseExists("marker"));
}

TEST_F(WriteStatementsTest, FailingUnloadLeavesNoFiles) {
  std::string out = (home_ / "out").string();
  EXPECT_THROW(session_->Execute(std::string("UNLOAD (") + kFailingRows + ") TO '" + out + "'"),
               Error);
  EXPECT_TRUE(Files(out).empty());
}

}  // namespace
}  // namespace basin::sql
