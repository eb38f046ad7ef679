#pragma once

// PostgreSQL types → Hive types, and how a scan carries each one over the binary COPY wire.
// README.md has the table. Types Basin has no exact counterpart for are cast to text by the
// server (in the COPY's SELECT), so the wire never carries a format we do not decode.

#include <cstdint>
#include <string>

#include "types/logical_type.hpp"

namespace basin::connectors::postgres {

// What the binary COPY stream carries for a column, after the SELECT's cast.
enum class Wire : uint8_t {
  kBool,
  kInt2,
  kInt4,
  kInt8,
  kFloat4,
  kFloat8,
  kNumeric,
  kText,  // text, varchar, bpchar, name, and everything cast ::text
  kBytea,
  kDate,
  kTime,
  kTimestamp,  // timestamp and timestamptz (both microseconds since 2000-01-01, UTC for tz)
  kArray,      // one-dimensional (deeper ones are flattened) of element_wire
};

struct PgTypeMapping {
  std::string hive_type;
  types::LogicalType type;
  Wire wire = Wire::kText;
  Wire element_wire = Wire::kText;  // kArray only
  // Wraps the quoted column name for the SELECT: "" keeps it; "::text" casts, "bit1" compares.
  std::string cast;
};

// `oid`/`typmod`: the column's type after resolving domains; `element_oid` the array element's
// type (0 when not an array); `type_kind` pg_type.typtype ('e' enum, 'b' base, …).
PgTypeMapping MapPostgresType(uint32_t oid, int32_t typmod, uint32_t element_oid, char type_kind);

// The SELECT expression for a column under a mapping.
std::string SelectExpression(const std::string& quoted_column, const PgTypeMapping& mapping);

}  // namespace basin::connectors::postgres
