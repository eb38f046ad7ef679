#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "storage/sigv4.hpp"

namespace basin::storage {

// How a bucket goes into a request URL: "https://s3.region.amazonaws.com/bucket/key" (path) or
// "https://bucket.s3.region.amazonaws.com/key" (virtual-hosted). Auto picks virtual-hosted on
// AWS for DNS-compatible names without dots, and path style for custom endpoints (MinIO,
// s3rver, Ceph… serve path style everywhere; virtual hosts need DNS set up for them).
enum class S3AddressingStyle { kAuto, kPath, kVirtual };

// S3 rules for multipart uploads: every part but the last is 5 MiB to 5 GiB, 10,000 parts.
constexpr uint64_t kMinPartSize = uint64_t{5} << 20;
constexpr uint64_t kMaxPartSize = uint64_t{5} << 30;
constexpr uint64_t kDefaultPartSize = uint64_t{8} << 20;
constexpr int kMaxPartCount = 10000;

// Everything an S3 client needs to know about where and who it is, resolved once from the
// environment and ~/.aws by the AWS conventions (see ResolveAwsConfig).
struct AwsConfig {
  std::string profile = "default";
  AwsCredentials credentials;  // empty: requests go out unsigned
  // Where the keys came from ("environment (AWS_ACCESS_KEY_ID)", "profile 'x' in FILE"), so
  // an AccessDenied can say which keys were refused.
  std::string credentials_source;
  std::string region = "us-east-1";
  std::string endpoint_url;  // "" means AWS's own endpoint for the region
  S3AddressingStyle addressing_style = S3AddressingStyle::kAuto;
  int max_attempts = 5;  // tries per request, the first included
  uint64_t part_size = kDefaultPartSize;
  std::string ca_bundle;  // PEM file of trusted CAs for https endpoints, "" for the system's
};

// Reads an environment variable; nullopt when unset. Tests pass their own.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;
Environment ProcessEnvironment();

// Sections of an AWS shared config or credentials file: section header (as written, trimmed,
// e.g. "profile dev") -> key -> value. A nested block ("s3 =" followed by indented lines)
// gives keys "s3.addressing_style" and so on. Keys are lower-cased. InvalidInput names the
// file and line of a malformed line.
using AwsIniFile = std::map<std::string, std::map<std::string, std::string>>;
AwsIniFile ParseAwsIni(std::string_view text, std::string_view source);

// Resolves the configuration the way the AWS CLI and SDKs do:
//   profile      AWS_PROFILE, AWS_DEFAULT_PROFILE, else "default"
//   credentials  AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), else the
//                profile in AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials), else the
//                profile in AWS_CONFIG_FILE (~/.aws/config); none at all means unsigned
//   region       AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1
//   endpoint     AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's services section
//                (s3 = endpoint_url), its nested "s3 = endpoint_url", its endpoint_url; all
//                ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true
//   retries      AWS_MAX_ATTEMPTS, the profile's max_attempts
//   CA bundle    AWS_CA_BUNDLE, the profile's ca_bundle
//   addressing   BASIN_S3_ADDRESSING_STYLE, the profile's "s3 = addressing_style"
//   part size    BASIN_S3_PART_SIZE, the profile's "s3 = multipart_chunksize" ("8MB", bytes)
// A profile named explicitly but found in neither file, half a key pair, or a malformed value
// is InvalidInput saying which variable or file to fix.
AwsConfig ResolveAwsConfig(const Environment& environment);

// "16MB", "8MiB", "5242880" -> bytes (KB/MB/GB are binary, as in the AWS CLI).
uint64_t ParseByteSize(std::string_view text, std::string_view what);

}  // namespace basin::storage
