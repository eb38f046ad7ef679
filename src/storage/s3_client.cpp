#include "storage/s3_client.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "common/error.hpp"
#include "storage/xml.hpp"

namespace basin::storage {

namespace {

constexpr std::string_view kEmptyPayloadHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::chrono::milliseconds kBackoffBase{100};
constexpr std::chrono::milliseconds kBackoffCap{20'000};
constexpr int kMaxDeleteBatch = 1000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsRetryableStatus(long status) {
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

bool IsRetryableCode(std::string_view code) {
  return code == "SlowDown" || code == "Throttling" || code == "ThrottlingException" ||
         code == "RequestTimeout" || code == "InternalError" || code == "ServiceUnavailable" ||
         code == "RequestLimitExceeded";
}

// Equal jitter: half the exponential delay, plus up to as much again at random, so clients
// that failed together do not come back together.
std::chrono::milliseconds BackoffDelay(int attempt, const std::string& retry_after) {
  auto ceiling =
      std::min<int64_t>(kBackoffCap.count(), kBackoffBase.count() << std::min(attempt - 1, 20));
  thread_local std::mt19937_64 random{std::random_device{}()};
  int64_t delay =
      ceiling / 2 + static_cast<int64_t>(random() % static_cast<uint64_t>(ceiling / 2 + 1));
  // A server that says when to come back (429/503 Retry-After, in seconds) is believed, up to
  // the cap.
  if (!retry_after.empty() && std::all_of(retry_after.begin(), retry_after.end(), IsDigit) &&
      retry_after.size() < 6) {
    delay = std::max<int64_t>(delay, std::stoll(retry_after) * 1000);
  }
  return std::chrono::milliseconds(std::min<int64_t>(delay, kBackoffCap.count()));
}

std::string Base64Md5(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_md5(), nullptr) != 1) {
    ThrowInternal("MD5 failed in OpenSSL");
  }
  unsigned char encoded[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  int size = EVP_EncodeBlock(encoded, digest, static_cast<int>(length));
  return std::string(reinterpret_cast<char*>(encoded), static_cast<size_t>(size));
}

bool ParseUnsigned(const std::string& text, uint64_t* value) {
  if (text.empty() || text.size() > 19) return false;
  uint64_t number = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + static_cast<uint64_t>(c - '0');
  }
  *value = number;
  return true;
}

bool LooksLikeAddress(const std::string& host) {
  if (host.starts_with('[')) return true;  // IPv6
  std::string name = host.substr(0, host.rfind(':'));
  if (name == "localhost") return true;
  return !name.empty() &&
         std::all_of(name.begin(), name.end(), [](char c) { return c == '.' || IsDigit(c); });
}

}  // namespace

struct S3Client::Call {
  Call(std::string operation_name, S3Uri target, std::string http_method)
      : operation(std::move(operation_name)),
        object(std::move(target)),
        method(std::move(http_method)) {}

  std::string operation;  // "GetObject", for messages
  S3Uri object;           // bucket, and key ("" for bucket operations)
  std::string method;
  std::vector<NameValue> query;
  std::vector<NameValue> headers;  // signed along with host and x-amz-*
  std::string_view body;
  char* window = nullptr;
  size_t window_size = 0;
  uint64_t window_offset = 0;
  std::vector<long> accepted;  // statuses besides 2xx the caller handles itself
  // CompleteMultipartUpload and CopyObject can answer 200 and still fail in the body.
  bool error_in_success_body = false;
  std::string payload_hash;  // computed once, reused by every attempt
};

S3Client::S3Client(AwsConfig config) : config_(std::move(config)), http_(config_.ca_bundle) {
  std::string url = config_.endpoint_url;
  if (url.empty()) {
    scheme_ = "https";
    host_ = "s3." + config_.region + ".amazonaws.com";
    if (config_.region.starts_with("cn-")) host_ += ".cn";
  } else {
    custom_endpoint_ = true;
    size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) ThrowInvalid("S3 endpoint '" + url + "' has no scheme");
    scheme_ = url.substr(0, scheme_end);
    std::string rest = url.substr(scheme_end + 3);
    size_t slash = rest.find('/');
    host_ = rest.substr(0, slash);
    base_path_ = slash == std::string::npos ? "" : rest.substr(slash);
    while (base_path_.ends_with('/')) base_path_.pop_back();
    // The Host header carries the port only when it is not the scheme's default.
    if ((scheme_ == "https" && host_.ends_with(":443")) ||
        (scheme_ == "http" && host_.ends_with(":80"))) {
      host_ = host_.substr(0, host_.rfind(':'));
    }
    if (host_.empty()) ThrowInvalid("S3 endpoint '" + url + "' has no host");
    host_is_address_ = LooksLikeAddress(host_);
  }
  endpoint_display_ = scheme_ + "://" + host_ + base_path_;
}

