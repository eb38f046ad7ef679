// Date and time functions: date_trunc, date_add, date_diff, field extraction (year … second),
// current_date/current_timestamp/now, ISO 8601 parsing, unix time. DATE is days since
// 1970-01-01, TIMESTAMP microseconds since 1970-01-01 00:00:00 (UTC), TIME microseconds since
// midnight.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <string>

#include "sql/functions/datetime_util.hpp"
#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

using types::kMicrosPerDay;
using types::kMicrosPerSecond;

std::optional<TimeUnit> ParseTimeUnit(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!lower.empty() && lower.back() == 's') lower.pop_back();  // "days" as well as "day"
  if (lower == "millisecond") return TimeUnit::kMillisecond;
  if (lower == "second") return TimeUnit::kSecond;
  if (lower == "minute") return TimeUnit::kMinute;
  if (lower == "hour") return TimeUnit::kHour;
  if (lower == "day") return TimeUnit::kDay;
  if (lower == "week") return TimeUnit::kWeek;
  if (lower == "month") return TimeUnit::kMonth;
  if (lower == "quarter") return TimeUnit::kQuarter;
  if (lower == "year") return TimeUnit::kYear;
  return std::nullopt;
}

TimeUnit TimeUnitOrThrow(std::string_view text, const char* function, bool date_only) {
  auto unit = ParseTimeUnit(text);
  if (!unit) {
    ThrowInvalid(std::string(function) + ": '" + std::string(text) +
                 "' is not a valid time unit (millisecond, second, minute, hour, day, week, "
                 "month, quarter, year)");
  }
  if (date_only && *unit < TimeUnit::kDay) {
    ThrowInvalid(std::string(function) + ": '" + std::string(text) +
                 "' is not a valid unit for a date");
  }
  return *unit;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int DayOfYear(int64_t days) {
  types::CivilDate date = types::CivilFromDays(days);
  return static_cast<int>(days - types::DaysFromCivil(date.year, 1, 1)) + 1;
}

int IsoWeek(int64_t days, int64_t* week_year) {
  // The Thursday of this week decides the year; the week is its ordinal among that year's.
  int64_t thursday = days - DayOfWeek(days) + 4;
  int64_t year = types::CivilFromDays(thursday).year;
  if (week_year != nullptr) *week_year = year;
  return static_cast<int>((thursday - types::DaysFromCivil(year, 1, 1)) / 7) + 1;
}

int64_t AddMonthsToDays(int64_t days, int64_t months) {
  types::CivilDate date = types::CivilFromDays(days);
  int64_t total = date.year * 12 + (date.month - 1) + months;
  int64_t year = FloorDiv(total, 12);
  int month = static_cast<int>(FloorMod(total, 12)) + 1;
  int day = std::min(date.day, DaysInMonth(year, month));
  return types::DaysFromCivil(year, month, day);
}

namespace {

using SV = std::string_view;

int64_t TruncDays(int64_t days, TimeUnit unit) {
  types::CivilDate date = types::CivilFromDays(days);
  switch (unit) {
    case TimeUnit::kWeek: return days - DayOfWeek(days) + 1;
    case TimeUnit::kMonth: return types::DaysFromCivil(date.year, date.month, 1);
    case TimeUnit::kQuarter:
      return types::DaysFromCivil(date.year, (date.month - 1) / 3 * 3 + 1, 1);
    case TimeUnit::kYear: return types::DaysFromCivil(date.year, 1, 1);
    default: return days;
  }
}

int64_t TruncMicros(int64_t micros, TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillisecond: return FloorDiv(micros, 1000) * 1000;
    case TimeUnit::kSecond: return FloorDiv(micros, kMicrosPerSecond) * kMicrosPerSecond;
    case TimeUnit::kMinute: return FloorDiv(micros, 60 * kMicrosPerSecond) * 60 * kMicrosPerSecond;
    case TimeUnit::kHour: return FloorDiv(micros, 3600 * kMicrosPerSecond) * 3600 * kMicrosPerSecond;
    default: return TruncDays(FloorDiv(micros, kMicrosPerDay), unit) * kMicrosPerDay;
  }
}

int64_t UnitMicros(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillisecond: return 1000;
    case TimeUnit::kSecond: return kMicrosPerSecond;
    case TimeUnit::kMinute: return 60 * kMicrosPerSecond;
    case TimeUnit::kHour: return 3600 * kMicrosPerSecond;
    case TimeUnit::kDay: return kMicrosPerDay;
    case TimeUnit::kWeek: return 7 * kMicrosPerDay;
    default: return 0;  // calendar units
  }
}

int64_t MonthsOf(TimeUnit unit) {
  return unit == TimeUnit::kMonth ? 1 : unit == TimeUnit::kQuarter ? 3 : 12;
}

