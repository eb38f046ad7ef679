#pragma once

// Shared by the function tests: run a function the way the executor will (resolve by name and
// argument types, cast arguments to the declared types, call the kernel on whole vectors).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "columnar/vector.hpp"
#include "sql/functions/function.hpp"
#include "types/value.hpp"

namespace basin::sql::testing {

using columnar::Vector;
using types::LogicalType;
using types::Value;

inline Vector MakeVector(const LogicalType& type, const std::vector<Value>& values) {
  Vector vector(type);
  for (const auto& value : values) vector.Append(value.is_null() ? Value::Null(type) : value);
  return vector;
}

// Calls scalar `name` over columns of values (each column one argument, all the same length).
inline std::vector<Value> CallColumns(const std::string& name,
                                      const std::vector<std::vector<Value>>& columns) {
  CallSite call;
  for (const auto& column : columns) call.argument_types.push_back(column.at(0).type());
  ScalarFunction function = ResolveScalarFunction(name, call);
  size_t rows = columns.empty() ? 1 : columns[0].size();
  std::vector<Vector> arguments;
  for (size_t i = 0; i < columns.size(); ++i) {
    Vector raw = MakeVector(columns[i][0].type(), columns[i]);
    Vector cast(function.arguments.at(i));
    CastVector(raw, rows, cast, false);
    arguments.push_back(std::move(cast));
  }
  std::vector<const Vector*> pointers;
  for (const auto& argument : arguments) pointers.push_back(&argument);
  Vector out(function.result);
  function.kernel(pointers, rows, out);
  EXPECT_EQ(out.size(), rows);
  std::vector<Value> result;
  for (size_t i = 0; i < rows; ++i) result.push_back(out.GetValue(i));
  return result;
}

// One row.
inline Value Call(const std::string& name, const std::vector<Value>& arguments) {
  std::vector<std::vector<Value>> columns;
  for (const auto& argument : arguments) columns.push_back({argument});
  return CallColumns(name, columns).at(0);
}

// Shorthands for values.
inline Value Int(int32_t v) { return Value::Int(v); }
inline Value Big(int64_t v) { return Value::BigInt(v); }
inline Value Dbl(double v) { return Value::Double(v); }
inline Value Str(std::string v) { return Value::Varchar(std::move(v)); }
inline Value Bool(bool v) { return Value::Boolean(v); }
inline Value Dec(const std::string& text, int precision, int scale) {
  return CastValue(Value::Varchar(text), LogicalType::Decimal(precision, scale), false);
}
inline Value DateOf(const std::string& text) {
  return CastValue(Value::Varchar(text), LogicalType::Date(), false);
}
inline Value TsOf(const std::string& text) {
  return CastValue(Value::Varchar(text), LogicalType::Timestamp(), false);
}
inline Value Null(LogicalType type) { return Value::Null(std::move(type)); }

}  // namespace basin::sql::testing
