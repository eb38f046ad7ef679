#include "formats/parquet/value_conversion.hpp"

#include <cstring>
#include <string>

#include "common/error.hpp"
#include "common/utf8.hpp"
#include "types/date_time.hpp"

namespace basin::formats::parquet {

namespace {

template <typename T>
T Load(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

template <typename From, typename To>
void Widen(const uint8_t* raw, size_t count, To* out) {
  for (size_t i = 0; i < count; ++i) out[i] = static_cast<To>(Load<From>(raw + i * sizeof(From)));
}

// Floor division by 1000 (nanoseconds to microseconds rounds toward negative infinity, so
// 1969-12-31 23:59:59.9999995 stays in 1969).
inline int64_t FloorDiv1000(int64_t v) {
  int64_t q = v / 1000;
  return (v % 1000 < 0) ? q - 1 : q;
}

// Julian day number of 1970-01-01.
constexpr int64_t kJulianUnixEpoch = 2440588;

}  // namespace

size_t PhysicalWidth(const LeafColumn& leaf) {
  switch (leaf.physical) {
    case Type::kInt32:
    case Type::kFloat: return 4;
    case Type::kInt64:
    case Type::kDouble: return 8;
    case Type::kInt96: return 12;
    case Type::kFixedLenByteArray: return static_cast<size_t>(leaf.type_length);
    case Type::kBoolean:
    case Type::kByteArray: return 0;
  }
  return 0;
}

bool UsesByteViews(const LeafColumn& leaf) {
  return leaf.physical == Type::kByteArray || (leaf.physical == Type::kFixedLenByteArray &&
                                               leaf.conversion != ValueConversion::kFloat16);
}

void ConvertFixed(const LeafColumn& leaf, const uint8_t* raw, size_t count, columnar::Vector& out,
                  size_t row) {
  if (count == 0) return;  // the buffers may be null
  switch (leaf.conversion) {
    case ValueConversion::kNone: {
      size_t width = types::FixedWidth(out.physical());
      std::memcpy(out.data<uint8_t>() + row * width, raw, count * width);
      return;
    }
    case ValueConversion::kInt32ToInt8:
      Widen<int32_t>(raw, count, out.data<int8_t>() + row);
      return;
    case ValueConversion::kInt32ToInt16:
      Widen<int32_t>(raw, count, out.data<int16_t>() + row);
      return;
    case ValueConversion::kInt32ToInt64:
      Widen<int32_t>(raw, count, out.data<int64_t>() + row);
      return;
    case ValueConversion::kUint32ToInt64:
      Widen<uint32_t>(raw, count, out.data<int64_t>() + row);
      return;
    case ValueConversion::kInt32ToInt128:
      Widen<int32_t>(raw, count, out.data<__int128>() + row);
      return;
    case ValueConversion::kInt64ToInt128:
      Widen<int64_t>(raw, count, out.data<__int128>() + row);
      return;
    case ValueConversion::kUint64ToInt128:
      Widen<uint64_t>(raw, count, out.data<__int128>() + row);
      return;
    case ValueConversion::kMillisToMicros32: {
      int64_t* target = out.data<int64_t>() + row;
      for (size_t i = 0; i < count; ++i) target[i] = int64_t{Load<int32_t>(raw + i * 4)} * 1000;
      return;
    }
    case ValueConversion::kMillisToMicros: {
      int64_t* target = out.data<int64_t>() + row;
      for (size_t i = 0; i < count; ++i) {
        // Wrapping multiply: a value this far out of range is garbage either way, never UB.
        target[i] = static_cast<int64_t>(Load<uint64_t>(raw + i * 8) * 1000u);
      }
      return;
    }
    case ValueConversion::kNanosToMicros: {
      int64_t* target = out.data<int64_t>() + row;
      for (size_t i = 0; i < count; ++i) target[i] = FloorDiv1000(Load<int64_t>(raw + i * 8));
      return;
    }
    case ValueConversion::kInt96ToMicros: {
      int64_t* target = out.data<int64_t>() + row;
      for (size_t i = 0; i < count; ++i) {
        const uint8_t* value = raw + i * 12;
        int64_t nanos = Load<int64_t>(value);
        int64_t days = int64_t{Load<int32_t>(value + 8)} - kJulianUnixEpoch;
        uint64_t micros =
            static_cast<uint64_t>(days) * static_cast<uint64_t>(types::kMicrosPerDay) +
            static_cast<uint64_t>(FloorDiv1000(nanos));
        target[i] = static_cast<int64_t>(micros);
      }
      return;
    }
    case ValueConversion::kFloat16: {
      float* target = out.data<float>() + row;
      for (size_t i = 0; i < count; ++i) target[i] = HalfToFloat(Load<uint16_t>(raw + i * 2));
      return;
    }
    default:
      ThrowInternal("ConvertFixed called for a byte-string conversion of column " + leaf.path);
  }
}

size_t ConvertViews(const LeafColumn& leaf, const std::string_view* views, size_t count,
                    columnar::Vector& out, size_t row, bool in_order) {
  if (count == 0) return 0;
  switch (leaf.conversion) {
    case ValueConversion::kBinary:
    case ValueConversion::kUtf8: {
      std::string_view* target = out.data<std::string_view>() + row;
      if (target != views) std::memcpy(target, views, count * sizeof(std::string_view));
      if (leaf.conversion == ValueConversion::kUtf8) {
        // Text is mostly ASCII: one scan over the page's string bytes (and the length
        // prefixes between them, which are ASCII too for strings under 128 bytes) settles it.
        if (in_order) {
          const char* begin = views[0].data();
          const char* end = views[count - 1].data() + views[count - 1].size();
          if (begin != nullptr && end >= begin &&
              IsAscii(begin, static_cast<size_t>(end - begin))) {
            return count;
          }
        }
        for (size_t i = 0; i < count; ++i) {
          if (!IsValidUtf8(views[i])) return i;
        }
      }
      return count;
    }
    case ValueConversion::kDecimalBytes: {
      bool narrow = out.physical() == types::PhysicalType::kInt64;
      for (size_t i = 0; i < count; ++i) {
        __int128 value;
        if (!DecimalFromBytes(views[i], value) ||
            (narrow && (value > INT64_MAX || value < INT64_MIN))) {
          ThrowCorrupt("decimal value " + std::to_string(i) + " of " +
                       std::to_string(views[i].size()) + " bytes does not fit " +
                       out.type().ToString());
        }
        if (narrow) {
          out.data<int64_t>()[row + i] = static_cast<int64_t>(value);
        } else {
          out.data<__int128>()[row + i] = value;
        }
      }
      return count;
    }
    case ValueConversion::kUuid: {
      std::string_view* target = out.data<std::string_view>() + row;
      char* text = count > 0 ? out.heap().Allocate(count * 36) : nullptr;
      for (size_t i = 0; i < count; ++i) {
        if (views[i].size() != 16)
          ThrowCorrupt("UUID value of " + std::to_string(views[i].size()) + " bytes");
        FormatUuid(reinterpret_cast<const uint8_t*>(views[i].data()), text + i * 36);
        target[i] = std::string_view(text + i * 36, 36);
      }
      return count;
    }
    default:
      ThrowInternal("ConvertViews called for a fixed-width conversion of column " + leaf.path);
  }
}

bool IsAscii(const char* data, size_t size) {
  const auto* p = reinterpret_cast<const uint8_t*>(data);
  uint64_t seen = 0;
  size_t i = 0;
  for (; i + 32 <= size; i += 32) {
    uint64_t a, b, c, d;
    std::memcpy(&a, p + i, 8);
    std::memcpy(&b, p + i + 8, 8);
    std::memcpy(&c, p + i + 16, 8);
    std::memcpy(&d, p + i + 24, 8);
    seen |= a | b | c | d;
  }
  for (; i < size; ++i) seen |= p[i];
  return (seen & 0x8080808080808080ull) == 0;
}

bool DecimalFromBytes(std::string_view bytes, __int128& value) {
  if (bytes.empty()) {
    value = 0;
    return true;
  }
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t size = bytes.size();
  bool negative = (p[0] & 0x80) != 0;
  // Leading bytes beyond 16 must be pure sign extension.
  while (size > 16) {
    if (p[0] != (negative ? 0xff : 0x00)) return false;
    ++p;
    --size;
  }
  if (size == 16 && ((p[0] & 0x80) != 0) != negative) return false;
  unsigned __int128 raw = negative ? ~static_cast<unsigned __int128>(0) : 0;
  for (size_t i = 0; i < size; ++i) raw = (raw << 8) | p[i];
  value = static_cast<__int128>(raw);
  return true;
}

void FormatUuid(const uint8_t* bytes, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t pos = 0;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out[pos++] = '-';
    out[pos++] = kHex[bytes[i] >> 4];
    out[pos++] = kHex[bytes[i] & 15];
  }
}

float HalfToFloat(uint16_t half) {
  uint32_t sign = static_cast<uint32_t>(half & 0x8000) << 16;
  uint32_t exponent = (half >> 10) & 0x1f;
  uint32_t mantissa = half & 0x3ff;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000 | (mantissa << 13);  // infinity or NaN
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;  // signed zero
  } else {
    // Subnormal half: normalise.
    int shift = 0;
    while ((mantissa & 0x400) == 0) {
      mantissa <<= 1;
      ++shift;
    }
    mantissa &= 0x3ff;
    bits = sign | (static_cast<uint32_t>(113 - shift) << 23) | (mantissa << 13);
  }
  float result;
  std::memcpy(&result, &bits, 4);
  return result;
}

}  // namespace basin::formats::parquet
