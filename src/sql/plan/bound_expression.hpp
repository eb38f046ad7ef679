#pragma once

// Bound expressions: what the binder makes of AST expressions once every name is resolved and
// every type known. Columns are referred to by ColumnBinding, a (table, column) pair that stays
// valid while the optimizer moves operators around; the physical planner turns bindings into
// positions in the chunks an operator receives.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/functions/function.hpp"
#include "types/logical_type.hpp"
#include "types/value.hpp"

namespace basin::sql {

// `table` is an index handed out by the binder to each operator that creates columns (a scan,
// a projection, an aggregate's groups, its aggregates, a window …); `column` numbers them.
struct ColumnBinding {
  uint32_t table = 0;
  uint32_t column = 0;
  bool operator==(const ColumnBinding&) const = default;
  auto operator<=>(const ColumnBinding&) const = default;
};

enum class BoundExprKind : uint8_t {
  kColumn,    // binding
  kConstant,  // constant (typed; NULL of `type` for NULL)
  kFunction,  // function(children…); operators too ($add, $eq, $like …)
  kCast,      // CAST(children[0] AS type); try_cast
  kAnd,       // children…, SQL three-valued logic
  kOr,        // children…, SQL three-valued logic
  kNot,       // NOT children[0]
  kIsNull,    // children[0] IS NULL (negated: IS NOT NULL)
  kCase,      // children = when1, then1, when2, then2 …, else (always present: NULL if absent)
  kCoalesce,  // first non-NULL of children, evaluated lazily
  kInList,    // children[0] IN (children[1..]); negated: NOT IN. All one type after coercion.
};

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

struct BoundExpr {
  BoundExprKind kind;
  types::LogicalType type;
  ColumnBinding binding;                           // kColumn
  types::Value constant;                           // kConstant
  std::shared_ptr<const ScalarFunction> function;  // kFunction
  std::vector<BoundExprPtr> children;
  bool negated = false;   // kIsNull, kInList
  bool try_cast = false;  // kCast
  // For messages and EXPLAIN: the SQL the expression was bound from ("l_extendedprice * 2").
  std::string text;

  BoundExprPtr Clone() const;
  // Canonical SQL-like text (EXPLAIN, error messages, CSE); equal text ⇔ equal expression.
  std::string ToString() const;
  bool IsConstant() const;  // no column anywhere below (may still be non-deterministic)
  // Every binding referred to below, appended to `out`.
  void CollectBindings(std::vector<ColumnBinding>& out) const;
};

BoundExprPtr MakeColumn(ColumnBinding binding, types::LogicalType type, std::string text = {});
BoundExprPtr MakeConstant(types::Value value);
BoundExprPtr MakeCast(BoundExprPtr value, types::LogicalType to, bool try_cast = false);
BoundExprPtr MakeFunction(std::shared_ptr<const ScalarFunction> function,
                          std::vector<BoundExprPtr> arguments);

// ---- Aggregates and windows ------------------------------------------------------------------

struct BoundOrder {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;  // Trino's default: NULLS LAST for both directions
};

struct BoundAggregate {
  std::shared_ptr<const AggregateFunction> function;
  std::vector<BoundExprPtr> arguments;  // count(*) has none
  bool distinct = false;
  BoundExprPtr filter;                  // FILTER (WHERE …), or null
  std::vector<BoundOrder> order_by;  // array_agg(x ORDER BY y)
  std::string text;
};

enum class WindowFunctionKind : uint8_t {
  kAggregate,  // sum/avg/count/min/max … OVER (…), with a frame
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

enum class FrameUnitKind : uint8_t { kRows, kRange, kGroups };
enum class FrameBoundType : uint8_t {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing,
};

struct BoundFrame {
  FrameUnitKind unit = FrameUnitKind::kRange;
  FrameBoundType start = FrameBoundType::kUnboundedPreceding;
  int64_t start_offset = 0;
  FrameBoundType end = FrameBoundType::kCurrentRow;
  int64_t end_offset = 0;
};

struct BoundWindow {
  WindowFunctionKind kind = WindowFunctionKind::kAggregate;
  std::shared_ptr<const AggregateFunction> aggregate;  // kAggregate
  std::vector<BoundExprPtr> arguments;  // lag/lead: value, offset (constant), default
  std::vector<BoundExprPtr> partition_by;
  std::vector<BoundOrder> order_by;
  BoundFrame frame;  // Trino's default: RANGE UNBOUNDED PRECEDING .. CURRENT ROW with ORDER BY,
                     // the whole partition without
  bool ignore_nulls = false;
  types::LogicalType type;
  std::string text;
};

}  // namespace basin::sql
