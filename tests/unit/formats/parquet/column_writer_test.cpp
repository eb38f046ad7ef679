#include "formats/parquet/column_writer.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <span>

#include "formats/parquet/parquet_schema_writer.hpp"
#include "formats/parquet/rle_bit_packed.hpp"
#include "formats/parquet/thrift_compact.hpp"

namespace basin::formats::parquet {
namespace {

using columnar::Vector;
using types::LogicalType;
using types::Value;

struct Page {
  PageHeader header;
  std::string body;
};

// Splits a chunk's bytes into pages by reading each header.
std::vector<Page> Pages(std::string_view bytes) {
  std::vector<Page> pages;
  size_t offset = 0;
  while (offset < bytes.size()) {
    std::span<const uint8_t> rest(reinterpret_cast<const uint8_t*>(bytes.data()) + offset,
                                  bytes.size() - offset);
    ThriftCompactReader reader(rest, "test");
    Page page;
    page.header.Read(reader);
    offset += reader.position();
    page.body =
        std::string(bytes.substr(offset, static_cast<size_t>(page.header.compressed_page_size)));
    offset += page.body.size();
    pages.push_back(std::move(page));
  }
  return pages;
}

struct Column {
  WriterLeaf leaf;
  std::unique_ptr<ColumnChunkWriter> writer;
};

Column MakeColumn(const LogicalType& type, ColumnWriterOptions options, bool nullable = true) {
  auto leaves = BuildWriterSchema(types::Schema({{"c", type, nullable}})).leaves;
  Column column{leaves[0], nullptr};
  column.writer = ColumnChunkWriter::Make(column.leaf, options);
  return column;
}

void AppendRows(Column& column, const Vector& vector, size_t slice_rows = 2048) {
  LevelBuilder builder;
  LeafLevels levels;
  for (size_t begin = 0; begin < vector.size(); begin += slice_rows) {
    size_t end = std::min(vector.size(), begin + slice_rows);
    builder.Build(column.leaf, vector, begin, end, 0, levels);
    column.writer->Append(levels);
  }
}

ColumnWriterOptions Uncompressed() {
  ColumnWriterOptions options;
  options.codec = CompressionCodec::kUncompressed;
  return options;
}

TEST(ColumnWriterTest, LowCardinalityColumnUsesTheDictionary) {
  Vector vector(LogicalType::Varchar());
  for (int i = 0; i < 10000; ++i) vector.Append(Value::Varchar(i % 3 == 0 ? "ab" : "xyz"));
  auto column = MakeColumn(LogicalType::Varchar(), Uncompressed());
  AppendRows(column, vector);
  EncodedColumnChunk chunk = column.writer->Finish();

  auto dictionary = Pages(chunk.dictionary_page);
  ASSERT_EQ(dictionary.size(), 1u);
  EXPECT_EQ(dictionary[0].header.type, PageType::kDictionaryPage);
  EXPECT_EQ(dictionary[0].header.dictionary_page_header->num_values, 2);
  EXPECT_EQ(dictionary[0].body, std::string("\x02\0\0\0ab\x03\0\0\0xyz", 13));

  auto pages = Pages(chunk.data_pages);
  ASSERT_EQ(pages.size(), 1u);
  const auto& data = *pages[0].header.data_page_header;
  EXPECT_EQ(data.encoding, Encoding::kRleDictionary);
  EXPECT_EQ(data.num_values, 10000);
  // Definition levels (all 1) take one RLE run; then the bit width and the indices.
  const std::string& body = pages[0].body;
  uint32_t level_bytes;
  std::memcpy(&level_bytes, body.data(), 4);
  size_t indices_at = 4 + level_bytes;
  ASSERT_EQ(body[indices_at], 1);  // two entries need one bit
  std::vector<uint32_t> indices(10000);
  RleBitPackedDecoder decoder(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(body.data()) + indices_at + 1,
                               body.size() - indices_at - 1),
      1);
  decoder.Decode(indices.data(), indices.size());
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(indices[i], i % 3 == 0 ? 0u : 1u) << i;

