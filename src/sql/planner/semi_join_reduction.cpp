// Semi-join reduction of grouped subqueries ("magic sets"). A decorrelated scalar subquery
// joins its outer query with an aggregate grouped by the correlation keys: `outer JOIN
// (SELECT key, agg(x) FROM t GROUP BY key) ON outer.k = key`. Only groups whose key the outer
// side has can match, so t's rows are first semi-joined with the keys of the (restricted)
// outer table the correlation key comes from, and the aggregate groups far fewer rows.
#include <unordered_map>

#include "sql/binder/expression_util.hpp"
#include "sql/planner/rules.hpp"

namespace basin::sql {
namespace {

// Join kinds whose right rows without a match are never output and whose result for a left
// row does not depend on non-matching right rows (so dropping them changes nothing).
bool DropsUnmatchedRight(JoinKind kind) {
  switch (kind) {
    case JoinKind::kInner:
    case JoinKind::kLeft:
    case JoinKind::kSingle:
    case JoinKind::kSemi:
    case JoinKind::kAnti:
      return true;
    default:
      return false;  // right/full output them; mark / NOT IN care about NULLs seen
  }
}

// Deep copy of a plan made of operators that keep their bindings (the copy keeps the table
// indexes: it only feeds a semi join's right side, whose columns are not output). Null when
// the subtree holds something not worth or not safe to copy.
LogicalPtr CopySubtree(const LogicalOperator& op) {
  LogicalPtr copy;
  switch (op.kind) {
    case LogicalKind::kScan: {
      const auto& scan = op.As<LogicalScan>();
      auto out = std::make_unique<LogicalScan>();
      out->source = scan.source;
      out->table_index = scan.table_index;
      out->projection = scan.projection;
      for (const auto& f : scan.filters) {
        if (!IsDeterministic(*f)) return nullptr;  // a copy must keep the same rows
        out->filters.push_back(f->Clone());
      }
      out->alias = scan.alias;
      copy = std::move(out);
      break;
    }
    case LogicalKind::kFilter: {
      auto out = std::make_unique<LogicalFilter>();
      for (const auto& c : op.As<LogicalFilter>().conjuncts) {
        if (!IsDeterministic(*c)) return nullptr;
        out->conjuncts.push_back(c->Clone());
      }
      copy = std::move(out);
      break;
    }
    case LogicalKind::kProject: {
      const auto& project = op.As<LogicalProject>();
      auto out = std::make_unique<LogicalProject>();
      out->table_index = project.table_index;
      for (const auto& e : project.expressions) {
        if (!IsDeterministic(*e)) return nullptr;
        out->expressions.push_back(e->Clone());
      }
      copy = std::move(out);
      break;
    }
    case LogicalKind::kJoin: {
      const auto& join = op.As<LogicalJoin>();
      if (join.join_kind != JoinKind::kInner && join.join_kind != JoinKind::kSemi &&
          join.join_kind != JoinKind::kAnti) {
        return nullptr;
      }
      auto out = std::make_unique<LogicalJoin>();
      out->join_kind = join.join_kind;
      for (const auto& k : join.left_keys) out->left_keys.push_back(k->Clone());
      for (const auto& k : join.right_keys) out->right_keys.push_back(k->Clone());
      out->null_equal = join.null_equal;
      if (join.residual) {
        if (!IsDeterministic(*join.residual)) return nullptr;
        out->residual = join.residual->Clone();
      }
      copy = std::move(out);
      break;
    }
    default:
      return nullptr;
  }
  for (const auto& child : op.children) {
    LogicalPtr c = CopySubtree(*child);
    if (!c) return nullptr;
    copy->children.push_back(std::move(c));
  }
  copy->bindings = op.bindings;
  copy->types = op.types;
  copy->names = op.names;
  return copy;
}

// True when the subtree keeps fewer rows than its tables hold: a filter somewhere, or a join.
bool Restricts(const LogicalOperator& op) {
  if (op.kind == LogicalKind::kFilter || op.kind == LogicalKind::kJoin) return true;
  if (op.kind == LogicalKind::kScan && !op.As<LogicalScan>().filters.empty()) return true;
  for (const auto& child : op.children) {
    if (Restricts(*child)) return true;
  }
  return false;
}

// The smallest part of `op` that still produces every table in `tables`: descends into inner
// and cross joins' sides (they only combine a side's rows, so the side has every key the join
// outputs, and maybe more).
const LogicalOperator* KeySource(const LogicalOperator& op, const std::set<uint32_t>& tables) {
  const LogicalOperator* current = &op;
  while (current->kind == LogicalKind::kJoin &&
         (current->As<LogicalJoin>().join_kind == JoinKind::kInner ||
          current->As<LogicalJoin>().join_kind == JoinKind::kCross)) {
    const LogicalOperator* next = nullptr;
    for (const auto& child : current->children) {
      if (IsSubset(tables, OutputTables(*child))) next = child.get();
    }
    // A side that restricts nothing would give every key of its table: keep the join then.
    if (!next || !Restricts(*next)) break;
    current = next;
  }
  return current;
}

// Follows a column of `op`'s output down through projections and filters to the aggregate
// that groups by it; returns the aggregate and the group's position, or null.
LogicalAggregate* FindGroup(LogicalOperator& op, ColumnBinding binding, size_t& group) {
  LogicalOperator* current = &op;
  while (true) {
    if (current->kind == LogicalKind::kFilter) {
      current = current->children[0].get();
      continue;
    }
    if (current->kind == LogicalKind::kProject) {
      const auto& project = current->As<LogicalProject>();
      if (binding.table != project.table_index || binding.column >= project.expressions.size()) {
        return nullptr;
      }
      const BoundExpr& e = *project.expressions[binding.column];
      if (e.kind != BoundExprKind::kColumn) return nullptr;
      binding = e.binding;
      current = current->children[0].get();
      continue;
    }
    if (current->kind != LogicalKind::kAggregate) return nullptr;
    auto& aggregate = current->As<LogicalAggregate>();
    if (!aggregate.grouping_sets.empty() || binding.table != aggregate.group_index ||
        binding.column >= aggregate.groups.size()) {
      return nullptr;
    }
    group = binding.column;
    return &aggregate;
  }
}

void Reduce(LogicalJoin& join) {
  if (!DropsUnmatchedRight(join.join_kind)) return;
  LogicalAggregate* aggregate = nullptr;
  std::vector<size_t> key_positions;  // join keys used, all on one aggregate's groups
  std::vector<size_t> groups;
  for (size_t i = 0; i < join.right_keys.size(); ++i) {
    if (join.null_equal[i] || join.right_keys[i]->kind != BoundExprKind::kColumn) continue;
    if (!IsDeterministic(*join.left_keys[i])) continue;
    size_t group = 0;
    LogicalAggregate* found = FindGroup(*join.children[1], join.right_keys[i]->binding, group);
    if (!found || (aggregate && found != aggregate)) continue;
    if (!IsDeterministic(*found->groups[group])) continue;
    aggregate = found;
    key_positions.push_back(i);
    groups.push_back(group);
  }
  if (!aggregate) return;
  std::set<uint32_t> tables;
  for (size_t i : key_positions) {
    for (uint32_t t : ReferencedTables(*join.left_keys[i])) tables.insert(t);
  }
  const LogicalOperator* source = KeySource(*join.children[0], tables);
  if (!Restricts(*source)) return;  // every key of a whole table: nothing to gain
  double source_rows = EstimateRows(const_cast<LogicalOperator&>(*source));
  double input_rows = EstimateRows(*aggregate->children[0]);
  if (source_rows >= 0 && input_rows >= 0 && source_rows > input_rows) return;
  LogicalPtr keys = CopySubtree(*source);
  if (!keys) return;

  // Reduce as deep in the aggregate's input as the group keys allow: below filters and into the
  // side of an inner/cross join that produces them (a semi join on one side commutes with it).
  std::set<uint32_t> group_tables;
  for (size_t g : groups) {
    for (uint32_t t : ReferencedTables(*aggregate->groups[g])) group_tables.insert(t);
  }
  LogicalPtr* slot = &aggregate->children[0];
  while (true) {
    LogicalOperator& node = **slot;
    if (node.kind == LogicalKind::kFilter) {
      slot = &node.children[0];
      continue;
    }
    if (node.kind != LogicalKind::kJoin) break;
    JoinKind kind = node.As<LogicalJoin>().join_kind;
    if (kind != JoinKind::kInner && kind != JoinKind::kCross) break;
    LogicalPtr* next = nullptr;
    for (auto& child : node.children) {
      if (IsSubset(group_tables, OutputTables(*child))) next = &child;
    }
    if (!next) break;
    slot = next;
  }

  auto semi = std::make_unique<LogicalJoin>();
  semi->join_kind = JoinKind::kSemi;
  for (size_t k = 0; k < key_positions.size(); ++k) {
    const BoundExpr& group = *aggregate->groups[groups[k]];
    semi->left_keys.push_back(group.Clone());
    semi->right_keys.push_back(CastIfNeeded(join.left_keys[key_positions[k]]->Clone(), group.type));
    semi->null_equal.push_back(false);
  }
  semi->children.push_back(std::move(*slot));
  semi->children.push_back(std::move(keys));
  SetJoinOutputs(*semi);
  *slot = std::move(semi);
}

void Visit(LogicalOperator& op) {
  for (auto& child : op.children) Visit(*child);
  if (op.kind == LogicalKind::kJoin) Reduce(op.As<LogicalJoin>());
}

}  // namespace

LogicalPtr ReduceGroupedSubqueries(LogicalPtr plan) {
  Visit(*plan);
  return plan;
}

}  // namespace basin::sql
