#include "formats/parquet/rle_bit_packed_encoder.hpp"

#include <cstring>

namespace basin::formats::parquet {

namespace {

// A run shorter than this is cheaper (or no worse) bit-packed than as its own RLE run.
constexpr size_t kMinRleRun = 8;

// Bit-packs values[0, count) LSB first, padding the last group of 8 with zeros, preceded by
// the bit-packed run header.
template <typename T>
void AppendBitPacked(const T* values, size_t count, int bit_width, std::string& out) {
  size_t groups = (count + 7) / 8;
  AppendUleb128((uint64_t{groups} << 1) | 1, out);
  if (bit_width == 0) return;
  size_t start = out.size();
  out.resize(start + groups * static_cast<size_t>(bit_width));
  auto* cursor = reinterpret_cast<uint8_t*>(out.data() + start);
  // Values collect in a 64-bit buffer that is stored 32 bits at a time; `value << bits` fits
  // since bits < 32 and values have at most 32 bits.
  uint64_t buffer = 0;
  int bits = 0;
  size_t padded = groups * 8;
  for (size_t i = 0; i < padded; ++i) {
    uint64_t value = i < count ? static_cast<uint64_t>(values[i]) : 0;
    buffer |= value << bits;
    bits += bit_width;
    if (bits >= 32) {
      auto word = static_cast<uint32_t>(buffer);
      std::memcpy(cursor, &word, 4);
      cursor += 4;
      buffer >>= 32;
      bits -= 32;
    }
  }
  // groups * 8 * bit_width bits is a whole number of bytes.
  for (; bits > 0; bits -= 8) {
    *cursor++ = static_cast<uint8_t>(buffer);
    buffer >>= 8;
  }
}

template <typename T>
void Encode(const T* values, size_t count, int bit_width, std::string& out) {
  size_t literal_start = 0;
  size_t i = 0;
  while (i < count) {
    T value = values[i];
    size_t j = i + 1;
    while (j < count && values[j] == value) ++j;
    size_t run = j - i;
    if (run >= kMinRleRun) {
      // Bit-packed runs hold whole groups of 8, so pending literals borrow the first values
      // of this run to fill their last group.
      size_t literals = i - literal_start;
      size_t pad = (8 - literals % 8) % 8;
      if (run - pad >= kMinRleRun) {
        if (literals > 0) AppendBitPacked(values + literal_start, literals + pad, bit_width, out);
        AppendRleRun(static_cast<uint32_t>(value), run - pad, bit_width, out);
        literal_start = j;
      }
    }
    i = j;
  }
  if (literal_start < count) {
    AppendBitPacked(values + literal_start, count - literal_start, bit_width, out);
  }
}

}  // namespace

void AppendUleb128(uint64_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void AppendRleRun(uint32_t value, size_t count, int bit_width, std::string& out) {
  if (count == 0) return;
  AppendUleb128(uint64_t{count} << 1, out);
  int value_bytes = (bit_width + 7) / 8;
  for (int b = 0; b < value_bytes; ++b) out.push_back(static_cast<char>(value >> (8 * b)));
}

void EncodeRleBitPacked(const uint16_t* values, size_t count, int bit_width, std::string& out) {
  Encode(values, count, bit_width, out);
}

void EncodeRleBitPacked(const uint32_t* values, size_t count, int bit_width, std::string& out) {
  Encode(values, count, bit_width, out);
}

}  // namespace basin::formats::parquet
