#pragma once

// Row comparison for sorting inside the hash operators (window partitions, ordered
// aggregates): one typed comparison function per key column, chosen once, with direction and
// NULL placement applied on top.

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

#include "columnar/vector.hpp"
#include "sql/exec/hash_keys.hpp"

namespace basin::sql {

// Ascending comparison of two rows of one vector, NULLs handled by the caller.
using CompareFn = int (*)(const columnar::Vector&, size_t, size_t);

template <typename T>
int CompareTyped(const columnar::Vector& v, size_t a, size_t b) {
  const T x = v.data<T>()[a];
  const T y = v.data<T>()[b];
  if constexpr (std::is_floating_point_v<T>) {
    // NaN sorts above every number, as in Trino.
    const bool xn = std::isnan(x), yn = std::isnan(y);
    if (xn || yn) return xn == yn ? 0 : (xn ? 1 : -1);
  }
  return x < y ? -1 : (y < x ? 1 : 0);
}

inline int CompareNested(const columnar::Vector& v, size_t a, size_t b) {
  if (KeyValuesEqual(v, a, v, b)) return 0;
  std::string x = v.GetValue(a).ToString(), y = v.GetValue(b).ToString();
  return x < y ? -1 : (x > y ? 1 : 0);
}

inline CompareFn ComparatorFor(types::PhysicalType physical) {
  using types::PhysicalType;
  switch (physical) {
    case PhysicalType::kBool: return CompareTyped<uint8_t>;
    case PhysicalType::kInt8: return CompareTyped<int8_t>;
    case PhysicalType::kInt16: return CompareTyped<int16_t>;
    case PhysicalType::kInt32: return CompareTyped<int32_t>;
    case PhysicalType::kInt64: return CompareTyped<int64_t>;
    case PhysicalType::kInt128: return CompareTyped<__int128>;
    case PhysicalType::kFloat: return CompareTyped<float>;
    case PhysicalType::kDouble: return CompareTyped<double>;
    case PhysicalType::kString: return CompareTyped<std::string_view>;
    case PhysicalType::kList:
    case PhysicalType::kStruct: return CompareNested;
  }
  return CompareNested;
}

struct SortKey {
  const columnar::Vector* vector;
  CompareFn compare;
  bool descending;
  bool nulls_first;
  int Compare(size_t a, size_t b) const {
    const bool an = vector->IsNull(a), bn = vector->IsNull(b);
    if (an || bn) {
      if (an == bn) return 0;
      return an == nulls_first ? -1 : 1;
    }
    int c = compare(*vector, a, b);
    return descending ? -c : c;
  }
};

}  // namespace basin::sql
