// Bad input never crashes, hangs or allocates by a lying number: it is a basin::Error (Corrupt,
// or Unsupported for what we do not read) naming the file and, for pages, the byte offset.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "formats/parquet/compression.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "parquet_test_files.hpp"

namespace basin::formats::parquet {
namespace {

using namespace testing;  // NOLINT: the test file helpers

const char kName[] = "broken.parquet";

// Opens `bytes` and reads every row; returns the error, or fails the test when none comes.
Error ReadError(const std::string& bytes) {
  try {
    auto reader = OpenBytes(bytes, kName);
    ReadAllRows(*reader);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "the file was read without an error";
  return Error(ErrorCode::kInternal, "no error");
}

void ExpectCorrupt(const std::string& bytes, const std::vector<std::string>& needles) {
  Error error = ReadError(bytes);
  EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << error.what();
  std::string message = error.what();
  EXPECT_NE(message.find(kName), std::string::npos) << message;
  for (const auto& needle : needles) {
    EXPECT_NE(message.find(needle), std::string::npos) << "'" << needle << "' not in: " << message;
  }
}

// A valid two-column file: int32 id, optional dictionary-encoded string.
struct SampleParts {
  std::string dictionary = PlainStrings({"x", "yy", "zzz"});
  std::string ids = Plain<int32_t>({1, 2, 3, 4});
  std::string indexes = V1Levels({1, 0, 1, 1}, 1) + std::string(1, '\x02') + RleRuns({2, 0, 1}, 2);
};

std::string Sample(const SampleParts& parts = {}, int64_t rows = 4) {
  ParquetFileBuilder builder({Root(2), Leaf("id", Type::kInt32, kRequired),
                              Leaf("s", Type::kByteArray, kOptional, ConvertedType::kUtf8)});
  builder.AddRowGroup(rows, {{Type::kInt32, 4, SimplePage(4, Encoding::kPlain, parts.ids)},
                             {Type::kByteArray, 4,
                              Page(DictionaryPage(3, parts.dictionary.size()), parts.dictionary) +
                                  SimplePage(4, Encoding::kRleDictionary, parts.indexes)}});
  return builder.Finish();
}

TEST(ParquetCorruptTest, TheSampleIsValid) {
  auto reader = OpenBytes(Sample(), kName);
  EXPECT_EQ(ReadAllRows(*reader),
            (std::vector<std::string>{"1 | zzz", "2 | NULL", "3 | x", "4 | yy"}));
}

TEST(ParquetCorruptTest, MagicAndFooterFraming) {
  std::string good = Sample();
  std::string bad_tail = good;
  bad_tail[bad_tail.size() - 1] = 'X';
  ExpectCorrupt(bad_tail, {"magic PAR1", "byte offset"});
  std::string bad_head = good;
  bad_head[0] = 'Q';
  ExpectCorrupt(bad_head, {"first 4 bytes"});
  ExpectCorrupt("PAR1PAR1", {"too small"});
  ExpectCorrupt("", {"too small"});
  std::string long_footer = good;
  long_footer[long_footer.size() - 5] = '\x7f';  // metadata length's high byte
  ExpectCorrupt(long_footer, {"footer length", "runs beyond"});
  std::string encrypted = good;
  encrypted.replace(encrypted.size() - 4, 4, "PARE");
  EXPECT_EQ(ReadError(encrypted).code(), ErrorCode::kUnsupported);
}

TEST(ParquetCorruptTest, EveryTruncationIsAnError) {
  std::string good = Sample();
  for (size_t length = 0; length < good.size(); ++length) {
    Error error = ReadError(good.substr(0, length));
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << length << ": " << error.what();
  }
  // Data cut out of the middle while the footer stays: the column chunks point past the data.
  size_t footer_start =
      good.size() - 8 - static_cast<uint8_t>(good[good.size() - 8]);  // small footer (< 256)
  std::string hollow = "PAR1" + good.substr(footer_start);
  ExpectCorrupt(hollow, {"not inside the file's data"});
}

TEST(ParquetCorruptTest, CorruptFooterThrift) {
  std::string good = Sample();
  size_t footer_length = static_cast<uint8_t>(good[good.size() - 8]);
  size_t footer_start = good.size() - 8 - footer_length;
  for (char fill : {'\xff', '\x00', '\x19', '\x1c'}) {
    std::string bad = good;
    for (size_t i = footer_start + 2; i < footer_start + 12; ++i) bad[i] = fill;
    Error error = ReadError(bad);
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << error.what();
    EXPECT_NE(std::string(error.what()).find(kName), std::string::npos) << error.what();
  }
}

TEST(ParquetCorruptTest, LyingPageSizesAndCounts) {
  // A page header claiming more bytes than the chunk holds.
  {
    ParquetFileBuilder builder({Root(1), Leaf("id", Type::kInt32, kRequired)});
    std::string body = Plain<int32_t>({1, 2});
    builder.AddRowGroup(2,
                        {{Type::kInt32, 2, Page(DataPage(2, Encoding::kPlain, 5000, 5000), body)}});
    ExpectCorrupt(builder.Finish(), {"column 'id'", "byte offset 4", "claims 5000 bytes"});
  }
  // More values in the page than in the chunk.
  {
    ParquetFileBuilder builder({Root(1), Leaf("id", Type::kInt32, kRequired)});
    builder.AddRowGroup(
        2, {{Type::kInt32, 2, SimplePage(3, Encoding::kPlain, Plain<int32_t>({1, 2, 3}))}});
    ExpectCorrupt(builder.Finish(), {"declares 3 values"});
  }
  // Fewer values in the pages than the chunk declares: the chunk ends early.
  {
    ParquetFileBuilder builder({Root(1), Leaf("id", Type::kInt32, kRequired)});
    builder.AddRowGroup(
        3, {{Type::kInt32, 3, SimplePage(2, Encoding::kPlain, Plain<int32_t>({1, 2}))}});
    ExpectCorrupt(builder.Finish(), {"ends after 2 of its 3 values"});
  }
  // A page whose values need more bytes than it has.
  {
    ParquetFileBuilder builder({Root(1), Leaf("id", Type::kInt32, kRequired)});
    builder.AddRowGroup(
        3, {{Type::kInt32, 3, SimplePage(3, Encoding::kPlain, Plain<int32_t>({1, 2}))}});
    ExpectCorrupt(builder.Finish(), {"column 'id'", "byte offset"});
  }
  // A row group declaring more rows than its chunks hold.
  ExpectCorrupt(Sample({}, 9), {"declares"});
  // A huge value count: refused, not allocated.
  {
    ParquetFileBuilder builder({Root(1), Leaf("id", Type::kInt32, kOptional)});
    std::string body = V1Levels({0}, 1);
    builder.AddRowGroup(
        2000000000, {{Type::kInt32, 2000000000, SimplePage(2000000000, Encoding::kPlain, body)}});
    ExpectCorrupt(builder.Finish(), {"declares 2000000000 values"});
  }
}

TEST(ParquetCorruptTest, DictionaryProblems) {
  SampleParts out_of_range;
  out_of_range.indexes = V1Levels({1, 0, 1, 1}, 1) + std::string(1, '\x03') + RleRuns({2, 5, 1}, 3);
  ExpectCorrupt(Sample(out_of_range), {"column 's'", "dictionary index 5", "3-entry"});
  SampleParts wide;
  wide.indexes = V1Levels({1, 0, 1, 1}, 1) + std::string(1, '\x28') + RleRuns({0, 0, 0}, 40);
  ExpectCorrupt(Sample(wide), {"bit width 40 exceeds 32"});
  SampleParts lying_dictionary;
  lying_dictionary.dictionary = PlainStrings({"x", "yy"});  // the header still says 3
  ExpectCorrupt(Sample(lying_dictionary), {"column 's'", "byte offset"});
  // Dictionary-encoded data without a dictionary page.
  ParquetFileBuilder builder({Root(1), Leaf("s", Type::kByteArray, kRequired)});
  std::string indexes = std::string(1, '\x01') + RleRuns({0}, 1);
  builder.AddRowGroup(1, {{Type::kByteArray, 1, SimplePage(1, Encoding::kRleDictionary, indexes)}});
  ExpectCorrupt(builder.Finish(), {"without a dictionary page"});
}

TEST(ParquetCorruptTest, LevelsBeyondTheirMaximum) {
  SampleParts high;
  high.indexes = V1Levels({1, 2, 1, 1}, 2) + std::string(1, '\x02') + RleRuns({2, 0, 1}, 2);
  ExpectCorrupt(Sample(high), {"level 2 exceeds the maximum 1"});
  // Levels whose length prefix runs past the page.
  SampleParts cut;
  cut.indexes = std::string("\xff\x00\x00\x00", 4);
  ExpectCorrupt(Sample(cut), {"levels claim 255 bytes"});
}

TEST(ParquetCorruptTest, LyingUncompressedSize) {
  std::string body = Plain<int32_t>({1, 2, 3, 4});
  std::string compressed = Compress(CompressionCodec::kSnappy, body);
  ParquetFileBuilder builder({Root(1), Leaf("id", Type::kInt32, kRequired)});
  builder.AddRowGroup(4,
                      {{Type::kInt32, 4,
                        Page(DataPage(4, Encoding::kPlain, compressed.size(), 1 << 29), compressed),
                        CompressionCodec::kSnappy}});
  ExpectCorrupt(builder.Finish(), {"SNAPPY", "byte offset"});
  ParquetFileBuilder huge({Root(1), Leaf("id", Type::kInt32, kRequired)});
  huge.AddRowGroup(4,
                   {{Type::kInt32, 4,
                     Page(DataPage(4, Encoding::kPlain, compressed.size(), 2147483647), compressed),
                     CompressionCodec::kGzip}});
  ExpectCorrupt(huge.Finish(), {"over the limit"});
}

TEST(ParquetCorruptTest, SchemaProblems) {
  // More children claimed than elements exist.
  ParquetFileBuilder builder({Root(3), Leaf("id", Type::kInt32, kRequired)});
  ExpectCorrupt(builder.Finish(), {"invalid Parquet schema", "claims 3 children"});
  // Counts that each fit what remains but together run past the end (found by fuzzing).
  ParquetFileBuilder siblings({Root(3), Group("a", 1, kOptional),
                               Leaf("x", Type::kInt32, kRequired),
                               Leaf("y", Type::kInt32, kRequired)});
  ExpectCorrupt(siblings.Finish(), {"ends inside a group"});
  // Row group with a different number of column chunks than leaves.
  ParquetFileBuilder mismatch(
      {Root(2), Leaf("a", Type::kInt32, kRequired), Leaf("b", Type::kInt32, kRequired)});
  mismatch.AddRowGroup(1,
                       {{Type::kInt32, 1, SimplePage(1, Encoding::kPlain, Plain<int32_t>({1}))}});
  ExpectCorrupt(mismatch.Finish(), {"1 column chunks", "2 leaf columns"});
  // Column metadata whose type disagrees with the schema.
  ParquetFileBuilder wrong_type({Root(1), Leaf("a", Type::kInt32, kRequired)});
  wrong_type.AddRowGroup(1,
                         {{Type::kInt64, 1, SimplePage(1, Encoding::kPlain, Plain<int64_t>({1}))}});
  ExpectCorrupt(wrong_type.Finish(), {"INT64", "INT32"});
  // A group without fields; an invalid decimal.
  ParquetFileBuilder empty_group({Root(1), Group("g", 0, kOptional)});
  ExpectCorrupt(empty_group.Finish(), {"group without fields"});
  SchemaElement decimal = Leaf("d", Type::kInt32, kRequired, ConvertedType::kDecimal);
  decimal.precision = 5;
  decimal.scale = 7;
  ParquetFileBuilder bad_decimal({Root(1), decimal});
  ExpectCorrupt(bad_decimal.Finish(), {"DECIMAL(5,7)"});
}

TEST(ParquetCorruptTest, InconsistentNestedLevels) {
  // struct<a:int, b:int> whose leaves disagree on whether row 2 holds a struct: the first
  // leaf decides the struct's NULLs; sizes agree, so this reads.
  ParquetFileBuilder builder({Root(1), Group("st", 2, kOptional),
                              Leaf("a", Type::kInt32, kOptional),
                              Leaf("b", Type::kInt32, kOptional)});
  builder.AddRowGroup(
      2, {{Type::kInt32, 2,
           SimplePage(2, Encoding::kPlain, V1Levels({2, 2}, 2) + Plain<int32_t>({1, 2}))},
          {Type::kInt32, 2,
           SimplePage(2, Encoding::kPlain, V1Levels({2, 0}, 2) + Plain<int32_t>({1}))}});
  auto reader = OpenBytes(builder.Finish(), kName);
  EXPECT_EQ(ReadAllRows(*reader), (std::vector<std::string>{"{a=1, b=1}", "{a=2, b=NULL}"}));
  // A list whose first entry continues a list that never started.
  ParquetFileBuilder list({Root(1), Leaf("nums", Type::kInt32, kRepeated)});
  list.AddRowGroup(
      1, {{Type::kInt32, 2,
           SimplePage(2, Encoding::kPlain,
                      V1Levels({1, 0}, 1) + V1Levels({1, 1}, 1) + Plain<int32_t>({1, 2}))}});
  ExpectCorrupt(list.Finish(), {"does not start a row"});
}

TEST(ParquetCorruptTest, EveryByteFlipIsHandled) {
  // Each byte of a valid file replaced by a few values: reading must succeed or throw
  // basin::Error, nothing else (run under ASan/UBSan to catch memory errors too).
  std::string good = Sample();
  size_t errors = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    for (int mutation = 0; mutation < 3; ++mutation) {
      std::string bad = good;
      bad[i] = mutation == 0   ? static_cast<char>(bad[i] ^ 0xff)
               : mutation == 1 ? static_cast<char>(bad[i] + 1)
                               : '\x00';
      try {
        auto reader = OpenBytes(bad, kName);
        ReadAllRows(*reader);
      } catch (const Error&) {
        ++errors;
      }
    }
  }
  EXPECT_GT(errors, good.size());  // most mutations are caught as errors
}

}  // namespace
}  // namespace basin::formats::parquet
