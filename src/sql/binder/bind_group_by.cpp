// GROUP BY (ordinals, expressions, aliases, ROLLUP / CUBE / GROUPING SETS), the aggregate
// calls of one SELECT (bound over FROM, deduplicated), and expressions bound after
// aggregation: aggregate calls become aggregate columns, group keys become group columns.
#include <string>
#include <unordered_map>

#include "common/error.hpp"
#include "sql/binder/select_binder.hpp"

namespace basin::sql {

namespace {

// Readable SQL of an aggregate call; equal text means the same aggregate, so it also
// dedupes repeated calls (sum(x) in SELECT and HAVING is computed once).
std::string AggregateKey(const BoundAggregate& aggregate) {
  std::string key = aggregate.function->name + "(";
  if (aggregate.distinct) key += "DISTINCT ";
  if (aggregate.arguments.empty() && aggregate.function->name == "count") key += "*";
  for (size_t i = 0; i < aggregate.arguments.size(); ++i) {
    if (i > 0) key += ", ";
    key += aggregate.arguments[i]->ToString();
  }
  for (size_t i = 0; i < aggregate.order_by.size(); ++i) {
    const BoundOrder& order = aggregate.order_by[i];
    key += i == 0 ? " ORDER BY " : ", ";
    key += order.expr->ToString() + (order.descending ? " DESC" : "") +
           (order.nulls_first ? " NULLS FIRST" : "");
  }
  key += ")";
  if (aggregate.filter) key += " FILTER (WHERE " + aggregate.filter->ToString() + ")";
  return key;
}

}  // namespace

uint32_t SelectBinder::AddGroup(const Expression& expr) {
  const Expression* target = &expr;
  if (IsOrdinal(expr)) {
    int64_t ordinal = OrdinalValue(expr);
    if (ordinal < 1 || static_cast<size_t>(ordinal) > body_.items.size()) {
      binder_.Fail(expr.pos,
                   "GROUP BY position " + std::to_string(ordinal) + " is not in the select list");
    }
    target = body_.items[static_cast<size_t>(ordinal - 1)].expr.get();
    if (target->kind == ExpressionKind::kStar) {
      binder_.Fail(expr.pos, "GROUP BY position " + std::to_string(ordinal) + " refers to *");
    }
  }
  ExprContext ctx;
  ctx.scope = &scope_;
  ctx.clause = "GROUP BY";
  BoundExprPtr bound;
  try {
    bound = binder_.BindExpression(*target, ctx);
  } catch (const Error& error) {
    // A select alias, where no column of that name exists.
    if (target->kind != ExpressionKind::kColumnRef || target->As<ColumnRef>().name.size() != 1) {
      throw;
    }
    std::string name = target->As<ColumnRef>().name[0].Name();
    const Expression* aliased = nullptr;
    for (const auto& item : body_.items) {
      if (item.alias && item.alias->Name() == name) aliased = item.expr.get();
    }
    if (aliased == nullptr) throw;
    bound = binder_.BindExpression(*aliased, ctx);
  }
  if (ContainsAggregate(*target)) {
    binder_.Fail(expr.pos, "GROUP BY cannot contain an aggregate function");
  }
  std::string text = bound->ToString();
  auto it = group_by_text_.find(text);
  if (it != group_by_text_.end()) return static_cast<uint32_t>(it->second);
  uint32_t index = static_cast<uint32_t>(aggregate_->groups.size());
  group_by_text_.emplace(std::move(text), index);
  aggregate_->groups.push_back(std::move(bound));
  return index;
}

void SelectBinder::BindAggregation(const std::vector<const FunctionCall*>& aggregates) {
  pre_aggregate_tables_ = OutputTables(*plan_);
  auto aggregate = std::make_unique<LogicalAggregate>();
  aggregate_ = aggregate.get();
  aggregate->group_index = binder_.context().NextTableIndex();
  aggregate->aggregate_index = binder_.context().NextTableIndex();

  if (body_.group_by) {
    std::vector<std::vector<std::vector<uint32_t>>> element_sets;
    bool plain = true;
    for (const auto& element : body_.group_by->elements) {
      std::vector<std::vector<uint32_t>> sets;
      switch (element.kind) {
        case GroupingKind::kSet: {
          std::vector<uint32_t> set;
          for (const auto& e : element.expressions) set.push_back(AddGroup(*e));
          sets.push_back(std::move(set));
          break;
        }
        case GroupingKind::kRollup: {
          plain = false;
          std::vector<uint32_t> all;
          for (const auto& e : element.expressions) all.push_back(AddGroup(*e));
          for (size_t n = all.size() + 1; n-- > 0;) {
            sets.emplace_back(all.begin(), all.begin() + static_cast<ptrdiff_t>(n));
          }
          break;
        }
        case GroupingKind::kCube: {
          plain = false;
          std::vector<uint32_t> all;
          for (const auto& e : element.expressions) all.push_back(AddGroup(*e));
          if (all.size() > 16) binder_.Fail(body_.pos, "CUBE over more than 16 columns");
          for (size_t mask = (size_t{1} << all.size()); mask-- > 0;) {
            std::vector<uint32_t> set;
            for (size_t i = 0; i < all.size(); ++i) {
              if (mask & (size_t{1} << i)) set.push_back(all[i]);
            }
            sets.push_back(std::move(set));
          }
          break;
        }
        case GroupingKind::kGroupingSets: {
          plain = false;
          for (const auto& s : element.sets) {
            std::vector<uint32_t> set;
            for (const auto& e : s) set.push_back(AddGroup(*e));
            sets.push_back(std::move(set));
          }
          break;
        }
      }
      element_sets.push_back(std::move(sets));
    }
    if (!plain) {
      std::vector<std::vector<uint32_t>> product = {{}};
      for (const auto& sets : element_sets) {
        std::vector<std::vector<uint32_t>> next;
        for (const auto& prefix : product) {
          for (const auto& set : sets) {
            std::vector<uint32_t> combined = prefix;
            combined.insert(combined.end(), set.begin(), set.end());
            next.push_back(std::move(combined));
          }
        }
        product = std::move(next);
        if (product.size() > 4096) binder_.Fail(body_.pos, "too many grouping sets");
      }
      aggregate->grouping_sets = std::move(product);
    }
  }

  for (const FunctionCall* call : aggregates) {
    std::string name = JoinName(call->name);
    ExprContext ctx;
    ctx.scope = &scope_;
    ctx.clause = "an aggregate's arguments";
    BoundAggregate bound;
    std::vector<types::LogicalType> argument_types;
    for (const auto& arg : call->args) {
      if (ContainsAggregate(*arg)) {
        binder_.Fail(arg->pos, "aggregate function calls cannot be nested");
      }
      bound.arguments.push_back(binder_.BindExpression(*arg, ctx));
      argument_types.push_back(bound.arguments.back()->type);
    }
    try {
      bound.function =
          std::make_shared<const AggregateFunction>(ResolveAggregateFunction(name, argument_types));
    } catch (const Error& error) {
      if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kNotFound) {
        throw;
      }
      binder_.Fail(call->pos, error.what());
    }
    for (size_t i = 0; i < bound.arguments.size() && i < bound.function->arguments.size(); ++i) {
      bound.arguments[i] =
          CastIfNeeded(std::move(bound.arguments[i]), bound.function->arguments[i]);
    }
    bound.distinct = call->distinct;
    if (call->filter) {
      ctx.clause = "FILTER";
      bound.filter = binder_.BindBoolean(*call->filter, ctx);
    }
    for (const auto& item : call->order_by) {
      BoundOrder order;
      order.expr = binder_.BindExpression(*item.expr, ctx);
      order.descending = item.order == SortOrder::kDescending;
      order.nulls_first = item.nulls == NullsOrder::kFirst;
      bound.order_by.push_back(std::move(order));
    }
    std::string key = AggregateKey(bound);
    size_t index;
    auto it = aggregate_by_key_.find(key);
    if (it != aggregate_by_key_.end()) {
      index = it->second;
    } else {
      index = aggregate->aggregates.size();
      aggregate_by_key_.emplace(key, index);
      bound.text = key;
      aggregate->aggregates.push_back(std::move(bound));
    }
    const BoundAggregate& kept = aggregate->aggregates[index];
    replacements_[call] = MakeColumn({aggregate->aggregate_index, static_cast<uint32_t>(index)},
                                     kept.function->result, name);
  }

