#include <gtest/gtest.h>

#include "../../error_code_of.hpp"
#include "function_test_util.hpp"

namespace basin::sql::testing {
namespace {

using basin::testing::CodeOf;

TEST(DatetimeFunctionsTest, DateTrunc) {
  EXPECT_EQ(Call("date_trunc", {Str("month"), DateOf("2024-02-29")}), DateOf("2024-02-01"));
  EXPECT_EQ(Call("date_trunc", {Str("week"), DateOf("2024-03-07")}), DateOf("2024-03-04"));
  EXPECT_EQ(Call("date_trunc", {Str("quarter"), DateOf("2024-05-15")}), DateOf("2024-04-01"));
  EXPECT_EQ(Call("date_trunc", {Str("YEAR"), DateOf("1969-07-20")}), DateOf("1969-01-01"));
  EXPECT_EQ(Call("date_trunc", {Str("hour"), TsOf("1969-12-31 23:59:59.5")}),
            TsOf("1969-12-31 23:00:00"));
  EXPECT_EQ(Call("date_trunc", {Str("second"), TsOf("1969-12-31 23:59:59.5")}),
            TsOf("1969-12-31 23:59:59"));
  EXPECT_EQ(Call("date_trunc", {Str("month"), TsOf("2024-03-07 10:00:00")}),
            TsOf("2024-03-01 00:00:00"));
  std::string message;
  EXPECT_EQ(CodeOf([] { Call("date_trunc", {Str("hour"), DateOf("2024-01-01")}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("date_trunc", {Str("fortnight"), DateOf("2024-01-01")}); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("'fortnight' is not a valid time unit"), std::string::npos);
}

TEST(DatetimeFunctionsTest, DateAddClampsToMonthEnd) {
  EXPECT_EQ(Call("date_add", {Str("month"), Big(1), DateOf("2024-01-31")}), DateOf("2024-02-29"));
  EXPECT_EQ(Call("date_add", {Str("month"), Big(1), DateOf("2023-01-31")}), DateOf("2023-02-28"));
  EXPECT_EQ(Call("date_add", {Str("year"), Big(1), DateOf("2024-02-29")}), DateOf("2025-02-28"));
  EXPECT_EQ(Call("date_add", {Str("quarter"), Big(-1), DateOf("2024-05-31")}), DateOf("2024-02-29"));
  EXPECT_EQ(Call("date_add", {Str("day"), Big(-1), DateOf("1970-01-01")}), DateOf("1969-12-31"));
  EXPECT_EQ(Call("date_add", {Str("week"), Int(2), DateOf("2024-12-25")}), DateOf("2025-01-08"));
  EXPECT_EQ(Call("date_add", {Str("hour"), Big(25), TsOf("2024-01-01 00:00:00")}),
            TsOf("2024-01-02 01:00:00"));
  EXPECT_EQ(Call("date_add", {Str("month"), Big(1), TsOf("2024-01-31 12:30:00")}),
            TsOf("2024-02-29 12:30:00"));
  EXPECT_EQ(Call("date_add", {Str("millisecond"), Big(-1), TsOf("1970-01-01 00:00:00")}),
            TsOf("1969-12-31 23:59:59.999"));
  EXPECT_EQ(CodeOf([] { Call("date_add", {Str("hour"), Big(1), DateOf("2024-01-01")}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("date_add", {Str("day"), Big(INT64_MAX), TsOf("2024-01-01")}); }),
            ErrorCode::kInvalidInput);
}

TEST(DatetimeFunctionsTest, DateDiffCountsWholeUnits) {
  EXPECT_EQ(Call("date_diff", {Str("day"), DateOf("2024-01-01"), DateOf("2024-03-01")}), Big(60));
  EXPECT_EQ(Call("date_diff", {Str("day"), DateOf("2024-03-01"), DateOf("2024-01-01")}), Big(-60));
  EXPECT_EQ(Call("date_diff", {Str("month"), DateOf("2024-01-31"), DateOf("2024-02-29")}), Big(1));
  EXPECT_EQ(Call("date_diff", {Str("month"), DateOf("2024-01-31"), DateOf("2024-02-28")}), Big(0));
  EXPECT_EQ(Call("date_diff", {Str("month"), DateOf("2024-03-31"), DateOf("2024-02-29")}), Big(-1));
  EXPECT_EQ(Call("date_diff", {Str("year"), DateOf("2000-02-29"), DateOf("2001-02-28")}), Big(1));
  EXPECT_EQ(Call("date_diff", {Str("quarter"), DateOf("1969-01-15"), DateOf("1970-01-14")}), Big(3));
  EXPECT_EQ(Call("date_diff", {Str("week"), DateOf("2024-01-01"), DateOf("2024-01-14")}), Big(1));
  EXPECT_EQ(Call("date_diff", {Str("second"), TsOf("2024-01-01 00:00:00"),
                               TsOf("2023-12-31 23:59:58.5")}),
            Big(-1));
  EXPECT_EQ(Call("date_diff", {Str("hour"), TsOf("2024-01-01 00:00:00"),
                               TsOf("2024-01-02 01:59:59")}),
            Big(25));
}

TEST(DatetimeFunctionsTest, FieldExtraction) {
  EXPECT_EQ(Call("year", {DateOf("1969-12-31")}), Big(1969));
  EXPECT_EQ(Call("month", {DateOf("1969-12-31")}), Big(12));
  EXPECT_EQ(Call("day", {DateOf("1969-12-31")}), Big(31));
  EXPECT_EQ(Call("quarter", {DateOf("2024-11-01")}), Big(4));
  EXPECT_EQ(Call("day_of_week", {DateOf("2024-03-07")}), Big(4));  // Thursday
  EXPECT_EQ(Call("day_of_week", {DateOf("1970-01-04")}), Big(7));  // Sunday
  EXPECT_EQ(Call("day_of_year", {DateOf("2024-12-31")}), Big(366));
  EXPECT_EQ(Call("day_of_year", {DateOf("2023-12-31")}), Big(365));
  EXPECT_EQ(Call("week", {DateOf("2021-01-03")}), Big(53));
  EXPECT_EQ(Call("year_of_week", {DateOf("2021-01-03")}), Big(2020));
  EXPECT_EQ(Call("week", {DateOf("2024-12-30")}), Big(1));
  EXPECT_EQ(Call("year", {TsOf("1969-12-31 23:59:59")}), Big(1969));
  EXPECT_EQ(Call("hour", {TsOf("1969-12-31 23:59:58")}), Big(23));
  EXPECT_EQ(Call("minute", {TsOf("1969-12-31 23:59:58")}), Big(59));
  EXPECT_EQ(Call("second", {TsOf("1969-12-31 23:59:58")}), Big(58));
  EXPECT_EQ(Call("year", {DateOf("0001-01-01")}), Big(1));
}

TEST(DatetimeFunctionsTest, DateFormatMySqlSpecifiers) {
  Value ts = TsOf("2024-03-07 14:05:09.123456");
  EXPECT_EQ(Call("date_format", {ts, Str("%Y-%m-%d %H:%i:%s.%f")}),
            Str("2024-03-07 14:05:09.123456"));
  EXPECT_EQ(Call("date_format", {ts, Str("%W %M %e %Y")}), Str("Thursday March 7 2024"));
  EXPECT_EQ(Call("date_format", {ts, Str("%a %b %h %p %j %%")}), Str("Thu Mar 02 PM 067 %"));
  EXPECT_EQ(Call("date_format", {ts, Str("%r|%T|%y|%c|%k|%l")}), Str("02:05:09 PM|14:05:09|24|3|14|2"));
  EXPECT_EQ(Call("date_format", {TsOf("2021-01-03 00:00:00"), Str("%x-%v")}), Str("2020-53"));
  EXPECT_EQ(Call("date_format", {DateOf("2024-01-05"), Str("%Y/%m/%d")}), Str("2024/01/05"));
  EXPECT_EQ(CodeOf([&] { Call("date_format", {ts, Str("%D")}); }), ErrorCode::kInvalidInput);
}

TEST(DatetimeFunctionsTest, DateParse) {
  EXPECT_EQ(Call("date_parse", {Str("2024-03-07 14:05"), Str("%Y-%m-%d %H:%i")}),
            TsOf("2024-03-07 14:05:00"));
  EXPECT_EQ(Call("date_parse", {Str("07/03/2024 02:05:09 PM"), Str("%d/%m/%Y %h:%i:%s %p")}),
            TsOf("2024-03-07 14:05:09"));
  EXPECT_EQ(Call("date_parse", {Str("12:00:00 AM 1 Jan 99"), Str("%r %e %b %y")}),
            TsOf("1999-01-01 00:00:00"));
  EXPECT_EQ(Call("date_parse", {Str("2024-02-29 1.5"), Str("%Y-%m-%d %s.%f")}),
            TsOf("2024-02-29 00:00:01.5"));
  EXPECT_EQ(CodeOf([] { Call("date_parse", {Str("2023-02-29"), Str("%Y-%m-%d")}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("date_parse", {Str("2024-01-01x"), Str("%Y-%m-%d")}); }),
            ErrorCode::kInvalidInput);
}

TEST(DatetimeFunctionsTest, Iso8601AndUnixTime) {
  EXPECT_EQ(Call("from_iso8601_timestamp", {Str("2020-05-11T11:15:05.055+01:00")}),
            TsOf("2020-05-11 10:15:05.055"));
  EXPECT_EQ(Call("from_iso8601_timestamp", {Str("2020-05-11T11:15:05Z")}),
            TsOf("2020-05-11 11:15:05"));
  EXPECT_EQ(Call("from_iso8601_date", {Str("1960-02-29")}), DateOf("1960-02-29"));
  EXPECT_EQ(CodeOf([] { Call("from_iso8601_date", {Str("2020-13-01")}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Call("to_unixtime", {TsOf("1970-01-01 00:00:01.5")}), Dbl(1.5));
  EXPECT_EQ(Call("from_unixtime", {Dbl(-1.5)}), TsOf("1969-12-31 23:59:58.5"));
  EXPECT_EQ(Call("from_unixtime", {Big(86400)}), TsOf("1970-01-02 00:00:00"));
}

TEST(DatetimeFunctionsTest, LastDayAndIso8601Text) {
  EXPECT_EQ(Call("last_day_of_month", {DateOf("2024-02-10")}), DateOf("2024-02-29"));
  EXPECT_EQ(Call("last_day_of_month", {DateOf("1900-02-10")}), DateOf("1900-02-28"));
  EXPECT_EQ(Call("last_day_of_month", {TsOf("1969-12-31 23:00:00")}), DateOf("1969-12-31"));
  EXPECT_EQ(Call("to_iso8601", {DateOf("1969-07-20")}), Str("1969-07-20"));
  EXPECT_EQ(Call("to_iso8601", {TsOf("2024-03-07 14:05:09.5")}), Str("2024-03-07T14:05:09.5"));
}

TEST(DatetimeFunctionsTest, CurrentDateIsOneInstantPerQuery) {
  ScalarFunction today = ResolveScalarFunction("current_date", CallSite{});
  Vector out(today.result);
  today.kernel({}, 3, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out.GetValue(0), out.GetValue(2));
  EXPECT_GT(out.GetValue(0).int_value(), DateOf("2020-01-01").int_value());
  ScalarFunction now = ResolveScalarFunction("now", CallSite{});
  Vector first(now.result), second(now.result);
  now.kernel({}, 1, first);
  now.kernel({}, 1, second);
  EXPECT_EQ(first.GetValue(0), second.GetValue(0));
}

}  // namespace
}  // namespace basin::sql::testing
