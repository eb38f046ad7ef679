#include "types/value.hpp"

#include <cmath>
#include <cstdio>

#include "common/error.hpp"
#include "types/date_time.hpp"

namespace basin::types {

Value Value::Null(LogicalType type) {
  Value value;
  value.type_ = std::move(type);
  return value;
}

Value Value::Boolean(bool v) {
  Value value;
  value.type_ = LogicalType::Boolean();
  value.is_null_ = false;
  value.int_value_ = v ? 1 : 0;
  return value;
}

Value Value::Integer(LogicalType type, int64_t v) {
  Value value;
  value.type_ = std::move(type);
  value.is_null_ = false;
  value.int_value_ = v;
  return value;
}

Value Value::Double(double v) {
  Value value;
  value.type_ = LogicalType::Double();
  value.is_null_ = false;
  value.double_value_ = v;
  return value;
}

Value Value::Float(float v) {
  Value value;
  value.type_ = LogicalType::Float();
  value.is_null_ = false;
  value.double_value_ = v;
  return value;
}

Value Value::Decimal(LogicalType type, int128_t unscaled) {
  Value value;
  value.is_null_ = false;
  if (type.physical() == PhysicalType::kInt64) {
    value.int_value_ = static_cast<int64_t>(unscaled);
  } else {
    value.wide_value_ = unscaled;
  }
  value.type_ = std::move(type);
  return value;
}

Value Value::Varchar(std::string v) {
  Value value;
  value.type_ = LogicalType::Varchar();
  value.is_null_ = false;
  value.string_value_ = std::move(v);
  return value;
}

Value Value::Binary(std::string v) {
  Value value;
  value.type_ = LogicalType::Binary();
  value.is_null_ = false;
  value.string_value_ = std::move(v);
  return value;
}

Value Value::Nested(LogicalType type, std::vector<Value> children) {
  Value value;
  value.type_ = std::move(type);
  value.is_null_ = false;
  value.children_ = std::move(children);
  return value;
}

int128_t Value::decimal_value() const {
  return type_.physical() == PhysicalType::kInt128 ? wide_value_ : int_value_;
}

static std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  // Shortest text that reads back as the same double.
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", digits, v);
    if (std::strtod(buffer, nullptr) == v) break;
  }
  return buffer;
}

static std::string FormatFloat(float v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buffer, nullptr) == v) break;
  }
  return buffer;
}

static std::string HexBytes(const std::string& bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 3);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) text.push_back(' ');
    auto byte = static_cast<unsigned char>(bytes[i]);
    text.push_back(kHex[byte >> 4]);
    text.push_back(kHex[byte & 15]);
  }
  return text;
}

std::string Value::ToString() const {
  if (is_null_) return "NULL";
  switch (type_.id()) {
    case TypeId::kBoolean: return int_value_ ? "true" : "false";
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt: return std::to_string(int_value_);
    case TypeId::kFloat: return FormatFloat(static_cast<float>(double_value_));
    case TypeId::kDouble: return FormatDouble(double_value_);
    case TypeId::kDecimal: return FormatDecimal(decimal_value(), type_.scale());
    case TypeId::kVarchar: return string_value_;
    case TypeId::kBinary: return HexBytes(string_value_);
    case TypeId::kDate: return FormatDate(static_cast<int32_t>(int_value_));
    case TypeId::kTime: return FormatTime(int_value_);
    case TypeId::kTimestamp: return FormatTimestamp(int_value_);
    case TypeId::kList: {
      std::string text = "[";
      for (size_t i = 0; i < children_.size(); ++i) {
        if (i > 0) text += ", ";
        text += children_[i].ToString();
      }
      return text + "]";
    }
    case TypeId::kStruct: {
      std::string text = "{";
      const auto& fields = type_.fields();
      for (size_t i = 0; i < children_.size() && i < fields.size(); ++i) {
        if (i > 0) text += ", ";
        text += fields[i].name + "=" + children_[i].ToString();
      }
      return text + "}";
    }
    case TypeId::kMap: {
      std::string text = "{";
      for (size_t i = 0; i < children_.size(); ++i) {
        if (i > 0) text += ", ";
        const auto& entry = children_[i].children();
        if (entry.size() != 2) ThrowInternal("map entry without key and value");
        text += entry[0].ToString() + "=" + entry[1].ToString();
      }
      return text + "}";
    }
  }
  return "";
}

bool Value::operator==(const Value& other) const {
  if (type_ != other.type_ || is_null_ != other.is_null_) return false;
  if (is_null_) return true;
  switch (type_.physical()) {
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return double_value_ == other.double_value_ ||
             (std::isnan(double_value_) && std::isnan(other.double_value_));
    case PhysicalType::kString: return string_value_ == other.string_value_;
    case PhysicalType::kInt128: return wide_value_ == other.wide_value_;
    case PhysicalType::kList:
    case PhysicalType::kStruct: return children_ == other.children_;
    default: return int_value_ == other.int_value_;
  }
}

}  // namespace basin::types
