// One contract, two file systems: listing by prefix, one level or recursive, in pages; Stat
// of files and folders; Move; Delete of folders. The same expectations run on local disk and
// on S3 (s3rver on loopback), so code above storage/ cannot tell them apart.

#include <gtest/gtest.h>

#include <memory>

#include "common/error.hpp"
#include "storage/local_file_system.hpp"
#include "storage/s3_file_system.hpp"
#include "unit/storage/s3_test_server.hpp"

namespace basin::storage {
namespace {

using testing::MakeTempDir;
using testing::S3TestServer;

enum class Kind { kLocal, kS3 };

class ListContractTest : public ::testing::TestWithParam<Kind> {
 protected:
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    if (GetParam() == Kind::kLocal) {
      local_dir_ = MakeTempDir("list-contract");
      root_ = local_dir_.string() + "/";
      fs_ = std::make_unique<LocalFileSystem>();
    } else {
      if (server_ == nullptr) server_ = new S3TestServer({"lake"});
      AwsConfig config;
      config.credentials = {"S3RVER", "S3RVER", ""};
      config.endpoint_url = server_->endpoint();
      fs_ = std::make_unique<S3FileSystem>(config);
      // A folder per test: the server lives as long as the suite.
      std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
      root_ = "s3://lake/" + test.substr(0, test.find('/')) + "/";
    }
    for (const char* name : {"a/x.csv", "a/y/z.csv", "a/y/w.csv", "ab.csv", "b/c.csv"}) {
      Write(name, name);
    }
  }

  void TearDown() override {
    if (!local_dir_.empty()) std::filesystem::remove_all(local_dir_);
  }

  void Write(const std::string& name, std::string_view bytes) {
    auto file = fs_->Create(root_ + name);
    file->Append(bytes);
    file->Commit();
  }

  // Paths without the root, folders marked with a trailing '/'.
  std::vector<std::string> Relative(const std::vector<FileInfo>& entries) {
    std::vector<std::string> names;
    for (const auto& entry : entries) {
      EXPECT_TRUE(entry.path.starts_with(root_)) << entry.path;
      names.push_back(entry.path.substr(root_.size()));
      if (entry.is_directory) {
        EXPECT_TRUE(names.back().ends_with('/')) << entry.path;
      }
    }
    return names;
  }

  static S3TestServer* server_;
  std::filesystem::path local_dir_;
  std::string root_;
  std::unique_ptr<FileSystem> fs_;
};

S3TestServer* ListContractTest::server_ = nullptr;

using Names = std::vector<std::string>;

TEST_P(ListContractTest, RecursiveListingByFolderAndByNamePrefix) {
  EXPECT_EQ(Relative(fs_->List(root_ + "a/", {}).entries),
            (Names{"a/x.csv", "a/y/w.csv", "a/y/z.csv"}));
  // A string prefix: "a" matches the folder a/ and the file ab.csv.
  EXPECT_EQ(Relative(fs_->List(root_ + "a", {}).entries),
            (Names{"a/x.csv", "a/y/w.csv", "a/y/z.csv", "ab.csv"}));
  EXPECT_EQ(Relative(fs_->List(root_ + "a/y/w", {}).entries), (Names{"a/y/w.csv"}));
  EXPECT_TRUE(fs_->List(root_ + "nothing/", {}).entries.empty());
  auto sized = fs_->List(root_ + "b/", {}).entries;
  ASSERT_EQ(sized.size(), 1u);
  EXPECT_EQ(sized[0].size, 7u);
  EXPECT_FALSE(sized[0].is_directory);
  EXPECT_EQ(fs_->ListRecursive(root_ + "a").size(), 3u);
}

TEST_P(ListContractTest, OneLevelListingShowsFolders) {
  ListOptions one_level;
  one_level.recursive = false;
  EXPECT_EQ(Relative(fs_->List(root_, one_level).entries), (Names{"a/", "ab.csv", "b/"}));
  EXPECT_EQ(Relative(fs_->List(root_ + "a/", one_level).entries), (Names{"a/x.csv", "a/y/"}));
}

TEST_P(ListContractTest, PagesWalkEverythingOnce) {
  ListOptions options;
  options.page_size = 2;
  Names all;
  int pages = 0;
  do {
    ListPage page = fs_->List(root_, options);
    EXPECT_LE(page.entries.size(), 2u);
    for (auto& name : Relative(page.entries)) all.push_back(name);
    options.page_token = page.next_page_token;
    ++pages;
  } while (!options.page_token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(all, (Names{"a/x.csv", "a/y/w.csv", "a/y/z.csv", "ab.csv", "b/c.csv"}));
}

TEST_P(ListContractTest, UnfinishedWritesAreNotListed) {
  auto pending = fs_->Create(root_ + "a/pending.csv");
  pending->Append("not yet");
  EXPECT_EQ(fs_->List(root_ + "a/", {}).entries.size(), 3u);
  pending->Commit();
  EXPECT_EQ(fs_->List(root_ + "a/", {}).entries.size(), 4u);
}

TEST_P(ListContractTest, StatMoveAndDelete) {
  EXPECT_FALSE(fs_->Stat(root_ + "a/x.csv").is_directory);
  EXPECT_EQ(fs_->Stat(root_ + "a/x.csv").size, 7u);
  EXPECT_TRUE(fs_->Stat(root_ + "a/y").is_directory);
  EXPECT_FALSE(fs_->Exists(root_ + "a/q.csv"));
  try {
    fs_->Stat(root_ + "a/q.csv");
    ADD_FAILURE() << "Stat of a missing file";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kNotFound);
  }

  fs_->Move(root_ + "a/x.csv", root_ + "published/x.csv");
  EXPECT_FALSE(fs_->Exists(root_ + "a/x.csv"));
  EXPECT_EQ(fs_->OpenForRead(root_ + "published/x.csv")->ReadString(0, 7), "a/x.csv");
  // Moving over an existing file replaces it.
  fs_->Move(root_ + "ab.csv", root_ + "published/x.csv");
  EXPECT_EQ(fs_->OpenForRead(root_ + "published/x.csv")->ReadString(0, 6), "ab.csv");

  fs_->Delete(root_ + "a");
  EXPECT_FALSE(fs_->Exists(root_ + "a/y/z.csv"));
  EXPECT_TRUE(fs_->List(root_ + "a/", {}).entries.empty());
  EXPECT_TRUE(fs_->Exists(root_ + "b/c.csv"));
  fs_->Delete(root_ + "never-was");  // missing paths are no error
}

INSTANTIATE_TEST_SUITE_P(FileSystems, ListContractTest, ::testing::Values(Kind::kLocal, Kind::kS3),
                         [](const auto& info) {
                           return info.param == Kind::kLocal ? std::string("Local")
                                                             : std::string("S3");
                         });

}  // namespace
}  // namespace basin::storage
