// Subqueries become joins. A correlated subquery is decorrelated by pulling its correlation
// predicates (those that mention the enclosing query's columns) up out of its plan: through
// filters and inner joins, through projections (which then also output the inner columns
// the predicates need) and through aggregates (whose inner side of an equality becomes a
// group key, so `(SELECT min(x) FROM t WHERE t.k = o.k)` is a group-by on k joined back).
// The pulled predicates become the join's condition.
#include <algorithm>

#include "common/error.hpp"
#include "sql/binder/binder_impl.hpp"
#include "sql/binder/plan_clone.hpp"

namespace basin::sql {

namespace {

using types::LogicalType;

// Every table index produced anywhere inside `op`.
void ProducedTables(const LogicalOperator& op, std::set<uint32_t>& out) {
  for (const auto& binding : op.bindings) out.insert(binding.table);
  for (const auto& child : op.children) ProducedTables(*child, out);
}

bool RefersOutside(const BoundExpr& expr, const std::set<uint32_t>& inside) {
  std::vector<ColumnBinding> bindings;
  expr.CollectBindings(bindings);
  for (const auto& binding : bindings) {
    if (!inside.count(binding.table)) return true;
  }
  return false;
}

class Decorrelator {
 public:
  // `outer_plan` is the plan the subquery will be joined to (copied when the correlation
  // under an aggregate is not a plain equality); may be null.
  Decorrelator(Binder& binder, SourcePos pos, std::set<uint32_t> inside,
               const LogicalOperator* outer_plan)
      : binder_(binder), pos_(pos), inside_(std::move(inside)), outer_plan_(outer_plan) {}

