// Join ordering for chains of inner joins, and the row estimates it works from.
#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "sql/binder/expression_util.hpp"
#include "sql/planner/rules.hpp"

namespace basin::sql {

namespace {

// Rows assumed for a table the catalog has no statistics for.
constexpr double kUnknownRows = 1e6;
// Fraction of rows a filter conjunct keeps.
constexpr double kFilterSelectivity = 0.25;

double Selectivity(size_t conjuncts) {
  return std::pow(kFilterSelectivity, static_cast<double>(std::min<size_t>(conjuncts, 4)));
}

// The fraction of rows one conjunct keeps, by its shape: `col = constant` few, a range bound
// a third (so a two-sided range a ninth), `<>` most.
double ConjunctSelectivity(const BoundExpr& expr) {
  bool column_and_constant = false;
  if (expr.children.size() == 2) {
    column_and_constant = expr.children[0]->IsConstant() != expr.children[1]->IsConstant();
  }
  switch (expr.kind) {
    case BoundExprKind::kFunction: {
      const std::string& name = expr.function ? expr.function->name : std::string();
      if (name == op::kEqual) return column_and_constant ? 0.05 : 0.1;
      if (name == op::kNotEqual) return 0.9;
      if (name == op::kLess || name == op::kLessEqual || name == op::kGreater ||
          name == op::kGreaterEqual) {
        return 0.33;
      }
      if (name == op::kLike) return 0.1;
      return kFilterSelectivity;
    }
    case BoundExprKind::kInList:
      if (expr.negated) return 0.9;
      return std::min(0.5, 0.05 * static_cast<double>(expr.children.size() - 1));
    case BoundExprKind::kIsNull: return expr.negated ? 0.9 : 0.1;
    case BoundExprKind::kNot: return 1 - ConjunctSelectivity(*expr.children[0]);
    case BoundExprKind::kOr: {
      double keep = 0;
      for (const auto& child : expr.children) keep += ConjunctSelectivity(*child);
      return std::min(1.0, keep);
    }
    case BoundExprKind::kAnd: {
      double keep = 1;
      for (const auto& child : expr.children) keep *= ConjunctSelectivity(*child);
      return keep;
    }
    default: return kFilterSelectivity;
  }
}

// A bound `column op constant` (either way round) on a column of `scan` whose range the
// footers gave: narrows [lo, hi] and returns true.
bool NarrowRange(const BoundExpr& expr, const LogicalScan& scan,
                 std::map<uint32_t, std::pair<double, double>>& bounds) {
  if (expr.kind != BoundExprKind::kFunction || !expr.function || expr.children.size() != 2) {
    return false;
  }
  const std::string& name = expr.function->name;
  bool less = name == op::kLess || name == op::kLessEqual;
  bool greater = name == op::kGreater || name == op::kGreaterEqual;
  if (!less && !greater) return false;
  const BoundExpr* column = expr.children[0].get();
  const BoundExpr* constant = expr.children[1].get();
  if (column->kind != BoundExprKind::kColumn) {
    std::swap(column, constant);
    std::swap(less, greater);  // `c < col` bounds col from below
  }
  if (column->kind != BoundExprKind::kColumn || constant->kind != BoundExprKind::kConstant ||
      column->binding.table != scan.table_index || constant->constant.is_null() ||
      constant->type != column->type) {
    return false;
  }
  uint32_t index = column->binding.column;
  const auto& ranges = scan.source.column_ranges;
  if (index >= ranges.size() || !ranges[index] || ranges[index]->first >= ranges[index]->second) {
    return false;
  }
  auto [it, inserted] = bounds.try_emplace(
      index, static_cast<double>(ranges[index]->first), static_cast<double>(ranges[index]->second));
  double value = static_cast<double>(constant->constant.int_value());
  if (less) it->second.second = std::min(it->second.second, value);
  if (greater) it->second.first = std::max(it->second.first, value);
  return true;
}

// The fraction of a scan's rows its filters keep: range bounds on columns with known min and
// max by interpolation (both bounds of a column together), the rest by their shape.
double Selectivity(const std::vector<BoundExprPtr>& conjuncts, const LogicalScan* scan = nullptr) {
  double keep = 1;
  std::map<uint32_t, std::pair<double, double>> bounds;
  std::vector<const BoundExpr*> pending;
  for (const auto& c : conjuncts) pending.push_back(c.get());
  while (!pending.empty()) {
    const BoundExpr* c = pending.back();
    pending.pop_back();
    if (c->kind == BoundExprKind::kAnd) {
      for (const auto& child : c->children) pending.push_back(child.get());
      continue;
    }
    if (scan && NarrowRange(*c, *scan, bounds)) continue;
    keep *= ConjunctSelectivity(*c);
  }
  for (const auto& [index, range] : bounds) {
    const auto& full = *scan->source.column_ranges[index];
    double width = static_cast<double>(full.second) - static_cast<double>(full.first);
    keep *= std::clamp((range.second - range.first) / width, 0.0, 1.0);
  }
  return std::max(keep, 1e-4);
}

bool IsInnerJoin(const LogicalOperator& op) {
  if (op.kind != LogicalKind::kJoin) return false;
  JoinKind kind = op.As<LogicalJoin>().join_kind;
  return kind == JoinKind::kInner || kind == JoinKind::kCross;
}

void Flatten(LogicalPtr op, std::vector<LogicalPtr>& leaves, std::vector<BoundExprPtr>& conds) {
  if (!IsInnerJoin(*op)) {
    leaves.push_back(std::move(op));
    return;
  }
  auto& join = op->As<LogicalJoin>();
  for (auto& c : TakeJoinConditions(join)) conds.push_back(std::move(c));
  Flatten(std::move(op->children[0]), leaves, conds);
  Flatten(std::move(op->children[1]), leaves, conds);
}

LogicalPtr Reorder(LogicalPtr op);

// Rows of a scan before its filters; other operators count as unfiltered.
double UnfilteredRows(const LogicalOperator& op) {
  if (op.kind == LogicalKind::kScan) {
    const TableSource& source = op.As<LogicalScan>().source;
    if (source.record_count >= 0) return source.record_count;
    if (source.size_bytes > 0) return source.size_bytes / EstimatedRowWidth(source);
    return kUnknownRows;
  }
  return op.estimated_rows;
}

LogicalPtr ReorderChain(LogicalPtr root) {
  std::vector<LogicalPtr> leaves;
  std::vector<BoundExprPtr> conds;
  Flatten(std::move(root), leaves, conds);
  std::vector<double> rows;
  std::vector<std::set<uint32_t>> tables;
  // A leaf's rows before its filters: a filtered dimension joined to a fact table keeps the
  // same fraction of the fact's rows (a foreign-key join), so joining it early pays.
  std::vector<double> base;
  for (auto& leaf : leaves) {
    leaf = Reorder(std::move(leaf));
    rows.push_back(EstimateRows(*leaf));
    tables.push_back(OutputTables(*leaf));
    base.push_back(std::max(rows.back(), UnfilteredRows(*leaf)));
  }
  std::vector<std::set<uint32_t>> cond_tables;
  for (const auto& c : conds) cond_tables.push_back(ReferencedTables(*c));
  std::vector<bool> cond_used(conds.size(), false);
  std::vector<bool> used(leaves.size(), false);

  // Start from the largest relation: it is streamed (probed), the others are built.
  size_t start = 0;
  for (size_t i = 1; i < leaves.size(); ++i) {
    if (rows[i] > rows[start]) start = i;
  }
  LogicalPtr current = std::move(leaves[start]);
  double current_rows = rows[start];
  double current_base = base[start];
  // For the build side: the intermediate result never counts as smaller than its largest
  // input, since fixed selectivities are too crude to bet a hash table on.
  double current_size = rows[start];
  // Rows of current ⋈ leaf: the larger side times the fraction the smaller side kept.
  auto joined_rows = [&](size_t leaf) {
    double leaf_fraction = base[leaf] > 0 ? rows[leaf] / base[leaf] : 1;
    double current_fraction = current_base > 0 ? current_rows / current_base : 1;
    return rows[leaf] <= current_rows ? current_rows * leaf_fraction
                                      : rows[leaf] * current_fraction;
  };
  std::set<uint32_t> current_tables = tables[start];
  used[start] = true;

  auto connects = [&](size_t leaf) {
    for (size_t c = 0; c < conds.size(); ++c) {
      if (cond_used[c]) continue;
      std::set<uint32_t> all = current_tables;
      all.insert(tables[leaf].begin(), tables[leaf].end());
      bool touches_leaf = false;
      bool touches_current = false;
      for (uint32_t t : cond_tables[c]) {
        touches_leaf = touches_leaf || tables[leaf].count(t);
        touches_current = touches_current || current_tables.count(t);
      }
      if (touches_leaf && touches_current && IsSubset(cond_tables[c], all) &&
          IsEquality(*conds[c])) {
        return true;
      }
    }
    return false;
  };

  for (size_t step = 1; step < leaves.size(); ++step) {
    // The connected leaf that leaves the fewest rows (the smaller on a tie); a cross join
    // with the smallest leaf only when nothing connects.
    size_t best = SIZE_MAX;
    bool best_connected = false;
    double best_out = 0;
    for (size_t i = 0; i < leaves.size(); ++i) {
      if (used[i]) continue;
      bool connected = connects(i);
      double out = connected ? joined_rows(i) : current_rows * rows[i];
      bool better = best == SIZE_MAX || (connected && !best_connected);
      if (!better && connected == best_connected) {
        better = out < best_out || (out == best_out && rows[i] < rows[best]);
      }
      if (better) {
        best = i;
        best_connected = connected;
        best_out = out;
      }
    }
    used[best] = true;
    auto join = std::make_unique<LogicalJoin>();
    join->join_kind = JoinKind::kCross;
    // The smaller side is built (right), the larger probes (left).
    if (rows[best] <= current_size) {
      join->children.push_back(std::move(current));
      join->children.push_back(std::move(leaves[best]));
    } else {
      join->children.push_back(std::move(leaves[best]));
      join->children.push_back(std::move(current));
    }
    current_tables.insert(tables[best].begin(), tables[best].end());
    std::vector<BoundExprPtr> here;
    for (size_t c = 0; c < conds.size(); ++c) {
      if (!cond_used[c] && IsSubset(cond_tables[c], current_tables)) {
        cond_used[c] = true;
        here.push_back(std::move(conds[c]));
      }
    }
    size_t filters = here.size();
    AttachJoinConditions(*join, std::move(here));
    SetJoinOutputs(*join);
    if (rows[best] > current_rows) current_base = base[best];
    current_rows = best_connected ? best_out : current_rows * rows[best] * Selectivity(filters);
    current_size = best_connected ? std::max(current_size, rows[best])
                                  : current_size * rows[best] * Selectivity(filters);
    join->estimated_rows = current_size;
    current = std::move(join);
  }
  // Conditions on no table at all (constants) go on the top join.
  std::vector<BoundExprPtr> rest;
  for (size_t c = 0; c < conds.size(); ++c) {
    if (!cond_used[c]) rest.push_back(std::move(conds[c]));
  }
  if (!rest.empty()) {
    if (current->kind == LogicalKind::kJoin) {
      AttachJoinConditions(current->As<LogicalJoin>(), std::move(rest));
    } else {
      auto filter = std::make_unique<LogicalFilter>();
      filter->conjuncts = std::move(rest);
      filter->children.push_back(std::move(current));
      RefreshOutputs(*filter);
      current = std::move(filter);
    }
  }
  return current;
}

LogicalPtr Reorder(LogicalPtr op) {
  // Parents refer to columns by binding, not position, so a new column order is harmless
  // (the binder always puts a projection above a join).
  if (IsInnerJoin(*op)) return ReorderChain(std::move(op));
  for (auto& child : op->children) child = Reorder(std::move(child));
  RefreshOutputs(*op);
  return op;
}

}  // namespace

double EstimateRows(LogicalOperator& op) {
  std::vector<double> child_rows;
  for (auto& child : op.children) child_rows.push_back(EstimateRows(*child));
  double rows = 0;
  switch (op.kind) {
    case LogicalKind::kScan: {
      const auto& scan = op.As<LogicalScan>();
      double base = scan.source.record_count;
      if (base < 0 && scan.source.size_bytes > 0) {
        base = scan.source.size_bytes / EstimatedRowWidth(scan.source);
      }
      if (base < 0) base = kUnknownRows;
      rows = base * Selectivity(scan.filters, &scan);
      break;
    }
    case LogicalKind::kValues:
      rows = static_cast<double>(op.As<LogicalValues>().rows.size());
      break;
    case LogicalKind::kFilter:
      rows = child_rows[0] * Selectivity(op.As<LogicalFilter>().conjuncts);
      break;
    case LogicalKind::kProject:
    case LogicalKind::kSort:
    case LogicalKind::kWindow:
    case LogicalKind::kWrite: rows = child_rows[0]; break;
    case LogicalKind::kAggregate:
      rows = op.As<LogicalAggregate>().groups.empty() ? 1 : child_rows[0] * 0.5;
      break;
    case LogicalKind::kJoin: {
      const auto& join = op.As<LogicalJoin>();
      double l = child_rows[0];
      double r = child_rows[1];
      switch (join.join_kind) {
        case JoinKind::kSemi:
        case JoinKind::kAnti:
        case JoinKind::kAntiNullAware: rows = l * 0.5; break;
        case JoinKind::kMark:
        case JoinKind::kSingle: rows = l; break;
        case JoinKind::kCross: rows = l * r; break;
        case JoinKind::kLeft:
          rows = std::max(l, join.left_keys.empty() ? l * r : std::max(l, r));
          break;
        case JoinKind::kRight: rows = join.left_keys.empty() ? l * r : std::max(l, r); break;
        case JoinKind::kFull: rows = join.left_keys.empty() ? l * r : l + r; break;
        case JoinKind::kInner:
          rows = join.left_keys.empty() ? l * r * kFilterSelectivity : std::max(l, r);
          break;
      }
      break;
    }
    case LogicalKind::kLimit: {
      const auto& limit = op.As<LogicalLimit>();
      rows = child_rows[0];
      if (limit.limit) rows = std::min(rows, static_cast<double>(*limit.limit));
      break;
    }
    case LogicalKind::kSetOperation:
      for (double r : child_rows) rows += r;
      break;
    case LogicalKind::kEmpty: rows = 0; break;
  }
  op.estimated_rows = std::max(rows, 0.0);
  return op.estimated_rows;
}

LogicalPtr ReorderJoins(LogicalPtr plan) {
  plan = Reorder(std::move(plan));
  EstimateRows(*plan);
  return plan;
}

}  // namespace basin::sql
