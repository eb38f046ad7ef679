#pragma once

#include <cstdint>
#include <vector>

#include "formats/parquet/level_builder.hpp"
#include "formats/parquet/parquet_metadata.hpp"
#include "types/schema.hpp"

namespace basin::formats::parquet {

// A Basin schema as Parquet sees it: the footer's flattened SchemaElement list (root first,
// depth first) and the leaf columns, each with its path and levels.
//
// Mapping (README.md, "Writer"): BOOLEAN; TINYINT/SMALLINT as INT32 with INT(8/16); INTEGER
// INT32; BIGINT INT64; FLOAT; DOUBLE; DECIMAL as INT32 (p <= 9), INT64 (p <= 18) or the
// narrowest FIXED_LEN_BYTE_ARRAY; VARCHAR BYTE_ARRAY + STRING; BINARY BYTE_ARRAY; DATE INT32 +
// DATE; TIME and TIMESTAMP INT64 micros with isAdjustedToUTC = false (plus the converted types
// TIME_MICROS / TIMESTAMP_MICROS for older readers); LIST the 3-level list/element form; MAP
// key_value with a required key; STRUCT a plain group. Top-level columns are optional unless
// the field is not nullable; nested values are optional except MAP keys.
struct WriterSchema {
  std::vector<SchemaElement> elements;
  std::vector<WriterLeaf> leaves;
};

// Throws InvalidInput for an empty schema or duplicate column names, Unsupported for a STRUCT
// without fields.
WriterSchema BuildWriterSchema(const types::Schema& schema);

// The physical type that stores a leaf of this (non-nested) Basin type.
Type PhysicalTypeFor(const types::LogicalType& type);

// Bytes of the narrowest two's complement integer holding every unscaled decimal of this
// precision (the FIXED_LEN_BYTE_ARRAY width for precision > 18): 9 for 19..20, 16 for 37..38.
int DecimalByteWidth(int precision);

}  // namespace basin::formats::parquet