  // Takes the correlated predicates out of `op`; they refer to op's outputs and to outer
  // columns.
  std::vector<BoundExprPtr> PullUp(LogicalPtr& op) {
    switch (op->kind) {
      case LogicalKind::kFilter: {
        std::vector<BoundExprPtr> pulled = PullUp(op->children[0]);
        auto& filter = op->As<LogicalFilter>();
        std::vector<BoundExprPtr> kept;
        for (auto& conjunct : filter.conjuncts) {
          if (RefersOutside(*conjunct, inside_)) {
            pulled.push_back(std::move(conjunct));
          } else {
            kept.push_back(std::move(conjunct));
          }
        }
        filter.conjuncts = std::move(kept);
        if (filter.conjuncts.empty()) {
          LogicalPtr child = std::move(op->children[0]);
          op = std::move(child);
        }
        return pulled;
      }
      case LogicalKind::kJoin: {
        auto& join = op->As<LogicalJoin>();
        std::vector<BoundExprPtr> pulled = PullUp(op->children[0]);
        bool inner = join.join_kind == JoinKind::kInner || join.join_kind == JoinKind::kCross;
        if (inner) {
          auto right = PullUp(op->children[1]);
          for (auto& p : right) pulled.push_back(std::move(p));
          std::vector<BoundExprPtr> conditions = TakeJoinConditions(join);
          std::vector<BoundExprPtr> kept;
          for (auto& c : conditions) {
            if (RefersOutside(*c, inside_)) {
              pulled.push_back(std::move(c));
            } else {
              kept.push_back(std::move(c));
            }
          }
          AttachJoinConditions(join, std::move(kept));
        } else {
          Check(*op->children[1]);
          CheckJoin(join);
        }
        return pulled;
      }
      case LogicalKind::kProject: {
        std::vector<BoundExprPtr> pulled = PullUp(op->children[0]);
        if (pulled.empty()) {
          Check(*op);
          return pulled;
        }
        auto& project = op->As<LogicalProject>();
        Check(*op);
        // The predicates refer to the project's input: output what they need.
        std::unordered_map<uint64_t, const BoundExpr*> map;
        std::vector<BoundExprPtr> added;
        std::set<uint32_t> below;
        for (const auto& b : project.children[0]->bindings) below.insert(b.table);
        std::vector<ColumnBinding> needed;
        for (const auto& p : pulled) p->CollectBindings(needed);
        for (const auto& binding : needed) {
          if (!below.count(binding.table) || map.count(BindingKey(binding))) continue;
          uint32_t position = UINT32_MAX;
          for (uint32_t i = 0; i < project.expressions.size(); ++i) {
            const BoundExpr& e = *project.expressions[i];
            if (e.kind == BoundExprKind::kColumn && e.binding == binding) position = i;
          }
          if (position == UINT32_MAX) {
            const auto& child = *project.children[0];
            LogicalType type;
            std::string name;
            for (size_t i = 0; i < child.bindings.size(); ++i) {
              if (child.bindings[i] == binding) {
                type = child.types[i];
                name = i < child.names.size() ? child.names[i] : std::string();
              }
            }
            position = static_cast<uint32_t>(project.expressions.size());
            project.expressions.push_back(MakeColumn(binding, type, name));
            project.bindings.push_back({project.table_index, position});
            project.types.push_back(type);
            project.names.push_back(name);
          }
          added.push_back(MakeColumn({project.table_index, position}, project.types[position],
                                     project.names[position]));
          map[BindingKey(binding)] = added.back().get();
        }
        for (auto& p : pulled) ReplaceBindings(p, map);
        return pulled;
      }
      case LogicalKind::kAggregate: {
        std::vector<BoundExprPtr> pulled = PullUp(op->children[0]);
        if (pulled.empty()) {
          Check(*op);
          return pulled;
        }
        auto& aggregate = op->As<LogicalAggregate>();
        Check(*op);
        if (!aggregate.grouping_sets.empty()) Unsupported("a correlated GROUPING SETS query");
        std::set<uint32_t> below;
        for (const auto& b : aggregate.children[0]->bindings) below.insert(b.table);
        std::vector<BoundExprPtr> result;
        size_t first_new_group = aggregate.groups.size();
        if (first_new_group == 0) scalar_aggregate_ = &aggregate;
        if (!AllSimpleEqualities(pulled, below)) {
          result = JoinDomain(aggregate, std::move(pulled));
          pulled.clear();
        }
        for (auto& p : pulled) {
          int inner_side = -1;
          for (int side = 0; side < 2; ++side) {
            std::set<uint32_t> tables = ReferencedTables(*p->children[side]);
            std::set<uint32_t> other = ReferencedTables(*p->children[1 - side]);
            if (!tables.empty() && IsSubset(tables, below) && !other.empty()) {
              bool other_outside = true;
              for (uint32_t t : other) other_outside = other_outside && !inside_.count(t);
              if (other_outside) inner_side = side;
            }
          }
          if (inner_side < 0) Unsupported("this correlated condition under an aggregate");
          BoundExprPtr inner = std::move(p->children[inner_side]);
          std::string text = inner->ToString();
          uint32_t index = UINT32_MAX;
          for (uint32_t i = 0; i < aggregate.groups.size(); ++i) {
            if (aggregate.groups[i]->ToString() == text) index = i;
          }
          if (index == UINT32_MAX) {
            index = static_cast<uint32_t>(aggregate.groups.size());
            aggregate.groups.push_back(inner->Clone());
          }
          p->children[inner_side] = MakeColumn({aggregate.group_index, index},
                                               aggregate.groups[index]->type, inner->text);
          result.push_back(std::move(p));
        }
        // Rebuild the outputs: groups first, then aggregates.
        if (aggregate.groups.size() != first_new_group) {
          aggregate.bindings.clear();
          aggregate.types.clear();
          std::vector<std::string> names;
          for (uint32_t i = 0; i < aggregate.groups.size(); ++i) {
            aggregate.bindings.push_back({aggregate.group_index, i});
            aggregate.types.push_back(aggregate.groups[i]->type);
            names.push_back(aggregate.groups[i]->text);
          }
          for (uint32_t j = 0; j < aggregate.aggregates.size(); ++j) {
            aggregate.bindings.push_back({aggregate.aggregate_index, j});
            aggregate.types.push_back(aggregate.aggregates[j].function->result);
            names.push_back(aggregate.aggregates[j].function->name);
          }
          aggregate.names = std::move(names);
          aggregate.estimated_rows = -1;
        }
        return result;
      }
      case LogicalKind::kSort: {
        std::vector<BoundExprPtr> pulled = PullUp(op->children[0]);
        Check(*op);
        return pulled;
      }
      case LogicalKind::kLimit:
      case LogicalKind::kWindow:
      case LogicalKind::kSetOperation:
      case LogicalKind::kValues:
      case LogicalKind::kScan:
      case LogicalKind::kEmpty:
      case LogicalKind::kWrite: CheckTree(*op); return {};
    }
    return {};
  }

