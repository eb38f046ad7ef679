#include "formats/parquet/rle_bit_packed_encoder.hpp"

#include <gtest/gtest.h>

#include <random>
#include <span>
#include <vector>

#include "formats/parquet/rle_bit_packed.hpp"

namespace basin::formats::parquet {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::vector<uint32_t> Decode(const std::string& encoded, int bit_width, size_t count) {
  std::vector<uint32_t> out(count);
  RleBitPackedDecoder decoder(Bytes(encoded), bit_width);
  decoder.Decode(out.data(), count);
  // The encoder writes nothing past the values (beyond the last group's padding).
  EXPECT_EQ(decoder.position(), encoded.size());
  return out;
}

TEST(RleBitPackedEncoderTest, RunOfEqualValuesIsOneRleRun) {
  std::vector<uint32_t> values(10, 1);
  std::string out;
  EncodeRleBitPacked(values.data(), values.size(), 1, out);
  // Header: 10 << 1 = 20 (an RLE run), then the value in one byte.
  EXPECT_EQ(out, std::string("\x14\x01", 2));
}

TEST(RleBitPackedEncoderTest, BitPacksTheSpecExample) {
  // parquet-format's Encodings.md: 0..7 with bit width 3 pack to 10001000 11000110 11111010.
  std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string out;
  EncodeRleBitPacked(values.data(), values.size(), 3, out);
  EXPECT_EQ(out, std::string("\x03\x88\xC6\xFA", 4));
}

TEST(RleBitPackedEncoderTest, RleRunWritesValueInWholeBytes) {
  std::string out;
  AppendRleRun(0x1234, 300, 13, out);
  // 300 << 1 = 600 = ULEB128 D8 04; value in ceil(13 / 8) = 2 little-endian bytes.
  EXPECT_EQ(out, std::string("\xD8\x04\x34\x12", 4));
  out.clear();
  AppendRleRun(5, 0, 3, out);
  EXPECT_TRUE(out.empty());
}

TEST(RleBitPackedEncoderTest, LongRunsStayShort) {
  std::vector<uint16_t> levels(100000, 3);
  std::string out;
  EncodeRleBitPacked(levels.data(), levels.size(), 2, out);
  EXPECT_LE(out.size(), 4u);
}

TEST(RleBitPackedEncoderTest, LiteralsBorrowFromTheNextRunToFillAGroup) {
  // 3 literals then a run of 20: the literal group takes 5 of the run, 15 stay RLE.
  std::vector<uint32_t> values = {1, 2, 3};
  values.insert(values.end(), 20, 7);
  std::string out;
  EncodeRleBitPacked(values.data(), values.size(), 3, out);
  // One bit-packed group (header + 3 bytes) and one RLE run (header + 1 byte).
  EXPECT_EQ(out.size(), 6u);
  EXPECT_EQ(Decode(out, 3, values.size()), values);
}

TEST(RleBitPackedEncoderTest, RoundTripsRandomMixturesAtEveryWidth) {
  std::mt19937_64 random(7);
  for (int width = 0; width <= 32; ++width) {
    for (int trial = 0; trial < 20; ++trial) {
      uint64_t limit = width == 0 ? 1 : (uint64_t{1} << width);
      std::vector<uint32_t> values;
      size_t count = random() % 500;
      while (values.size() < count) {
        auto value = static_cast<uint32_t>(random() % limit);
        // Runs of every length around the RLE threshold, and literals.
        size_t run = random() % 3 == 0 ? random() % 20 + 1 : 1;
        values.insert(values.end(), std::min(run, count - values.size()), value);
      }
      std::string out;
      EncodeRleBitPacked(values.data(), values.size(), width, out);
      ASSERT_EQ(Decode(out, width, values.size()), values) << "width " << width;
    }
  }
}

TEST(RleBitPackedEncoderTest, RoundTripsLevels) {
  std::mt19937 random(11);
  std::vector<uint16_t> levels(10007);
  for (auto& level : levels) level = static_cast<uint16_t>(random() % 4 == 0 ? random() % 5 : 4);
  std::string out;
  EncodeRleBitPacked(levels.data(), levels.size(), 3, out);
  std::vector<uint32_t> decoded = Decode(out, 3, levels.size());
  for (size_t i = 0; i < levels.size(); ++i) ASSERT_EQ(decoded[i], levels[i]) << i;
}

TEST(RleBitPackedEncoderTest, Uleb128) {
  std::string out;
  AppendUleb128(0, out);
  AppendUleb128(127, out);
  AppendUleb128(128, out);
  AppendUleb128(uint64_t{1} << 35, out);
  EXPECT_EQ(out, std::string("\x00\x7F\x80\x01\x80\x80\x80\x80\x80\x01", 10));
}

}  // namespace
}  // namespace basin::formats::parquet
