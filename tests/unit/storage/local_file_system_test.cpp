#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.hpp"
#include "storage/local_file_system.hpp"
#include "storage/memory_file.hpp"

namespace basin::storage {
namespace {

class LocalFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("basin-storage-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string Path(const std::string& name) const { return (root_ / name).string(); }

  std::filesystem::path root_;
  LocalFileSystem fs_;
};

TEST_F(LocalFileSystemTest, CommittedFileAppearsWithItsBytes) {
  auto file = fs_.Create(Path("a/b/data.bin"));
  file->Append("hello ");
  file->Append(std::string(3 << 20, 'x'));  // larger than the write buffer
  EXPECT_EQ(file->position(), 6u + (3u << 20));
  EXPECT_FALSE(fs_.Exists(Path("a/b/data.bin")));
  file->Commit();
  EXPECT_TRUE(fs_.Exists(Path("a/b/data.bin")));
  auto reader = fs_.OpenForRead(Path("a/b/data.bin"));
  EXPECT_EQ(reader->size(), 6u + (3u << 20));
  EXPECT_EQ(reader->ReadString(0, 7), "hello x");
  EXPECT_EQ(reader->bytes_read(), 7u);
}

TEST_F(LocalFileSystemTest, AbandonedFileLeavesNoTrace) {
  { auto file = fs_.Create(Path("x/partial.bin")); file->Append("half"); }
  EXPECT_FALSE(fs_.Exists(Path("x/partial.bin")));
  EXPECT_TRUE(fs_.ListRecursive(Path("x")).empty());
}

TEST_F(LocalFileSystemTest, ReadsPastTheEndAreCorruptAndNamesTheFile) {
  auto file = fs_.Create(Path("short.bin"));
  file->Append("12345");
  file->Commit();
  auto reader = fs_.OpenForRead(Path("short.bin"));
  char buffer[8];
  try {
    reader->ReadAt(3, 4, buffer);
    FAIL() << "read past the end";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
    EXPECT_NE(std::string(error.what()).find("short.bin"), std::string::npos);
  }
}

TEST_F(LocalFileSystemTest, MissingFileIsNotFound) {
  try {
    fs_.OpenForRead(Path("missing"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kNotFound);
  }
}

TEST_F(LocalFileSystemTest, ListsFilesRecursivelyInOrder) {
  for (const char* name : {"t/b.csv", "t/a.csv", "t/year=2024/c.csv"}) {
    auto file = fs_.Create(Path(name));
    file->Append("1");
    file->Commit();
  }
  auto files = fs_.ListRecursive(Path("t"));
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, Path("t/a.csv"));
  EXPECT_EQ(files[2].path, Path("t/year=2024/c.csv"));
}

TEST(MemoryFile, ServesRangesAndRejectsOverruns) {
  MemoryFile file("mem", "abcdef");
  EXPECT_EQ(file.ReadString(2, 3), "cde");
  EXPECT_THROW(file.ReadString(5, 2), Error);
  EXPECT_THROW(file.ReadString(UINT64_MAX, 1), Error);
}

}  // namespace
}  // namespace basin::storage