  // A scalar aggregate (no GROUP BY) that decorrelation grouped by the correlation keys; it
  // yields no row where the original yielded one over empty input.
  const LogicalAggregate* scalar_aggregate() const { return scalar_aggregate_; }

 private:
  // True when every predicate is `inner = outer`, each side on one side only.
  bool AllSimpleEqualities(const std::vector<BoundExprPtr>& pulled,
                           const std::set<uint32_t>& below) const {
    for (const auto& p : pulled) {
      if (!IsEquality(*p)) return false;
      bool ok = false;
      for (int side = 0; side < 2; ++side) {
        std::set<uint32_t> tables = ReferencedTables(*p->children[side]);
        std::set<uint32_t> other = ReferencedTables(*p->children[1 - side]);
        bool other_outside = !other.empty();
        for (uint32_t t : other) other_outside = other_outside && !inside_.count(t);
        if (!tables.empty() && IsSubset(tables, below) && other_outside) ok = true;
      }
      if (!ok) return false;
    }
    return true;
  }

  // Any other correlation under an aggregate (`sq.k <= o.k`): the aggregate's input is joined
  // with the distinct values of the outer columns used (from a copy of the outer plan) and
  // grouped by them too; the subquery then joins back on `outer = domain value`.
  std::vector<BoundExprPtr> JoinDomain(LogicalAggregate& aggregate,
                                       std::vector<BoundExprPtr> pulled) {
    if (outer_plan_ == nullptr) Unsupported("a correlated condition other than '='");
    std::vector<ColumnBinding> outer_columns;
    for (const auto& p : pulled) {
      std::vector<ColumnBinding> bindings;
      p->CollectBindings(bindings);
      for (const auto& b : bindings) {
        if (inside_.count(b.table)) continue;
        if (std::find(outer_columns.begin(), outer_columns.end(), b) == outer_columns.end()) {
          outer_columns.push_back(b);
        }
      }
    }
    std::unordered_map<uint32_t, uint32_t> remap;
    LogicalPtr copy = ClonePlanWithNewTables(*outer_plan_, binder_.context(), remap);
    auto domain = std::make_unique<LogicalAggregate>();
    domain->group_index = binder_.context().NextTableIndex();
    domain->aggregate_index = binder_.context().NextTableIndex();
    std::vector<BoundExprPtr> domain_columns;
    std::vector<std::string> outer_names;
    for (uint32_t i = 0; i < outer_columns.size(); ++i) {
      const ColumnBinding& c = outer_columns[i];
      auto at = std::find(outer_plan_->bindings.begin(), outer_plan_->bindings.end(), c);
      auto table = remap.find(c.table);
      if (at == outer_plan_->bindings.end() || table == remap.end()) {
        Unsupported("a correlated column from outside the enclosing FROM");
      }
      const types::LogicalType& type =
          outer_plan_->types[static_cast<size_t>(at - outer_plan_->bindings.begin())];
      size_t position = static_cast<size_t>(at - outer_plan_->bindings.begin());
      std::string name =
          position < outer_plan_->names.size() ? outer_plan_->names[position] : std::string();
      outer_names.push_back(name);
      domain->groups.push_back(MakeColumn({table->second, c.column}, type, name));
      domain->bindings.push_back({domain->group_index, i});
      domain->types.push_back(type);
      domain->names.push_back("");
      domain_columns.push_back(MakeColumn({domain->group_index, i}, type, "domain"));
    }
    domain->children.push_back(std::move(copy));
    std::unordered_map<uint64_t, const BoundExpr*> to_domain;
    for (size_t i = 0; i < outer_columns.size(); ++i) {
      to_domain[BindingKey(outer_columns[i])] = domain_columns[i].get();
    }
    for (auto& p : pulled) ReplaceBindings(p, to_domain);
    auto join = std::make_unique<LogicalJoin>();
    join->join_kind = JoinKind::kCross;
    join->children.push_back(std::move(aggregate.children[0]));
    join->children.push_back(std::move(domain));
    AttachJoinConditions(*join, std::move(pulled));
    SetJoinOutputs(*join);
    aggregate.children[0] = std::move(join);
    // A NULL outer value matches no domain group, as it matched no row before.
    std::vector<BoundExprPtr> result;
    for (size_t i = 0; i < outer_columns.size(); ++i) {
      uint32_t index = static_cast<uint32_t>(aggregate.groups.size());
      aggregate.groups.push_back(domain_columns[i]->Clone());
      result.push_back(MakeComparison(
          op::kEqual, MakeColumn(outer_columns[i], domain_columns[i]->type, outer_names[i]),
          MakeColumn({aggregate.group_index, index}, domain_columns[i]->type, "domain")));
    }
    return result;
  }

