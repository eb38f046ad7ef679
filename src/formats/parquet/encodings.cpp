#include "formats/parquet/encodings.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "common/error.hpp"
#include "formats/parquet/rle_bit_packed.hpp"

namespace basin::formats::parquet {

namespace {

// Largest DELTA_BINARY_PACKED block we accept; writers use 128 to a few thousand.
constexpr size_t kMaxDeltaBlockValues = size_t{1} << 20;

std::string Str(size_t n) { return std::to_string(n); }

}  // namespace

void DecodePlainBooleans(std::span<const uint8_t> data, size_t count, uint8_t* out) {
  if ((count + 7) / 8 > data.size()) {
    ThrowCorrupt("PLAIN booleans need " + Str((count + 7) / 8) + " bytes, " + Str(data.size()) +
                 " remain");
  }
  size_t full = count / 8;
  for (size_t i = 0; i < full; ++i) {
    uint8_t byte = data[i];
    for (int b = 0; b < 8; ++b) out[i * 8 + b] = (byte >> b) & 1;
  }
  for (size_t i = full * 8; i < count; ++i) out[i] = (data[i >> 3] >> (i & 7)) & 1;
}

size_t DecodePlainByteArrays(std::span<const uint8_t> data, size_t count, std::string_view* out) {
  const uint8_t* base = data.data();
  size_t size = data.size();
  size_t pos = 0;
  for (size_t i = 0; i < count; ++i) {
    if (size - pos < 4) {
      ThrowCorrupt("PLAIN byte array " + Str(i) + " of " + Str(count) +
                   ": length runs past the end of the page at byte " + Str(pos));
    }
    uint32_t length;
    std::memcpy(&length, base + pos, 4);
    pos += 4;
    if (length > size - pos) {
      ThrowCorrupt("PLAIN byte array " + Str(i) + " of " + Str(count) + " claims " + Str(length) +
                   " bytes at byte " + Str(pos) + ", " + Str(size - pos) + " remain");
    }
    out[i] = std::string_view(reinterpret_cast<const char*>(base + pos), length);
    pos += length;
  }
  return pos;
}

void DecodePlainFixedByteArrays(std::span<const uint8_t> data, size_t count, size_t width,
                                std::string_view* out) {
  if (width != 0 && count > data.size() / width) {
    ThrowCorrupt("PLAIN fixed-length values need " + Str(count) + " x " + Str(width) + " bytes, " +
                 Str(data.size()) + " remain");
  }
  const char* base = reinterpret_cast<const char*>(data.data());
  for (size_t i = 0; i < count; ++i) out[i] = std::string_view(base + i * width, width);
}

// --- DELTA_BINARY_PACKED ---

uint64_t DeltaBinaryPackedDecoder::ReadVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos_ >= data_.size()) {
      ThrowCorrupt("DELTA_BINARY_PACKED data ends inside a varint at byte " + Str(pos_));
    }
    uint8_t byte = data_[pos_++];
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  ThrowCorrupt("DELTA_BINARY_PACKED varint longer than 10 bytes at byte " + Str(pos_));
}

DeltaBinaryPackedDecoder::DeltaBinaryPackedDecoder(std::span<const uint8_t> data) : data_(data) {
  uint64_t block = ReadVarint();
  uint64_t miniblocks = ReadVarint();
  uint64_t total = ReadVarint();
  uint64_t first = ReadVarint();
  if (block == 0 || block % 128 != 0 || block > kMaxDeltaBlockValues) {
    ThrowCorrupt("DELTA_BINARY_PACKED block size " + std::to_string(block) +
                 " is not a positive multiple of 128 up to " + Str(kMaxDeltaBlockValues));
  }
  if (miniblocks == 0 || block % miniblocks != 0 || (block / miniblocks) % 8 != 0) {
    ThrowCorrupt("DELTA_BINARY_PACKED block of " + std::to_string(block) + " values cannot hold " +
                 std::to_string(miniblocks) + " miniblocks");
  }
  if (total > (uint64_t{1} << 40)) {
    ThrowCorrupt("DELTA_BINARY_PACKED claims " + std::to_string(total) + " values");
  }
  values_per_block_ = block;
  miniblocks_per_block_ = miniblocks;
  values_per_miniblock_ = block / miniblocks;
  total_values_ = total;
  last_value_ = (first >> 1) ^ (~(first & 1) + 1);
  miniblock_index_ = miniblocks_per_block_;  // forces a block header before the first delta
}

