#include "sql/exec/physical_planner.hpp"

#include <utility>

#include "common/error.hpp"
#include "sql/exec/expression_evaluator.hpp"
#include "sql/exec/filter.hpp"
#include "sql/exec/hash_operators.hpp"
#include "sql/exec/limit.hpp"
#include "sql/exec/projection.hpp"
#include "sql/exec/scan_database.hpp"
#include "sql/exec/scan_lake.hpp"
#include "sql/exec/sort.hpp"
#include "sql/exec/top_n.hpp"
#include "sql/exec/union_all.hpp"
#include "sql/exec/values_source.hpp"
#include "sql/exec/write_sink.hpp"

namespace basin::sql {

namespace {

// Above this many rows a Sort under a Limit stays a full sort: top-N buffers offset+limit rows
// per worker.
constexpr int64_t kMaxTopNRows = 1 << 20;

struct Built {
  PhysicalPtr op;
  ColumnLayout layout;
};

Built Build(const LogicalOperator& logical, PlanningContext& context);

// Reorders `built` to output `wanted` (every binding must be in its layout).
Built Reorder(Built built, const std::vector<ColumnBinding>& wanted,
              const std::vector<types::LogicalType>& types) {
  if (built.layout == wanted) return built;
  std::vector<PhysicalExprPtr> columns;
  for (size_t i = 0; i < wanted.size(); ++i) {
    auto it = std::find(built.layout.begin(), built.layout.end(), wanted[i]);
    if (it == built.layout.end()) {
      ThrowInternal("operator output lacks column #" + std::to_string(wanted[i].table) + "." +
                    std::to_string(wanted[i].column));
    }
    columns.push_back(ColumnExpression(static_cast<uint32_t>(it - built.layout.begin()), types[i]));
  }
  auto projection = std::make_unique<PhysicalProjection>(std::move(columns));
  projection->children.push_back(std::move(built.op));
  return {std::move(projection), wanted};
}

std::vector<SortKey> CompileKeys(const std::vector<BoundOrder>& order_by,
                                 const ColumnLayout& layout) {
  std::vector<SortKey> keys;
  for (const auto& order : order_by) {
    keys.push_back({CompileExpression(*order.expr, layout), order.descending, order.nulls_first});
  }
  return keys;
}

PhysicalPtr BuildValues(const LogicalValues& values) {
  columnar::DataChunk rows;
  InitChunk(rows, values.types);
  columnar::DataChunk one_row;
  one_row.SetSizeOnly(1);
  for (const auto& row : values.rows) {
    if (row.size() != values.types.size()) {
      ThrowInternal("VALUES row with " + std::to_string(row.size()) + " values for " +
                    std::to_string(values.types.size()) + " columns");
    }
    for (size_t c = 0; c < row.size(); ++c) {
      auto expr = CompileExpression(*row[c], {});
      ExpressionEvaluator evaluator(*expr);
      const columnar::Vector& value = evaluator.Evaluate(one_row);
      columnar::Vector& column = rows.column(c);
      if (value.type() == column.type()) {
        column.AppendFrom(value, 0, 1);
      } else {
        columnar::Vector cast(column.type());
        CastVector(value, 1, cast, false);
        column.AppendFrom(cast, 0, 1);
      }
    }
  }
  rows.SetSizeOnly(values.rows.size());
  return std::make_unique<PhysicalValues>(values.types, std::move(rows), "Values");
}

Built BuildChild(const LogicalOperator& logical, size_t i, PlanningContext& context) {
  if (logical.children.size() <= i)
    ThrowInternal("logical operator lacks child " + std::to_string(i));
  return Build(*logical.children[i], context);
}

Built BuildNode(const LogicalOperator& logical, PlanningContext& context) {
  switch (logical.kind) {
    case LogicalKind::kScan: {
      const auto& scan = logical.As<LogicalScan>();
      if (scan.source.kind == SourceKind::kDatabase) {
        return {MakeDatabaseScan(scan, context), logical.bindings};
      }
      return {MakeLakeScan(scan, context), logical.bindings};
    }
    case LogicalKind::kValues: return {BuildValues(logical.As<LogicalValues>()), logical.bindings};
    case LogicalKind::kEmpty: {
      columnar::DataChunk rows;
      InitChunk(rows, logical.types);
      return {std::make_unique<PhysicalValues>(logical.types, std::move(rows), "Empty"),
              logical.bindings};
    }
    case LogicalKind::kFilter: {
      Built child = BuildChild(logical, 0, context);
      const auto& filter = logical.As<LogicalFilter>();
      if (filter.conjuncts.empty()) return child;
      std::vector<PhysicalExprPtr> conjuncts;
      for (const auto& conjunct : filter.conjuncts) {
        conjuncts.push_back(CompileExpression(*conjunct, child.layout));
      }
      auto op = std::make_unique<PhysicalFilter>(child.op->types(), std::move(conjuncts));
      op->children.push_back(std::move(child.op));
      return {std::move(op), std::move(child.layout)};
    }
    case LogicalKind::kProject: {
      Built child = BuildChild(logical, 0, context);
      std::vector<PhysicalExprPtr> expressions;
      for (const auto& expression : logical.As<LogicalProject>().expressions) {
        expressions.push_back(CompileExpression(*expression, child.layout));
      }
      auto op = std::make_unique<PhysicalProjection>(std::move(expressions));
      op->children.push_back(std::move(child.op));
      return {std::move(op), logical.bindings};
    }
    case LogicalKind::kAggregate: {
      Built child = BuildChild(logical, 0, context);
      return {MakeHashAggregate(logical.As<LogicalAggregate>(), std::move(child.op), child.layout),
              logical.bindings};
    }
    case LogicalKind::kJoin: {
      const auto& join = logical.As<LogicalJoin>();
      Built probe = BuildChild(logical, 0, context);
      Built build = BuildChild(logical, 1, context);
      return {
          MakeHashJoin(join, std::move(probe.op), std::move(build.op), probe.layout, build.layout),
          logical.bindings};
    }
    case LogicalKind::kSort: {
      Built child = BuildChild(logical, 0, context);
      auto keys = CompileKeys(logical.As<LogicalSort>().order_by, child.layout);
      auto op = std::make_unique<PhysicalSort>(child.op->types(), std::move(keys));
      op->children.push_back(std::move(child.op));
      return {std::move(op), std::move(child.layout)};
    }
    case LogicalKind::kLimit: {
      const auto& limit = logical.As<LogicalLimit>();
      const LogicalOperator& below = *logical.children.at(0);
      if (below.kind == LogicalKind::kSort && limit.limit &&
          *limit.limit + limit.offset <= kMaxTopNRows) {
        Built child = BuildChild(below, 0, context);
        auto keys = CompileKeys(below.As<LogicalSort>().order_by, child.layout);
        auto op = std::make_unique<PhysicalTopN>(child.op->types(), std::move(keys), *limit.limit,
                                                 limit.offset);
        op->children.push_back(std::move(child.op));
        return {std::move(op), std::move(child.layout)};
      }
      Built child = BuildChild(logical, 0, context);
      if (!limit.limit && limit.offset == 0) return child;
      auto op = std::make_unique<PhysicalLimit>(child.op->types(), limit.limit, limit.offset);
      op->children.push_back(std::move(child.op));
      return {std::move(op), std::move(child.layout)};
    }
    case LogicalKind::kSetOperation: {
      const auto& set = logical.As<LogicalSetOperation>();
      std::vector<PhysicalPtr> children;
      for (size_t i = 0; i < logical.children.size(); ++i) {
        const LogicalOperator& child_logical = *logical.children[i];
        Built child =
            Reorder(Build(child_logical, context), child_logical.bindings, child_logical.types);
        children.push_back(std::move(child.op));
      }
      if (set.op == SetOperationKind::kUnion) {
        auto op = std::make_unique<PhysicalUnionAll>(logical.types);
        op->children = std::move(children);
        if (set.all) return {std::move(op), logical.bindings};
        return {MakeDistinct(std::move(op)), logical.bindings};
      }
      return {MakeSetOperation(set, std::move(children)), logical.bindings};
    }
    case LogicalKind::kWindow: {
      Built child = BuildChild(logical, 0, context);
      return {MakeWindow(logical.As<LogicalWindow>(), std::move(child.op), child.layout),
              logical.bindings};
    }
    case LogicalKind::kWrite: {
      const auto& write = logical.As<LogicalWrite>();
      const LogicalOperator& child_logical = *logical.children.at(0);
      Built child =
          Reorder(Build(child_logical, context), child_logical.bindings, child_logical.types);
      auto op = std::make_unique<PhysicalWrite>(write, child.op->types(), context.writes);
      op->children.push_back(std::move(child.op));
      return {std::move(op), logical.bindings};
    }
  }
  ThrowInternal("unknown logical operator kind");
}

Built Build(const LogicalOperator& logical, PlanningContext& context) {
  return BuildNode(logical, context);
}

}  // namespace

PhysicalPtr BuildPhysicalPlan(const LogicalOperator& root, PlanningContext& context) {
  Built built = Reorder(Build(root, context), root.bindings, root.types);
  return std::move(built.op);
}

}  // namespace basin::sql
