#include "connectors/postgres/binary_copy.hpp"

#include <cstring>

#include "common/error.hpp"
#include "types/decimal.hpp"

namespace basin::connectors::postgres {

namespace {

using columnar::Vector;
using types::int128_t;

constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // + the terminating NUL: 11 bytes
constexpr size_t kSignatureSize = 11;
// PostgreSQL counts dates and timestamps from 2000-01-01.
constexpr int32_t kPgEpochDays = 10'957;
constexpr int64_t kPgEpochMicros = int64_t{kPgEpochDays} * 86'400'000'000;

inline uint16_t Load16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return __builtin_bswap16(v);
}
inline uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return __builtin_bswap32(v);
}
inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}

}  // namespace

BinaryCopyDecoder::BinaryCopyDecoder(std::vector<PgTypeMapping> columns,
                                     std::vector<std::string> names, std::string label)
    : columns_(std::move(columns)), names_(std::move(names)), label_(std::move(label)) {}

void BinaryCopyDecoder::Fail(size_t column, const std::string& what) const {
  std::string where = "PostgreSQL " + label_ + ", row " + std::to_string(row_number_);
  if (column < names_.size()) where += ", column " + names_[column];
  ThrowCorrupt(where + ": " + what);
}

bool BinaryCopyDecoder::DecodeMessage(const char* data, size_t size, columnar::DataChunk& chunk,
                                      size_t row) {
  const char* end = data + size;
  if (!header_read_) {
    if (size < kSignatureSize + 8 || std::memcmp(data, kSignature, kSignatureSize) != 0) {
      Fail(SIZE_MAX, "the COPY stream does not start with the binary COPY signature");
    }
    uint32_t extension = Load32(data + kSignatureSize + 4);
    data += kSignatureSize + 8;
    if (extension > static_cast<size_t>(end - data))
      Fail(SIZE_MAX, "header extension past the message");
    data += extension;
    header_read_ = true;
  }
  ++row_number_;
  if (end - data < 2) Fail(SIZE_MAX, "tuple shorter than its field count");
  int16_t fields = static_cast<int16_t>(Load16(data));
  data += 2;
  if (fields == -1) return false;
  if (fields != static_cast<int16_t>(columns_.size())) {
    Fail(SIZE_MAX, "tuple has " + std::to_string(fields) + " fields, expected " +
                       std::to_string(columns_.size()));
  }
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (end - data < 4) Fail(c, "field length past the message");
    int32_t length = static_cast<int32_t>(Load32(data));
    data += 4;
    Vector& out = chunk.column(c);
    if (length == -1) {
      if (columns_[c].wire == Wire::kArray) {
        out.Resize(row + 1);
        out.offsets()[row + 1] = out.offsets()[row];
      }
      out.SetNull(row);
      continue;
    }
    if (length < 0 || length > end - data)
      Fail(c, "field length " + std::to_string(length) + " past the message");
    DecodeField(c, data, static_cast<size_t>(length), out, row);
    data += length;
  }
  if (data != end) Fail(SIZE_MAX, "bytes left after the last field");
  return true;
}

void BinaryCopyDecoder::DecodeField(size_t column, const char* data, size_t size, Vector& out,
                                    size_t row) {
  const PgTypeMapping& mapping = columns_[column];
  if (mapping.wire == Wire::kArray) {
    DecodeArray(column, data, size, out, row);
  } else {
    DecodeScalar(mapping.wire, column, data, size, out, row);
  }
}

void BinaryCopyDecoder::DecodeArray(size_t column, const char* data, size_t size, Vector& out,
                                    size_t row) {
  // int32 ndim, int32 has-nulls flag, uint32 element oid, ndim × (int32 size, int32 lower
  // bound), then each element as int32 length (-1 NULL) and bytes.
  const char* end = data + size;
  if (size < 12) Fail(column, "array header truncated");
  int32_t ndim = static_cast<int32_t>(Load32(data));
  data += 12;
  if (ndim < 0 || ndim > 6) Fail(column, "array has " + std::to_string(ndim) + " dimensions");
  if (static_cast<size_t>(end - data) < static_cast<size_t>(ndim) * 8)
    Fail(column, "array dimensions truncated");
  int64_t count = ndim == 0 ? 0 : 1;
  for (int32_t d = 0; d < ndim; ++d) {
    int32_t extent = static_cast<int32_t>(Load32(data));
    data += 8;
    if (extent < 0) Fail(column, "negative array dimension");
    count *= extent;
    // Each element takes at least its 4-byte length.
    if (count > (end - data) / 4) Fail(column, "array claims more elements than its bytes hold");
  }
  Vector& child = out.child(0);
  size_t base = child.size();
  child.Resize(base + static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    if (end - data < 4) Fail(column, "array element length past the field");
    int32_t length = static_cast<int32_t>(Load32(data));
    data += 4;
    size_t slot = base + static_cast<size_t>(i);
    if (length == -1) {
      child.SetNull(slot);
      continue;
    }
    if (length < 0 || length > end - data) Fail(column, "array element length past the field");
    DecodeScalar(columns_[column].element_wire, column, data, static_cast<size_t>(length), child,
                 slot);
    data += length;
  }
  out.Resize(row + 1);
  out.offsets()[row + 1] = static_cast<int64_t>(child.size());
}

