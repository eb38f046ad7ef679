#pragma once

// Maps a Parquet schema (the flattened SchemaElement tree of the footer) to Basin's schema, and
// records for every node the definition/repetition levels that the reader needs to rebuild
// NULLs, lists, structs and maps from the leaf columns.
//
// Type mapping (physical type + logical/converted annotation -> Basin type):
//   BOOLEAN -> BOOLEAN; INT32 -> INTEGER (INT(8)/INT(16) -> TINYINT/SMALLINT, UINT(8) ->
//   SMALLINT, UINT(16) -> INTEGER, UINT(32) -> BIGINT, DATE, TIME(MILLIS) -> TIME, DECIMAL);
//   INT64 -> BIGINT (UINT(64) -> DECIMAL(20,0), TIMESTAMP/TIME in any unit -> microseconds,
//   DECIMAL); INT96 -> TIMESTAMP; FLOAT, DOUBLE; BYTE_ARRAY -> BINARY (STRING, ENUM, JSON ->
//   VARCHAR, DECIMAL); FIXED_LEN_BYTE_ARRAY -> BINARY (UUID -> VARCHAR in canonical text,
//   DECIMAL, FLOAT16 -> FLOAT). Groups: LIST -> LIST (with the backward-compatibility rules for
//   two-level lists), MAP -> MAP, others -> STRUCT; a repeated field without a LIST annotation
//   is a LIST of required elements.

#include <cstdint>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.hpp"
#include "types/schema.hpp"

namespace basin::formats::parquet {

// How a leaf's physical values become the values of its Basin type.
enum class ValueConversion : uint8_t {
  kNone,              // stored as is: BOOLEAN, INT32, INT64, FLOAT, DOUBLE
  kInt32ToInt8,       // INT(8)
  kInt32ToInt16,      // INT(16), UINT(8)
  kInt32ToInt64,      // DECIMAL in INT32
  kUint32ToInt64,     // UINT(32)
  kInt32ToInt128,     // DECIMAL(>18) declared on INT32 (odd, but representable)
  kInt64ToInt128,     // DECIMAL(>18) on INT64
  kUint64ToInt128,    // UINT(64) -> DECIMAL(20,0)
  kMillisToMicros32,  // TIME(MILLIS) on INT32 -> int64 microseconds
  kMillisToMicros,    // TIMESTAMP/TIME(MILLIS) on INT64
  kNanosToMicros,     // TIMESTAMP/TIME(NANOS) on INT64, rounded down
  kInt96ToMicros,     // legacy INT96 timestamps
  kBinary,            // BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY -> BINARY, bytes as they are
  kUtf8,              // -> VARCHAR, validated as UTF-8
  kDecimalBytes,      // big-endian two's complement bytes -> int64 or int128 unscaled
  kUuid,              // 16 bytes -> "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
  kFloat16,           // IEEE half -> FLOAT
};

// One leaf column (a column chunk in every row group), in file order.
struct LeafColumn {
  std::string path;  // dotted path in the Parquet schema, for messages: "tags.list.element"
  Type physical = Type::kInt32;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  uint8_t max_def = 0;
  uint8_t max_rep = 0;
  // A level entry is a row of the leaf's vector when its definition level reaches slot_def
  // (the level at which the innermost enclosing list's element exists; 0 outside lists).
  uint8_t slot_def = 0;
  types::LogicalType type;
  ValueConversion conversion = ValueConversion::kNone;
  size_t field = 0;  // the top-level field it belongs to
};

// A node of the Basin-shaped tree: a top-level field, a struct field, a list element, a map
// entry, or a leaf.
struct SchemaNode {
  enum class Kind : uint8_t { kLeaf, kStruct, kList };  // MAP is a kList of key/value structs
  Kind kind = Kind::kLeaf;
  std::string name;
  types::LogicalType type;
  // Rows of this node are the level entries with def >= slot_def and rep <= slot_rep.
  uint8_t slot_def = 0;
  uint8_t slot_rep = 0;
  // A row is non-NULL when def >= valid_def (== slot_def for required nodes).
  uint8_t valid_def = 0;
  // kList: an element exists when def >= elem_def; elements start where rep <= elem_rep.
  uint8_t elem_def = 0;
  uint8_t elem_rep = 0;
  size_t leaf = 0;        // kLeaf: index into ParquetSchema::leaves
  size_t first_leaf = 0;  // the first leaf at or below this node
  size_t leaf_count = 0;  // leaves at or below this node
  std::vector<SchemaNode> children;
};

struct ParquetSchema {
  types::Schema schema;            // top-level fields as Basin sees them
  std::vector<SchemaNode> fields;  // one per top-level field
  std::vector<LeafColumn> leaves;  // in file (column chunk) order
};

// Deepest nesting of groups accepted.
constexpr int kMaxSchemaDepth = 64;

// Builds the schema from the footer. Throws Corrupt for a malformed tree (children counts that
// do not add up, a group without children, a leaf without a type) and Unsupported for types
// Basin cannot represent (INTERVAL, unknown annotations), naming `file` and the column.
ParquetSchema BuildParquetSchema(const FileMetaData& metadata, const std::string& file);

}  // namespace basin::formats::parquet
