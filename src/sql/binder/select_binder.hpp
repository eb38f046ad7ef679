#pragma once

// The state of binding one SELECT, shared by the files that bind its clauses:
// bind_select.cpp (FROM, WHERE, select list, DISTINCT, the plan's shape),
// bind_group_by.cpp (GROUP BY, aggregates, HAVING's post-aggregation binding),
// bind_window.cpp (window calls) and bind_order_by.cpp (ORDER BY items).
// Not for use outside binder/.

#include <charconv>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sql/binder/binder_impl.hpp"

namespace basin::sql {

// An integer literal: a position in the select list (GROUP BY 1, ORDER BY 2) or a frame offset.
inline bool IsOrdinal(const Expression& expr) {
  return expr.kind == ExpressionKind::kLiteral &&
         expr.As<Literal>().literal_kind == LiteralKind::kInteger;
}

inline int64_t OrdinalValue(const Expression& expr) {
  const std::string& text = expr.As<Literal>().text;
  int64_t value = -1;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

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

}  // namespace basin::sql
