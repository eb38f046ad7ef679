#include "formats/json/json_reader.hpp"

#include <gtest/gtest.h>

#include "json_test_util.hpp"
#include "types/logical_type.hpp"

namespace basin::formats::json {
namespace {

using testing::ExpectError;
using testing::OpenText;
using testing::ReadText;
using testing::SchemaOfText;
using types::LogicalType;
using Rows = std::vector<std::string>;

ReadOptions WithSchema(std::vector<types::Field> fields) {
  ReadOptions options;
  options.json.schema = types::Schema(std::move(fields));
  return options;
}

TEST(JsonReaderTest, InfersScalarTypesFromNewlineDelimitedRecords) {
  std::string text =
      "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":1.5,\"e\":null}\n"
      "{\"a\":-2,\"b\":\"y\",\"c\":false,\"d\":2,\"f\":[1,2]}\n";
  EXPECT_EQ(SchemaOfText(text),
            "a:bigint, b:string, c:boolean, d:double, e:string, f:array<bigint>");
  EXPECT_EQ(ReadText(text),
            (Rows{"1 | x | true | 1.5 | NULL | NULL", "-2 | y | false | 2 | NULL | [1, 2]"}));
}

TEST(JsonReaderTest, ReadsATopLevelArrayTheSameWay) {
  std::string text = "[\n  {\"a\":1,\"b\":{\"c\":[true]}},\n  {\"a\":2}, null\n]";
  EXPECT_EQ(SchemaOfText(text), "a:bigint, b:struct<c:array<boolean>>");
  EXPECT_EQ(ReadText(text), (Rows{"1 | {c=[true]}", "2 | NULL", "NULL | NULL"}));
  ReadOptions forced;
  forced.json.layout = JsonLayout::kArray;
  EXPECT_EQ(ReadText(text, forced).size(), 3u);
}

TEST(JsonReaderTest, WidensMixedTypes) {
  EXPECT_EQ(SchemaOfText("{\"v\":1}\n{\"v\":2.5}"), "v:double");
  EXPECT_EQ(ReadText("{\"v\":1}\n{\"v\":2.5}"), (Rows{"1", "2.5"}));
  // Anything else mixed is VARCHAR: strings as their text, other values as JSON text.
  EXPECT_EQ(SchemaOfText("{\"v\":1}\n{\"v\":\"a\"}"), "v:string");
  EXPECT_EQ(ReadText("{\"v\":1}\n{\"v\":\"a\"}\n{\"v\":true}\n{\"v\":[1, {\"x\" : 2.50}]}"),
            (Rows{"1", "a", "true", "[1,{\"x\":2.5}]"}));
  EXPECT_EQ(SchemaOfText("{\"v\":[1]}\n{\"v\":{\"x\":1}}"), "v:string");
  EXPECT_EQ(SchemaOfText("{\"v\":true}\n{\"v\":0}"), "v:string");
  EXPECT_EQ(SchemaOfText("{\"l\":[1,2.5]}"), "l:array<double>");
  EXPECT_EQ(ReadText("{\"l\":[1,\"a\",null]}"), (Rows{"[1, a, NULL]"}));
  EXPECT_EQ(SchemaOfText("{\"l\":[[1],[2.5,null]]}"), "l:array<array<double>>");
}

TEST(JsonReaderTest, UnionsObjectFieldsInFirstSeenOrder) {
  std::string text =
      "{\"s\":{\"a\":1},\"z\":1}\n"
      "{\"y\":\"q\",\"s\":{\"b\":\"x\",\"a\":2}}\n"
      "{\"s\":null}\n"
      "{\"s\":{\"c\":[{\"d\":1},{\"e\":2}]}}\n";
  EXPECT_EQ(SchemaOfText(text),
            "s:struct<a:bigint,b:string,c:array<struct<d:bigint,e:bigint>>>, z:bigint, y:string");
  EXPECT_EQ(ReadText(text),
            (Rows{"{a=1, b=NULL, c=NULL} | 1 | NULL", "{a=2, b=x, c=NULL} | NULL | q",
                  "NULL | NULL | NULL",
                  "{a=NULL, b=NULL, c=[{d=1, e=NULL}, {d=NULL, e=2}]} | NULL | NULL"}));
}

TEST(JsonReaderTest, ObjectsWithManyKeysBecomeMaps) {
  // 250 distinct keys under "by_id" across records: data, not fields.
  std::string text;
  for (int i = 0; i < 250; ++i) {
    text += "{\"n\":" + std::to_string(i) + ",\"by_id\":{\"id" + std::to_string(i) + "\":" +
            (i == 7 ? "2.5" : std::to_string(i)) + ",\"all\":null},\"few\":{\"a\":1}}\n";
  }
  EXPECT_EQ(SchemaOfText(text), "n:bigint, by_id:map<string,double>, few:struct<a:bigint>");
  auto rows = ReadText(text);
  ASSERT_EQ(rows.size(), 250u);
  EXPECT_EQ(rows[7], "7 | {id7=2.5, all=NULL} | {a=1}");
  EXPECT_EQ(rows[249], "249 | {id249=249, all=NULL} | {a=1}");
  // Mixed kinds under one key still widen to VARCHAR.
  std::string mixed = text + "{\"by_id\":[1]}\n";
  EXPECT_EQ(SchemaOfText(mixed, [] {
              ReadOptions all;
              all.json.sample_rows = 0;
              return all;
            }()),
            "n:bigint, by_id:string, few:struct<a:bigint>");
  // Top-level keys always stay columns.
  std::string wide = "{";
  for (int i = 0; i < 300; ++i) wide += (i ? ",\"c" : "\"c") + std::to_string(i) + "\":1";
  EXPECT_EQ(OpenText(wide + "}")->schema().size(), 300u);
}

TEST(JsonReaderTest, UnknownTypesDefaultToVarchar) {
  std::string text = "{\"n\":null,\"l\":[],\"o\":{}}\n{\"n\":null,\"l\":[null],\"o\":{}}";
  EXPECT_EQ(SchemaOfText(text), "n:string, l:array<string>, o:string");
  EXPECT_EQ(ReadText(text), (Rows{"NULL | [] | {}", "NULL | [NULL] | {}"}));
  EXPECT_EQ(SchemaOfText(""), "");
  EXPECT_EQ(ReadText("{}\n{}\n"), (Rows{"", ""}));
}

TEST(JsonReaderTest, DetectsIsoDatesAndTimestamps) {
  std::string text =
      "{\"d\":\"2024-03-07\",\"t\":\"2024-03-07 12:34:56\",\"m\":\"2024-03-07\",\"s\":\"2024\"}\n"
      "{\"d\":\"2024-03-08\",\"t\":\"2024-03-08T01:02:03.5Z\",\"m\":\"2024-03-08 10:00:00\","
      "\"s\":\"2024-03-08\"}\n";
  EXPECT_EQ(SchemaOfText(text), "d:date, t:timestamp, m:timestamp, s:string");
  EXPECT_EQ(ReadText(text),
            (Rows{"2024-03-07 | 2024-03-07 12:34:56 | 2024-03-07 00:00:00 | 2024",
                  "2024-03-08 | 2024-03-08 01:02:03.5 | 2024-03-08 10:00:00 | 2024-03-08"}));
  ReadOptions plain;
  plain.json.detect_dates = false;
  EXPECT_EQ(SchemaOfText(text, plain), "d:string, t:string, m:string, s:string");
}

TEST(JsonReaderTest, NonFiniteNumbersStayDoubles) {
  // Basin writes NaN as a string; DuckDB writes a bare NaN token. Both read as DOUBLE.
  std::string text =
      "{\"x\":1.5}\n{\"x\":\"NaN\"}\n{\"x\":NaN}\n{\"x\":\"-Infinity\"}\n"
      "{\"x\":Infinity}\n";
  EXPECT_EQ(SchemaOfText(text), "x:double");
  EXPECT_EQ(ReadText(text), (Rows{"1.5", "NaN", "NaN", "-Infinity", "Infinity"}));
  EXPECT_EQ(SchemaOfText("{\"x\":\"NaN\"}"), "x:string");
}

TEST(JsonReaderTest, IntegersPastInt64BecomeExactDecimals) {
  std::string text =
      "{\"h\":123456789012345678901234567890}\n{\"h\":5}\n"
      "{\"h\":18446744073709551615}\n{\"h\":-99999999999999999999}\n";
  EXPECT_EQ(SchemaOfText(text), "h:decimal(38,0)");
  EXPECT_EQ(ReadText(text), (Rows{"123456789012345678901234567890", "5", "18446744073709551615",
                                  "-99999999999999999999"}));
  EXPECT_EQ(SchemaOfText("{\"h\":123456789012345678901234567890}\n{\"h\":0.5}"), "h:double");
}

TEST(JsonReaderTest, RepeatedKeysKeepTheFirstValue) {
  EXPECT_EQ(ReadText("{\"a\":1,\"a\":2,\"b\":[1],\"b\":[2,3]}"), (Rows{"1 | [1]"}));
}

TEST(JsonReaderTest, SyntaxErrorsNameTheLine) {
  ExpectError([] { ReadText("{\"a\":1}\n{\"a\":2\n{\"a\":3}\n"); }, ErrorCode::kCorrupt,
              {"mem.json", "line 2", "byte offset 8", "not valid JSON"});
  ExpectError([] { ReadText("{\"a\":1}\n\n{\"a\":tru}\n"); }, ErrorCode::kCorrupt,
              {"line 3 (byte offset 9)"});
  ExpectError([] { ReadText("[{\"a\":1},\n{\"a\":[1,}]"); }, ErrorCode::kCorrupt,
              {"array element 2 at line 2"});
  ExpectError([] { ReadText("{\"a\":\"\xFF\"}"); }, ErrorCode::kCorrupt, {"line 1", "UTF-8"});
  ExpectError([] { ReadText("{\"a\":1} {\"a\":2}"); }, ErrorCode::kCorrupt, {"line 1"});
  std::string deep(300, '[');
  ExpectError([&] { ReadText("{\"a\":" + deep + std::string(300, ']') + "}"); },
              ErrorCode::kCorrupt, {"line 1"});
}

TEST(JsonReaderTest, ErrorsPastTheSampleComeAfterTheRowsBeforeThem) {
  std::string text;
  for (int i = 1; i <= 6000; ++i) {
    text += i == 5000 ? "{\"i\":oops}\n" : "{\"i\":" + std::to_string(i) + "}\n";
  }
  ReadOptions options;
  options.json.sample_rows = 100;
  auto reader = OpenText(text, options);
  columnar::DataChunk chunk;
  size_t rows = 0;
  try {
    while (reader->Next(chunk)) rows += chunk.size();
    ADD_FAILURE() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
    EXPECT_NE(std::string(error.what()).find("line 5000"), std::string::npos) << error.what();
  }
  EXPECT_EQ(rows, 4096u);  // the two whole chunks before the one holding line 5000
}

TEST(JsonReaderTest, RecordsMustBeObjects) {
  ExpectError([] { ReadText("[1,2]"); }, ErrorCode::kInvalidInput,
              {"array element 1", "expected a JSON object"});
  ExpectError([] { ReadText("{\"a\":1}\n[1]\n"); }, ErrorCode::kInvalidInput, {"line 2"});
}

TEST(JsonReaderTest, ValuesPastTheSampleMustFitTheInferredTypes) {
  ReadOptions options;
  options.json.sample_rows = 1;
  std::string text = "{\"a\":1,\"s\":{\"x\":1}}\n{\"a\":\"x\",\"s\":{\"x\":2.5}}\n";
  ExpectError([&] { ReadText(text, options); }, ErrorCode::kInvalidInput,
              {"line 2", "column 'a'", "bigint", "string \"x\"", "sample_rows"});
  options.json.ignore_errors = true;
  EXPECT_EQ(ReadText(text, options), (Rows{"1 | {x=1}", "NULL | {x=NULL}"}));
  // Keys first seen past the sample are not columns.
  EXPECT_EQ(ReadText("{\"a\":1}\n{\"a\":2,\"b\":3}", options), (Rows{"1", "2"}));
  ReadOptions all;
  all.json.sample_rows = 0;  // sample everything
  EXPECT_EQ(SchemaOfText("{\"a\":1}\n{\"a\":2,\"b\":3}", all), "a:bigint, b:bigint");
}

TEST(JsonReaderTest, ProjectsColumnsByName) {
  std::string text = "{\"a\":1,\"b\":\"x\",\"c\":[1]}\n{\"c\":[],\"a\":2}\n";
  ReadOptions options;
  options.columns = {"C", "a"};
  auto reader = OpenText(text, options);
  EXPECT_EQ(testing::SchemaOf(*reader), "c:array<bigint>, a:bigint");
  EXPECT_EQ(testing::RowsOf(*reader), (Rows{"[1] | 1", "[] | 2"}));
  options.columns = {"nope"};
  ExpectError([&] { OpenText(text, options); }, ErrorCode::kInvalidInput,
              {"no column 'nope'", "a, b, c"});
  options.columns = {"a", "A"};
  ExpectError([&] { OpenText(text, options); }, ErrorCode::kInvalidInput, {"twice"});
}

TEST(JsonReaderTest, ExplicitSchemaConvertsValues) {
  ReadOptions options = WithSchema({
      {"id", LogicalType::Integer()},
      {"price", LogicalType::Decimal(10, 2)},
      {"tags", LogicalType::List(LogicalType::Varchar())},
      {"at", LogicalType::Timestamp()},
      {"flag", LogicalType::Boolean()},
      {"small", LogicalType::SmallInt()},
      {"ratio", LogicalType::Float()},
      {"raw", LogicalType::Binary()},
      {"t", LogicalType::Time()},
  });
  std::string text =
      "{\"ID\":7,\"price\":12.345,\"tags\":[\"a\",1],\"at\":\"2024-01-02T03:04:05\",\"flag\":true,"
      "\"small\":\"12\",\"ratio\":0.5,\"raw\":\"a\\\\x00b\",\"t\":\"01:02:03\",\"extra\":1}\n"
      "{\"id\":\"8\",\"price\":\"-0.5\",\"flag\":\"false\",\"small\":3.0,\"ratio\":\"NaN\"}\n";
  auto reader = OpenText(text, options);
  EXPECT_EQ(testing::SchemaOf(*reader),
            "id:int, price:decimal(10,2), tags:array<string>, at:timestamp, flag:boolean, "
            "small:smallint, ratio:float, raw:binary, t:time");
  EXPECT_EQ(
      testing::RowsOf(*reader),
      (Rows{"7 | 12.35 | [a, 1] | 2024-01-02 03:04:05 | true | 12 | 0.5 | 61 00 62 | 01:02:03",
            "8 | -0.50 | NULL | NULL | false | 3 | NaN | NULL | NULL"}));
}

TEST(JsonReaderTest, ExplicitSchemaMismatchesNameTheField) {
  ReadOptions options = WithSchema({
      {"s", LogicalType::Struct({{"x", LogicalType::Integer()}})},
      {"n", LogicalType::TinyInt()},
  });
  ExpectError([&] { ReadText("{\"s\":{\"x\":1}}\n{\"s\":{\"x\":1.5}}", options); },
              ErrorCode::kInvalidInput, {"line 2", "column 's.x'", "int", "number 1.5"});
  ExpectError([&] { ReadText("{\"n\":300}", options); }, ErrorCode::kInvalidInput,
              {"column 'n'", "tinyint", "number 300"});
  ExpectError([&] { ReadText("{\"s\":[1]}", options); }, ErrorCode::kInvalidInput,
              {"column 's'", "array [1]"});
  options.json.ignore_errors = true;
  EXPECT_EQ(ReadText("{\"s\":{\"x\":1.5},\"n\":300}\n{\"s\":\"x\",\"n\":-3}", options),
            (Rows{"{x=NULL} | NULL", "NULL | -3"}));
}

TEST(JsonReaderTest, ExplicitSchemaReadsMaps) {
  ReadOptions options = WithSchema({
      {"m", LogicalType::Map(LogicalType::Varchar(), LogicalType::BigInt())},
      {"k", LogicalType::Map(LogicalType::Integer(), LogicalType::Varchar())},
  });
  std::string text =
      "{\"m\":{\"x\":1,\"y\":null},\"k\":[{\"key\":1,\"value\":\"a\"},{\"key\":2}]}\n"
      "{\"m\":{},\"k\":{\"3\":\"c\"}}\n";
  EXPECT_EQ(ReadText(text, options), (Rows{"{x=1, y=NULL} | {1=a, 2=NULL}", "{} | {3=c}"}));
  // A map that fails under ignore_errors leaves nothing behind for the next row's entries.
  ReadOptions lenient = options;
  lenient.json.ignore_errors = true;
  EXPECT_EQ(ReadText("{\"k\":{\"1\":null,\"x\":\"a\"}}\n{\"k\":{\"2\":\"b\",\"3\":null}}",
                     lenient),
            (Rows{"NULL | NULL", "NULL | {2=b, 3=NULL}"}));
  ExpectError([&] { ReadText("{\"k\":{\"x\":\"a\"}}", options); }, ErrorCode::kInvalidInput,
              {"column 'k'", "map<int,string>"});
  ExpectError([&] { ReadText("{\"k\":[{\"key\":null,\"value\":\"a\"}]}", options); },
              ErrorCode::kInvalidInput, {"column 'k'"});
}

TEST(JsonReaderTest, WideDecimalsReadExactly) {
  ReadOptions options =
      WithSchema({{"d", LogicalType::Decimal(38, 10)}, {"v", LogicalType::Varchar()}});
  std::string text =
      "{\"d\":1234567890123456789012345678.0123456789,\"v\":[1234567890123456789012345]}\n"
      "{\"d\":0.1,\"v\":1e400}\n";
  EXPECT_EQ(ReadText(text, options), (Rows{"1234567890123456789012345678.0123456789 | "
                                           "[1234567890123456789012345]",
                                           "0.1000000000 | 1e400"}));
}

TEST(JsonReaderTest, ManyRowsArriveInOrderInBoundedChunks) {
  std::string text;
  for (int i = 0; i < 10000; ++i) {
    text += "{\"i\":" + std::to_string(i) + ",\"s\":\"row " + std::to_string(i) + "\",\"l\":[" +
            std::to_string(i) + "," + std::to_string(i + 1) + "]}\n";
  }
  auto reader = OpenText(text);
  columnar::DataChunk chunk;
  int64_t expected = 0;
  while (reader->Next(chunk)) {
    ASSERT_LE(chunk.size(), columnar::kChunkRows);
    ASSERT_GT(chunk.size(), 0u);
    for (size_t r = 0; r < chunk.size(); ++r, ++expected) {
      ASSERT_EQ(chunk.column(0).data<int64_t>()[r], expected);
      ASSERT_EQ(chunk.column(1).GetValue(r).ToString(), "row " + std::to_string(expected));
      ASSERT_EQ(chunk.column(2).GetValue(r).ToString(),
                "[" + std::to_string(expected) + ", " + std::to_string(expected + 1) + "]");
    }
  }
  EXPECT_EQ(expected, 10000);
}

TEST(JsonReaderTest, MissingFileIsAnError) {
  EXPECT_THROW(OpenJsonReader("/nonexistent/basin/x.json", ReadOptions{}), Error);
}

}  // namespace
}  // namespace basin::formats::json
