// Basin writes Parquet files of every type and codec; DuckDB (tests/node, the reference
// reader) must read back exactly the rows written and agree with the footer's statistics.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "formats/parquet/parquet_writer.hpp"
#include "unit/formats/parquet/writer_test_data.hpp"

namespace basin::formats::parquet {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;
  CompressionCodec codec = CompressionCodec::kSnappy;
  size_t rows = 2000;
  double null_fraction = 0.2;
  size_t chunk_rows = 700;
  size_t row_group_rows = 900;
  size_t page_bytes = size_t{1} << 20;
  bool dictionary = true;
};

std::string CodecLabel(CompressionCodec codec) { return std::string(CodecName(codec)); }

class ParquetWriterDuckDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    node_dir_ = fs::path(BASIN_REPO_DIR) / "tests" / "node";
    if (std::system("node --version > /dev/null 2>&1") != 0 ||
        !fs::exists(node_dir_ / "node_modules" / "@duckdb" / "node-api")) {
      GTEST_SKIP() << "node or @duckdb/node-api missing (npm ci in tests/node)";
    }
    root_ = fs::temp_directory_path() / ("basin-pwriter-duckdb-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override {
    if (!root_.empty() && !HasFailure()) fs::remove_all(root_);
  }

  // Writes the case's file and expected rows; returns its manifest entry.
  std::string Prepare(const Case& c, uint64_t seed) {
    types::Schema schema = testing::AllTypesSchema();
    auto rows = testing::RandomRows(schema, c.rows, seed, c.null_fraction);
    std::string file = (root_ / (c.name + ".parquet")).string();
    ParquetWriteOptions options;
    options.codec = c.codec;
    options.row_group_rows = c.row_group_rows;
    options.page_bytes = c.page_bytes;
    options.dictionary = c.dictionary;
    auto writer = ParquetFileWriter::Create(file, schema, options);
    for (const auto& chunk : testing::ToChunks(schema, rows, c.chunk_rows)) writer->Write(chunk);
    writer->Finish();

    std::string sql_file = (root_ / (c.name + ".sql")).string();
    std::ofstream(sql_file) << (rows.empty() ? EmptyQuery(schema)
                                             : testing::DuckDbQuery(schema, rows));
    std::string flat = R"(["id", "flag", "tiny", "small", "int32", "int64", "dec9", "dec18",
                          "dec20", "dec38", "text", "category", "day", "clock", "moment"])";
    return "{\"file\": \"" + file + "\", \"expected_sql\": \"" + sql_file + "\", \"codec\": \"" +
           CodecLabel(c.codec) + "\", \"rows\": " + std::to_string(c.rows) +
           ", \"flat_columns\": " + flat + "}";
  }

  static std::string EmptyQuery(const types::Schema& schema) {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < schema.size(); ++i) {
      if (i > 0) sql += ", ";
      sql +=
          "CAST(NULL AS " + testing::DuckDbType(schema[i].type) + ") AS \"" + schema[i].name + "\"";
    }
    return sql + " LIMIT 0";
  }

  // Runs the DuckDB check over the cases; fails the test with its output.
  void Check(const std::vector<Case>& cases) {
    std::string manifest = "{\"cases\": [";
    for (size_t i = 0; i < cases.size(); ++i) {
      if (i > 0) manifest += ",\n";
      manifest += Prepare(cases[i], 1000 + i);
    }
    manifest += "]}";
    fs::path manifest_file = root_ / "manifest.json";
    std::ofstream(manifest_file) << manifest;
    fs::path output = root_ / "duckdb.out";
    std::string command = "cd '" + node_dir_.string() + "' && node parquet_writer_check.mjs '" +
                          manifest_file.string() + "' > '" + output.string() + "' 2>&1";
    int status = std::system(command.c_str());
    std::stringstream text;
    text << std::ifstream(output).rdbuf();
    EXPECT_EQ(status, 0) << text.str();
    std::cout << text.str();
    // Every case reported as checked.
    for (const auto& c : cases) {
      EXPECT_NE(text.str().find("checked " + c.name + ".parquet"), std::string::npos) << text.str();
    }
  }

  fs::path node_dir_;
  fs::path root_;
};

TEST_F(ParquetWriterDuckDbTest, EveryTypeWithEveryCodec) {
  std::vector<Case> cases;
  for (auto codec : {CompressionCodec::kSnappy, CompressionCodec::kZstd, CompressionCodec::kGzip,
                     CompressionCodec::kLz4Raw, CompressionCodec::kUncompressed}) {
    Case c;
    c.name = "codec_" + CodecLabel(codec);
    c.codec = codec;
    cases.push_back(c);
  }
  Check(cases);
}

TEST_F(ParquetWriterDuckDbTest, NullsPagesAndEncodings) {
  std::vector<Case> cases;
  Case null_heavy;
  null_heavy.name = "null_heavy";
  null_heavy.null_fraction = 0.9;
  cases.push_back(null_heavy);
  Case no_nulls;
  no_nulls.name = "no_nulls";
  no_nulls.null_fraction = 0;
  cases.push_back(no_nulls);
  Case plain;
  plain.name = "plain_small_pages";
  plain.dictionary = false;
  plain.page_bytes = 512;
  plain.chunk_rows = 100;
  cases.push_back(plain);
  Case one_group;
  one_group.name = "one_row_group";
  one_group.row_group_rows = 1 << 20;
  one_group.chunk_rows = 2048;
  one_group.rows = 5000;
  one_group.codec = CompressionCodec::kZstd;
  cases.push_back(one_group);
  Case tiny_groups;
  tiny_groups.name = "tiny_row_groups";
  tiny_groups.row_group_rows = 7;
  tiny_groups.rows = 100;
  cases.push_back(tiny_groups);
  Case empty;
  empty.name = "empty";
  empty.rows = 0;
  cases.push_back(empty);
  Check(cases);
}

}  // namespace
}  // namespace basin::formats::parquet
