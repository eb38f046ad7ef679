// Several processes writing one catalog.db, as a server and CLI commands do.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog/catalog.hpp"
#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::ScratchDir;

constexpr int kUpdatesPerWriter = 60;

// In a forked child: opens its own Catalog and runs `work`; exits 0 on success. Never returns.
[[noreturn]] void RunChild(const std::filesystem::path& path,
                           const std::function<void(Catalog&)>& work) {
  int status = 0;
  try {
    Catalog catalog(path);
    work(catalog);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "child %d: %s\n", getpid(), error.what());
    status = 1;
  }
  _exit(status);
}

std::vector<pid_t> Spawn(const std::filesystem::path& path, int writers,
                         const std::function<void(Catalog&, int)>& work) {
  std::vector<pid_t> children;
  for (int writer = 0; writer < writers; ++writer) {
    pid_t pid = fork();
    if (pid == 0) RunChild(path, [&](Catalog& catalog) { work(catalog, writer); });
    children.push_back(pid);
  }
  return children;
}

void ExpectAllSucceed(const std::vector<pid_t>& children) {
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child failed: " << status;
  }
}

std::string IntegrityCheck(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr);
  std::string result = sqlite3_step(statement) == SQLITE_ROW
                           ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))
                           : "no answer";
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return result;
}

TEST(Concurrency, TwoProcessesUpdatingOneTableLoseNoUpdate) {
  ScratchDir dir;
  auto path = dir.path() / "catalog.db";
  {
    Catalog catalog(path);
    Database database;
    database.name = "movies";
    catalog.CreateDatabase(database);
    catalog.CreateTable("movies", testing::MakeTable("film"));
  }
  // Each writer adds its own parameter per update and bumps a shared counter: a lost update
  // would drop a parameter or leave the counter short.
  auto children = Spawn(path, 2, [](Catalog& catalog, int writer) {
    for (int i = 0; i < kUpdatesPerWriter; ++i) {
      catalog.UpdateTable("movies", "film", [&](Table& table) {
        table.parameters["w" + std::to_string(writer) + "_" + std::to_string(i)] = "1";
        int counter =
            table.parameters.count("counter") ? std::stoi(table.parameters["counter"]) : 0;
        table.parameters["counter"] = std::to_string(counter + 1);
      });
    }
  });
  ExpectAllSucceed(children);

  Catalog catalog(path);
  Table film = catalog.GetTable("movies", "film");
  EXPECT_EQ(film.parameters.at("counter"), std::to_string(2 * kUpdatesPerWriter));
  for (int writer = 0; writer < 2; ++writer) {
    for (int i = 0; i < kUpdatesPerWriter; ++i) {
      EXPECT_EQ(film.parameters.count("w" + std::to_string(writer) + "_" + std::to_string(i)), 1u);
    }
  }
  EXPECT_EQ(film.version_id, 1 + 2 * kUpdatesPerWriter);
  EXPECT_EQ(catalog.GetTableVersions("movies", "film").items.size(),
            static_cast<size_t>(1 + 2 * kUpdatesPerWriter));
  EXPECT_EQ(IntegrityCheck(path), "ok");
}

TEST(Concurrency, ProcessesOpeningANewCatalogAtOnceMigrateItOnce) {
  ScratchDir dir;
  auto path = dir.path() / "catalog.db";
  auto children = Spawn(path, 4, [](Catalog& catalog, int writer) {
    Database database;
    database.name = "db" + std::to_string(writer);
    catalog.CreateDatabase(database);
    for (int i = 0; i < 20; ++i) {
      catalog.CreateTable(database.name, testing::MakeTable("t" + std::to_string(i)));
    }
  });
  ExpectAllSucceed(children);
  Catalog catalog(path);
  EXPECT_EQ(catalog.GetDatabases().items.size(), 4u);
  EXPECT_EQ(catalog.SearchTables(TableSearch{}).items.size(), 80u);
  EXPECT_EQ(IntegrityCheck(path), "ok");
}

TEST(Concurrency, ThreadsMayShareOneCatalog) {
  ScratchDir dir;
  Catalog catalog(dir.path() / "catalog.db");
  Database database;
  database.name = "movies";
  catalog.CreateDatabase(database);
  catalog.CreateTable("movies", testing::MakeTable("film", {testing::Col("k", "int")}));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        Partition partition;
        partition.values = {std::to_string(t * 100 + i)};
        catalog.CreatePartition("movies", "film", partition);
        catalog.GetPartitions("movies", "film", {"k >= 0", {}});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(catalog.GetPartitions("movies", "film").items.size(), 100u);
}

}  // namespace
}  // namespace basin::catalog
