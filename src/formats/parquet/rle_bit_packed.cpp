#include "formats/parquet/rle_bit_packed.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <utility>

#include "common/error.hpp"

namespace basin::formats::parquet {

namespace {

inline uint64_t Load64(const uint8_t* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;  // Parquet is little-endian, as are the machines we build for
}

// One value at bit offset `bit` when fewer than 16 bytes may follow: byte by byte.
uint64_t ExtractSlow(const uint8_t* in, size_t in_size, size_t bit, int width) {
  size_t start = bit >> 3;
  unsigned __int128 word = 0;
  for (size_t k = 0; k < 9 && start + k < in_size; ++k) {
    word |= static_cast<unsigned __int128>(in[start + k]) << (8 * k);
  }
  word >>= (bit & 7);
  uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  return static_cast<uint64_t>(word) & mask;
}

// Unpacks with the width known at compile time, so the shifts and masks of each group of 8
// values are constants; the tail near the end of the input goes byte by byte.
template <typename T, int kWidth>
void UnpackFixed(const uint8_t* in, size_t in_size, size_t count, T* out) {
  if constexpr (kWidth == 0) {
    std::fill(out, out + count, T{0});
  } else {
    constexpr uint64_t kMask = kWidth == 64 ? ~uint64_t{0} : (uint64_t{1} << kWidth) - 1;
    // Group g reads bytes below g*kWidth + kWidth + 9: keep 16 bytes of slack.
    size_t fast_groups = in_size >= 16 ? (in_size - 16) / kWidth : 0;
    fast_groups = std::min(fast_groups, count / 8);
    for (size_t g = 0; g < fast_groups; ++g) {
      const uint8_t* base = in + g * kWidth;
      T* o = out + g * 8;
      for (int j = 0; j < 8; ++j) {
        const int bit = j * kWidth;
        uint64_t value = Load64(base + (bit >> 3)) >> (bit & 7);
        if constexpr (kWidth > 56) {
          if ((bit & 7) != 0) value |= uint64_t{base[(bit >> 3) + 8]} << (64 - (bit & 7));
        }
        o[j] = static_cast<T>(value & kMask);
      }
    }
    for (size_t i = fast_groups * 8; i < count; ++i) {
      out[i] = static_cast<T>(ExtractSlow(in, in_size, i * kWidth, kWidth));
    }
  }
}

template <typename T, size_t... kWidths>
constexpr auto MakeUnpackTable(std::index_sequence<kWidths...>) {
  using Fn = void (*)(const uint8_t*, size_t, size_t, T*);
  return std::array<Fn, sizeof...(kWidths)>{&UnpackFixed<T, static_cast<int>(kWidths)>...};
}

constexpr auto kUnpack32 = MakeUnpackTable<uint32_t>(std::make_index_sequence<33>());
constexpr auto kUnpack64 = MakeUnpackTable<uint64_t>(std::make_index_sequence<65>());

}  // namespace

void UnpackBits32(std::span<const uint8_t> in, int bit_width, size_t count, uint32_t* out) {
  if (bit_width < 0 || bit_width > 32) ThrowInternal("UnpackBits32: bad bit width");
  kUnpack32[bit_width](in.data(), in.size(), count, out);
}

void UnpackBits64(std::span<const uint8_t> in, int bit_width, size_t count, uint64_t* out) {
  if (bit_width < 0 || bit_width > 64) ThrowInternal("UnpackBits64: bad bit width");
  kUnpack64[bit_width](in.data(), in.size(), count, out);
}

int BitWidthFor(uint64_t max_value) {
  int width = 0;
  while (width < 64 && (max_value >> width) != 0) ++width;
  return width;
}

RleBitPackedDecoder::RleBitPackedDecoder(std::span<const uint8_t> data, int bit_width)
    : data_(data), bit_width_(bit_width) {
  if (bit_width < 0 || bit_width > 32) ThrowInternal("RleBitPackedDecoder: bad bit width");
}

void RleBitPackedDecoder::NextRun() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (pos_ >= data_.size()) {
      ThrowCorrupt("RLE/bit-packed data ends at byte " + std::to_string(pos_) +
                   " before all values were read");
    }
    if (shift > 28) ThrowCorrupt("RLE/bit-packed run header longer than 5 bytes");
    uint8_t byte = data_[pos_++];
    header |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if ((header & 1) == 0) {
    is_rle_ = true;
    run_remaining_ = header >> 1;
    size_t value_bytes = (static_cast<size_t>(bit_width_) + 7) / 8;
    if (value_bytes > data_.size() - pos_) {
      ThrowCorrupt("RLE run value runs past the end of the data at byte " + std::to_string(pos_));
    }
    uint32_t value = 0;
    for (size_t k = 0; k < value_bytes; ++k) value |= uint32_t{data_[pos_ + k]} << (8 * k);
    pos_ += value_bytes;
    rle_value_ = value;
  } else {
    is_rle_ = false;
    size_t groups = header >> 1;
    size_t bytes = groups * static_cast<size_t>(bit_width_);
    size_t available = data_.size() - pos_;
    // Writers pad the last group; some cut the padding off, so accept a short final run for
    // as many values as its bytes hold.
    size_t values = groups * 8;
    if (bytes > available) {
      values = bit_width_ == 0 ? values : available * 8 / static_cast<size_t>(bit_width_);
      bytes = available;
    }
    packed_ = data_.subspan(pos_, bytes);
    packed_index_ = 0;
    run_remaining_ = values;
    pos_ += bytes;
  }
}