void BinaryCopyDecoder::DecodeScalar(Wire wire, size_t column, const char* data, size_t size,
                                     Vector& out, size_t row) {
  auto need = [&](size_t bytes) {
    if (size != bytes)
      Fail(column,
           "value of " + std::to_string(size) + " bytes, expected " + std::to_string(bytes));
  };
  switch (wire) {
    case Wire::kBool:
      need(1);
      out.data<uint8_t>()[row] = data[0] != 0;
      return;
    case Wire::kInt2:
      need(2);
      out.data<int16_t>()[row] = static_cast<int16_t>(Load16(data));
      return;
    case Wire::kInt4:
      need(4);
      out.data<int32_t>()[row] = static_cast<int32_t>(Load32(data));
      return;
    case Wire::kInt8:
      need(8);
      out.data<int64_t>()[row] = static_cast<int64_t>(Load64(data));
      return;
    case Wire::kFloat4: {
      need(4);
      uint32_t bits = Load32(data);
      std::memcpy(&out.data<float>()[row], &bits, 4);
      return;
    }
    case Wire::kFloat8: {
      need(8);
      uint64_t bits = Load64(data);
      std::memcpy(&out.data<double>()[row], &bits, 8);
      return;
    }
    case Wire::kText:
    case Wire::kBytea: out.SetString(row, std::string_view(data, size)); return;
    case Wire::kDate: {
      need(4);
      int32_t days = static_cast<int32_t>(Load32(data));
      if (days == INT32_MAX || days == INT32_MIN)
        Fail(column, "infinite dates have no Basin value");
      if (days > INT32_MAX - kPgEpochDays) Fail(column, "date out of range");
      out.data<int32_t>()[row] = days + kPgEpochDays;
      return;
    }
    case Wire::kTime:
      need(8);
      out.data<int64_t>()[row] = static_cast<int64_t>(Load64(data));
      return;
    case Wire::kTimestamp: {
      need(8);
      int64_t micros = static_cast<int64_t>(Load64(data));
      if (micros == INT64_MAX || micros == INT64_MIN)
        Fail(column, "infinite timestamps have no Basin value");
      if (micros > INT64_MAX - kPgEpochMicros) Fail(column, "timestamp out of range");
      out.data<int64_t>()[row] = micros + kPgEpochMicros;
      return;
    }
    case Wire::kNumeric: {
      // int16 ndigits, int16 weight, uint16 sign, int16 dscale, ndigits base-10000 digits;
      // the value is sum(digit[i] * 10000^(weight - i)).
      if (size < 8) Fail(column, "numeric header truncated");
      int ndigits = static_cast<int16_t>(Load16(data));
      int weight = static_cast<int16_t>(Load16(data + 2));
      uint16_t sign = Load16(data + 4);
      if (ndigits < 0 || size != 8 + static_cast<size_t>(ndigits) * 2)
        Fail(column, "numeric digits do not match its length");
      if (sign == 0xC000)
        Fail(column, "NaN has no decimal value; cast the column or filter it out");
      if (sign == 0xD000 || sign == 0xF000)
        Fail(column, "infinity has no decimal value; cast the column or filter it out");
      if (sign != 0 && sign != 0x4000) Fail(column, "numeric has an unknown sign word");
      const types::LogicalType& type = out.type();
      int scale = type.scale();
      const int128_t limit = types::PowerOfTen(type.precision());
      // Digits below the target scale are rounded half away from zero, as PostgreSQL does.
      int128_t value = 0;
      bool round_up = false;
      bool overflow = false;
      if (type.precision() <= 34) {
        // Whole base-10000 groups at a time: below 10^34, value * 10^4 cannot overflow.
        static constexpr int kTens[] = {1, 10, 100, 1000, 10000};
        for (int i = 0; i < ndigits && !overflow; ++i) {
          int digit = Load16(data + 8 + 2 * i);
          if (digit > 9999) Fail(column, "numeric digit out of range");
          int low = 4 * (weight - i);  // power of ten of this group's last digit
          int keep = low >= -scale ? 4 : low + 4 + scale;  // digits at or above 10^-scale
          if (keep <= 0) {
            if (keep == 0 && digit >= 5000) round_up = true;
            continue;
          }
          value = value * kTens[keep] + digit / kTens[4 - keep];
          if (keep < 4 && (digit / kTens[3 - keep]) % 10 >= 5) round_up = true;
          if (value >= limit) overflow = true;
        }
      } else {
        for (int i = 0; i < ndigits; ++i) {
          int digit = Load16(data + 8 + 2 * i);
          if (digit > 9999) Fail(column, "numeric digit out of range");
          int exponent = 4 * (weight - i);  // power of ten of this digit group's last digit
          for (int k = 3; k >= 0; --k) {
            int decimal_digit = (digit / (k == 3 ? 1000 : k == 2 ? 100 : k == 1 ? 10 : 1)) % 10;
            int position = exponent + k;  // power of ten of this decimal digit
            if (position < -scale) {
              if (position == -scale - 1 && decimal_digit >= 5) round_up = true;
              continue;
            }
            if (overflow || value > (limit - 1 - decimal_digit) / 10) {
              overflow = true;
            } else {
              value = value * 10 + decimal_digit;
            }
          }
        }
      }
      // Digit groups past the last stored one are zeros up to the scale.
      int last_position = 4 * (weight - ndigits + 1);
      if (last_position - 1 >= -scale && !overflow) {
        const int128_t most = (limit - 1) / 10;
        for (int position = last_position - 1; position >= -scale; --position) {
          if (value > most) {
            overflow = true;
            break;
          }
          value *= 10;
        }
      }
      if (round_up) ++value;
      if (overflow || value >= limit) {
        Fail(column, "value does not fit " + type.ToString() +
                         "; cast the column to text or a wider numeric");
      }
      if (sign == 0x4000) value = -value;
      if (out.physical() == types::PhysicalType::kInt64) {
        out.data<int64_t>()[row] = static_cast<int64_t>(value);
      } else {
        out.data<int128_t>()[row] = value;
      }
      return;
    }
    case Wire::kArray: Fail(column, "nested arrays are not supported");
  }
}

}  // namespace basin::connectors::postgres
