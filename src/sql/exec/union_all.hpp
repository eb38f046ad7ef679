#pragma once

#include <string>
#include <vector>

#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

// UNION ALL: no work of its own. The executor runs one pipeline per child, each continuing
// through the operators above the union into the same sink.
class PhysicalUnionAll : public PhysicalOperator {
 public:
  explicit PhysicalUnionAll(std::vector<types::LogicalType> types)
      : PhysicalOperator(std::move(types)) {}
  std::string Describe() const override { return "UnionAll"; }
};

}  // namespace basin::sql
