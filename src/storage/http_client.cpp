#include "storage/http_client.hpp"

#include <curl/curl.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <memory>

#include "common/error.hpp"

namespace basin::storage {

namespace {

constexpr size_t kMaxErrorBody = size_t{1} << 20;
constexpr long kConnectTimeoutMs = 10'000;
// A transfer slower than 1 byte/s for this long is dead (a hung server must not hang us).
constexpr long kStallSeconds = 60;

void GlobalInit() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (result != CURLE_OK) {
    ThrowInternal(std::string("libcurl failed to initialise: ") + curl_easy_strerror(result));
  }
}

bool IsRetryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_WEIRD_SERVER_REPLY: return true;
    default: return false;
  }
}

// Where a 206 body starts in the object: "bytes 100-199/1000" -> 100.
bool ParseContentRangeStart(const std::string& value, uint64_t* start) {
  if (!value.starts_with("bytes ")) return false;
  size_t pos = 6;
  size_t digits = 0;
  uint64_t number = 0;
  while (pos < value.size() && std::isdigit(static_cast<unsigned char>(value[pos]))) {
    if (++digits > 19) return false;
    number = number * 10 + static_cast<uint64_t>(value[pos] - '0');
    ++pos;
  }
  if (digits == 0 || pos >= value.size() || value[pos] != '-') return false;
  *start = number;
  return true;
}

struct Transfer {
  const HttpRequest* request;
  HttpResponse* response;
  CURL* handle;
  bool started = false;
  bool success = false;
  uint64_t body_start = 0;  // object offset of the first body byte (window mode)
  uint64_t received = 0;    // body bytes seen so far
  bool window_done = false;
  bool bad_range = false;
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t length = size * count;
  std::string_view line(data, length);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    transfer->response->headers.clear();  // a new response (after 100 Continue)
    return length;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return length;
  std::string name(line.substr(0, colon));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  transfer->response->headers[name] = std::string(value);
  return length;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const HttpRequest& request = *transfer->request;
  HttpResponse& response = *transfer->response;
  size_t length = size * count;
  if (!transfer->started) {
    transfer->started = true;
    long status = 0;
    curl_easy_getinfo(transfer->handle, CURLINFO_RESPONSE_CODE, &status);
    transfer->success = status >= 200 && status < 300;
    if (transfer->success && request.window != nullptr && status == 206) {
      if (!ParseContentRangeStart(response.Header("content-range"), &transfer->body_start) ||
          transfer->body_start > request.window_offset) {
        transfer->bad_range = true;
        return 0;
      }
    }
  }
  if (!transfer->success) {
    size_t room = kMaxErrorBody - std::min(kMaxErrorBody, response.body.size());
    response.body.append(data, std::min(room, length));
    return length;
  }
  if (request.window == nullptr) {
    if (response.body.size() + length > request.max_body) {
      response.body_too_large = true;
      return 0;
    }
    response.body.append(data, length);
    return length;
  }
  // Copy the part of this chunk that falls inside the window.
  uint64_t chunk_begin = transfer->body_start + transfer->received;
  uint64_t chunk_end = chunk_begin + length;
  uint64_t window_begin = request.window_offset;
  uint64_t window_end = window_begin + request.window_size;
  transfer->received += length;
  uint64_t copy_begin = std::max(chunk_begin, window_begin);
  uint64_t copy_end = std::min(chunk_end, window_end);
  if (copy_begin < copy_end) {
    std::memcpy(request.window + (copy_begin - window_begin), data + (copy_begin - chunk_begin),
                static_cast<size_t>(copy_end - copy_begin));
    response.window_filled = static_cast<size_t>(copy_end - window_begin);
  }
  if (chunk_end > window_end) {
    // The server sent more than asked (it ignored Range): we have what we need.
    transfer->window_done = true;
    return 0;
  }
  return length;
}

}  // namespace

HttpClient::HttpClient(std::string ca_bundle) : ca_bundle_(std::move(ca_bundle)) { GlobalInit(); }

HttpClient::~HttpClient() {
  for (void* handle : idle_) curl_easy_cleanup(static_cast<CURL*>(handle));
}

void* HttpClient::Acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      void* handle = idle_.back();
      idle_.pop_back();
      return handle;
    }
  }
  CURL* handle = curl_easy_init();
  if (handle == nullptr) ThrowInternal("libcurl could not create a handle");
  return handle;
}

void HttpClient::Release(void* handle) {
  std::lock_guard lock(mutex_);
  idle_.push_back(handle);
}

HttpResponse HttpClient::Send(const HttpRequest& request) {
  auto* handle = static_cast<CURL*>(Acquire());
  // Hand the handle back (with its open connections) however this call ends.
  std::unique_ptr<CURL, std::function<void(CURL*)>> guard(handle, [this](CURL* h) { Release(h); });
  curl_easy_reset(handle);

  HttpResponse response;
  Transfer transfer{&request, &response, handle};
  char error_buffer[CURL_ERROR_SIZE] = {0};

  curl_slist* headers = nullptr;
  for (const auto& header : request.headers) headers = curl_slist_append(headers, header.c_str());
  // No "Expect: 100-continue" round trip before bodies; S3 answers errors either way.
  headers = curl_slist_append(headers, "Expect:");
  // Nor curl's form-encoding Content-Type on a body the caller did not type.
  bool typed = std::any_of(request.headers.begin(), request.headers.end(), [](const auto& h) {
    return h.size() >= 13 && strncasecmp(h.c_str(), "content-type:", 13) == 0;
  });
  if (!typed) headers = curl_slist_append(headers, "Content-Type:");
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_guard(headers, curl_slist_free_all);

  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  // Object keys may hold "/../" or "//": they must reach the server exactly as signed.
  curl_easy_setopt(handle, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, kStallSeconds);
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "basin/" BASIN_VERSION);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
  if (!ca_bundle_.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, ca_bundle_.c_str());

  if (request.method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  } else if (request.method == "GET") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "PUT" || request.method == "POST") {
    // The body is sent from the caller's memory, without a copy.
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    if (request.method == "PUT") curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "PUT");
  } else {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  CURLcode code = curl_easy_perform(handle);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  if (code == CURLE_WRITE_ERROR && (transfer.window_done || response.body_too_large)) {
    code = CURLE_OK;
  }
  if (transfer.bad_range) {
    response.malformed = "its Content-Range '" + response.Header("content-range") +
                         "' does not cover the requested range";
  } else if (code != CURLE_OK) {
    response.transport_error = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    response.transport_retryable = IsRetryable(code);
  }
  return response;
}

}  // namespace basin::storage
