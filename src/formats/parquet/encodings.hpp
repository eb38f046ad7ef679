#pragma once

// Value encodings of Parquet data pages other than dictionary indexes: PLAIN for booleans and
// byte arrays (fixed-width PLAIN values are plain little-endian bytes the caller copies),
// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
//
// Every decoder works on a bounded span and throws Corrupt (without file context; the column
// reader adds it) when a count or length does not fit the bytes that remain.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "columnar/string_heap.hpp"

namespace basin::formats::parquet {

// PLAIN BOOLEAN: `count` bits, LSB first, into 0/1 bytes.
void DecodePlainBooleans(std::span<const uint8_t> data, size_t count, uint8_t* out);

// PLAIN BYTE_ARRAY: `count` values, each a 4-byte little-endian length and its bytes, as views
// into `data`. Returns the bytes consumed.
size_t DecodePlainByteArrays(std::span<const uint8_t> data, size_t count, std::string_view* out);

// PLAIN FIXED_LEN_BYTE_ARRAY: `count` values of `width` bytes, as views into `data`.
void DecodePlainFixedByteArrays(std::span<const uint8_t> data, size_t count, size_t width,
                                std::string_view* out);

// DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, first value)
// then blocks of (min delta, miniblock bit widths, bit-packed miniblocks). Values are computed
// with wrapping 64-bit arithmetic; INT32 columns truncate, which equals 32-bit wrapping.
class DeltaBinaryPackedDecoder {
 public:
  // Parses the header; throws Corrupt when it is malformed.
  explicit DeltaBinaryPackedDecoder(std::span<const uint8_t> data);

  // Values the stream holds, as its header says.
  size_t total_values() const { return total_values_; }
  // Decodes the next `count` values; throws Corrupt past the stream's end or its data's.
  void Decode(int64_t* out, size_t count);
  void Decode(int32_t* out, size_t count);
  // Bytes used so far; after the last value, the stream's length (where the data that follows
  // a DELTA_LENGTH_BYTE_ARRAY's lengths starts).
  size_t position() const { return pos_; }

 private:
  uint64_t ReadVarint();
  void LoadMiniblock();

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  size_t values_per_block_ = 0;
  size_t miniblocks_per_block_ = 0;
  size_t values_per_miniblock_ = 0;
  size_t total_values_ = 0;
  size_t values_read_ = 0;
  uint64_t last_value_ = 0;
  uint64_t min_delta_ = 0;
  std::vector<uint8_t> bit_widths_;
  size_t miniblock_index_ = 0;  // next miniblock of the current block
  std::vector<uint64_t> deltas_;
  size_t delta_pos_ = 0;  // next unread entry of deltas_
  size_t deltas_size_ = 0;
};

// DELTA_LENGTH_BYTE_ARRAY: the lengths as DELTA_BINARY_PACKED, then all bytes back to back.
// Returns the bytes consumed.
size_t DecodeDeltaLengthByteArrays(std::span<const uint8_t> data, size_t count,
                                   std::string_view* out);

// DELTA_BYTE_ARRAY: prefix lengths and suffix lengths (both DELTA_BINARY_PACKED), then the
// suffixes; value i is the first prefix[i] bytes of value i-1 followed by suffix i. Values
// with a shared prefix are built in `heap`; the others point into `data`. Throws Corrupt when
// the values would total more than `max_total_bytes` (the expansion is otherwise quadratic).
void DecodeDeltaByteArrays(std::span<const uint8_t> data, size_t count, std::string_view* out,
                           columnar::StringHeap& heap, size_t max_total_bytes);

// BYTE_STREAM_SPLIT: byte k of value i is at data[k * stride + i], stride = data.size() / width.
// Writes `count` values of `width` bytes, little-endian, to `out`.
void DecodeByteStreamSplit(std::span<const uint8_t> data, size_t count, size_t width, uint8_t* out);

}  // namespace basin::formats::parquet
