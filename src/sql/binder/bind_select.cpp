// Binding of one SELECT: FROM, WHERE, GROUP BY with aggregates, HAVING, windows, the select
// list, DISTINCT and ORDER BY (by alias, position or any expression).
#include <charconv>
#include <unordered_map>

#include "common/error.hpp"
#include "sql/binder/binder_impl.hpp"

namespace basin::sql {

namespace {

using types::LogicalType;
using types::TypeId;

bool IsOrdinal(const Expression& expr) {
  return expr.kind == ExpressionKind::kLiteral &&
         expr.As<Literal>().literal_kind == LiteralKind::kInteger;
}

int64_t OrdinalValue(const Expression& expr) {
  const std::string& text = expr.As<Literal>().text;
  int64_t value = -1;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string AggregateKey(const BoundAggregate& aggregate) {
  std::string key = aggregate.function->name + "(";
  if (aggregate.distinct) key += "DISTINCT ";
  for (const auto& arg : aggregate.arguments) key += arg->ToString() + ",";
  for (const auto& order : aggregate.order_by) {
    key += " ORDER " + order.expr->ToString() + (order.descending ? " DESC" : "") +
           (order.nulls_first ? " NF" : "");
  }
  key += ")";
  if (aggregate.filter) key += " FILTER " + aggregate.filter->ToString();
  return key;
}

std::optional<WindowFunctionKind> RankingKind(std::string_view name) {
  if (name == "row_number") return WindowFunctionKind::kRowNumber;
  if (name == "rank") return WindowFunctionKind::kRank;
  if (name == "dense_rank") return WindowFunctionKind::kDenseRank;
  if (name == "percent_rank") return WindowFunctionKind::kPercentRank;
  if (name == "cume_dist") return WindowFunctionKind::kCumeDist;
  if (name == "ntile") return WindowFunctionKind::kNtile;
  if (name == "lag") return WindowFunctionKind::kLag;
  if (name == "lead") return WindowFunctionKind::kLead;
  if (name == "first_value") return WindowFunctionKind::kFirstValue;
  if (name == "last_value") return WindowFunctionKind::kLastValue;
  if (name == "nth_value") return WindowFunctionKind::kNthValue;
  return std::nullopt;
}

}  // namespace

// The state of binding one SELECT.
class SelectBinder {
 public:
  SelectBinder(Binder& binder, const SelectBody& body, const Scope* outer)
      : binder_(binder), body_(body), outer_(outer) {}

  LogicalPtr Bind(const std::vector<OrderItem>* order_by);

 private:
  void BindFrom();
  void BindWhere();
  void BindAggregation(const std::vector<const FunctionCall*>& aggregates);
  uint32_t AddGroup(const Expression& expr);
  void BindWindows(const std::vector<const FunctionCall*>& windows);
  // Binds an expression evaluated after aggregation (select list, HAVING, ORDER BY).
  BoundExprPtr BindAfterAggregation(const Expression& expr, std::string_view clause);
  void ReplaceGroups(BoundExprPtr& expr);
  void CheckGrouped(const BoundExpr& expr, SourcePos pos);
  void ExpandStar(const Star& star);
  BoundOrder BindOrder(const OrderItem& item, std::vector<BoundExprPtr>& hidden);

