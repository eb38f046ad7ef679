#include "storage/s3_uri.hpp"

#include "common/error.hpp"

namespace basin::storage {

namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool IsBucketChar(char c) {
  return IsLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_';
}

}  // namespace

bool IsS3Uri(std::string_view text) { return text.starts_with(kS3Scheme); }

S3Uri ParseS3Uri(std::string_view uri) {
  if (!IsS3Uri(uri)) ThrowInvalid("'" + std::string(uri) + "' is not an s3://bucket/key URI");
  std::string_view rest = uri.substr(kS3Scheme.size());
  size_t slash = rest.find('/');
  std::string_view bucket = rest.substr(0, slash);
  std::string_view key = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (bucket.empty()) {
    ThrowInvalid("'" + std::string(uri) + "' names no bucket: write s3://bucket/key");
  }
  if (bucket.size() > kMaxS3BucketChars) {
    ThrowInvalid("'" + std::string(uri) + "': the bucket name is longer than " +
                 std::to_string(kMaxS3BucketChars) + " characters");
  }
  for (char c : bucket) {
    if (!IsBucketChar(c)) {
      ThrowInvalid("'" + std::string(uri) + "': the bucket name may hold only letters, digits, " +
                   "'-', '.' and '_'");
    }
  }
  if (key.size() > kMaxS3KeyBytes) {
    ThrowInvalid("'" + std::string(uri).substr(0, 80) + "…': object keys are at most " +
                 std::to_string(kMaxS3KeyBytes) + " bytes, this one has " +
                 std::to_string(key.size()));
  }
  return {std::string(bucket), std::string(key)};
}

bool IsDnsCompatibleBucket(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  if (!IsLowerAlnum(bucket.front()) || !IsLowerAlnum(bucket.back())) return false;
  bool all_digits_and_dots = true;
  for (size_t i = 0; i < bucket.size(); ++i) {
    char c = bucket[i];
    if (!IsLowerAlnum(c) && c != '-' && c != '.') return false;
    if (c == '.' && i > 0 && bucket[i - 1] == '.') return false;
    if (!(c == '.' || (c >= '0' && c <= '9'))) all_digits_and_dots = false;
  }
  return !all_digits_and_dots;
}

}  // namespace basin::storage
