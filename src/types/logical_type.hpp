#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace basin::types {

// The logical types of Basin's columnar core. They follow Hive's type system (what the catalog
// stores) plus TIME, which Parquet and the databases have and Hive lacks.
enum class TypeId : uint8_t {
  kBoolean,
  kTinyInt,
  kSmallInt,
  kInteger,
  kBigInt,
  kFloat,
  kDouble,
  kDecimal,    // precision 1..38, scale 0..precision
  kVarchar,    // UTF-8 text
  kBinary,     // raw bytes
  kDate,       // days since 1970-01-01
  kTime,       // microseconds since midnight
  kTimestamp,  // microseconds since 1970-01-01 00:00:00 (UTC when the source says so)
  kList,
  kStruct,
  kMap,
};

// How a vector stores values of a logical type.
enum class PhysicalType : uint8_t {
  kBool,     // uint8_t, 0 or 1
  kInt8,
  kInt16,
  kInt32,    // INTEGER, DATE
  kInt64,    // BIGINT, TIME, TIMESTAMP, DECIMAL with precision <= 18
  kInt128,   // DECIMAL with precision > 18
  kFloat,
  kDouble,
  kString,   // std::string_view into the vector's heap (VARCHAR, BINARY)
  kList,     // offsets + one child (LIST, and MAP as a list of struct<key, value>)
  kStruct,   // one child per field
};

constexpr int kMaxDecimalPrecision = 38;
constexpr int kMaxInt64DecimalPrecision = 18;

struct StructField;

class LogicalType {
 public:
  LogicalType() = default;  // VARCHAR
  explicit LogicalType(TypeId id) : id_(id) {}

  static LogicalType Boolean() { return LogicalType(TypeId::kBoolean); }
  static LogicalType TinyInt() { return LogicalType(TypeId::kTinyInt); }
  static LogicalType SmallInt() { return LogicalType(TypeId::kSmallInt); }
  static LogicalType Integer() { return LogicalType(TypeId::kInteger); }
  static LogicalType BigInt() { return LogicalType(TypeId::kBigInt); }
  static LogicalType Float() { return LogicalType(TypeId::kFloat); }
  static LogicalType Double() { return LogicalType(TypeId::kDouble); }
  static LogicalType Varchar() { return LogicalType(TypeId::kVarchar); }
  static LogicalType Binary() { return LogicalType(TypeId::kBinary); }
  static LogicalType Date() { return LogicalType(TypeId::kDate); }
  static LogicalType Time() { return LogicalType(TypeId::kTime); }
  static LogicalType Timestamp() { return LogicalType(TypeId::kTimestamp); }
  // Throws InvalidInput when precision is outside 1..38 or scale outside 0..precision.
  static LogicalType Decimal(int precision, int scale);
  static LogicalType List(LogicalType element);
  static LogicalType Struct(std::vector<StructField> fields);
  static LogicalType Map(LogicalType key, LogicalType value);

  TypeId id() const { return id_; }
  PhysicalType physical() const;
  bool IsNested() const {
    return id_ == TypeId::kList || id_ == TypeId::kStruct || id_ == TypeId::kMap;
  }
  bool IsInteger() const {
    return id_ == TypeId::kTinyInt || id_ == TypeId::kSmallInt || id_ == TypeId::kInteger ||
           id_ == TypeId::kBigInt;
  }

  int precision() const { return precision_; }
  int scale() const { return scale_; }

  // LIST: the element type. MAP: see key()/value().
  const LogicalType& element() const;
  // STRUCT: the fields in order.
  const std::vector<StructField>& fields() const;
  const LogicalType& key() const;
  const LogicalType& value() const;
  // MAP's storage: struct<key, value>, the element of its entry list.
  LogicalType MapEntryType() const;

  // Hive spelling: "int", "decimal(10,2)", "array<struct<a:int>>", "map<string,bigint>".
  std::string ToString() const;

  bool operator==(const LogicalType& other) const;
  bool operator!=(const LogicalType& other) const { return !(*this == other); }

 private:
  TypeId id_ = TypeId::kVarchar;
  uint8_t precision_ = 0;
  uint8_t scale_ = 0;
  // LIST: {element}; MAP: {key, value}; STRUCT: its fields. Shared because types are copied
  // freely and never mutated after construction.
  std::shared_ptr<const std::vector<StructField>> children_;
};

struct StructField {
  std::string name;
  LogicalType type;
  bool operator==(const StructField& other) const {
    return name == other.name && type == other.type;
  }
};

// Parses a Hive type string as the Glue catalog stores it: case-insensitive, whitespace
// tolerant; accepts the synonyms integer, string, varchar(n), char(n), array, struct, map,
// uniontype is rejected. Throws InvalidInput naming the position of the problem.
LogicalType ParseHiveType(std::string_view text);

// Bytes one value takes in a vector's data buffer (a string_view for strings); 0 for nested
// types, whose values live in their children.
size_t FixedWidth(PhysicalType physical);

}  // namespace basin::types