void RleBitPackedDecoder::Decode(uint32_t* out, size_t count) {
  while (count > 0) {
    if (run_remaining_ == 0) {
      NextRun();
      continue;
    }
    size_t n = std::min(count, run_remaining_);
    if (is_rle_) {
      std::fill(out, out + n, rle_value_);
    } else {
      size_t bit = packed_index_ * static_cast<size_t>(bit_width_);
      if (bit % 8 == 0) {
        UnpackBits32(packed_.subspan(bit / 8), bit_width_, n, out);
      } else {
        // Resume mid-byte: unpack whole groups from the group start and drop the front.
        size_t skip = packed_index_ % 8;
        size_t group_bit = (packed_index_ - skip) * static_cast<size_t>(bit_width_);
        uint32_t scratch[8];
        size_t head = std::min(n, 8 - skip);
        UnpackBits32(packed_.subspan(group_bit / 8), bit_width_, skip + head, scratch);
        std::copy(scratch + skip, scratch + skip + head, out);
        if (n > head) {
          size_t next_bit = (packed_index_ + head) * static_cast<size_t>(bit_width_);
          UnpackBits32(packed_.subspan(next_bit / 8), bit_width_, n - head, out + head);
        }
      }
      packed_index_ += n;
    }
    run_remaining_ -= n;
    out += n;
    count -= n;
  }
}

void RleBitPackedDecoder::DecodeLevels(uint8_t* out, size_t count, uint8_t max_level) {
  uint32_t buffer[1024];
  while (count > 0) {
    if (run_remaining_ == 0) {
      NextRun();
      continue;
    }
    if (is_rle_) {
      // Long runs of one level (no NULLs, no repetition) cost one fill.
      size_t n = std::min(count, run_remaining_);
      if (rle_value_ > max_level) {
        ThrowCorrupt("level " + std::to_string(rle_value_) + " exceeds the maximum " +
                     std::to_string(max_level));
      }
      std::memset(out, static_cast<int>(rle_value_), n);
      run_remaining_ -= n;
      out += n;
      count -= n;
      continue;
    }
    size_t n = std::min({count, run_remaining_, std::size(buffer)});
    Decode(buffer, n);
    uint32_t highest = 0;
    for (size_t i = 0; i < n; ++i) {
      highest = std::max(highest, buffer[i]);
      out[i] = static_cast<uint8_t>(buffer[i]);
    }
    if (highest > max_level) {
      ThrowCorrupt("level " + std::to_string(highest) + " exceeds the maximum " +
                   std::to_string(max_level));
    }
    out += n;
    count -= n;
  }
}

size_t DecodeBitPackedLevels(std::span<const uint8_t> data, int bit_width, size_t count,
                             uint8_t max_level, uint8_t* out) {
  size_t bytes = (count * static_cast<size_t>(bit_width) + 7) / 8;
  if (bytes > data.size()) {
    ThrowCorrupt("BIT_PACKED levels need " + std::to_string(bytes) + " bytes, " +
                 std::to_string(data.size()) + " remain");
  }
  size_t bit = 0;
  for (size_t i = 0; i < count; ++i) {
    uint32_t value = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      value = (value << 1) | ((data[bit >> 3] >> (7 - (bit & 7))) & 1);
    }
    if (value > max_level) {
      ThrowCorrupt("level " + std::to_string(value) + " exceeds the maximum " +
                   std::to_string(max_level));
    }
    out[i] = static_cast<uint8_t>(value);
  }
  return bytes;
}

}  // namespace basin::formats::parquet
