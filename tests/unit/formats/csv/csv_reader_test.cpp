#include "formats/csv/csv_reader.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "types/date_time.hpp"
#include "unit/formats/csv/csv_test_util.hpp"

namespace basin::formats::csv {
namespace {

using testing::Int;
using testing::Null;
using testing::OpenText;
using testing::ReadAll;
using testing::ReadText;
using testing::Rows;
using testing::Str;
using types::LogicalType;
using types::Value;

CsvReadOptions NoHeader() {
  CsvReadOptions options;
  options.header = HeaderMode::kNo;
  return options;
}

// Runs `body` expecting a basin::Error; returns it for inspection.
template <typename Body>
Error CatchError(Body body) {
  try {
    body();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected a basin::Error";
  return Error(ErrorCode::kInternal, "none");
}

TEST(CsvReaderTest, ReadsQuotedFieldsDoubledQuotesAndEmbeddedNewlines) {
  Rows rows = ReadText("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\nann,\"two\nlines\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<Value>{Str("Smith, J"), Str("said \"hi\"")}));
  EXPECT_EQ(rows[1], (std::vector<Value>{Str("ann"), Str("two\nlines")}));
}

TEST(CsvReaderTest, AcceptsCrlfLfAndLoneCrLineEndsAndNoFinalNewline) {
  Rows crlf = ReadText("a,b\r\n1,x\r\n2,\"y\r\nz\"\r\n3,w", NoHeader());
  ASSERT_EQ(crlf.size(), 4u);
  EXPECT_EQ(crlf[2][1], Str("y\r\nz"));
  EXPECT_EQ(crlf[3][1], Str("w"));
  Rows cr = ReadText("a,b\r1,x\r2,y\r", NoHeader());
  ASSERT_EQ(cr.size(), 3u);
  EXPECT_EQ(cr[2], (std::vector<Value>{Str("2"), Str("y")}));
}

TEST(CsvReaderTest, SkipsUtf8ByteOrderMark) {
  auto reader = OpenText("\xEF\xBB\xBFid,name\n1,ann\n");
  EXPECT_EQ(reader->schema()[0].name, "id");
  EXPECT_EQ(reader->schema()[0].type, LogicalType::BigInt());
  Rows rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], Int(1));
}

TEST(CsvReaderTest, BackslashEscapeWhenConfigured) {
  CsvReadOptions options = NoHeader();
  options.escape = '\\';
  Rows rows = ReadText("\"a\\\"b\",\"c\\\\d\"\n", options);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], Str("a\"b"));
  EXPECT_EQ(rows[0][1], Str("c\\d"));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsOrdinary) {
  Rows rows = ReadText("5'10\",x\n6'1\",y\n", NoHeader());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], Str("5'10\""));
}

TEST(CsvReaderTest, DetectsDelimiter) {
  for (char delimiter : {',', ';', '|', '\t'}) {
    std::string d(1, delimiter);
    auto reader = OpenText("id" + d + "name" + d + "score\n1" + d + "a:b" + d + "2.5\n2" + d +
                           "c" + d + "3\n");
    EXPECT_EQ(reader->layout().dialect.delimiter, delimiter);
    ASSERT_EQ(reader->schema().size(), 3u) << delimiter;
    EXPECT_EQ(reader->schema()[2].type, LogicalType::Double()) << delimiter;
  }
}

TEST(CsvReaderTest, DelimiterInsideQuotesDoesNotFoolDetection) {
  auto reader = OpenText("\"a;b\",\"c;d\",e\n\"f;g\",\"h;i\",j\n");
  EXPECT_EQ(reader->layout().dialect.delimiter, ',');
  EXPECT_EQ(reader->schema().size(), 3u);
}

