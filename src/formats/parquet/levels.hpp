#pragma once

// Rebuilds nested vectors (LIST, MAP, STRUCT and the NULLs of each level) from the leaf
// columns' definition and repetition levels, following the node levels that
// BuildParquetSchema computed (SchemaNode::slot_def / valid_def / elem_def …).
//
// Each node takes its shape from the levels of its first leaf: a level entry opens a row of
// the node when def >= slot_def and rep <= slot_rep, the row is NULL when def < valid_def,
// and for a list an entry adds an element when def >= elem_def and rep <= elem_rep. Leaves
// already hold one row per slot (column_reader.hpp), so they are moved in as they are.

#include <string>
#include <vector>

#include "columnar/vector.hpp"
#include "formats/parquet/column_reader.hpp"
#include "formats/parquet/parquet_schema.hpp"

namespace basin::formats::parquet {

// Builds the vector of `node` from `leaves` (indexed by leaf number; the entries under
// `node` must be decoded, with levels kept for nested fields), moving leaf vectors out.
// Throws Corrupt naming `file` when the leaves' levels disagree about the shape.
columnar::Vector AssembleField(const SchemaNode& node, std::vector<LeafData*>& leaves,
                               const std::string& file);

}  // namespace basin::formats::parquet
