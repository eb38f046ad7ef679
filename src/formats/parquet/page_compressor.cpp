#include "formats/parquet/page_compressor.hpp"

#include <snappy.h>
#include <zstd.h>

#include <algorithm>
#include <memory>

#include "common/error.hpp"
#include "formats/parquet/compression.hpp"

namespace basin::formats::parquet {

namespace {

// One per thread: the pool's threads keep theirs for the life of the process.
struct ThreadScratch {
  ZSTD_CCtx* zstd = nullptr;
  std::unique_ptr<char[]> buffer;
  size_t capacity = 0;
  std::string other;  // output of codecs that go through Compress()

  ~ThreadScratch() { ZSTD_freeCCtx(zstd); }

  // Room for `size` bytes (not zero-filled: compressors overwrite it).
  char* Reserve(size_t size) {
    if (size > capacity) {
      capacity = std::max(size, capacity + capacity / 2);
      buffer = std::make_unique_for_overwrite<char[]>(capacity);
    }
    return buffer.get();
  }
};

ThreadScratch& Scratch() {
  thread_local ThreadScratch scratch;
  return scratch;
}

}  // namespace

PageCompressor::PageCompressor(CompressionCodec codec, int level) : codec_(codec), level_(level) {
  if (codec_ == CompressionCodec::kZstd &&
      (level_ < ZSTD_minCLevel() || level_ > ZSTD_maxCLevel())) {
    ThrowInvalid("ZSTD level " + std::to_string(level_) + " is outside " +
                 std::to_string(ZSTD_minCLevel()) + ".." + std::to_string(ZSTD_maxCLevel()));
  }
}

std::string_view PageCompressor::Compress(std::string_view input) const {
  ThreadScratch& scratch = Scratch();
  switch (codec_) {
    case CompressionCodec::kUncompressed: return input;
    case CompressionCodec::kSnappy: {
      char* output = scratch.Reserve(snappy::MaxCompressedLength(input.size()));
      size_t size = 0;
      snappy::RawCompress(input.data(), input.size(), output, &size);
      return std::string_view(output, size);
    }
    case CompressionCodec::kZstd: {
      if (scratch.zstd == nullptr) {
        scratch.zstd = ZSTD_createCCtx();
        if (scratch.zstd == nullptr) ThrowInternal("ZSTD_createCCtx failed");
      }
      size_t bound = ZSTD_compressBound(input.size());
      char* output = scratch.Reserve(bound);
      size_t size = ZSTD_compressCCtx(scratch.zstd, output, bound, input.data(), input.size(),
                                      level_ == 0 ? ZSTD_CLEVEL_DEFAULT : level_);
      if (ZSTD_isError(size)) ThrowInternal(std::string("zstd: ") + ZSTD_getErrorName(size));
      return std::string_view(output, size);
    }
    default: scratch.other = parquet::Compress(codec_, input); return scratch.other;
  }
}

}  // namespace basin::formats::parquet