  const ColumnMetaData& meta = chunk.metadata;
  EXPECT_EQ(meta.type, Type::kByteArray);
  EXPECT_EQ(meta.num_values, 10000);
  EXPECT_EQ(meta.path_in_schema, (std::vector<std::string>{"c"}));
  EXPECT_EQ(meta.dictionary_page_offset, 0);
  EXPECT_EQ(meta.data_page_offset, static_cast<int64_t>(chunk.dictionary_page.size()));
  EXPECT_EQ(meta.total_compressed_size,
            static_cast<int64_t>(chunk.dictionary_page.size() + chunk.data_pages.size()));
  EXPECT_EQ(meta.statistics->min_value, "ab");
  EXPECT_EQ(meta.statistics->max_value, "xyz");
  EXPECT_EQ(meta.statistics->null_count, 0);
}

TEST(ColumnWriterTest, DictionaryFallsBackToPlainWhenItOutgrowsItsLimit) {
  ColumnWriterOptions options = Uncompressed();
  options.dictionary_page_bytes = 4096;
  // Repeating values (the dictionary is worth it on the first page) whose number of distinct
  // values keeps growing past the limit.
  Vector vector(LogicalType::BigInt());
  for (int64_t i = 0; i < 20000; ++i) vector.Append(Value::BigInt(i / 4));
  auto column = MakeColumn(LogicalType::BigInt(), options);
  AppendRows(column, vector, 256);
  EncodedColumnChunk chunk = column.writer->Finish();

  auto dictionary = Pages(chunk.dictionary_page);
  ASSERT_EQ(dictionary.size(), 1u);
  int32_t dictionary_values = dictionary[0].header.dictionary_page_header->num_values;
  // The limit is checked after each slice of 256 rows (64 new values, 512 bytes).
  EXPECT_GT(dictionary_values * 8, 4096);
  EXPECT_LE(dictionary_values * 8, 4096 + 512);

  auto pages = Pages(chunk.data_pages);
  ASSERT_GE(pages.size(), 2u);
  EXPECT_EQ(pages.front().header.data_page_header->encoding, Encoding::kRleDictionary);
  int64_t dictionary_rows = 0;
  bool plain_seen = false;
  for (const auto& page : pages) {
    auto encoding = page.header.data_page_header->encoding;
    if (encoding == Encoding::kRleDictionary) {
      EXPECT_FALSE(plain_seen) << "dictionary pages after the fallback";
      dictionary_rows += page.header.data_page_header->num_values;
    } else {
      EXPECT_EQ(encoding, Encoding::kPlain);
      plain_seen = true;
    }
  }
  EXPECT_TRUE(plain_seen);
  EXPECT_EQ(dictionary_rows, dictionary_values * 4);
  const ColumnMetaData& meta = chunk.metadata;
  EXPECT_EQ(meta.encodings,
            (std::vector<Encoding>{Encoding::kPlain, Encoding::kRleDictionary, Encoding::kRle}));
  int64_t min, max;
  std::memcpy(&min, meta.statistics->min_value->data(), 8);
  std::memcpy(&max, meta.statistics->max_value->data(), 8);
  EXPECT_EQ(min, 0);
  EXPECT_EQ(max, 4999);

  // The next row group starts with a fresh dictionary.
  AppendRows(column, vector, 256);
  EncodedColumnChunk second = column.writer->Finish();
  EXPECT_FALSE(second.dictionary_page.empty());
}

TEST(ColumnWriterTest, DistinctValuesSkipTheDictionaryAfterTheFirstPage) {
  ColumnWriterOptions options = Uncompressed();
  options.page_bytes = 8192;
  Vector vector(LogicalType::BigInt());
  for (int64_t i = 0; i < 50000; ++i) vector.Append(Value::BigInt(i * 7));
  auto column = MakeColumn(LogicalType::BigInt(), options);
  AppendRows(column, vector, 512);
  EncodedColumnChunk chunk = column.writer->Finish();
  auto pages = Pages(chunk.data_pages);
  ASSERT_GE(pages.size(), 2u);
  EXPECT_EQ(pages[0].header.data_page_header->encoding, Encoding::kRleDictionary);
  for (size_t i = 1; i < pages.size(); ++i) {
    EXPECT_EQ(pages[i].header.data_page_header->encoding, Encoding::kPlain);
  }
}

TEST(ColumnWriterTest, PlainPagesWithNullsAndStatistics) {
  ColumnWriterOptions options = Uncompressed();
  options.dictionary = false;
  Vector vector(LogicalType::Integer());
  for (int i = 0; i < 100; ++i) {
    vector.Append(i % 10 == 0 ? Value::Null(LogicalType::Integer()) : Value::Int(50 - i));
  }
  auto column = MakeColumn(LogicalType::Integer(), options);
  AppendRows(column, vector, 30);
  EncodedColumnChunk chunk = column.writer->Finish();
  EXPECT_TRUE(chunk.dictionary_page.empty());
  auto pages = Pages(chunk.data_pages);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].header.data_page_header->encoding, Encoding::kPlain);
  // Levels section, then 90 values of 4 bytes.
  const std::string& body = pages[0].body;
  uint32_t level_bytes;
  std::memcpy(&level_bytes, body.data(), 4);
  ASSERT_EQ(body.size(), 4 + level_bytes + 90 * 4);
  int32_t first;
  std::memcpy(&first, body.data() + 4 + level_bytes, 4);
  EXPECT_EQ(first, 49);
  const auto& stats = *chunk.metadata.statistics;
  EXPECT_EQ(stats.null_count, 10);
  int32_t min, max;
  std::memcpy(&min, stats.min_value->data(), 4);
  std::memcpy(&max, stats.max_value->data(), 4);
  EXPECT_EQ(min, 50 - 99);
  EXPECT_EQ(max, 49);
  EXPECT_EQ(chunk.metadata.encodings, (std::vector<Encoding>{Encoding::kPlain, Encoding::kRle}));
}

