#include "formats/json/json_numbers.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "types/logical_type.hpp"

namespace basin::formats::json {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsNumberChar(char c) {
  return IsDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Doubles keep 15 significant decimal digits exactly; int64/uint64 keep 18 digits always.
constexpr int kExactDoubleDigits = 15;
constexpr int kExactIntegerDigits = 18;
// Past this decimal exponent a double overflows or loses everything to underflow.
constexpr int64_t kSafeExponent = 290;

// The parts of a token in JSON number syntax; `valid` false when the syntax is wrong.
struct NumberParts {
  bool valid = false;
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
  bool has_exponent = false;
  int64_t exponent = 0;  // clamped to +-100000
};

NumberParts SplitNumber(std::string_view token) {
  NumberParts parts;
  size_t p = 0;
  if (p < token.size() && token[p] == '-') {
    parts.negative = true;
    ++p;
  }
  size_t start = p;
  while (p < token.size() && IsDigit(token[p])) ++p;
  parts.integer = token.substr(start, p - start);
  if (parts.integer.empty() || (parts.integer.size() > 1 && parts.integer[0] == '0')) {
    return parts;
  }
  if (p < token.size() && token[p] == '.') {
    start = ++p;
    while (p < token.size() && IsDigit(token[p])) ++p;
    parts.fraction = token.substr(start, p - start);
    if (parts.fraction.empty()) return parts;
  }
  if (p < token.size() && (token[p] == 'e' || token[p] == 'E')) {
    parts.has_exponent = true;
    ++p;
    bool negative_exponent = false;
    if (p < token.size() && (token[p] == '+' || token[p] == '-'))
      negative_exponent = token[p++] == '-';
    start = p;
    int64_t exponent = 0;
    while (p < token.size() && IsDigit(token[p])) {
      exponent = std::min<int64_t>(exponent * 10 + (token[p] - '0'), 100000);
      ++p;
    }
    if (p == start) return parts;
    parts.exponent = negative_exponent ? -exponent : exponent;
  }
  parts.valid = p == token.size();
  return parts;
}

bool NeedsMark(std::string_view token) {
  NumberParts parts = SplitNumber(token);
  if (!parts.valid) return false;  // left for the parser to report
  if (parts.fraction.empty() && !parts.has_exponent) {
    return parts.integer.size() > static_cast<size_t>(kExactIntegerDigits);
  }
  // Significant digits: drop leading zeros of the whole digit string and trailing zeros.
  std::string_view integer = parts.integer;
  std::string_view fraction = parts.fraction;
  size_t leading = 0;
  while (leading < integer.size() && integer[leading] == '0') ++leading;
  integer.remove_prefix(leading);
  if (integer.empty()) {
    while (!fraction.empty() && fraction.front() == '0') fraction.remove_prefix(1);
  }
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  if (fraction.empty()) {
    while (!integer.empty() && integer.back() == '0') integer.remove_suffix(1);
  }
  size_t significant = integer.size() + fraction.size();
  if (significant > static_cast<size_t>(kExactDoubleDigits)) return true;
  int64_t magnitude = parts.exponent + static_cast<int64_t>(parts.integer.size());
  return magnitude > kSafeExponent || magnitude < -kSafeExponent;
}

}  // namespace

bool RewriteInexactNumbers(std::string_view record, size_t padding, std::string& out) {
  bool rewrote = false;
  size_t copied = 0;
  size_t i = 0;
  const size_t n = record.size();
  while (i < n) {
    char c = record[i];
    if (c == '"') {
      for (++i; i < n; ++i) {
        if (record[i] == '\\') {
          ++i;
        } else if (record[i] == '"') {
          break;
        }
      }
      ++i;
      continue;
    }
    size_t start = i;
    std::string_view token;
    if (c == '-' && i + 1 < n && record[i + 1] == 'I') {
      for (++i; i < n && IsLetter(record[i]);) ++i;
      token = record.substr(start, i - start);
      if (token != "-Infinity") continue;
    } else if (c == '-' || IsDigit(c)) {
      while (i < n && IsNumberChar(record[i])) ++i;
      token = record.substr(start, i - start);
      if (!NeedsMark(token)) continue;
    } else if (IsLetter(c)) {
      while (i < n && (IsLetter(record[i]) || IsDigit(record[i]))) ++i;
      token = record.substr(start, i - start);
      if (token != "NaN" && token != "Infinity") continue;
    } else {
      ++i;
      continue;
    }
    if (!rewrote) {
      out.clear();
      out.reserve(n + 64 + padding);
      rewrote = true;
    }
    out.append(record.substr(copied, start - copied));
    out += "\"\\u0000#";
    out += token;
    out += '"';
    copied = i;
  }
  if (!rewrote) return false;
  out.append(record.substr(copied));
  out.append(padding, ' ');
  return true;
}

bool IsIntegerToken(std::string_view token) {
  if (!token.empty() && token[0] == '-') token.remove_prefix(1);
  return !token.empty() && std::all_of(token.begin(), token.end(), IsDigit);
}

std::optional<int64_t> ParseInt64Text(std::string_view text) {
  int64_t value = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseDoubleText(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* last = text.data() + text.size();
  auto result = std::from_chars(text.data(), last, value);
  if (result.ptr != last) return std::nullopt;
  if (result.ec == std::errc::result_out_of_range) {
    // from_chars leaves the value alone; strtod saturates to infinity or flushes to zero.
    std::string copy(text);
    return std::strtod(copy.c_str(), nullptr);
  }
  if (result.ec != std::errc()) return std::nullopt;
  return value;
}

std::optional<types::int128_t> ParseDecimalText(std::string_view text, int precision, int scale) {
  size_t e = text.find_first_of("eE");
  if (e == std::string_view::npos) return types::ParseDecimal(text, precision, scale);
  NumberParts parts = SplitNumber(text);
  if (!parts.valid) return std::nullopt;
  std::string digits = std::string(parts.integer) + std::string(parts.fraction);
  bool all_zero = digits.find_first_not_of('0') == std::string::npos;
  int64_t point = static_cast<int64_t>(parts.integer.size()) + parts.exponent;
  // Far exponents: the value is 0 at any scale, or has more digits than any decimal holds.
  if (all_zero || point < -(types::kMaxDecimalPrecision + 2)) return types::int128_t{0};
  if (point > types::kMaxDecimalPrecision + 2) return std::nullopt;
  std::string plain = parts.negative ? "-" : "";
  if (point <= 0) {
    plain += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    plain += digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    plain += digits.substr(0, static_cast<size_t>(point)) + "." +
             digits.substr(static_cast<size_t>(point));
  }
  return types::ParseDecimal(plain, precision, scale);
}

std::optional<types::int128_t> DoubleToDecimal(double value, int precision, int scale) {
  if (!std::isfinite(value)) return std::nullopt;
  char buffer[400];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  if (result.ec != std::errc()) return std::nullopt;
  return types::ParseDecimal(std::string_view(buffer, result.ptr - buffer), precision, scale);
}

namespace {

template <typename T>
void AppendFloating(std::string& out, T value) {
  if (std::isnan(value)) {
    out += "\"NaN\"";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return;
  }
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  std::string_view text(buffer, result.ptr - buffer);
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

}  // namespace

void AppendJsonDouble(std::string& out, double value) { AppendFloating(out, value); }
void AppendJsonFloat(std::string& out, float value) { AppendFloating(out, value); }

}  // namespace basin::formats::json
