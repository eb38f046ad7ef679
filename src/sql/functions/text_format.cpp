#include "sql/functions/text_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace basin::sql::fn {

namespace {

// `scientific` is to_chars' shortest scientific text: "-1.2345e+07".
std::string JavaStyle(std::string_view scientific, double magnitude) {
  std::string sign;
  if (!scientific.empty() && scientific.front() == '-') {
    sign = "-";
    scientific.remove_prefix(1);
  }
  size_t e = scientific.find('e');
  std::string digits;
  for (char c : scientific.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = std::atoi(std::string(scientific.substr(e + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    std::string text;
    if (exponent >= 0) {
      size_t integer_digits = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= integer_digits) {
        text = digits + std::string(integer_digits - digits.size(), '0') + ".0";
      } else {
        text = digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
      }
    } else {
      text = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    }
    return sign + text;
  }
  std::string fraction = digits.size() > 1 ? digits.substr(1) : "0";
  return sign + digits.substr(0, 1) + "." + fraction + "E" + std::to_string(exponent);
}

template <typename T>
std::string Format(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  return JavaStyle(std::string_view(buffer, result.ptr - buffer),
                   std::fabs(static_cast<double>(value)));
}

}  // namespace

std::string FormatDouble(double value) { return Format(value); }
std::string FormatReal(float value) { return Format(value); }

}  // namespace basin::sql::fn
