#include <gtest/gtest.h>

#include "types/date_time.hpp"

namespace basin::types {
namespace {

TEST(DateTime, CivilRoundTripOverCenturies) {
  for (int32_t days = -800000; days <= 800000; days += 997) {
    CivilDate date = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(date.year, date.month, date.day), days);
  }
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
}

TEST(DateTime, FormatsDatesTimesAndTimestamps) {
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatDate(DaysFromCivil(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01 00:00:00");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(FormatTimestamp(1'500'000), "1970-01-01 00:00:01.5");
  EXPECT_EQ(FormatTime((13 * 3600 + 5 * 60 + 7) * kMicrosPerSecond + 250), "13:05:07.00025");
}

TEST(DateTime, ParsesWhatFilesCarry) {
  EXPECT_EQ(ParseDate("2024-03-07"), DaysFromCivil(2024, 3, 7));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2024-13-01"));
  EXPECT_FALSE(ParseDate("2024-03-07x"));
  EXPECT_EQ(ParseTimestamp("2024-03-07 01:02:03"),
            DaysFromCivil(2024, 3, 7) * kMicrosPerDay + 3723 * kMicrosPerSecond);
  EXPECT_EQ(ParseTimestamp("2024-03-07T01:02:03.5Z"),
            DaysFromCivil(2024, 3, 7) * kMicrosPerDay + 3723 * kMicrosPerSecond + 500000);
  EXPECT_EQ(ParseTimestamp("2024-03-07T01:02:03+01:00"),
            DaysFromCivil(2024, 3, 7) * kMicrosPerDay + 123 * kMicrosPerSecond);
  EXPECT_EQ(ParseTimestamp("2024-03-07"), DaysFromCivil(2024, 3, 7) * kMicrosPerDay);
  EXPECT_EQ(ParseTime("23:59:59.123456789"), 86399 * kMicrosPerSecond + 123456);
  EXPECT_FALSE(ParseTime("24:00:00"));
  EXPECT_FALSE(ParseTimestamp("2024-03-07 1:2"));
  EXPECT_EQ(ParseTimestamp("+12024-01-01"), DaysFromCivil(12024, 1, 1) * kMicrosPerDay);
  EXPECT_FALSE(ParseTimestamp("999999-01-01 00:00:00"));  // beyond int64 microseconds
  EXPECT_FALSE(ParseTimestamp("-999999-01-01"));
}

}  // namespace
}  // namespace basin::types
