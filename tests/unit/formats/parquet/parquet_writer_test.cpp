#include "formats/parquet/parquet_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "formats/parquet/parquet_schema_writer.hpp"
#include "formats/parquet/thrift_compact.hpp"
#include "unit/formats/parquet/writer_test_data.hpp"

namespace basin::formats::parquet {
namespace {

using types::LogicalType;
using types::Schema;
using types::Value;

class ParquetWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("basin-pwriter-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string Path(const std::string& name) const { return (root_ / name).string(); }

  static std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

  // Checks the file's framing and returns its footer.
  static FileMetaData Footer(const std::string& path) {
    std::string bytes = ReadAll(path);
    EXPECT_GE(bytes.size(), 12u);
    EXPECT_EQ(bytes.substr(0, 4), "PAR1");
    EXPECT_EQ(bytes.substr(bytes.size() - 4), "PAR1");
    uint32_t length;
    std::memcpy(&length, bytes.data() + bytes.size() - 8, 4);
    EXPECT_LE(length + 12u, bytes.size());
    std::span<const uint8_t> footer(
        reinterpret_cast<const uint8_t*>(bytes.data()) + bytes.size() - 8 - length, length);
    ThriftCompactReader reader(footer, path);
    FileMetaData meta;
    meta.Read(reader);
    EXPECT_EQ(reader.position(), length);
    return meta;
  }

  std::filesystem::path root_;
};

Schema SimpleSchema() {
  return Schema({{"id", LogicalType::BigInt(), false}, {"name", LogicalType::Varchar()}});
}

columnar::DataChunk SimpleChunk(int64_t first, size_t rows) {
  columnar::DataChunk chunk(SimpleSchema(), rows);
  for (size_t i = 0; i < rows; ++i) {
    int64_t id = first + static_cast<int64_t>(i);
    chunk.column(0).Append(Value::BigInt(id));
    chunk.column(1).Append(id % 5 == 0 ? Value::Null(LogicalType::Varchar())
                                       : Value::Varchar("name " + std::to_string(id % 13)));
  }
  chunk.SetSizeOnly(rows);
  return chunk;
}

TEST_F(ParquetWriterTest, FooterDescribesRowGroupsAndColumns) {
  ParquetWriteOptions options;
  options.row_group_rows = 1000;
  options.key_value_metadata = {{"origin", "unit test"}, {"empty", ""}};
  auto writer = ParquetFileWriter::Create(Path("t.parquet"), SimpleSchema(), options);
  writer->Write(SimpleChunk(0, 2048));
  writer->Write(SimpleChunk(2048, 452));
  EXPECT_FALSE(std::filesystem::exists(Path("t.parquet")));
  writer->Finish();
  EXPECT_EQ(writer->rows_written(), 2500u);

  FileMetaData meta = Footer(Path("t.parquet"));
  EXPECT_EQ(meta.num_rows, 2500);
  ASSERT_EQ(meta.row_groups.size(), 3u);
  EXPECT_EQ(meta.row_groups[0].num_rows, 1000);
  EXPECT_EQ(meta.row_groups[1].num_rows, 1000);
  EXPECT_EQ(meta.row_groups[2].num_rows, 500);
  EXPECT_EQ(meta.created_by, CreatedBy());
  EXPECT_EQ(meta.created_by->rfind("basin version ", 0), 0u);
  ASSERT_EQ(meta.key_value_metadata.size(), 2u);
  EXPECT_EQ(meta.key_value_metadata[0].key, "origin");
  EXPECT_EQ(meta.key_value_metadata[0].value, "unit test");
  EXPECT_EQ(meta.column_orders.size(), 2u);
  EXPECT_TRUE(meta.column_orders[0].type_defined_order);

  ASSERT_EQ(meta.schema.size(), 3u);
  EXPECT_EQ(meta.schema[0].num_children, 2);
  EXPECT_EQ(meta.schema[1].name, "id");
  EXPECT_EQ(meta.schema[1].repetition_type, FieldRepetitionType::kRequired);
  EXPECT_EQ(meta.schema[2].repetition_type, FieldRepetitionType::kOptional);
  EXPECT_EQ(meta.schema[2].converted_type, ConvertedType::kUtf8);

  // Chunks are back to back after the magic, each starting at its dictionary page.
  int64_t expected_offset = 4;
  for (const auto& group : meta.row_groups) {
    ASSERT_EQ(group.columns.size(), 2u);
    EXPECT_EQ(group.file_offset, expected_offset);
    int64_t compressed = 0;
    for (const auto& column : group.columns) {
      const ColumnMetaData& cm = *column.meta_data;
      EXPECT_EQ(column.file_offset, expected_offset);
      EXPECT_EQ(cm.codec, CompressionCodec::kSnappy);
      EXPECT_EQ(cm.num_values, group.num_rows);
      int64_t start = cm.dictionary_page_offset ? *cm.dictionary_page_offset : cm.data_page_offset;
      EXPECT_EQ(start, expected_offset);
      expected_offset += cm.total_compressed_size;
      compressed += cm.total_compressed_size;
    }
    EXPECT_EQ(group.total_compressed_size, compressed);
  }
  // Statistics of the second row group: ids 1000..1999, 200 NULL names.
  const auto& id_stats = *meta.row_groups[1].columns[0].meta_data->statistics;
  int64_t min, max;
  std::memcpy(&min, id_stats.min_value->data(), 8);
  std::memcpy(&max, id_stats.max_value->data(), 8);
  EXPECT_EQ(min, 1000);
  EXPECT_EQ(max, 1999);
  EXPECT_EQ(id_stats.null_count, 0);
  const auto& name_stats = *meta.row_groups[1].columns[1].meta_data->statistics;
  EXPECT_EQ(name_stats.null_count, 200);
  EXPECT_EQ(name_stats.min_value, "name 0");
  EXPECT_EQ(name_stats.max_value, "name 9");
}

TEST_F(ParquetWriterTest, SchemaOfEveryType) {
  WriterSchema mapped = BuildWriterSchema(testing::AllTypesSchema());
  auto find = [&](const std::string& name) -> const SchemaElement& {
    for (const auto& element : mapped.elements) {
      if (element.name == name) return element;
    }
    ADD_FAILURE() << "no element " << name;
    return mapped.elements[0];
  };
  EXPECT_EQ(find("tiny").type, Type::kInt32);
  EXPECT_EQ(find("tiny").logical_type->bit_width, 8);
  EXPECT_EQ(find("small").converted_type, ConvertedType::kInt16);
  EXPECT_EQ(find("dec9").type, Type::kInt32);
  EXPECT_EQ(find("dec18").type, Type::kInt64);
  EXPECT_EQ(find("dec20").type, Type::kFixedLenByteArray);
  EXPECT_EQ(find("dec20").type_length, 9);
  EXPECT_EQ(find("dec38").type_length, 16);
  EXPECT_EQ(find("dec38").precision, 38);
  EXPECT_EQ(find("dec38").scale, 10);
  EXPECT_EQ(find("dec38").logical_type->decimal_precision, 38);
  EXPECT_EQ(find("bytes").type, Type::kByteArray);
  EXPECT_FALSE(find("bytes").converted_type.has_value());
  EXPECT_EQ(find("day").converted_type, ConvertedType::kDate);
  EXPECT_EQ(find("clock").logical_type->kind, LogicalTypeAnnotation::Kind::kTime);
  EXPECT_FALSE(find("moment").logical_type->is_adjusted_to_utc);
  EXPECT_EQ(find("moment").logical_type->unit, TimeUnit::kMicros);
  EXPECT_EQ(find("moment").converted_type, ConvertedType::kTimestampMicros);
  EXPECT_EQ(find("ints").converted_type, ConvertedType::kList);
  EXPECT_EQ(find("tags").converted_type, ConvertedType::kMap);
  EXPECT_EQ(find("key_value").repetition_type, FieldRepetitionType::kRepeated);
  EXPECT_EQ(find("key").repetition_type, FieldRepetitionType::kRequired);
  EXPECT_EQ(find("record").num_children, 3);
  EXPECT_FALSE(find("record").converted_type.has_value());
  // Every group's num_children covers exactly the elements after it.
  size_t leaves = 0;
  for (const auto& element : mapped.elements) leaves += element.num_children ? 0 : 1;
  EXPECT_EQ(leaves, mapped.leaves.size());
  EXPECT_EQ(DecimalByteWidth(10), 5);
  EXPECT_EQ(DecimalByteWidth(19), 9);
  EXPECT_EQ(DecimalByteWidth(38), 16);
}

TEST_F(ParquetWriterTest, RejectsBadSchemasAndOptions) {
  auto code = [&](auto&& make) {
    try {
      make();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::kInternal;
  };
  EXPECT_EQ(code([&] { ParquetFileWriter::Create(Path("a.parquet"), Schema()); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(code([&] {
              ParquetFileWriter::Create(Path("a.parquet"), Schema({{"A", LogicalType::Integer()},
                                                                   {"a", LogicalType::Integer()}}));
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(
      code([&] {
        ParquetFileWriter::Create(Path("a.parquet"), Schema({{"s", LogicalType::Struct({})}}));
      }),
      ErrorCode::kUnsupported);
  ParquetWriteOptions zero_rows;
  zero_rows.row_group_rows = 0;
  EXPECT_EQ(code([&] { ParquetFileWriter::Create(Path("a.parquet"), SimpleSchema(), zero_rows); }),
            ErrorCode::kInvalidInput);
  ParquetWriteOptions bad_level;
  bad_level.codec = CompressionCodec::kZstd;
  bad_level.compression_level = 99;
  EXPECT_EQ(code([&] { ParquetFileWriter::Create(Path("a.parquet"), SimpleSchema(), bad_level); }),
            ErrorCode::kInvalidInput);
  EXPECT_FALSE(std::filesystem::exists(Path("a.parquet")));
  EXPECT_TRUE(std::filesystem::is_empty(root_));
}

TEST_F(ParquetWriterTest, ParsesCodecNames) {
  EXPECT_EQ(ParseCompressionCodec("SNAPPY"), CompressionCodec::kSnappy);
  EXPECT_EQ(ParseCompressionCodec("Zstd"), CompressionCodec::kZstd);
  EXPECT_EQ(ParseCompressionCodec("gzip"), CompressionCodec::kGzip);
  EXPECT_EQ(ParseCompressionCodec("lz4"), CompressionCodec::kLz4Raw);
  EXPECT_EQ(ParseCompressionCodec("LZ4_RAW"), CompressionCodec::kLz4Raw);
  EXPECT_EQ(ParseCompressionCodec("none"), CompressionCodec::kUncompressed);
  EXPECT_EQ(ParseCompressionCodec("uncompressed"), CompressionCodec::kUncompressed);
  try {
    ParseCompressionCodec("brotli");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("zstd"), std::string::npos);
  }
  WriteOptions options;
  options.compression = "lzo";
  EXPECT_THROW(CreateParquetWriter(Path("x.parquet"), SimpleSchema(), options), Error);
}

TEST_F(ParquetWriterTest, ZstdLevelChangesTheOutput) {
  auto write = [&](const std::string& name, int level) {
    ParquetWriteOptions options;
    options.codec = CompressionCodec::kZstd;
    options.compression_level = level;
    options.dictionary = false;
    auto writer = ParquetFileWriter::Create(Path(name), SimpleSchema(), options);
    for (int i = 0; i < 10; ++i) writer->Write(SimpleChunk(i * 2048, 2048));
    writer->Finish();
    FileMetaData meta = Footer(Path(name));
    EXPECT_EQ(meta.row_groups[0].columns[1].meta_data->codec, CompressionCodec::kZstd);
    return std::filesystem::file_size(Path(name));
  };
  auto fast = write("fast.parquet", 1);
  auto small = write("small.parquet", 19);
  EXPECT_LT(small, fast);
}

TEST_F(ParquetWriterTest, FileWriterInterfaceTakesCodecAndRowGroupSize) {
  WriteOptions options;
  options.compression = "ZSTD";
  options.row_group_rows = 10;
  auto writer = CreateParquetWriter(Path("i.parquet"), SimpleSchema(), options);
  writer->Write(SimpleChunk(0, 25));
  writer->Finish();
  FileMetaData meta = Footer(Path("i.parquet"));
  ASSERT_EQ(meta.row_groups.size(), 3u);
  EXPECT_EQ(meta.row_groups[2].num_rows, 5);
  EXPECT_EQ(meta.row_groups[0].columns[0].meta_data->codec, CompressionCodec::kZstd);

  options.compression = "";  // the default: SNAPPY
  auto plain = CreateParquetWriter(Path("d.parquet"), SimpleSchema(), options);
  plain->Write(SimpleChunk(0, 3));
  plain->Finish();
  EXPECT_EQ(Footer(Path("d.parquet")).row_groups[0].columns[1].meta_data->codec,
            CompressionCodec::kSnappy);
}

TEST_F(ParquetWriterTest, NullInRequiredColumnFailsAndPublishesNothing) {
  auto writer = ParquetFileWriter::Create(Path("n.parquet"), SimpleSchema());
  writer->Write(SimpleChunk(0, 10));
  columnar::DataChunk bad = SimpleChunk(10, 10);
  bad.column(0).SetNull(3);
  try {
    writer->Write(bad);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("row 13"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("id"), std::string::npos) << e.what();
  }
  EXPECT_THROW(writer->Finish(), Error);
  writer.reset();
  EXPECT_TRUE(std::filesystem::is_empty(root_));
}

TEST_F(ParquetWriterTest, ChunkMustMatchTheSchema) {
  auto writer = ParquetFileWriter::Create(Path("m.parquet"), SimpleSchema());
  columnar::DataChunk wrong(
      Schema({{"id", LogicalType::Integer()}, {"name", LogicalType::Varchar()}}));
  try {
    writer->Write(wrong);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("bigint"), std::string::npos) << e.what();
  }
  columnar::DataChunk narrow(Schema({{"id", LogicalType::BigInt()}}));
  EXPECT_THROW(writer->Write(narrow), Error);
  // Rejected chunks leave the writer usable.
  writer->Write(SimpleChunk(0, 5));
  writer->Finish();
  EXPECT_EQ(Footer(Path("m.parquet")).num_rows, 5);
}

TEST_F(ParquetWriterTest, AbandonedWriterLeavesNothing) {
  {
    auto writer = ParquetFileWriter::Create(Path("gone.parquet"), SimpleSchema());
    writer->Write(SimpleChunk(0, 100));
  }
  EXPECT_TRUE(std::filesystem::is_empty(root_));
}

TEST_F(ParquetWriterTest, EmptyFileHasNoRowGroups) {
  auto writer = ParquetFileWriter::Create(Path("empty.parquet"), SimpleSchema());
  writer->Write(columnar::DataChunk(SimpleSchema()));
  writer->Finish();
  FileMetaData meta = Footer(Path("empty.parquet"));
  EXPECT_EQ(meta.num_rows, 0);
  EXPECT_TRUE(meta.row_groups.empty());
  EXPECT_EQ(meta.schema.size(), 3u);
}

TEST_F(ParquetWriterTest, RowGroupByteLimit) {
  ParquetWriteOptions options;
  options.codec = CompressionCodec::kUncompressed;
  options.row_group_bytes = 100000;
  options.dictionary = false;
  auto writer = ParquetFileWriter::Create(Path("b.parquet"), SimpleSchema(), options);
  for (int i = 0; i < 20; ++i) writer->Write(SimpleChunk(i * 2048, 2048));
  writer->Finish();
  FileMetaData meta = Footer(Path("b.parquet"));
  EXPECT_EQ(meta.num_rows, 20 * 2048);
  EXPECT_GT(meta.row_groups.size(), 3u);
  for (const auto& group : meta.row_groups) {
    // A group closes at the first check past the limit (checks come every 32768 rows at most,
    // here after each 2048-row chunk of about 28 KB).
    EXPECT_LT(*group.total_compressed_size, 100000 + 40000);
  }
}

}  // namespace
}  // namespace basin::formats::parquet