void DeltaBinaryPackedDecoder::LoadMiniblock() {
  if (miniblock_index_ == miniblocks_per_block_) {
    uint64_t zigzag = ReadVarint();
    min_delta_ = (zigzag >> 1) ^ (~(zigzag & 1) + 1);
    if (miniblocks_per_block_ > data_.size() - pos_) {
      ThrowCorrupt("DELTA_BINARY_PACKED bit widths run past the end of the data at byte " +
                   Str(pos_));
    }
    bit_widths_.assign(data_.begin() + pos_, data_.begin() + pos_ + miniblocks_per_block_);
    pos_ += miniblocks_per_block_;
    miniblock_index_ = 0;
  }
  int width = bit_widths_[miniblock_index_++];
  if (width > 64) {
    ThrowCorrupt("DELTA_BINARY_PACKED miniblock bit width " + std::to_string(width) +
                 " exceeds 64");
  }
  // Only the values still expected are needed; a final miniblock may lack its padding.
  size_t wanted = std::min(values_per_miniblock_, total_values_ - values_read_);
  size_t full_bytes = values_per_miniblock_ * static_cast<size_t>(width) / 8;
  size_t needed_bytes = (wanted * static_cast<size_t>(width) + 7) / 8;
  size_t available = data_.size() - pos_;
  if (needed_bytes > available) {
    ThrowCorrupt("DELTA_BINARY_PACKED miniblock needs " + Str(needed_bytes) + " bytes at byte " +
                 Str(pos_) + ", " + Str(available) + " remain");
  }
  if (deltas_.size() < values_per_miniblock_) deltas_.resize(values_per_miniblock_);
  UnpackBits64(data_.subspan(pos_, std::min(full_bytes, available)), width, wanted, deltas_.data());
  pos_ += std::min(full_bytes, available);
  delta_pos_ = 0;
  deltas_size_ = wanted;
}

void DeltaBinaryPackedDecoder::Decode(int64_t* out, size_t count) {
  if (count > total_values_ - values_read_) {
    ThrowCorrupt("DELTA_BINARY_PACKED stream holds " + Str(total_values_) + " values, " +
                 Str(values_read_ + count) + " were expected");
  }
  size_t i = 0;
  if (count > 0 && values_read_ == 0) {
    out[i++] = static_cast<int64_t>(last_value_);
    ++values_read_;
  }
  while (i < count) {
    if (delta_pos_ == deltas_size_) LoadMiniblock();
    size_t n = std::min(count - i, deltas_size_ - delta_pos_);
    uint64_t value = last_value_;
    const uint64_t* deltas = deltas_.data() + delta_pos_;
    for (size_t k = 0; k < n; ++k) {
      value += min_delta_ + deltas[k];
      out[i + k] = static_cast<int64_t>(value);
    }
    last_value_ = value;
    delta_pos_ += n;
    values_read_ += n;
    i += n;
  }
}

void DeltaBinaryPackedDecoder::Decode(int32_t* out, size_t count) {
  int64_t buffer[512];
  while (count > 0) {
    size_t n = std::min(count, std::size(buffer));
    Decode(buffer, n);
    for (size_t k = 0; k < n; ++k) out[k] = static_cast<int32_t>(buffer[k]);
    out += n;
    count -= n;
  }
}

// --- byte arrays ---

