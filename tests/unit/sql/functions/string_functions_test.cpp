#include <gtest/gtest.h>

#include "../../error_code_of.hpp"
#include "function_test_util.hpp"

namespace basin::sql::testing {
namespace {

using basin::testing::CodeOf;

const Value kNullStr = Value::Null(LogicalType::Varchar());

TEST(StringFunctionsTest, LengthCountsCodePoints) {
  EXPECT_EQ(Call("length", {Str("hello")}), Big(5));
  EXPECT_EQ(Call("length", {Str("")}), Big(0));
  EXPECT_EQ(Call("length", {Str("h\xc3\xa9llo \xe2\x82\xac")}), Big(7));  // é and €
  EXPECT_TRUE(Call("length", {kNullStr}).is_null());
}

TEST(StringFunctionsTest, LowerUpper) {
  EXPECT_EQ(Call("lower", {Str("Hello WORLD 1")}), Str("hello world 1"));
  EXPECT_EQ(Call("upper", {Str("Hello world")}), Str("HELLO WORLD"));
  EXPECT_EQ(Call("upper", {Str("")}), Str(""));
  EXPECT_EQ(Call("upper", {Str("stra\xc3\x9f" "e \xc3\xa9t\xc3\xa9")}).string_value().substr(0, 6),
            "STRA\xc3\x9f");  // ß has no one-letter upper case; é → É below
  EXPECT_EQ(Call("upper", {Str("\xc3\xa9")}), Str("\xc3\x89"));
  EXPECT_EQ(Call("lower", {Str("\xc3\x89")}), Str("\xc3\xa9"));
}

TEST(StringFunctionsTest, Substr) {
  EXPECT_EQ(Call("substr", {Str("Trino"), Big(2)}), Str("rino"));
  EXPECT_EQ(Call("substr", {Str("Trino"), Big(2), Big(3)}), Str("rin"));
  EXPECT_EQ(Call("substring", {Str("Trino"), Int(-3)}), Str("ino"));
  EXPECT_EQ(Call("substr", {Str("Trino"), Big(-3), Big(2)}), Str("in"));
  EXPECT_EQ(Call("substr", {Str("Trino"), Big(0)}), Str(""));
  EXPECT_EQ(Call("substr", {Str("Trino"), Big(6)}), Str(""));
  EXPECT_EQ(Call("substr", {Str("Trino"), Big(-6)}), Str(""));
  EXPECT_EQ(Call("substr", {Str("Trino"), Big(1), Big(-1)}), Str(""));
  EXPECT_EQ(Call("substr", {Str("Trino"), Big(4), Big(100)}), Str("no"));
  EXPECT_EQ(Call("substr", {Str("\xc3\xa9t\xc3\xa9"), Big(3)}), Str("\xc3\xa9"));
  EXPECT_EQ(Call("substr", {Str("abc"), Big(INT64_MIN)}), Str(""));
  EXPECT_EQ(Call("substr", {Str("abc"), Big(2), Big(INT64_MAX)}), Str("bc"));
}

TEST(StringFunctionsTest, StrposStartsWithConcat) {
  EXPECT_EQ(Call("strpos", {Str("high"), Str("ig")}), Big(2));
  EXPECT_EQ(Call("strpos", {Str("high"), Str("x")}), Big(0));
  EXPECT_EQ(Call("strpos", {Str("\xc3\xa9t\xc3\xa9"), Str("t")}), Big(2));
  EXPECT_EQ(Call("strpos", {Str("abc"), Str("")}), Big(1));
  EXPECT_EQ(Call("starts_with", {Str("abc"), Str("ab")}), Bool(true));
  EXPECT_EQ(Call("starts_with", {Str("abc"), Str("bc")}), Bool(false));
  EXPECT_EQ(Call("$concat", {Str("ab"), Str("")}), Str("ab"));
  EXPECT_EQ(Call("concat", {Str("a"), Str("b"), Str("c")}), Str("abc"));
  EXPECT_TRUE(Call("concat", {Str("a"), kNullStr}).is_null());
  EXPECT_EQ(Call("concat", {Str(""), Str("")}), Str(""));
}

TEST(StringFunctionsTest, Trim) {
  EXPECT_EQ(Call("trim", {Str("  a b \t")}), Str("a b"));
  EXPECT_EQ(Call("ltrim", {Str("  a ")}), Str("a "));
  EXPECT_EQ(Call("rtrim", {Str("  a ")}), Str("  a"));
  EXPECT_EQ(Call("trim", {Str("   ")}), Str(""));
  EXPECT_EQ(Call("trim", {Str("xxaxyx"), Str("xy")}), Str("a"));
  EXPECT_EQ(Call("ltrim", {Str("\xc3\xa9\xc3\xa9" "a\xc3\xa9"), Str("\xc3\xa9")}), Str("a\xc3\xa9"));
}

TEST(StringFunctionsTest, ReplaceAndSplitPart) {
  EXPECT_EQ(Call("replace", {Str("abcabc"), Str("bc")}), Str("aa"));
  EXPECT_EQ(Call("replace", {Str("abcabc"), Str("bc"), Str("X")}), Str("aXaX"));
  EXPECT_EQ(Call("replace", {Str("abc"), Str(""), Str("-")}), Str("-a-b-c-"));
  EXPECT_EQ(Call("replace", {Str(""), Str("a"), Str("b")}), Str(""));
  EXPECT_EQ(Call("split_part", {Str("a,b,,c"), Str(","), Big(2)}), Str("b"));
  EXPECT_EQ(Call("split_part", {Str("a,b,,c"), Str(","), Big(3)}), Str(""));
  EXPECT_EQ(Call("split_part", {Str("a,b,,c"), Str(","), Big(4)}), Str("c"));
  EXPECT_TRUE(Call("split_part", {Str("a,b"), Str(","), Big(3)}).is_null());
  EXPECT_EQ(Call("split_part", {Str("a::b"), Str("::"), Big(2)}), Str("b"));
  EXPECT_EQ(CodeOf([] { Call("split_part", {Str("a"), Str(","), Big(0)}); }),
            ErrorCode::kInvalidInput);
}

TEST(StringFunctionsTest, ReverseAndPadding) {
  EXPECT_EQ(Call("reverse", {Str("abc")}), Str("cba"));
  EXPECT_EQ(Call("reverse", {Str("a\xc3\xa9z")}), Str("z\xc3\xa9" "a"));
  EXPECT_EQ(Call("reverse", {Str("")}), Str(""));
  EXPECT_EQ(Call("lpad", {Str("7"), Big(3), Str("0")}), Str("007"));
  EXPECT_EQ(Call("rpad", {Str("ab"), Big(5), Str("xy")}), Str("abxyx"));
  EXPECT_EQ(Call("lpad", {Str("abcdef"), Big(3), Str("0")}), Str("abc"));
  EXPECT_EQ(Call("rpad", {Str("abc"), Big(0), Str("0")}), Str(""));
  EXPECT_EQ(CodeOf([] { Call("lpad", {Str("a"), Big(3), Str("")}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("rpad", {Str("a"), Big(-1), Str("x")}); }), ErrorCode::kInvalidInput);
}

TEST(StringFunctionsTest, VectorsWithNullsInTheMiddle) {
  auto values = CallColumns("upper", {{Str("a"), kNullStr, Str("c")}});
  EXPECT_EQ(values[0], Str("A"));
  EXPECT_TRUE(values[1].is_null());
  EXPECT_EQ(values[2], Str("C"));
}

TEST(StringFunctionsTest, ConcatWsChrCodepoint) {
  EXPECT_EQ(Call("concat_ws", {Str(","), Str("a"), kNullStr, Str("c")}), Str("a,c"));
  EXPECT_TRUE(Call("concat_ws", {kNullStr, Str("a")}).is_null());
  EXPECT_EQ(Call("concat_ws", {Str(","), kNullStr}), Str(""));
  EXPECT_EQ(Call("chr", {Big(65)}), Str("A"));
  EXPECT_EQ(Call("chr", {Big(0x20ac)}), Str("\xe2\x82\xac"));
  EXPECT_EQ(CodeOf([] { Call("chr", {Big(0x110000)}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(Call("codepoint", {Str("\xe2\x82\xac")}), Int(0x20ac));
  EXPECT_EQ(CodeOf([] { Call("codepoint", {Str("ab")}); }), ErrorCode::kInvalidInput);
}

TEST(RegexFunctionsTest, LikeExtractReplace) {
  EXPECT_EQ(Call("regexp_like", {Str("1a 2b 14m"), Str("\\d+b")}), Bool(true));
  EXPECT_EQ(Call("regexp_like", {Str("abc"), Str("^b")}), Bool(false));
  EXPECT_EQ(Call("regexp_extract", {Str("1a 2b 14m"), Str("\\d+")}), Str("1"));
  EXPECT_EQ(Call("regexp_extract", {Str("1a 2b 14m"), Str("(\\d+)([a-z]+)"), Big(2)}), Str("a"));
  EXPECT_TRUE(Call("regexp_extract", {Str("abc"), Str("\\d")}).is_null());
  EXPECT_EQ(CodeOf([] { Call("regexp_extract", {Str("a"), Str("(a)"), Big(2)}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Call("regexp_replace", {Str("1a 2b 14m"), Str("\\d+[ab] ")}), Str("14m"));
  EXPECT_EQ(Call("regexp_replace", {Str("1a 2b 14m"), Str("(\\d+)([ab]) "), Str("3c$2 ")}),
            Str("3ca 3cb 14m"));
  EXPECT_EQ(Call("regexp_replace", {Str("abc"), Str("(?P<x>b)"), Str("[${x}]")}), Str("a[b]c"));
  EXPECT_EQ(Call("regexp_replace", {Str("a.b"), Str("\\."), Str("\\$")}), Str("a$b"));
  EXPECT_EQ(CodeOf([] { Call("regexp_like", {Str("a"), Str("(")}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("regexp_replace", {Str("a"), Str("a"), Str("$")}); }),
            ErrorCode::kInvalidInput);
}

TEST(RegexFunctionsTest, ConstantPatternCompiledAtResolution) {
  Value pattern = Str("[");
  CallSite call;
  call.argument_types = {LogicalType::Varchar(), LogicalType::Varchar()};
  call.constants = {nullptr, &pattern};
  std::string message;
  EXPECT_EQ(CodeOf([&] { ResolveScalarFunction("regexp_like", call); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("invalid regular expression '['"), std::string::npos) << message;
}

}  // namespace
}  // namespace basin::sql::testing
