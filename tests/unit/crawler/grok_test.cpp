#include "crawler/grok.hpp"

#include <gtest/gtest.h>

#include "unit/error_code_of.hpp"

namespace basin::crawler {
namespace {

using basin::testing::CodeOf;

TEST(GrokTest, FieldsBecomeTypedColumns) {
  GrokPattern grok("%{TIMESTAMP_ISO8601:time} %{LOGLEVEL:level} \\[%{WORD:thread}\\] %{INT:code:int} %{GREEDYDATA:message}");
  ASSERT_EQ(grok.columns().size(), 5u);
  EXPECT_EQ(grok.columns()[0].name, "time");
  EXPECT_EQ(grok.columns()[0].type, "string");
  EXPECT_EQ(grok.columns()[3].name, "code");
  EXPECT_EQ(grok.columns()[3].type, "int");
  std::vector<std::string> values;
  ASSERT_TRUE(grok.Parse("2024-03-07T12:34:56Z ERROR [main] 42 disk full, retrying", values));
  EXPECT_EQ(values, (std::vector<std::string>{"2024-03-07T12:34:56Z", "ERROR", "main", "42",
                                              "disk full, retrying"}));
  EXPECT_FALSE(grok.Matches("not a log line"));
}

TEST(GrokTest, CommonApacheLog) {
  GrokPattern grok("%{COMMONAPACHELOG}");
  std::vector<std::string> values;
  ASSERT_TRUE(grok.Parse(
      "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
      values));
  std::vector<std::string> names;
  for (const auto& column : grok.columns()) names.push_back(column.name);
  auto value_of = [&](const std::string& name) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return values[i];
    }
    return std::string("<missing>");
  };
  EXPECT_EQ(value_of("clientip"), "127.0.0.1");
  EXPECT_EQ(value_of("auth"), "frank");
  EXPECT_EQ(value_of("timestamp"), "10/Oct/2000:13:55:36 -0700");
  EXPECT_EQ(value_of("verb"), "GET");
  EXPECT_EQ(value_of("request"), "/apache_pb.gif");
  EXPECT_EQ(value_of("response"), "200");
  EXPECT_EQ(value_of("bytes"), "2326");
}

TEST(GrokTest, LibraryPatterns) {
  EXPECT_TRUE(GrokPattern("%{IPV4:ip}").Matches("192.168.10.1"));
  EXPECT_FALSE(GrokPattern("%{IPV4:ip}").Matches("256.1.1.1"));
  EXPECT_TRUE(GrokPattern("%{IP:ip}").Matches("fe80::1"));
  EXPECT_TRUE(GrokPattern("%{UUID:id}").Matches("123e4567-e89b-12d3-a456-426614174000"));
  EXPECT_TRUE(GrokPattern("%{HOSTNAME:h}").Matches("db-1.example.com"));
  EXPECT_TRUE(GrokPattern("%{NUMBER:n}").Matches("-12.5"));
  EXPECT_TRUE(GrokPattern("%{QUOTEDSTRING:q}").Matches("\"say \\\"hi\\\"\""));
  EXPECT_TRUE(GrokPattern("%{HTTPDATE:d}").Matches("10/Oct/2000:13:55:36 -0700"));
  EXPECT_TRUE(GrokPattern("%{NOTSPACE:a} %{DATA:b}").Matches("x anything at all"));
}

TEST(GrokTest, CustomPatternsComeFirst) {
  GrokPattern grok("%{ORDER:order} %{INT:qty:long}", "ORDER ORD-[0-9]{4}\n# a comment\n");
  EXPECT_TRUE(grok.Matches("ORD-1234 7"));
  EXPECT_FALSE(grok.Matches("ORD-12 7"));
  EXPECT_EQ(grok.columns()[1].type, "bigint");
}

TEST(GrokTest, BadPatternsAreInvalidInput) {
  std::string message;
  EXPECT_EQ(CodeOf([] { GrokPattern("%{NOSUCHTHING:x}"); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("NOSUCHTHING"), std::string::npos);
  EXPECT_EQ(CodeOf([] { GrokPattern("%{INT:x:decimalish}"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { GrokPattern("%{INT}"); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("no fields"), std::string::npos);
  EXPECT_EQ(CodeOf([] { GrokPattern("%{A:x}", "A %{B}\nB %{A}"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { GrokPattern("%{INT:x} %{INT:x}"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { GrokPattern("%{INT:x} (unclosed"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { GrokPattern("%{INT:x", ""); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::crawler
