// Files from ParquetFileWriter read back through Basin's own Parquet reader: every type
// (nested too), NULL-heavy and NULL-free data, every codec, small and large row groups, pages
// and dictionaries on and off.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "formats/parquet/parquet_reader.hpp"
#include "formats/parquet/parquet_writer.hpp"
#include "unit/formats/parquet/writer_test_data.hpp"

namespace basin::formats::parquet {
namespace {

namespace fs = std::filesystem;
using types::LogicalType;
using types::Schema;
using types::Value;

struct Shape {
  size_t rows = 3000;
  double null_fraction = 0.2;
  size_t chunk_rows = 1000;
  ParquetWriteOptions options;
};

class ParquetWriterRoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("basin-pwriter-roundtrip-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // Writes `rows`, reads them back, and compares every value.
  void RoundTrip(const Schema& schema, const std::vector<std::vector<Value>>& rows,
                 const Shape& shape, const std::string& name) {
    std::string path = (root_ / (name + ".parquet")).string();
    auto writer = ParquetFileWriter::Create(path, schema, shape.options);
    for (const auto& chunk : testing::ToChunks(schema, rows, shape.chunk_rows)) {
      writer->Write(chunk);
    }
    writer->Finish();

    auto reader = OpenParquetReader(path, {});
    ASSERT_EQ(reader->schema().size(), schema.size());
    for (size_t c = 0; c < schema.size(); ++c) {
      EXPECT_EQ(reader->schema()[c].name, schema[c].name);
      EXPECT_EQ(reader->schema()[c].type, schema[c].type) << schema[c].name;
    }
    size_t row = 0;
    columnar::DataChunk chunk;
    while (reader->Next(chunk)) {
      for (size_t r = 0; r < chunk.size(); ++r, ++row) {
        ASSERT_LT(row, rows.size()) << name;
        for (size_t c = 0; c < schema.size(); ++c) {
          Value read = chunk.column(c).GetValue(r);
          const Value& written = rows[row][c];
          // ToString tells -0.0 from 0.0, which == does not.
          ASSERT_TRUE(read == written && read.ToString() == written.ToString())
              << name << " row " << row << " column " << schema[c].name << ": wrote "
              << written.ToString() << ", read " << read.ToString();
        }
      }
    }
    EXPECT_EQ(row, rows.size()) << name;
  }

  fs::path root_;
};

TEST_F(ParquetWriterRoundTripTest, EveryTypeEveryCodec) {
  Schema schema = testing::AllTypesSchema();
  auto rows = testing::RandomRows(schema, 3000, 1, 0.2);
  for (auto codec : {CompressionCodec::kSnappy, CompressionCodec::kZstd, CompressionCodec::kGzip,
                     CompressionCodec::kLz4Raw, CompressionCodec::kUncompressed}) {
    Shape shape;
    shape.options.codec = codec;
    shape.options.row_group_rows = 1100;
    RoundTrip(schema, rows, shape, std::string(CodecName(codec)));
  }
}

TEST_F(ParquetWriterRoundTripTest, NullHeavyAndNullFree) {
  Schema schema = testing::AllTypesSchema();
  Shape shape;
  RoundTrip(schema, testing::RandomRows(schema, 2000, 2, 0.95), shape, "null_heavy");
  RoundTrip(schema, testing::RandomRows(schema, 2000, 3, 0.0), shape, "null_free");
  // Every value NULL (except the NOT NULL id).
  RoundTrip(schema, testing::RandomRows(schema, 500, 4, 1.0), shape, "all_null");
}

TEST_F(ParquetWriterRoundTripTest, RowGroupsPagesAndDictionaries) {
  Schema schema = testing::AllTypesSchema();
  auto rows = testing::RandomRows(schema, 5000, 5, 0.3);
  Shape tiny_groups;
  tiny_groups.options.row_group_rows = 3;
  tiny_groups.chunk_rows = 10;
  RoundTrip(schema, std::vector(rows.begin(), rows.begin() + 200), tiny_groups, "tiny_groups");
  Shape one_group;
  one_group.chunk_rows = 5000;  // more than a slice: the writer cuts it up
  RoundTrip(schema, rows, one_group, "one_group");
  Shape small_pages;
  small_pages.options.page_bytes = 300;
  small_pages.options.dictionary_page_bytes = 2000;
  small_pages.chunk_rows = 37;
  RoundTrip(schema, rows, small_pages, "small_pages");
  Shape plain;
  plain.options.dictionary = false;
  RoundTrip(schema, rows, plain, "plain");
}

TEST_F(ParquetWriterRoundTripTest, LargeColumnsFallBackFromDictionary) {
  // Enough distinct values to pass the 1 MiB dictionary limit within one row group, next to
  // low-cardinality columns that stay dictionary encoded.
  Schema schema({{"id", LogicalType::BigInt(), false},
                 {"word", LogicalType::Varchar()},
                 {"code", LogicalType::Integer()},
                 {"amount", LogicalType::Decimal(38, 2)},
                 {"ratio", LogicalType::Double()}});
  testing::ValueGenerator generator(6, 0.1);
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 200000; ++i) {
    bool null = generator.Chance(0.05);
    rows.push_back(
        {Value::BigInt(i),
         null ? Value::Null(LogicalType::Varchar())
              : Value::Varchar("distinct value number " + std::to_string(i * 7919 % 1000003)),
         Value::Int(static_cast<int32_t>(generator.Next() % 50)),
         Value::Decimal(LogicalType::Decimal(38, 2),
                        static_cast<types::int128_t>(generator.Next()) * 1000),
         Value::Double(static_cast<double>(generator.Next() % 1000) / 8)});
  }
  Shape shape;
  shape.chunk_rows = 2048;
  shape.options.row_group_rows = 150000;
  RoundTrip(schema, rows, shape, "large");

  // The word column fell back to PLAIN within each row group; code kept its dictionary.
  auto reader = ParquetFileReader::Open((root_ / "large.parquet").string());
  ASSERT_EQ(reader->row_group_count(), 2u);
  auto data_pages = [&](size_t column, Encoding encoding) {
    int32_t pages = 0;
    for (const auto& stats :
         reader->metadata().row_groups[0].columns[column].meta_data->encoding_stats) {
      if (stats.page_type == PageType::kDataPage && stats.encoding == encoding)
        pages += stats.count;
    }
    return pages;
  };
  EXPECT_GT(data_pages(1, Encoding::kRleDictionary), 0);
  EXPECT_GT(data_pages(1, Encoding::kPlain), 0);
  EXPECT_GT(data_pages(2, Encoding::kRleDictionary), 0);
  EXPECT_EQ(data_pages(2, Encoding::kPlain), 0);
}

}  // namespace
}  // namespace basin::formats::parquet
