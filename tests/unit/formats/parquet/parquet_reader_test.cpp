// The reader on files built by hand from the spec: layouts DuckDB does not write (legacy
// two-level lists, Hadoop-framed LZ4, DELTA_BYTE_ARRAY, RLE booleans, INT96, BIT_PACKED levels,
// legacy converted types, FLOAT16, UUID, decimals in byte arrays).
#include "formats/parquet/parquet_reader.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "formats/parquet/compression.hpp"
#include "parquet_test_files.hpp"

namespace basin::formats::parquet {
namespace {

using namespace testing;  // NOLINT: the test file helpers

std::string Levels(const std::vector<uint32_t>& rep, int rep_width,
                   const std::vector<uint32_t>& def, int def_width) {
  std::string out;
  if (!rep.empty()) out += V1Levels(rep, rep_width);
  if (!def.empty()) out += V1Levels(def, def_width);
  return out;
}

TEST(ParquetReaderTest, DictionaryPagesAndNulls) {
  ParquetFileBuilder builder({Root(2), Leaf("id", Type::kInt32, kRequired),
                              Leaf("s", Type::kByteArray, kOptional, ConvertedType::kUtf8)});
  std::string dictionary = PlainStrings({"x", "yy", "zzz"});
  std::string page1 = V1Levels({1, 0, 1}, 1) + std::string(1, '\x02') + BitPackedRun({2, 0}, 2);
  std::string page2 = V1Levels({1, 1}, 1) + std::string(1, '\x02') + RleRuns({1, 1}, 2);
  builder.AddRowGroup(
      5, {{Type::kInt32, 5, SimplePage(5, Encoding::kPlain, Plain<int32_t>({1, 2, 3, 4, 5}))},
          {Type::kByteArray, 5,
           Page(DictionaryPage(3, dictionary.size()), dictionary) +
               SimplePage(3, Encoding::kRleDictionary, page1) +
               SimplePage(2, Encoding::kPlainDictionary, page2)}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(reader->schema()[1].type.ToString(), "string");
  EXPECT_EQ(ReadAllRows(*reader),
            (std::vector<std::string>{"1 | zzz", "2 | NULL", "3 | x", "4 | yy", "5 | yy"}));
}

TEST(ParquetReaderTest, LegacyListsAndBareRepeatedFields) {
  ParquetFileBuilder builder(
      {Root(4),
       // optional group a (LIST) { repeated int32 element; }
       Group("a", 1, kOptional, ConvertedType::kList), Leaf("element", Type::kInt32, kRepeated),
       // required group b (LIST) { repeated group array { required str } }
       Group("b", 1, kRequired, ConvertedType::kList), Group("array", 1, kRepeated),
       Leaf("str", Type::kByteArray, kRequired, ConvertedType::kUtf8),
       // repeated int64 nums (no annotation)
       Leaf("nums", Type::kInt64, kRepeated),
       // optional group m (MAP) { repeated group key_value { key; value } }
       Group("m", 1, kOptional, ConvertedType::kMap),
       Group("key_value", 2, kRepeated, ConvertedType::kMapKeyValue),
       Leaf("key", Type::kByteArray, kRequired, ConvertedType::kUtf8),
       Leaf("value", Type::kInt32, kOptional)});
  // Rows: a = [1, 2], NULL, [], [3]; b = [{x}], [], [{y}, {z}], []; nums = [10], [], [20, 30],
  // [40]; m = {k=1}, NULL, {}, {p=NULL, q=2}.
  builder.AddRowGroup(
      4,
      {{Type::kInt32, 5,
        SimplePage(5, Encoding::kPlain,
                   Levels({0, 1, 0, 0, 0}, 1, {2, 2, 0, 1, 2}, 2) + Plain<int32_t>({1, 2, 3}))},
       {Type::kByteArray, 5,
        SimplePage(5, Encoding::kPlain,
                   Levels({0, 0, 0, 1, 0}, 1, {1, 0, 1, 1, 0}, 1) + PlainStrings({"x", "y", "z"}))},
       {Type::kInt64, 5,
        SimplePage(
            5, Encoding::kPlain,
            Levels({0, 0, 0, 1, 0}, 1, {1, 0, 1, 1, 1}, 1) + Plain<int64_t>({10, 20, 30, 40}))},
       {Type::kByteArray, 5,
        SimplePage(5, Encoding::kPlain,
                   Levels({0, 0, 0, 0, 1}, 1, {2, 0, 1, 2, 2}, 2) + PlainStrings({"k", "p", "q"}))},
       {Type::kInt32, 5,
        SimplePage(5, Encoding::kPlain,
                   Levels({0, 0, 0, 0, 1}, 1, {3, 0, 1, 2, 3}, 2) + Plain<int32_t>({1, 2}))}});
  auto reader = OpenBytes(builder.Finish());
  const auto& schema = reader->schema();
  EXPECT_EQ(schema[0].type.ToString(), "array<int>");
  EXPECT_EQ(schema[1].type.ToString(), "array<struct<str:string>>");
  EXPECT_EQ(schema[2].type.ToString(), "array<bigint>");
  EXPECT_FALSE(schema[2].nullable);
  EXPECT_EQ(schema[3].type.ToString(), "map<string,int>");
  EXPECT_EQ(ReadAllRows(*reader), (std::vector<std::string>{
                                      "[1, 2] | [{str=x}] | [10] | {k=1}",
                                      "NULL | [] | [] | NULL",
                                      "[] | [{str=y}, {str=z}] | [20, 30] | {}",
                                      "[3] | [] | [40] | {p=NULL, q=2}",
                                  }));
}

TEST(ParquetReaderTest, ThreeLevelListsWithTupleNamesAndNesting) {
  LogicalTypeAnnotation list;
  list.kind = LogicalTypeAnnotation::Kind::kList;
  SchemaElement outer = Group("c", 1, kOptional);
  outer.logical_type = list;
  ParquetFileBuilder builder({Root(2), outer, Group("list", 1, kRepeated),
                              Leaf("element", Type::kInt32, kOptional),
                              // optional group t (LIST) { repeated group t_tuple { int32 x } }
                              Group("t", 1, kOptional, ConvertedType::kList),
                              Group("t_tuple", 1, kRepeated), Leaf("x", Type::kInt32, kRequired)});
  // c: [5, NULL], NULL, [], [6]   (def: 0 null list, 1 empty, 2 null element, 3 value)
  // t: [{x=1}], [], NULL, [{x=2}, {x=3}]
  builder.AddRowGroup(
      4,
      {{Type::kInt32, 5,
        SimplePage(5, Encoding::kPlain,
                   Levels({0, 1, 0, 0, 0}, 1, {3, 2, 0, 1, 3}, 2) + Plain<int32_t>({5, 6}))},
       {Type::kInt32, 5,
        SimplePage(5, Encoding::kPlain,
                   Levels({0, 0, 0, 0, 1}, 1, {2, 1, 0, 2, 2}, 2) + Plain<int32_t>({1, 2, 3}))}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(reader->schema()[1].type.ToString(), "array<struct<x:int>>");
  EXPECT_EQ(ReadAllRows(*reader), (std::vector<std::string>{"[5, NULL] | [{x=1}]", "NULL | []",
                                                            "[] | NULL", "[6] | [{x=2}, {x=3}]"}));
}

TEST(ParquetReaderTest, HadoopFramedAndRawLz4Pages) {
  std::vector<int32_t> values;
  for (int i = 0; i < 1000; ++i) values.push_back(i * 7 % 13);
  std::string body = Plain(values);
  // Hadoop framing, two blocks: [BE uncompressed size][BE compressed size][LZ4 block] each.
  std::string framed;
  for (auto part : {body.substr(0, 1500), body.substr(1500)}) {
    std::string block = Compress(CompressionCodec::kLz4Raw, part);
    for (uint32_t v : {static_cast<uint32_t>(part.size()), static_cast<uint32_t>(block.size())}) {
      for (int shift = 24; shift >= 0; shift -= 8) framed.push_back(static_cast<char>(v >> shift));
    }
    framed += block;
  }
  std::string raw = Compress(CompressionCodec::kLz4Raw, body);
  ParquetFileBuilder builder({Root(1), Leaf("v", Type::kInt32, kRequired)});
  builder.AddRowGroup(1000,
                      {{Type::kInt32, 1000,
                        Page(DataPage(1000, Encoding::kPlain, framed.size(), body.size()), framed),
                        CompressionCodec::kLz4}});
  builder.AddRowGroup(1000, {{Type::kInt32, 1000,
                              Page(DataPage(1000, Encoding::kPlain, raw.size(), body.size()), raw),
                              CompressionCodec::kLz4}});
  auto reader = OpenBytes(builder.Finish());
  auto rows = ReadAllRows(*reader);
  ASSERT_EQ(rows.size(), 2000u);
  for (int i = 0; i < 2000; ++i) EXPECT_EQ(rows[i], std::to_string(i % 1000 * 7 % 13)) << i;
}

TEST(ParquetReaderTest, DeltaByteArrayAndDeltaLengthByteArray) {
  std::string prefixes = DeltaBinaryPacked({0, 2, 0, 3, 0});
  std::string suffix_lengths = DeltaBinaryPacked({4, 2, 6, 5, 0});
  std::string delta = prefixes + suffix_lengths + "axislebabbleyhood";
  std::string lengths = DeltaBinaryPacked({3, 0, 5});
  std::string delta_length = lengths + "onethree";
  ParquetFileBuilder builder({Root(2), Leaf("s", Type::kByteArray, kOptional, ConvertedType::kUtf8),
                              Leaf("b", Type::kByteArray, kOptional)});
  builder.AddRowGroup(
      6, {{Type::kByteArray, 6,
           SimplePage(6, Encoding::kDeltaByteArray, V1Levels({1, 1, 0, 1, 1, 1}, 1) + delta)},
          {Type::kByteArray, 6,
           SimplePage(6, Encoding::kDeltaLengthByteArray,
                      V1Levels({1, 0, 1, 0, 0, 1}, 1) + delta_length)}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(ReadAllRows(*reader),
            (std::vector<std::string>{"axis | 6f 6e 65", "axle | NULL", "NULL | ", "babble | NULL",
                                      "babyhood | NULL", " | 74 68 72 65 65"}));
}

TEST(ParquetReaderTest, DataPageV2WithRleBooleansAndUncompressedValues) {
  // Codec SNAPPY, but the page says its values are not compressed.
  std::string def = RleRuns({1, 1, 0, 1, 1}, 1);
  std::string runs = BitPackedRun({1, 0, 1, 1}, 1);
  std::string values;
  AppendLe32(values, static_cast<uint32_t>(runs.size()));
  values += runs;
  PageHeader header;
  header.type = PageType::kDataPageV2;
  header.compressed_page_size = static_cast<int32_t>(def.size() + values.size());
  header.uncompressed_page_size = header.compressed_page_size;
  DataPageHeaderV2 v2;
  v2.num_values = 5;
  v2.num_nulls = 1;
  v2.num_rows = 5;
  v2.encoding = Encoding::kRle;
  v2.definition_levels_byte_length = static_cast<int32_t>(def.size());
  v2.repetition_levels_byte_length = 0;
  v2.is_compressed = false;
  header.data_page_header_v2 = v2;
  ParquetFileBuilder builder({Root(1), Leaf("flag", Type::kBoolean, kOptional)});
  builder.AddRowGroup(5,
                      {{Type::kBoolean, 5, Page(header, def + values), CompressionCodec::kSnappy}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(ReadAllRows(*reader),
            (std::vector<std::string>{"true", "false", "NULL", "true", "true"}));
}

TEST(ParquetReaderTest, StringsOutliveTheReaderAndLaterRowGroups) {
  // V2 pages whose values are stored uncompressed inside a SNAPPY chunk, and a PLAIN
  // uncompressed chunk: the strings must stay valid after other row groups are read and after
  // the reader is gone.
  auto v2_page = [](const std::vector<std::string>& strings) {
    std::string values = PlainStrings(strings);
    PageHeader header;
    header.type = PageType::kDataPageV2;
    header.compressed_page_size = header.uncompressed_page_size =
        static_cast<int32_t>(values.size());
    DataPageHeaderV2 v2;
    v2.num_values = v2.num_rows = static_cast<int32_t>(strings.size());
    v2.is_compressed = false;
    header.data_page_header_v2 = v2;
    return Page(header, values);
  };
  ParquetFileBuilder builder({Root(2), Leaf("a", Type::kByteArray, kRequired, ConvertedType::kUtf8),
                              Leaf("b", Type::kByteArray, kRequired)});
  builder.AddRowGroup(
      2, {{Type::kByteArray, 2, v2_page({"first", "group"}), CompressionCodec::kSnappy},
          {Type::kByteArray, 2, SimplePage(2, Encoding::kPlain, PlainStrings({"p", "q"}))}});
  builder.AddRowGroup(
      2, {{Type::kByteArray, 2, v2_page({"XXXXX", "YYYYY"}), CompressionCodec::kSnappy},
          {Type::kByteArray, 2, SimplePage(2, Encoding::kPlain, PlainStrings({"r", "s"}))}});
  // One column per read: the single task runs on this thread, as does the next read, so a
  // reused buffer would be overwritten.
  columnar::DataChunk first, second, third, fourth;
  {
    auto reader = OpenBytes(builder.Finish());
    reader->ReadRowGroup(0, {0}, first);
    reader->ReadRowGroup(1, {0}, second);
    reader->ReadRowGroup(0, {1}, third);
    reader->ReadRowGroup(1, {1}, fourth);
  }
  EXPECT_EQ(first.column(0).GetValue(0).ToString(), "first");
  EXPECT_EQ(first.column(0).GetValue(1).ToString(), "group");
  EXPECT_EQ(second.column(0).GetValue(1).ToString(), "YYYYY");
  EXPECT_EQ(third.column(0).GetValue(1).ToString(), "71");
  EXPECT_EQ(fourth.column(0).GetValue(0).ToString(), "72");
}

TEST(ParquetReaderTest, EmptyPagesInNestedColumns) {
  // A struct's required field (levels kept, maximum 0) with an empty page first (found by
  // fuzzing: zero levels must not touch a null buffer).
  ParquetFileBuilder builder(
      {Root(1), Group("st", 1, kRequired), Leaf("x", Type::kInt32, kRequired)});
  builder.AddRowGroup(2, {{Type::kInt32, 2,
                           SimplePage(0, Encoding::kPlain, "") +
                               SimplePage(2, Encoding::kPlain, Plain<int32_t>({7, 8}))}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(ReadAllRows(*reader), (std::vector<std::string>{"{x=7}", "{x=8}"}));
}

TEST(ParquetReaderTest, Int96Timestamps) {
  auto int96 = [](int64_t nanos, int32_t julian_day) {
    std::string out(12, '\0');
    std::memcpy(out.data(), &nanos, 8);
    std::memcpy(out.data() + 8, &julian_day, 4);
    return out;
  };
  std::string body = int96(11045123456789LL, 2458851) +  // 2020-01-02 03:04:05.123456789
                     int96(86399999999500LL, 2440587);   // 1969-12-31 23:59:59.9999995
  ParquetFileBuilder builder({Root(1), Leaf("t", Type::kInt96, kRequired)});
  builder.AddRowGroup(2, {{Type::kInt96, 2, SimplePage(2, Encoding::kPlain, body)}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(reader->schema()[0].type.ToString(), "timestamp");
  EXPECT_EQ(ReadAllRows(*reader),
            (std::vector<std::string>{"2020-01-02 03:04:05.123456", "1969-12-31 23:59:59.999999"}));
}

TEST(ParquetReaderTest, AnnotatedFixedAndByteArrays) {
  LogicalTypeAnnotation float16;
  float16.kind = LogicalTypeAnnotation::Kind::kFloat16;
  LogicalTypeAnnotation uuid;
  uuid.kind = LogicalTypeAnnotation::Kind::kUuid;
  SchemaElement half = Leaf("h", Type::kFixedLenByteArray, kRequired);
  half.type_length = 2;
  half.logical_type = float16;
  SchemaElement id = Leaf("u", Type::kFixedLenByteArray, kRequired);
  id.type_length = 16;
  id.logical_type = uuid;
  SchemaElement price = Leaf("p", Type::kByteArray, kRequired, ConvertedType::kDecimal);
  price.precision = 5;
  price.scale = 2;
  SchemaElement wide = Leaf("w", Type::kFixedLenByteArray, kRequired, ConvertedType::kDecimal);
  wide.type_length = 17;  // one byte of sign extension beyond 16
  wide.precision = 38;
  wide.scale = 0;
  ParquetFileBuilder builder({Root(4), half, id, price, wide});
  std::string halves("\x00\x3c\x00\xc1\xff\x7b", 6);  // 1.0, -2.5, 65504
  std::string uuids;
  for (int row = 0; row < 3; ++row) {
    for (int i = 0; i < 16; ++i) uuids.push_back(static_cast<char>(row * 16 + i));
  }
  std::string prices = PlainStrings({std::string("\x30\x39", 2), "\xff", std::string(1, '\0')});
  std::string wides =
      std::string(17, '\xff') + std::string(1, '\0') + std::string(15, '\0') + "\x01" +
      std::string(1, '\0') +
      std::string("\x4b\x3b\x4c\xa8\x5a\x86\xc4\x7a\x09\x8a\x22\x3f\xff\xff\xff\xff", 16);
  builder.AddRowGroup(3, {{Type::kFixedLenByteArray, 3, SimplePage(3, Encoding::kPlain, halves)},
                          {Type::kFixedLenByteArray, 3, SimplePage(3, Encoding::kPlain, uuids)},
                          {Type::kByteArray, 3, SimplePage(3, Encoding::kPlain, prices)},
                          {Type::kFixedLenByteArray, 3, SimplePage(3, Encoding::kPlain, wides)}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(reader->schema()[0].type.ToString(), "float");
  EXPECT_EQ(reader->schema()[1].type.ToString(), "string");
  EXPECT_EQ(reader->schema()[2].type.ToString(), "decimal(5,2)");
  EXPECT_EQ(reader->schema()[3].type.ToString(), "decimal(38,0)");
  auto rows = ReadAllRows(*reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], "1 | 00010203-0405-0607-0809-0a0b0c0d0e0f | 123.45 | -1");
  EXPECT_EQ(rows[1], "-2.5 | 10111213-1415-1617-1819-1a1b1c1d1e1f | -0.01 | 1");
  EXPECT_EQ(rows[2],
            "65504 | 20212223-2425-2627-2829-2a2b2c2d2e2f | 0.00 | "
            "99999999999999999999999999999999999999");
}

TEST(ParquetReaderTest, LegacyConvertedTypes) {
  SchemaElement ts = Leaf("ts", Type::kInt64, kRequired, ConvertedType::kTimestampMillis);
  SchemaElement tm = Leaf("tm", Type::kInt32, kRequired, ConvertedType::kTimeMillis);
  SchemaElement dt = Leaf("dt", Type::kInt32, kRequired, ConvertedType::kDate);
  SchemaElement i8 = Leaf("i8", Type::kInt32, kRequired, ConvertedType::kInt8);
  SchemaElement u64 = Leaf("u64", Type::kInt64, kRequired, ConvertedType::kUint64);
  SchemaElement u32 = Leaf("u32", Type::kInt32, kRequired, ConvertedType::kUint32);
  SchemaElement d = Leaf("d", Type::kInt64, kRequired, ConvertedType::kDecimal);
  d.precision = 12;
  d.scale = 3;
  ParquetFileBuilder builder({Root(7), ts, tm, dt, i8, u64, u32, d});
  builder.AddRowGroup(
      2, {{Type::kInt64, 2, SimplePage(2, Encoding::kPlain, Plain<int64_t>({1577934245123LL, -1}))},
          {Type::kInt32, 2, SimplePage(2, Encoding::kPlain, Plain<int32_t>({3723004, 0}))},
          {Type::kInt32, 2, SimplePage(2, Encoding::kPlain, Plain<int32_t>({18263, -1}))},
          {Type::kInt32, 2, SimplePage(2, Encoding::kPlain, Plain<int32_t>({-128, 127}))},
          {Type::kInt64, 2, SimplePage(2, Encoding::kPlain, Plain<int64_t>({-1, 5}))},
          {Type::kInt32, 2, SimplePage(2, Encoding::kPlain, Plain<int32_t>({-1, 7}))},
          {Type::kInt64, 2, SimplePage(2, Encoding::kPlain, Plain<int64_t>({-123456, 1}))}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(reader->schema()[3].type.ToString(), "tinyint");
  EXPECT_EQ(reader->schema()[4].type.ToString(), "decimal(20,0)");
  EXPECT_EQ(reader->schema()[5].type.ToString(), "bigint");
  EXPECT_EQ(ReadAllRows(*reader),
            (std::vector<std::string>{
                "2020-01-02 03:04:05.123 | 01:02:03.004 | 2020-01-02 | -128 | "
                "18446744073709551615 | 4294967295 | -123.456",
                "1969-12-31 23:59:59.999 | 00:00:00 | 1969-12-31 | 127 | 5 | 7 | 0.001"}));
}

TEST(ParquetReaderTest, BitPackedLevelsAndByteStreamSplit) {
  // Definition levels 1 0 1 1 0 1 1 1 in the deprecated BIT_PACKED encoding: MSB first.
  PageHeader header = DataPage(8, Encoding::kPlain, 0, 0);
  header.data_page_header->definition_level_encoding = Encoding::kBitPacked;
  std::string body = std::string(1, '\xb7') + Plain<int32_t>({4, 5, 6, 7, 8, 9});
  header.compressed_page_size = header.uncompressed_page_size = static_cast<int32_t>(body.size());
  // BYTE_STREAM_SPLIT doubles: byte k of every value, then byte k+1 …
  std::vector<double> doubles = {1.5, -2.25, 1e300};
  std::string split(24, '\0');
  for (size_t i = 0; i < 3; ++i) {
    for (size_t k = 0; k < 8; ++k) split[k * 3 + i] = reinterpret_cast<const char*>(&doubles[i])[k];
  }
  ParquetFileBuilder builder(
      {Root(2), Leaf("v", Type::kInt32, kOptional), Leaf("d", Type::kDouble, kOptional)});
  builder.AddRowGroup(
      8,
      {{Type::kInt32, 8, Page(header, body)},
       {Type::kDouble, 8,
        SimplePage(8, Encoding::kByteStreamSplit, V1Levels({0, 0, 1, 0, 1, 0, 0, 1}, 1) + split)}});
  auto reader = OpenBytes(builder.Finish());
  EXPECT_EQ(ReadAllRows(*reader),
            (std::vector<std::string>{"4 | NULL", "NULL | NULL", "5 | 1.5", "6 | NULL",
                                      "NULL | -2.25", "7 | NULL", "8 | NULL", "9 | 1e+300"}));
}

TEST(ParquetReaderTest, InvalidUtf8NamesFileColumnAndRow) {
  ParquetFileBuilder builder(
      {Root(1), Leaf("s", Type::kByteArray, kOptional, ConvertedType::kUtf8)});
  builder.AddRowGroup(
      3,
      {{Type::kByteArray, 3,
        SimplePage(3, Encoding::kPlain, V1Levels({1, 1, 1}, 1) + PlainStrings({"a", "b", "c"}))}});
  builder.AddRowGroup(3,
                      {{Type::kByteArray, 3,
                        SimplePage(3, Encoding::kPlain,
                                   V1Levels({1, 0, 1}, 1) + PlainStrings({"fine", "\xc3\x28"}))}});
  auto reader = OpenBytes(builder.Finish(), "bad_text.parquet");
  try {
    ReadAllRows(*reader);
    FAIL() << "invalid UTF-8 was accepted";
  } catch (const Error& error) {
    std::string message = error.what();
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
    EXPECT_NE(message.find("bad_text.parquet"), std::string::npos) << message;
    EXPECT_NE(message.find("column 's'"), std::string::npos) << message;
    EXPECT_NE(message.find("row 5 "), std::string::npos) << message;
    EXPECT_NE(message.find("byte offset"), std::string::npos) << message;
  }
  // The same bytes as BINARY are fine.
  ParquetFileBuilder binary({Root(1), Leaf("s", Type::kByteArray, kOptional)});
  binary.AddRowGroup(
      1, {{Type::kByteArray, 1,
           SimplePage(1, Encoding::kPlain, V1Levels({1}, 1) + PlainStrings({"\xc3\x28"}))}});
  auto ok = OpenBytes(binary.Finish());
  EXPECT_EQ(ReadAllRows(*ok), (std::vector<std::string>{"c3 28"}));
}

TEST(ParquetReaderTest, ColumnChunksDecodeIntoChunksOfTheRowGroupSize) {
  // Many pages in one chunk, read through the FileReader interface with a projection.
  std::vector<int64_t> all;
  std::string pages;
  for (int page = 0; page < 20; ++page) {
    std::vector<int64_t> values;
    for (int i = 0; i < 500; ++i) values.push_back(static_cast<int64_t>(page) * 1000003 * i - 77);
    all.insert(all.end(), values.begin(), values.end());
    pages += SimplePage(500, Encoding::kDeltaBinaryPacked, DeltaBinaryPacked(values));
  }
  ParquetFileBuilder builder(
      {Root(2), Leaf("a", Type::kInt64, kRequired), Leaf("b", Type::kInt32, kRequired)});
  std::vector<int32_t> b(10000, 3);
  builder.AddRowGroup(10000,
                      {{Type::kInt64, 10000, pages},
                       {Type::kInt32, 10000, SimplePage(10000, Encoding::kPlain, Plain(b))}});
  ParquetScan scan(OpenBytes(builder.Finish()), {0});
  columnar::DataChunk chunk;
  ASSERT_TRUE(scan.Next(chunk));
  ASSERT_EQ(chunk.size(), 10000u);
  ASSERT_EQ(chunk.column_count(), 1u);
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(chunk.column(0).data<int64_t>()[i], all[i]);
  EXPECT_FALSE(scan.Next(chunk));
}

}  // namespace
}  // namespace basin::formats::parquet
