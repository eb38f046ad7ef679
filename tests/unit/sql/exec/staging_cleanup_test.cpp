#include "sql/exec/staging_cleanup.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "exec_core_test_util.hpp"

namespace basin::sql {
namespace {

using namespace testing;
namespace fs = std::filesystem;

// The pid of a child that has exited and been reaped: a process known to be dead.
int64_t DeadPid() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  EXPECT_GT(child, 0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

// A folder with one file in it, as a writer leaves its staging folder.
void MakeFolder(const std::string& path) {
  fs::create_directories(path);
  std::ofstream(path + "/abc_0_0.parquet") << "partial";
}

std::string Name(const std::string& query_id, int64_t pid, const std::string& host) {
  return ".basin-staging-" + query_id + "-" + std::to_string(pid) + "-" + host;
}

TEST(StagingCleanupTest, NameSaysWhichProcessOnWhichHostWrites) {
  std::string name = StagingFolderName("0123abcd");
  auto owner = ParseStagingFolderName(name);
  ASSERT_TRUE(owner.has_value()) << name;
  EXPECT_EQ(owner->query_id, "0123abcd");
  EXPECT_EQ(owner->pid, static_cast<int64_t>(getpid()));
  EXPECT_EQ(owner->host, StagingHostName());
  EXPECT_EQ(name.find('/'), std::string::npos);
  // Listings give folders with a trailing slash; a host name may hold dashes.
  auto listed = ParseStagingFolderName(".basin-staging-ff-42-build-box-1.local/");
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(listed->query_id, "ff");
  EXPECT_EQ(listed->pid, 42);
  EXPECT_EQ(listed->host, "build-box-1.local");
}

TEST(StagingCleanupTest, OtherNamesHaveNoOwner) {
  for (const char* name :
       {".basin-staging-0123abcd", ".basin-staging-0123abcd/", "film", "part-0.parquet",
        ".basin-staging--12-host", ".basin-staging-ab-x12-host", ".basin-staging-ab-12-",
        ".basin-staging-ab--host", ".basin-staging-ab-99999999999999999999-host",
        "basin-staging-ab-12-host", ".staging-ab-12-host", ""}) {
    EXPECT_FALSE(ParseStagingFolderName(name).has_value()) << name;
  }
}

TEST(StagingCleanupTest, RemovesOnlyDeadWritersOfThisHost) {
  TempDir dir;
  std::string host = StagingHostName();
  int64_t dead = DeadPid();
  std::string dead_here = dir.Path(Name("aa", dead, host));
  std::string alive_here = dir.Path(Name("bb", getpid(), host));
  std::string dead_elsewhere = dir.Path(Name("cc", dead, host + "-elsewhere"));
  std::string old_form = dir.Path(".basin-staging-dd");
  std::string other_hidden = dir.Path(".hidden");
  for (const auto& path : {dead_here, alive_here, dead_elsewhere, old_form, other_hidden}) {
    MakeFolder(path);
  }
  std::ofstream(dir.Path("data.parquet")) << "published";

  EXPECT_EQ(RemoveDeadStagingFolders(dir.Path()), 1u);
  EXPECT_FALSE(fs::exists(dead_here));
  for (const auto& path : {alive_here, dead_elsewhere, old_form, other_hidden}) {
    EXPECT_TRUE(fs::exists(path + "/abc_0_0.parquet")) << path;
  }
  EXPECT_TRUE(fs::exists(dir.Path("data.parquet")));
  // Nothing left to remove the second time.
  EXPECT_EQ(RemoveDeadStagingFolders(dir.Path() + "/"), 0u);
}

TEST(StagingCleanupTest, MissingOrFileLocationIsNoError) {
  TempDir dir;
  EXPECT_EQ(RemoveDeadStagingFolders(dir.Path("not/there")), 0u);
  std::ofstream(dir.Path("file")) << "x";
  EXPECT_EQ(RemoveDeadStagingFolders(dir.Path("file")), 0u);
  EXPECT_EQ(RemoveDeadStagingFolders(""), 0u);
}

TEST(StagingCleanupTest, PrepareCleansThenNamesThisWritersFolder) {
  TempDir dir;
  std::string stale = dir.Path("out/" + Name("ee", DeadPid(), StagingHostName()));
  MakeFolder(stale);
  std::string staging = PrepareStagingFolder(dir.Path("out"), "0f0f");
  EXPECT_EQ(staging, dir.Path("out") + "/" + StagingFolderName("0f0f") + "/");
  EXPECT_FALSE(fs::exists(stale));
}

// Through the engine: a CTAS-like write into a folder holding a killed writer's staging
// folder removes it, publishes its own files, and leaves no staging folder of its own.
TEST(StagingCleanupTest, WriteRemovesKilledWritersStagingFolder) {
  TempDir dir;
  std::vector<std::string> names{"id"};
  std::vector<LogicalType> types{LogicalType::BigInt()};
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({Value::BigInt(i)});
  WriteFile(dir.Path("src/f.parquet"), formats::FileFormat::kParquet, names, types, rows);
  std::string stale = dir.Path("out/" + Name("ee", DeadPid(), StagingHostName()));
  MakeFolder(stale);

  auto write = std::make_unique<LogicalWrite>();
  write->location = dir.Path("out");
  write->format = LakeFormat::kParquet;
  write->column_names = names;
  write->table_index = 7;
  write->bindings = {{7, 0}};
  write->types = {LogicalType::BigInt()};
  auto plan = WithChild(std::move(write), MakeScan(1, dir.Path("src"), LakeFormat::kParquet,
                                                   names, types));
  auto result = ExecutePlan(*plan, {}, nullptr);
  EXPECT_EQ(Rows(result)[0][0], Value::BigInt(100));
  EXPECT_FALSE(fs::exists(stale));
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir.Path("out"))) {
    EXPECT_FALSE(entry.is_directory()) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, result.written_files.size());
  EXPECT_GT(files, 0u);
}

}  // namespace
}  // namespace basin::sql
