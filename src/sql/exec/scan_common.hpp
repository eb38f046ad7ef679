#pragma once

// What the lake and database scans share: their EXPLAIN text for the columns read and the
// filters kept, and the filter each worker applies to the chunks it reads.

#include <cstdint>
#include <string>
#include <vector>

#include "sql/exec/expression_evaluator.hpp"

namespace basin::sql {

// "[a, b] filters [x > 1 AND y = 2]": the first `output_columns` of `read_columns` (positions
// in `column_names`), then the filters, if any.
inline std::string DescribeScanColumnsAndFilters(const std::vector<std::string>& column_names,
                                                 const std::vector<uint32_t>& read_columns,
                                                 size_t output_columns,
                                                 const std::vector<PhysicalExprPtr>& filters) {
  std::string text = "[";
  for (size_t i = 0; i < output_columns; ++i) {
    if (i > 0) text += ", ";
    text += column_names[read_columns[i]];
  }
  text += "]";
  if (!filters.empty()) {
    text += " filters [";
    for (size_t i = 0; i < filters.size(); ++i) {
      if (i > 0) text += " AND ";
      text += filters[i]->text;
    }
    text += "]";
  }
  return text;
}

// A ChunkFilter over the scan's filters (they outlive every worker's state).
inline ChunkFilter MakeScanFilter(const std::vector<PhysicalExprPtr>& filters) {
  std::vector<const PhysicalExpr*> conjuncts;
  conjuncts.reserve(filters.size());
  for (const auto& filter : filters) conjuncts.push_back(filter.get());
  return ChunkFilter(conjuncts);
}

}  // namespace basin::sql
