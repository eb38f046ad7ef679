#pragma once

// Page compression codecs of Parquet: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW, and for
// reading only the deprecated Hadoop-framed LZ4 (codec LZ4).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "formats/parquet/parquet_metadata.hpp"

namespace basin::formats::parquet {

// Largest page we decompress (uncompressed bytes); larger claims are treated as corrupt.
constexpr size_t kMaxPageBytes = size_t{1} << 30;

// Checks, before the caller allocates the output, that `uncompressed_size` is plausible for
// `input`: within kMaxPageBytes, equal to the size the codec's own framing announces where it
// has one (SNAPPY preamble, ZSTD frame header, GZIP trailer, Hadoop LZ4 blocks), and within
// the codec's maximum expansion ratio otherwise. Throws Corrupt naming `where`.
void CheckUncompressedSize(CompressionCodec codec, std::span<const uint8_t> input,
                           size_t uncompressed_size, std::string_view where);

// Decompresses `input` into exactly output.size() bytes; Corrupt (naming `where`, e.g.
// "file.parquet: column x: page at byte offset 123") when the data does not decompress to
// exactly that size, and Unsupported for LZO, BROTLI and unknown codecs.
void Decompress(CompressionCodec codec, std::span<const uint8_t> input, std::span<uint8_t> output,
                std::string_view where);

// Compresses `input` with `codec` (not LZ4, which is write-deprecated, nor LZO/BROTLI).
std::string Compress(CompressionCodec codec, std::string_view input);

}  // namespace basin::formats::parquet