TEST(CsvReaderTest, DetectsHeader) {
  auto with = OpenText("id,name,born\n1,ann,2001-02-03\n2,bob,1999-12-31\n");
  EXPECT_TRUE(with->layout().has_header);
  EXPECT_EQ(with->schema()[1].name, "name");
  EXPECT_EQ(with->schema()[2].type, LogicalType::Date());

  auto without = OpenText("1,ann,2001-02-03\n2,bob,1999-12-31\n");
  EXPECT_FALSE(without->layout().has_header);
  EXPECT_EQ(without->schema()[0].name, "col0");
  EXPECT_EQ(without->schema()[2].name, "col2");
  EXPECT_EQ(ReadAll(*without).size(), 2u);

  // All-text files: a first row of non-empty text is taken as the header (as DuckDB does).
  auto text = OpenText("name,city\nbob,paris\n");
  EXPECT_TRUE(text->layout().has_header);
  // An empty cell in the first row means it is data.
  auto gap = OpenText("name,\nbob,paris\n");
  EXPECT_FALSE(gap->layout().has_header);
}

TEST(CsvReaderTest, HeaderModesOverrideDetection) {
  CsvReadOptions yes;
  yes.header = HeaderMode::kYes;
  auto reader = OpenText("1,2\n3,4\n", yes);
  EXPECT_EQ(reader->schema()[0].name, "1");
  EXPECT_EQ(ReadAll(*reader).size(), 1u);
  Rows rows = ReadText("a,b\nc,d\n", NoHeader());
  EXPECT_EQ(rows.size(), 2u);
}

TEST(CsvReaderTest, HeaderNamesAreFilledAndDeduplicated) {
  auto reader = OpenText("a,,A,a\n1,2,3,4\n", [] {
    CsvReadOptions options;
    options.header = HeaderMode::kYes;
    return options;
  }());
  ASSERT_EQ(reader->schema().size(), 4u);
  EXPECT_EQ(reader->schema()[0].name, "a");
  EXPECT_EQ(reader->schema()[1].name, "col1");
  EXPECT_EQ(reader->schema()[2].name, "A_1");
  EXPECT_EQ(reader->schema()[3].name, "a_2");
}

TEST(CsvReaderTest, InfersTypesAndWidens) {
  auto reader = OpenText(
      "i,d,w,b,dt,ts,mixed,s,n\n"
      "1,1.5,1,true,2024-01-02,2024-01-02 03:04:05,2024-01-02,x,\n"
      "-7,2,2.25,F,2024-02-29,2024-01-02T03:04:05.123456,2024-01-03 10:00:00,7,\n"
      "9223372036854775807,-1e3,3,t,1999-12-31,1970-01-01 00:00:00,2024-01-04,2024-01-01,\n");
  const auto& schema = reader->schema();
  EXPECT_EQ(schema[0].type, LogicalType::BigInt());
  EXPECT_EQ(schema[1].type, LogicalType::Double());
  EXPECT_EQ(schema[2].type, LogicalType::Double());  // int widened to double
  EXPECT_EQ(schema[3].type, LogicalType::Boolean());
  EXPECT_EQ(schema[4].type, LogicalType::Date());
  EXPECT_EQ(schema[5].type, LogicalType::Timestamp());
  EXPECT_EQ(schema[6].type, LogicalType::Timestamp());  // date widened to timestamp
  EXPECT_EQ(schema[7].type, LogicalType::Varchar());
  EXPECT_EQ(schema[8].type, LogicalType::Varchar());  // all NULL
  Rows rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2][0], Int(INT64_MAX));
  EXPECT_EQ(rows[1][1], Value::Double(2));
  EXPECT_EQ(rows[2][1], Value::Double(-1000));
  EXPECT_EQ(rows[0][2], Value::Double(1));
  EXPECT_EQ(rows[1][3], Value::Boolean(false));
  EXPECT_EQ(rows[1][4], Value::Date(types::DaysFromCivil(2024, 2, 29)));
  EXPECT_EQ(rows[1][5], Value::Timestamp(types::DaysFromCivil(2024, 1, 2) * types::kMicrosPerDay +
                                         (3 * 3600 + 4 * 60 + 5) * types::kMicrosPerSecond +
                                         123456));
  EXPECT_EQ(rows[0][6], Value::Timestamp(types::DaysFromCivil(2024, 1, 2) * types::kMicrosPerDay));
  EXPECT_EQ(rows[1][7], Str("7"));
  EXPECT_EQ(rows[0][8], Null());
}

