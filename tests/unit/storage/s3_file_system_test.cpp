// S3FileSystem against a real S3-protocol server (s3rver on loopback), cross-checked with the
// AWS CLI: what Basin writes the CLI reads back byte for byte, and the reverse.

#include "storage/s3_file_system.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>
#include <random>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "unit/storage/s3_test_server.hpp"
#include "unit/error_code_of.hpp"

namespace basin::storage {
namespace {

using testing::AwsCli;
using testing::CommandResult;
using testing::MakeTempDir;
using testing::RunCommand;
using testing::S3TestServer;

std::string RandomBytes(size_t size, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; i += 8) {
    uint64_t word = random();
    for (size_t j = 0; j < 8 && i + j < size; ++j)
      bytes[i + j] = static_cast<char>(word >> (8 * j));
  }
  return bytes;
}

std::string ReadLocal(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteLocal(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A loopback port nobody listens on.
int ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

using basin::testing::CodeOf;

class S3FileSystemTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new std::filesystem::path(MakeTempDir("s3-home"));
    // The AWS CLI runs with s3rver's built-in keys and an empty HOME (no ~/.aws of the machine).
    ::setenv("HOME", home_->c_str(), 1);
    ::setenv("AWS_ACCESS_KEY_ID", "S3RVER", 1);
    ::setenv("AWS_SECRET_ACCESS_KEY", "S3RVER", 1);
    ::setenv("AWS_DEFAULT_REGION", "us-east-1", 1);
    ::setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
    ::setenv("AWS_PAGER", "", 1);
    server_ = new S3TestServer({"lake", "other"});
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(*home_);
    delete home_;
  }

  void SetUp() override { work_ = MakeTempDir("s3-work"); }
  void TearDown() override { std::filesystem::remove_all(work_); }

  static AwsConfig Config(const std::string& endpoint) {
    AwsConfig config;
    config.credentials = {"S3RVER", "S3RVER", ""};
    config.credentials_source = "the test";
    config.endpoint_url = endpoint;
    config.part_size = kMinPartSize;
    config.max_attempts = 4;
    return config;
  }

  CommandResult Aws(const std::string& arguments) {
    return RunCommand(AwsCli(*server_) + " " + arguments);
  }

  static S3TestServer* server_;
  static std::filesystem::path* home_;
  std::filesystem::path work_;
};

S3TestServer* S3FileSystemTest::server_ = nullptr;
std::filesystem::path* S3FileSystemTest::home_ = nullptr;

TEST_F(S3FileSystemTest, WhatBasinWritesTheAwsCliReads) {
  S3FileSystem fs(Config(server_->endpoint()));
  std::string bytes = RandomBytes(300'000, 1);
  auto file = fs.Create("s3://lake/basin/written by basin.bin");  // a space in the key
  file->Append(std::string_view(bytes).substr(0, 1000));
  file->Append(std::string_view(bytes).substr(1000));
  EXPECT_EQ(file->position(), bytes.size());
  EXPECT_FALSE(fs.Exists("s3://lake/basin/written by basin.bin"));
  file->Commit();

  auto copied = Aws("s3 cp 's3://lake/basin/written by basin.bin' " + (work_ / "copy").string());
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  EXPECT_EQ(ReadLocal(work_ / "copy"), bytes);
  auto listed = Aws("s3 ls s3://lake/basin/");
  EXPECT_NE(listed.output.find("300000 written by basin.bin"), std::string::npos) << listed.output;
}

TEST_F(S3FileSystemTest, WhatTheAwsCliWritesBasinReadsByRanges) {
  std::string bytes = RandomBytes(3'000'000, 2);
  WriteLocal(work_ / "source.bin", bytes);
  auto copied = Aws("s3 cp " + (work_ / "source.bin").string() + " s3://lake/cli/source.bin");
  ASSERT_EQ(copied.exit_code, 0) << copied.output;

  S3FileSystem fs(Config(server_->endpoint()));
  auto file = fs.OpenForRead("s3://lake/cli/source.bin");
  ASSERT_EQ(file->size(), bytes.size());
  EXPECT_EQ(file->ReadString(0, 4), bytes.substr(0, 4));
  EXPECT_EQ(file->ReadString(1'234'567, 100'000), bytes.substr(1'234'567, 100'000));
  EXPECT_EQ(file->ReadString(bytes.size() - 8, 8), bytes.substr(bytes.size() - 8));
  EXPECT_EQ(file->ReadString(10, 0), "");
  EXPECT_EQ(file->bytes_read(), 4u + 100'000u + 8u);

  std::string message;
  EXPECT_EQ(CodeOf([&] { file->ReadString(bytes.size() - 4, 8); }, &message), ErrorCode::kCorrupt);
  EXPECT_NE(message.find("s3://lake/cli/source.bin"), std::string::npos) << message;
  EXPECT_NE(message.find("offset 2999996"), std::string::npos) << message;
}

TEST_F(S3FileSystemTest, ReadsInParallelFromManyThreads) {
  S3FileSystem fs(Config(server_->endpoint()));
  std::string bytes = RandomBytes(1 << 20, 3);
  auto writer = fs.Create("s3://lake/parallel.bin");
  writer->Append(bytes);
  writer->Commit();
  auto file = fs.OpenForRead("s3://lake/parallel.bin");
  std::vector<std::string> pieces(64);
  ThreadPool::Shared().ParallelFor(
      pieces.size(), [&](size_t i) { pieces[i] = file->ReadString(i * 16384, 16384); }, 8);
  for (size_t i = 0; i < pieces.size(); ++i) {
    ASSERT_EQ(pieces[i], bytes.substr(i * 16384, 16384)) << "piece " << i;
  }
  EXPECT_EQ(file->bytes_read(), bytes.size());
}

TEST_F(S3FileSystemTest, MultipartUploadStreamsPartsAndPublishesOnCommit) {
  S3FileSystem fs(Config(server_->endpoint()));
  // 12 MiB and a bit, in uneven appends: three parts of 5, 5 and 2+ MiB.
  std::string bytes = RandomBytes((12 << 20) + 123, 4);
  long parts_before = server_->Stat("parts");
  auto file = fs.Create("s3://lake/big/multipart.bin");
  size_t done = 0;
  for (size_t step = 777'777; done < bytes.size(); done += step) {
    file->Append(std::string_view(bytes).substr(done, step));
  }
  // Two full parts went up while writing; the object is still invisible.
  EXPECT_EQ(server_->Stat("parts") - parts_before, 2);
  EXPECT_FALSE(fs.Exists("s3://lake/big/multipart.bin"));
  EXPECT_NE(Aws("s3api head-object --bucket lake --key big/multipart.bin").exit_code, 0);
  long completes_before = server_->Stat("completes");
  file->Commit();
  EXPECT_EQ(server_->Stat("parts") - parts_before, 3);
  EXPECT_EQ(server_->Stat("completes") - completes_before, 1);

  auto copied = Aws("s3 cp s3://lake/big/multipart.bin " + (work_ / "copy").string());
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  EXPECT_TRUE(ReadLocal(work_ / "copy") == bytes);
  auto reader = fs.OpenForRead("s3://lake/big/multipart.bin");
  EXPECT_EQ(reader->size(), bytes.size());
  // A range across the first part boundary.
  EXPECT_EQ(reader->ReadString((5 << 20) - 10, 20), bytes.substr((5 << 20) - 10, 20));
}

TEST_F(S3FileSystemTest, AWriterDroppedBeforeCommitPublishesNothing) {
  S3FileSystem fs(Config(server_->endpoint()));
  long parts_before = server_->Stat("parts");
  long aborts_before = server_->Stat("aborts");
  {
    auto file = fs.Create("s3://lake/abandoned.bin");
    file->Append(RandomBytes((6 << 20), 5));  // one part uploaded
    EXPECT_EQ(server_->Stat("parts") - parts_before, 1);
  }
  EXPECT_EQ(server_->Stat("aborts") - aborts_before, 1);
  EXPECT_FALSE(fs.Exists("s3://lake/abandoned.bin"));
  auto listed = Aws("s3 ls s3://lake/abandoned.bin");
  EXPECT_EQ(listed.output.find("abandoned"), std::string::npos) << listed.output;
}

TEST_F(S3FileSystemTest, ReadsWhatTheAwsCliUploadedInParts) {
  // The AWS CLI switches to multipart at 8 MB.
  std::string bytes = RandomBytes(20 << 20, 6);
  WriteLocal(work_ / "big.bin", bytes);
  long parts_before = server_->Stat("parts");
  auto copied = Aws("s3 cp " + (work_ / "big.bin").string() + " s3://lake/cli/big.bin");
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  EXPECT_GE(server_->Stat("parts") - parts_before, 2);
  S3FileSystem fs(Config(server_->endpoint()));
  auto file = fs.OpenForRead("s3://lake/cli/big.bin");
  ASSERT_EQ(file->size(), bytes.size());
  EXPECT_EQ(file->ReadString((8 << 20) - 3, 6), bytes.substr((8 << 20) - 3, 6));
  EXPECT_EQ(file->ReadString(bytes.size() - 1000, 1000), bytes.substr(bytes.size() - 1000));
}

TEST_F(S3FileSystemTest, ListsPastOneThousandKeysPageByPage) {
  S3FileSystem fs(Config(server_->endpoint()));
  constexpr size_t kKeys = 1050;
  ThreadPool::Shared().ParallelFor(
      kKeys,
      [&](size_t i) {
        char name[64];
        std::snprintf(name, sizeof(name), "s3://lake/many/key-%05zu.txt", i);
        auto file = fs.Create(name);
        file->Append(std::to_string(i));
        file->Commit();
      },
      8);
  for (const char* nested : {"s3://lake/many/sub/a.txt", "s3://lake/many/sub/b.txt"}) {
    auto file = fs.Create(nested);
    file->Append("nested");
    file->Commit();
  }

  auto all = fs.ListRecursive("s3://lake/many");
  ASSERT_EQ(all.size(), kKeys + 2);
  EXPECT_EQ(all.front().path, "s3://lake/many/key-00000.txt");
  EXPECT_EQ(all.front().size, 1u);
  EXPECT_EQ(all[kKeys - 1].path, "s3://lake/many/key-01049.txt");
  EXPECT_EQ(all[kKeys - 1].size, 4u);
  EXPECT_EQ(all.back().path, "s3://lake/many/sub/b.txt");

  // Pages of 1000: S3 never returns more per request, so this walks continuation tokens.
  ListOptions options;
  options.page_size = 1000;
  ListPage first = fs.List("s3://lake/many/", options);
  ASSERT_EQ(first.entries.size(), 1000u);
  ASSERT_FALSE(first.next_page_token.empty());
  options.page_token = first.next_page_token;
  ListPage second = fs.List("s3://lake/many/", options);
  EXPECT_EQ(second.entries.size(), kKeys + 2 - 1000);
  EXPECT_TRUE(second.next_page_token.empty());
  EXPECT_EQ(second.entries.front().path, "s3://lake/many/key-01000.txt");

  // One level, with the sub-folder as a folder entry; and a name prefix.
  ListOptions one_level;
  one_level.recursive = false;
  ListPage level = fs.List("s3://lake/many/", one_level);
  ASSERT_EQ(level.entries.size(), kKeys + 1);
  EXPECT_EQ(level.entries.back().path, "s3://lake/many/sub/");
  EXPECT_TRUE(level.entries.back().is_directory);
  EXPECT_EQ(fs.List("s3://lake/many/key-0104", {}).entries.size(), 10u);

  auto counted = Aws("s3 ls --recursive s3://lake/many/");
  ASSERT_EQ(counted.exit_code, 0) << counted.output;
  EXPECT_EQ(std::count(counted.output.begin(), counted.output.end(), '\n'),
            static_cast<long>(kKeys + 2));

  fs.Delete("s3://lake/many");
  EXPECT_TRUE(fs.ListRecursive("s3://lake/many").empty());
  EXPECT_EQ(Aws("s3 ls --recursive s3://lake/many/").output, "");
}

TEST_F(S3FileSystemTest, StatTellsObjectsFromFoldersAndMoveRenames) {
  S3FileSystem fs(Config(server_->endpoint()));
  auto file = fs.Create("s3://lake/stage/part-0.parquet");
  file->Append("PAR1....PAR1");
  file->Commit();
  FileInfo object = fs.Stat("s3://lake/stage/part-0.parquet");
  EXPECT_FALSE(object.is_directory);
  EXPECT_EQ(object.size, 12u);
  EXPECT_TRUE(fs.Stat("s3://lake/stage").is_directory);
  EXPECT_TRUE(fs.Stat("s3://lake").is_directory);
  EXPECT_FALSE(fs.Exists("s3://lake/sta"));

  fs.Move("s3://lake/stage/part-0.parquet", "s3://lake/final/part-0.parquet");
  EXPECT_FALSE(fs.Exists("s3://lake/stage/part-0.parquet"));
  EXPECT_EQ(fs.OpenForRead("s3://lake/final/part-0.parquet")->ReadString(0, 12), "PAR1....PAR1");
}

TEST_F(S3FileSystemTest, MoveKeepsHivePartitionFolders) {
  S3FileSystem fs(Config(server_->endpoint()));
  auto file = fs.Create("s3://lake/stage/dt=2024-01-01/store=a b/part-0.csv");
  file->Append("x\n");
  file->Commit();
  fs.Move("s3://lake/stage/dt=2024-01-01/store=a b/part-0.csv",
          "s3://lake/final/dt=2024-01-01/store=a b/part-0.csv");
  EXPECT_FALSE(fs.Exists("s3://lake/stage/dt=2024-01-01/store=a b/part-0.csv"));
  EXPECT_EQ(fs.OpenForRead("s3://lake/final/dt=2024-01-01/store=a b/part-0.csv")->ReadString(0, 2),
            "x\n");
}

TEST_F(S3FileSystemTest, MissingObjectsAndBucketsAreNotFound) {
  S3FileSystem fs(Config(server_->endpoint()));
  std::string message;
  EXPECT_EQ(CodeOf([&] { fs.OpenForRead("s3://lake/no/such.parquet"); }, &message),
            ErrorCode::kNotFound);
  EXPECT_NE(message.find("s3://lake/no/such.parquet"), std::string::npos) << message;
  EXPECT_NE(message.find(server_->endpoint()), std::string::npos) << message;

  EXPECT_EQ(CodeOf([&] { fs.ListRecursive("s3://no-such-bucket/x"); }, &message),
            ErrorCode::kNotFound);
  EXPECT_NE(message.find("NoSuchBucket"), std::string::npos) << message;
  EXPECT_NE(message.find("'no-such-bucket'"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { fs.Stat("s3://no-such-bucket"); }, &message), ErrorCode::kNotFound);
  auto file = fs.Create("s3://no-such-bucket/x.csv");
  file->Append("a\n");
  EXPECT_EQ(CodeOf([&] { file->Commit(); }, &message), ErrorCode::kNotFound);
}

TEST_F(S3FileSystemTest, UnknownAccessKeyIsAccessDeniedWithAHint) {
  // s3rver checks the access key id but not SigV4 signatures, so a wrong secret with the right
  // key id goes through there; a wrong key id is refused as AWS would refuse it.
  AwsConfig config = Config(server_->endpoint());
  config.credentials = {"AKIAWRONGKEY", "wrong-secret", ""};
  config.credentials_source = "profile 'test' in /tmp/credentials";
  S3FileSystem fs(config);
  std::string message;
  EXPECT_EQ(CodeOf([&] { fs.ListRecursive("s3://lake/"); }, &message), ErrorCode::kAccessDenied);
  EXPECT_NE(message.find("InvalidAccessKeyId"), std::string::npos) << message;
  EXPECT_NE(message.find("AKIAWRONGKEY"), std::string::npos) << message;
  EXPECT_NE(message.find("profile 'test'"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { fs.OpenForRead("s3://lake/x"); }, &message), ErrorCode::kAccessDenied);
  EXPECT_NE(message.find("s3://lake/x"), std::string::npos) << message;
}

TEST_F(S3FileSystemTest, ARefusingEndpointIsIOErrorNamingIt) {
  std::string endpoint = "http://127.0.0.1:" + std::to_string(ClosedPort());
  AwsConfig config = Config(endpoint);
  config.max_attempts = 2;
  S3FileSystem fs(config);
  std::string message;
  EXPECT_EQ(CodeOf([&] { fs.OpenForRead("s3://lake/x.parquet"); }, &message), ErrorCode::kIOError);
  EXPECT_NE(message.find(endpoint), std::string::npos) << message;
  EXPECT_NE(message.find("2 attempts"), std::string::npos) << message;
  EXPECT_NE(message.find("s3://lake/x.parquet"), std::string::npos) << message;
}

TEST_F(S3FileSystemTest, RetriesThrottlingServerErrorsAndDroppedConnections) {
  S3FileSystem fs(Config(server_->proxy_endpoint()));
  auto writer = fs.Create("s3://lake/retry.txt");
  writer->Append("retried");
  ASSERT_EQ(server_->Command("fail 503 SlowDown 2"), "ok");
  writer->Commit();  // third attempt goes through
  ASSERT_EQ(server_->Command("fail 429 TooManyRequests 1"), "ok");
  auto file = fs.OpenForRead("s3://lake/retry.txt");
  ASSERT_EQ(server_->Command("fail 500 InternalError 1"), "ok");
  ASSERT_EQ(server_->Command("reset 1"), "ok");
  EXPECT_EQ(file->ReadString(0, 7), "retried");

  // Bounded: a server that keeps throttling wins after max_attempts (4) tries.
  ASSERT_EQ(server_->Command("fail 503 SlowDown 4"), "ok");
  std::string message;
  EXPECT_EQ(CodeOf([&] { file->ReadString(0, 7); }, &message), ErrorCode::kIOError);
  EXPECT_NE(message.find("SlowDown"), std::string::npos) << message;
  EXPECT_NE(message.find("4 attempts"), std::string::npos) << message;
  EXPECT_EQ(file->ReadString(0, 3), "ret");  // and the next call starts afresh

  // Client errors are not retried.
  ASSERT_EQ(server_->Command("fail 400 InvalidArgument 1"), "ok");
  EXPECT_EQ(CodeOf([&] { file->ReadString(0, 7); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(file->ReadString(0, 7), "retried");
}

TEST_F(S3FileSystemTest, AServerIgnoringRangeStillYieldsTheRightBytes) {
  S3FileSystem fs(Config(server_->proxy_endpoint()));
  std::string bytes = RandomBytes(200'000, 7);
  auto writer = fs.Create("s3://lake/norange.bin");
  writer->Append(bytes);
  writer->Commit();
  auto file = fs.OpenForRead("s3://lake/norange.bin");
  ASSERT_EQ(server_->Command("strip-range 2"), "ok");
  EXPECT_EQ(file->ReadString(150'000, 1000), bytes.substr(150'000, 1000));
  EXPECT_EQ(file->ReadString(0, 10), bytes.substr(0, 10));
}

TEST_F(S3FileSystemTest, VirtualHostedAddressingPutsTheBucketInTheHostName) {
  AwsConfig config = Config("http://s3.localhost:" + std::to_string(server_->port()));
  config.addressing_style = S3AddressingStyle::kVirtual;
  S3FileSystem fs(config);
  EXPECT_EQ(fs.client().UrlFor({"lake", "v/hosted.txt"}),
            "http://lake.s3.localhost:" + std::to_string(server_->port()) + "/v/hosted.txt");
  auto writer = fs.Create("s3://lake/v/hosted.txt");
  writer->Append("virtual");
  writer->Commit();
  EXPECT_EQ(fs.OpenForRead("s3://lake/v/hosted.txt")->ReadString(0, 7), "virtual");
  EXPECT_EQ(fs.ListRecursive("s3://lake/v").size(), 1u);
  auto copied = Aws("s3 cp s3://lake/v/hosted.txt -");
  EXPECT_EQ(copied.output, "virtual");

  // Path style (the default for custom endpoints) names the bucket in the path.
  S3FileSystem path_style(Config(server_->endpoint()));
  EXPECT_EQ(path_style.client().UrlFor({"lake", "a b/c+d"}),
            server_->endpoint() + "/lake/a%20b/c%2Bd");
}

}  // namespace
}  // namespace basin::storage
