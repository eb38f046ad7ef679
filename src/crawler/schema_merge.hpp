#pragma once

// Merging the schemas a crawler finds in many files into one table schema, and deciding
// whether two schemas belong to one table (crawler/README.md, "Table boundaries").

#include <string>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "types/logical_type.hpp"
#include "types/schema.hpp"

namespace basin::crawler {

// The narrowest type both values fit: integers widen tinyint → smallint → int → bigint, then
// with floats to double; decimals to a decimal holding both (double past 38 digits); date with
// timestamp to timestamp; structs union their fields (first-seen order), arrays and maps merge
// their element types; any other mix is string.
types::LogicalType MergeTypes(const types::LogicalType& a, const types::LogicalType& b);
// The same over Hive type strings; a string that does not parse as a Hive type merges to
// "string".
std::string MergeHiveTypes(const std::string& a, const std::string& b);

// Columns of `from` merged into `into`: new names appended, common names widened.
void MergeColumns(std::vector<catalog::Column>& into, const std::vector<catalog::Column>& from);

// A file schema as catalog columns (names folded to lower case, Hive type strings).
std::vector<catalog::Column> ColumnsOf(const types::Schema& schema);

// The share of column names two schemas have in common, relative to the smaller one: 1 for
// the same names or when one holds all the other's (columns added), 0 for none in common or
// an empty side.
double NameOverlap(const std::vector<catalog::Column>& a, const std::vector<catalog::Column>& b);

// Glue's similarity rule: schemas belong to one table when at least this share of the column
// names agree.
inline constexpr double kSimilarityThreshold = 0.7;

}  // namespace basin::crawler
