#include "formats/json/json_text.hpp"

#include <cstdint>
#include <cstring>

#include "types/date_time.hpp"

namespace basin::formats::json {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// True when any of the 8 bytes is < 0x20, '"', '\\' or >= 0x80: the bytes that need a look.
bool NeedsAttention(uint64_t word) {
  uint64_t quote = word ^ (kOnes * '"');
  uint64_t backslash = word ^ (kOnes * '\\');
  uint64_t control = (word - kOnes * 0x20) & ~word;
  uint64_t zero_quote = (quote - kOnes) & ~quote;
  uint64_t zero_backslash = (backslash - kOnes) & ~backslash;
  return ((control | zero_quote | zero_backslash | word) & kHighBits) != 0;
}

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

size_t Utf8SequenceLength(std::string_view text) {
  if (text.empty()) return 0;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead < 0xC2) return 0;  // continuation byte, or an overlong two-byte form
  if (lead < 0xE0) return text.size() >= 2 && IsContinuation(byte(1)) ? 2 : 0;
  if (lead < 0xF0) {
    if (text.size() < 3 || !IsContinuation(byte(2))) return 0;
    unsigned char second = byte(1);
    unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;   // overlong
    unsigned char high = lead == 0xED ? 0x9F : 0xBF;  // UTF-16 surrogates
    return second >= low && second <= high ? 3 : 0;
  }
  if (lead < 0xF5) {
    if (text.size() < 4 || !IsContinuation(byte(2)) || !IsContinuation(byte(3))) return 0;
    unsigned char second = byte(1);
    unsigned char low = lead == 0xF0 ? 0x90 : 0x80;   // overlong
    unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;  // past U+10FFFF
    return second >= low && second <= high ? 4 : 0;
  }
  return 0;
}

void AppendJsonString(std::string& out, std::string_view text) {
  const char* data = text.data();
  const size_t size = text.size();
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < size) {
    while (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, data + i, 8);
      if (NeedsAttention(word)) break;
      i += 8;
    }
    if (i >= size) break;
    auto c = static_cast<unsigned char>(data[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t length = Utf8SequenceLength(text.substr(i));
      if (length > 0) {
        i += length;
        continue;
      }
    }
    out.append(data + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHexDigits[c >> 4];
          out += kHexDigits[c & 15];
        } else {
          out += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no valid sequence
        }
    }
    run = ++i;
  }
  out.append(data + run, size - run);
  out += '"';
}

void AppendJsonBlob(std::string& out, std::string_view bytes) {
  static constexpr char kUpperHex[] = "0123456789ABCDEF";
  out += '"';
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
      out += ch;
    } else {
      out += "\\\\x";
      out += kUpperHex[c >> 4];
      out += kUpperHex[c & 15];
    }
  }
  out += '"';
}

bool DecodeBlobText(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (i + 3 >= text.size() || text[i + 1] != 'x') return false;
    int high = HexValue(text[i + 2]);
    int low = HexValue(text[i + 3]);
    if (high < 0 || low < 0) return false;
    out += static_cast<char>(high * 16 + low);
    i += 3;
  }
  return true;
}

namespace {

// Dates need at least "YYYY-M-D"; anything shorter, or not starting like one, is not a date.
bool MayBeDate(std::string_view text) {
  return text.size() >= 8 && ((text[0] >= '0' && text[0] <= '9') || text[0] == '-');
}

}  // namespace

std::optional<int32_t> ParseDateText(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (!MayBeDate(text)) return std::nullopt;
  return types::ParseDate(text);
}

std::optional<int64_t> ParseTimestampText(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (!MayBeDate(text)) return std::nullopt;
  return types::ParseTimestamp(text);
}

}  // namespace basin::formats::json
