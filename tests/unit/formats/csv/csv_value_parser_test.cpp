#include "formats/csv/csv_value_parser.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "types/date_time.hpp"

namespace basin::formats::csv {
namespace {

bool Int(const std::string& text, int64_t* out) { return ParseInt64(text.data(), text.size(), out); }
bool Real(const std::string& text, double* out) {
  return ParseDouble(text.data(), text.size(), out);
}

TEST(CsvValueParserTest, Integers) {
  int64_t v;
  EXPECT_TRUE(Int("-9223372036854775808", &v));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_TRUE(Int("+42", &v));
  EXPECT_EQ(v, 42);
  EXPECT_TRUE(Int(" 7 ", &v));
  EXPECT_EQ(v, 7);
  EXPECT_FALSE(Int("9223372036854775808", &v));
  EXPECT_FALSE(Int("99999999999999999999", &v));
  EXPECT_FALSE(Int("1.0", &v));
  EXPECT_FALSE(Int("-", &v));
  EXPECT_FALSE(Int("", &v));
}

TEST(CsvValueParserTest, DoublesMatchStrtod) {
  for (std::string text : {"45077.70", "-0.07", "0.1", "123456789012345", "1.5e10", "1e-300",
                           "0.000000000000000000001234", "9007199254740993", ".5", "+2.25"}) {
    double v;
    ASSERT_TRUE(Real(text, &v)) << text;
    EXPECT_EQ(v, std::strtod(text.c_str(), nullptr)) << text;
  }
  double v;
  EXPECT_TRUE(Real("inf", &v));
  EXPECT_TRUE(std::isinf(v));
  EXPECT_TRUE(Real("nan", &v));
  EXPECT_FALSE(Real("1.2.3", &v));
  EXPECT_FALSE(Real("1e", &v));
  EXPECT_FALSE(Real("abc", &v));
  EXPECT_FALSE(Real("1e999", &v));
}

TEST(CsvValueParserTest, DatesAgreeWithTheCalendar) {
  int32_t days;
  for (int year : {1, 4, 100, 400, 1900, 1969, 1970, 2000, 2024, 9999}) {
    for (int month : {1, 2, 3, 12}) {
      char text[16];
      std::snprintf(text, sizeof(text), "%04d-%02d-%02d", year, month, 28);
      ASSERT_TRUE(ParseDate(text, 10, &days)) << text;
      EXPECT_EQ(days, types::DaysFromCivil(year, month, 28)) << text;
    }
  }
  EXPECT_TRUE(ParseDate("2024-02-29", 10, &days));
  EXPECT_FALSE(ParseDate("2023-02-29", 10, &days));
  EXPECT_FALSE(ParseDate("2023-13-01", 10, &days));
  EXPECT_TRUE(ParseDate("2023-1-5", 8, &days));
  EXPECT_EQ(days, types::DaysFromCivil(2023, 1, 5));
}

TEST(CsvValueParserTest, Timestamps) {
  int64_t micros;
  const int64_t day = types::DaysFromCivil(2024, 3, 7) * types::kMicrosPerDay;
  ASSERT_TRUE(ParseTimestamp("2024-03-07 01:02:03.5", 21, &micros));
  EXPECT_EQ(micros, day + 3723 * types::kMicrosPerSecond + 500000);
  ASSERT_TRUE(ParseTimestamp("2024-03-07T01:02:03Z", 20, &micros));
  EXPECT_EQ(micros, day + 3723 * types::kMicrosPerSecond);
  ASSERT_TRUE(ParseTimestamp("2024-03-07", 10, &micros));
  EXPECT_EQ(micros, day);
  ASSERT_TRUE(ParseTimestamp("2024-03-07 01:02:03+01:00", 25, &micros));
  EXPECT_EQ(micros, day + 3723 * types::kMicrosPerSecond - 3600 * types::kMicrosPerSecond);
  EXPECT_FALSE(ParseTimestamp("2024-03-07 25:00:00", 19, &micros));
}

TEST(CsvValueParserTest, ClassifiesForInference) {
  EXPECT_EQ(ClassifyText("12"), kCanBigInt | kCanDouble);
  EXPECT_EQ(ClassifyText("1.5"), kCanDouble);
  EXPECT_EQ(ClassifyText("TRUE"), kCanBoolean);
  EXPECT_EQ(ClassifyText("2024-01-02"), kCanDate | kCanTimestamp);
  EXPECT_EQ(ClassifyText("2024-01-02 10:00:00"), kCanTimestamp);
  EXPECT_EQ(ClassifyText("hello"), 0);
  EXPECT_EQ(ClassifyText("1,5"), 0);
}

}  // namespace
}  // namespace basin::formats::csv
