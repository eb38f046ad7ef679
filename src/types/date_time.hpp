#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace basin::types {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

// Proleptic Gregorian calendar conversions (days since 1970-01-01), valid for any int32 day.
int32_t DaysFromCivil(int64_t year, int month, int day);
CivilDate CivilFromDays(int64_t days);

// "2024-03-07"; years outside 0..9999 print with a sign as ISO 8601 does.
std::string FormatDate(int32_t days);
// "2024-03-07 12:34:56" with ".ffffff" trimmed of trailing zeros only when not all zero.
std::string FormatTimestamp(int64_t micros);
// "12:34:56" or "12:34:56.5".
std::string FormatTime(int64_t micros);

// Parsers accept what CSV and JSON files carry: "2024-03-07", "2024-03-07 12:34:56[.ffffff]",
// "2024-03-07T12:34:56[.ffffff][Z]", "12:34:56[.ffffff]". nullopt when the text is not one.
std::optional<int32_t> ParseDate(std::string_view text);
std::optional<int64_t> ParseTimestamp(std::string_view text);
std::optional<int64_t> ParseTime(std::string_view text);

}  // namespace basin::types
