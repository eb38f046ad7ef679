// Walking a plan's expressions and keeping pass-through outputs in step with children.
#include "common/error.hpp"
#include "sql/binder/expression_util.hpp"
#include "sql/planner/rules.hpp"

namespace basin::sql {

void ForEachExpression(LogicalOperator& op, const std::function<void(BoundExprPtr&)>& visit) {
  switch (op.kind) {
    case LogicalKind::kScan:
      for (auto& e : op.As<LogicalScan>().filters) visit(e);
      break;
    case LogicalKind::kValues:
      for (auto& row : op.As<LogicalValues>().rows) {
        for (auto& e : row) visit(e);
      }
      break;
    case LogicalKind::kFilter:
      for (auto& e : op.As<LogicalFilter>().conjuncts) visit(e);
      break;
    case LogicalKind::kProject:
      for (auto& e : op.As<LogicalProject>().expressions) visit(e);
      break;
    case LogicalKind::kAggregate: {
      auto& aggregate = op.As<LogicalAggregate>();
      for (auto& e : aggregate.groups) visit(e);
      for (auto& a : aggregate.aggregates) {
        for (auto& e : a.arguments) visit(e);
        if (a.filter) visit(a.filter);
        for (auto& o : a.order_by) visit(o.expr);
      }
      break;
    }
    case LogicalKind::kJoin: {
      auto& join = op.As<LogicalJoin>();
      for (auto& e : join.left_keys) visit(e);
      for (auto& e : join.right_keys) visit(e);
      if (join.residual) visit(join.residual);
      break;
    }
    case LogicalKind::kSort:
      for (auto& o : op.As<LogicalSort>().order_by) visit(o.expr);
      break;
    case LogicalKind::kWindow:
      for (auto& w : op.As<LogicalWindow>().windows) {
        for (auto& e : w.arguments) visit(e);
        for (auto& e : w.partition_by) visit(e);
        for (auto& o : w.order_by) visit(o.expr);
      }
      break;
    case LogicalKind::kLimit:
    case LogicalKind::kSetOperation:
    case LogicalKind::kEmpty:
    case LogicalKind::kWrite: break;
  }
}

void RefreshOutputs(LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kFilter:
    case LogicalKind::kSort:
    case LogicalKind::kLimit:
      op.bindings = op.children[0]->bindings;
      op.types = op.children[0]->types;
      op.names = op.children[0]->names;
      break;
    case LogicalKind::kJoin: SetJoinOutputs(op.As<LogicalJoin>()); break;
    case LogicalKind::kWindow: {
      auto& window = op.As<LogicalWindow>();
      const auto& child = *op.children[0];
      op.bindings = child.bindings;
      op.types = child.types;
      op.names = child.names;
      op.names.resize(op.bindings.size());
      for (uint32_t j = 0; j < window.windows.size(); ++j) {
        op.bindings.push_back({window.table_index, j});
        op.types.push_back(window.windows[j].type);
        op.names.push_back(window.windows[j].text);
      }
      break;
    }
    default: break;
  }
}

}  // namespace basin::sql
