#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace basin::storage {

// One HTTP exchange for the S3 client. The body of a successful ranged GET can go straight into
// the caller's buffer (`window`), without a copy and without trusting the server to send only
// what was asked: bytes outside the window are dropped, and the transfer stops once it is full.
struct HttpRequest {
  std::string method;  // GET, HEAD, PUT, POST, DELETE
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string_view body;             // sent as is for PUT and POST

  // When set, a 2xx body is copied into window[0, window_size) from the object offset
  // `window_offset`; where the body starts is read from Content-Range (206) or is 0 (200).
  char* window = nullptr;
  size_t window_size = 0;
  uint64_t window_offset = 0;
  // Otherwise a 2xx body is collected into HttpResponse::body, up to this many bytes.
  size_t max_body = size_t{64} << 20;
};

struct HttpResponse {
  long status = 0;                             // 0 when the exchange failed below HTTP
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;  // a 2xx body without window, or an error body (first 1 MiB)
  size_t window_filled = 0;
  bool body_too_large = false;
  // The server answered, but not with what was asked (a 206 for another range).
  std::string malformed;
  // A failure below HTTP (refused, reset, timed out, TLS…): curl's words, and whether another
  // attempt may succeed.
  std::string transport_error;
  bool transport_retryable = false;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A thread-safe HTTP/1.1 client over libcurl. Each call borrows an easy handle from a pool, so
// connections are kept alive and reused across calls and threads. Send never throws for
// network or HTTP failures: the caller reads the response and decides whether to retry.
class HttpClient {
 public:
  // `ca_bundle`: PEM file of trusted CAs for https, "" for the system's.
  explicit HttpClient(std::string ca_bundle);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse Send(const HttpRequest& request);

 private:
  void* Acquire();
  void Release(void* handle);

  std::string ca_bundle_;
  std::mutex mutex_;
  std::vector<void*> idle_;  // CURL* handles
};

}  // namespace basin::storage
