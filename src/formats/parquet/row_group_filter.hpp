#pragma once

// Row-group skipping: decides from a column chunk's min/max statistics whether a row group can
// hold rows matching simple comparisons (column op constant), so the reader never fetches it.
//
// Statistics are used only where they are safe: min_value/max_value (ordered by the column's
// logical type) unless column_orders says the order is not the type-defined one; the legacy
// min/max (signed comparison) only for signed integer, date/time, decimal-in-integer, float and
// double columns; never for INT96 or FLOAT16, never a NaN bound; and only for top-level,
// non-nested columns. A row group whose column is entirely NULL matches no comparison.

#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.hpp"
#include "formats/parquet/parquet_schema.hpp"
#include "types/value.hpp"

namespace basin::formats::parquet {

enum class CompareOp { kEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

// `column op value`, e.g. l_shipdate >= DATE '1998-09-01'. A NULL value matches nothing.
struct ColumnPredicate {
  std::string column;
  CompareOp op = CompareOp::kEqual;
  types::Value value;
};

// Orders two values of comparable types (numbers of any kind with exact conversions, strings
// and binaries by unsigned bytes, equal date/time types, booleans); nullopt when they are not
// comparable or an exact comparison is not possible.
std::optional<int> CompareValues(const types::Value& a, const types::Value& b);

// The [min, max] of leaf `leaf` in `chunk`, as Basin values, when its statistics are present
// and safe to use for that column (see above).
struct ValueRange {
  types::Value min;
  types::Value max;
};
std::optional<ValueRange> ChunkValueRange(const FileMetaData& metadata, const LeafColumn& leaf,
                                          size_t leaf_index, const ColumnMetaData& chunk);

// False only when the statistics prove that no row of the chunk satisfies `op value`
// (`row_count` rows; a chunk of only NULLs satisfies nothing).
bool ChunkMayMatch(const FileMetaData& metadata, const LeafColumn& leaf, size_t leaf_index,
                   const ColumnMetaData& chunk, int64_t row_count, CompareOp op,
                   const types::Value& value);

}  // namespace basin::formats::parquet
