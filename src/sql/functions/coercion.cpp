// Trino's implicit coercions: which types a value may silently become, and the common type of two.
#include <algorithm>

#include "sql/functions/function.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql {

using types::LogicalType;
using types::TypeId;

namespace {

// Rank of the integer types in widening order; -1 for others.
int IntegerRank(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt: return 0;
    case TypeId::kSmallInt: return 1;
    case TypeId::kInteger: return 2;
    case TypeId::kBigInt: return 3;
    default: return -1;
  }
}

// Digits an integer type needs as a decimal: tinyint → decimal(3,0) … bigint → decimal(19,0).
int IntegerDigits(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt: return 3;
    case TypeId::kSmallInt: return 5;
    case TypeId::kInteger: return 10;
    default: return 19;
  }
}

}  // namespace

bool CanCoerce(const LogicalType& from, const LogicalType& to) {
  if (from == to) return true;
  TypeId f = from.id();
  TypeId t = to.id();
  if (from.IsInteger()) {
    if (to.IsInteger()) return IntegerRank(f) <= IntegerRank(t);
    if (t == TypeId::kDecimal) return to.precision() - to.scale() >= IntegerDigits(f);
    return t == TypeId::kFloat || t == TypeId::kDouble;
  }
  switch (f) {
    case TypeId::kDecimal:
      if (t == TypeId::kDecimal) {
        return to.scale() >= from.scale() &&
               to.precision() - to.scale() >= from.precision() - from.scale();
      }
      return t == TypeId::kFloat || t == TypeId::kDouble;
    case TypeId::kFloat: return t == TypeId::kDouble;
    case TypeId::kDate: return t == TypeId::kTimestamp;
    case TypeId::kList: return t == TypeId::kList && CanCoerce(from.element(), to.element());
    case TypeId::kMap:
      return t == TypeId::kMap && CanCoerce(from.key(), to.key()) &&
             CanCoerce(from.value(), to.value());
    case TypeId::kStruct: {
      if (t != TypeId::kStruct || from.fields().size() != to.fields().size()) return false;
      for (size_t i = 0; i < from.fields().size(); ++i) {
        if (!CanCoerce(from.fields()[i].type, to.fields()[i].type)) return false;
      }
      return true;
    }
    default: return false;
  }
}

std::optional<LogicalType> CommonSuperType(const LogicalType& a, const LogicalType& b) {
  if (a == b) return a;
  // Decimals (and integers seen as decimals) widen to hold both integer parts and both scales.
  bool a_exact = a.IsInteger() || a.id() == TypeId::kDecimal;
  bool b_exact = b.IsInteger() || b.id() == TypeId::kDecimal;
  if (a_exact && b_exact && (a.id() == TypeId::kDecimal || b.id() == TypeId::kDecimal)) {
    int a_int = a.IsInteger() ? IntegerDigits(a.id()) : a.precision() - a.scale();
    int b_int = b.IsInteger() ? IntegerDigits(b.id()) : b.precision() - b.scale();
    int scale = std::max(a.IsInteger() ? 0 : a.scale(), b.IsInteger() ? 0 : b.scale());
    int precision = std::min(types::kMaxDecimalPrecision, std::max(a_int, b_int) + scale);
    return LogicalType::Decimal(precision, std::min(scale, precision));
  }
  if (a.id() == b.id()) {
    switch (a.id()) {
      case TypeId::kList: {
        auto element = CommonSuperType(a.element(), b.element());
        if (!element) return std::nullopt;
        return LogicalType::List(*element);
      }
      case TypeId::kMap: {
        auto key = CommonSuperType(a.key(), b.key());
        auto value = CommonSuperType(a.value(), b.value());
        if (!key || !value) return std::nullopt;
        return LogicalType::Map(*key, *value);
      }
      case TypeId::kStruct: {
        if (a.fields().size() != b.fields().size()) return std::nullopt;
        std::vector<types::StructField> fields;
        for (size_t i = 0; i < a.fields().size(); ++i) {
          auto field = CommonSuperType(a.fields()[i].type, b.fields()[i].type);
          if (!field) return std::nullopt;
          fields.push_back({a.fields()[i].name, *field});
        }
        return LogicalType::Struct(std::move(fields));
      }
      default: break;
    }
  }
  if (CanCoerce(a, b)) return b;
  if (CanCoerce(b, a)) return a;
  // real with a decimal or bigint: Trino picks real; anything numeric with double: double.
  return std::nullopt;
}

namespace fn {

int CoercionCost(const LogicalType& from, const LogicalType& to) {
  if (from == to) return 0;
  if (from.IsInteger() && to.IsInteger()) return IntegerRank(to.id()) - IntegerRank(from.id());
  switch (to.id()) {
    case TypeId::kDecimal: return from.id() == TypeId::kDecimal ? 2 : 5;
    case TypeId::kFloat: return 8;
    case TypeId::kDouble: return from.id() == TypeId::kFloat ? 2 : 10;
    case TypeId::kTimestamp: return 5;
    case TypeId::kList: return CoercionCost(from.element(), to.element());
    case TypeId::kMap: return CoercionCost(from.key(), to.key()) + CoercionCost(from.value(), to.value());
    case TypeId::kStruct: {
      int cost = 0;
      for (size_t i = 0; i < from.fields().size() && i < to.fields().size(); ++i) {
        cost += CoercionCost(from.fields()[i].type, to.fields()[i].type);
      }
      return cost;
    }
    default: return 20;
  }
}

std::string SqlTypeName(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean: return "boolean";
    case TypeId::kTinyInt: return "tinyint";
    case TypeId::kSmallInt: return "smallint";
    case TypeId::kInteger: return "integer";
    case TypeId::kBigInt: return "bigint";
    case TypeId::kFloat: return "real";
    case TypeId::kDouble: return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ")";
    case TypeId::kVarchar: return "varchar";
    case TypeId::kBinary: return "varbinary";
    case TypeId::kDate: return "date";
    case TypeId::kTime: return "time";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kList: return "array(" + SqlTypeName(type.element()) + ")";
    case TypeId::kMap: return "map(" + SqlTypeName(type.key()) + ", " + SqlTypeName(type.value()) + ")";
    case TypeId::kStruct: {
      std::string text = "row(";
      for (size_t i = 0; i < type.fields().size(); ++i) {
        if (i > 0) text += ", ";
        text += type.fields()[i].name + " " + SqlTypeName(type.fields()[i].type);
      }
      return text + ")";
    }
  }
  return "varchar";
}

}  // namespace fn
}  // namespace basin::sql
