#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "types/decimal.hpp"

namespace basin::formats::parquet {

static_assert(std::endian::native == std::endian::little,
              "PLAIN encoding is little-endian; the writer copies values as they lie in memory");

// PLAIN encoding (Parquet's baseline encoding) appended to `out`.

// INT32, INT64, FLOAT, DOUBLE: the values' little-endian bytes back to back.
template <typename T>
void PlainEncodeFixed(const T* values, size_t count, std::string& out) {
  out.append(reinterpret_cast<const char*>(values), count * sizeof(T));
}

// BOOLEAN: one bit per value, least significant bit first. `values` are 0 or 1.
void PlainEncodeBooleans(const uint8_t* values, size_t count, std::string& out);

// BYTE_ARRAY: each value as a 4-byte little-endian length and its bytes.
// REQUIRES: every value is shorter than 2^31 bytes (the caller checks).
void PlainEncodeByteArrays(const std::string_view* values, size_t count, std::string& out);

// FIXED_LEN_BYTE_ARRAY holding a DECIMAL: each value's two's complement, big-endian, in
// `width` bytes (1..16). REQUIRES: the values fit in `width` bytes.
void PlainEncodeDecimals(const types::int128_t* values, size_t count, int width, std::string& out);

// One decimal's big-endian two's complement bytes (statistics use the same form).
void AppendBigEndianDecimal(types::int128_t value, int width, std::string& out);

}  // namespace basin::formats::parquet
