#include "formats/parquet/rle_bit_packed.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "parquet_test_files.hpp"

namespace basin::formats::parquet {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Reference: bit i of the stream is bit (i % 8) of byte i / 8; value k is bits [k*w, k*w + w).
uint64_t ReferenceValue(const std::vector<uint8_t>& bytes, size_t k, int width) {
  uint64_t value = 0;
  for (int b = 0; b < width; ++b) {
    size_t bit = k * static_cast<size_t>(width) + static_cast<size_t>(b);
    value |= static_cast<uint64_t>((bytes[bit / 8] >> (bit % 8)) & 1) << b;
  }
  return value;
}

TEST(RleBitPackedTest, UnpackMatchesTheBitOrderForEveryWidth) {
  std::mt19937_64 random(7);
  for (int width = 0; width <= 64; ++width) {
    for (size_t count : {size_t{1}, size_t{7}, size_t{8}, size_t{29}, size_t{200}}) {
      size_t size = (count * static_cast<size_t>(width) + 7) / 8;
      std::vector<uint8_t> bytes(size);
      for (auto& b : bytes) b = static_cast<uint8_t>(random());
      std::vector<uint64_t> out64(count);
      UnpackBits64(bytes, width, count, out64.data());
      for (size_t k = 0; k < count; ++k) {
        ASSERT_EQ(out64[k], ReferenceValue(bytes, k, width)) << "width " << width << " k " << k;
      }
      if (width <= 32) {
        std::vector<uint32_t> out32(count);
        UnpackBits32(bytes, width, count, out32.data());
        for (size_t k = 0; k < count; ++k) {
          ASSERT_EQ(out32[k], ReferenceValue(bytes, k, width)) << "width " << width;
        }
      }
    }
  }
}

TEST(RleBitPackedTest, SpecExampleOfBitPacking) {
  // parquet-format Encodings.md: 0..7 with bit width 3 pack to 10001000 11000110 11111010.
  std::vector<uint8_t> bytes = {0b10001000, 0b11000110, 0b11111010};
  uint32_t out[8];
  UnpackBits32(bytes, 3, 8, out);
  for (uint32_t i = 0; i < 8; ++i) EXPECT_EQ(out[i], i);
}

TEST(RleBitPackedTest, HybridRunsDecodeInAnyBatchSizes) {
  std::vector<uint32_t> expected;
  std::string stream;
  // RLE run of 300 fives, bit-packed run of 16 values, RLE run of 3 zeros, bit-packed 8.
  stream += testing::RleRuns(std::vector<uint32_t>(300, 5), 4);
  expected.insert(expected.end(), 300, 5);
  std::vector<uint32_t> packed;
  for (uint32_t i = 0; i < 16; ++i) packed.push_back((i * 7) % 16);
  stream += testing::BitPackedRun(packed, 4);
  expected.insert(expected.end(), packed.begin(), packed.end());
  stream += testing::RleRuns({0, 0, 0}, 4);
  expected.insert(expected.end(), 3, 0);
  std::vector<uint32_t> tail = {15, 14, 13, 12, 11, 10, 9, 8};
  stream += testing::BitPackedRun(tail, 4);
  expected.insert(expected.end(), tail.begin(), tail.end());
  for (size_t batch : {size_t{1}, size_t{3}, size_t{5}, size_t{64}, size_t{1000}}) {
    RleBitPackedDecoder decoder(Bytes(stream), 4);
    std::vector<uint32_t> got(expected.size());
    for (size_t done = 0; done < got.size();) {
      size_t n = std::min(batch, got.size() - done);
      decoder.Decode(got.data() + done, n);
      done += n;
    }
    EXPECT_EQ(got, expected) << "batch " << batch;
    EXPECT_EQ(decoder.position(), stream.size());
  }
}

TEST(RleBitPackedTest, LevelsAreCheckedAgainstTheirMaximum) {
  std::string stream = testing::RleRuns({1, 1, 2, 0}, 2);
  std::vector<uint8_t> out(4);
  RleBitPackedDecoder ok(Bytes(stream), 2);
  ok.DecodeLevels(out.data(), 4, 2);
  EXPECT_EQ(out, (std::vector<uint8_t>{1, 1, 2, 0}));
  RleBitPackedDecoder bad(Bytes(stream), 2);
  EXPECT_THROW(bad.DecodeLevels(out.data(), 4, 1), Error);
  std::string packed = testing::BitPackedRun({0, 1, 3, 1}, 2);
  RleBitPackedDecoder bad_packed(Bytes(packed), 2);
  EXPECT_THROW(bad_packed.DecodeLevels(out.data(), 4, 2), Error);
}

TEST(RleBitPackedTest, TruncatedStreamsAreCorrupt) {
  std::string stream = testing::RleRuns({3, 3}, 2);
  uint32_t out[8];
  RleBitPackedDecoder decoder(Bytes(stream), 2);
  try {
    decoder.Decode(out, 3);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
  }
  // An RLE run header whose value bytes are missing.
  std::string header_only("\x08", 1);
  RleBitPackedDecoder missing_value(Bytes(header_only), 16);
  EXPECT_THROW(missing_value.Decode(out, 1), Error);
  // A run header that never ends.
  std::string endless(8, '\xff');
  RleBitPackedDecoder endless_header(Bytes(endless), 1);
  EXPECT_THROW(endless_header.Decode(out, 1), Error);
}

TEST(RleBitPackedTest, ShortFinalBitPackedRunYieldsTheValuesItHolds) {
  // Header says 1 group (8 values) of width 8, but only 3 bytes follow.
  std::string stream("\x03\x0a\x0b\x0c", 4);
  RleBitPackedDecoder decoder(Bytes(stream), 8);
  uint32_t out[3];
  decoder.Decode(out, 3);
  EXPECT_EQ(out[0], 10u);
  EXPECT_EQ(out[2], 12u);
  uint32_t more;
  EXPECT_THROW(decoder.Decode(&more, 1), Error);
}

TEST(RleBitPackedTest, DeprecatedBitPackedLevelsAreMsbFirst) {
  // Encodings.md: 0..7 with width 3 in BIT_PACKED: 00000101 00111001 01110111.
  std::vector<uint8_t> bytes = {0b00000101, 0b00111001, 0b01110111};
  uint8_t out[8];
  EXPECT_EQ(DecodeBitPackedLevels(bytes, 3, 8, 7, out), 3u);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], i);
  EXPECT_THROW(DecodeBitPackedLevels(bytes, 3, 8, 6, out), Error);  // 7 > max 6
  EXPECT_THROW(DecodeBitPackedLevels(bytes, 3, 9, 7, out), Error);  // needs 4 bytes
}

TEST(RleBitPackedTest, BitWidthFor) {
  EXPECT_EQ(BitWidthFor(0), 0);
  EXPECT_EQ(BitWidthFor(1), 1);
  EXPECT_EQ(BitWidthFor(2), 2);
  EXPECT_EQ(BitWidthFor(255), 8);
  EXPECT_EQ(BitWidthFor(256), 9);
  EXPECT_EQ(BitWidthFor(~uint64_t{0}), 64);
}

}  // namespace
}  // namespace basin::formats::parquet
