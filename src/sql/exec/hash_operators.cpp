// The factories the physical planner calls: logical operators → hash operators.

#include "sql/exec/hash_operators.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "sql/exec/hash_aggregate.hpp"
#include "sql/exec/hash_join.hpp"

namespace basin::sql {

using types::LogicalType;

namespace {

// Position of `binding` in `layout`, or -1.
int64_t Position(const ColumnLayout& layout, ColumnBinding binding) {
  auto at = std::find(layout.begin(), layout.end(), binding);
  return at == layout.end() ? -1 : static_cast<int64_t>(at - layout.begin());
}

uint32_t AddOnce(std::vector<uint32_t>& list, uint32_t value) {
  auto at = std::find(list.begin(), list.end(), value);
  if (at != list.end()) return static_cast<uint32_t>(at - list.begin());
  list.push_back(value);
  return static_cast<uint32_t>(list.size() - 1);
}

HashJoinKind KindOf(JoinKind kind) {
  switch (kind) {
    case JoinKind::kInner:
    case JoinKind::kCross: return HashJoinKind::kInner;
    case JoinKind::kLeft: return HashJoinKind::kLeft;
    case JoinKind::kRight: return HashJoinKind::kRight;
    case JoinKind::kFull: return HashJoinKind::kFull;
    case JoinKind::kSemi: return HashJoinKind::kSemi;
    case JoinKind::kAnti: return HashJoinKind::kAnti;
    case JoinKind::kAntiNullAware: return HashJoinKind::kAntiNullAware;
    case JoinKind::kMark: return HashJoinKind::kMark;
    case JoinKind::kSingle: return HashJoinKind::kSingle;
  }
  return HashJoinKind::kInner;
}

}  // namespace

// ---- Join ------------------------------------------------------------------------------------

PhysicalPtr MakeHashJoin(const LogicalJoin& join, PhysicalPtr probe, PhysicalPtr build,
                         const ColumnLayout& probe_layout, const ColumnLayout& build_layout) {
  HashJoin::Spec spec;
  spec.kind = KindOf(join.join_kind);
  std::vector<const BoundExpr*> probe_keys, build_keys;
  for (size_t k = 0; k < join.left_keys.size(); ++k) {
    probe_keys.push_back(join.left_keys[k].get());
    build_keys.push_back(join.right_keys.at(k).get());
    spec.null_equal.push_back(k < join.null_equal.size() && join.null_equal[k]);
    if (!spec.text.empty()) spec.text += " AND ";
    spec.text += join.left_keys[k]->ToString() + " = " + join.right_keys[k]->ToString();
  }
  spec.probe_keys = ExprInputs(probe_keys, probe_layout);
  spec.build_keys = ExprInputs(build_keys, build_layout);
  for (const ColumnBinding& binding : join.bindings) {
    if (join.join_kind == JoinKind::kMark && binding == join.mark_binding) {
      spec.outputs.push_back({HashJoin::OutputColumn::kMark, 0});
      continue;
    }
    int64_t p = Position(probe_layout, binding);
    if (p >= 0) {
      uint32_t column = static_cast<uint32_t>(p);
      AddOnce(spec.probe_payload, column);
      spec.outputs.push_back({HashJoin::OutputColumn::kProbe, column});
      continue;
    }
    int64_t b = Position(build_layout, binding);
    if (b < 0) {
      ThrowInternal("join output binding (" + std::to_string(binding.table) + ", " +
                    std::to_string(binding.column) + ") is in neither input");
    }
    spec.outputs.push_back(
        {HashJoin::OutputColumn::kBuild, AddOnce(spec.build_payload, static_cast<uint32_t>(b))});
  }
  if (join.residual) {
    std::vector<ColumnBinding> used;
    join.residual->CollectBindings(used);
    for (const ColumnBinding& binding : used) {
      int64_t p = Position(probe_layout, binding);
      if (p >= 0) {
        AddOnce(spec.probe_payload, static_cast<uint32_t>(p));
      } else {
        int64_t b = Position(build_layout, binding);
        if (b < 0) ThrowInternal("join condition refers to a column of neither input");
        AddOnce(spec.build_payload, static_cast<uint32_t>(b));
      }
    }
    ColumnLayout pair_layout;
    for (uint32_t c : spec.probe_payload) pair_layout.push_back(probe_layout[c]);
    for (uint32_t c : spec.build_payload) pair_layout.push_back(build_layout[c]);
    spec.residual = CompileExpression(*join.residual, pair_layout);
    if (!spec.text.empty()) spec.text += " AND ";
    spec.text += join.residual->ToString();
  }
  std::vector<LogicalType> types = join.types;
  if (types.size() != spec.outputs.size()) {
    ThrowInternal("join has " + std::to_string(join.types.size()) + " types for " +
                  std::to_string(spec.outputs.size()) + " outputs");
  }
  auto op = std::make_unique<HashJoin>(std::move(types), std::move(spec), probe->types(),
                                       build->types());
  op->children.push_back(std::move(probe));
  op->children.push_back(std::move(build));
  return op;
}

// ---- Aggregate -------------------------------------------------------------------------------

PhysicalPtr MakeHashAggregate(const LogicalAggregate& logical, PhysicalPtr child,
                              const ColumnLayout& child_layout) {
  std::vector<const BoundExpr*> expressions;
  for (const auto& group : logical.groups) expressions.push_back(group.get());
  std::vector<HashAggregate::Aggregate> aggregates;
  for (const auto& bound : logical.aggregates) {
    if (!bound.order_by.empty() && bound.distinct) {
      ThrowUnsupported("DISTINCT with ORDER BY inside an aggregate call is not supported: " +
                       bound.text);
    }
    HashAggregate::Aggregate aggregate;
    for (const auto& order : bound.order_by) {
      aggregate.order_by.push_back(expressions.size());
      aggregate.descending.push_back(order.descending);
      aggregate.nulls_first.push_back(order.nulls_first);
      expressions.push_back(order.expr.get());
    }
    aggregate.function = bound.function;
    aggregate.distinct = bound.distinct;
    aggregate.text = bound.text;
    for (const auto& argument : bound.arguments) {
      aggregate.arguments.push_back(expressions.size());
      expressions.push_back(argument.get());
    }
    if (bound.filter) {
      aggregate.filter = static_cast<int64_t>(expressions.size());
      expressions.push_back(bound.filter.get());
    }
    aggregates.push_back(std::move(aggregate));
  }
  std::vector<std::vector<uint32_t>> sets = logical.grouping_sets;
  if (sets.empty()) {
    sets.emplace_back();
    for (uint32_t g = 0; g < logical.groups.size(); ++g) sets.back().push_back(g);
  }
  std::vector<LogicalType> types;
  for (const auto& group : logical.groups) types.push_back(group->type);
  for (const auto& bound : logical.aggregates) types.push_back(bound.function->result);
  auto op = std::make_unique<HashAggregate>(std::move(types),
                                            ExprInputs(expressions, child_layout),
                                            logical.groups.size(), std::move(sets),
                                            std::move(aggregates));
  op->children.push_back(std::move(child));
  return op;
}

PhysicalPtr MakeDistinct(PhysicalPtr child) {
  ColumnLayout layout;
  std::vector<BoundExprPtr> owned;
  std::vector<const BoundExpr*> expressions;
  std::vector<uint32_t> set;
  const auto& types = child->types();
  for (uint32_t i = 0; i < types.size(); ++i) {
    layout.push_back(ColumnBinding{0, i});
    owned.push_back(MakeColumn(ColumnBinding{0, i}, types[i]));
    expressions.push_back(owned.back().get());
    set.push_back(i);
  }
  auto op = std::make_unique<HashAggregate>(types, ExprInputs(expressions, layout), types.size(),
                                            std::vector<std::vector<uint32_t>>{set},
                                            std::vector<HashAggregate::Aggregate>{});
  op->children.push_back(std::move(child));
  return op;
}

}  // namespace basin::sql
