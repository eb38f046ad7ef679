#include "formats/parquet/parquet_metadata.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace basin::formats::parquet {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

template <typename T>
T RoundTrip(const T& value) {
  ThriftCompactWriter writer;
  value.Write(writer);
  std::string bytes = writer.Release();
  ThriftCompactReader reader(Bytes(bytes), "test");
  T read;
  read.Read(reader);
  EXPECT_EQ(reader.remaining(), 0u);
  return read;
}

// A page header encoded by hand from parquet.thrift's field ids, not by our writer.
TEST(ParquetMetadataTest, ReadsAHandEncodedPageHeader) {
  const std::string bytes(
      "\x15\x00"      // 1: type = DATA_PAGE
      "\x15\xc8\x01"  // 2: uncompressed_page_size = 100
      "\x15\x64"      // 3: compressed_page_size = 50
      "\x2c"          // 5: data_page_header (delta 2, struct)
      "\x15\x14"      //   1: num_values = 10
      "\x15\x10"      //   2: encoding = RLE_DICTIONARY (8)
      "\x15\x06"      //   3: definition_level_encoding = RLE
      "\x15\x06"      //   4: repetition_level_encoding = RLE
      "\x1c"          //   5: statistics
      "\x58\x01\x7f"  //     5: max_value (binary) = "\x7f"
      "\x00"          //   end statistics
      "\x00"          // end data_page_header
      "\x00",         // end page header
      23);
  ThriftCompactReader reader(Bytes(bytes), "test");
  PageHeader header;
  header.Read(reader);
  EXPECT_EQ(header.type, PageType::kDataPage);
  EXPECT_EQ(header.uncompressed_page_size, 100);
  EXPECT_EQ(header.compressed_page_size, 50);
  ASSERT_TRUE(header.data_page_header.has_value());
  EXPECT_EQ(header.data_page_header->num_values, 10);
  EXPECT_EQ(header.data_page_header->encoding, Encoding::kRleDictionary);
  EXPECT_EQ(header.data_page_header->definition_level_encoding, Encoding::kRle);
  ASSERT_TRUE(header.data_page_header->statistics.has_value());
  EXPECT_FALSE(header.data_page_header->statistics->null_count.has_value());
  ASSERT_TRUE(header.data_page_header->statistics->max_value.has_value());
  EXPECT_EQ(*header.data_page_header->statistics->max_value, "\x7f");
}

TEST(ParquetMetadataTest, FileMetaDataRoundTrips) {
  FileMetaData meta;
  meta.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 2;
  SchemaElement price;
  price.name = "price";
  price.type = Type::kFixedLenByteArray;
  price.type_length = 9;
  price.repetition_type = FieldRepetitionType::kOptional;
  price.converted_type = ConvertedType::kDecimal;
  price.scale = 2;
  price.precision = 20;
  price.field_id = 7;
  LogicalTypeAnnotation decimal;
  decimal.kind = LogicalTypeAnnotation::Kind::kDecimal;
  decimal.decimal_precision = 20;
  decimal.decimal_scale = 2;
  price.logical_type = decimal;
  SchemaElement ts;
  ts.name = "ts";
  ts.type = Type::kInt64;
  ts.repetition_type = FieldRepetitionType::kRequired;
  LogicalTypeAnnotation timestamp;
  timestamp.kind = LogicalTypeAnnotation::Kind::kTimestamp;
  timestamp.unit = TimeUnit::kNanos;
  timestamp.is_adjusted_to_utc = true;
  ts.logical_type = timestamp;
  meta.schema = {root, price, ts};
  meta.num_rows = 1234567890123LL;

  RowGroup group;
  group.total_byte_size = 999;
  group.num_rows = meta.num_rows;
  group.file_offset = 4;
  group.total_compressed_size = 500;
  group.ordinal = 0;
  group.sorting_columns = {SortingColumn{1, true, false}};
  ColumnChunk chunk;
  chunk.file_offset = 4;
  ColumnMetaData column;
  column.type = Type::kInt64;
  column.encodings = {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kRle};
  column.path_in_schema = {"ts"};
  column.codec = CompressionCodec::kZstd;
  column.num_values = meta.num_rows;
  column.total_uncompressed_size = 1000;
  column.total_compressed_size = 500;
  column.key_value_metadata = {KeyValue{"k", "v"}, KeyValue{"only_key", std::nullopt}};
  column.data_page_offset = 40;
  column.dictionary_page_offset = 4;
  Statistics stats;
  stats.min_value = std::string("\x01\0\0\0\0\0\0\0", 8);
  stats.max_value = std::string("\xff\0\0\0\0\0\0\0", 8);
  stats.min = stats.min_value;
  stats.null_count = 0;
  stats.distinct_count = 17;
  stats.is_max_value_exact = true;
  column.statistics = stats;
  column.encoding_stats = {PageEncodingStats{PageType::kDictionaryPage, Encoding::kPlain, 1}};
  column.bloom_filter_offset = 900;
  column.bloom_filter_length = 64;
  chunk.meta_data = column;
  chunk.offset_index_offset = 1000;
  chunk.offset_index_length = 20;
  chunk.column_index_offset = 1020;
  chunk.column_index_length = 30;
  group.columns = {chunk, chunk};
  meta.row_groups = {group};
  meta.key_value_metadata = {KeyValue{"writer", "basin"}};
  meta.created_by = "basin version 0.1.0";
  meta.column_orders = {ColumnOrder{true}, ColumnOrder{true}};

  EXPECT_EQ(RoundTrip(meta), meta);
}

