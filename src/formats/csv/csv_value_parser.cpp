#include "formats/csv/csv_value_parser.hpp"

#include <charconv>
#include <cstring>
#include <type_traits>

#include "types/date_time.hpp"

namespace basin::formats::csv {

namespace {

// Days either side of the epoch whose microseconds, plus a day, still fit in int64.
constexpr int32_t kMaxTimestampDays = 106751990;

// Years past 9999 are written with a sign ("+12024-01-02"), as ISO 8601 asks; types/ reads
// only the minus.
std::string_view WithoutPlus(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] >= '0' && text[1] <= '9') text.remove_prefix(1);
  return text;
}

bool HasOuterSpace(const char* text, size_t size) {
  return size > 0 && (text[0] == ' ' || text[size - 1] == ' ');
}

std::string_view Trim(const char* text, size_t size) {
  size_t begin = 0;
  while (begin < size && text[begin] == ' ') ++begin;
  while (size > begin && text[size - 1] == ' ') --size;
  return {text + begin, size - begin};
}

bool ParseInt64Exact(const char* text, size_t size, int64_t* out) {
  size_t i = 0;
  bool negative = false;
  if (size > 0 && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    i = 1;
  }
  if (i == size) return false;
  uint64_t value = 0;
  if (size - i <= 18) {
    // Eighteen digits cannot overflow: no checks in the loop.
    for (; i < size; ++i) {
      unsigned digit = static_cast<unsigned char>(text[i]) - '0';
      if (digit > 9) return false;
      value = value * 10 + digit;
    }
  } else {
    for (; i < size; ++i) {
      unsigned digit = static_cast<unsigned char>(text[i]) - '0';
      if (digit > 9) return false;
      if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, digit, &value)) {
        return false;
      }
    }
    if (value > (negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1)) return false;
  }
  *out = negative ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return true;
}