[[noreturn]] void DateOverflow(const char* function) {
  ThrowInvalid(std::string(function) + ": result is out of the supported date range");
}

int64_t AddMicros(int64_t micros, TimeUnit unit, int64_t amount) {
  int64_t step = UnitMicros(unit);
  if (step != 0) {
    int64_t delta;
    if (__builtin_mul_overflow(amount, step, &delta) || __builtin_add_overflow(micros, delta, &delta)) {
      DateOverflow("date_add");
    }
    return delta;
  }
  if (amount > 1'000'000'000 || amount < -1'000'000'000) DateOverflow("date_add");
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t rest = micros - days * kMicrosPerDay;
  int64_t shifted = AddMonthsToDays(days, amount * MonthsOf(unit));
  int64_t result;
  if (__builtin_mul_overflow(shifted, kMicrosPerDay, &result)) DateOverflow("date_add");
  return result + rest;
}

int64_t AddDays(int64_t days, TimeUnit unit, int64_t amount) {
  if (amount > 1'000'000'000 || amount < -1'000'000'000) DateOverflow("date_add");
  int64_t result = unit == TimeUnit::kDay    ? days + amount
                   : unit == TimeUnit::kWeek ? days + amount * 7
                                             : AddMonthsToDays(days, amount * MonthsOf(unit));
  if (result > INT32_MAX || result < INT32_MIN) DateOverflow("date_add");
  return result;
}

// Whole units from a to b (negative when b < a), as Trino (Joda) counts them: the largest n
// such that a + n units does not pass b.
int64_t DiffMicros(int64_t a, int64_t b, TimeUnit unit) {
  int64_t step = UnitMicros(unit);
  if (step != 0) {
    int64_t delta;
    if (__builtin_sub_overflow(b, a, &delta)) DateOverflow("date_diff");
    return delta / step;
  }
  types::CivilDate x = types::CivilFromDays(FloorDiv(a, kMicrosPerDay));
  types::CivilDate y = types::CivilFromDays(FloorDiv(b, kMicrosPerDay));
  int64_t months = (y.year - x.year) * 12 + (y.month - x.month);
  if (months > 0 && AddMicros(a, TimeUnit::kMonth, months) > b) --months;
  if (months < 0 && AddMicros(a, TimeUnit::kMonth, months) < b) ++months;
  return months / MonthsOf(unit);
}

// Applies f(i) → T to each valid row, where the unit (argument 0) is parsed per row but is
// almost always one constant.
template <typename R, typename F>
void WithUnit(Args args, size_t rows, Vector& out, const char* function, bool date_only, F&& f) {
  bool all_valid = PrepareOutput(args, rows, out);
  const auto* units = args[0]->data<SV>();
  R* r = out.data<R>();
  SV last_text;
  TimeUnit unit = TimeUnit::kDay;
  bool parsed = false;
  ForValidRows(out, rows, all_valid, [&](size_t i) {
    if (!parsed || units[i] != last_text) {
      unit = TimeUnitOrThrow(units[i], function, date_only);
      last_text = units[i];
      parsed = true;
    }
    r[i] = f(unit, i);
  });
}

int64_t NowMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// Registers f over DATE and over TIMESTAMP (a timestamp's day) for a field of the calendar.
template <typename F>
void AddDateField(Registry& registry, const char* name, F field) {
  registry.AddFixed(name, {LogicalType::Date()}, LogicalType::BigInt(),
                    [field](Args args, size_t rows, Vector& out) {
                      UnaryKernel<int32_t, int64_t>(args, rows, out,
                                                    [&](int32_t d) { return int64_t{field(d)}; });
                    });
  registry.AddFixed(name, {LogicalType::Timestamp()}, LogicalType::BigInt(),
                    [field](Args args, size_t rows, Vector& out) {
                      UnaryKernel<int64_t, int64_t>(args, rows, out, [&](int64_t t) {
                        return int64_t{field(FloorDiv(t, kMicrosPerDay))};
                      });
                    });
}

// A field of the time of day, over TIMESTAMP and TIME.
template <typename F>
void AddTimeField(Registry& registry, const char* name, F field) {
  for (auto type : {LogicalType::Timestamp(), LogicalType::Time()}) {
    registry.AddFixed(name, {type}, LogicalType::BigInt(), [field](Args args, size_t rows, Vector& out) {
      UnaryKernel<int64_t, int64_t>(args, rows, out,
                                    [&](int64_t t) { return field(FloorMod(t, kMicrosPerDay)); });
    });
  }
}

}  // namespace

void RegisterDatetimeFormat(Registry& registry);