TEST(CsvReaderTest, IntegerBeyondInt64WidensToDouble) {
  auto reader = OpenText("v\n1\n99999999999999999999\n");
  EXPECT_EQ(reader->schema()[0].type, LogicalType::Double());
}

TEST(CsvReaderTest, EmptyFieldsAreNullAndQuotedEmptyIsEmptyString) {
  Rows rows = ReadText("a,b,c\nx,,1\n\"\",y,\n", [] {
    CsvReadOptions options;
    options.header = HeaderMode::kYes;
    return options;
  }());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], Null());
  EXPECT_EQ(rows[1][0], Str(""));
  EXPECT_EQ(rows[1][2], Null(LogicalType::BigInt()));
}

TEST(CsvReaderTest, NullStringsMatchUnquotedFieldsOnly) {
  CsvReadOptions options;
  options.null_strings = {"NULL", "\\N"};
  Rows rows = ReadText("s,i\nNULL,\\N\n\"NULL\",3\n", options);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], Null());
  EXPECT_EQ(rows[0][1], Null(LogicalType::BigInt()));
  EXPECT_EQ(rows[1][0], Str("NULL"));
  // Without the option "NULL" is text, and keeps the column VARCHAR.
  auto plain = OpenText("s,i\nNULL,NULL\nx,3\n");
  EXPECT_EQ(plain->schema()[1].type, LogicalType::Varchar());
}

TEST(CsvReaderTest, BlankLinesAreSkippedUnlessSingleColumn) {
  Rows rows = ReadText("a,b\n1,2\n\n3,4\n\n");
  EXPECT_EQ(rows.size(), 2u);
  Rows single = ReadText("a\n1\n\n2\n");
  ASSERT_EQ(single.size(), 3u);
  EXPECT_EQ(single[1][0], Null(LogicalType::BigInt()));
}

TEST(CsvReaderTest, ExplicitSchemaSkipsInference) {
  CsvReadOptions options;
  options.schema = types::Schema({{"id", LogicalType::Integer()},
                                  {"price", LogicalType::Decimal(10, 2)},
                                  {"code", LogicalType::Varchar()},
                                  {"t", LogicalType::Time()},
                                  {"f", LogicalType::Float()},
                                  {"small", LogicalType::SmallInt()}});
  auto reader = OpenText("id,price,code,t,f,small\n1,12.345,007,01:02:03.5,0.25,-3\n", options);
  EXPECT_TRUE(reader->layout().has_header);
  Rows rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], Value::Int(1));
  EXPECT_EQ(rows[0][1], Value::Decimal(LogicalType::Decimal(10, 2), 1235));
  EXPECT_EQ(rows[0][2], Str("007"));
  EXPECT_EQ(rows[0][3], Value::Integer(LogicalType::Time(), 3723500000));
  EXPECT_EQ(rows[0][4], Value::Float(0.25f));
  EXPECT_EQ(rows[0][5], Value::Integer(LogicalType::SmallInt(), -3));
}

TEST(CsvReaderTest, ProjectsColumnsByName) {
  auto reader = OpenText("a,b,c\n1,x,2.5\n", {}, {"C", "a"});
  ASSERT_EQ(reader->schema().size(), 2u);
  EXPECT_EQ(reader->schema()[0].name, "c");
  Rows rows = ReadAll(*reader);
  EXPECT_EQ(rows[0], (std::vector<Value>{Value::Double(2.5), Int(1)}));
  Error error = CatchError([] { OpenText("a,b\n1,2\n", {}, {"z"}); });
  EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(std::string(error.what()).find("'z'"), std::string::npos);
}