  [[noreturn]] void Unsupported(const std::string& what) {
    binder_.Fail(pos_, "correlated subquery not supported: " + what, ErrorCode::kUnsupported);
  }

  void CheckExpr(const BoundExpr& expr) {
    if (RefersOutside(expr, inside_)) Unsupported("outer column in " + expr.ToString());
  }

  void CheckJoin(const LogicalJoin& join) {
    for (const auto& k : join.left_keys) CheckExpr(*k);
    for (const auto& k : join.right_keys) CheckExpr(*k);
    if (join.residual) CheckExpr(*join.residual);
  }

  // The operator's own expressions must not refer outside.
  void Check(const LogicalOperator& op) {
    switch (op.kind) {
      case LogicalKind::kFilter:
        for (const auto& c : op.As<LogicalFilter>().conjuncts) CheckExpr(*c);
        break;
      case LogicalKind::kProject:
        for (const auto& e : op.As<LogicalProject>().expressions) CheckExpr(*e);
        break;
      case LogicalKind::kAggregate:
        for (const auto& g : op.As<LogicalAggregate>().groups) CheckExpr(*g);
        for (const auto& a : op.As<LogicalAggregate>().aggregates) {
          for (const auto& arg : a.arguments) CheckExpr(*arg);
          if (a.filter) CheckExpr(*a.filter);
        }
        break;
      case LogicalKind::kJoin: CheckJoin(op.As<LogicalJoin>()); break;
      case LogicalKind::kSort:
        for (const auto& o : op.As<LogicalSort>().order_by) CheckExpr(*o.expr);
        break;
      case LogicalKind::kWindow:
        for (const auto& w : op.As<LogicalWindow>().windows) {
          for (const auto& e : w.arguments) CheckExpr(*e);
          for (const auto& e : w.partition_by) CheckExpr(*e);
          for (const auto& o : w.order_by) CheckExpr(*o.expr);
        }
        break;
      case LogicalKind::kValues:
        for (const auto& row : op.As<LogicalValues>().rows) {
          for (const auto& e : row) CheckExpr(*e);
        }
        break;
      default: break;
    }
  }

  void CheckTree(const LogicalOperator& op) {
    Check(op);
    for (const auto& child : op.children) CheckTree(*child);
  }

  Binder& binder_;
  SourcePos pos_;
  std::set<uint32_t> inside_;
  const LogicalOperator* outer_plan_;
  const LogicalAggregate* scalar_aggregate_ = nullptr;
};

const Query& QueryOf(const Expression& expr) {
  switch (expr.kind) {
    case ExpressionKind::kExists: return *expr.As<ExistsExpr>().query;
    case ExpressionKind::kSubquery: return *expr.As<SubqueryExpr>().query;
    case ExpressionKind::kInSubquery: return *expr.As<InSubqueryExpr>().query;
    case ExpressionKind::kQuantifiedComparison: return *expr.As<QuantifiedComparison>().query;
    default: ThrowInternal("not a subquery expression");
  }
}

std::string_view ComparisonName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEqual: return op::kEqual;
    case BinaryOp::kNotEqual: return op::kNotEqual;
    case BinaryOp::kLess: return op::kLess;
    case BinaryOp::kLessEqual: return op::kLessEqual;
    case BinaryOp::kGreater: return op::kGreater;
    case BinaryOp::kGreaterEqual: return op::kGreaterEqual;
    default: return {};
  }
}

BinaryOp Negate(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEqual: return BinaryOp::kNotEqual;
    case BinaryOp::kNotEqual: return BinaryOp::kEqual;
    case BinaryOp::kLess: return BinaryOp::kGreaterEqual;
    case BinaryOp::kLessEqual: return BinaryOp::kGreater;
    case BinaryOp::kGreater: return BinaryOp::kLessEqual;
    case BinaryOp::kGreaterEqual: return BinaryOp::kLess;
    default: return op;
  }
}

}  // namespace

// A subquery bound and decorrelated: its plan, the predicates joining it to the outer query,
// and how many columns the query itself has (the plan may output more for the predicates).
struct DecorrelatedSubquery {
  LogicalPtr plan;
  std::vector<BoundExprPtr> correlation;
  size_t columns = 0;
  const LogicalAggregate* scalar_aggregate = nullptr;
};

