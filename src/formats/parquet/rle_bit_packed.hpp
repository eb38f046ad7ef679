#pragma once

// Bit unpacking and the RLE / bit-packing hybrid encoding of Parquet, used for definition and
// repetition levels, dictionary indexes and RLE-encoded booleans.
//
// The hybrid stream is a sequence of runs, each led by a ULEB128 header: an even header is an
// RLE run of (header >> 1) copies of one value stored in ceil(bit_width / 8) little-endian
// bytes; an odd header is (header >> 1) groups of 8 values bit-packed LSB first.

#include <cstddef>
#include <cstdint>
#include <span>

namespace basin::formats::parquet {

// Unpacks `count` values of `bit_width` (0..32) bits, packed LSB first, from the start of
// `in` into `out`. REQUIRES: in.size() * 8 >= count * bit_width.
void UnpackBits32(std::span<const uint8_t> in, int bit_width, size_t count, uint32_t* out);
// The same for widths 0..64.
void UnpackBits64(std::span<const uint8_t> in, int bit_width, size_t count, uint64_t* out);

// Bits needed to store values 0..max_value.
int BitWidthFor(uint64_t max_value);

class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  // REQUIRES: 0 <= bit_width <= 32 (callers check widths read from files and throw Corrupt).
  RleBitPackedDecoder(std::span<const uint8_t> data, int bit_width);

  // Decodes the next `count` values into `out`. Throws Corrupt when the data ends first.
  void Decode(uint32_t* out, size_t count);
  // Decodes `count` levels into `out`, throwing Corrupt when one exceeds `max_level`.
  void DecodeLevels(uint8_t* out, size_t count, uint8_t max_level);

  // Bytes of the input consumed by the runs started so far.
  size_t position() const { return pos_; }

 private:
  // Loads the next run; throws Corrupt at the end of the data.
  void NextRun();

  std::span<const uint8_t> data_;
  int bit_width_ = 0;
  size_t pos_ = 0;
  // The current run: RLE (repeat `rle_value_`) or bit-packed (values from `packed_`).
  bool is_rle_ = true;
  size_t run_remaining_ = 0;
  uint32_t rle_value_ = 0;
  std::span<const uint8_t> packed_;
  size_t packed_index_ = 0;  // values of the packed run already consumed
};

// Decodes the deprecated BIT_PACKED level encoding (MSB first, no run headers) of `count`
// levels; returns the bytes it used. Throws Corrupt when the data is short or a level
// exceeds `max_level`.
size_t DecodeBitPackedLevels(std::span<const uint8_t> data, int bit_width, size_t count,
                             uint8_t max_level, uint8_t* out);

}  // namespace basin::formats::parquet