  for (uint32_t i = 0; i < aggregate->groups.size(); ++i) {
    aggregate->bindings.push_back({aggregate->group_index, i});
    aggregate->types.push_back(aggregate->groups[i]->type);
    const BoundExpr& group = *aggregate->groups[i];
    aggregate->names.push_back(group.kind == BoundExprKind::kColumn ? group.text : "");
  }
  for (uint32_t j = 0; j < aggregate->aggregates.size(); ++j) {
    aggregate->bindings.push_back({aggregate->aggregate_index, j});
    aggregate->types.push_back(aggregate->aggregates[j].function->result);
    aggregate->names.push_back(aggregate->aggregates[j].function->name);
  }
  if (aggregate->groups.empty()) aggregate->estimated_rows = 1;
  aggregate->children.push_back(std::move(plan_));
  plan_ = std::move(aggregate);
}

void SelectBinder::ReplaceGroups(BoundExprPtr& expr) {
  if (!aggregated_ || group_by_text_.empty()) return;
  if (expr->kind != BoundExprKind::kConstant) {
    auto it = group_by_text_.find(expr->ToString());
    if (it != group_by_text_.end()) {
      uint32_t i = static_cast<uint32_t>(it->second);
      std::string text = expr->kind == BoundExprKind::kColumn ? expr->text : std::string();
      expr = MakeColumn({aggregate_->group_index, i}, aggregate_->groups[i]->type, text);
      return;
    }
  }
  for (auto& child : expr->children) ReplaceGroups(child);
}

void SelectBinder::CheckGrouped(const BoundExpr& expr, SourcePos pos) {
  if (!aggregated_) return;
  if (expr.kind == BoundExprKind::kColumn && pre_aggregate_tables_.count(expr.binding.table)) {
    binder_.Fail(pos, "'" + expr.text +
                          "' must be an aggregate expression or appear in the GROUP BY clause");
  }
  for (const auto& child : expr.children) CheckGrouped(*child, pos);
}

BoundExprPtr SelectBinder::BindAfterAggregation(const Expression& expr, std::string_view clause) {
  ExprContext ctx;
  ctx.scope = &scope_;
  ctx.plan = &plan_;
  ctx.replacements = &replacements_;
  ctx.clause = clause;
  BoundExprPtr bound = binder_.BindExpression(expr, ctx);
  ReplaceGroups(bound);
  CheckGrouped(*bound, expr.pos);
  return bound;
}

}  // namespace basin::sql