static DecorrelatedSubquery BindSubqueryPlan(Binder& binder, const Query& query, const Scope& scope,
                                             SourcePos pos, bool exists,
                                             const LogicalOperator* outer_plan) {
  DecorrelatedSubquery result;
  result.plan = binder.BindQuery(query, &scope);
  result.columns = result.plan->bindings.size();
  std::set<uint32_t> inside;
  ProducedTables(*result.plan, inside);
  // EXISTS does not care about LIMIT or ORDER BY of its query (only whether a row exists).
  if (exists) {
    while (result.plan->kind == LogicalKind::kSort ||
           (result.plan->kind == LogicalKind::kLimit && !result.plan->As<LogicalLimit>().offset &&
            result.plan->As<LogicalLimit>().limit.value_or(1) > 0)) {
      LogicalPtr child = std::move(result.plan->children[0]);
      result.plan = std::move(child);
    }
  }
  Decorrelator decorrelator(binder, pos, std::move(inside), outer_plan);
  result.correlation = decorrelator.PullUp(result.plan);
  result.scalar_aggregate = decorrelator.scalar_aggregate();
  return result;
}

// Can the expression be non-NULL when its columns are NULL?
static bool HandlesNull(const BoundExpr& expr) {
  switch (expr.kind) {
    case BoundExprKind::kCoalesce:
    case BoundExprKind::kCase:
    case BoundExprKind::kIsNull:
    case BoundExprKind::kAnd:
    case BoundExprKind::kOr: return true;
    case BoundExprKind::kFunction:
      if (expr.function && !expr.function->null_in_null_out) return true;
      break;
    default: break;
  }
  for (const auto& child : expr.children) {
    if (HandlesNull(*child)) return true;
  }
  return false;
}

// The count bug: `(SELECT count(*) FROM t WHERE t.k = o.k)` is 0 for an outer row without
// matches, but the grouped, joined form finds no group. When decorrelation grouped a scalar
// aggregate, the subquery's value becomes CASE WHEN <no group matched> THEN <its value over
// no rows> ELSE <the joined value> END (the optimizer folds the middle part). Null otherwise.
static BoundExprPtr EmptyGroupValue(const DecorrelatedSubquery& sub) {
  if (sub.scalar_aggregate == nullptr || sub.plan->kind != LogicalKind::kProject ||
      sub.plan->children[0].get() != sub.scalar_aggregate) {
    return nullptr;
  }
  const auto& project = sub.plan->As<LogicalProject>();
  const LogicalAggregate& aggregate = *sub.scalar_aggregate;
  // A group column in the output: NULL exactly when no group matched.
  std::optional<size_t> marker;
  for (size_t i = 0; i < project.expressions.size(); ++i) {
    const BoundExpr& e = *project.expressions[i];
    if (e.kind == BoundExprKind::kColumn && e.binding.table == aggregate.group_index) marker = i;
  }
  if (!marker) return nullptr;
  std::vector<BoundExprPtr> constants;
  std::vector<ColumnBinding> bindings;
  bool any_non_null = false;
  for (uint32_t j = 0; j < aggregate.aggregates.size(); ++j) {
    const std::string& name = aggregate.aggregates[j].function->name;
    const LogicalType& type = aggregate.aggregates[j].function->result;
    bool counts = name == "count" || name == "count_if" || name == "approx_distinct";
    any_non_null = any_non_null || counts;
    constants.push_back(
        MakeConstant(counts ? types::Value::Integer(type, 0) : types::Value::Null(type)));
    bindings.push_back({aggregate.aggregate_index, j});
  }
  const BoundExpr& value = *project.expressions[0];
  // Only an expression that can be non-NULL over no rows needs the CASE (count, coalesce …).
  if (!any_non_null && !HandlesNull(value)) return nullptr;
  std::unordered_map<uint64_t, const BoundExpr*> map;
  for (size_t j = 0; j < bindings.size(); ++j) map[BindingKey(bindings[j])] = constants[j].get();
  BoundExprPtr empty = value.Clone();
  ReplaceBindings(empty, map);
  std::vector<ColumnBinding> left_over;
  empty->CollectBindings(left_over);
  if (!left_over.empty()) return nullptr;  // uses a group key: NULL is right
  auto is_null = std::make_unique<BoundExpr>();
  is_null->kind = BoundExprKind::kIsNull;
  is_null->type = LogicalType::Boolean();
  is_null->children.push_back(
      MakeColumn(project.bindings[*marker], project.types[*marker], "match"));
  auto result = std::make_unique<BoundExpr>();
  result->kind = BoundExprKind::kCase;
  result->type = value.type;
  result->children.push_back(std::move(is_null));
  result->children.push_back(CastIfNeeded(std::move(empty), value.type));
  result->children.push_back(MakeColumn(project.bindings[0], project.types[0], "subquery"));
  return result;
}

