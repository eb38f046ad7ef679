#include "storage/s3_uri.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "unit/error_code_of.hpp"

namespace basin::storage {
namespace {

using basin::testing::CodeOf;

TEST(S3UriTest, SplitsBucketAndKey) {
  S3Uri uri = ParseS3Uri("s3://lake/movie_rental/film/part-0.parquet");
  EXPECT_EQ(uri.bucket, "lake");
  EXPECT_EQ(uri.key, "movie_rental/film/part-0.parquet");
  EXPECT_EQ(uri.ToString(), "s3://lake/movie_rental/film/part-0.parquet");

  EXPECT_EQ(ParseS3Uri("s3://lake").key, "");
  EXPECT_EQ(ParseS3Uri("s3://lake/").key, "");
  EXPECT_EQ(ParseS3Uri("s3://lake/dir/").key, "dir/");
  // Keys are verbatim: no percent-decoding, spaces and '?' are part of the key.
  EXPECT_EQ(ParseS3Uri("s3://lake/a%20b c?d").key, "a%20b c?d");
  EXPECT_EQ(ParseS3Uri("s3://my.bucket_legacy-1/x").bucket, "my.bucket_legacy-1");
  EXPECT_TRUE(IsS3Uri("s3://x/y"));
  EXPECT_FALSE(IsS3Uri("/tmp/s3://x"));
  EXPECT_FALSE(IsS3Uri("S3A://x/y"));
}

TEST(S3UriTest, RejectsMalformedUris) {
  std::string message;
  EXPECT_EQ(CodeOf([&] { ParseS3Uri("s3:///key"); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("s3:///key"), std::string::npos);
  EXPECT_EQ(CodeOf([] { ParseS3Uri("s3://"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseS3Uri("http://lake/x"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseS3Uri("s3://bad bucket/x"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseS3Uri("s3://" + std::string(256, 'b') + "/x"); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseS3Uri("s3://lake/" + std::string(1025, 'k')); }, nullptr),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ParseS3Uri("s3://lake/" + std::string(1024, 'k')).key.size(), 1024u);
}

TEST(S3UriTest, DnsCompatibleBucketNames) {
  EXPECT_TRUE(IsDnsCompatibleBucket("lake"));
  EXPECT_TRUE(IsDnsCompatibleBucket("my-lake.2024"));
  EXPECT_FALSE(IsDnsCompatibleBucket("ab"));
  EXPECT_FALSE(IsDnsCompatibleBucket(std::string(64, 'a')));
  EXPECT_FALSE(IsDnsCompatibleBucket("Lake"));
  EXPECT_FALSE(IsDnsCompatibleBucket("my_lake"));
  EXPECT_FALSE(IsDnsCompatibleBucket("-lake"));
  EXPECT_FALSE(IsDnsCompatibleBucket("lake-"));
  EXPECT_FALSE(IsDnsCompatibleBucket("a..b"));
  EXPECT_FALSE(IsDnsCompatibleBucket("192.168.5.4"));
}

}  // namespace
}  // namespace basin::storage
