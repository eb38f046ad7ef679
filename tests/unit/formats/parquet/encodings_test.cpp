#include "formats/parquet/encodings.hpp"

#include <gtest/gtest.h>

#include <random>

#include "common/error.hpp"
#include "parquet_test_files.hpp"

namespace basin::formats::parquet {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(EncodingsTest, DeltaBinaryPackedSpecExamples) {
  // Encodings.md example 1: 1 2 3 4 5 -> all deltas equal the min delta, bit widths 0.
  std::string one("\x80\x01\x04\x05\x02\x02\x00\x00\x00\x00", 10);
  DeltaBinaryPackedDecoder decoder(Bytes(one));
  EXPECT_EQ(decoder.total_values(), 5u);
  int64_t out[8];
  decoder.Decode(out, 5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(out[i], i + 1);
  EXPECT_EQ(decoder.position(), one.size());
  // Example 2: 7 5 3 1 2 3 4 5: min delta -2, relative 0 0 0 3 3 3 3, width 2 in miniblock 1.
  std::string two = testing::DeltaBinaryPacked({7, 5, 3, 1, 2, 3, 4, 5});
  DeltaBinaryPackedDecoder second(Bytes(two));
  int32_t narrow[8];
  second.Decode(narrow, 8);
  EXPECT_EQ(std::vector<int32_t>(narrow, narrow + 8),
            (std::vector<int32_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_EQ(second.position(), two.size());
  EXPECT_EQ(static_cast<uint8_t>(two[6]), 2);  // first miniblock's width
}

TEST(EncodingsTest, DeltaBinaryPackedRandomRoundTrips) {
  std::mt19937_64 random(3);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<int64_t> values(1 + random() % 1000);
    for (auto& v : values) {
      switch (trial % 3) {
        case 0: v = static_cast<int64_t>(random()); break;  // full range, wrapping
        case 1: v = static_cast<int64_t>(random() % 1000) - 500; break;
        default: v = static_cast<int64_t>(&v - values.data()) * 3; break;  // constant delta
      }
    }
    std::string encoded = testing::DeltaBinaryPacked(values) + "trailing";
    DeltaBinaryPackedDecoder decoder(Bytes(encoded));
    std::vector<int64_t> got(values.size());
    // Uneven batches.
    for (size_t done = 0; done < got.size();) {
      size_t n = std::min<size_t>(1 + random() % 77, got.size() - done);
      decoder.Decode(got.data() + done, n);
      done += n;
    }
    EXPECT_EQ(got, values);
    EXPECT_EQ(decoder.position(), encoded.size() - 8);
  }
}

TEST(EncodingsTest, DeltaBinaryPackedRejectsBadHeadersAndWidths) {
  auto corrupt = [](const std::string& bytes) {
    try {
      DeltaBinaryPackedDecoder decoder(Bytes(bytes));
      std::vector<int64_t> out(decoder.total_values() < 100 ? decoder.total_values() : 100);
      decoder.Decode(out.data(), out.size());
      return false;
    } catch (const Error& error) {
      return error.code() == ErrorCode::kCorrupt;
    }
  };
  EXPECT_TRUE(corrupt(std::string("\x64\x04\x05\x02", 4)));      // block of 100 values
  EXPECT_TRUE(corrupt(std::string("\x80\x01\x03\x05\x02", 5)));  // 3 miniblocks of 128
  EXPECT_TRUE(corrupt(std::string("\x80\x01\x04\x05\x02\x02\x41\x00\x00\x00", 10)));  // width 65
  EXPECT_TRUE(corrupt(std::string("\x80\x01\x04\x05\x02\x02\x08\x00", 8)));  // widths cut off
  EXPECT_TRUE(corrupt(std::string("\x80\x01\x04\x05\x02\x02\x08\x00\x00\x00\x01", 11)));  // data
  EXPECT_TRUE(corrupt(std::string("\x80\x01", 2)));  // header cut off
}

TEST(EncodingsTest, DeltaLengthByteArraySpecExample) {
  std::string data = testing::DeltaBinaryPacked({5, 5, 6, 6}) + "HelloWorldFoobarABCDEF";
  std::string_view out[4];
  EXPECT_EQ(DecodeDeltaLengthByteArrays(Bytes(data), 4, out), data.size());
  EXPECT_EQ(out[0], "Hello");
  EXPECT_EQ(out[2], "Foobar");
  EXPECT_EQ(out[3], "ABCDEF");
  std::string lying = testing::DeltaBinaryPacked({5, 500}) + "Hello";
  EXPECT_THROW(DecodeDeltaLengthByteArrays(Bytes(lying), 2, out), Error);
  std::string negative = testing::DeltaBinaryPacked({-1}) + "x";
  EXPECT_THROW(DecodeDeltaLengthByteArrays(Bytes(negative), 1, out), Error);
  EXPECT_THROW(DecodeDeltaLengthByteArrays(Bytes(data), 3, out), Error);  // count mismatch
}

TEST(EncodingsTest, DeltaByteArraySpecExample) {
  std::string data = testing::DeltaBinaryPacked({0, 2, 0, 3}) +
                     testing::DeltaBinaryPacked({4, 2, 6, 5}) + "axislebabbleyhood";
  columnar::StringHeap heap;
  std::string_view out[4];
  DecodeDeltaByteArrays(Bytes(data), 4, out, heap, 1000);
  EXPECT_EQ(out[0], "axis");
  EXPECT_EQ(out[1], "axle");
  EXPECT_EQ(out[2], "babble");
  EXPECT_EQ(out[3], "babyhood");
  // A prefix longer than the previous value, and an expansion past the cap.
  std::string bad =
      testing::DeltaBinaryPacked({0, 9}) + testing::DeltaBinaryPacked({4, 1}) + "axisX";
  EXPECT_THROW(DecodeDeltaByteArrays(Bytes(bad), 2, out, heap, 1000), Error);
  EXPECT_THROW(DecodeDeltaByteArrays(Bytes(data), 4, out, heap, 10), Error);
}

TEST(EncodingsTest, PlainByteArraysAndBooleans) {
  std::string data = testing::PlainStrings({"a", "", "xyz"});
  std::string_view out[3];
  EXPECT_EQ(DecodePlainByteArrays(Bytes(data), 3, out), data.size());
  EXPECT_EQ(out[2], "xyz");
  std::string lying = data;
  lying[5] = 100;  // second length
  EXPECT_THROW(DecodePlainByteArrays(Bytes(lying), 3, out), Error);
  EXPECT_THROW(DecodePlainByteArrays(Bytes(data), 4, out), Error);
  uint8_t bools[10];
  std::string packed("\x0d\x02", 2);  // 1 0 1 1 0 0 0 0 | 0 1
  DecodePlainBooleans(Bytes(packed), 10, bools);
  EXPECT_EQ(std::vector<uint8_t>(bools, bools + 10),
            (std::vector<uint8_t>{1, 0, 1, 1, 0, 0, 0, 0, 0, 1}));
  EXPECT_THROW(DecodePlainBooleans(Bytes(packed), 17, bools), Error);
}

TEST(EncodingsTest, ByteStreamSplit) {
  std::string data("\x01\x02\x03\xa1\xa2\xa3", 6);  // 3 values of 2 bytes
  uint8_t out[6];
  DecodeByteStreamSplit(Bytes(data), 3, 2, out);
  EXPECT_EQ(std::vector<uint8_t>(out, out + 6),
            (std::vector<uint8_t>{0x01, 0xa1, 0x02, 0xa2, 0x03, 0xa3}));
  EXPECT_THROW(DecodeByteStreamSplit(Bytes(data), 4, 2, out), Error);
  EXPECT_THROW(DecodeByteStreamSplit(Bytes(data), 1, 4, out), Error);  // 6 % 4 != 0
}

}  // namespace
}  // namespace basin::formats::parquet
