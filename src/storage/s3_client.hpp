#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/aws_config.hpp"
#include "storage/http_client.hpp"
#include "storage/s3_uri.hpp"
#include "storage/sigv4.hpp"

namespace basin::storage {

// The S3 REST operations Basin uses, signed with SigV4 and retried with exponential backoff
// and full jitter on throttling (503 SlowDown, 429), 5xx and connection failures, up to
// config.max_attempts tries. Failures become basin::Error naming the operation, the object
// and the endpoint:
//   NotFound       no such key, bucket or upload
//   AccessDenied   403, unknown key id, bad signature, expired token (with a hint at where
//                  the credentials came from)
//   InvalidInput   wrong region for the bucket, other 400s
//   Corrupt        a range past the end, a malformed response
//   Conflict       the object changed while it was being read (ETag mismatch)
//   IOError        the endpoint is unreachable or keeps failing
// Thread-safe: one client serves every reader and writer of a file system.
class S3Client {
 public:
  explicit S3Client(AwsConfig config);

  const AwsConfig& config() const { return config_; }
  // "http://127.0.0.1:4568" or "https://s3.eu-west-1.amazonaws.com", for messages.
  const std::string& endpoint() const { return endpoint_display_; }
  // The URL an object is addressed by (path or virtual-hosted style, key percent-encoded).
  std::string UrlFor(const S3Uri& object) const { return TargetFor(object).url_base; }

  struct ObjectInfo {
    uint64_t size = 0;
    std::string etag;
  };
  // nullopt when the object does not exist.
  std::optional<ObjectInfo> HeadObject(const S3Uri& object);
  // Throws NotFound when the bucket does not exist.
  void HeadBucket(const std::string& bucket);

  // Reads bytes [offset, offset + length) into `out`. With a non-empty `etag` the read fails
  // with Conflict when the object is no longer that version.
  void GetObjectRange(const S3Uri& object, uint64_t offset, size_t length, void* out,
                      const std::string& etag);

  void PutObject(const S3Uri& object, std::string_view body);

  struct ListedObject {
    std::string key;
    uint64_t size = 0;
  };
  struct ListResult {
    std::vector<ListedObject> objects;
    std::vector<std::string> common_prefixes;
    std::string next_continuation_token;  // "" on the last page
  };
  // One ListObjectsV2 request (at most 1000 keys). `delimiter` "" lists recursively.
  ListResult ListObjectsV2(const std::string& bucket, const std::string& prefix,
                           const std::string& delimiter, const std::string& continuation_token,
                           int max_keys);

  void DeleteObject(const S3Uri& object);
  // Deletes up to 1000 keys of a bucket in one request.
  void DeleteObjects(const std::string& bucket, const std::vector<std::string>& keys);
  // Server-side copy of an object of up to 5 GiB.
  void CopyObject(const S3Uri& from, const S3Uri& to);

  std::string CreateMultipartUpload(const S3Uri& object);
  // Returns the part's ETag.
  std::string UploadPart(const S3Uri& object, const std::string& upload_id, int part_number,
                         std::string_view body);
  void CompleteMultipartUpload(const S3Uri& object, const std::string& upload_id,
                               const std::vector<std::string>& part_etags);
  void AbortMultipartUpload(const S3Uri& object, const std::string& upload_id);

 private:
  struct Call;
  struct Target {
    std::string url_base;  // scheme://host[:port] + path, no query
    std::string host;      // the Host header, as signed
    std::string canonical_uri;
  };

  Target TargetFor(const S3Uri& object) const;
  // Sends with signing and retries. Statuses listed in `accepted` (besides 2xx) come back to
  // the caller; any other failure throws.
  HttpResponse Execute(Call& call);
  HttpResponse SendOnce(Call& call);
  [[noreturn]] void ThrowFor(const Call& call, const HttpResponse& response, int attempts) const;

  AwsConfig config_;
  HttpClient http_;
  std::string scheme_;     // "http" or "https"
  std::string host_;       // host[:port] of the endpoint
  std::string base_path_;  // a path prefix of the endpoint URL, "" mostly
  bool custom_endpoint_ = false;
  bool host_is_address_ = false;  // an IP literal or localhost: virtual hosts cannot work
  std::string endpoint_display_;
};

}  // namespace basin::storage
