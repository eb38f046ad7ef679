#pragma once

// Deep copies of logical plans with fresh table indexes.

#include <cstdint>
#include <unordered_map>

#include "sql/binder/binder.hpp"

namespace basin::sql {

// Copies `plan` giving every table index in it a fresh one from `context`, so the copy and the
// original can be joined; `remap` receives old index → new index. A Write cannot be copied.
LogicalPtr ClonePlanWithNewTables(const LogicalOperator& plan, BindContext& context,
                                  std::unordered_map<uint32_t, uint32_t>& remap);

}  // namespace basin::sql