TEST(CsvReaderTest, WrongFieldCountFailsWithLineAndColumn) {
  Error error = CatchError([] { ReadText("a,b\n1,2\n3,4,5\n"); });
  EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  std::string message = error.what();
  EXPECT_NE(message.find("test.csv: line 3, column 3"), std::string::npos) << message;
  EXPECT_NE(message.find("byte offset 8"), std::string::npos) << message;
  EXPECT_NE(message.find("expected 2 fields but found 3"), std::string::npos) << message;

  Error fewer = CatchError([] { ReadText("a,b,c\n1,2,3\n4,5\n"); });
  EXPECT_NE(std::string(fewer.what()).find("line 3, column 3 (c)"), std::string::npos)
      << fewer.what();
}

TEST(CsvReaderTest, WrongFieldCountSkippedAndCounted) {
  CsvReadOptions options;
  options.on_malformed = MalformedRowPolicy::kSkip;
  auto reader = OpenText("a,b\n1,2\n3,4,5\n6\n7,8\n", options);
  Rows rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], Int(7));
  EXPECT_EQ(reader->skipped_rows(), 2u);
}

TEST(CsvReaderTest, UnterminatedQuoteAtEndOfFile) {
  Error error = CatchError([] { ReadText("a,b\n1,2\n3,\"open\n4,5\n"); });
  EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  std::string message = error.what();
  EXPECT_NE(message.find("line 3, column 2 (b)"), std::string::npos) << message;
  EXPECT_NE(message.find("byte offset 10"), std::string::npos) << message;
  EXPECT_NE(message.find("never closed"), std::string::npos) << message;

  CsvReadOptions options;
  options.on_malformed = MalformedRowPolicy::kSkip;
  auto reader = OpenText("a,b\n1,2\n3,\"open\n4,5\n", options);
  EXPECT_EQ(ReadAll(*reader).size(), 1u);
  EXPECT_EQ(reader->skipped_rows(), 1u);
}

TEST(CsvReaderTest, CharacterAfterClosingQuote) {
  Error error = CatchError([] { ReadText("a,b\n1,\"x\"y\n"); });
  EXPECT_NE(std::string(error.what()).find("line 2, column 2"), std::string::npos) << error.what();
  CsvReadOptions options;
  options.on_malformed = MalformedRowPolicy::kSkip;
  auto reader = OpenText("a,b\n1,\"x\"y\n2,z\n", options);
  Rows rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], Str("z"));
}

TEST(CsvReaderTest, ValueBeyondSampleFailsOrSkips) {
  CsvReadOptions options;
  options.sample_rows = 2;
  Error error = CatchError([&] { ReadText("n,s\n1,a\n2,b\nthree,c\n4,d\n", options); });
  std::string message = error.what();
  EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("line 4, column 1 (n)"), std::string::npos) << message;
  EXPECT_NE(message.find("'three' is not a valid bigint"), std::string::npos) << message;

  options.on_malformed = MalformedRowPolicy::kSkip;
  auto reader = OpenText("n,s\n1,a\n2,b\nthree,c\n4,d\n", options);
  Rows rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2], (std::vector<Value>{Int(4), Str("d")}));
  EXPECT_EQ(reader->skipped_rows(), 1u);
}

TEST(CsvReaderTest, InvalidUtf8IsMalformed) {
  Error error = CatchError([] { ReadText("a,b\nx,ok\n\xff\xfe,ok\n"); });
  EXPECT_NE(std::string(error.what()).find("line 3, column 1"), std::string::npos)
      << error.what();
  EXPECT_NE(std::string(error.what()).find("UTF-8"), std::string::npos);
}

TEST(CsvReaderTest, LineLongerThanLimitFails) {
  CsvReadOptions options = NoHeader();
  options.max_line_bytes = 16;
  Error error = CatchError([&] { ReadText("a,b\n" + std::string(40, 'x') + ",y\n", options); });
  EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(std::string(error.what()).find("line 2"), std::string::npos) << error.what();
  EXPECT_NE(std::string(error.what()).find("max_line_bytes"), std::string::npos);
}

