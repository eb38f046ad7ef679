// Binding of one SELECT: FROM, WHERE, the select list with `*` / `t.*`, DISTINCT, and the
// plan's shape (aggregate, HAVING filter, window, projection, sort on hidden columns). GROUP BY
// and aggregates are in bind_group_by.cpp, windows in bind_window.cpp, ORDER BY items in
// bind_order_by.cpp.
#include <set>
#include <string>

#include "common/error.hpp"
#include "sql/binder/select_binder.hpp"

namespace basin::sql {

using types::TypeId;

void SelectBinder::BindFrom() {
  if (body_.from) {
    BoundRelation relation = binder_.BindTableRef(*body_.from, outer_);
    plan_ = std::move(relation.plan);
    scope_ = std::move(relation.scope);
  } else {
    auto values = std::make_unique<LogicalValues>();
    values->table_index = binder_.context().NextTableIndex();
    values->rows.emplace_back();
    values->estimated_rows = 1;
    plan_ = std::move(values);
  }
  scope_.outer = outer_;
}

void SelectBinder::BindWhere() {
  if (!body_.where) return;
  std::vector<const Expression*> terms;
  const Expression& where = *body_.where;
  if (where.kind == ExpressionKind::kConjunction &&
      where.As<Conjunction>().op == ConjunctionOp::kAnd) {
    for (const auto& term : where.As<Conjunction>().terms) terms.push_back(term.get());
  } else {
    terms.push_back(&where);
  }
  std::vector<BoundExprPtr> conjuncts;
  for (const Expression* term : terms) {
    if (ContainsAggregate(*term)) {
      binder_.Fail(term->pos, "aggregate functions are not allowed in WHERE");
    }
    if (binder_.TryBindSemiJoin(*term, scope_, plan_)) continue;
    ExprContext ctx;
    ctx.scope = &scope_;
    ctx.plan = &plan_;
    ctx.clause = "WHERE";
    SplitConjuncts(binder_.BindBoolean(*term, ctx), conjuncts);
  }
  if (conjuncts.empty()) return;
  auto filter = std::make_unique<LogicalFilter>();
  filter->conjuncts = std::move(conjuncts);
  filter->bindings = plan_->bindings;
  filter->types = plan_->types;
  filter->names = plan_->names;
  filter->estimated_rows = plan_->estimated_rows;
  filter->children.push_back(std::move(plan_));
  plan_ = std::move(filter);
}

void SelectBinder::ExpandStar(const Star& star) {
  std::string qualifier = star.qualifier.empty() ? "" : star.qualifier.back().Name();
  std::string database =
      star.qualifier.size() >= 2 ? star.qualifier[star.qualifier.size() - 2].Name() : "";
  std::set<std::pair<size_t, size_t>> hidden;
  if (qualifier.empty()) {
    for (const auto& merged : scope_.merged) {
      BoundExprPtr expr = merged.expr->Clone();
      ReplaceGroups(expr);
      CheckGrouped(*expr, star.pos);
      select_.push_back(std::move(expr));
      names_.push_back(merged.name);
      select_pos_.push_back(star.pos);
      for (const auto& h : merged.hides) hidden.insert(h);
    }
  }
  bool matched = qualifier.empty();
  for (size_t r = 0; r < scope_.relations.size(); ++r) {
    const auto& relation = scope_.relations[r];
    if (!qualifier.empty()) {
      if (relation.alias != qualifier) continue;
      if (!database.empty() && relation.database != database) continue;
      matched = true;
    }
    for (size_t c = 0; c < relation.columns.size(); ++c) {
      if (hidden.count({r, c})) continue;
      const auto& column = relation.columns[c];
      BoundExprPtr expr = MakeColumn(column.binding, column.type, column.name);
      ReplaceGroups(expr);
      CheckGrouped(*expr, star.pos);
      select_.push_back(std::move(expr));
      names_.push_back(column.name);
      select_pos_.push_back(star.pos);
    }
  }
  if (!matched) binder_.Fail(star.pos, "relation '" + JoinName(star.qualifier) + "' not found");
  if (select_.empty() && body_.from == nullptr) {
    binder_.Fail(star.pos, "SELECT * without FROM has no columns");
  }
}

LogicalPtr SelectBinder::Bind(const std::vector<OrderItem>* order_by) {
  BindFrom();
  BindWhere();

  std::vector<const FunctionCall*> aggregates;
  for (const auto& item : body_.items) CollectAggregateCalls(*item.expr, aggregates);
  if (body_.having) CollectAggregateCalls(*body_.having, aggregates);
  if (order_by != nullptr) {
    for (const auto& item : *order_by) CollectAggregateCalls(*item.expr, aggregates);
  }
  for (const auto& named : body_.windows) {
    for (const auto& p : named.spec.partition_by) CollectAggregateCalls(*p, aggregates);
    for (const auto& o : named.spec.order_by) CollectAggregateCalls(*o.expr, aggregates);
  }
  aggregated_ = body_.group_by.has_value() || !aggregates.empty() || body_.having != nullptr;
  if (aggregated_) BindAggregation(aggregates);

  if (body_.having) {
    BoundExprPtr having = BindAfterAggregation(*body_.having, "HAVING");
    if (having->type.id() != TypeId::kBoolean) {
      binder_.Fail(body_.having->pos, "HAVING must be a boolean expression");
    }
    auto filter = std::make_unique<LogicalFilter>();
    SplitConjuncts(std::move(having), filter->conjuncts);
    filter->bindings = plan_->bindings;
    filter->types = plan_->types;
    filter->names = plan_->names;
    filter->estimated_rows = plan_->estimated_rows;
    filter->children.push_back(std::move(plan_));
    plan_ = std::move(filter);
  }

  std::vector<const FunctionCall*> windows;
  for (const auto& item : body_.items) CollectWindowCalls(*item.expr, windows);
  if (order_by != nullptr) {
    for (const auto& item : *order_by) CollectWindowCalls(*item.expr, windows);
  }
  if (!windows.empty()) BindWindows(windows);

  for (size_t i = 0; i < body_.items.size(); ++i) {
    const SelectItem& item = body_.items[i];
    if (item.expr->kind == ExpressionKind::kStar) {
      ExpandStar(item.expr->As<Star>());
      continue;
    }
    select_.push_back(BindAfterAggregation(*item.expr, "SELECT"));
    names_.push_back(item.alias ? item.alias->Name() : DefaultColumnName(*item.expr, i));
    select_pos_.push_back(item.expr->pos);
  }

  Binder& b = binder_;
  LogicalPtr plan;
  if (body_.distinct) {
    // DISTINCT: project, then group by every output column.
    LogicalPtr projected =
        MakeProject(std::move(plan_), std::move(select_), names_, b.context().NextTableIndex());
    auto distinct = std::make_unique<LogicalAggregate>();
    distinct->group_index = b.context().NextTableIndex();
    distinct->aggregate_index = b.context().NextTableIndex();
    for (uint32_t i = 0; i < projected->bindings.size(); ++i) {
      distinct->groups.push_back(
          MakeColumn(projected->bindings[i], projected->types[i], names_[i]));
      distinct->bindings.push_back({distinct->group_index, i});
      distinct->types.push_back(projected->types[i]);
    }
    distinct->names = names_;
    distinct->estimated_rows = projected->estimated_rows;
    distinct->children.push_back(std::move(projected));
    plan = std::move(distinct);
    if (order_by != nullptr) plan = b.ApplyOrderByOutputs(std::move(plan), *order_by);
    return plan;
  }
  if (order_by == nullptr) {
    return MakeProject(std::move(plan_), std::move(select_), names_, b.context().NextTableIndex());
  }

  std::vector<BoundExprPtr> hidden;
  std::vector<BoundOrder> orders;
  for (const auto& item : *order_by) orders.push_back(BindOrder(item, hidden));
  size_t visible = select_.size();
  std::vector<std::string> names = names_;
  for (auto& h : hidden) {
    select_.push_back(std::move(h));
    names.push_back("");
  }
  uint32_t project_index = b.context().NextTableIndex();
  LogicalPtr projected =
      MakeProject(std::move(plan_), std::move(select_), std::move(names), project_index);
  auto sort = std::make_unique<LogicalSort>();
  for (auto& order : orders) order.expr->binding.table = project_index;
  sort->order_by = std::move(orders);
  sort->bindings = projected->bindings;
  sort->types = projected->types;
  sort->names = projected->names;
  sort->estimated_rows = projected->estimated_rows;
  sort->children.push_back(std::move(projected));
  if (sort->bindings.size() == visible) return sort;
  std::vector<BoundExprPtr> outputs;
  for (size_t i = 0; i < visible; ++i) {
    outputs.push_back(MakeColumn(sort->bindings[i], sort->types[i], names_[i]));
  }
  return MakeProject(std::move(sort), std::move(outputs), names_, b.context().NextTableIndex());
}

LogicalPtr Binder::BindSelect(const SelectBody& body, const Scope* outer,
                              const std::vector<OrderItem>* order_by) {
  SelectBinder select(*this, body, outer);
  return select.Bind(order_by);
}

}  // namespace basin::sql
