#include "types/logical_type.hpp"

#include "common/error.hpp"

namespace basin::types {

LogicalType LogicalType::Decimal(int precision, int scale) {
  if (precision < 1 || precision > kMaxDecimalPrecision) {
    ThrowInvalid("decimal precision " + std::to_string(precision) + " is outside 1..38");
  }
  if (scale < 0 || scale > precision) {
    ThrowInvalid("decimal scale " + std::to_string(scale) + " is outside 0.." +
                 std::to_string(precision));
  }
  LogicalType type(TypeId::kDecimal);
  type.precision_ = static_cast<uint8_t>(precision);
  type.scale_ = static_cast<uint8_t>(scale);
  return type;
}

LogicalType LogicalType::List(LogicalType element) {
  LogicalType type(TypeId::kList);
  type.children_ = std::make_shared<const std::vector<StructField>>(
      std::vector<StructField>{{"element", std::move(element)}});
  return type;
}

LogicalType LogicalType::Struct(std::vector<StructField> fields) {
  LogicalType type(TypeId::kStruct);
  type.children_ = std::make_shared<const std::vector<StructField>>(std::move(fields));
  return type;
}

LogicalType LogicalType::Map(LogicalType key, LogicalType value) {
  LogicalType type(TypeId::kMap);
  type.children_ = std::make_shared<const std::vector<StructField>>(
      std::vector<StructField>{{"key", std::move(key)}, {"value", std::move(value)}});
  return type;
}

PhysicalType LogicalType::physical() const {
  switch (id_) {
    case TypeId::kBoolean: return PhysicalType::kBool;
    case TypeId::kTinyInt: return PhysicalType::kInt8;
    case TypeId::kSmallInt: return PhysicalType::kInt16;
    case TypeId::kInteger:
    case TypeId::kDate: return PhysicalType::kInt32;
    case TypeId::kBigInt:
    case TypeId::kTime:
    case TypeId::kTimestamp: return PhysicalType::kInt64;
    case TypeId::kDecimal:
      return precision_ <= kMaxInt64DecimalPrecision ? PhysicalType::kInt64
                                                     : PhysicalType::kInt128;
    case TypeId::kFloat: return PhysicalType::kFloat;
    case TypeId::kDouble: return PhysicalType::kDouble;
    case TypeId::kVarchar:
    case TypeId::kBinary: return PhysicalType::kString;
    case TypeId::kList:
    case TypeId::kMap: return PhysicalType::kList;
    case TypeId::kStruct: return PhysicalType::kStruct;
  }
  return PhysicalType::kString;
}

static const std::vector<StructField>& NoFields() {
  static const std::vector<StructField> empty;
  return empty;
}

const LogicalType& LogicalType::element() const {
  if (id_ != TypeId::kList) ThrowInternal("element() of non-list type " + ToString());
  return (*children_)[0].type;
}

const std::vector<StructField>& LogicalType::fields() const {
  if (id_ != TypeId::kStruct) return NoFields();
  return *children_;
}

const LogicalType& LogicalType::key() const {
  if (id_ != TypeId::kMap) ThrowInternal("key() of non-map type " + ToString());
  return (*children_)[0].type;
}

const LogicalType& LogicalType::value() const {
  if (id_ != TypeId::kMap) ThrowInternal("value() of non-map type " + ToString());
  return (*children_)[1].type;
}

LogicalType LogicalType::MapEntryType() const {
  if (id_ != TypeId::kMap) ThrowInternal("MapEntryType() of non-map type " + ToString());
  return Struct(*children_);
}

bool LogicalType::operator==(const LogicalType& other) const {
  if (id_ != other.id_ || precision_ != other.precision_ || scale_ != other.scale_) return false;
  if (!IsNested()) return true;
  return *children_ == *other.children_;
}

size_t FixedWidth(PhysicalType physical) {
  switch (physical) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8: return 1;
    case PhysicalType::kInt16: return 2;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt128: return 16;
    case PhysicalType::kString: return sizeof(std::string_view);
    case PhysicalType::kList:
    case PhysicalType::kStruct: return 0;
  }
  return 0;
}

}  // namespace basin::types