TEST(CsvReaderTest, EmptyFileHasNoColumnsAndNoRows) {
  auto reader = OpenText("");
  EXPECT_EQ(reader->schema().size(), 0u);
  EXPECT_TRUE(ReadAll(*reader).empty());
  CsvReadOptions options;
  options.schema = types::Schema({{"a", LogicalType::BigInt()}});
  auto typed = OpenText("", options);
  EXPECT_EQ(typed->schema().size(), 1u);
  EXPECT_TRUE(ReadAll(*typed).empty());
}

TEST(CsvReaderTest, FileWhoseFirstRowCannotBeScannedStillReportsIt) {
  Error error = CatchError([] { ReadText("\"never closed,1\n2,3\n"); });
  EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(std::string(error.what()).find("line 1, column 1"), std::string::npos)
      << error.what();
  EXPECT_NE(std::string(error.what()).find("never closed"), std::string::npos);
}

TEST(CsvReaderTest, HeaderNamesThatAreNotUtf8AreReplaced) {
  CsvReadOptions options;
  options.header = HeaderMode::kYes;
  auto reader = OpenText("ok,\xff\n1,2\n", options);
  EXPECT_EQ(reader->schema()[1].name, "col1");
}

TEST(CsvReaderTest, GzipIsRefusedClearly) {
  Error error = CatchError([] { OpenText(std::string("\x1f\x8b\x08\x00rest", 8)); });
  EXPECT_EQ(error.code(), ErrorCode::kUnsupported);
  EXPECT_NE(std::string(error.what()).find("gzip"), std::string::npos);
}

TEST(CsvReaderTest, NestedExplicitTypeIsUnsupported) {
  CsvReadOptions options;
  options.schema = types::Schema({{"a", LogicalType::List(LogicalType::BigInt())}});
  Error error = CatchError([&] { OpenText("[1]\n", options); });
  EXPECT_EQ(error.code(), ErrorCode::kUnsupported);
}

// A file with quoted newlines, doubled quotes, CRLF and blank lines, long enough for many
// blocks. Tiny blocks put block boundaries inside quoted fields, so the reader's guesses
// must be caught and corrected; the rows must equal a single-block read.
std::string TrickyFile(size_t rows) {
  std::string text = "id,text,value\r\n";
  for (size_t i = 0; i < rows; ++i) {
    text += std::to_string(i) + ",";
    switch (i % 5) {
      case 0: text += "\"multi\nline\n\"\"quoted\"\"\""; break;
      case 1: text += "plain"; break;
      case 2: text += "\"a,b\r\nc\""; break;
      case 3: text += ""; break;
      case 4: text += "\"\n\n\n\""; break;
    }
    text += "," + std::to_string(i * 0.5) + (i % 7 == 0 ? "\r\n" : "\n");
    if (i % 11 == 0) text += "\n";
  }
  return text;
}

TEST(CsvReaderTest, SmallBlocksGiveTheSameRowsAsOneBlock) {
  const std::string text = TrickyFile(500);
  CsvReadOptions single;
  single.parallel = false;
  Rows expected = ReadText(text, single);
  ASSERT_EQ(expected.size(), 500u);
  EXPECT_EQ(expected[0][1], Str("multi\nline\n\"quoted\""));
  EXPECT_EQ(expected[2][1], Str("a,b\r\nc"));
  for (size_t block : {1, 3, 7, 16, 64, 333}) {
    CsvReadOptions options;
    options.block_bytes = block;
    EXPECT_EQ(ReadText(text, options), expected) << "block_bytes " << block;
  }
}

