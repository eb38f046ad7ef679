#include "formats/json/json_encoder.hpp"

#include <charconv>

#include "common/error.hpp"
#include "formats/json/json_numbers.hpp"
#include "formats/json/json_text.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"

namespace basin::formats::json {

using columnar::Vector;
using types::LogicalType;
using types::PhysicalType;
using types::TypeId;

namespace {

template <typename T>
void AppendInteger(std::string& out, T value) {
  char digits[24];
  auto result = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, result.ptr);
}

void AppendTwoDigits(std::string& out, int64_t value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

// The same text as types::FormatDate / FormatTime / FormatTimestamp without printf, which
// dominates writing otherwise; rare values (years past 0..9999, times past 99 hours) use those.
void AppendDate(std::string& out, int32_t days) {
  types::CivilDate date = types::CivilFromDays(days);
  if (date.year < 0 || date.year > 9999) {
    out += types::FormatDate(days);
    return;
  }
  AppendTwoDigits(out, date.year / 100);
  AppendTwoDigits(out, date.year % 100);
  out += '-';
  AppendTwoDigits(out, date.month);
  out += '-';
  AppendTwoDigits(out, date.day);
}

void AppendTimeOfDay(std::string& out, int64_t micros) {
  if (micros < 0 || micros >= 100 * 3600 * types::kMicrosPerSecond) {
    out += types::FormatTime(micros);
    return;
  }
  int64_t seconds = micros / types::kMicrosPerSecond;
  int64_t fraction = micros % types::kMicrosPerSecond;
  AppendTwoDigits(out, seconds / 3600);
  out += ':';
  AppendTwoDigits(out, seconds / 60 % 60);
  out += ':';
  AppendTwoDigits(out, seconds % 60);
  if (fraction != 0) {
    char digits[7] = {'.'};
    for (int i = 6; i >= 1; --i, fraction /= 10) digits[i] = static_cast<char>('0' + fraction % 10);
    int length = 7;
    while (digits[length - 1] == '0') --length;
    out.append(digits, static_cast<size_t>(length));
  }
}

void AppendTimestamp(std::string& out, int64_t micros) {
  int64_t days = micros / types::kMicrosPerDay;
  int64_t rest = micros % types::kMicrosPerDay;
  if (rest < 0) {
    rest += types::kMicrosPerDay;
    --days;
  }
  if (days < INT32_MIN || days > INT32_MAX) {
    out += types::FormatTimestamp(micros);
    return;
  }
  AppendDate(out, static_cast<int32_t>(days));
  out += ' ';
  AppendTimeOfDay(out, rest);
}

std::string KeyText(const std::string& name) {
  std::string key;
  AppendJsonString(key, name);
  key += ':';
  return key;
}

}  // namespace

JsonEncoder::Node JsonEncoder::BuildNode(const LogicalType& type) {
  Node node;
  switch (type.id()) {
    case TypeId::kList: node.children.push_back(BuildNode(type.element())); break;
    case TypeId::kMap:
      node.children.push_back(BuildNode(type.key()));
      node.children.push_back(BuildNode(type.value()));
      node.map_as_object = type.key().id() == TypeId::kVarchar;
      break;
    case TypeId::kStruct:
      for (const auto& field : type.fields()) {
        node.keys.push_back(KeyText(field.name));
        node.children.push_back(BuildNode(field.type));
      }
      break;
    default: break;
  }
  return node;
}

JsonEncoder::JsonEncoder(const types::Schema& schema) {
  for (const auto& field : schema.fields()) {
    root_.keys.push_back(KeyText(field.name));
    root_.children.push_back(BuildNode(field.type));
  }
}

void JsonEncoder::AppendRow(const columnar::DataChunk& chunk, size_t row, std::string& out) const {
  out += '{';
  for (size_t c = 0; c < root_.keys.size(); ++c) {
    if (c > 0) out += ',';
    out += root_.keys[c];
    AppendValue(chunk.column(c), row, root_.children[c], out);
  }
  out += '}';
}

void JsonEncoder::AppendValue(const Vector& vector, size_t row, const Node& node,
                              std::string& out) const {
  if (vector.IsNull(row)) {
    out += "null";
    return;
  }
  const LogicalType& type = vector.type();
  switch (type.id()) {
    case TypeId::kBoolean: out += vector.data<uint8_t>()[row] ? "true" : "false"; return;
    case TypeId::kTinyInt: AppendInteger(out, vector.data<int8_t>()[row]); return;
    case TypeId::kSmallInt: AppendInteger(out, vector.data<int16_t>()[row]); return;
    case TypeId::kInteger: AppendInteger(out, vector.data<int32_t>()[row]); return;
    case TypeId::kBigInt: AppendInteger(out, vector.data<int64_t>()[row]); return;
    case TypeId::kFloat: AppendJsonFloat(out, vector.data<float>()[row]); return;
    case TypeId::kDouble: AppendJsonDouble(out, vector.data<double>()[row]); return;
    case TypeId::kDecimal: {
      types::int128_t unscaled = vector.physical() == PhysicalType::kInt64
                                     ? vector.data<int64_t>()[row]
                                     : vector.data<types::int128_t>()[row];
      out += types::FormatDecimal(unscaled, type.scale());
      return;
    }
    case TypeId::kVarchar: AppendJsonString(out, vector.data<std::string_view>()[row]); return;
    case TypeId::kBinary: AppendJsonBlob(out, vector.data<std::string_view>()[row]); return;
    case TypeId::kDate:
      out += '"';
      AppendDate(out, vector.data<int32_t>()[row]);
      out += '"';
      return;
    case TypeId::kTime:
      out += '"';
      AppendTimeOfDay(out, vector.data<int64_t>()[row]);
      out += '"';
      return;
    case TypeId::kTimestamp:
      out += '"';
      AppendTimestamp(out, vector.data<int64_t>()[row]);
      out += '"';
      return;
    case TypeId::kList: {
      const int64_t* offsets = vector.offsets();
      out += '[';
      for (int64_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out += ',';
        AppendValue(vector.child(0), static_cast<size_t>(i), node.children[0], out);
      }
      out += ']';
      return;
    }
    case TypeId::kMap: {
      const int64_t* offsets = vector.offsets();
      const Vector& keys = vector.child(0).child(0);
      const Vector& values = vector.child(0).child(1);
      out += node.map_as_object ? '{' : '[';
      for (int64_t i = offsets[row]; i < offsets[row + 1]; ++i) {
        if (i > offsets[row]) out += ',';
        auto entry = static_cast<size_t>(i);
        if (node.map_as_object) {
          // Map keys are never NULL; a NULL one (a broken vector) is written as "".
          AppendJsonString(
              out, keys.IsNull(entry) ? std::string_view() : keys.data<std::string_view>()[entry]);
          out += ':';
        } else {
          out += "{\"key\":";
          AppendValue(keys, entry, node.children[0], out);
          out += ",\"value\":";
        }
        AppendValue(values, entry, node.children[1], out);
        if (!node.map_as_object) out += '}';
      }
      out += node.map_as_object ? '}' : ']';
      return;
    }
    case TypeId::kStruct:
      out += '{';
      for (size_t f = 0; f < node.keys.size(); ++f) {
        if (f > 0) out += ',';
        out += node.keys[f];
        AppendValue(vector.child(f), row, node.children[f], out);
      }
      out += '}';
      return;
  }
  ThrowInternal("JSON writer: unhandled type " + type.ToString());
}

}  // namespace basin::formats::json
