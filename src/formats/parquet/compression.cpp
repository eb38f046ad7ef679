#include "formats/parquet/compression.hpp"

#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <limits>

#include "common/error.hpp"

namespace basin::formats::parquet {

namespace {

// Worst-case expansion of DEFLATE and of the LZ4 block format, used to bound a claimed size
// when the compressed stream does not state its own.
constexpr size_t kMaxDeflateRatio = 1032;
constexpr size_t kMaxLz4Ratio = 255;
// A ZSTD block of up to 128 KiB can be a 4-byte RLE block.
constexpr size_t kMaxZstdRatio = 32768;

[[noreturn]] void Fail(std::string_view where, CompressionCodec codec, const std::string& what) {
  ThrowCorrupt(std::string(where) + ": " + std::string(CodecName(codec)) + " data " + what);
}

uint32_t LoadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// Walks Hadoop's LZ4 framing (per block: 4-byte big-endian uncompressed size, 4-byte
// big-endian compressed size, the LZ4 block) and returns the total uncompressed size, or -1
// when the bytes are not framed that way.
int64_t HadoopLz4Size(std::span<const uint8_t> input) {
  size_t pos = 0;
  int64_t total = 0;
  if (input.size() < 8) return -1;
  while (pos < input.size()) {
    if (input.size() - pos < 8) return -1;
    uint32_t uncompressed = LoadBigEndian32(input.data() + pos);
    uint32_t compressed = LoadBigEndian32(input.data() + pos + 4);
    pos += 8;
    if (compressed > input.size() - pos) return -1;
    pos += compressed;
    total += uncompressed;
  }
  return total;
}

bool DecompressHadoopLz4(std::span<const uint8_t> input, std::span<uint8_t> output) {
  size_t in = 0;
  size_t out = 0;
  while (in < input.size()) {
    uint32_t uncompressed = LoadBigEndian32(input.data() + in);
    uint32_t compressed = LoadBigEndian32(input.data() + in + 4);
    in += 8;
    if (uncompressed > output.size() - out) return false;
    int got = LZ4_decompress_safe(reinterpret_cast<const char*>(input.data() + in),
                                  reinterpret_cast<char*>(output.data() + out),
                                  static_cast<int>(compressed), static_cast<int>(uncompressed));
    if (got < 0 || static_cast<uint32_t>(got) != uncompressed) return false;
    in += compressed;
    out += uncompressed;
  }
  return out == output.size();
}

void DecompressLz4Block(std::span<const uint8_t> input, std::span<uint8_t> output,
                        CompressionCodec codec, std::string_view where) {
  if (input.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    Fail(where, codec, "block too large");
  }
  int got = LZ4_decompress_safe(reinterpret_cast<const char*>(input.data()),
                                reinterpret_cast<char*>(output.data()),
                                static_cast<int>(input.size()), static_cast<int>(output.size()));
  if (got < 0 || static_cast<size_t>(got) != output.size()) {
    Fail(where, codec,
         "does not decompress to the " + std::to_string(output.size()) + " bytes announced");
  }
}

// The content size all ZSTD frames declare, ZSTD_CONTENTSIZE_UNKNOWN when one does not say,
// ZSTD_CONTENTSIZE_ERROR when the frames are malformed.
unsigned long long ZstdContentSize(std::span<const uint8_t> input) {
  unsigned long long total = 0;
  size_t pos = 0;
  while (pos < input.size()) {
    size_t frame = ZSTD_findFrameCompressedSize(input.data() + pos, input.size() - pos);
    if (ZSTD_isError(frame) || frame == 0) return ZSTD_CONTENTSIZE_ERROR;
    unsigned long long content = ZSTD_getFrameContentSize(input.data() + pos, input.size() - pos);
    if (content == ZSTD_CONTENTSIZE_ERROR || content == ZSTD_CONTENTSIZE_UNKNOWN) return content;
    total += content;
    pos += frame;
  }
  return input.empty() ? ZSTD_CONTENTSIZE_ERROR : total;
}

void DecompressGzip(std::span<const uint8_t> input, std::span<uint8_t> output,
                    std::string_view where) {
  z_stream stream{};
  // 15 + 32: accept both gzip and zlib headers, as writers differ.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) ThrowInternal("zlib inflateInit2 failed");
  stream.next_in = const_cast<Bytef*>(input.data());
  stream.avail_in = static_cast<uInt>(input.size());
  uint8_t empty_target = 0;  // zlib rejects a null output pointer even for zero bytes
  stream.next_out = output.empty() ? &empty_target : output.data();
  stream.avail_out = static_cast<uInt>(output.size());
  int status;
  while (true) {
    status = inflate(&stream, Z_FINISH);
    // Concatenated gzip members: keep going while input remains.
    if (status == Z_STREAM_END && stream.avail_in > 0 && stream.avail_out > 0) {
      if (inflateReset(&stream) != Z_OK) break;
      continue;
    }
    break;
  }
  size_t produced = output.size() - stream.avail_out;
  inflateEnd(&stream);
  if (status != Z_STREAM_END || produced != output.size()) {
    Fail(where, CompressionCodec::kGzip,
         "does not decompress to the " + std::to_string(output.size()) + " bytes announced" +
             (stream.msg ? std::string(" (") + stream.msg + ")" : std::string()));
  }
}

}  // namespace

void CheckUncompressedSize(CompressionCodec codec, std::span<const uint8_t> input,
                           size_t uncompressed_size, std::string_view where) {
  if (uncompressed_size > kMaxPageBytes) {
    Fail(where, codec,
         "claims " + std::to_string(uncompressed_size) + " uncompressed bytes, over the limit of " +
             std::to_string(kMaxPageBytes));
  }
  switch (codec) {
    case CompressionCodec::kUncompressed:
      if (input.size() != uncompressed_size) {
        Fail(where, codec,
             "is " + std::to_string(input.size()) + " bytes but the page claims " +
                 std::to_string(uncompressed_size));
      }
      return;
    case CompressionCodec::kSnappy: {
      size_t length = 0;
      if (!snappy::GetUncompressedLength(reinterpret_cast<const char*>(input.data()), input.size(),
                                         &length) ||
          length != uncompressed_size) {
        Fail(where, codec,
             "announces a different size than the page's " + std::to_string(uncompressed_size) +
                 " bytes");
      }
      return;
    }
    case CompressionCodec::kZstd: {
      unsigned long long size = ZstdContentSize(input);
      if (size == ZSTD_CONTENTSIZE_ERROR) Fail(where, codec, "has a bad frame header");
      if (size != ZSTD_CONTENTSIZE_UNKNOWN && size != uncompressed_size) {
        Fail(where, codec,
             "frames hold " + std::to_string(size) + " bytes, the page claims " +
                 std::to_string(uncompressed_size));
      }
      if (size == ZSTD_CONTENTSIZE_UNKNOWN && uncompressed_size / kMaxZstdRatio > input.size()) {
        Fail(
            where, codec,
            "cannot expand to the " + std::to_string(uncompressed_size) + " bytes the page claims");
      }
      return;
    }
    case CompressionCodec::kGzip:
      if (uncompressed_size / kMaxDeflateRatio > input.size() + 64) {
        Fail(
            where, codec,
            "cannot expand to the " + std::to_string(uncompressed_size) + " bytes the page claims");
      }
      return;
    case CompressionCodec::kLz4: {
      int64_t framed = HadoopLz4Size(input);
      if (framed >= 0 && static_cast<size_t>(framed) == uncompressed_size) return;
      [[fallthrough]];  // not Hadoop-framed: a raw block
    }
    case CompressionCodec::kLz4Raw:
      if (uncompressed_size / kMaxLz4Ratio > input.size() + 64) {
        Fail(
            where, codec,
            "cannot expand to the " + std::to_string(uncompressed_size) + " bytes the page claims");
      }
      return;
    default:
      ThrowUnsupported(std::string(where) + ": compression codec " + std::string(CodecName(codec)) +
                       " is not supported");
  }
}

void Decompress(CompressionCodec codec, std::span<const uint8_t> input, std::span<uint8_t> output,
                std::string_view where) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      if (input.size() != output.size()) {
        Fail(where, codec, "size differs from the page's uncompressed size");
      }
      if (!input.empty()) std::memcpy(output.data(), input.data(), input.size());
      return;
    case CompressionCodec::kSnappy: {
      size_t length = 0;
      const char* data = reinterpret_cast<const char*>(input.data());
      if (!snappy::GetUncompressedLength(data, input.size(), &length) || length != output.size() ||
          !snappy::RawUncompress(data, input.size(), reinterpret_cast<char*>(output.data()))) {
        Fail(where, codec,
             "does not decompress to the " + std::to_string(output.size()) + " bytes announced");
      }
      return;
    }
    case CompressionCodec::kZstd: {
      size_t got = ZSTD_decompress(output.data(), output.size(), input.data(), input.size());
      if (ZSTD_isError(got) || got != output.size()) {
        Fail(where, codec,
             "does not decompress to the " + std::to_string(output.size()) + " bytes announced" +
                 (ZSTD_isError(got) ? std::string(" (") + ZSTD_getErrorName(got) + ")" : ""));
      }
      return;
    }
    case CompressionCodec::kGzip: DecompressGzip(input, output, where); return;
    case CompressionCodec::kLz4:
      // Hadoop framing first; other writers put a raw block under this codec, so fall back.
      if (HadoopLz4Size(input) == static_cast<int64_t>(output.size()) &&
          DecompressHadoopLz4(input, output)) {
        return;
      }
      DecompressLz4Block(input, output, codec, where);
      return;
    case CompressionCodec::kLz4Raw: DecompressLz4Block(input, output, codec, where); return;
    default:
      ThrowUnsupported(std::string(where) + ": compression codec " + std::string(CodecName(codec)) +
                       " is not supported");
  }
}

