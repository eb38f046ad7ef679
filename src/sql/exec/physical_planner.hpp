#pragma once

// Turns an optimized logical plan into physical operators: column bindings become positions
// in the chunks each operator receives, expressions are compiled (expression_evaluator.hpp),
// a Sort under a Limit becomes a top-N, and the hash-based operators come from the factories
// of hash_operators.hpp. Each physical operator outputs its columns in the order of its
// logical operator's `bindings`.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sql/exec/physical_operator.hpp"
#include "sql/plan/logical_plan.hpp"

namespace basin::catalog {
class Catalog;
}

namespace basin::sql {

// One file a LogicalWrite produced (published once the whole query succeeded).
struct WrittenFile {
  std::string path;
  uint64_t rows = 0;
  uint64_t bytes = 0;
  // The partition values of the file's folder (key=value), in partition-column order; empty
  // for an unpartitioned write. A NULL value is Hive's __HIVE_DEFAULT_PARTITION__.
  std::vector<std::string> partition_values;
};

// Filled by write operators as they publish.
struct WriteReport {
  std::mutex mutex;
  std::vector<WrittenFile> files;
  std::vector<std::string> partition_columns;
};

struct PlanningContext {
  // Partitions of partitioned lake tables; may be null (then partitions are found by listing
  // the table's folders key=value/).
  catalog::Catalog* catalog = nullptr;
  std::shared_ptr<WriteReport> writes = std::make_shared<WriteReport>();
};

PhysicalPtr BuildPhysicalPlan(const LogicalOperator& root, PlanningContext& context);

}  // namespace basin::sql
