#include "formats/csv/csv_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "common/error.hpp"
#include "formats/csv/csv_reader.hpp"
#include "types/date_time.hpp"
#include "unit/formats/csv/csv_test_util.hpp"

namespace basin::formats::csv {
namespace {

using testing::ReadAll;
using testing::Rows;
using types::LogicalType;
using types::Value;

class CsvWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("basin-csv-writer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Writes `rows` (one Value per column) and returns the file's text.
  std::string Write(const types::Schema& schema, const Rows& rows,
                    const CsvWriteOptions& csv = {}) {
    WriteOptions options;
    options.csv = csv;
    auto writer = CreateCsvWriter(Path("out.csv"), schema, options);
    columnar::DataChunk chunk(schema);
    for (const auto& row : rows) {
      for (size_t c = 0; c < row.size(); ++c) chunk.column(c).Append(row[c]);
    }
    chunk.SetSizeOnly(rows.size());
    writer->Write(chunk);
    EXPECT_FALSE(std::filesystem::exists(Path("out.csv")));  // nothing before Finish
    writer->Finish();
    std::ifstream in(Path("out.csv"), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
};

TEST_F(CsvWriterTest, QuotesOnlyWhereNeeded) {
  types::Schema schema({{"name", LogicalType::Varchar()}, {"n", LogicalType::BigInt()}});
  std::string text = Write(schema, {{Value::Varchar("plain"), Value::BigInt(1)},
                                    {Value::Varchar("a,b"), Value::BigInt(2)},
                                    {Value::Varchar("say \"hi\""), Value::BigInt(3)},
                                    {Value::Varchar("two\nlines"), Value::BigInt(4)},
                                    {Value::Varchar("cr\rhere"), Value::BigInt(5)},
                                    {Value::Varchar(""), Value::Null(LogicalType::BigInt())},
                                    {Value::Null(LogicalType::Varchar()), Value::BigInt(7)},
                                    {Value::Varchar(" spaced "), Value::BigInt(8)}});
  EXPECT_EQ(text,
            "name,n\n"
            "plain,1\n"
            "\"a,b\",2\n"
            "\"say \"\"hi\"\"\",3\n"
            "\"two\nlines\",4\n"
            "\"cr\rhere\",5\n"
            "\"\",\n"
            ",7\n"
            " spaced ,8\n");
}

TEST_F(CsvWriterTest, QuotesALeadingByteOrderMarkSoItReadsBack) {
  types::Schema schema({{"\xEF\xBB\xBFname", LogicalType::Varchar()}});
  std::string text = Write(schema, {{Value::Varchar("x")}});
  EXPECT_EQ(text, "\"\xEF\xBB\xBFname\"\nx\n");
  auto reader = OpenCsvReader(Path("out.csv"), ReadOptions{});
  EXPECT_EQ(reader->schema()[0].name, "\xEF\xBB\xBFname");
}

TEST_F(CsvWriterTest, OptionsChangeDelimiterHeaderNullAndLineEnding) {
  types::Schema schema({{"a", LogicalType::Varchar()}, {"b", LogicalType::Varchar()}});
  CsvWriteOptions options;
  options.delimiter = '|';
  options.header = false;
  options.null_string = "NULL";
  options.line_ending = "\r\n";
  std::string text = Write(schema,
                           {{Value::Varchar("x,y"), Value::Null(LogicalType::Varchar())},
                            {Value::Varchar("NULL"), Value::Varchar("p|q")}},
                           options);
  EXPECT_EQ(text, "x,y|NULL\r\n\"NULL\"|\"p|q\"\r\n");
}

TEST_F(CsvWriterTest, RejectsBadOptionsAndCompression) {
  types::Schema schema({{"a", LogicalType::Varchar()}});
  WriteOptions options;
  options.csv.quote = ',';
  EXPECT_THROW(CreateCsvWriter(Path("x.csv"), schema, options), Error);
  options.csv = {};
  options.csv.line_ending = "\n\n";
  EXPECT_THROW(CreateCsvWriter(Path("x.csv"), schema, options), Error);
  options.csv = {};
  options.compression = "gzip";
  try {
    CreateCsvWriter(Path("x.csv"), schema, options);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kUnsupported);
  }
}

TEST_F(CsvWriterTest, DestroyedWithoutFinishLeavesNothing) {
  types::Schema schema({{"a", LogicalType::Varchar()}});
  {
    auto writer = CreateCsvWriter(Path("gone.csv"), schema, WriteOptions{});
    columnar::DataChunk chunk(schema);
    chunk.column(0).Append(Value::Varchar("x"));
    chunk.SetSizeOnly(1);
    writer->Write(chunk);
  }
  EXPECT_FALSE(std::filesystem::exists(Path("gone.csv")));
}

TEST_F(CsvWriterTest, SpellsValuesAsDuckDbReadsThem) {
  types::Schema schema({{"f", LogicalType::Double()},
                        {"g", LogicalType::Double()},
                        {"dec", LogicalType::Decimal(10, 2)},
                        {"bin", LogicalType::Binary()},
                        {"ts", LogicalType::Timestamp()},
                        {"t", LogicalType::Time()},
                        {"flag", LogicalType::Boolean()}});
  int64_t ts = types::DaysFromCivil(2024, 1, 2) * types::kMicrosPerDay +
               (3 * 3600 + 4 * 60 + 5) * types::kMicrosPerSecond + 500000;
  std::string text = Write(
      schema, {{Value::Double(3), Value::Double(0.1), Value::Decimal(LogicalType::Decimal(10, 2), -1230),
                Value::Binary(std::string("A\\\x00\xff", 4)), Value::Timestamp(ts),
                Value::Integer(LogicalType::Time(), 3723250000), Value::Boolean(true)},
               {Value::Double(std::numeric_limits<double>::infinity()), Value::Double(1e300),
                Value::Decimal(LogicalType::Decimal(10, 2), 5), Value::Binary(""),
                Value::Timestamp(0), Value::Integer(LogicalType::Time(), 0),
                Value::Boolean(false)}});
  EXPECT_EQ(text,
            "f,g,dec,bin,ts,t,flag\n"
            "3.0,0.1,-12.30,A\\x5C\\x00\\xFF,2024-01-02 03:04:05.5,01:02:03.25,true\n"
            "inf,1e+300,0.05,\"\",1970-01-01 00:00:00,00:00:00,false\n");
}

TEST_F(CsvWriterTest, NestedValuesAsJson) {
  auto list_type = LogicalType::List(LogicalType::BigInt());
  auto struct_type = LogicalType::Struct({{"a", LogicalType::BigInt()}, {"b", LogicalType::Varchar()}});
  auto map_type = LogicalType::Map(LogicalType::Varchar(), LogicalType::Double());
  types::Schema schema({{"l", list_type}, {"s", struct_type}, {"m", map_type}});
  auto entry = [&](std::string key, Value value) {
    return Value::Nested(map_type.MapEntryType(), {Value::Varchar(std::move(key)), value});
  };
  std::string text = Write(
      schema,
      {{Value::Nested(list_type, {Value::BigInt(1), Value::Null(LogicalType::BigInt())}),
        Value::Nested(struct_type, {Value::BigInt(7), Value::Varchar("q\"\n")}),
        Value::Nested(map_type, {entry("k", Value::Double(1.5)),
                                 entry("nan", Value::Double(std::nan("")))})}});
  EXPECT_EQ(text,
            "l,s,m\n"
            "\"[1,null]\",\"{\"\"a\"\":7,\"\"b\"\":\"\"q\\\"\"\\n\"\"}\",\"{\"\"k\"\":1.5,\"\"nan\"\":null}\"\n");
}

// Every flat type written and read back (types given, and types inferred where inference
// can tell them apart) gives the values it started with.
TEST_F(CsvWriterTest, RoundTripsEveryFlatType) {
  types::Schema schema({{"b", LogicalType::Boolean()},
                        {"i8", LogicalType::TinyInt()},
                        {"i16", LogicalType::SmallInt()},
                        {"i32", LogicalType::Integer()},
                        {"i64", LogicalType::BigInt()},
                        {"f32", LogicalType::Float()},
                        {"f64", LogicalType::Double()},
                        {"d18", LogicalType::Decimal(18, 4)},
                        {"d38", LogicalType::Decimal(38, 10)},
                        {"s", LogicalType::Varchar()},
                        {"bin", LogicalType::Binary()},
                        {"day", LogicalType::Date()},
                        {"tod", LogicalType::Time()},
                        {"ts", LogicalType::Timestamp()}});
  auto decimal18 = LogicalType::Decimal(18, 4);
  auto decimal38 = LogicalType::Decimal(38, 10);
  Rows rows = {
      {Value::Boolean(true), Value::Integer(LogicalType::TinyInt(), -128),
       Value::Integer(LogicalType::SmallInt(), 32767), Value::Int(-2147483647 - 1),
       Value::BigInt(std::numeric_limits<int64_t>::max()), Value::Float(0.1f),
       Value::Double(1.0 / 3), Value::Decimal(decimal18, -123456789012345678),
       Value::Decimal(decimal38, types::PowerOfTen(37) + 1), Value::Varchar("comma, \"quote\"\nnl"),
       Value::Binary(std::string("\x00\x01" "ab\\\xff", 6)), Value::Date(-719162),
       Value::Integer(LogicalType::Time(), 86399999999), Value::Timestamp(-1)},
      {Value::Boolean(false), Value::Integer(LogicalType::TinyInt(), 127),
       Value::Integer(LogicalType::SmallInt(), -32768), Value::Int(0), Value::BigInt(-1),
       Value::Float(-3.25e38f), Value::Double(-0.0), Value::Decimal(decimal18, 5),
       Value::Decimal(decimal38, -1), Value::Varchar(""), Value::Binary(""),
       Value::Date(2932896), Value::Integer(LogicalType::Time(), 1),
       Value::Timestamp(253402300799999999)},
      {Value::Null(LogicalType::Boolean()), Value::Null(LogicalType::TinyInt()),
       Value::Null(LogicalType::SmallInt()), Value::Null(LogicalType::Integer()),
       Value::Null(LogicalType::BigInt()), Value::Null(LogicalType::Float()),
       Value::Null(LogicalType::Double()), Value::Null(decimal18), Value::Null(decimal38),
       Value::Null(LogicalType::Varchar()), Value::Null(LogicalType::Binary()),
       Value::Null(LogicalType::Date()), Value::Null(LogicalType::Time()),
       Value::Null(LogicalType::Timestamp())},
  };
  Write(schema, rows);
  ReadOptions read;
  read.csv.schema = schema;
  auto reader = OpenCsvReader(Path("out.csv"), read);
  EXPECT_EQ(ReadAll(*reader), rows);

  // Inferred: booleans, bigints, doubles, dates, timestamps and strings come back as such.
  ReadOptions inferred;
  auto detecting = OpenCsvReader(Path("out.csv"), inferred);
  const auto& detected = detecting->schema();
  EXPECT_EQ(detected[0].type, LogicalType::Boolean());
  EXPECT_EQ(detected[4].type, LogicalType::BigInt());
  EXPECT_EQ(detected[6].type, LogicalType::Double());
  EXPECT_EQ(detected[9].type, LogicalType::Varchar());
  EXPECT_EQ(detected[11].type, LogicalType::Date());
  EXPECT_EQ(detected[13].type, LogicalType::Timestamp());
  Rows back = ReadAll(*detecting);
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0][6], rows[0][6]);
  EXPECT_EQ(back[0][9], rows[0][9]);
  EXPECT_EQ(back[1][9], Value::Varchar(""));
  EXPECT_EQ(back[0][13], rows[0][13]);
}

}  // namespace
}  // namespace basin::formats::csv