std::string Compress(CompressionCodec codec, std::string_view input) {
  switch (codec) {
    case CompressionCodec::kUncompressed: return std::string(input);
    case CompressionCodec::kSnappy: {
      std::string output;
      snappy::Compress(input.data(), input.size(), &output);
      return output;
    }
    case CompressionCodec::kZstd: {
      std::string output(ZSTD_compressBound(input.size()), '\0');
      size_t size = ZSTD_compress(output.data(), output.size(), input.data(), input.size(),
                                  ZSTD_CLEVEL_DEFAULT);
      if (ZSTD_isError(size)) ThrowInternal(std::string("zstd: ") + ZSTD_getErrorName(size));
      output.resize(size);
      return output;
    }
    case CompressionCodec::kGzip: {
      z_stream stream{};
      // 15 + 16: a gzip header and trailer, as the Parquet spec asks.
      if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) != Z_OK) {
        ThrowInternal("zlib deflateInit2 failed");
      }
      std::string output(deflateBound(&stream, input.size()) + 32, '\0');
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
      stream.avail_in = static_cast<uInt>(input.size());
      stream.next_out = reinterpret_cast<Bytef*>(output.data());
      stream.avail_out = static_cast<uInt>(output.size());
      int status = deflate(&stream, Z_FINISH);
      size_t size = output.size() - stream.avail_out;
      deflateEnd(&stream);
      if (status != Z_STREAM_END) ThrowInternal("zlib deflate did not finish");
      output.resize(size);
      return output;
    }
    case CompressionCodec::kLz4Raw: {
      if (input.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
        ThrowInvalid("LZ4_RAW page of " + std::to_string(input.size()) + " bytes is too large");
      }
      std::string output(LZ4_compressBound(static_cast<int>(input.size())), '\0');
      int size = LZ4_compress_default(input.data(), output.data(), static_cast<int>(input.size()),
                                      static_cast<int>(output.size()));
      if (size <= 0) ThrowInternal("LZ4 compression failed");
      output.resize(static_cast<size_t>(size));
      return output;
    }
    default:
      ThrowUnsupported("writing compression codec " + std::string(CodecName(codec)) +
                       " is not supported");
  }
}

}  // namespace basin::formats::parquet