S3Client::Target S3Client::TargetFor(const S3Uri& object) const {
  bool dns_name = IsDnsCompatibleBucket(object.bucket);
  bool virtual_host = false;
  switch (config_.addressing_style) {
    case S3AddressingStyle::kVirtual: virtual_host = dns_name; break;
    case S3AddressingStyle::kPath: virtual_host = false; break;
    case S3AddressingStyle::kAuto:
      // Dots in the name would break the TLS wildcard certificate of *.s3.amazonaws.com.
      virtual_host = !custom_endpoint_ && !host_is_address_ && dns_name &&
                     object.bucket.find('.') == std::string::npos;
      break;
  }
  Target target;
  target.host = virtual_host ? object.bucket + "." + host_ : host_;
  std::string path = base_path_ + "/";
  if (!virtual_host) path += object.bucket + (object.key.empty() ? "" : "/");
  path += UriEncode(object.key, false);
  target.canonical_uri = path;
  target.url_base = scheme_ + "://" + target.host + path;
  return target;
}

HttpResponse S3Client::SendOnce(Call& call) {
  Target target = TargetFor(call.object);
  if (call.payload_hash.empty()) {
    // Over https TLS already guards the body; hashing a multi-megabyte part would only cost CPU.
    call.payload_hash = call.body.empty()    ? std::string(kEmptyPayloadHash)
                        : scheme_ == "https" ? std::string("UNSIGNED-PAYLOAD")
                                             : Sha256Hex(call.body);
  }
  std::string amz_date = AmzDate(std::chrono::system_clock::now());
  SigningRequest signing;
  signing.method = call.method;
  signing.canonical_uri = target.canonical_uri;
  signing.query = call.query;
  signing.payload_hash = call.payload_hash;
  signing.headers = {
      {"host", target.host}, {"x-amz-date", amz_date}, {"x-amz-content-sha256", call.payload_hash}};
  if (!config_.credentials.session_token.empty()) {
    signing.headers.emplace_back("x-amz-security-token", config_.credentials.session_token);
  }
  for (const auto& header : call.headers) signing.headers.push_back(header);

  HttpRequest request;
  request.method = call.method;
  request.url = target.url_base;
  if (!call.query.empty()) request.url += "?" + CanonicalQueryString(call.query);
  for (const auto& [name, value] : signing.headers) request.headers.push_back(name + ": " + value);
  if (!config_.credentials.empty()) {
    request.headers.push_back("Authorization: " + AuthorizationHeader(signing, config_.credentials,
                                                                      config_.region, "s3",
                                                                      amz_date));
  }
  request.body = call.body;
  request.window = call.window;
  request.window_size = call.window_size;
  request.window_offset = call.window_offset;
  return http_.Send(request);
}

HttpResponse S3Client::Execute(Call& call) {
  for (int attempt = 1;; ++attempt) {
    HttpResponse response = SendOnce(call);
    bool last = attempt >= config_.max_attempts;
    if (!response.malformed.empty()) {
      ThrowCorrupt(call.operation + " " + call.object.ToString() + ": the answer of " +
                   endpoint_display_ + " is unusable: " + response.malformed);
    }
    if (!response.transport_error.empty()) {
      if (response.transport_retryable && !last) {
        std::this_thread::sleep_for(BackoffDelay(attempt, ""));
        continue;
      }
      ThrowIO(call.operation + " " + call.object.ToString() + ": cannot reach the S3 endpoint " +
              endpoint_display_ +
              (attempt > 1 ? " (" + std::to_string(attempt) + " attempts)" : "") + ": " +
              response.transport_error);
    }
    long status = response.status;
    if (status >= 200 && status < 300) {
      if (response.body_too_large) {
        ThrowCorrupt(call.operation + " " + call.object.ToString() + ": the response from " +
                     endpoint_display_ + " is larger than any valid one");
      }
      if (call.error_in_success_body && response.body.find("<Error>") != std::string::npos) {
        XmlElement root = ParseXml(response.body, call.operation + " response");
        if (root.name == "Error") {
          if (IsRetryableCode(root.ChildText("Code")) && !last) {
            std::this_thread::sleep_for(BackoffDelay(attempt, ""));
            continue;
          }
          ThrowFor(call, response, attempt);
        }
      }
      if (call.window != nullptr && response.window_filled < call.window_size) {
        ThrowCorrupt(call.operation + " " + call.object.ToString() + ": the object ended after " +
                     std::to_string(call.window_offset + response.window_filled) +
                     " bytes while reading " + std::to_string(call.window_size) +
                     " bytes at offset " + std::to_string(call.window_offset) +
                     " (was it overwritten while open?)");
      }
      return response;
    }
    if (std::find(call.accepted.begin(), call.accepted.end(), status) != call.accepted.end()) {
      return response;
    }
    bool retryable = IsRetryableStatus(status) && status != 501;
    if (!retryable && status == 400 && !response.body.empty()) {
      try {
        retryable = IsRetryableCode(ParseXml(response.body, "error").ChildText("Code"));
      } catch (const Error&) {
        retryable = false;
      }
    }
    if (retryable && !last) {
      std::this_thread::sleep_for(BackoffDelay(attempt, response.Header("retry-after")));
      continue;
    }
    ThrowFor(call, response, attempt);
  }
}

