#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace basin::types {

using int128_t = __int128;

// Unscaled decimal values: 12.34 at scale 2 is 1234. Precision <= 18 fits int64_t.
std::string FormatDecimal(int128_t unscaled, int scale);

// Parses "-12.5", "3", "1e3" is rejected. Rounds half away from zero to `scale` digits.
// nullopt when the text is not a number or needs more than `precision` digits.
std::optional<int128_t> ParseDecimal(std::string_view text, int precision, int scale);

// 10^exponent for 0 <= exponent <= 38.
int128_t PowerOfTen(int exponent);

std::string Int128ToString(int128_t value);

}  // namespace basin::types