// A subquery that was an aggregate without GROUP BY or HAVING returns one row whatever its
// input: EXISTS over it is true (decorrelation grouped it, which would lose that row).
static bool AlwaysOneRow(const DecorrelatedSubquery& sub) {
  return sub.scalar_aggregate != nullptr && sub.plan->kind == LogicalKind::kProject &&
         sub.plan->children[0].get() == sub.scalar_aggregate;
}

static LogicalPtr MakeJoin(JoinKind kind, LogicalPtr left, LogicalPtr right,
                           std::vector<BoundExprPtr> conditions) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_kind = kind;
  join->estimated_rows = left->estimated_rows;
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  AttachJoinConditions(*join, std::move(conditions));
  return join;
}

bool Binder::TryBindSemiJoin(const Expression& expr, const Scope& scope, LogicalPtr& plan) {
  const Expression* inner = &expr;
  bool negated = false;
  if (expr.kind == ExpressionKind::kUnary && expr.As<UnaryExpr>().op == UnaryOp::kNot) {
    inner = expr.As<UnaryExpr>().operand.get();
    negated = true;
  }
  if (inner->kind == ExpressionKind::kExists) {
    DecorrelatedSubquery sub = BindSubqueryPlan(*this, *inner->As<ExistsExpr>().query, scope,
                                                inner->pos, true, plan.get());
    if (AlwaysOneRow(sub)) {
      if (negated) {
        auto filter = std::make_unique<LogicalFilter>();
        filter->conjuncts.push_back(MakeBoolean(false));
        filter->children.push_back(std::move(plan));
        filter->bindings = filter->children[0]->bindings;
        filter->types = filter->children[0]->types;
        filter->names = filter->children[0]->names;
        plan = std::move(filter);
      }
      return true;
    }
    plan = MakeJoin(negated ? JoinKind::kAnti : JoinKind::kSemi, std::move(plan),
                    std::move(sub.plan), std::move(sub.correlation));
    SetJoinOutputs(plan->As<LogicalJoin>());
    return true;
  }
  // x IN (q), and x = ANY (q) / x = SOME (q), which mean the same.
  const Expression* in_value = nullptr;
  const Query* in_query = nullptr;
  if (inner->kind == ExpressionKind::kInSubquery) {
    const auto& in = inner->As<InSubqueryExpr>();
    if (in.negated) negated = !negated;
    in_value = in.value.get();
    in_query = in.query.get();
  } else if (inner->kind == ExpressionKind::kQuantifiedComparison) {
    const auto& quantified = inner->As<QuantifiedComparison>();
    if (quantified.op == BinaryOp::kEqual && quantified.quantifier != Quantifier::kAll) {
      in_value = quantified.value.get();
      in_query = quantified.query.get();
    }
  }
  if (in_query != nullptr) {
    ExprContext ctx;
    ctx.scope = &scope;
    ctx.clause = "IN";
    BoundExprPtr value = BindExpression(*in_value, ctx);
    DecorrelatedSubquery sub =
        BindSubqueryPlan(*this, *in_query, scope, inner->pos, false, plan.get());
    if (sub.columns != 1) {
      Fail(inner->pos,
           "the subquery of IN must return one column, not " + std::to_string(sub.columns));
    }
    BoundExprPtr column = MakeColumn(sub.plan->bindings[0], sub.plan->types[0],
                                     sub.plan->names.empty() ? std::string() : sub.plan->names[0]);
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(value));
    args.push_back(std::move(column));
    std::vector<BoundExprPtr> conditions;
    conditions.push_back(BindCall(op::kEqual, std::move(args), inner->pos));
    for (auto& c : sub.correlation) conditions.push_back(std::move(c));
    plan = MakeJoin(negated ? JoinKind::kAntiNullAware : JoinKind::kSemi, std::move(plan),
                    std::move(sub.plan), std::move(conditions));
    SetJoinOutputs(plan->As<LogicalJoin>());
    return true;
  }
  return false;
}

