#include "connectors/postgres/postgres_types.hpp"

namespace basin::connectors::postgres {

namespace {

using types::LogicalType;

// Built-in type OIDs (pg_type.dat); stable across PostgreSQL versions.
enum Oid : uint32_t {
  kBoolOid = 16,
  kByteaOid = 17,
  kNameOid = 19,
  kInt8Oid = 20,
  kInt2Oid = 21,
  kInt4Oid = 23,
  kTextOid = 25,
  kOidOid = 26,
  kFloat4Oid = 700,
  kFloat8Oid = 701,
  kBpcharOid = 1042,
  kVarcharOid = 1043,
  kDateOid = 1082,
  kTimeOid = 1083,
  kTimestampOid = 1114,
  kTimestampTzOid = 1184,
  kBitOid = 1560,
  kNumericOid = 1700,
};

PgTypeMapping Make(LogicalType type, Wire wire, std::string cast = "") {
  PgTypeMapping mapping;
  mapping.hive_type = type.ToString();
  mapping.type = std::move(type);
  mapping.wire = wire;
  mapping.cast = std::move(cast);
  return mapping;
}

PgTypeMapping AsText() { return Make(LogicalType::Varchar(), Wire::kText, "::text"); }

// Scalars that travel in their own binary form; nullopt-like empty hive_type otherwise.
bool MapScalar(uint32_t oid, int32_t typmod, PgTypeMapping& out) {
  switch (oid) {
    case kBoolOid: out = Make(LogicalType::Boolean(), Wire::kBool); return true;
    case kInt2Oid: out = Make(LogicalType::SmallInt(), Wire::kInt2); return true;
    case kInt4Oid: out = Make(LogicalType::Integer(), Wire::kInt4); return true;
    case kInt8Oid: out = Make(LogicalType::BigInt(), Wire::kInt8); return true;
    case kOidOid: out = Make(LogicalType::BigInt(), Wire::kInt8, "::bigint"); return true;
    case kFloat4Oid: out = Make(LogicalType::Float(), Wire::kFloat4); return true;
    case kFloat8Oid: out = Make(LogicalType::Double(), Wire::kFloat8); return true;
    case kTextOid:
    case kVarcharOid:
    case kBpcharOid:
    case kNameOid: out = Make(LogicalType::Varchar(), Wire::kText); return true;
    case kByteaOid: out = Make(LogicalType::Binary(), Wire::kBytea); return true;
    case kDateOid: out = Make(LogicalType::Date(), Wire::kDate); return true;
    case kTimeOid: out = Make(LogicalType::Time(), Wire::kTime); return true;
    case kTimestampOid:
    case kTimestampTzOid: out = Make(LogicalType::Timestamp(), Wire::kTimestamp); return true;
    case kBitOid:
      if (typmod == 1) {
        out = Make(LogicalType::Boolean(), Wire::kBool, "bit1");
        return true;
      }
      return false;
    case kNumericOid: {
      if (typmod < 4) {
        // Unbounded numeric: decimal(38,18) holds 20 integer and 18 fraction digits, which
        // covers money-like and measurement columns; a value beyond it fails the scan with
        // a message naming the row, rather than losing digits.
        out = Make(LogicalType::Decimal(38, 18), Wire::kNumeric);
        return true;
      }
      int precision = ((typmod - 4) >> 16) & 0xffff;
      int scale = (typmod - 4) & 0x7ff;
      if (precision < 1 || precision > types::kMaxDecimalPrecision || scale > precision ||
          ((typmod - 4) & 0x400) != 0) {  // negative scales (PostgreSQL 15) have no Hive form
        out = AsText();
        return true;
      }
      out = Make(LogicalType::Decimal(precision, scale), Wire::kNumeric);
      return true;
    }
    default: return false;
  }
}

}  // namespace

PgTypeMapping MapPostgresType(uint32_t oid, int32_t typmod, uint32_t element_oid, char type_kind) {
  if (element_oid != 0) {
    PgTypeMapping element;
    bool native = MapScalar(element_oid, -1, element) && element.cast.empty() &&
                  element.wire != Wire::kNumeric;
    if (!native) element = Make(LogicalType::Varchar(), Wire::kText);
    PgTypeMapping mapping =
        Make(LogicalType::List(element.type), Wire::kArray, native ? "" : "::text[]");
    mapping.element_wire = element.wire;
    return mapping;
  }
  PgTypeMapping mapping;
  if (type_kind != 'e' && MapScalar(oid, typmod, mapping)) return mapping;
  // enum, json, jsonb, uuid, money, interval, inet, cidr, macaddr, timetz, bit(n), xml,
  // geometric and range types: their text form.
  return AsText();
}

std::string SelectExpression(const std::string& quoted_column, const PgTypeMapping& mapping) {
  if (mapping.cast.empty()) return quoted_column;
  if (mapping.cast == "bit1") return "(" + quoted_column + " = B'1')";
  return quoted_column + mapping.cast;
}

}  // namespace basin::connectors::postgres
