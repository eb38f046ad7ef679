#include "formats/json/json_numbers.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace basin::formats::json {
namespace {

// The rewritten record without its padding, marks shown as "#(token)".
std::string Rewrite(std::string_view record) {
  std::string out;
  if (!RewriteInexactNumbers(record, 7, out)) return "unchanged";
  EXPECT_EQ(out.substr(out.size() - 7), std::string(7, ' '));
  std::string text = out.substr(0, out.size() - 7);
  std::string shown;
  size_t pos = 0;
  while (true) {
    size_t mark = text.find("\"\\u0000#", pos);
    if (mark == std::string::npos) break;
    size_t close = text.find('"', mark + 1);
    shown += text.substr(pos, mark - pos) + "#(" + text.substr(mark + 8, close - mark - 8) + ")";
    pos = close + 1;
  }
  return shown + text.substr(pos);
}

TEST(JsonNumbersTest, LeavesNumbersADoubleOrInt64HoldsAlone) {
  EXPECT_EQ(Rewrite("{\"a\":1,\"b\":-2.5,\"c\":1e10,\"d\":123456789012345678}"), "unchanged");
  EXPECT_EQ(Rewrite("{\"a\":0.123456789012345,\"b\":1.5000000000000000000}"), "unchanged");
  EXPECT_EQ(Rewrite("[true,false,null,\"NaN\",\"12345678901234567890\"]"), "unchanged");
  EXPECT_EQ(Rewrite("{\"x\":tru}"), "unchanged");
}

TEST(JsonNumbersTest, MarksWideNumbersAndNonFiniteTokens) {
  EXPECT_EQ(Rewrite("{\"a\":12345678901234567890123,\"b\":1}"),
            "{\"a\":#(12345678901234567890123),\"b\":1}");
  EXPECT_EQ(Rewrite("[-1234567890123456789,0.1234567890123456789]"),
            "[#(-1234567890123456789),#(0.1234567890123456789)]");
  EXPECT_EQ(Rewrite("[1e400,-2E-999,1e5]"), "[#(1e400),#(-2E-999),1e5]");
  EXPECT_EQ(Rewrite("{\"n\":NaN,\"p\":Infinity,\"m\":-Infinity,\"s\":\"NaN \\\" Infinity\"}"),
            "{\"n\":#(NaN),\"p\":#(Infinity),\"m\":#(-Infinity),\"s\":\"NaN \\\" Infinity\"}");
  // Malformed numbers are left for the parser to reject.
  EXPECT_EQ(Rewrite("[0123456789012345678901, 1.2.3]"), "unchanged");
}

TEST(JsonNumbersTest, ParsesDecimalTextExactly) {
  using types::int128_t;
  EXPECT_EQ(ParseDecimalText("12.345", 10, 2), int128_t{1235});
  EXPECT_EQ(ParseDecimalText("-1.5e2", 10, 1), int128_t{-1500});
  EXPECT_EQ(ParseDecimalText("15E-3", 10, 3), int128_t{15});
  EXPECT_EQ(ParseDecimalText("1e-400", 10, 3), int128_t{0});
  EXPECT_FALSE(ParseDecimalText("1e400", 38, 0));
  EXPECT_FALSE(ParseDecimalText("123", 4, 2));
  EXPECT_FALSE(ParseDecimalText("abc", 10, 2));
  auto wide = ParseDecimalText("12345678901234567890123456.789012345678", 38, 12);
  ASSERT_TRUE(wide);
  EXPECT_EQ(types::FormatDecimal(*wide, 12), "12345678901234567890123456.789012345678");
}

TEST(JsonNumbersTest, DoublesBecomeTheDecimalTheirShortestTextSpells) {
  EXPECT_EQ(DoubleToDecimal(0.1, 10, 5), types::int128_t{10000});
  EXPECT_EQ(DoubleToDecimal(-2.675, 10, 2), types::int128_t{-268});
  EXPECT_FALSE(DoubleToDecimal(std::nan(""), 10, 2));
  EXPECT_FALSE(DoubleToDecimal(1e300, 38, 0));
}

TEST(JsonNumbersTest, ParsesNumberText) {
  EXPECT_EQ(ParseInt64Text("-9223372036854775808"), std::numeric_limits<int64_t>::min());
  EXPECT_FALSE(ParseInt64Text("9223372036854775808"));
  EXPECT_FALSE(ParseInt64Text("12a"));
  EXPECT_FALSE(ParseInt64Text(""));
  EXPECT_EQ(ParseDoubleText("2.5"), 2.5);
  EXPECT_TRUE(std::isnan(*ParseDoubleText("NaN")));
  EXPECT_EQ(ParseDoubleText("-Infinity"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseDoubleText("1e400"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseDoubleText("1e-400"), 0.0);
  EXPECT_FALSE(ParseDoubleText("1.5x"));
  EXPECT_TRUE(IsIntegerToken("-12"));
  EXPECT_FALSE(IsIntegerToken("1e5"));
  EXPECT_FALSE(IsIntegerToken("NaN"));
}

TEST(JsonNumbersTest, WritesDoublesThatReadBackAsDoubles) {
  auto text = [](double value) {
    std::string out;
    AppendJsonDouble(out, value);
    return out;
  };
  EXPECT_EQ(text(3.0), "3.0");
  EXPECT_EQ(text(-0.0), "-0.0");
  EXPECT_EQ(text(0.1), "0.1");
  EXPECT_EQ(text(1e300), "1e+300");
  EXPECT_EQ(text(std::nan("")), "\"NaN\"");
  EXPECT_EQ(text(-std::numeric_limits<double>::infinity()), "\"-Infinity\"");
  std::string out;
  AppendJsonFloat(out, 0.1f);
  EXPECT_EQ(out, "0.1");
}

}  // namespace
}  // namespace basin::formats::json
