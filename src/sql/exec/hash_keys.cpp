#include "sql/exec/hash_keys.hpp"

#include <cmath>
#include <cstring>
#include <string_view>
#include <vector>

namespace basin::sql {

using columnar::Vector;
using types::PhysicalType;

namespace {

constexpr uint64_t kNullHash = 0x5bd1e9955bd1e995ULL;

// Up to 8 bytes as one word without a variable-length copy: two overlapping 4-byte loads, or
// the first, middle and last byte.
inline uint64_t LoadTail(const char* p, size_t n) {
  if (n >= 4) {
    uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    return (uint64_t{first} << 32) | last;
  }
  if (n == 0) return 0;
  return (uint64_t{static_cast<uint8_t>(p[0])} << 16) |
         (uint64_t{static_cast<uint8_t>(p[n >> 1])} << 8) | static_cast<uint8_t>(p[n - 1]);
}

uint64_t HashBytes(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = (n + 1) * 0x9e3779b97f4a7c15ULL;
  while (n > 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ word) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  return MixHash(h ^ LoadTail(p, n));
}

template <typename T>
uint64_t HashOne(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    double d = static_cast<double>(value);
    if (d == 0) d = 0;  // -0.0 and 0.0 hash alike
    if (std::isnan(d)) return 0x7ff8000000000001ULL;
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    return MixHash(bits);
  } else if constexpr (sizeof(T) == 16) {
    auto u = static_cast<unsigned __int128>(value);
    return MixHash(static_cast<uint64_t>(u) ^ MixHash(static_cast<uint64_t>(u >> 64)));
  } else {
    return MixHash(static_cast<uint64_t>(static_cast<int64_t>(value)));
  }
}

template <typename T>
void HashTyped(const Vector& column, size_t rows, uint64_t* hashes, bool combine) {
  const T* values = column.data<T>();
  const bool all_valid = column.validity().AllValid();
  for (size_t i = 0; i < rows; ++i) {
    uint64_t h;
    if (!all_valid && column.IsNull(i)) {
      h = kNullHash;
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      h = HashBytes(values[i]);
    } else {
      h = HashOne(values[i]);
    }
    hashes[i] = combine ? CombineHash(hashes[i], h) : h;
  }
}

void HashNested(const Vector& column, size_t rows, uint64_t* hashes, bool combine) {
  std::vector<uint64_t> row_hashes(rows, 0x2545f4914f6cdd1dULL);
  if (column.physical() == PhysicalType::kStruct) {
    for (size_t c = 0; c < column.child_count(); ++c) {
      HashColumn(column.child(c), rows, row_hashes.data(), true);
    }
  } else {
    const int64_t* offsets = column.offsets();
    const size_t elements = rows == 0 ? 0 : static_cast<size_t>(offsets[rows]);
    std::vector<uint64_t> element_hashes(elements);
    if (elements > 0) HashColumn(column.child(0), elements, element_hashes.data(), false);
    for (size_t i = 0; i < rows; ++i) {
      uint64_t h = MixHash(static_cast<uint64_t>(offsets[i + 1] - offsets[i]));
      for (int64_t e = offsets[i]; e < offsets[i + 1]; ++e) {
        h = CombineHash(h, element_hashes[static_cast<size_t>(e)]);
      }
      row_hashes[i] = h;
    }
  }
  for (size_t i = 0; i < rows; ++i) {
    uint64_t h = column.IsNull(i) ? kNullHash : row_hashes[i];
    hashes[i] = combine ? CombineHash(hashes[i], h) : h;
  }
}

template <typename T>
bool FloatEqual(T a, T b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

}  // namespace

void HashColumn(const Vector& column, size_t rows, uint64_t* hashes, bool combine) {
  switch (column.physical()) {
    case PhysicalType::kBool: HashTyped<uint8_t>(column, rows, hashes, combine); break;
    case PhysicalType::kInt8: HashTyped<int8_t>(column, rows, hashes, combine); break;
    case PhysicalType::kInt16: HashTyped<int16_t>(column, rows, hashes, combine); break;
    case PhysicalType::kInt32: HashTyped<int32_t>(column, rows, hashes, combine); break;
    case PhysicalType::kInt64: HashTyped<int64_t>(column, rows, hashes, combine); break;
    case PhysicalType::kInt128: HashTyped<__int128>(column, rows, hashes, combine); break;
    case PhysicalType::kFloat: HashTyped<float>(column, rows, hashes, combine); break;
    case PhysicalType::kDouble: HashTyped<double>(column, rows, hashes, combine); break;
    case PhysicalType::kString:
      HashTyped<std::string_view>(column, rows, hashes, combine);
      break;
    case PhysicalType::kList:
    case PhysicalType::kStruct: HashNested(column, rows, hashes, combine); break;
  }
}

void HashColumns(std::span<const Vector* const> columns, size_t rows, uint64_t* hashes) {
  if (columns.empty()) {
    for (size_t i = 0; i < rows; ++i) hashes[i] = 0x1234567887654321ULL;
    return;
  }
  for (size_t c = 0; c < columns.size(); ++c) HashColumn(*columns[c], rows, hashes, c > 0);
}

bool KeyValuesEqual(const Vector& a, size_t a_row, const Vector& b, size_t b_row) {
  const bool a_null = a.IsNull(a_row);
  const bool b_null = b.IsNull(b_row);
  if (a_null || b_null) return a_null == b_null;
  switch (a.physical()) {
    case PhysicalType::kBool: return a.data<uint8_t>()[a_row] == b.data<uint8_t>()[b_row];
    case PhysicalType::kInt8: return a.data<int8_t>()[a_row] == b.data<int8_t>()[b_row];
    case PhysicalType::kInt16: return a.data<int16_t>()[a_row] == b.data<int16_t>()[b_row];
    case PhysicalType::kInt32: return a.data<int32_t>()[a_row] == b.data<int32_t>()[b_row];
    case PhysicalType::kInt64: return a.data<int64_t>()[a_row] == b.data<int64_t>()[b_row];
    case PhysicalType::kInt128: return a.data<__int128>()[a_row] == b.data<__int128>()[b_row];
    case PhysicalType::kFloat: return FloatEqual(a.data<float>()[a_row], b.data<float>()[b_row]);
    case PhysicalType::kDouble:
      return FloatEqual(a.data<double>()[a_row], b.data<double>()[b_row]);
    case PhysicalType::kString:
      return a.data<std::string_view>()[a_row] == b.data<std::string_view>()[b_row];
    case PhysicalType::kStruct:
      for (size_t c = 0; c < a.child_count(); ++c) {
        if (!KeyValuesEqual(a.child(c), a_row, b.child(c), b_row)) return false;
      }
      return true;
    case PhysicalType::kList: {
      int64_t a_begin = a.offsets()[a_row], a_end = a.offsets()[a_row + 1];
      int64_t b_begin = b.offsets()[b_row], b_end = b.offsets()[b_row + 1];
      if (a_end - a_begin != b_end - b_begin) return false;
      for (int64_t i = 0; i < a_end - a_begin; ++i) {
        if (!KeyValuesEqual(a.child(0), static_cast<size_t>(a_begin + i), b.child(0),
                            static_cast<size_t>(b_begin + i))) {
          return false;
        }
      }
      return true;
    }
  }
  return false;
}

bool MarkNullRows(std::span<const Vector* const> columns, size_t rows, uint8_t* has_null) {
  bool any = false;
  for (const Vector* column : columns) {
    if (column->validity().AllValid()) continue;
    for (size_t i = 0; i < rows; ++i) {
      if (column->IsNull(i)) {
        has_null[i] = 1;
        any = true;
      }
    }
  }
  return any;
}

}  // namespace basin::sql