namespace {

// Decodes `count` non-negative lengths from a DELTA_BINARY_PACKED stream at the start of `data`;
// returns the stream's length in bytes.
size_t DecodeLengths(std::span<const uint8_t> data, size_t count, std::vector<int64_t>& lengths,
                     const char* what) {
  DeltaBinaryPackedDecoder decoder(data);
  if (decoder.total_values() != count) {
    ThrowCorrupt(std::string(what) + " holds " + Str(decoder.total_values()) + " values, " +
                 Str(count) + " were expected");
  }
  lengths.resize(count);
  decoder.Decode(lengths.data(), count);
  for (size_t i = 0; i < count; ++i) {
    if (lengths[i] < 0 || lengths[i] > INT32_MAX) {
      ThrowCorrupt(std::string(what) + " length " + std::to_string(lengths[i]) + " of value " +
                   Str(i) + " is out of range");
    }
  }
  return decoder.position();
}

}  // namespace

size_t DecodeDeltaLengthByteArrays(std::span<const uint8_t> data, size_t count,
                                   std::string_view* out) {
  std::vector<int64_t> lengths;
  size_t pos = DecodeLengths(data, count, lengths, "DELTA_LENGTH_BYTE_ARRAY");
  const char* base = reinterpret_cast<const char*>(data.data());
  for (size_t i = 0; i < count; ++i) {
    size_t length = static_cast<size_t>(lengths[i]);
    if (length > data.size() - pos) {
      ThrowCorrupt("DELTA_LENGTH_BYTE_ARRAY value " + Str(i) + " of " + Str(length) +
                   " bytes runs past the end of the page");
    }
    out[i] = std::string_view(base + pos, length);
    pos += length;
  }
  return pos;
}

void DecodeDeltaByteArrays(std::span<const uint8_t> data, size_t count, std::string_view* out,
                           columnar::StringHeap& heap, size_t max_total_bytes) {
  std::vector<int64_t> prefixes;
  std::vector<int64_t> suffixes;
  size_t pos = DecodeLengths(data, count, prefixes, "DELTA_BYTE_ARRAY prefix lengths");
  pos += DecodeLengths(data.subspan(pos), count, suffixes, "DELTA_BYTE_ARRAY suffix lengths");
  const char* base = reinterpret_cast<const char*>(data.data());
  std::string_view previous;
  size_t total = 0;
  for (size_t i = 0; i < count; ++i) {
    size_t prefix = static_cast<size_t>(prefixes[i]);
    size_t suffix = static_cast<size_t>(suffixes[i]);
    if (prefix > previous.size()) {
      ThrowCorrupt("DELTA_BYTE_ARRAY value " + Str(i) + " reuses " + Str(prefix) + " bytes of a " +
                   Str(previous.size()) + "-byte predecessor");
    }
    if (suffix > data.size() - pos) {
      ThrowCorrupt("DELTA_BYTE_ARRAY suffix " + Str(i) + " of " + Str(suffix) +
                   " bytes runs past the end of the page");
    }
    total += prefix + suffix;
    if (total > max_total_bytes) {
      ThrowCorrupt("DELTA_BYTE_ARRAY values expand past " + Str(max_total_bytes) + " bytes");
    }
    if (prefix == 0) {
      out[i] = std::string_view(base + pos, suffix);
    } else {
      char* target = heap.Allocate(prefix + suffix);
      std::memcpy(target, previous.data(), prefix);
      if (suffix > 0) std::memcpy(target + prefix, base + pos, suffix);
      out[i] = std::string_view(target, prefix + suffix);
    }
    pos += suffix;
    previous = out[i];
  }
}

void DecodeByteStreamSplit(std::span<const uint8_t> data, size_t count, size_t width,
                           uint8_t* out) {
  if (width == 0 || data.size() % width != 0 || data.size() / width < count) {
    ThrowCorrupt("BYTE_STREAM_SPLIT data of " + Str(data.size()) + " bytes does not hold " +
                 Str(count) + " values of " + Str(width) + " bytes");
  }
  size_t stride = data.size() / width;
  for (size_t k = 0; k < width; ++k) {
    const uint8_t* stream = data.data() + k * stride;
    for (size_t i = 0; i < count; ++i) out[i * width + k] = stream[i];
  }
}

}  // namespace basin::formats::parquet
