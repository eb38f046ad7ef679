#include "formats/json/json_text.hpp"

#include <gtest/gtest.h>

namespace basin::formats::json {
namespace {

std::string Escaped(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

TEST(JsonTextTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Escaped(""), "\"\"");
  EXPECT_EQ(Escaped("plain text, long enough for the 8-byte path"),
            "\"plain text, long enough for the 8-byte path\"");
  EXPECT_EQ(Escaped("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Escaped("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
  EXPECT_EQ(Escaped(std::string("\x00\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\x7f\"");
  EXPECT_EQ(Escaped("12345678\n12345678\""), "\"12345678\\n12345678\\\"\"");
  // '/' and non-ASCII text stay as they are.
  EXPECT_EQ(Escaped("a/b caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"),
            "\"a/b caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
}

TEST(JsonTextTest, ReplacesInvalidUtf8ByteByByte) {
  const std::string kReplacement = "\xEF\xBF\xBD";
  EXPECT_EQ(Escaped("a\xFF"
                    "b"),
            "\"a" + kReplacement + "b\"");
  EXPECT_EQ(Escaped("\xC3"), "\"" + kReplacement + "\"");                     // truncated
  EXPECT_EQ(Escaped("\xC0\xAF"), "\"" + kReplacement + kReplacement + "\"");  // overlong
  EXPECT_EQ(Escaped("\xED\xA0\x80"), "\"" + kReplacement + kReplacement + kReplacement + "\"");
  EXPECT_EQ(Escaped("\xF4\x90\x80\x80"),
            "\"" + kReplacement + kReplacement + kReplacement + kReplacement + "\"");
}

TEST(JsonTextTest, Utf8SequenceLengths) {
  EXPECT_EQ(Utf8SequenceLength("a"), 1u);
  EXPECT_EQ(Utf8SequenceLength("\xC3\xA9"), 2u);
  EXPECT_EQ(Utf8SequenceLength("\xE0\xA0\x80"), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xE0\x9F\x80"), 0u);  // overlong
  EXPECT_EQ(Utf8SequenceLength("\xED\x9F\xBF"), 3u);  // U+D7FF
  EXPECT_EQ(Utf8SequenceLength("\xED\xA0\x80"), 0u);  // surrogate
  EXPECT_EQ(Utf8SequenceLength("\xF0\x90\x80\x80"), 4u);
  EXPECT_EQ(Utf8SequenceLength("\xF4\x8F\xBF\xBF"), 4u);  // U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(Utf8SequenceLength("\x80"), 0u);
  EXPECT_EQ(Utf8SequenceLength(""), 0u);
}

TEST(JsonTextTest, BlobTextRoundTrips) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  std::string json;
  AppendJsonBlob(json, bytes);
  // In the JSON text every escape's backslash is itself escaped.
  EXPECT_EQ(json.substr(0, 11), "\"\\\\x00\\\\x01");
  EXPECT_NE(json.find(" !\\\\x22#"), std::string::npos);
  EXPECT_NE(json.find("[\\\\x5C]"), std::string::npos);
  // Undo the JSON escaping of backslashes, then decode.
  std::string text = json.substr(1, json.size() - 2);
  std::string unescaped;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') ++i;
    unescaped += text[i];
  }
  std::string decoded;
  ASSERT_TRUE(DecodeBlobText(unescaped, decoded));
  EXPECT_EQ(decoded, bytes);
}

TEST(JsonTextTest, BlobTextRejectsStrayBackslashes) {
  std::string out;
  EXPECT_TRUE(DecodeBlobText("ab\\x4a\\x4B", out));
  EXPECT_EQ(out, "abJK");
  EXPECT_FALSE(DecodeBlobText("a\\", out));
  EXPECT_FALSE(DecodeBlobText("a\\x4", out));
  EXPECT_FALSE(DecodeBlobText("a\\y41", out));
  EXPECT_FALSE(DecodeBlobText("\\xZZ", out));
}

TEST(JsonTextTest, DatesAcceptALeadingPlus) {
  EXPECT_EQ(ParseDateText("1970-01-02"), 1);
  EXPECT_EQ(ParseDateText("+10000-01-01"), ParseDateText("10000-01-01"));
  EXPECT_FALSE(ParseDateText("12:00:00"));
  EXPECT_FALSE(ParseDateText("hello world"));
  EXPECT_EQ(ParseTimestampText("1970-01-01T00:00:01Z"), 1000000);
  EXPECT_EQ(ParseTimestampText("1970-01-01 01:00:00+01:00"), 0);
}

}  // namespace
}  // namespace basin::formats::json