// Exact powers of ten a double holds: m / 10^k with m < 2^53 and k <= 22 is correctly rounded
// by one division (Clinger's fast path).
constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Plain decimals ("-45077.70") with at most 15 significant digits, the bulk of CSV numbers.
bool ParseSimpleDecimal(const char* text, size_t size, double* out) {
  size_t i = 0;
  bool negative = false;
  if (size > 0 && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    i = 1;
  }
  uint64_t mantissa = 0;
  int digits = 0;
  int fraction_digits = 0;
  bool dot = false;
  for (; i < size; ++i) {
    unsigned digit = static_cast<unsigned char>(text[i]) - '0';
    if (digit <= 9) {
      mantissa = mantissa * 10 + digit;
      if (++digits > 15) return false;
      fraction_digits += dot ? 1 : 0;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  if (digits == 0) return false;
  double value = static_cast<double>(mantissa) / kExactPowersOfTen[fraction_digits];
  *out = negative ? -value : value;
  return true;
}

template <typename T>
bool ParseFloatingExact(const char* text, size_t size, T* out) {
  if (size == 0) return false;
  if constexpr (std::is_same_v<T, double>) {
    if (ParseSimpleDecimal(text, size, out)) return true;
  }
  const char* begin = text;
  // from_chars takes no '+', but "+1.5" is a number to every CSV producer.
  if (*begin == '+' && size > 1 && begin[1] != '-') ++begin;
  auto [end, error] = std::from_chars(begin, text + size, *out);
  return error == std::errc() && end == text + size;
}

// Days since 1970-01-01 of a date in years 1..9999 (the caller checked the fields), computed
// here rather than through types::DaysFromCivil so the hot date parsers inline it.
inline int32_t DaysFromCivilFast(int year, int month, int day) {
  static constexpr int kDaysBeforeMonth[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const int before = year - 1;
  const int leap_days = before / 4 - before / 100 + before / 400;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  // 719162 = days from 0001-01-01 to 1970-01-01.
  return before * 365 + leap_days + kDaysBeforeMonth[month - 1] + (leap && month > 2) + day - 1 -
         719162;
}

inline bool Digit(char c, int* value) {
  unsigned digit = static_cast<unsigned char>(c) - '0';
  *value = static_cast<int>(digit);
  return digit <= 9;
}

// YYYY-MM-DD exactly, the spelling nearly every file uses.
bool ParseIsoDate(const char* t, int32_t* days) {
  int d[8];
  if (t[4] != '-' || t[7] != '-') return false;
  if (!Digit(t[0], &d[0]) || !Digit(t[1], &d[1]) || !Digit(t[2], &d[2]) ||
      !Digit(t[3], &d[3]) || !Digit(t[5], &d[4]) || !Digit(t[6], &d[5]) ||
      !Digit(t[8], &d[6]) || !Digit(t[9], &d[7])) {
    return false;
  }
  int year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
  int month = d[4] * 10 + d[5];
  int day = d[6] * 10 + d[7];
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDaysInMonth[month - 1]) return false;
  if (month == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
    return false;
  }
  *days = year > 0 ? DaysFromCivilFast(year, month, day) : types::DaysFromCivil(year, month, day);
  return true;
}

// YYYY-MM-DD HH:MM:SS[.f{1,9}][Z] with ' ' or 'T' between date and time.
bool ParseIsoTimestamp(const char* t, size_t size, int64_t* micros) {
  if (size < 19) return false;
  int32_t days;
  if (!ParseIsoDate(t, &days)) return false;
  if ((t[10] != ' ' && t[10] != 'T') || t[13] != ':' || t[16] != ':') return false;
  int d[6];
  if (!Digit(t[11], &d[0]) || !Digit(t[12], &d[1]) || !Digit(t[14], &d[2]) ||
      !Digit(t[15], &d[3]) || !Digit(t[17], &d[4]) || !Digit(t[18], &d[5])) {
    return false;
  }
  int hour = d[0] * 10 + d[1];
  int minute = d[2] * 10 + d[3];
  int second = d[4] * 10 + d[5];
  if (hour > 23 || minute > 59 || second > 59) return false;
  size_t i = 19;
  int64_t fraction = 0;
  if (i < size && t[i] == '.') {
    ++i;
    int count = 0;
    int digit;
    while (i < size && Digit(t[i], &digit)) {
      if (count < 6) fraction = fraction * 10 + digit;
      ++count;
      ++i;
    }
    if (count == 0 || count > 9) return false;
    for (int c = count; c < 6; ++c) fraction *= 10;
  }
  if (i < size && t[i] == 'Z') ++i;
  if (i != size) return false;
  *micros = static_cast<int64_t>(days) * types::kMicrosPerDay +
            ((hour * 60 + minute) * 60 + second) * types::kMicrosPerSecond + fraction;
  return true;
}

bool EqualsIgnoreCase(const char* text, size_t size, std::string_view lower) {
  if (size != lower.size()) return false;
  for (size_t i = 0; i < size; ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// true/false/t/f.
int BooleanWord(const char* text, size_t size) {
  if (EqualsIgnoreCase(text, size, "true") || EqualsIgnoreCase(text, size, "t")) return 1;
  if (EqualsIgnoreCase(text, size, "false") || EqualsIgnoreCase(text, size, "f")) return 0;
  return -1;
}

}  // namespace

bool ParseInt64(const char* text, size_t size, int64_t* out) {
  if (ParseInt64Exact(text, size, out)) return true;
  if (!HasOuterSpace(text, size)) return false;
  std::string_view trimmed = Trim(text, size);
  return ParseInt64Exact(trimmed.data(), trimmed.size(), out);
}

bool ParseDouble(const char* text, size_t size, double* out) {
  if (ParseFloatingExact(text, size, out)) return true;
  if (!HasOuterSpace(text, size)) return false;
  std::string_view trimmed = Trim(text, size);
  return ParseFloatingExact(trimmed.data(), trimmed.size(), out);
}

bool ParseFloat(const char* text, size_t size, float* out) {
  if (ParseFloatingExact(text, size, out)) return true;
  if (!HasOuterSpace(text, size)) return false;
  std::string_view trimmed = Trim(text, size);
  return ParseFloatingExact(trimmed.data(), trimmed.size(), out);
}

bool ParseBoolean(const char* text, size_t size, bool* out) {
  std::string_view trimmed = Trim(text, size);
  int word = BooleanWord(trimmed.data(), trimmed.size());
  if (word < 0) {
    if (trimmed == "1") word = 1;
    if (trimmed == "0") word = 0;
  }
  if (word < 0) return false;
  *out = word == 1;
  return true;
}

bool ParseDate(const char* text, size_t size, int32_t* days) {
  if (size == 10 && ParseIsoDate(text, days)) return true;
  auto parsed = types::ParseDate(WithoutPlus(Trim(text, size)));
  if (!parsed) return false;
  *days = *parsed;
  return true;
}

bool ParseTimestamp(const char* text, size_t size, int64_t* micros) {
  int32_t days;
  if (size == 10 && ParseIsoDate(text, &days)) {
    *micros = static_cast<int64_t>(days) * types::kMicrosPerDay;
    return true;
  }
  if (ParseIsoTimestamp(text, size, micros)) return true;
  std::string_view trimmed = WithoutPlus(Trim(text, size));
  // Dates whose microseconds overflow int64 (years past ±292,000) are not timestamps; check
  // before types::ParseTimestamp multiplies.
  size_t date_end = trimmed.find_first_of(" T", 1);
  auto date = types::ParseDate(trimmed.substr(0, date_end));
  if (!date || *date > kMaxTimestampDays || *date < -kMaxTimestampDays) return false;
  auto parsed = types::ParseTimestamp(trimmed);
  if (!parsed) return false;
  *micros = *parsed;
  return true;
}

bool ParseTime(const char* text, size_t size, int64_t* micros) {
  auto parsed = types::ParseTime(Trim(text, size));
  if (!parsed) return false;
  *micros = *parsed;
  return true;
}

uint8_t ClassifyText(std::string_view raw) {
  std::string_view text = Trim(raw.data(), raw.size());
  if (text.empty()) return 0;
  if (BooleanWord(text.data(), text.size()) >= 0) return kCanBoolean;
  uint8_t result = 0;
  int64_t integer;
  double real;
  if (ParseInt64Exact(text.data(), text.size(), &integer)) return kCanBigInt | kCanDouble;
  if (ParseFloatingExact(text.data(), text.size(), &real)) result |= kCanDouble;
  int32_t days;
  int64_t micros;
  if (ParseDate(text.data(), text.size(), &days)) {
    result |= kCanDate | kCanTimestamp;
  } else if (text.size() > 10 && ParseTimestamp(text.data(), text.size(), &micros)) {
    result |= kCanTimestamp;
  }
  return result;
}

}  // namespace basin::formats::csv
