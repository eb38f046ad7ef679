#pragma once

#include <string>
#include <string_view>

namespace basin::storage {

// An object (or key prefix) in a bucket, named as the AWS CLI names it: "s3://bucket/key".
// The key is taken verbatim (no percent-decoding), as `aws s3` does.
struct S3Uri {
  std::string bucket;
  std::string key;  // without the leading '/'; empty for the bucket itself

  std::string ToString() const { return "s3://" + bucket + (key.empty() ? "" : "/" + key); }
};

constexpr std::string_view kS3Scheme = "s3://";
// S3's limits: object keys up to 1024 bytes; bucket names up to 63 characters (we accept the
// legacy up-to-255 names some stores still have).
constexpr size_t kMaxS3KeyBytes = 1024;
constexpr size_t kMaxS3BucketChars = 255;

bool IsS3Uri(std::string_view text);

// Parses "s3://bucket" or "s3://bucket/key…". InvalidInput (quoting the URI) for a missing or
// malformed bucket name or an over-long key.
S3Uri ParseS3Uri(std::string_view uri);

// True when the bucket can be the first label of a host name (virtual-hosted addressing):
// 3-63 characters of a-z 0-9 '-' '.', starting and ending with a letter or digit, no "..",
// and not shaped like an IP address.
bool IsDnsCompatibleBucket(std::string_view bucket);

}  // namespace basin::storage
