#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "sql/parser/ast_name.hpp"
#include "sql/parser/ast_type.hpp"

namespace basin::sql {

struct Query;

enum class ExpressionKind : uint8_t {
  kLiteral,
  kInterval,
  kColumnRef,
  kStar,
  kParameter,
  kUnary,
  kBinary,
  kConjunction,
  kBetween,
  kInList,
  kInSubquery,
  kExists,
  kSubquery,
  kQuantifiedComparison,
  kLike,
  kIsNull,
  kCase,
  kCast,
  kFunctionCall,
  kSubscript,
  kFieldAccess,
  kArray,
  kRow,
  kExtract,
  kAtTimeZone,
};

// Base of every expression node. Nodes own their children; a node's kind says which struct it
// is, and As<T>() reaches it (checked).
struct Expression {
  explicit Expression(ExpressionKind k, SourcePos p) : kind(k), pos(p) {}
  virtual ~Expression() = default;
  Expression(const Expression&) = delete;
  Expression& operator=(const Expression&) = delete;

  template <typename T>
  const T& As() const {
    if (kind != T::kKind) ThrowInternal("expression node has another kind");
    return static_cast<const T&>(*this);
  }
  template <typename T>
  T& As() {
    if (kind != T::kKind) ThrowInternal("expression node has another kind");
    return static_cast<T&>(*this);
  }

  const ExpressionKind kind;
  SourcePos pos;  // where the expression starts
};

using ExprPtr = std::unique_ptr<Expression>;

enum class SortOrder : uint8_t { kDefault, kAscending, kDescending };
enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

// One key of ORDER BY (in queries, aggregate calls and windows).
struct OrderItem {
  ExprPtr expr;
  SortOrder order = SortOrder::kDefault;
  NullsOrder nulls = NullsOrder::kDefault;
};

enum class LiteralKind : uint8_t {
  kNull,
  kBoolean,  // text "true" or "false"
  kInteger,  // digits as written
  kDecimal,  // 1.5, .5 as written (Trino types them DECIMAL)
  kDouble,   // 1e3 as written
  kString,   // unescaped text
  kBinary,   // X'…': text holds the hex digits
  kTyped,    // DATE '2020-01-01', TIMESTAMP '…', TIME '…', DECIMAL '1.2', any `type 'text'`
};

struct Literal : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kLiteral;
  Literal(SourcePos p, LiteralKind k, std::string t)
      : Expression(kKind, p), literal_kind(k), text(std::move(t)) {}
  LiteralKind literal_kind;
  std::string text;
  TypeName type;  // kTyped only
};

enum class IntervalField : uint8_t { kNone, kYear, kMonth, kDay, kHour, kMinute, kSecond };

// INTERVAL [+|-] 'value' start_field [(precision)] [TO end_field]
struct IntervalLiteral : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kInterval;
  explicit IntervalLiteral(SourcePos p) : Expression(kKind, p) {}
  std::string value;
  bool negative = false;
  IntervalField start = IntervalField::kDay;
  std::optional<int64_t> precision;  // the SQL standard's leading-field precision: DAY (3)
  IntervalField end = IntervalField::kNone;
};

// A name the binder resolves: column, table.column, db.table.column, or a column followed by
// struct field names (the binder decides which parts are which).
struct ColumnRef : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kColumnRef;
  ColumnRef(SourcePos p, QualifiedName n) : Expression(kKind, p), name(std::move(n)) {}
  QualifiedName name;
};

// `*` or `t.*` in a select list.
struct Star : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kStar;
  explicit Star(SourcePos p) : Expression(kKind, p) {}
  QualifiedName qualifier;  // empty for a bare *
};

// `?`, numbered from 0 in text order.
struct Parameter : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kParameter;
  Parameter(SourcePos p, int i) : Expression(kKind, p), index(i) {}
  int index;
};

enum class UnaryOp : uint8_t { kNot, kMinus, kPlus };

struct UnaryExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kUnary;
  UnaryExpr(SourcePos p, UnaryOp o, ExprPtr e)
      : Expression(kKind, p), op(o), operand(std::move(e)) {}
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp : uint8_t {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kConcat,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kIsDistinctFrom,
  kIsNotDistinctFrom,
};

struct BinaryExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kBinary;
  BinaryExpr(SourcePos p, BinaryOp o, ExprPtr l, ExprPtr r)
      : Expression(kKind, p), op(o), left(std::move(l)), right(std::move(r)) {}
  BinaryOp op;
  ExprPtr left;
  ExprPtr right;
};

enum class ConjunctionOp : uint8_t { kAnd, kOr };

// `a AND b AND c` as one node with three terms (two or more), so long generated chains stay
// flat. A parenthesised chain inside another stays a separate node.
struct Conjunction : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kConjunction;
  Conjunction(SourcePos p, ConjunctionOp o) : Expression(kKind, p), op(o) {}
  ConjunctionOp op;
  std::vector<ExprPtr> terms;
};

struct BetweenExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kBetween;
  explicit BetweenExpr(SourcePos p) : Expression(kKind, p) {}
  ExprPtr value;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
};

struct InListExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kInList;
  explicit InListExpr(SourcePos p) : Expression(kKind, p) {}
  ExprPtr value;
  std::vector<ExprPtr> list;
  bool negated = false;
};