TEST(CsvReaderTest, ErrorLineNumbersCountQuotedNewlinesAcrossBatches) {
  std::string text = TrickyFile(300) + "bad,row\n";
  // Line of the bad row: count the line breaks before it.
  size_t line = 1;
  for (size_t i = 0; i + 8 < text.size(); ++i) line += text[i] == '\n' ? 1 : 0;
  for (size_t block : {0, 5, 50}) {
    CsvReadOptions options;
    options.block_bytes = block;
    Error error = CatchError([&] { ReadText(text, options); });
    EXPECT_NE(std::string(error.what()).find("line " + std::to_string(line) + ","),
              std::string::npos)
        << error.what() << " block " << block;
    EXPECT_NE(std::string(error.what()).find("byte offset " + std::to_string(text.size() - 8)),
              std::string::npos)
        << error.what();
  }
}

TEST(CsvReaderTest, LineLimitGivesTheSameOutcomeWhateverTheBlockSize) {
  // Rows of 1 to 30 bytes, some quoted across lines, against a 20-byte limit.
  std::string text = "a,b\n";
  for (int i = 0; i < 60; ++i) {
    std::string field(static_cast<size_t>(i % 17), 'x');
    text += (i % 4 == 0 ? "\"" + field + "\n\"" : field) + "," + std::to_string(i) + "\n";
  }
  for (auto policy : {MalformedRowPolicy::kFail, MalformedRowPolicy::kSkip}) {
    CsvReadOptions options;
    options.max_line_bytes = 20;
    options.on_malformed = policy;
    options.parallel = false;
    std::string expected;
    try {
      ReadText(text, options);
    } catch (const Error& error) {
      expected = error.what();
    }
    EXPECT_NE(expected.find("line limit"), std::string::npos) << expected;
    for (size_t block : {1, 2, 5, 19, 20, 21, 64}) {
      options.parallel = true;
      options.block_bytes = block;
      Error error = CatchError([&] { ReadText(text, options); });
      EXPECT_EQ(error.what(), expected) << "block_bytes " << block;
    }
  }
}

TEST(CsvReaderTest, ReportsTheEarliestMalformedRow) {
  // Row 3 has a bad value, row 4 a wrong field count: the message names row 3.
  CsvReadOptions options;
  options.sample_rows = 1;
  Error error = CatchError([&] { ReadText("a,b\n1,x\nnope,y\n3\n", options); });
  EXPECT_NE(std::string(error.what()).find("line 3, column 1 (a)"), std::string::npos)
      << error.what();
}

TEST(CsvReaderTest, LoneCrFilesReadTheSameInSmallBlocks) {
  std::string text = "id,v\r";
  for (int i = 0; i < 200; ++i) text += std::to_string(i) + ",\"x\ry\"\r";
  Rows expected = ReadText(text, [] {
    CsvReadOptions options;
    options.parallel = false;
    return options;
  }());
  ASSERT_EQ(expected.size(), 200u);
  EXPECT_EQ(expected[5][1], Str("x\ry"));
  CsvReadOptions options;
  options.block_bytes = 10;
  EXPECT_EQ(ReadText(text, options), expected);
}

TEST(CsvReaderTest, ManyRowsSplitIntoChunksInOrder) {
  std::string text = "n,s\n";
  const size_t count = 100000;
  for (size_t i = 0; i < count; ++i) text += std::to_string(i) + ",s" + std::to_string(i) + "\n";
  CsvReadOptions options;
  options.block_bytes = 4096;
  auto reader = OpenText(text, options);
  columnar::DataChunk chunk;
  size_t next = 0;
  while (reader->Next(chunk)) {
    ASSERT_LE(chunk.size(), columnar::kChunkRows);
    for (size_t r = 0; r < chunk.size(); ++r, ++next) {
      ASSERT_EQ(chunk.column(0).data<int64_t>()[r], static_cast<int64_t>(next));
      ASSERT_EQ(chunk.column(1).data<std::string_view>()[r], "s" + std::to_string(next));
    }
  }
  EXPECT_EQ(next, count);
}

}  // namespace
}  // namespace basin::formats::csv
