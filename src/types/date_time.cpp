#include "types/date_time.hpp"

#include <cstdio>

namespace basin::types {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain descriptions).
int32_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<int32_t>(era * 146097 + day_of_era - 719468);
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {year_of_era + era * 400 + (month <= 2), month, day};
}

std::string FormatDate(int32_t days) {
  CivilDate date = CivilFromDays(days);
  char buffer[32];
  if (date.year >= 0 && date.year <= 9999) {
    std::snprintf(buffer, sizeof(buffer), "%04lld-%02d-%02d", static_cast<long long>(date.year),
                  date.month, date.day);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%+05lld-%02d-%02d", static_cast<long long>(date.year),
                  date.month, date.day);
  }
  return buffer;
}

static std::string FormatTimeOfDay(int64_t micros_of_day) {
  const int64_t seconds = micros_of_day / kMicrosPerSecond;
  const int64_t fraction = micros_of_day % kMicrosPerSecond;
  char buffer[32];
  int length = std::snprintf(buffer, sizeof(buffer), "%02lld:%02lld:%02lld",
                             static_cast<long long>(seconds / 3600),
                             static_cast<long long>(seconds / 60 % 60),
                             static_cast<long long>(seconds % 60));
  std::string text(buffer, length);
  if (fraction != 0) {
    std::snprintf(buffer, sizeof(buffer), ".%06lld", static_cast<long long>(fraction));
    std::string digits(buffer);
    while (digits.back() == '0') digits.pop_back();
    text += digits;
  }
  return text;
}

std::string FormatTimestamp(int64_t micros) {
  int64_t days = micros / kMicrosPerDay;
  int64_t rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  return FormatDate(static_cast<int32_t>(days)) + " " + FormatTimeOfDay(rest);
}

std::string FormatTime(int64_t micros) { return FormatTimeOfDay(micros); }

namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool Consume(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  // Reads between min and max digits.
  std::optional<int64_t> Digits(int min, int max, int* count = nullptr) {
    int64_t value = 0;
    int n = 0;
    while (n < max && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      value = value * 10 + (text_[pos_] - '0');
      ++pos_;
      ++n;
    }
    if (n < min) return std::nullopt;
    if (count) *count = n;
    return value;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

std::optional<int32_t> ParseDatePart(Cursor& cursor) {
  bool negative = cursor.Consume('-');
  if (!negative) cursor.Consume('+');  // FormatDate writes years past 9999 with a sign
  auto year = cursor.Digits(4, 6);
  if (!year || !cursor.Consume('-')) return std::nullopt;
  auto month = cursor.Digits(1, 2);
  if (!month || !cursor.Consume('-')) return std::nullopt;
  auto day = cursor.Digits(1, 2);
  if (!day || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
  static constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int64_t y = negative ? -*year : *year;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (*day > kDaysInMonth[*month - 1] || (*month == 2 && *day == 29 && !leap)) {
    return std::nullopt;
  }
  return DaysFromCivil(y, static_cast<int>(*month), static_cast<int>(*day));
}

std::optional<int64_t> ParseTimePart(Cursor& cursor) {
  auto hour = cursor.Digits(1, 2);
  if (!hour || !cursor.Consume(':')) return std::nullopt;
  auto minute = cursor.Digits(2, 2);
  if (!minute) return std::nullopt;
  int64_t second = 0;
  int64_t fraction = 0;
  if (cursor.Consume(':')) {
    auto s = cursor.Digits(2, 2);
    if (!s) return std::nullopt;
    second = *s;
    if (cursor.Consume('.')) {
      int count = 0;
      auto digits = cursor.Digits(1, 9, &count);
      if (!digits) return std::nullopt;
      fraction = *digits;
      for (; count < 6; ++count) fraction *= 10;
      for (; count > 6; --count) fraction /= 10;
    }
  }
  if (*hour > 23 || *minute > 59 || second > 60) return std::nullopt;
  return ((*hour * 60 + *minute) * 60 + second) * kMicrosPerSecond + fraction;
}

}  // namespace

std::optional<int32_t> ParseDate(std::string_view text) {
  Cursor cursor(text);
  auto days = ParseDatePart(cursor);
  if (!days || !cursor.AtEnd()) return std::nullopt;
  return days;
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  Cursor cursor(text);
  auto days = ParseDatePart(cursor);
  // Microseconds in an int64 reach about 292,000 years either side of 1970.
  constexpr int32_t kMaxTimestampDays = INT64_MAX / kMicrosPerDay - 1;
  if (!days || *days > kMaxTimestampDays || *days < -kMaxTimestampDays) return std::nullopt;
  int64_t micros = static_cast<int64_t>(*days) * kMicrosPerDay;
  if (cursor.AtEnd()) return micros;
  if (!cursor.Consume(' ') && !cursor.Consume('T')) return std::nullopt;
  auto time = ParseTimePart(cursor);
  if (!time) return std::nullopt;
  micros += *time;
  if (cursor.Consume('Z')) return cursor.AtEnd() ? std::optional<int64_t>(micros) : std::nullopt;
  if (cursor.Peek('+') || cursor.Peek('-')) {
    int sign = cursor.Consume('-') ? -1 : (cursor.Consume('+'), 1);
    auto hours = cursor.Digits(2, 2);
    if (!hours) return std::nullopt;
    cursor.Consume(':');
    auto minutes = cursor.Digits(2, 2);
    if (!minutes) return std::nullopt;
    micros -= sign * (*hours * 60 + *minutes) * 60 * kMicrosPerSecond;
  }
  if (!cursor.AtEnd()) return std::nullopt;
  return micros;
}

std::optional<int64_t> ParseTime(std::string_view text) {
  Cursor cursor(text);
  auto time = ParseTimePart(cursor);
  if (!time || !cursor.AtEnd()) return std::nullopt;
  return time;
}

}  // namespace basin::types