void RegisterDatetimeFunctions(Registry& registry) {
  const auto V = LogicalType::Varchar();
  const auto B = LogicalType::BigInt();
  const auto D = LogicalType::Date();
  const auto T = LogicalType::Timestamp();

  registry.AddFixed("date_trunc", {V, D}, D, [](Args args, size_t rows, Vector& out) {
    const auto* d = args[1]->data<int32_t>();
    WithUnit<int32_t>(args, rows, out, "date_trunc", true, [&](TimeUnit unit, size_t i) {
      return static_cast<int32_t>(TruncDays(d[i], unit));
    });
  });
  registry.AddFixed("date_trunc", {V, T}, T, [](Args args, size_t rows, Vector& out) {
    const auto* t = args[1]->data<int64_t>();
    WithUnit<int64_t>(args, rows, out, "date_trunc", false,
                      [&](TimeUnit unit, size_t i) { return TruncMicros(t[i], unit); });
  });
  registry.AddFixed("date_add", {V, B, D}, D, [](Args args, size_t rows, Vector& out) {
    const auto* n = args[1]->data<int64_t>();
    const auto* d = args[2]->data<int32_t>();
    WithUnit<int32_t>(args, rows, out, "date_add", true, [&](TimeUnit unit, size_t i) {
      return static_cast<int32_t>(AddDays(d[i], unit, n[i]));
    });
  });
  registry.AddFixed("date_add", {V, B, T}, T, [](Args args, size_t rows, Vector& out) {
    const auto* n = args[1]->data<int64_t>();
    const auto* t = args[2]->data<int64_t>();
    WithUnit<int64_t>(args, rows, out, "date_add", false,
                      [&](TimeUnit unit, size_t i) { return AddMicros(t[i], unit, n[i]); });
  });
  registry.AddFixed("date_diff", {V, D, D}, B, [](Args args, size_t rows, Vector& out) {
    const auto* a = args[1]->data<int32_t>();
    const auto* b = args[2]->data<int32_t>();
    WithUnit<int64_t>(args, rows, out, "date_diff", true, [&](TimeUnit unit, size_t i) {
      // Days as microseconds reach about 292,000 years either side of 1970.
      constexpr int32_t kMaxDays = 100'000'000;
      if (a[i] > kMaxDays || a[i] < -kMaxDays || b[i] > kMaxDays || b[i] < -kMaxDays) {
        DateOverflow("date_diff");
      }
      return DiffMicros(a[i] * kMicrosPerDay, b[i] * kMicrosPerDay, unit);
    });
  });
  registry.AddFixed("date_diff", {V, T, T}, B, [](Args args, size_t rows, Vector& out) {
    const auto* a = args[1]->data<int64_t>();
    const auto* b = args[2]->data<int64_t>();
    WithUnit<int64_t>(args, rows, out, "date_diff", false,
                      [&](TimeUnit unit, size_t i) { return DiffMicros(a[i], b[i], unit); });
  });

  auto year = [](int64_t d) { return types::CivilFromDays(d).year; };
  auto month = [](int64_t d) { return int64_t{types::CivilFromDays(d).month}; };
  auto day = [](int64_t d) { return int64_t{types::CivilFromDays(d).day}; };
  AddDateField(registry, "year", year);
  AddDateField(registry, "month", month);
  AddDateField(registry, "day", day);
  AddDateField(registry, "day_of_month", day);
  AddDateField(registry, "quarter", [](int64_t d) { return int64_t{(types::CivilFromDays(d).month - 1) / 3 + 1}; });
  AddDateField(registry, "week", [](int64_t d) { return int64_t{IsoWeek(d)}; });
  AddDateField(registry, "week_of_year", [](int64_t d) { return int64_t{IsoWeek(d)}; });
  AddDateField(registry, "year_of_week", [](int64_t d) {
    int64_t week_year;
    IsoWeek(d, &week_year);
    return week_year;
  });
  AddDateField(registry, "day_of_week", [](int64_t d) { return int64_t{DayOfWeek(d)}; });
  AddDateField(registry, "dow", [](int64_t d) { return int64_t{DayOfWeek(d)}; });
  AddDateField(registry, "day_of_year", [](int64_t d) { return int64_t{DayOfYear(d)}; });
  AddDateField(registry, "doy", [](int64_t d) { return int64_t{DayOfYear(d)}; });
  AddTimeField(registry, "hour", [](int64_t t) { return t / (3600 * kMicrosPerSecond); });
  AddTimeField(registry, "minute", [](int64_t t) { return t / (60 * kMicrosPerSecond) % 60; });
  AddTimeField(registry, "second", [](int64_t t) { return t / kMicrosPerSecond % 60; });
  AddTimeField(registry, "millisecond", [](int64_t t) { return t / 1000 % 1000; });

  // The clock is read once, when the call is resolved: the whole query sees one instant.
  registry.AddScalar("current_date", "current_date()", [](const CallSite& call) -> std::optional<ScalarFunction> {
    if (!call.argument_types.empty()) return std::nullopt;
    auto today = static_cast<int32_t>(FloorDiv(NowMicros(), kMicrosPerDay));
    ScalarFunction function{"current_date", {}, LogicalType::Date(),
                            [today](Args, size_t rows, Vector& out) {
                              out.Resize(rows);
                              std::fill_n(out.data<int32_t>(), rows, today);
                            }};
    return function;
  });
  for (const char* name : {"current_timestamp", "now", "localtimestamp"}) {
    registry.AddScalar(name, std::string(name) + "()", [name](const CallSite& call) -> std::optional<ScalarFunction> {
      if (!call.argument_types.empty()) return std::nullopt;
      int64_t now = NowMicros();
      ScalarFunction function{name, {}, LogicalType::Timestamp(),
                              [now](Args, size_t rows, Vector& out) {
                                out.Resize(rows);
                                std::fill_n(out.data<int64_t>(), rows, now);
                              }};
      return function;
    });
  }

  registry.AddFixed("from_iso8601_timestamp", {V}, T, [](Args args, size_t rows, Vector& out) {
    UnaryKernel<SV, int64_t>(args, rows, out, [](SV text) {
      auto micros = types::ParseTimestamp(text);
      if (!micros) {
        ThrowInvalid("from_iso8601_timestamp: '" + std::string(text) +
                     "' is not an ISO 8601 timestamp");
      }
      return *micros;
    });
  });
  registry.AddFixed("from_iso8601_date", {V}, D, [](Args args, size_t rows, Vector& out) {
    UnaryKernel<SV, int32_t>(args, rows, out, [](SV text) {
      auto days = types::ParseDate(text);
      if (!days) ThrowInvalid("from_iso8601_date: '" + std::string(text) + "' is not an ISO 8601 date");
      return *days;
    });
  });
  registry.AddFixed("to_unixtime", {T}, LogicalType::Double(), [](Args args, size_t rows, Vector& out) {
    UnaryKernel<int64_t, double>(args, rows, out, [](int64_t t) {
      return static_cast<double>(t) / static_cast<double>(kMicrosPerSecond);
    });
  });
  registry.AddFixed("from_unixtime", {LogicalType::Double()}, T, [](Args args, size_t rows, Vector& out) {
    UnaryKernel<double, int64_t>(args, rows, out, [](double seconds) {
      double micros = std::round(seconds * static_cast<double>(kMicrosPerSecond));
      if (!(micros >= -9.2e18 && micros <= 9.2e18)) {
        ThrowInvalid("from_unixtime: " + std::to_string(seconds) + " is out of the timestamp range");
      }
      return static_cast<int64_t>(micros);
    });
  });
  registry.AddFixed("last_day_of_month", {D}, D, [](Args args, size_t rows, Vector& out) {
    UnaryKernel<int32_t, int32_t>(args, rows, out, [](int32_t d) {
      types::CivilDate date = types::CivilFromDays(d);
      return types::DaysFromCivil(date.year, date.month, DaysInMonth(date.year, date.month));
    });
  });
  registry.AddFixed("last_day_of_month", {T}, D, [](Args args, size_t rows, Vector& out) {
    UnaryKernel<int64_t, int32_t>(args, rows, out, [](int64_t t) {
      types::CivilDate date = types::CivilFromDays(FloorDiv(t, kMicrosPerDay));
      return types::DaysFromCivil(date.year, date.month, DaysInMonth(date.year, date.month));
    });
  });
  registry.AddFixed("to_iso8601", {D}, V, [](Args args, size_t rows, Vector& out) {
    const auto* d = args[0]->data<int32_t>();
    std::string buffer;
    StringResultKernel(args, rows, out, [&](size_t i) {
      buffer = types::FormatDate(d[i]);
      return SV(buffer);
    });
  });
  registry.AddFixed("to_iso8601", {T}, V, [](Args args, size_t rows, Vector& out) {
    const auto* t = args[0]->data<int64_t>();
    std::string buffer;
    StringResultKernel(args, rows, out, [&](size_t i) {
      buffer = types::FormatTimestamp(t[i]);
      size_t space = buffer.find(' ');
      if (space != std::string::npos) buffer[space] = 'T';
      return SV(buffer);
    });
  });
  // date(x) is CAST(x AS date).
  for (auto type : {V, T}) {
    registry.AddFixed("date", {type}, D, [](Args args, size_t rows, Vector& out) {
      CastVector(*args[0], rows, out, false);
    });
  }
  RegisterDatetimeFormat(registry);
}

}  // namespace basin::sql::fn
