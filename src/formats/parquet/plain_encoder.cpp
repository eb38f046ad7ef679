#include "formats/parquet/plain_encoder.hpp"

namespace basin::formats::parquet {

void PlainEncodeBooleans(const uint8_t* values, size_t count, std::string& out) {
  size_t start = out.size();
  out.resize(start + (count + 7) / 8);
  auto* bytes = reinterpret_cast<uint8_t*>(out.data() + start);
  size_t full = count / 8;
  for (size_t byte = 0; byte < full; ++byte) {
    const uint8_t* group = values + byte * 8;
    bytes[byte] =
        static_cast<uint8_t>(group[0] | group[1] << 1 | group[2] << 2 | group[3] << 3 |
                             group[4] << 4 | group[5] << 5 | group[6] << 6 | group[7] << 7);
  }
  if (full * 8 < count) {
    uint8_t last = 0;
    for (size_t i = full * 8; i < count; ++i) last |= static_cast<uint8_t>(values[i] << (i % 8));
    bytes[full] = last;
  }
}

void PlainEncodeByteArrays(const std::string_view* values, size_t count, std::string& out) {
  size_t total = 0;
  for (size_t i = 0; i < count; ++i) total += 4 + values[i].size();
  size_t start = out.size();
  out.resize(start + total);
  char* cursor = out.data() + start;
  for (size_t i = 0; i < count; ++i) {
    auto length = static_cast<uint32_t>(values[i].size());
    std::memcpy(cursor, &length, 4);
    if (length > 0) std::memcpy(cursor + 4, values[i].data(), length);
    cursor += 4 + length;
  }
}

void AppendBigEndianDecimal(types::int128_t value, int width, std::string& out) {
  auto bits = static_cast<unsigned __int128>(value);
  for (int b = width - 1; b >= 0; --b) out.push_back(static_cast<char>(bits >> (8 * b)));
}

void PlainEncodeDecimals(const types::int128_t* values, size_t count, int width, std::string& out) {
  size_t start = out.size();
  out.resize(start + count * static_cast<size_t>(width));
  auto* cursor = reinterpret_cast<uint8_t*>(out.data() + start);
  for (size_t i = 0; i < count; ++i) {
    auto bits = static_cast<unsigned __int128>(values[i]);
    for (int b = width - 1; b >= 0; --b) *cursor++ = static_cast<uint8_t>(bits >> (8 * b));
  }
}

}  // namespace basin::formats::parquet
