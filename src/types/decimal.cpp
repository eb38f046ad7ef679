#include "types/decimal.hpp"

#include <algorithm>

namespace basin::types {

int128_t PowerOfTen(int exponent) {
  int128_t value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

std::string Int128ToString(int128_t value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  // Work in unsigned space so the most negative value does not overflow.
  unsigned __int128 magnitude =
      negative ? static_cast<unsigned __int128>(-(value + 1)) + 1 : value;
  std::string digits;
  while (magnitude > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  if (negative) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::string FormatDecimal(int128_t unscaled, int scale) {
  std::string text = Int128ToString(unscaled);
  if (scale <= 0) return text;
  bool negative = !text.empty() && text[0] == '-';
  std::string digits = negative ? text.substr(1) : text;
  if (digits.size() <= static_cast<size_t>(scale)) {
    digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
  }
  digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  if (negative) digits.insert(digits.begin(), '-');
  return digits;
}

std::optional<int128_t> ParseDecimal(std::string_view text, int precision, int scale) {
  size_t pos = 0;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    negative = text[pos] == '-';
    ++pos;
  }
  int128_t value = 0;
  int integer_digits = 0;
  int fraction_digits = 0;
  bool any_digit = false;
  bool round_up = false;
  bool in_fraction = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any_digit = true;
    if (in_fraction) {
      // Digits past the scale only decide rounding (below); they must still be digits.
      if (fraction_digits == scale) continue;
      ++fraction_digits;
    } else {
      if (value == 0 && c == '0') continue;  // leading zeros do not count toward precision
      ++integer_digits;
      if (integer_digits > precision - scale) return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  if (!any_digit) return std::nullopt;
  // Rounding: look at the first digit past the scale, if any.
  size_t dot = text.find('.');
  if (dot != std::string_view::npos && text.size() - dot - 1 > static_cast<size_t>(scale)) {
    round_up = text[dot + 1 + scale] >= '5';
  }
  for (; fraction_digits < scale; ++fraction_digits) value *= 10;
  if (round_up) {
    value += 1;
    if (value >= PowerOfTen(precision)) return std::nullopt;
  }
  return negative ? -value : value;
}

}  // namespace basin::types
