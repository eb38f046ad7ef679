#include "formats/csv/csv_value_formatter.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

#include "types/date_time.hpp"
#include "types/decimal.hpp"

namespace basin::formats::csv {

using columnar::Vector;
using types::TypeId;

namespace {

template <typename T>
void AppendInteger(T value, std::string& out) {
  char digits[48];
  auto [end, error] = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, end);
}

template <typename T>
void AppendFloating(T value, std::string& out) {
  char digits[64];
  auto [end, error] = std::to_chars(digits, digits + sizeof(digits), value);
  std::string_view text(digits, static_cast<size_t>(end - digits));
  out.append(text);
  if (std::isfinite(value) && text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void AppendDecimal(const Vector& column, size_t row, std::string& out) {
  const int scale = column.type().scale();
  if (column.physical() == types::PhysicalType::kInt64) {
    out += types::FormatDecimal(column.data<int64_t>()[row], scale);
  } else {
    out += types::FormatDecimal(column.data<types::int128_t>()[row], scale);
  }
}

void AppendBinary(std::string_view bytes, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F && byte != '\\') {
      out += c;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
}

void AppendJsonString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out += kHex[byte >> 4];
          out += kHex[byte & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void AppendJson(const Vector& column, size_t row, std::string& out);

// Text of a scalar for use inside JSON: numbers and booleans bare, the rest as strings.
void AppendJsonScalar(const Vector& column, size_t row, std::string& out) {
  switch (column.type().id()) {
    case TypeId::kBoolean:
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kDecimal: AppendValueText(column, row, out); return;
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double value = column.type().id() == TypeId::kFloat ? column.data<float>()[row]
                                                          : column.data<double>()[row];
      // JSON has no NaN or infinity.
      if (std::isfinite(value)) {
        AppendValueText(column, row, out);
      } else {
        out += "null";
      }
      return;
    }
    default: {
      std::string text;
      AppendValueText(column, row, text);
      AppendJsonString(text, out);
    }
  }
}

void AppendJson(const Vector& column, size_t row, std::string& out) {
  if (column.IsNull(row)) {
    out += "null";
    return;
  }
  switch (column.type().id()) {
    case TypeId::kList: {
      const int64_t* offsets = column.offsets();
      out += '[';
      for (int64_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out += ',';
        AppendJson(column.child(0), static_cast<size_t>(i), out);
      }
      out += ']';
      return;
    }
    case TypeId::kMap: {
      const int64_t* offsets = column.offsets();
      const Vector& entries = column.child(0);
      out += '{';
      for (int64_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out += ',';
        std::string key;
        if (entries.child(0).IsNull(static_cast<size_t>(i))) {
          key = "null";
        } else {
          AppendValueText(entries.child(0), static_cast<size_t>(i), key);
        }
        AppendJsonString(key, out);
        out += ':';
        AppendJson(entries.child(1), static_cast<size_t>(i), out);
      }
      out += '}';
      return;
    }
    case TypeId::kStruct: {
      const auto& fields = column.type().fields();
      out += '{';
      for (size_t f = 0; f < fields.size(); ++f) {
        if (f > 0) out += ',';
        AppendJsonString(fields[f].name, out);
        out += ':';
        AppendJson(column.child(f), row, out);
      }
      out += '}';
      return;
    }
    default: AppendJsonScalar(column, row, out);
  }
}

}  // namespace

void AppendValueText(const Vector& column, size_t row, std::string& out) {
  switch (column.type().id()) {
    case TypeId::kBoolean: out += column.data<uint8_t>()[row] ? "true" : "false"; return;
    case TypeId::kTinyInt: AppendInteger(static_cast<int>(column.data<int8_t>()[row]), out); return;
    case TypeId::kSmallInt: AppendInteger(column.data<int16_t>()[row], out); return;
    case TypeId::kInteger: AppendInteger(column.data<int32_t>()[row], out); return;
    case TypeId::kBigInt: AppendInteger(column.data<int64_t>()[row], out); return;
    case TypeId::kFloat: AppendFloating(column.data<float>()[row], out); return;
    case TypeId::kDouble: AppendFloating(column.data<double>()[row], out); return;
    case TypeId::kDecimal: AppendDecimal(column, row, out); return;
    case TypeId::kVarchar: out.append(column.data<std::string_view>()[row]); return;
    case TypeId::kBinary: AppendBinary(column.data<std::string_view>()[row], out); return;
    case TypeId::kDate: out += types::FormatDate(column.data<int32_t>()[row]); return;
    case TypeId::kTime: out += types::FormatTime(column.data<int64_t>()[row]); return;
    case TypeId::kTimestamp: out += types::FormatTimestamp(column.data<int64_t>()[row]); return;
    case TypeId::kList:
    case TypeId::kStruct:
    case TypeId::kMap: AppendJson(column, row, out); return;
  }
}

}  // namespace basin::formats::csv
