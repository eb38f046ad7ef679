#include "formats/json/json_record_splitter.hpp"

#include <gtest/gtest.h>

#include "json_test_util.hpp"

namespace basin::formats::json {
namespace {

using testing::ExpectError;

struct Split {
  std::vector<std::string> records;
  std::vector<uint64_t> lines;
  std::vector<uint64_t> offsets;
  JsonLayout layout;
};

Split SplitText(const std::string& text, JsonLayout layout = JsonLayout::kAuto,
                size_t max_record_bytes = 1 << 20) {
  storage::MemoryFile file("mem.json", text);
  RecordSplitter splitter(file, layout, max_record_bytes);
  Split split;
  split.layout = splitter.layout();
  RecordView record;
  while (splitter.Next(record)) {
    split.records.emplace_back(record.data, record.size);
    split.lines.push_back(record.position.line);
    split.offsets.push_back(record.position.offset);
    EXPECT_EQ(record.position.index + 1, split.records.size());
  }
  return split;
}

TEST(JsonRecordSplitterTest, SplitsLinesAndSkipsBlankOnes) {
  Split split = SplitText("{\"a\":1}\n\n  \n{\"a\":2}\r\n{\"a\":3}");
  EXPECT_EQ(split.layout, JsonLayout::kNewlineDelimited);
  EXPECT_EQ(split.records, (std::vector<std::string>{"{\"a\":1}", "{\"a\":2}\r", "{\"a\":3}"}));
  EXPECT_EQ(split.lines, (std::vector<uint64_t>{1, 4, 5}));
  EXPECT_EQ(split.offsets, (std::vector<uint64_t>{0, 12, 21}));
}

TEST(JsonRecordSplitterTest, EmptyAndWhitespaceFilesHoldNoRecords) {
  EXPECT_TRUE(SplitText("").records.empty());
  EXPECT_TRUE(SplitText(" \n\n\t").records.empty());
  EXPECT_TRUE(SplitText("[]").records.empty());
  EXPECT_TRUE(SplitText(" [ \n ] \n").records.empty());
}

TEST(JsonRecordSplitterTest, SkipsByteOrderMark) {
  Split split = SplitText("\xEF\xBB\xBF[{\"a\":1}]");
  EXPECT_EQ(split.layout, JsonLayout::kArray);
  EXPECT_EQ(split.records, (std::vector<std::string>{"{\"a\":1}"}));
}

TEST(JsonRecordSplitterTest, SplitsArrayElementsRespectingStringsAndNesting) {
  Split split = SplitText(
      "[\n {\"a\":\"x,]}\\\"y\"},\n {\"b\":[1,[2,{\"c\":3}]]} , null,\n\"s\" ,12.5e3,true\n]\n");
  EXPECT_EQ(split.layout, JsonLayout::kArray);
  EXPECT_EQ(split.records,
            (std::vector<std::string>{"{\"a\":\"x,]}\\\"y\"}", "{\"b\":[1,[2,{\"c\":3}]]}", "null",
                                      "\"s\"", "12.5e3", "true"}));
  EXPECT_EQ(split.lines, (std::vector<uint64_t>{2, 3, 3, 4, 4, 4}));
  EXPECT_EQ(split.offsets[0], 3u);
}

TEST(JsonRecordSplitterTest, ForcedLayouts) {
  // A file of one array per line is newline-delimited when the caller says so.
  Split split = SplitText("[1]\n[2]\n", JsonLayout::kNewlineDelimited);
  EXPECT_EQ(split.records, (std::vector<std::string>{"[1]", "[2]"}));
  ExpectError([] { SplitText("{\"a\":1}", JsonLayout::kArray); }, ErrorCode::kCorrupt,
              {"mem.json", "expected '['", "byte offset 0"});
}

TEST(JsonRecordSplitterTest, ArrayPunctuationErrorsNameThePlace) {
  ExpectError([] { SplitText("[{\"a\":1},]"); }, ErrorCode::kCorrupt,
              {"mem.json", "found ']'", "byte offset 9"});
  ExpectError([] { SplitText("[{\"a\":1}\n{\"a\":2}]"); }, ErrorCode::kCorrupt,
              {"expected ',' or ']'", "line 2", "byte offset 9"});
  ExpectError([] { SplitText("[{\"a\":1}"); }, ErrorCode::kCorrupt, {"not closed"});
  ExpectError([] { SplitText("[{\"a\":[1,2}"); }, ErrorCode::kCorrupt,
              {"array element 1", "not closed"});
  ExpectError([] { SplitText("[{\"a\":1}] x"); }, ErrorCode::kCorrupt,
              {"after the top-level array", "byte offset 10"});
  ExpectError([] { SplitText("[,1]"); }, ErrorCode::kCorrupt, {"found ','"});
  ExpectError([] { SplitText("[1 2]"); }, ErrorCode::kCorrupt, {"expected ',' or ']'"});
}

TEST(JsonRecordSplitterTest, RecordsLongerThanTheBufferCrossRefills) {
  // Records far bigger than the 1 MiB first buffer, and many small ones after them.
  std::string big(3 << 20, 'x');
  std::string text = "{\"a\":\"" + big + "\"}\n";
  for (int i = 0; i < 50000; ++i) text += "{\"i\":" + std::to_string(i) + "}\n";
  Split split = SplitText(text, JsonLayout::kAuto, 8 << 20);
  ASSERT_EQ(split.records.size(), 50001u);
  EXPECT_EQ(split.records[0].size(), big.size() + 8);
  EXPECT_EQ(split.records[50000], "{\"i\":49999}");
  EXPECT_EQ(split.lines[50000], 50001u);

  Split array =
      SplitText("[" + std::string("\"") + big + "\"," + "{\"b\":[" + big.substr(0, 10) + "]}]",
                JsonLayout::kAuto, 8 << 20);
  ASSERT_EQ(array.records.size(), 2u);
  EXPECT_EQ(array.records[0].size(), big.size() + 2);
}

TEST(JsonRecordSplitterTest, RecordsPastTheLimitAreRejected) {
  std::string line = "{\"a\":\"" + std::string(5000, 'y') + "\"}\n";
  ExpectError([&] { SplitText("{}\n" + line, JsonLayout::kAuto, 1000); }, ErrorCode::kInvalidInput,
              {"byte offset 3", "longer than 1000 bytes"});
  // Also when the record does not fit the buffer and must grow past the limit.
  std::string huge = "{\"a\":\"" + std::string(3 << 20, 'y') + "\"}\n";
  ExpectError([&] { SplitText(huge, JsonLayout::kAuto, 2 << 20); }, ErrorCode::kInvalidInput,
              {"longer than"});
}

TEST(JsonRecordSplitterTest, RewindStartsOver) {
  storage::MemoryFile file("mem.json", "[{\"a\":1},{\"a\":2}]");
  RecordSplitter splitter(file, JsonLayout::kAuto, 1 << 20);
  RecordView record;
  ASSERT_TRUE(splitter.Next(record));
  ASSERT_TRUE(splitter.Next(record));
  EXPECT_FALSE(splitter.Next(record));
  splitter.Rewind();
  ASSERT_TRUE(splitter.Next(record));
  EXPECT_EQ(std::string(record.data, record.size), "{\"a\":1}");
  EXPECT_EQ(record.position.index, 0u);
}

TEST(JsonRecordSplitterTest, DescribesPositions) {
  RecordPosition position{340, 12, 4};
  EXPECT_EQ(DescribePosition(position, JsonLayout::kNewlineDelimited), "line 12 (byte offset 340)");
  EXPECT_EQ(DescribePosition(position, JsonLayout::kArray),
            "array element 5 at line 12 (byte offset 340)");
}

}  // namespace
}  // namespace basin::formats::json
