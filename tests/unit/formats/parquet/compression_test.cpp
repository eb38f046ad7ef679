#include "formats/parquet/compression.hpp"

#include <gtest/gtest.h>
#include <lz4.h>

#include <random>
#include <vector>

#include "common/error.hpp"

namespace basin::formats::parquet {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Compressible but not trivial: repeated words with random numbers.
std::string SampleText(size_t size) {
  std::mt19937 random(42);
  std::string text;
  while (text.size() < size) {
    text += "lineitem ";
    text += std::to_string(random() % 1000);
    text += random() % 3 == 0 ? "\n" : " ";
  }
  text.resize(size);
  return text;
}

std::string DecompressToString(CompressionCodec codec, const std::string& compressed, size_t size) {
  CheckUncompressedSize(codec, Bytes(compressed), size, "test");
  std::string output(size, '\0');
  Decompress(codec, Bytes(compressed), {reinterpret_cast<uint8_t*>(output.data()), output.size()},
             "test");
  return output;
}

const CompressionCodec kWritable[] = {CompressionCodec::kUncompressed, CompressionCodec::kSnappy,
                                      CompressionCodec::kGzip, CompressionCodec::kZstd,
                                      CompressionCodec::kLz4Raw};

TEST(CompressionTest, EveryCodecRoundTrips) {
  for (CompressionCodec codec : kWritable) {
    for (size_t size : {size_t{0}, size_t{1}, size_t{1000}, size_t{300000}}) {
      std::string input = SampleText(size);
      std::string compressed = Compress(codec, input);
      if (size == 300000 && codec != CompressionCodec::kUncompressed) {
        EXPECT_LT(compressed.size(), input.size() / 2) << CodecName(codec);
      }
      EXPECT_EQ(DecompressToString(codec, compressed, size), input)
          << CodecName(codec) << " " << size;
    }
  }
}

// Hadoop's framing, built by hand: per block a big-endian uncompressed size, a big-endian
// compressed size, then a raw LZ4 block.
std::string HadoopFrame(const std::vector<std::string>& blocks) {
  std::string framed;
  for (const auto& block : blocks) {
    std::string raw = Compress(CompressionCodec::kLz4Raw, block);
    for (uint32_t value :
         {static_cast<uint32_t>(block.size()), static_cast<uint32_t>(raw.size())}) {
      for (int shift = 24; shift >= 0; shift -= 8)
        framed.push_back(static_cast<char>(value >> shift));
    }
    framed += raw;
  }
  return framed;
}

TEST(CompressionTest, HadoopFramedLz4) {
  std::string first = SampleText(5000);
  std::string second = SampleText(7000).substr(100);
  std::string framed = HadoopFrame({first, second});
  EXPECT_EQ(DecompressToString(CompressionCodec::kLz4, framed, first.size() + second.size()),
            first + second);
}

TEST(CompressionTest, Lz4CodecFallsBackToARawBlock) {
  std::string input = SampleText(10000);
  std::string raw = Compress(CompressionCodec::kLz4Raw, input);
  EXPECT_EQ(DecompressToString(CompressionCodec::kLz4, raw, input.size()), input);
}

TEST(CompressionTest, CorruptDataIsCorrupt) {
  std::string input = SampleText(20000);
  for (CompressionCodec codec : kWritable) {
    if (codec == CompressionCodec::kUncompressed) continue;
    std::string compressed = Compress(codec, input);
    // Damage the middle of the stream and cut the tail off.
    std::string damaged = compressed;
    for (size_t i = damaged.size() / 3; i < damaged.size() / 3 + 16; ++i) damaged[i] ^= 0x5a;
    std::string cut = compressed.substr(0, compressed.size() / 2);
    for (const std::string& bad : {damaged, cut}) {
      std::string output(input.size(), '\0');
      try {
        CheckUncompressedSize(codec, Bytes(bad), input.size(), "f.parquet page 7");
        Decompress(codec, Bytes(bad), {reinterpret_cast<uint8_t*>(output.data()), output.size()},
                   "f.parquet page 7");
        // Damage that happens to decode must at least not reproduce the input silently.
        EXPECT_NE(output, input) << CodecName(codec);
      } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << error.what();
        EXPECT_NE(std::string(error.what()).find("f.parquet page 7"), std::string::npos);
      }
    }
  }
}

TEST(CompressionTest, LyingSizesAreRejectedBeforeAllocation) {
  std::string input = SampleText(4096);
  for (CompressionCodec codec : kWritable) {
    std::string compressed = Compress(codec, input);
    // A claim far beyond what the bytes can hold, and one just off by one.
    EXPECT_THROW(CheckUncompressedSize(codec, Bytes(compressed), size_t{1} << 29, "t"), Error)
        << CodecName(codec);
    if (codec != CompressionCodec::kGzip && codec != CompressionCodec::kLz4Raw) {
      EXPECT_THROW(CheckUncompressedSize(codec, Bytes(compressed), input.size() + 1, "t"), Error)
          << CodecName(codec);
    }
    // Decompress itself also refuses a wrong size.
    std::string output(input.size() + 1, '\0');
    EXPECT_THROW(Decompress(codec, Bytes(compressed),
                            {reinterpret_cast<uint8_t*>(output.data()), output.size()}, "t"),
                 Error)
        << CodecName(codec);
  }
  EXPECT_THROW(CheckUncompressedSize(CompressionCodec::kZstd, Bytes(std::string("xx")),
                                     kMaxPageBytes + 1, "t"),
               Error);
}

TEST(CompressionTest, UnsupportedCodecs) {
  std::string output(4, '\0');
  for (CompressionCodec codec :
       {CompressionCodec::kLzo, CompressionCodec::kBrotli, static_cast<CompressionCodec>(99)}) {
    try {
      Decompress(codec, Bytes(std::string("abcd")),
                 {reinterpret_cast<uint8_t*>(output.data()), output.size()}, "t");
      FAIL();
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kUnsupported);
    }
  }
}

}  // namespace
}  // namespace basin::formats::parquet