void S3Client::ThrowFor(const Call& call, const HttpResponse& response, int attempts) const {
  std::string code;
  std::string message;
  std::string request_id = response.Header("x-amz-request-id");
  std::string region = response.Header("x-amz-bucket-region");
  if (!response.body.empty()) {
    try {
      XmlElement root = ParseXml(response.body, "error response");
      code = root.ChildText("Code");
      message = root.ChildText("Message");
      if (request_id.empty()) request_id = root.ChildText("RequestId");
      if (region.empty()) region = root.ChildText("Region");
    } catch (const Error&) {
      message = response.body.substr(0, 200);  // not XML: a proxy's page, say
    }
  }
  long status = response.status;
  if (code.empty()) {
    code = status == 404   ? "NotFound"
           : status == 403 ? "Forbidden"
           : status == 301 ? "PermanentRedirect"
           : status == 412 ? "PreconditionFailed"
           : status == 416 ? "InvalidRange"
                           : "HTTP" + std::to_string(status);
  }
  std::string what = call.operation + " " + call.object.ToString() + ": " + code + " (HTTP " +
                     std::to_string(status) + ")";
  if (!message.empty()) what += ": " + message;
  std::string where = " [endpoint " + endpoint_display_ +
                      (request_id.empty() ? "" : ", request id " + request_id) + "]";

  ErrorCode error_code = ErrorCode::kIOError;
  std::string hint;
  if (code == "NoSuchBucket") {
    error_code = ErrorCode::kNotFound;
    hint = "the bucket '" + call.object.bucket + "' does not exist at this endpoint";
  } else if (status == 404 || code == "NoSuchKey" || code == "NoSuchUpload") {
    error_code = ErrorCode::kNotFound;
  } else if (status == 301 || code == "PermanentRedirect" ||
             code == "AuthorizationHeaderMalformed" ||
             code == "IllegalLocationConstraintException") {
    error_code = ErrorCode::kInvalidInput;
    hint = region.empty() ? "the bucket is in another region than " + config_.region +
                                ": set AWS_REGION to the bucket's region"
                          : "the bucket is in region " + region + ", not " + config_.region +
                                ": set AWS_REGION=" + region;
  } else if (status == 403 || code == "AccessDenied" || code == "InvalidAccessKeyId" ||
             code == "SignatureDoesNotMatch" || code == "ExpiredToken" || code == "InvalidToken" ||
             code == "TokenRefreshRequired") {
    error_code = ErrorCode::kAccessDenied;
    std::string keys =
        config_.credentials.empty()
            ? "no AWS credentials were found, so the request went unsigned: set "
              "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE naming a profile "
              "in ~/.aws/credentials"
            : "check the access key " + config_.credentials.access_key_id + " from " +
                  config_.credentials_source;
    if (code == "SignatureDoesNotMatch") {
      hint = "the secret access key does not belong to the access key id; " + keys;
    } else if (code == "InvalidAccessKeyId") {
      hint = "this endpoint does not know the access key id; " + keys;
    } else if (code == "ExpiredToken" || code == "TokenRefreshRequired") {
      hint = "the session token has expired: refresh the temporary credentials (" +
             config_.credentials_source + ")";
    } else {
      hint = "access to bucket '" + call.object.bucket + "'" +
             (call.object.key.empty() ? "" : " key '" + call.object.key + "'") + " was refused; " +
             keys;
    }
  } else if (status == 416 || code == "InvalidRange") {
    error_code = ErrorCode::kCorrupt;
    hint = "the range lies past the end of the object";
  } else if (status == 412 || code == "PreconditionFailed") {
    error_code = ErrorCode::kConflict;
    hint = "the object was replaced while it was being read: run again";
  } else if (code == "BucketAlreadyExists" || code == "BucketAlreadyOwnedByYou") {
    error_code = ErrorCode::kAlreadyExists;
  } else if (status == 409) {
    error_code = ErrorCode::kConflict;
  } else if (status == 501 || code == "NotImplemented") {
    error_code = ErrorCode::kUnsupported;
    hint = "this S3 endpoint does not implement " + call.operation;
  } else if (status == 400) {
    error_code = ErrorCode::kInvalidInput;
  } else if (IsRetryableStatus(status) || IsRetryableCode(code)) {
    hint = "gave up after " + std::to_string(attempts) + " attempts (AWS_MAX_ATTEMPTS raises it)";
  }
  throw Error(error_code, what + (hint.empty() ? "" : "; " + hint) + where);
}

