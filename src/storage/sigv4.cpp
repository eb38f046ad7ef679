#include "storage/sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "common/error.hpp"

namespace basin::storage {

namespace {

constexpr char kHexLower[] = "0123456789abcdef";
constexpr char kHexUpper[] = "0123456789ABCDEF";

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// Header values are trimmed and runs of blanks collapse to one space before hashing.
std::string TrimAll(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string HexEncode(const uint8_t* bytes, size_t size) {
  std::string hex(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    hex[2 * i] = kHexLower[bytes[i] >> 4];
    hex[2 * i + 1] = kHexLower[bytes[i] & 0xF];
  }
  return hex;
}

std::string Sha256Hex(std::string_view bytes) {
  uint8_t digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return HexEncode(digest, sizeof(digest));
}

std::array<uint8_t, 32> HmacSha256(std::string_view key, std::string_view message) {
  std::array<uint8_t, 32> mac{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(),
           &length) == nullptr ||
      length != mac.size()) {
    ThrowInternal("HMAC-SHA256 failed in OpenSSL");
  }
  return mac;
}

std::string UriEncode(std::string_view text, bool encode_slash) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (c == '/' && !encode_slash)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHexUpper[c >> 4]);
      out.push_back(kHexUpper[c & 0xF]);
    }
  }
  return out;
}

std::string AmzDate(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[20];
  std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string CanonicalQueryString(const std::vector<NameValue>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(UriEncode(name, true), UriEncode(value, true));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out.push_back('&');
    out += name;
    out.push_back('=');
    out += value;
  }
  return out;
}

std::string CanonicalRequest(const SigningRequest& request, std::string* signed_headers) {
  std::vector<std::pair<std::string, std::string>> headers;
  headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    headers.emplace_back(Lower(name), TrimAll(value));
  }
  // stable_sort keeps repeated headers in the order sent; their values join with commas.
  std::stable_sort(headers.begin(), headers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string canonical_headers;
  std::string names;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (i > 0 && headers[i].first == headers[i - 1].first) {
      canonical_headers.pop_back();  // the '\n' of the previous value
      canonical_headers += "," + headers[i].second + "\n";
      continue;
    }
    canonical_headers += headers[i].first + ":" + headers[i].second + "\n";
    if (!names.empty()) names.push_back(';');
    names += headers[i].first;
  }
  if (signed_headers != nullptr) *signed_headers = names;
  std::string out;
  out.reserve(256 + canonical_headers.size());
  out += request.method;
  out += '\n';
  out += request.canonical_uri.empty() ? "/" : request.canonical_uri;
  out += '\n';
  out += CanonicalQueryString(request.query);
  out += '\n';
  out += canonical_headers;
  out += '\n';
  out += names;
  out += '\n';
  out += request.payload_hash;
  return out;
}

std::string CredentialScope(std::string_view amz_date, std::string_view region,
                            std::string_view service) {
  std::string scope(amz_date.substr(0, 8));
  scope += '/';
  scope += region;
  scope += '/';
  scope += service;
  scope += "/aws4_request";
  return scope;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out = "AWS4-HMAC-SHA256\n";
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  out += Sha256Hex(canonical_request);
  return out;
}

std::array<uint8_t, 32> SigningKey(std::string_view secret_access_key, std::string_view day,
                                   std::string_view region, std::string_view service) {
  auto view = [](const std::array<uint8_t, 32>& bytes) {
    return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  };
  std::string seed = "AWS4";
  seed += secret_access_key;
  auto date_key = HmacSha256(seed, day);
  auto region_key = HmacSha256(view(date_key), region);
  auto service_key = HmacSha256(view(region_key), service);
  return HmacSha256(view(service_key), "aws4_request");
}

std::string AuthorizationHeader(const SigningRequest& request, const AwsCredentials& credentials,
                                std::string_view region, std::string_view service,
                                std::string_view amz_date) {
  std::string signed_headers;
  std::string canonical = CanonicalRequest(request, &signed_headers);
  std::string scope = CredentialScope(amz_date, region, service);
  std::string to_sign = StringToSign(amz_date, scope, canonical);
  auto key = SigningKey(credentials.secret_access_key, amz_date.substr(0, 8), region, service);
  auto signature =
      HmacSha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), to_sign);
  return "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
         ", SignedHeaders=" + signed_headers +
         ", Signature=" + HexEncode(signature.data(), signature.size());
}

}  // namespace basin::storage
