#pragma once

// The engine's bridge to the binder / optimizer (BindQuery, Optimize) and the executor
// (ExecutePlan). Everything that plans or runs a query goes through these few functions, so
// the statement code does not depend on how those stages spell their entry points.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/binder/binder.hpp"
#include "sql/engine/session.hpp"
#include "sql/plan/logical_plan.hpp"
#include "types/logical_type.hpp"

namespace basin::sql {

// Output column names and types of a query, found by binding it with `database` as the
// current database (nothing runs).
struct QueryShape {
  std::vector<std::string> names;
  std::vector<types::LogicalType> types;
};
QueryShape DescribeQuery(Session& session, const Query& query, std::string_view sql,
                         const std::string& database);

// The rows of an executed plan.
struct QueryOutput {
  std::vector<std::string> names;
  std::vector<types::LogicalType> types;
  std::vector<columnar::DataChunk> chunks;
  uint64_t rows = 0;
  uint64_t bytes_scanned = 0;
};

// Optimizes and runs a bound plan.
QueryOutput RunPlan(Session& session, LogicalPtr plan);
// The same, handing the rows to `sink` as they come (QueryOutput::chunks stays empty).
QueryOutput RunPlanStreaming(Session& session, LogicalPtr plan, ResultSink& sink);

// EXPLAIN's text of a bound plan: the physical plan, the optimized logical plan (`logical`),
// or with `analyze` the physical plan run with per-operator rows and time.
enum class ExplainKind : uint8_t { kPhysical, kLogical, kAnalyze };
// `bytes_scanned` (optional) receives what EXPLAIN ANALYZE's run read.
std::string ExplainPlan(Session& session, LogicalPtr plan, ExplainKind kind,
                        uint64_t* bytes_scanned = nullptr);

}  // namespace basin::sql
