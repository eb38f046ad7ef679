#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/parquet/rle_bit_packed.hpp"  // BitWidthFor, and the decoder

namespace basin::formats::parquet {

// Appends the RLE / bit-packed hybrid encoding (Parquet "RLE", used for definition and
// repetition levels and dictionary indices) of `count` values, each < 2^bit_width, to `out`.
// No length prefix is written: v1 data pages put one in front of levels, dictionary indices
// get a bit-width byte instead; callers add either.
//
// Runs of 8 or more equal values become RLE runs; everything else is bit-packed in groups of 8,
// the last group padded with zeros (readers stop at the value count they know).
// REQUIRES: 0 <= bit_width <= 32.
void EncodeRleBitPacked(const uint16_t* values, size_t count, int bit_width, std::string& out);
void EncodeRleBitPacked(const uint32_t* values, size_t count, int bit_width, std::string& out);

// Appends one RLE run: `count` copies of `value` (the cheap way to encode a page whose levels
// are all equal).
void AppendRleRun(uint32_t value, size_t count, int bit_width, std::string& out);

// Appends `value` as a ULEB128 varint (run headers use it).
void AppendUleb128(uint64_t value, std::string& out);

}  // namespace basin::formats::parquet
