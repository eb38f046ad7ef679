// date_format and date_parse with MySQL's format specifiers, as Trino implements them
// (%Y-%m-%d %H:%i:%s …). Trino rejects %D %U %u %V %w %X; so do we.
#include <cctype>
#include <string>

#include "sql/functions/datetime_util.hpp"
#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

using SV = std::string_view;
using types::kMicrosPerDay;
using types::kMicrosPerSecond;

constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};
constexpr const char* kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

[[noreturn]] void Unsupported(const char* function, char specifier) {
  ThrowInvalid(std::string(function) + ": format specifier %" + std::string(1, specifier) +
               " is not supported");
}

void AppendNumber(std::string& out, int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (value < 0) out.push_back('-');
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  out.append(digits);
}

void FormatTimestamp(int64_t micros, SV format, std::string& out) {
  out.clear();
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t time = micros - days * kMicrosPerDay;
  types::CivilDate date = types::CivilFromDays(days);
  int64_t hour = time / (3600 * kMicrosPerSecond);
  int64_t minute = time / (60 * kMicrosPerSecond) % 60;
  int64_t second = time / kMicrosPerSecond % 60;
  int64_t fraction = time % kMicrosPerSecond;
  int64_t hour12 = hour % 12 == 0 ? 12 : hour % 12;
  int weekday = DayOfWeek(days) - 1;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c != '%' || i + 1 == format.size()) {
      out.push_back(c);
      continue;
    }
    char spec = format[++i];
    switch (spec) {
      case 'a': out.append(SV(kDayNames[weekday]).substr(0, 3)); break;
      case 'b': out.append(SV(kMonthNames[date.month - 1]).substr(0, 3)); break;
      case 'c': AppendNumber(out, date.month, 1); break;
      case 'd': AppendNumber(out, date.day, 2); break;
      case 'e': AppendNumber(out, date.day, 1); break;
      case 'f': AppendNumber(out, fraction, 6); break;
      case 'H': AppendNumber(out, hour, 2); break;
      case 'h':
      case 'I': AppendNumber(out, hour12, 2); break;
      case 'i': AppendNumber(out, minute, 2); break;
      case 'j': AppendNumber(out, DayOfYear(days), 3); break;
      case 'k': AppendNumber(out, hour, 1); break;
      case 'l': AppendNumber(out, hour12, 1); break;
      case 'M': out.append(kMonthNames[date.month - 1]); break;
      case 'm': AppendNumber(out, date.month, 2); break;
      case 'p': out.append(hour < 12 ? "AM" : "PM"); break;
      case 'r':
        AppendNumber(out, hour12, 2);
        out.push_back(':');
        AppendNumber(out, minute, 2);
        out.push_back(':');
        AppendNumber(out, second, 2);
        out.append(hour < 12 ? " AM" : " PM");
        break;
      case 'S':
      case 's': AppendNumber(out, second, 2); break;
      case 'T':
        AppendNumber(out, hour, 2);
        out.push_back(':');
        AppendNumber(out, minute, 2);
        out.push_back(':');
        AppendNumber(out, second, 2);
        break;
      case 'v': AppendNumber(out, IsoWeek(days), 2); break;
      case 'W': out.append(kDayNames[weekday]); break;
      case 'x': {
        int64_t week_year;
        IsoWeek(days, &week_year);
        AppendNumber(out, week_year, 4);
        break;
      }
      case 'Y': AppendNumber(out, date.year, 4); break;
      case 'y': AppendNumber(out, FloorMod(date.year, 100), 2); break;
      case '%': out.push_back('%'); break;
      case 'D':
      case 'U':
      case 'u':
      case 'V':
      case 'w':
      case 'X': Unsupported("date_format", spec);
      default: out.push_back(spec); break;  // MySQL prints unknown specifiers as the letter
    }
  }
}

