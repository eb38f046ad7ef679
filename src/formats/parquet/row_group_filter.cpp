#include "formats/parquet/row_group_filter.hpp"

#include <cmath>

#include "columnar/vector.hpp"
#include "common/error.hpp"
#include "formats/parquet/value_conversion.hpp"
#include "types/decimal.hpp"

namespace basin::formats::parquet {

namespace {

using types::TypeId;
using types::Value;

bool IsIntegerLike(TypeId id) {
  return id == TypeId::kTinyInt || id == TypeId::kSmallInt || id == TypeId::kInteger ||
         id == TypeId::kBigInt;
}

// An exact integer or decimal as (unscaled, scale).
bool AsScaled(const Value& v, __int128& unscaled, int& scale) {
  TypeId id = v.type().id();
  if (IsIntegerLike(id)) {
    unscaled = v.int_value();
    scale = 0;
    return true;
  }
  if (id == TypeId::kDecimal) {
    unscaled = v.decimal_value();
    scale = v.type().scale();
    return true;
  }
  return false;
}

// value * 10^by, or false on overflow.
bool ScaleUp(__int128 value, int by, __int128& out) {
  __int128 factor = types::PowerOfTen(by);
  __int128 limit = (~static_cast<unsigned __int128>(0) >> 1) / factor;
  if (value > limit || value < -limit) return false;
  out = value * factor;
  return true;
}

template <typename T>
int Order(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Decodes one statistics value (PLAIN bytes without a length prefix) as the leaf's Basin type.
std::optional<Value> DecodeStat(const LeafColumn& leaf, const std::string& bytes) {
  columnar::Vector vector(leaf.type);
  vector.Resize(1);
  switch (leaf.physical) {
    case Type::kBoolean:
      if (bytes.size() != 1) return std::nullopt;
      vector.data<uint8_t>()[0] = bytes[0] != 0;
      return vector.GetValue(0);
    case Type::kInt32:
    case Type::kInt64:
    case Type::kFloat:
    case Type::kDouble:
      if (bytes.size() != PhysicalWidth(leaf)) return std::nullopt;
      ConvertFixed(leaf, reinterpret_cast<const uint8_t*>(bytes.data()), 1, vector, 0);
      return vector.GetValue(0);
    case Type::kByteArray:
    case Type::kFixedLenByteArray: {
      if (!UsesByteViews(leaf)) return std::nullopt;  // FLOAT16
      if (leaf.physical == Type::kFixedLenByteArray &&
          bytes.size() != static_cast<size_t>(leaf.type_length)) {
        return std::nullopt;
      }
      std::string_view view(bytes);
      try {
        ConvertViews(leaf, &view, 1, vector, 0);
      } catch (const Error&) {
        return std::nullopt;  // a bound that does not decode is simply not used
      }
      return vector.GetValue(0);
    }
    case Type::kInt96: return std::nullopt;
  }
  return std::nullopt;
}

// Whether the legacy (signed-order) min/max describe the column's order.
bool LegacyStatsSafe(const LeafColumn& leaf) {
  switch (leaf.physical) {
    case Type::kInt32:
    case Type::kInt64:
      return leaf.conversion != ValueConversion::kUint32ToInt64 &&
             leaf.conversion != ValueConversion::kUint64ToInt128;
    case Type::kFloat:
    case Type::kDouble:
    case Type::kBoolean: return true;
    default: return false;
  }
}

bool IsNaN(const Value& v) {
  TypeId id = v.type().id();
  return (id == TypeId::kFloat || id == TypeId::kDouble) && std::isnan(v.double_value());
}

}  // namespace

std::optional<int> CompareValues(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  TypeId x = a.type().id();
  TypeId y = b.type().id();
  auto is_float = [](TypeId id) { return id == TypeId::kFloat || id == TypeId::kDouble; };
  __int128 ua, ub;
  int sa, sb;
  if (AsScaled(a, ua, sa) && AsScaled(b, ub, sb)) {
    if (sa < sb && !ScaleUp(ua, sb - sa, ua)) return std::nullopt;
    if (sb < sa && !ScaleUp(ub, sa - sb, ub)) return std::nullopt;
    return Order(ua, ub);
  }
  if (is_float(x) && is_float(y)) return Order(a.double_value(), b.double_value());
  if (is_float(x) || is_float(y)) {
    // Float against an integer: exact only within 2^53.
    const Value& f = is_float(x) ? a : b;
    const Value& i = is_float(x) ? b : a;
    if (!IsIntegerLike(i.type().id())) return std::nullopt;
    int64_t n = i.int_value();
    if (n > (int64_t{1} << 53) || n < -(int64_t{1} << 53)) return std::nullopt;
    int order = Order(f.double_value(), static_cast<double>(n));
    return is_float(x) ? order : -order;
  }
  bool sa_string = x == TypeId::kVarchar || x == TypeId::kBinary;
  bool sb_string = y == TypeId::kVarchar || y == TypeId::kBinary;
  if (sa_string && sb_string) {
    int c = a.string_value().compare(b.string_value());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (x == y && (x == TypeId::kDate || x == TypeId::kTime || x == TypeId::kTimestamp ||
                 x == TypeId::kBoolean)) {
    return Order(a.int_value(), b.int_value());
  }
  return std::nullopt;
}

std::optional<ValueRange> ChunkValueRange(const FileMetaData& metadata, const LeafColumn& leaf,
                                          size_t leaf_index, const ColumnMetaData& chunk) {
  if (!chunk.statistics || leaf.max_rep > 0) return std::nullopt;
  const Statistics& stats = *chunk.statistics;
  bool type_order = leaf_index >= metadata.column_orders.size() ||
                    metadata.column_orders[leaf_index].type_defined_order;
  const std::string* min = nullptr;
  const std::string* max = nullptr;
  if (type_order && stats.min_value && stats.max_value) {
    min = &*stats.min_value;
    max = &*stats.max_value;
  } else if (stats.min && stats.max && LegacyStatsSafe(leaf)) {
    min = &*stats.min;
    max = &*stats.max;
  } else {
    return std::nullopt;
  }
  std::optional<Value> low = DecodeStat(leaf, *min);
  std::optional<Value> high = DecodeStat(leaf, *max);
  if (!low || !high || IsNaN(*low) || IsNaN(*high)) return std::nullopt;
  return ValueRange{std::move(*low), std::move(*high)};
}

bool ChunkMayMatch(const FileMetaData& metadata, const LeafColumn& leaf, size_t leaf_index,
                   const ColumnMetaData& chunk, int64_t row_count, CompareOp op,
                   const Value& value) {
  if (value.is_null()) return false;  // comparing with NULL is never true
  if (leaf.max_rep == 0 && chunk.statistics && chunk.statistics->null_count &&
      *chunk.statistics->null_count == row_count && row_count > 0) {
    return false;  // only NULLs
  }
  std::optional<ValueRange> range = ChunkValueRange(metadata, leaf, leaf_index, chunk);
  if (!range) return true;
  std::optional<int> vs_min = CompareValues(value, range->min);
  std::optional<int> vs_max = CompareValues(value, range->max);
  if (!vs_min || !vs_max) return true;
  switch (op) {
    case CompareOp::kEqual: return *vs_min >= 0 && *vs_max <= 0;
    case CompareOp::kLess: return *vs_min > 0;        // some x < value needs min < value
    case CompareOp::kLessEqual: return *vs_min >= 0;  // min <= value
    case CompareOp::kGreater: return *vs_max < 0;     // max > value
    case CompareOp::kGreaterEqual: return *vs_max <= 0;
  }
  return true;
}

}  // namespace basin::formats::parquet