BoundExprPtr Binder::BindSubqueryExpression(const Expression& expr, ExprContext& ctx) {
  if (ctx.plan == nullptr || ctx.scope == nullptr) {
    Fail(expr.pos, "subqueries are not allowed in " + std::string(ctx.clause));
  }
  const Scope& scope = *ctx.scope;
  LogicalPtr& plan = *ctx.plan;
  const Query& query = QueryOf(expr);

  if (expr.kind == ExpressionKind::kSubquery) {
    DecorrelatedSubquery sub = BindSubqueryPlan(*this, query, scope, expr.pos, false, plan.get());
    if (sub.columns != 1) {
      Fail(expr.pos,
           "a scalar subquery must return one column, not " + std::to_string(sub.columns));
    }
    ColumnBinding binding = sub.plan->bindings[0];
    LogicalType type = sub.plan->types[0];
    BoundExprPtr empty_value = EmptyGroupValue(sub);
    plan = MakeJoin(JoinKind::kSingle, std::move(plan), std::move(sub.plan),
                    std::move(sub.correlation));
    SetJoinOutputs(plan->As<LogicalJoin>());
    BoundExprPtr column = MakeColumn(binding, type, "subquery");
    return empty_value ? std::move(empty_value) : std::move(column);
  }

  // EXISTS, IN and quantified comparisons where a boolean value is needed: a mark join.
  std::vector<BoundExprPtr> conditions;
  bool negate_result = false;
  DecorrelatedSubquery sub = BindSubqueryPlan(*this, query, scope, expr.pos,
                                              expr.kind == ExpressionKind::kExists, plan.get());
  if (expr.kind == ExpressionKind::kExists && AlwaysOneRow(sub)) return MakeBoolean(true);
  if (expr.kind != ExpressionKind::kExists) {
    if (sub.columns != 1) {
      Fail(expr.pos, "the subquery must return one column, not " + std::to_string(sub.columns));
    }
    BinaryOp comparison = BinaryOp::kEqual;
    const Expression* value_expr = nullptr;
    if (expr.kind == ExpressionKind::kInSubquery) {
      value_expr = expr.As<InSubqueryExpr>().value.get();
      negate_result = expr.As<InSubqueryExpr>().negated;
    } else {
      const auto& quantified = expr.As<QuantifiedComparison>();
      value_expr = quantified.value.get();
      comparison = quantified.op;
      if (quantified.quantifier == Quantifier::kAll) {
        // x op ALL (S) is NOT (x negated-op ANY (S)).
        comparison = Negate(comparison);
        negate_result = true;
      }
    }
    ExprContext value_ctx = ctx;
    BoundExprPtr value = BindExpression(*value_expr, value_ctx);
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(value));
    args.push_back(MakeColumn(sub.plan->bindings[0], sub.plan->types[0],
                              sub.plan->names.empty() ? std::string() : sub.plan->names[0]));
    std::string_view name = ComparisonName(comparison);
    if (name.empty()) Fail(expr.pos, "a quantified comparison needs a comparison operator");
    conditions.push_back(BindCall(name, std::move(args), expr.pos));
  }
  for (auto& c : sub.correlation) conditions.push_back(std::move(c));
  ColumnBinding mark{context_.NextTableIndex(), 0};
  plan = MakeJoin(JoinKind::kMark, std::move(plan), std::move(sub.plan), std::move(conditions));
  auto& join = plan->As<LogicalJoin>();
  join.join_kind = JoinKind::kMark;
  join.mark_binding = mark;
  SetJoinOutputs(join);
  BoundExprPtr result = MakeColumn(mark, LogicalType::Boolean(), "mark");
  if (expr.kind == ExpressionKind::kExists) {
    // The mark is NULL when correlation keys were NULL and nothing matched; EXISTS is then
    // simply false.
    auto coalesce = std::make_unique<BoundExpr>();
    coalesce->kind = BoundExprKind::kCoalesce;
    coalesce->type = LogicalType::Boolean();
    coalesce->children.push_back(std::move(result));
    coalesce->children.push_back(MakeBoolean(false));
    result = std::move(coalesce);
  }
  return negate_result ? MakeNotExpr(std::move(result)) : std::move(result);
}

}  // namespace basin::sql