TEST(ColumnWriterTest, RequiredFlatColumnHasNoLevels) {
  ColumnWriterOptions options = Uncompressed();
  options.dictionary = false;
  Vector vector(LogicalType::Boolean());
  for (int i = 0; i < 11; ++i) vector.Append(Value::Boolean(i % 3 == 0));
  auto column = MakeColumn(LogicalType::Boolean(), options, false);
  AppendRows(column, vector);
  EncodedColumnChunk chunk = column.writer->Finish();
  auto pages = Pages(chunk.data_pages);
  ASSERT_EQ(pages.size(), 1u);
  // Bits 0, 3, 6, 9 set, least significant first: 0b01001001, 0b00000010.
  EXPECT_EQ(pages[0].body, std::string("\x49\x02", 2));
  EXPECT_EQ(chunk.metadata.encodings, (std::vector<Encoding>{Encoding::kPlain}));
}

TEST(ColumnWriterTest, PagesCloseAtTheirSizeLimit) {
  ColumnWriterOptions options;
  options.page_bytes = 4000;
  options.dictionary = false;
  Vector vector(LogicalType::Double());
  for (int i = 0; i < 5000; ++i) vector.Append(Value::Double(i * 0.5));
  auto column = MakeColumn(LogicalType::Double(), options);
  AppendRows(column, vector, 100);
  EncodedColumnChunk chunk = column.writer->Finish();
  auto pages = Pages(chunk.data_pages);
  // 800 bytes per slice: a page closes once it holds 4000, i.e. every 5 slices.
  EXPECT_EQ(pages.size(), 10u);
  int64_t values = 0;
  for (const auto& page : pages) values += page.header.data_page_header->num_values;
  EXPECT_EQ(values, 5000);
  EXPECT_EQ(chunk.metadata.codec, CompressionCodec::kSnappy);
}

}  // namespace
}  // namespace basin::formats::parquet