TEST(ParquetMetadataTest, EveryLogicalTypeRoundTrips) {
  using Kind = LogicalTypeAnnotation::Kind;
  for (Kind kind : {Kind::kString, Kind::kMap, Kind::kList, Kind::kEnum, Kind::kDecimal,
                    Kind::kDate, Kind::kTime, Kind::kTimestamp, Kind::kInteger, Kind::kUnknown,
                    Kind::kJson, Kind::kBson, Kind::kUuid, Kind::kFloat16}) {
    LogicalTypeAnnotation annotation;
    annotation.kind = kind;
    if (kind == Kind::kDecimal) {
      annotation.decimal_precision = 38;
      annotation.decimal_scale = 10;
    }
    if (kind == Kind::kTime) annotation.unit = TimeUnit::kMillis;
    if (kind == Kind::kInteger) {
      annotation.bit_width = 16;
      annotation.is_signed = false;
    }
    EXPECT_EQ(RoundTrip(annotation), annotation) << static_cast<int>(kind);
  }
  // A union member we do not know is kept as "other" with its field id.
  LogicalTypeAnnotation future;
  future.kind = Kind::kOther;
  future.other_field_id = 16;
  EXPECT_EQ(RoundTrip(future), future);
}

TEST(ParquetMetadataTest, PageHeadersRoundTrip) {
  PageHeader v2;
  v2.type = PageType::kDataPageV2;
  v2.uncompressed_page_size = 1 << 20;
  v2.compressed_page_size = 1 << 19;
  v2.crc = -5;
  DataPageHeaderV2 body;
  body.num_values = 100;
  body.num_nulls = 3;
  body.num_rows = 90;
  body.encoding = Encoding::kDeltaBinaryPacked;
  body.definition_levels_byte_length = 12;
  body.repetition_levels_byte_length = 8;
  body.is_compressed = false;
  v2.data_page_header_v2 = body;
  EXPECT_EQ(RoundTrip(v2), v2);

  PageHeader dictionary;
  dictionary.type = PageType::kDictionaryPage;
  dictionary.dictionary_page_header = DictionaryPageHeader{77, Encoding::kPlain, true};
  EXPECT_EQ(RoundTrip(dictionary), dictionary);
}

TEST(ParquetMetadataTest, MissingRequiredFieldIsCorrupt) {
  ThriftCompactWriter writer;
  writer.BeginStruct();
  writer.I32Field(1, 0);  // type only: both sizes missing
  writer.EndStruct();
  std::string bytes = writer.Release();
  ThriftCompactReader reader(Bytes(bytes), "f.parquet");
  PageHeader header;
  try {
    header.Read(reader);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
    EXPECT_NE(std::string(error.what()).find("PageHeader lacks its required field 2"),
              std::string::npos)
        << error.what();
  }
}

TEST(ParquetMetadataTest, WrongWireTypeIsCorrupt) {
  ThriftCompactWriter writer;
  writer.BeginStruct();
  writer.BinaryField(1, "oops");  // type should be an i32 enum
  writer.EndStruct();
  std::string bytes = writer.Release();
  ThriftCompactReader reader(Bytes(bytes), "f.parquet");
  PageHeader header;
  EXPECT_THROW(header.Read(reader), Error);
}

TEST(ParquetMetadataTest, TruncatedFooterIsCorruptAtEveryLength) {
  FileMetaData meta;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  SchemaElement a;
  a.name = "a";
  a.type = Type::kInt32;
  meta.schema = {root, a};
  meta.row_groups = {RowGroup{}};
  ThriftCompactWriter writer;
  meta.Write(writer);
  std::string bytes = writer.Release();
  for (size_t length = 0; length < bytes.size(); ++length) {
    std::string prefix = bytes.substr(0, length);
    ThriftCompactReader reader(Bytes(prefix), "f.parquet");
    FileMetaData read;
    try {
      read.Read(reader);
      ADD_FAILURE() << "prefix of " << length << " bytes parsed";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
    }
  }
}

}  // namespace
}  // namespace basin::formats::parquet
