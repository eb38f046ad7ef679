#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace basin::storage {

// AWS Signature Version 4 (the "AWS4-HMAC-SHA256" scheme), as S3 and every S3-compatible
// store expect it. Pure functions over strings, so tests can check each step against the
// published examples; S3Client builds a SigningRequest per attempt and adds the headers.

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // temporary credentials only

  // No keys: requests go out unsigned (public buckets).
  bool empty() const { return access_key_id.empty() && secret_access_key.empty(); }
};

// Lower-case hex of SHA-256 over `bytes`.
std::string Sha256Hex(std::string_view bytes);
std::array<uint8_t, 32> HmacSha256(std::string_view key, std::string_view message);
std::string HexEncode(const uint8_t* bytes, size_t size);

// Percent-encodes as SigV4 requires: A-Z a-z 0-9 - _ . ~ stay, every other byte becomes %XX
// (upper-case hex). '/' stays when `encode_slash` is false (object key paths).
std::string UriEncode(std::string_view text, bool encode_slash);

// "20130524T000000Z" for the time point (UTC).
std::string AmzDate(std::chrono::system_clock::time_point time);

using NameValue = std::pair<std::string, std::string>;

// A request as it goes on the wire, in the pieces SigV4 hashes.
struct SigningRequest {
  std::string method;
  // The path exactly as sent, already percent-encoded ("/bucket/my%20key").
  std::string canonical_uri;
  // Raw (not yet encoded) query parameters; a sub-resource without value has "" as value.
  std::vector<NameValue> query;
  // Every header to sign, including host and x-amz-date; names in any case.
  std::vector<NameValue> headers;
  // Lower-case hex SHA-256 of the body, or "UNSIGNED-PAYLOAD".
  std::string payload_hash;
};

// The sorted, encoded query string (also used as the request's actual query string, so the
// signed and sent forms cannot drift apart).
std::string CanonicalQueryString(const std::vector<NameValue>& query);

// Task 1 of the algorithm. `signed_headers` receives "host;range;x-amz-date…".
std::string CanonicalRequest(const SigningRequest& request, std::string* signed_headers);

// "20130524/us-east-1/s3/aws4_request".
std::string CredentialScope(std::string_view amz_date, std::string_view region,
                            std::string_view service);

// Task 2.
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

// Task 3: the derived key (32 raw bytes) for a day, region and service.
std::array<uint8_t, 32> SigningKey(std::string_view secret_access_key, std::string_view day,
                                   std::string_view region, std::string_view service);

// All four tasks: the value of the Authorization header. `amz_date` must equal the request's
// x-amz-date header.
std::string AuthorizationHeader(const SigningRequest& request, const AwsCredentials& credentials,
                                std::string_view region, std::string_view service,
                                std::string_view amz_date);

}  // namespace basin::storage
