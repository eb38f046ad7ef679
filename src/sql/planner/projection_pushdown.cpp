// Projection push-down: every operator keeps only the columns someone above uses.
#include <unordered_set>

#include "sql/binder/expression_util.hpp"
#include "sql/planner/rules.hpp"

namespace basin::sql {

namespace {

using Required = std::unordered_set<uint64_t>;

void Need(const BoundExpr& expr, Required& required) {
  std::vector<ColumnBinding> bindings;
  expr.CollectBindings(bindings);
  for (const auto& b : bindings) required.insert(BindingKey(b));
}

void NeedAll(const LogicalOperator& op, Required& required) {
  for (const auto& b : op.bindings) required.insert(BindingKey(b));
}

// Bytes a value of the type takes, to pick the cheapest column when none is needed.
size_t Width(const types::LogicalType& type) {
  size_t width = types::FixedWidth(type.physical());
  return width == 0 || type.physical() == types::PhysicalType::kString ? 64 : width;
}

void Prune(LogicalOperator& op, const Required& required, bool root) {
  Required child_required;
  switch (op.kind) {
    case LogicalKind::kScan: {
      auto& scan = op.As<LogicalScan>();
      Required keep = required;
      for (const auto& f : scan.filters) Need(*f, keep);
      std::vector<uint32_t> projection;
      for (uint32_t column : scan.projection) {
        if (root || keep.count(BindingKey({scan.table_index, column}))) {
          projection.push_back(column);
        }
      }
      // Nothing needed (count(*)): read the narrowest column for the row count.
      if (projection.empty() && !scan.projection.empty()) {
        uint32_t best = scan.projection[0];
        for (uint32_t column : scan.projection) {
          if (Width(scan.source.column_types[column]) < Width(scan.source.column_types[best])) {
            best = column;
          }
        }
        projection.push_back(best);
      }
      scan.projection = std::move(projection);
      scan.bindings.clear();
      scan.types.clear();
      scan.names.clear();
      for (uint32_t column : scan.projection) {
        scan.bindings.push_back({scan.table_index, column});
        scan.types.push_back(scan.source.column_types[column]);
        scan.names.push_back(scan.source.column_names[column]);
      }
      return;
    }
    case LogicalKind::kProject: {
      auto& project = op.As<LogicalProject>();
      if (!root) {
        std::vector<BoundExprPtr> expressions;
        std::vector<ColumnBinding> bindings;
        std::vector<types::LogicalType> types;
        std::vector<std::string> names;
        for (size_t i = 0; i < project.expressions.size(); ++i) {
          if (!required.count(BindingKey(project.bindings[i])) &&
              !(i + 1 == project.expressions.size() && expressions.empty())) {
            continue;
          }
          expressions.push_back(std::move(project.expressions[i]));
          bindings.push_back(project.bindings[i]);
          types.push_back(project.types[i]);
          names.push_back(i < project.names.size() ? project.names[i] : std::string());
        }
        project.expressions = std::move(expressions);
        project.bindings = std::move(bindings);
        project.types = std::move(types);
        project.names = std::move(names);
      }
      for (const auto& e : project.expressions) Need(*e, child_required);
      Prune(*op.children[0], child_required, false);
      return;
    }
    case LogicalKind::kAggregate: {
      auto& aggregate = op.As<LogicalAggregate>();
      if (!root) {
        std::vector<BoundAggregate> kept;
        std::vector<ColumnBinding> bindings;
        std::vector<types::LogicalType> types;
        std::vector<std::string> names;
        size_t groups = aggregate.groups.size();
        for (size_t i = 0; i < groups; ++i) {
          bindings.push_back(aggregate.bindings[i]);
          types.push_back(aggregate.types[i]);
          names.push_back(i < aggregate.names.size() ? aggregate.names[i] : std::string());
        }
        for (size_t j = 0; j < aggregate.aggregates.size(); ++j) {
          size_t position = groups + j;
          if (!required.count(BindingKey(aggregate.bindings[position]))) continue;
          kept.push_back(std::move(aggregate.aggregates[j]));
          bindings.push_back(aggregate.bindings[position]);
          types.push_back(aggregate.types[position]);
          names.push_back(position < aggregate.names.size() ? aggregate.names[position]
                                                            : std::string());
        }
        aggregate.aggregates = std::move(kept);
        aggregate.bindings = std::move(bindings);
        aggregate.types = std::move(types);
        aggregate.names = std::move(names);
      }
      for (const auto& g : aggregate.groups) Need(*g, child_required);
      for (const auto& a : aggregate.aggregates) {
        for (const auto& e : a.arguments) Need(*e, child_required);
        if (a.filter) Need(*a.filter, child_required);
        for (const auto& o : a.order_by) Need(*o.expr, child_required);
      }
      Prune(*op.children[0], child_required, false);
      return;
    }
    case LogicalKind::kJoin: {
      auto& join = op.As<LogicalJoin>();
      child_required = required;
      if (root) NeedAll(op, child_required);
      for (const auto& k : join.left_keys) Need(*k, child_required);
      for (const auto& k : join.right_keys) Need(*k, child_required);
      if (join.residual) Need(*join.residual, child_required);
      Prune(*op.children[0], child_required, false);
      Prune(*op.children[1], child_required, false);
      SetJoinOutputs(join);
      return;
    }
    case LogicalKind::kFilter:
    case LogicalKind::kSort:
    case LogicalKind::kLimit:
    case LogicalKind::kWindow: {
      child_required = required;
      if (root) NeedAll(op, child_required);
      ForEachExpression(op, [&](BoundExprPtr& e) { Need(*e, child_required); });
      Prune(*op.children[0], child_required, false);
      RefreshOutputs(op);
      return;
    }
    case LogicalKind::kSetOperation:
    case LogicalKind::kWrite:
      // Children line up by position: they keep every column.
      for (auto& child : op.children) {
        Required all;
        NeedAll(*child, all);
        Prune(*child, all, true);
      }
      return;
    case LogicalKind::kValues:
    case LogicalKind::kEmpty: return;
  }
}

}  // namespace

LogicalPtr PushDownProjections(LogicalPtr plan) {
  Required required;
  NeedAll(*plan, required);
  Prune(*plan, required, true);
  return plan;
}

}  // namespace basin::sql
