#include "formats/json/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "formats/json/json_reader.hpp"
#include "json_test_util.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"

namespace basin::formats::json {
namespace {

using testing::ExpectError;
using types::LogicalType;
using types::Value;

class JsonWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("basin_json_writer_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string PathOf(const std::string& name) const { return (dir_ / name).string(); }

  static std::string Contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
};

// Every Basin type, nested ones included.
types::Schema AllTypes() {
  LogicalType map_by_name = LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer());
  LogicalType map_by_id = LogicalType::Map(LogicalType::Integer(), LogicalType::Varchar());
  return types::Schema({
      {"b", LogicalType::Boolean()},
      {"i8", LogicalType::TinyInt()},
      {"i16", LogicalType::SmallInt()},
      {"i32", LogicalType::Integer()},
      {"i64", LogicalType::BigInt()},
      {"f", LogicalType::Float()},
      {"d", LogicalType::Double()},
      {"dec", LogicalType::Decimal(10, 2)},
      {"wide", LogicalType::Decimal(38, 10)},
      {"s", LogicalType::Varchar()},
      {"bin", LogicalType::Binary()},
      {"date", LogicalType::Date()},
      {"time", LogicalType::Time()},
      {"ts", LogicalType::Timestamp()},
      {"l", LogicalType::List(LogicalType::Integer())},
      {"st", LogicalType::Struct({{"x", LogicalType::Integer()}, {"y", LogicalType::Varchar()}})},
      {"m1", map_by_name},
      {"m2", map_by_id},
      {"deep", LogicalType::List(LogicalType::Struct(
                   {{"tags", LogicalType::List(LogicalType::Varchar())}, {"m", map_by_name}}))},
  });
}

Value MapOf(const LogicalType& type, std::vector<std::pair<Value, Value>> entries) {
  std::vector<Value> values;
  for (auto& [key, value] : entries) {
    values.push_back(Value::Nested(type.MapEntryType(), {key, value}));
  }
  return Value::Nested(type, std::move(values));
}

// Three rows: ordinary values, all NULL, and edge values.
columnar::DataChunk AllTypesChunk() {
  types::Schema schema = AllTypes();
  columnar::DataChunk chunk(schema);
  auto type = [&](const char* name) { return schema[*schema.Find(name)].type; };
  int32_t day = types::DaysFromCivil(2024, 3, 7);
  int64_t time = (12 * 3600 + 34 * 60 + 56) * types::kMicrosPerSecond + 500000;
  types::int128_t wide = types::int128_t{1234567890123456789} * 100000000000LL + 123456789;
  LogicalType st = type("st");
  LogicalType deep_element = type("deep").element();
  std::vector<std::vector<Value>> rows = {
      {Value::Boolean(true), Value::Integer(LogicalType::TinyInt(), -5),
       Value::Integer(LogicalType::SmallInt(), 300), Value::Int(123),
       Value::BigInt(-9007199254740993), Value::Float(1.5f), Value::Double(0.1),
       Value::Decimal(type("dec"), 1250), Value::Decimal(type("wide"), wide),
       Value::Varchar("a\"b\n\\ \x01 caf\xC3\xA9"),
       Value::Binary(std::string("\x00\xFF"
                                 "A\\",
                                 4)),
       Value::Date(day), Value::Integer(LogicalType::Time(), time),
       Value::Timestamp(int64_t{day} * types::kMicrosPerDay + time),
       Value::Nested(type("l"),
                     {Value::Int(1), Value::Null(LogicalType::Integer()), Value::Int(3)}),
       Value::Nested(st, {Value::Int(1), Value::Varchar("z")}),
       MapOf(type("m1"), {{Value::Varchar("k"), Value::Int(1)},
                          {Value::Varchar("n"), Value::Null(LogicalType::Integer())}}),
       MapOf(type("m2"), {{Value::Int(1), Value::Varchar("v")}}),
       Value::Nested(type("deep"),
                     {Value::Nested(deep_element,
                                    {Value::Nested(LogicalType::List(LogicalType::Varchar()),
                                                   {Value::Varchar("t")}),
                                     MapOf(type("m1"), {{Value::Varchar("q"), Value::Int(2)}})}),
                      Value::Null(deep_element)})},
      {},
      {Value::Boolean(false), Value::Integer(LogicalType::TinyInt(), -128),
       Value::Integer(LogicalType::SmallInt(), -32768),
       Value::Int(std::numeric_limits<int32_t>::max()),
       Value::BigInt(std::numeric_limits<int64_t>::min()),
       Value::Float(std::numeric_limits<float>::infinity()), Value::Double(std::nan("")),
       Value::Decimal(type("dec"), -5), Value::Decimal(type("wide"), -types::PowerOfTen(37) + 1),
       Value::Varchar(""), Value::Binary(""), Value::Date(-719528),
       Value::Integer(LogicalType::Time(), 0), Value::Timestamp(-1), Value::Nested(type("l"), {}),
       Value::Nested(st,
                     {Value::Null(LogicalType::Integer()), Value::Null(LogicalType::Varchar())}),
       MapOf(type("m1"), {}), MapOf(type("m2"), {}), Value::Nested(type("deep"), {})},
  };
  for (const auto& row : rows) {
    for (size_t c = 0; c < schema.size(); ++c) {
      chunk.column(c).Append(row.empty() ? Value::Null(schema[c].type) : row[c]);
    }
  }
  chunk.SetSizeOnly(rows.size());
  return chunk;
}

void WriteFile(const std::string& path, const types::Schema& schema,
               const columnar::DataChunk& chunk,
               JsonLayout layout = JsonLayout::kNewlineDelimited) {
  WriteOptions options;
  options.json.layout = layout;
  auto writer = CreateJsonWriter(path, schema, options);
  writer->Write(chunk);
  writer->Finish();
}

TEST_F(JsonWriterTest, WritesEveryTypeAsDocumented) {
  std::string path = PathOf("all.json");
  WriteFile(path, AllTypes(), AllTypesChunk());
  std::string text = Contents(path);
  std::vector<std::string> lines;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(lines[0],
            "{\"b\":true,\"i8\":-5,\"i16\":300,\"i32\":123,\"i64\":-9007199254740993,\"f\":1.5,"
            "\"d\":0.1,\"dec\":12.50,\"wide\":12345678901234567890.0123456789,"
            "\"s\":\"a\\\"b\\n\\\\ \\u0001 caf\xC3\xA9\",\"bin\":\"\\\\x00\\\\xFFA\\\\x5C\","
            "\"date\":\"2024-03-07\",\"time\":\"12:34:56.5\",\"ts\":\"2024-03-07 12:34:56.5\","
            "\"l\":[1,null,3],\"st\":{\"x\":1,\"y\":\"z\"},\"m1\":{\"k\":1,\"n\":null},"
            "\"m2\":[{\"key\":1,\"value\":\"v\"}],"
            "\"deep\":[{\"tags\":[\"t\"],\"m\":{\"q\":2}},null]}");
  EXPECT_EQ(lines[1],
            "{\"b\":null,\"i8\":null,\"i16\":null,\"i32\":null,\"i64\":null,\"f\":null,\"d\":null,"
            "\"dec\":null,\"wide\":null,\"s\":null,\"bin\":null,\"date\":null,\"time\":null,"
            "\"ts\":null,\"l\":null,\"st\":null,\"m1\":null,\"m2\":null,\"deep\":null}");
  EXPECT_EQ(lines[2],
            "{\"b\":false,\"i8\":-128,\"i16\":-32768,\"i32\":2147483647,"
            "\"i64\":-9223372036854775808,\"f\":\"Infinity\",\"d\":\"NaN\",\"dec\":-0.05,"
            "\"wide\":-999999999999999999999999999.9999999999,\"s\":\"\",\"bin\":\"\","
            "\"date\":\"0000-01-01\",\"time\":\"00:00:00\",\"ts\":\"1969-12-31 23:59:59.999999\","
            "\"l\":[],\"st\":{\"x\":null,\"y\":null},\"m1\":{},\"m2\":[],\"deep\":[]}");
}

TEST_F(JsonWriterTest, EveryTypeRoundTripsThroughBothLayouts) {
  columnar::DataChunk original = AllTypesChunk();
  for (JsonLayout layout : {JsonLayout::kNewlineDelimited, JsonLayout::kArray}) {
    std::string path = PathOf(layout == JsonLayout::kArray ? "all_array.json" : "all.json");
    WriteFile(path, AllTypes(), original, layout);
    ReadOptions options;
    options.json.schema = AllTypes();
    auto reader = OpenJsonReader(path, options);
    columnar::DataChunk chunk;
    ASSERT_TRUE(reader->Next(chunk));
    ASSERT_EQ(chunk.size(), original.size());
    for (size_t c = 0; c < original.column_count(); ++c) {
      for (size_t r = 0; r < original.size(); ++r) {
        EXPECT_EQ(chunk.column(c).GetValue(r), original.column(c).GetValue(r))
            << "column " << AllTypes()[c].name << " row " << r << ": "
            << chunk.column(c).GetValue(r).ToString() << " vs "
            << original.column(c).GetValue(r).ToString();
      }
    }
    EXPECT_FALSE(reader->Next(chunk));
  }
}

TEST_F(JsonWriterTest, InferableTypesRoundTripWithoutASchema) {
  types::Schema schema({
      {"i", LogicalType::BigInt()},
      {"d", LogicalType::Double()},
      {"s", LogicalType::Varchar()},
      {"b", LogicalType::Boolean()},
      {"day", LogicalType::Date()},
      {"ts", LogicalType::Timestamp()},
      {"l", LogicalType::List(LogicalType::List(LogicalType::BigInt()))},
      {"st", LogicalType::Struct({{"a", LogicalType::Double()}, {"b", LogicalType::Varchar()}})},
  });
  columnar::DataChunk chunk(schema);
  for (int i = 0; i < 5000; ++i) {
    chunk.column(0).Append(Value::BigInt(i * 1000003LL));
    chunk.column(1).Append(i % 7 == 0 ? Value::Double(std::nan("")) : Value::Double(i / 3.0));
    chunk.column(2).Append(i % 5 == 0 ? Value::Null(LogicalType::Varchar())
                                      : Value::Varchar("v" + std::to_string(i) + "\t\xE2\x82\xAC"));
    chunk.column(3).Append(Value::Boolean(i % 2 == 0));
    chunk.column(4).Append(Value::Date(i - 2500));
    chunk.column(5).Append(Value::Timestamp(i * 123456789LL));
    chunk.column(6).Append(
        Value::Nested(schema[6].type, {Value::Nested(schema[6].type.element(), {Value::BigInt(i)}),
                                       Value::Nested(schema[6].type.element(), {})}));
    chunk.column(7).Append(
        Value::Nested(schema[7].type, {Value::Double(i + 0.5), Value::Varchar("x")}));
  }
  chunk.SetSizeOnly(5000);
  std::string path = PathOf("inferable.json");
  WriteFile(path, schema, chunk);
  auto reader = OpenJsonReader(path, ReadOptions{});
  EXPECT_EQ(reader->schema(), schema);
  columnar::DataChunk read;
  size_t row = 0;
  while (reader->Next(read)) {
    for (size_t r = 0; r < read.size(); ++r, ++row) {
      for (size_t c = 0; c < schema.size(); ++c) {
        ASSERT_EQ(read.column(c).GetValue(r), chunk.column(c).GetValue(row))
            << schema[c].name << " row " << row;
      }
    }
  }
  EXPECT_EQ(row, 5000u);
}

TEST_F(JsonWriterTest, DatesAndTimesReadLikeTheTypesFormatters) {
  types::Schema schema(
      {{"d", LogicalType::Date()}, {"t", LogicalType::Time()}, {"ts", LogicalType::Timestamp()}});
  columnar::DataChunk chunk(schema);
  std::vector<int64_t> samples = {0,
                                  1,
                                  -1,
                                  999999,
                                  1000000,
                                  86399999999,
                                  -86400000000,
                                  253402300799999999,
                                  -62135596800000000,
                                  -62167219200000001,
                                  253402300800000000,
                                  1709814896123450};
  for (int64_t i = -3000; i < 3000; ++i) samples.push_back(i * 987654321987LL + i);
  for (int64_t micros : samples) {
    int64_t days = micros / types::kMicrosPerDay;
    chunk.column(0).Append(Value::Date(static_cast<int32_t>(days)));
    chunk.column(1).Append(Value::Integer(
        LogicalType::Time(),
        ((micros % types::kMicrosPerDay) + types::kMicrosPerDay) % types::kMicrosPerDay));
    chunk.column(2).Append(Value::Timestamp(micros));
  }
  chunk.SetSizeOnly(samples.size());
  WriteFile(PathOf("times.json"), schema, chunk);
  std::stringstream stream(Contents(PathOf("times.json")));
  size_t row = 0;
  for (std::string line; std::getline(stream, line); ++row) {
    ASSERT_LT(row, samples.size());
    std::string expected = "{\"d\":\"" + chunk.column(0).GetValue(row).ToString() + "\",\"t\":\"" +
                           chunk.column(1).GetValue(row).ToString() + "\",\"ts\":\"" +
                           types::FormatTimestamp(samples[row]) + "\"}";
    ASSERT_EQ(line, expected) << "row " << row;
  }
  EXPECT_EQ(row, samples.size());
}

TEST_F(JsonWriterTest, ArrayLayoutIsOneArray) {
  types::Schema schema({{"a", LogicalType::BigInt()}});
  columnar::DataChunk chunk(schema);
  chunk.column(0).Append(Value::BigInt(1));
  chunk.column(0).Append(Value::BigInt(2));
  chunk.SetSizeOnly(2);
  WriteFile(PathOf("a.json"), schema, chunk, JsonLayout::kArray);
  EXPECT_EQ(Contents(PathOf("a.json")), "[\n{\"a\":1},\n{\"a\":2}\n]\n");
  chunk.Reset();
  WriteFile(PathOf("empty.json"), schema, chunk, JsonLayout::kArray);
  EXPECT_EQ(Contents(PathOf("empty.json")), "[\n]\n");
  EXPECT_EQ(testing::RowsOf(*OpenJsonReader(PathOf("empty.json"), ReadOptions{})).size(), 0u);
  WriteFile(PathOf("empty.ndjson"), schema, chunk);
  EXPECT_EQ(Contents(PathOf("empty.ndjson")), "");
}

TEST_F(JsonWriterTest, EscapesColumnNames) {
  types::Schema schema({{"we\"ird\nname", LogicalType::Integer()}});
  columnar::DataChunk chunk(schema);
  chunk.column(0).Append(Value::Int(1));
  chunk.SetSizeOnly(1);
  WriteFile(PathOf("n.json"), schema, chunk);
  EXPECT_EQ(Contents(PathOf("n.json")), "{\"we\\\"ird\\nname\":1}\n");
  EXPECT_EQ(testing::SchemaOf(*OpenJsonReader(PathOf("n.json"), ReadOptions{})),
            "we\"ird\nname:bigint");
}

TEST_F(JsonWriterTest, PublishesOnlyOnFinish) {
  types::Schema schema({{"a", LogicalType::BigInt()}});
  columnar::DataChunk chunk(schema);
  chunk.column(0).Append(Value::BigInt(1));
  chunk.SetSizeOnly(1);
  std::string path = PathOf("atomic.json");
  {
    auto writer = CreateJsonWriter(path, schema, WriteOptions{});
    writer->Write(chunk);
    EXPECT_FALSE(std::filesystem::exists(path));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  auto writer = CreateJsonWriter(path, schema, WriteOptions{});
  writer->Write(chunk);
  writer->Finish();
  EXPECT_EQ(Contents(path), "{\"a\":1}\n");
}

TEST_F(JsonWriterTest, RejectsWrongChunksAndCompression) {
  types::Schema schema({{"a", LogicalType::BigInt()}});
  auto writer = CreateJsonWriter(PathOf("w.json"), schema, WriteOptions{});
  columnar::DataChunk wrong(types::Schema({{"a", LogicalType::Varchar()}}));
  ExpectError([&] { writer->Write(wrong); }, ErrorCode::kInvalidInput, {"column 'a'"});
  WriteOptions gzip;
  gzip.compression = "gzip";
  ExpectError([&] { CreateJsonWriter(PathOf("g.json"), schema, gzip); }, ErrorCode::kUnsupported,
              {"gzip"});
}

}  // namespace
}  // namespace basin::formats::json