  Binder& binder_;
  const SelectBody& body_;
  const Scope* outer_;
  Scope scope_;
  LogicalPtr plan_;
  bool aggregated_ = false;
  std::set<uint32_t> pre_aggregate_tables_;
  LogicalAggregate* aggregate_ = nullptr;
  std::unordered_map<std::string, size_t> group_by_text_;
  std::unordered_map<const Expression*, BoundExprPtr> replacements_;
  std::unordered_map<std::string, size_t> aggregate_by_key_;
  std::vector<BoundExprPtr> select_;
  std::vector<std::string> names_;
  std::vector<SourcePos> select_pos_;
};

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

void SelectBinder::BindWindows(const std::vector<const FunctionCall*>& windows) {
  auto window = std::make_unique<LogicalWindow>();
  window->table_index = binder_.context().NextTableIndex();
  for (const FunctionCall* call : windows) {
    std::string name = JoinName(call->name);
    // A named window (OVER w, or OVER (w ORDER BY …)) supplies what the call leaves out.
    const WindowSpec* spec = call->over.get();
    const WindowSpec* base = nullptr;
    if (spec->base_window) {
      std::string base_name = spec->base_window->Name();
      for (const auto& named : body_.windows) {
        if (named.name.Name() == base_name) base = &named.spec;
      }
      if (base == nullptr) {
        binder_.Fail(spec->base_window->pos, "window '" + base_name + "' is not defined");
      }
    }
    const auto& partition_by =
        !spec->partition_by.empty() || base == nullptr ? spec->partition_by : base->partition_by;
    const auto& order_by =
        !spec->order_by.empty() || base == nullptr ? spec->order_by : base->order_by;
    const auto& frame = spec->frame || base == nullptr ? spec->frame : base->frame;

    BoundWindow bound;
    for (const auto& p : partition_by) {
      bound.partition_by.push_back(BindAfterAggregation(*p, "PARTITION BY"));
    }
    for (const auto& o : order_by) {
      BoundOrder order;
      order.expr = BindAfterAggregation(*o.expr, "a window's ORDER BY");
      order.descending = o.order == SortOrder::kDescending;
      order.nulls_first = o.nulls == NullsOrder::kFirst;
      bound.order_by.push_back(std::move(order));
    }
    for (const auto& arg : call->args) {
      bound.arguments.push_back(BindAfterAggregation(*arg, "a window function's arguments"));
    }
    bound.ignore_nulls = call->null_treatment == NullTreatment::kIgnoreNulls;
    auto ranking = RankingKind(name);
    if (ranking) {
      bound.kind = *ranking;
      switch (*ranking) {
        case WindowFunctionKind::kRowNumber:
        case WindowFunctionKind::kRank:
        case WindowFunctionKind::kDenseRank:
        case WindowFunctionKind::kNtile: bound.type = LogicalType::BigInt(); break;
        case WindowFunctionKind::kPercentRank:
        case WindowFunctionKind::kCumeDist: bound.type = LogicalType::Double(); break;
        default:
          if (bound.arguments.empty()) binder_.Fail(call->pos, name + " needs an argument");
          bound.type = bound.arguments[0]->type;
          for (size_t i = 1; i < bound.arguments.size(); ++i) {
            if (i == 1 && bound.arguments[1]->type.IsInteger()) {
              bound.arguments[1] =
                  CastIfNeeded(std::move(bound.arguments[1]), LogicalType::BigInt());
            } else if (i == 2) {
              bound.arguments[2] = binder_.Coerce(std::move(bound.arguments[2]), bound.type,
                                                  call->pos, "the default of " + name);
            }
          }
          break;
      }
      if (*ranking == WindowFunctionKind::kNtile && !bound.arguments.empty()) {
        bound.arguments[0] = CastIfNeeded(std::move(bound.arguments[0]), LogicalType::BigInt());
      }
    } else {
      std::vector<types::LogicalType> argument_types;
      for (const auto& arg : bound.arguments) argument_types.push_back(arg->type);
      try {
        bound.aggregate = std::make_shared<const AggregateFunction>(
            ResolveAggregateFunction(name, argument_types));
      } catch (const Error& error) {
        if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kNotFound) {
          throw;
        }
        binder_.Fail(call->pos, error.what());
      }
      for (size_t i = 0; i < bound.arguments.size() && i < bound.aggregate->arguments.size(); ++i) {
        bound.arguments[i] =
            CastIfNeeded(std::move(bound.arguments[i]), bound.aggregate->arguments[i]);
      }
      bound.type = bound.aggregate->result;
    }
    if (bound.order_by.empty()) {
      bound.frame.unit = FrameUnitKind::kRows;
      bound.frame.start = FrameBoundType::kUnboundedPreceding;
      bound.frame.end = FrameBoundType::kUnboundedFollowing;
    }
    if (frame) {
      auto convert = [&](const FrameBound& b, FrameBoundType& type, int64_t& offset) {
        type = static_cast<FrameBoundType>(b.kind);
        if (b.offset) {
          if (!IsOrdinal(*b.offset)) {
            binder_.Fail(b.offset->pos, "a frame offset must be an integer literal");
          }
          offset = OrdinalValue(*b.offset);
        }
      };
      bound.frame.unit = static_cast<FrameUnitKind>(frame->unit);
      convert(frame->start, bound.frame.start, bound.frame.start_offset);
      if (frame->end) {
        convert(*frame->end, bound.frame.end, bound.frame.end_offset);
      } else {
        bound.frame.end = FrameBoundType::kCurrentRow;
      }
    }
    bound.text = name;
    uint32_t index = static_cast<uint32_t>(window->windows.size());
    replacements_[call] = MakeColumn({window->table_index, index}, bound.type, name);
    window->windows.push_back(std::move(bound));
  }
  window->bindings = plan_->bindings;
  window->types = plan_->types;
  window->names = plan_->names;
  window->names.resize(window->bindings.size());
  for (uint32_t j = 0; j < window->windows.size(); ++j) {
    window->bindings.push_back({window->table_index, j});
    window->types.push_back(window->windows[j].type);
    window->names.push_back(window->windows[j].text);
  }
  window->estimated_rows = plan_->estimated_rows;
  window->children.push_back(std::move(plan_));
  plan_ = std::move(window);
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

BoundOrder SelectBinder::BindOrder(const OrderItem& item, std::vector<BoundExprPtr>& hidden) {
  BoundOrder order;
  order.descending = item.order == SortOrder::kDescending;
  order.nulls_first = item.nulls == NullsOrder::kFirst;
  const Expression& expr = *item.expr;
  // Positions 1..n refer to the select list; placeholders (table UINT32_MAX) mark them until
  // the projection exists.
  if (IsOrdinal(expr)) {
    int64_t ordinal = OrdinalValue(expr);
    if (ordinal < 1 || static_cast<size_t>(ordinal) > select_.size()) {
      binder_.Fail(expr.pos,
                   "ORDER BY position " + std::to_string(ordinal) + " is not in the select list");
    }
    order.expr = MakeColumn({UINT32_MAX, static_cast<uint32_t>(ordinal - 1)},
                            select_[static_cast<size_t>(ordinal - 1)]->type);
    return order;
  }
  if (expr.kind == ExpressionKind::kColumnRef && expr.As<ColumnRef>().name.size() == 1) {
    std::string name = expr.As<ColumnRef>().name[0].Name();
    for (size_t i = 0; i < body_.items.size() && i < names_.size(); ++i) {
      const auto& item_alias = body_.items[i].alias;
      if (item_alias && item_alias->Name() == name) {
        // The select item's position among the expanded outputs.
        size_t position = 0;
        for (size_t k = 0; k < i; ++k) {
          if (body_.items[k].expr->kind == ExpressionKind::kStar) {
            position = SIZE_MAX;
            break;
          }
          ++position;
        }
        if (position != SIZE_MAX) {
          order.expr =
              MakeColumn({UINT32_MAX, static_cast<uint32_t>(position)}, select_[position]->type);
          return order;
        }
      }
    }
  }
  BoundExprPtr bound;
  try {
    bound = BindAfterAggregation(expr, "ORDER BY");
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kInvalidInput) throw;
    // An expression over the select list's names: ORDER BY total * 2.
    Error first = error;
    Scope outputs;
    ScopeRelation relation;
    constexpr uint32_t kOutputTable = UINT32_MAX - 1;
    for (size_t i = 0; i < select_.size(); ++i) {
      relation.columns.push_back(
          {names_[i], {kOutputTable, static_cast<uint32_t>(i)}, select_[i]->type});
    }
    outputs.relations.push_back(std::move(relation));
    outputs.outer = &scope_;
    ExprContext ctx;
    ctx.scope = &outputs;
    ctx.replacements = &replacements_;
    ctx.clause = "ORDER BY";
    try {
      bound = binder_.BindExpression(expr, ctx);
    } catch (const Error&) {
      throw first;
    }
    std::unordered_map<uint64_t, const BoundExpr*> map;
    for (size_t i = 0; i < select_.size(); ++i) {
      map[BindingKey({kOutputTable, static_cast<uint32_t>(i)})] = select_[i].get();
    }
    ReplaceBindings(bound, map);
    ReplaceGroups(bound);
    CheckGrouped(*bound, expr.pos);
  }
  std::string text = bound->ToString();
  for (size_t i = 0; i < select_.size(); ++i) {
    if (select_[i]->ToString() == text) {
      order.expr = MakeColumn({UINT32_MAX, static_cast<uint32_t>(i)}, select_[i]->type);
      return order;
    }
  }
  for (size_t i = 0; i < hidden.size(); ++i) {
    if (hidden[i]->ToString() == text) {
      order.expr =
          MakeColumn({UINT32_MAX, static_cast<uint32_t>(select_.size() + i)}, hidden[i]->type);
      return order;
    }
  }
  if (body_.distinct) {
    binder_.Fail(expr.pos,
                 "for SELECT DISTINCT, ORDER BY expressions must appear in the "
                 "select list");
  }
  order.expr =
      MakeColumn({UINT32_MAX, static_cast<uint32_t>(select_.size() + hidden.size())}, bound->type);
  hidden.push_back(std::move(bound));
  return order;
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