struct InSubqueryExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kInSubquery;
  explicit InSubqueryExpr(SourcePos p);
  ~InSubqueryExpr() override;
  ExprPtr value;
  std::unique_ptr<Query> query;
  bool negated = false;
};

// EXISTS (query); NOT EXISTS is a kNot UnaryExpr over it.
struct ExistsExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kExists;
  explicit ExistsExpr(SourcePos p);
  ~ExistsExpr() override;
  std::unique_ptr<Query> query;
};

// A parenthesised query used as a value (scalar subquery).
struct SubqueryExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kSubquery;
  explicit SubqueryExpr(SourcePos p);
  ~SubqueryExpr() override;
  std::unique_ptr<Query> query;
};

enum class Quantifier : uint8_t { kAll, kAny, kSome };

// value <op> ALL|ANY|SOME (query)
struct QuantifiedComparison : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kQuantifiedComparison;
  explicit QuantifiedComparison(SourcePos p);
  ~QuantifiedComparison() override;
  BinaryOp op = BinaryOp::kEqual;  // a comparison
  Quantifier quantifier = Quantifier::kAny;
  ExprPtr value;
  std::unique_ptr<Query> query;
};

struct LikeExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kLike;
  explicit LikeExpr(SourcePos p) : Expression(kKind, p) {}
  ExprPtr value;
  ExprPtr pattern;
  ExprPtr escape;  // may be null
  bool negated = false;
};

struct IsNullExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kIsNull;
  explicit IsNullExpr(SourcePos p) : Expression(kKind, p) {}
  ExprPtr value;
  bool negated = false;  // IS NOT NULL
};

struct WhenClause {
  ExprPtr condition;  // searched CASE: a boolean; simple CASE: the value compared with operand
  ExprPtr result;
};

struct CaseExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kCase;
  explicit CaseExpr(SourcePos p) : Expression(kKind, p) {}
  ExprPtr operand;  // null for a searched CASE
  std::vector<WhenClause> whens;
  ExprPtr else_result;  // may be null
};

struct CastExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kCast;
  explicit CastExpr(SourcePos p) : Expression(kKind, p) {}
  ExprPtr value;
  TypeName type;
  bool try_cast = false;
};

enum class FrameUnit : uint8_t { kRows, kRange, kGroups };
enum class FrameBoundKind : uint8_t {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing,
};

struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  ExprPtr offset;  // kPreceding and kFollowing
};

struct WindowFrame {
  FrameUnit unit = FrameUnit::kRows;
  FrameBound start;
  std::optional<FrameBound> end;  // absent when written without BETWEEN
};

// OVER (…) or OVER name, and the body of WINDOW name AS (…).
struct WindowSpec {
  std::optional<Identifier> base_window;  // a named window this one refines
  bool reference_only = false;            // OVER name, without parentheses
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  std::optional<WindowFrame> frame;
};

enum class NullTreatment : uint8_t { kDefault, kIgnoreNulls, kRespectNulls };

// A call: scalar, aggregate (DISTINCT, ORDER BY, FILTER) or window (OVER). Also the niladic
// current_date, current_timestamp, … (no_parentheses).
struct FunctionCall : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kFunctionCall;
  explicit FunctionCall(SourcePos p) : Expression(kKind, p) {}
  QualifiedName name;
  std::vector<ExprPtr> args;
  bool star = false;  // count(*)
  bool distinct = false;
  bool no_parentheses = false;
  std::vector<OrderItem> order_by;  // array_agg(x ORDER BY y)
  ExprPtr filter;                   // FILTER (WHERE …)
  NullTreatment null_treatment = NullTreatment::kDefault;
  std::unique_ptr<WindowSpec> over;
};

// base[index]
struct SubscriptExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kSubscript;
  SubscriptExpr(SourcePos p, ExprPtr b, ExprPtr i)
      : Expression(kKind, p), base(std::move(b)), index(std::move(i)) {}
  ExprPtr base;
  ExprPtr index;
};

// base.field where base is not a plain name (a plain a.b is a ColumnRef): f(x).b, a[1].b.
struct FieldAccess : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kFieldAccess;
  FieldAccess(SourcePos p, ExprPtr b, Identifier f)
      : Expression(kKind, p), base(std::move(b)), field(std::move(f)) {}
  ExprPtr base;
  Identifier field;
};

// ARRAY[a, b, …]
struct ArrayExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kArray;
  explicit ArrayExpr(SourcePos p) : Expression(kKind, p) {}
  std::vector<ExprPtr> elements;
};

// ROW(a, b) or (a, b)
struct RowExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kRow;
  explicit RowExpr(SourcePos p) : Expression(kKind, p) {}
  std::vector<ExprPtr> fields;
  bool row_keyword = false;  // written ROW(…)
};

// EXTRACT(field FROM value); field is upper case (YEAR, MONTH, DOW, …).
struct ExtractExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kExtract;
  explicit ExtractExpr(SourcePos p) : Expression(kKind, p) {}
  std::string field;
  ExprPtr value;
};

// value AT TIME ZONE zone
struct AtTimeZoneExpr : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kAtTimeZone;
  explicit AtTimeZoneExpr(SourcePos p) : Expression(kKind, p) {}
  ExprPtr value;
  ExprPtr zone;
};

std::string_view BinaryOpSymbol(BinaryOp op);  // "+", "=", "IS DISTINCT FROM", …
bool IsComparison(BinaryOp op);

}  // namespace basin::sql
