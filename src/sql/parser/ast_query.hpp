#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "sql/parser/ast_expression.hpp"

namespace basin::sql {

// ---- Relations (FROM) ----

enum class TableRefKind : uint8_t { kTable, kSubquery, kJoin, kUnnest };

// AS name [(column, …)]
struct TableAlias {
  Identifier name;
  std::vector<Identifier> columns;
};

struct TableRef {
  TableRef(TableRefKind k, SourcePos p) : kind(k), pos(p) {}
  virtual ~TableRef() = default;
  TableRef(const TableRef&) = delete;
  TableRef& operator=(const TableRef&) = delete;

  template <typename T>
  const T& As() const {
    if (kind != T::kKind) ThrowInternal("relation node has another kind");
    return static_cast<const T&>(*this);
  }
  template <typename T>
  T& As() {
    if (kind != T::kKind) ThrowInternal("relation node has another kind");
    return static_cast<T&>(*this);
  }

  const TableRefKind kind;
  SourcePos pos;
  std::optional<TableAlias> alias;
};

using TableRefPtr = std::unique_ptr<TableRef>;

// A table or view by name: t, db.t, catalog.db.t.
struct BaseTableRef : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kTable;
  BaseTableRef(SourcePos p, QualifiedName n) : TableRef(kKind, p), name(std::move(n)) {}
  QualifiedName name;
};

struct SubqueryRef : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kSubquery;
  explicit SubqueryRef(SourcePos p);
  ~SubqueryRef() override;
  std::unique_ptr<Query> query;
  bool lateral = false;
};

// kImplicit is a comma in FROM (a cross join written `a, b`).
enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kCross, kImplicit };

struct JoinRef : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kJoin;
  JoinRef(SourcePos p, JoinType t) : TableRef(kKind, p), type(t) {}
  JoinType type;
  bool natural = false;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr on;                             // ON condition, or null
  std::vector<Identifier> using_columns;  // USING (…), or empty
};

// UNNEST(array, …) [WITH ORDINALITY]
struct UnnestRef : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kUnnest;
  explicit UnnestRef(SourcePos p) : TableRef(kKind, p) {}
  std::vector<ExprPtr> args;
  bool with_ordinality = false;
};

// ---- Query bodies ----

enum class QueryBodyKind : uint8_t { kSelect, kSetOperation, kValues, kTable, kParenthesized };

struct QueryBody {
  QueryBody(QueryBodyKind k, SourcePos p) : kind(k), pos(p) {}
  virtual ~QueryBody() = default;
  QueryBody(const QueryBody&) = delete;
  QueryBody& operator=(const QueryBody&) = delete;

  template <typename T>
  const T& As() const {
    if (kind != T::kKind) ThrowInternal("query node has another kind");
    return static_cast<const T&>(*this);
  }
  template <typename T>
  T& As() {
    if (kind != T::kKind) ThrowInternal("query node has another kind");
    return static_cast<T&>(*this);
  }

  const QueryBodyKind kind;
  SourcePos pos;
};

using QueryBodyPtr = std::unique_ptr<QueryBody>;

// One item of a select list; `expr` is a Star for * and t.*.
struct SelectItem {
  ExprPtr expr;
  std::optional<Identifier> alias;
};

enum class GroupingKind : uint8_t { kSet, kRollup, kCube, kGroupingSets };

// One element of GROUP BY. kSet: `a` (one expression), `(a, b)` or `()`; kRollup / kCube:
// ROLLUP (a, b) / CUBE (a, b) over `expressions`; kGroupingSets: GROUPING SETS ((a), (a, b), ())
// with one entry of `sets` per set.
struct GroupingElement {
  GroupingKind kind = GroupingKind::kSet;
  std::vector<ExprPtr> expressions;
  std::vector<std::vector<ExprPtr>> sets;
  bool parenthesized = false;  // kSet written in parentheses
};

struct GroupBy {
  bool distinct = false;  // GROUP BY DISTINCT (dedupes grouping sets)
  std::vector<GroupingElement> elements;
};

// WINDOW name AS (spec)
struct NamedWindow {
  Identifier name;
  WindowSpec spec;
};

// SELECT … FROM … WHERE … GROUP BY … HAVING … WINDOW …
struct SelectBody : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kSelect;
  explicit SelectBody(SourcePos p) : QueryBody(kKind, p) {}
  bool distinct = false;
  std::vector<SelectItem> items;
  TableRefPtr from;  // null without FROM; comma-separated relations are kImplicit joins
  ExprPtr where;
  std::optional<GroupBy> group_by;
  ExprPtr having;
  std::vector<NamedWindow> windows;
};

enum class SetOpKind : uint8_t { kUnion, kIntersect, kExcept };

struct SetOperationBody : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kSetOperation;
  SetOperationBody(SourcePos p, SetOpKind o) : QueryBody(kKind, p), op(o) {}
  SetOpKind op;
  bool all = false;  // UNION ALL; otherwise DISTINCT (the default)
  QueryBodyPtr left;
  QueryBodyPtr right;
};

// VALUES row, …; a row with several columns is a RowExpr, a one-column row any expression.
struct ValuesBody : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kValues;
  explicit ValuesBody(SourcePos p) : QueryBody(kKind, p) {}
  std::vector<ExprPtr> rows;
};

// TABLE name
struct TableBody : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kTable;
  TableBody(SourcePos p, QualifiedName n) : QueryBody(kKind, p), name(std::move(n)) {}
  QualifiedName name;
};

// A parenthesised query with its own WITH, ORDER BY or LIMIT used as an operand:
// `(SELECT … LIMIT 1) UNION …`. Parentheses around a plain body leave no node.
struct ParenthesizedBody : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kParenthesized;
  explicit ParenthesizedBody(SourcePos p);
  ~ParenthesizedBody() override;
  std::unique_ptr<Query> query;
};

// ---- Query ----

// name [(columns)] AS (query)
struct CommonTableExpr {
  Identifier name;
  std::vector<Identifier> columns;
  std::unique_ptr<Query> query;
};

enum class LimitKind : uint8_t {
  kNone,
  kLimit,               // LIMIT n
  kLimitAll,            // LIMIT ALL
  kFetchFirst,          // FETCH FIRST n ROWS ONLY (n may be absent: one row)
  kFetchFirstWithTies,  // FETCH FIRST n ROWS WITH TIES
};

// A whole query expression: [WITH …] body [ORDER BY …] [OFFSET n] [LIMIT n | FETCH FIRST …].
struct Query {
  SourcePos pos;
  bool recursive = false;
  std::vector<CommonTableExpr> with;
  QueryBodyPtr body;
  std::vector<OrderItem> order_by;
  ExprPtr offset;
  LimitKind limit_kind = LimitKind::kNone;
  ExprPtr limit;  // kLimit, kFetchFirst*; null for kLimitAll and FETCH FIRST ROW ONLY

  // True when the query is just its body (no WITH, ORDER BY, OFFSET, LIMIT).
  bool IsBareBody() const {
    return with.empty() && order_by.empty() && !offset && limit_kind == LimitKind::kNone;
  }
};

}  // namespace basin::sql
