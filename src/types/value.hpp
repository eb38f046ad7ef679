#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "types/decimal.hpp"
#include "types/logical_type.hpp"

namespace basin::types {

// One value of any logical type, for the slow paths: tests, printing, literals, row-wise
// conversions. Hot paths work on vectors instead.
//
// Storage by type: integers, DATE, TIME, TIMESTAMP and DECIMAL(<=18) in int_value (DECIMAL as
// the unscaled number); DECIMAL(>18) in wide_value; FLOAT/DOUBLE in double_value; VARCHAR and
// BINARY in string_value; LIST, STRUCT and MAP in children (a MAP's children are struct
// values with the fields key and value).
class Value {
 public:
  Value() = default;  // NULL of type VARCHAR
  static Value Null(LogicalType type);
  static Value Boolean(bool v);
  static Value Integer(LogicalType type, int64_t v);  // any integer type, DATE, TIME, TIMESTAMP
  static Value BigInt(int64_t v) { return Integer(LogicalType::BigInt(), v); }
  static Value Int(int32_t v) { return Integer(LogicalType::Integer(), v); }
  static Value Double(double v);
  static Value Float(float v);
  static Value Decimal(LogicalType type, int128_t unscaled);
  static Value Varchar(std::string v);
  static Value Binary(std::string v);
  static Value Date(int32_t days) { return Integer(LogicalType::Date(), days); }
  static Value Timestamp(int64_t micros) { return Integer(LogicalType::Timestamp(), micros); }
  static Value Nested(LogicalType type, std::vector<Value> children);

  const LogicalType& type() const { return type_; }
  bool is_null() const { return is_null_; }
  bool bool_value() const { return int_value_ != 0; }
  int64_t int_value() const { return int_value_; }
  int128_t decimal_value() const;  // unscaled, whatever the precision
  double double_value() const { return double_value_; }
  const std::string& string_value() const { return string_value_; }
  const std::vector<Value>& children() const { return children_; }

  // Text as Trino prints it: NULL, true, 12.50, 2024-01-02 03:04:05.5, [1, 2], {a=1, b=x}.
  std::string ToString() const;

  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

 private:
  LogicalType type_;
  bool is_null_ = true;
  int64_t int_value_ = 0;
  int128_t wide_value_ = 0;
  double double_value_ = 0;
  std::string string_value_;
  std::vector<Value> children_;
};

}  // namespace basin::types
