// Predicate push-down: filter conjuncts move to the lowest operator that has their columns.
#include "sql/binder/expression_util.hpp"
#include "sql/planner/rules.hpp"

namespace basin::sql {

namespace {

using Conjuncts = std::vector<BoundExprPtr>;

LogicalPtr WithFilter(LogicalPtr op, Conjuncts conjuncts) {
  if (conjuncts.empty()) return op;
  if (op->kind == LogicalKind::kFilter) {
    auto& filter = op->As<LogicalFilter>();
    for (auto& c : conjuncts) filter.conjuncts.push_back(std::move(c));
    return op;
  }
  auto filter = std::make_unique<LogicalFilter>();
  filter->conjuncts = std::move(conjuncts);
  filter->bindings = op->bindings;
  filter->types = op->types;
  filter->names = op->names;
  filter->estimated_rows = op->estimated_rows;
  filter->children.push_back(std::move(op));
  return filter;
}

// Substitutes an operator's output bindings by the expressions that compute them.
void Substitute(BoundExprPtr& expr, const std::vector<ColumnBinding>& bindings,
                const std::vector<BoundExprPtr>& expressions) {
  std::unordered_map<uint64_t, const BoundExpr*> map;
  for (size_t i = 0; i < bindings.size() && i < expressions.size(); ++i) {
    map[BindingKey(bindings[i])] = expressions[i].get();
  }
  ReplaceBindings(expr, map);
}

LogicalPtr Push(LogicalPtr op, Conjuncts conjuncts);

BoundExprPtr MakeOr(std::vector<BoundExprPtr> children) {
  if (children.size() == 1) return std::move(children[0]);
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kOr;
  expr->type = types::LogicalType::Boolean();
  expr->children = std::move(children);
  return expr;
}

// (a AND b) OR (a AND c) → a AND (b OR c): a conjunct common to every branch of an OR is
// taken out, so TPC-H Q19's join key becomes a key rather than a residual.
void FactorOrs(Conjuncts& conjuncts) {
  Conjuncts out;
  for (auto& c : conjuncts) {
    if (c->kind != BoundExprKind::kOr) {
      out.push_back(std::move(c));
      continue;
    }
    std::vector<Conjuncts> branches;
    for (auto& branch : c->children) {
      Conjuncts terms;
      SplitConjuncts(std::move(branch), terms);
      branches.push_back(std::move(terms));
    }
    std::set<std::string> common;
    for (const auto& term : branches[0]) common.insert(term->ToString());
    for (size_t b = 1; b < branches.size(); ++b) {
      std::set<std::string> here;
      for (const auto& term : branches[b]) {
        std::string text = term->ToString();
        if (common.count(text)) here.insert(text);
      }
      common = std::move(here);
    }
    bool some_branch_empty = false;
    std::vector<BoundExprPtr> rebuilt;
    for (size_t b = 0; b < branches.size(); ++b) {
      Conjuncts rest;
      for (auto& term : branches[b]) {
        if (common.count(term->ToString())) {
          if (b == 0) out.push_back(std::move(term));
        } else {
          rest.push_back(std::move(term));
        }
      }
      if (rest.empty()) some_branch_empty = true;
      rebuilt.push_back(CombineConjuncts(std::move(rest)));
    }
    // A branch that was only common terms makes the rest of the OR true.
    if (!some_branch_empty) out.push_back(MakeOr(std::move(rebuilt)));
  }
  conjuncts = std::move(out);
}

// For an OR over both sides of a join, the weaker condition each side must meet on its own:
// OR over the branches of that side's conjuncts (when every branch has one). Returns null
// when some branch says nothing about the side.
BoundExprPtr ImpliedForSide(const BoundExpr& disjunction, const std::set<uint32_t>& side) {
  std::vector<BoundExprPtr> branches;
  for (const auto& branch : disjunction.children) {
    Conjuncts terms;
    SplitConjuncts(branch->Clone(), terms);
    Conjuncts mine;
    for (auto& term : terms) {
      std::set<uint32_t> tables = ReferencedTables(*term);
      if (!tables.empty() && IsSubset(tables, side) && IsDeterministic(*term)) {
        mine.push_back(std::move(term));
      }
    }
    if (mine.empty()) return nullptr;
    branches.push_back(CombineConjuncts(std::move(mine)));
  }
  return MakeOr(std::move(branches));
}

// Conjuncts whose tables are all in `tables` move to `into`.
void Partition(Conjuncts& from, const std::set<uint32_t>& tables, Conjuncts& into) {
  Conjuncts rest;
  for (auto& c : from) {
    std::set<uint32_t> referenced = ReferencedTables(*c);
    if (!referenced.empty() && IsSubset(referenced, tables) && IsDeterministic(*c)) {
      into.push_back(std::move(c));
    } else {
      rest.push_back(std::move(c));
    }
  }
  from = std::move(rest);
}

// A semi or anti join whose condition needs only one input of the inner join below it filters
// that input directly: semi(A ⋈ B, S) = semi(A, S) ⋈ B when the condition reads only A and S
// (TPC-H q18, q21: the orders or lineitem rows are cut before the big join, not after).
LogicalPtr SinkFilteringJoin(LogicalPtr op) {
  auto& join = op->As<LogicalJoin>();
  LogicalOperator& left = *op->children[0];
  if (left.kind != LogicalKind::kJoin) return op;
  JoinKind below = left.As<LogicalJoin>().join_kind;
  if (below != JoinKind::kInner && below != JoinKind::kCross) return op;
  std::set<uint32_t> right = OutputTables(*op->children[1]);
  std::set<uint32_t> needed;
  auto need = [&](const BoundExpr& e) {
    for (uint32_t t : ReferencedTables(e)) {
      if (!right.count(t)) needed.insert(t);
    }
  };
  for (const auto& k : join.left_keys) need(*k);
  if (join.residual) need(*join.residual);
  if (needed.empty()) return op;
  for (size_t side = 0; side < 2; ++side) {
    if (!IsSubset(needed, OutputTables(*left.children[side]))) continue;
    LogicalPtr inner = std::move(op->children[0]);
    op->children[0] = std::move(inner->children[side]);
    SetJoinOutputs(join);
    inner->children[side] = SinkFilteringJoin(std::move(op));
    SetJoinOutputs(inner->As<LogicalJoin>());
    return inner;
  }
  return op;
}

LogicalPtr PushJoin(LogicalPtr op, Conjuncts above) {
  auto& join = op->As<LogicalJoin>();
  std::set<uint32_t> left = OutputTables(*join.children[0]);
  std::set<uint32_t> right = OutputTables(*join.children[1]);
  Conjuncts to_left;
  Conjuncts to_right;
  switch (join.join_kind) {
    case JoinKind::kInner:
    case JoinKind::kCross: {
      Conjuncts all = TakeJoinConditions(join);
      for (auto& c : above) all.push_back(std::move(c));
      above.clear();
      FactorOrs(all);
      Partition(all, left, to_left);
      Partition(all, right, to_right);
      for (const auto& c : all) {
        if (c->kind != BoundExprKind::kOr) continue;
        if (BoundExprPtr implied = ImpliedForSide(*c, left)) to_left.push_back(std::move(implied));
        if (BoundExprPtr implied = ImpliedForSide(*c, right)) {
          to_right.push_back(std::move(implied));
        }
      }
      // What is left joins both sides (or is constant): it stays on the join.
      std::set<uint32_t> both = left;
      both.insert(right.begin(), right.end());
      Conjuncts on_join;
      Partition(all, both, on_join);
      for (auto& c : all) {
        if (ReferencedTables(*c).empty()) {
          on_join.push_back(std::move(c));
        } else {
          above.push_back(std::move(c));
        }
      }
      join.children[0] = Push(std::move(join.children[0]), std::move(to_left));
      join.children[1] = Push(std::move(join.children[1]), std::move(to_right));
      join.join_kind = JoinKind::kCross;
      AttachJoinConditions(join, std::move(on_join));
      break;
    }
    case JoinKind::kLeft:
    case JoinKind::kSemi:
    case JoinKind::kAnti:
    case JoinKind::kAntiNullAware:
    case JoinKind::kMark:
    case JoinKind::kSingle: {
      Partition(above, left, to_left);
      if (join.join_kind != JoinKind::kAntiNullAware) {
        // An ON conjunct over the right side alone only narrows the rows that can match.
        Conjuncts conditions = TakeJoinConditions(join);
        Partition(conditions, right, to_right);
        AttachJoinConditions(join, std::move(conditions));
      }
      join.children[0] = Push(std::move(join.children[0]), std::move(to_left));
      join.children[1] = Push(std::move(join.children[1]), std::move(to_right));
      if (join.join_kind == JoinKind::kSemi || join.join_kind == JoinKind::kAnti ||
          join.join_kind == JoinKind::kAntiNullAware) {
        SetJoinOutputs(join);
        return WithFilter(SinkFilteringJoin(std::move(op)), std::move(above));
      }
      break;
    }
    case JoinKind::kRight: {
      Partition(above, right, to_right);
      Conjuncts conditions = TakeJoinConditions(join);
      Partition(conditions, left, to_left);
      AttachJoinConditions(join, std::move(conditions));
      join.children[0] = Push(std::move(join.children[0]), std::move(to_left));
      join.children[1] = Push(std::move(join.children[1]), std::move(to_right));
      break;
    }
    case JoinKind::kFull:
      join.children[0] = Push(std::move(join.children[0]), {});
      join.children[1] = Push(std::move(join.children[1]), {});
      break;
  }
  SetJoinOutputs(join);
  return WithFilter(std::move(op), std::move(above));
}

LogicalPtr Push(LogicalPtr op, Conjuncts conjuncts) {
  switch (op->kind) {
    case LogicalKind::kFilter: {
      auto& filter = op->As<LogicalFilter>();
      for (auto& c : filter.conjuncts) SplitConjuncts(std::move(c), conjuncts);
      return Push(std::move(op->children[0]), std::move(conjuncts));
    }
    case LogicalKind::kJoin: return PushJoin(std::move(op), std::move(conjuncts));
    case LogicalKind::kProject: {
      auto& project = op->As<LogicalProject>();
      Conjuncts below;
      Conjuncts above;
      for (auto& c : conjuncts) {
        if (!IsDeterministic(*c)) {
          above.push_back(std::move(c));
          continue;
        }
        Substitute(c, project.bindings, project.expressions);
        if (IsDeterministic(*c)) {
          below.push_back(std::move(c));
        } else {
          above.push_back(std::move(c));
        }
      }
      op->children[0] = Push(std::move(op->children[0]), std::move(below));
      return WithFilter(std::move(op), std::move(above));
    }
    case LogicalKind::kAggregate: {
      auto& aggregate = op->As<LogicalAggregate>();
      Conjuncts below;
      Conjuncts above;
      for (auto& c : conjuncts) {
        std::set<uint32_t> tables = ReferencedTables(*c);
        bool on_groups = !tables.empty() && tables.size() == 1 &&
                         *tables.begin() == aggregate.group_index &&
                         aggregate.grouping_sets.empty() && IsDeterministic(*c);
        if (on_groups) {
          std::vector<ColumnBinding> group_bindings;
          for (uint32_t i = 0; i < aggregate.groups.size(); ++i) {
            group_bindings.push_back({aggregate.group_index, i});
          }
          Substitute(c, group_bindings, aggregate.groups);
          below.push_back(std::move(c));
        } else {
          above.push_back(std::move(c));
        }
      }
      op->children[0] = Push(std::move(op->children[0]), std::move(below));
      return WithFilter(std::move(op), std::move(above));
    }
    case LogicalKind::kSort:
      op->children[0] = Push(std::move(op->children[0]), std::move(conjuncts));
      return op;
    case LogicalKind::kSetOperation: {
      Conjuncts above;
      std::vector<Conjuncts> per_child(op->children.size());
      for (auto& c : conjuncts) {
        if (!IsDeterministic(*c)) {
          above.push_back(std::move(c));
          continue;
        }
        for (size_t k = 0; k < op->children.size(); ++k) {
          const auto& child = *op->children[k];
          std::vector<BoundExprPtr> columns;
          for (size_t i = 0; i < child.bindings.size(); ++i) {
            columns.push_back(MakeColumn(child.bindings[i], child.types[i]));
          }
          BoundExprPtr copy = c->Clone();
          Substitute(copy, op->bindings, columns);
          per_child[k].push_back(std::move(copy));
        }
      }
      for (size_t k = 0; k < op->children.size(); ++k) {
        op->children[k] = Push(std::move(op->children[k]), std::move(per_child[k]));
      }
      return WithFilter(std::move(op), std::move(above));
    }
    case LogicalKind::kScan: {
      auto& scan = op->As<LogicalScan>();
      Conjuncts into;
      Partition(conjuncts, {scan.table_index}, into);
      for (auto& c : into) scan.filters.push_back(std::move(c));
      return WithFilter(std::move(op), std::move(conjuncts));
    }
    case LogicalKind::kLimit:
    case LogicalKind::kWindow:
    case LogicalKind::kValues:
    case LogicalKind::kEmpty:
    case LogicalKind::kWrite:
      for (auto& child : op->children) child = Push(std::move(child), {});
      return WithFilter(std::move(op), std::move(conjuncts));
  }
  return WithFilter(std::move(op), std::move(conjuncts));
}

}  // namespace

LogicalPtr PushDownPredicates(LogicalPtr plan) { return Push(std::move(plan), {}); }

}  // namespace basin::sql
