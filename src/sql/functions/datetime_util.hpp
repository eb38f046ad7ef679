#pragma once

// Calendar helpers shared by the date/time functions (days since 1970-01-01, microseconds).

#include <cstdint>
#include <optional>
#include <string_view>

#include "types/date_time.hpp"

namespace basin::sql::fn {

// Units of date_trunc, date_add and date_diff, as Trino spells them (case-insensitive).
enum class TimeUnit { kMillisecond, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kQuarter, kYear };

// nullopt when the text is not a unit.
std::optional<TimeUnit> ParseTimeUnit(std::string_view text);
// Throws InvalidInput naming the function when the text is not a unit (or not one that applies
// to a DATE, when `date_only`).
TimeUnit TimeUnitOrThrow(std::string_view text, const char* function, bool date_only);

inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// ISO day of week: 1 = Monday … 7 = Sunday.
inline int DayOfWeek(int64_t days) { return static_cast<int>(FloorMod(days + 3, 7)) + 1; }
int DayOfYear(int64_t days);
// ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday) and the
// year that week belongs to.
int IsoWeek(int64_t days, int64_t* week_year = nullptr);
int DaysInMonth(int64_t year, int month);

// Adds months, clamping the day to the end of the target month (Jan 31 + 1 month = Feb 28/29).
int64_t AddMonthsToDays(int64_t days, int64_t months);

}  // namespace basin::sql::fn
