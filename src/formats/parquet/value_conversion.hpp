#pragma once

// Turns decoded physical Parquet values into the values of a leaf's Basin type (see
// ValueConversion in parquet_schema.hpp), writing straight into a Vector's data buffer.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "columnar/vector.hpp"
#include "formats/parquet/parquet_schema.hpp"

namespace basin::formats::parquet {

// Bytes one PLAIN value of a physical type takes (FIXED_LEN_BYTE_ARRAY: type_length; BOOLEAN
// and BYTE_ARRAY: 0, as they are not fixed-width bytes).
size_t PhysicalWidth(const LeafColumn& leaf);

// True when values of the leaf's physical type arrive as byte strings (BYTE_ARRAY, and
// FIXED_LEN_BYTE_ARRAY unless it converts from raw bytes, as FLOAT16 does).
bool UsesByteViews(const LeafColumn& leaf);

// Converts `count` little-endian fixed-width physical values at `raw` into rows
// [row, row + count) of `out`.
void ConvertFixed(const LeafColumn& leaf, const uint8_t* raw, size_t count, columnar::Vector& out,
                  size_t row);

// Converts `count` byte-string values into rows [row, row + count) of `out`. BINARY and
// VARCHAR targets store the views themselves (the caller keeps their bytes alive in out's
// heap); VARCHAR is validated as UTF-8. Returns the index of the first invalid UTF-8 value, or
// `count` when all are valid. Throws Corrupt for a decimal wider than 16 significant bytes or
// a UUID of the wrong length. `in_order` promises the views lie in increasing order within one
// buffer (PLAIN and DELTA_LENGTH pages), so an all-ASCII region is validated in one pass.
size_t ConvertViews(const LeafColumn& leaf, const std::string_view* views, size_t count,
                    columnar::Vector& out, size_t row, bool in_order = false);

// True when no byte of [data, data + size) has its high bit set.
bool IsAscii(const char* data, size_t size);

// Big-endian two's complement bytes (any length; leading sign bytes beyond 16 are allowed) as
// an int128. Returns false when the value does not fit.
bool DecimalFromBytes(std::string_view bytes, __int128& value);

// "00112233-4455-6677-8899-aabbccddeeff" for 16 bytes.
void FormatUuid(const uint8_t* bytes, char* out36);

float HalfToFloat(uint16_t half);

}  // namespace basin::formats::parquet