std::optional<S3Client::ObjectInfo> S3Client::HeadObject(const S3Uri& object) {
  Call call("HeadObject", object, "HEAD");
  call.accepted = {404};
  HttpResponse response = Execute(call);
  if (response.status == 404) return std::nullopt;
  ObjectInfo info;
  if (!ParseUnsigned(response.Header("content-length"), &info.size)) {
    ThrowCorrupt("HeadObject " + object.ToString() + ": the response from " + endpoint_display_ +
                 " has no valid Content-Length ('" + response.Header("content-length") + "')");
  }
  info.etag = response.Header("etag");
  return info;
}

void S3Client::HeadBucket(const std::string& bucket) {
  Call call("HeadBucket", S3Uri{bucket, ""}, "HEAD");
  call.accepted = {404};
  if (Execute(call).status == 404) {
    throw Error(ErrorCode::kNotFound, "s3://" + bucket + ": NoSuchBucket: the bucket '" + bucket +
                                          "' does not exist at this endpoint [endpoint " +
                                          endpoint_display_ + "]");
  }
}

void S3Client::GetObjectRange(const S3Uri& object, uint64_t offset, size_t length, void* out,
                              const std::string& etag) {
  if (length == 0) return;
  Call call("GetObject", object, "GET");
  call.headers = {
      {"range", "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + length - 1)}};
  if (!etag.empty()) call.headers.emplace_back("if-match", etag);
  call.window = static_cast<char*>(out);
  call.window_size = length;
  call.window_offset = offset;
  Execute(call);
}

void S3Client::PutObject(const S3Uri& object, std::string_view body) {
  Call call("PutObject", object, "PUT");
  call.headers = {{"content-type", "application/octet-stream"}};
  call.body = body;
  Execute(call);
}

S3Client::ListResult S3Client::ListObjectsV2(const std::string& bucket, const std::string& prefix,
                                             const std::string& delimiter,
                                             const std::string& continuation_token, int max_keys) {
  Call call("ListObjectsV2", S3Uri{bucket, ""}, "GET");
  call.query = {{"list-type", "2"}, {"max-keys", std::to_string(std::clamp(max_keys, 1, 1000))}};
  if (!prefix.empty()) call.query.emplace_back("prefix", prefix);
  if (!delimiter.empty()) call.query.emplace_back("delimiter", delimiter);
  if (!continuation_token.empty())
    call.query.emplace_back("continuation-token", continuation_token);
  HttpResponse response = Execute(call);
  std::string source = "ListObjectsV2 s3://" + bucket + "/" + prefix + " response";
  XmlElement root = ParseXml(response.body, source);
  if (root.name != "ListBucketResult") {
    ThrowCorrupt(source + ": expected <ListBucketResult>, got <" + root.name + ">");
  }
  ListResult result;
  for (const auto& child : root.children) {
    if (child.name == "Contents") {
      ListedObject listed;
      listed.key = child.ChildText("Key");
      if (!ParseUnsigned(child.ChildText("Size"), &listed.size)) {
        ThrowCorrupt(source + ": object '" + listed.key + "' has no valid <Size>");
      }
      result.objects.push_back(std::move(listed));
    } else if (child.name == "CommonPrefixes") {
      result.common_prefixes.push_back(child.ChildText("Prefix"));
    }
  }
  if (root.ChildText("IsTruncated") == "true") {
    result.next_continuation_token = root.ChildText("NextContinuationToken");
    // A truncated page without a way forward, or one that points back at itself, would
    // loop forever.
    if (result.next_continuation_token.empty() ||
        result.next_continuation_token == continuation_token) {
      ThrowCorrupt(source + ": a truncated listing without a new NextContinuationToken");
    }
  }
  return result;
}

void S3Client::DeleteObject(const S3Uri& object) {
  Call call("DeleteObject", object, "DELETE");
  call.accepted = {404};
  Execute(call);
}

void S3Client::DeleteObjects(const std::string& bucket, const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  if (keys.size() > static_cast<size_t>(kMaxDeleteBatch)) {
    ThrowInternal("DeleteObjects takes at most 1000 keys a request");
  }
  std::string body = "<Delete><Quiet>true</Quiet>";
  for (const auto& key : keys) body += "<Object><Key>" + XmlEscape(key) + "</Key></Object>";
  body += "</Delete>";
  Call call("DeleteObjects", S3Uri{bucket, ""}, "POST");
  call.query = {{"delete", ""}};
  call.headers = {{"content-type", "application/xml"}, {"content-md5", Base64Md5(body)}};
  call.body = body;
  HttpResponse response = Execute(call);
  if (response.body.empty()) return;
  XmlElement root = ParseXml(response.body, "DeleteObjects s3://" + bucket + " response");
  for (const auto& child : root.children) {
    if (child.name != "Error") continue;
    std::string code = child.ChildText("Code");
    throw Error(code == "AccessDenied" ? ErrorCode::kAccessDenied : ErrorCode::kIOError,
                "DeleteObjects s3://" + bucket + "/" + child.ChildText("Key") + ": " + code + ": " +
                    child.ChildText("Message") + " [endpoint " + endpoint_display_ + "]");
  }
}

void S3Client::CopyObject(const S3Uri& from, const S3Uri& to) {
  Call call("CopyObject", to, "PUT");
  // '=' (Hive partition folders, k=v/) stays as it is: S3 decodes the header either way, but
  // servers that decode it like a URI (s3rver) leave "%3D" encoded and miss the key.
  std::string source = UriEncode(from.key, false);
  for (size_t at = source.find("%3D"); at != std::string::npos; at = source.find("%3D", at)) {
    source.replace(at, 3, "=");
  }
  call.headers = {{"x-amz-copy-source", "/" + from.bucket + "/" + source}};
  call.error_in_success_body = true;
  Execute(call);
}

std::string S3Client::CreateMultipartUpload(const S3Uri& object) {
  Call call("CreateMultipartUpload", object, "POST");
  call.query = {{"uploads", ""}};
  call.headers = {{"content-type", "application/octet-stream"}};
  HttpResponse response = Execute(call);
  std::string source = "CreateMultipartUpload " + object.ToString() + " response";
  std::string upload_id = ParseXml(response.body, source).ChildText("UploadId");
  if (upload_id.empty()) ThrowCorrupt(source + ": no <UploadId>");
  return upload_id;
}

std::string S3Client::UploadPart(const S3Uri& object, const std::string& upload_id, int part_number,
                                 std::string_view body) {
  Call call("UploadPart", object, "PUT");
  call.query = {{"partNumber", std::to_string(part_number)}, {"uploadId", upload_id}};
  call.body = body;
  HttpResponse response = Execute(call);
  std::string etag = response.Header("etag");
  if (etag.empty()) {
    ThrowCorrupt("UploadPart " + object.ToString() + " part " + std::to_string(part_number) +
                 ": the response from " + endpoint_display_ + " has no ETag");
  }
  return etag;
}

void S3Client::CompleteMultipartUpload(const S3Uri& object, const std::string& upload_id,
                                       const std::vector<std::string>& part_etags) {
  std::string body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
  for (size_t i = 0; i < part_etags.size(); ++i) {
    body += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" +
            XmlEscape(part_etags[i]) + "</ETag></Part>";
  }
  body += "</CompleteMultipartUpload>";
  Call call("CompleteMultipartUpload", object, "POST");
  call.query = {{"uploadId", upload_id}};
  call.headers = {{"content-type", "application/xml"}};
  call.body = body;
  call.error_in_success_body = true;
  Execute(call);
}

void S3Client::AbortMultipartUpload(const S3Uri& object, const std::string& upload_id) {
  Call call("AbortMultipartUpload", object, "DELETE");
  call.query = {{"uploadId", upload_id}};
  call.accepted = {404};
  Execute(call);
}

}  // namespace basin::storage