class Reader {
 public:
  explicit Reader(SV text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  std::optional<int64_t> Number(int max_digits) {
    int64_t value = 0;
    int count = 0;
    bool negative = false;
    if (pos_ < text_.size() && text_[pos_] == '-' && max_digits >= 4) {
      negative = true;
      ++pos_;
    }
    while (count < max_digits && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      value = value * 10 + (text_[pos_++] - '0');
      ++count;
    }
    if (count == 0) return std::nullopt;
    return negative ? -value : value;
  }
  // Case-insensitive match of one of `names` (full or their first three letters).
  std::optional<int> Name(const char* const* names, int count, bool abbreviated) {
    for (int n = 0; n < count; ++n) {
      SV name = abbreviated ? SV(names[n]).substr(0, 3) : SV(names[n]);
      if (text_.size() - pos_ < name.size()) continue;
      bool match = true;
      for (size_t k = 0; k < name.size() && match; ++k) {
        match = std::tolower(static_cast<unsigned char>(text_[pos_ + k])) ==
                std::tolower(static_cast<unsigned char>(name[k]));
      }
      if (match) {
        pos_ += name.size();
        return n;
      }
    }
    return std::nullopt;
  }
  bool Literal(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

 private:
  SV text_;
  size_t pos_ = 0;
};

int64_t ParseTimestamp(SV text, SV format) {
  auto fail = [&]() -> int64_t {
    ThrowInvalid("date_parse: '" + std::string(text) + "' does not match the format '" +
                 std::string(format) + "'");
  };
  Reader reader(text);
  int64_t year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction = 0;
  int64_t day_of_year = 0;
  bool pm = false, twelve_hour = false;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c != '%' || i + 1 == format.size()) {
      if (!reader.Literal(c)) return fail();
      continue;
    }
    char spec = format[++i];
    std::optional<int64_t> number;
    switch (spec) {
      case 'Y': number = reader.Number(4); if (number) year = *number; break;
      case 'y': number = reader.Number(2); if (number) year = *number + (*number < 70 ? 2000 : 1900); break;
      case 'm': case 'c': number = reader.Number(2); if (number) month = *number; break;
      case 'd': case 'e': number = reader.Number(2); if (number) day = *number; break;
      case 'H': case 'k': number = reader.Number(2); if (number) hour = *number; break;
      case 'h': case 'I': case 'l':
        number = reader.Number(2);
        if (number) hour = *number;
        twelve_hour = true;
        break;
      case 'i': number = reader.Number(2); if (number) minute = *number; break;
      case 'S': case 's': number = reader.Number(2); if (number) second = *number; break;
      case 'j': number = reader.Number(3); if (number) day_of_year = *number; break;
      case 'f': {
        int64_t value = 0;  // digits past the sixth are dropped
        int digits = 0;
        while (true) {
          auto digit = reader.Number(1);
          if (!digit) break;
          if (digits < 6) value = value * 10 + *digit;
          ++digits;
        }
        if (digits == 0) return fail();
        for (int k = digits; k < 6; ++k) value *= 10;
        fraction = value;
        number = value;
        break;
      }
      case 'p': {
        static const char* const kMeridian[] = {"AM", "PM"};
        auto which = reader.Name(kMeridian, 2, false);
        if (!which) return fail();
        pm = *which == 1;
        number = 0;
        break;
      }
      case 'b': case 'M': {
        auto which = reader.Name(kMonthNames, 12, spec == 'b');
        if (!which) return fail();
        month = *which + 1;
        number = 0;
        break;
      }
      case 'a': case 'W': {
        if (!reader.Name(kDayNames, 7, spec == 'a')) return fail();
        number = 0;
        break;
      }
      case 'r':
      case 'T': {
        auto h = reader.Number(2);
        bool ok = h && reader.Literal(':');
        auto m = ok ? reader.Number(2) : std::nullopt;
        ok = m && reader.Literal(':');
        auto s = ok ? reader.Number(2) : std::nullopt;
        if (!s) return fail();
        hour = *h, minute = *m, second = *s;
        if (spec == 'r') {  // hh:mm:ss AM|PM
          static const char* const kMeridian[] = {"AM", "PM"};
          auto which = reader.Literal(' ') ? reader.Name(kMeridian, 2, false) : std::nullopt;
          if (!which) return fail();
          pm = *which == 1;
          twelve_hour = true;
        }
        number = 0;
        break;
      }
      case '%': if (!reader.Literal('%')) return fail(); number = 0; break;
      case 'D': case 'U': case 'u': case 'V': case 'w': case 'X': case 'v': case 'x':
        Unsupported("date_parse", spec);
      default: if (!reader.Literal(spec)) return fail(); number = 0; break;
    }
    if (!number) return fail();
  }
  if (!reader.AtEnd()) return fail();
  if (twelve_hour) {
    if (hour < 1 || hour > 12) return fail();
    hour = hour % 12 + (pm ? 12 : 0);
  } else if (pm && hour < 12) {
    hour += 12;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, static_cast<int>(month)) ||
      hour > 23 || minute > 59 || second > 59) {
    return fail();
  }
  int64_t days = types::DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  if (day_of_year > 0) {
    if (day_of_year > (DaysInMonth(year, 2) == 29 ? 366 : 365)) return fail();
    days = types::DaysFromCivil(year, 1, 1) + day_of_year - 1;
  }
  return days * kMicrosPerDay + ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
}

}  // namespace

void RegisterDatetimeFormat(Registry& registry) {
  const auto V = LogicalType::Varchar();
  const auto T = LogicalType::Timestamp();
  registry.AddFixed("date_format", {T, V}, V, [](Args args, size_t rows, Vector& out) {
    const auto* t = args[0]->data<int64_t>();
    const auto* format = args[1]->data<SV>();
    std::string buffer;
    StringResultKernel(args, rows, out, [&](size_t i) {
      FormatTimestamp(t[i], format[i], buffer);
      return SV(buffer);
    });
  });
  registry.AddFixed("date_parse", {V, V}, T, [](Args args, size_t rows, Vector& out) {
    const auto* text = args[0]->data<SV>();
    const auto* format = args[1]->data<SV>();
    bool all_valid = PrepareOutput(args, rows, out);
    auto* r = out.data<int64_t>();
    ForValidRows(out, rows, all_valid, [&](size_t i) { r[i] = ParseTimestamp(text[i], format[i]); });
  });
}

}  // namespace basin::sql::fn
