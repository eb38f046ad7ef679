// ORDER BY items of one SELECT: by position, by select alias, by any expression over FROM
// (computed as a hidden output when not selected) or over the select list's names.
#include <string>
#include <unordered_map>

#include "common/error.hpp"
#include "sql/binder/select_binder.hpp"

namespace basin::sql {

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

}  // namespace basin::sql
