// Binding of scalar expressions: names, literals, operators, calls, CASE, casts.
#include <charconv>
#include <cstdlib>
#include <string>

#include "common/error.hpp"
#include "sql/binder/binder_impl.hpp"
#include "sql/parser/keywords.hpp"
#include "types/date_time.hpp"

namespace basin::sql {

namespace {

using types::LogicalType;
using types::TypeId;
using types::Value;

// The NULL literal has no type of its own until it meets one (Trino's `unknown`).
constexpr std::string_view kNullText = "NULL";

bool IsNullLiteral(const BoundExpr& expr) {
  return expr.kind == BoundExprKind::kConstant && expr.constant.is_null() && expr.text == kNullText;
}

std::string_view OperatorName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return op::kAdd;
    case BinaryOp::kSubtract: return op::kSubtract;
    case BinaryOp::kMultiply: return op::kMultiply;
    case BinaryOp::kDivide: return op::kDivide;
    case BinaryOp::kModulo: return op::kModulo;
    case BinaryOp::kConcat: return op::kConcat;
    case BinaryOp::kEqual: return op::kEqual;
    case BinaryOp::kNotEqual: return op::kNotEqual;
    case BinaryOp::kLess: return op::kLess;
    case BinaryOp::kLessEqual: return op::kLessEqual;
    case BinaryOp::kGreater: return op::kGreater;
    case BinaryOp::kGreaterEqual: return op::kGreaterEqual;
    case BinaryOp::kIsDistinctFrom:
    case BinaryOp::kIsNotDistinctFrom: return op::kIsDistinctFrom;
  }
  return {};
}

std::string_view IntervalUnit(IntervalField field) {
  switch (field) {
    case IntervalField::kYear: return "year";
    case IntervalField::kMonth: return "month";
    case IntervalField::kDay: return "day";
    case IntervalField::kHour: return "hour";
    case IntervalField::kMinute: return "minute";
    case IntervalField::kSecond: return "second";
    case IntervalField::kNone: break;
  }
  return {};
}

std::string_view ExtractFunction(std::string_view field) {
  if (field == "YEAR") return "year";
  if (field == "QUARTER") return "quarter";
  if (field == "MONTH") return "month";
  if (field == "WEEK") return "week";
  if (field == "DAY" || field == "DAY_OF_MONTH") return "day";
  if (field == "DOW" || field == "DAY_OF_WEEK") return "day_of_week";
  if (field == "DOY" || field == "DAY_OF_YEAR") return "day_of_year";
  if (field == "YOW" || field == "YEAR_OF_WEEK") return "year_of_week";
  if (field == "HOUR") return "hour";
  if (field == "MINUTE") return "minute";
  if (field == "SECOND") return "second";
  return {};
}

// Unscaled value and type of a decimal literal such as 1.50 or .5, as Trino types it.
bool ParseDecimalLiteral(std::string_view text, bool negative, Value& out) {
  std::string digits;
  int scale = 0;
  bool seen_point = false;
  for (char c : text) {
    if (c == '.') {
      if (seen_point) return false;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    digits += c;
    if (seen_point) ++scale;
  }
  size_t first = digits.find_first_not_of('0');
  std::string significant = first == std::string::npos ? "" : digits.substr(first);
  int precision = std::max<int>(static_cast<int>(significant.size()), scale);
  precision = std::max(precision, 1);
  if (precision > types::kMaxDecimalPrecision) return false;
  types::int128_t unscaled = 0;
  for (char c : significant) unscaled = unscaled * 10 + (c - '0');
  if (negative) unscaled = -unscaled;
  out = Value::Decimal(LogicalType::Decimal(precision, scale), unscaled);
  return true;
}

std::string HexDecode(std::string_view hex, bool& ok) {
  std::string out;
  ok = hex.size() % 2 == 0;
  auto digit = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    ok = false;
    return 0;
  };
  for (size_t i = 0; ok && i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
  }
  return out;
}

void CollectVisibleNames(const Scope* scope, std::vector<std::string>& names) {
  for (; scope != nullptr; scope = scope->outer) {
    for (const auto& merged : scope->merged) names.push_back(merged.name);
    for (const auto& relation : scope->relations) {
      for (const auto& column : relation.columns) names.push_back(column.name);
    }
  }
}

}  // namespace

// ---- literals ----------------------------------------------------------------------------

static BoundExprPtr BindNumber(Binder& binder, const Literal& literal, bool negative) {
  const std::string& text = literal.text;
  Value value;
  switch (literal.literal_kind) {
    case LiteralKind::kInteger: {
      // Parsed with the sign so that -9223372036854775808 is a BIGINT.
      std::string signed_text = negative ? "-" + text : text;
      int64_t number = 0;
      auto [end, error] =
          std::from_chars(signed_text.data(), signed_text.data() + signed_text.size(), number);
      if (error == std::errc() && end == signed_text.data() + signed_text.size()) {
        if (number >= INT32_MIN && number <= INT32_MAX) {
          value = Value::Int(static_cast<int32_t>(number));
        } else {
          value = Value::BigInt(number);
        }
      } else if (!ParseDecimalLiteral(text, negative, value)) {
        binder.Fail(literal.pos, "integer literal " + text + " is too large");
      }
      break;
    }
    case LiteralKind::kDecimal:
      if (!ParseDecimalLiteral(text, negative, value)) {
        binder.Fail(literal.pos, "decimal literal " + text + " has more than 38 digits");
      }
      break;
    case LiteralKind::kDouble: {
      char* end = nullptr;
      double number = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) {
        binder.Fail(literal.pos, "invalid double literal " + text);
      }
      value = Value::Double(negative ? -number : number);
      break;
    }
    default: ThrowInternal("BindNumber on a non-numeric literal");
  }
  auto expr = MakeConstant(std::move(value));
  expr->text = (negative ? "-" : "") + text;
  return expr;
}

static BoundExprPtr BindLiteral(Binder& binder, const Literal& literal) {
  switch (literal.literal_kind) {
    case LiteralKind::kNull: {
      auto expr = MakeConstant(Value::Null(LogicalType::Varchar()));
      expr->text = std::string(kNullText);
      return expr;
    }
    case LiteralKind::kBoolean:
      return MakeConstant(Value::Boolean(literal.text == "true" || literal.text == "TRUE"));
    case LiteralKind::kInteger:
    case LiteralKind::kDecimal:
    case LiteralKind::kDouble: return BindNumber(binder, literal, false);
    case LiteralKind::kString: return MakeConstant(Value::Varchar(literal.text));
    case LiteralKind::kBinary: {
      bool ok = true;
      std::string bytes = HexDecode(literal.text, ok);
      if (!ok) binder.Fail(literal.pos, "invalid binary literal X'" + literal.text + "'");
      return MakeConstant(Value::Binary(std::move(bytes)));
    }
    case LiteralKind::kTyped: {
      LogicalType type = ToLogicalType(literal.type);
      std::string shown = type.ToString() + " '" + literal.text + "'";
      if (type.id() == TypeId::kDate) {
        auto days = types::ParseDate(literal.text);
        if (!days) binder.Fail(literal.pos, "invalid DATE literal '" + literal.text + "'");
        return MakeConstant(Value::Date(*days));
      }
      if (type.id() == TypeId::kTimestamp) {
        auto micros = types::ParseTimestamp(literal.text);
        if (!micros) binder.Fail(literal.pos, "invalid TIMESTAMP literal '" + literal.text + "'");
        return MakeConstant(Value::Timestamp(*micros));
      }
      if (type.id() == TypeId::kVarchar) return MakeConstant(Value::Varchar(literal.text));
      // DECIMAL '1.50' without a precision is typed by its digits, as Trino does: decimal(3,2).
      if (type.id() == TypeId::kDecimal && literal.type.numbers.empty()) {
        std::string_view digits = literal.text;
        while (!digits.empty() && digits.front() == ' ') digits.remove_prefix(1);
        while (!digits.empty() && digits.back() == ' ') digits.remove_suffix(1);
        bool negative = !digits.empty() && digits.front() == '-';
        if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
          digits.remove_prefix(1);
        }
        Value value;
        if (digits.find_first_of("0123456789") == std::string_view::npos ||
            !ParseDecimalLiteral(digits, negative, value)) {
          binder.Fail(literal.pos, "invalid DECIMAL literal '" + literal.text + "'");
        }
        return MakeConstant(std::move(value));
      }
      try {
        return MakeConstant(CastValue(Value::Varchar(literal.text), type, false));
      } catch (const Error& error) {
        if (error.code() != ErrorCode::kInvalidInput) throw;
        binder.Fail(literal.pos, "invalid literal " + shown + ": " + error.what());
      }
    }
  }
  ThrowInternal("unknown literal kind");
}

// ---- calls and coercion ------------------------------------------------------------------

BoundExprPtr Binder::BindCall(std::string_view name, std::vector<BoundExprPtr> args,
                              SourcePos pos) {
  CallSite call;
  for (const auto& arg : args) {
    call.argument_types.push_back(arg->type);
    call.constants.push_back(arg->kind == BoundExprKind::kConstant ? &arg->constant : nullptr);
    call.untyped_null.push_back(IsNullLiteral(*arg));
  }
  std::shared_ptr<const ScalarFunction> function;
  try {
    function = std::make_shared<const ScalarFunction>(ResolveScalarFunction(name, call));
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kNotFound) throw;
    Fail(pos, error.what());
  }
  for (size_t i = 0; i < args.size() && i < function->arguments.size(); ++i) {
    args[i] = CastIfNeeded(std::move(args[i]), function->arguments[i]);
  }
  return MakeFunction(std::move(function), std::move(args));
}

BoundExprPtr Binder::Coerce(BoundExprPtr expr, const LogicalType& type, SourcePos pos,
                            std::string_view what) {
  if (expr->type == type) return expr;
  if (IsNullLiteral(*expr)) return MakeConstant(Value::Null(type));
  if (!CanCoerce(expr->type, type)) {
    Fail(pos, std::string(what) + " has type " + expr->type.ToString() +
                  ", which cannot be coerced to " + type.ToString());
  }
  return MakeCast(std::move(expr), type);
}

LogicalType Binder::CommonType(const std::vector<const BoundExpr*>& exprs, SourcePos pos,
                               std::string_view what) {
  std::optional<LogicalType> common;
  for (const BoundExpr* expr : exprs) {
    if (IsNullLiteral(*expr)) continue;
    if (!common) {
      common = expr->type;
      continue;
    }
    auto next = CommonSuperType(*common, expr->type);
    if (!next) {
      Fail(pos, "types " + common->ToString() + " and " + expr->type.ToString() + " of " +
                    std::string(what) + " have no common type");
    }
    common = *next;
  }
  return common ? *common : LogicalType::Varchar();
}

BoundExprPtr Binder::BindBoolean(const Expression& expr, ExprContext& ctx) {
  BoundExprPtr bound = BindExpression(expr, ctx);
  if (IsNullLiteral(*bound)) return MakeConstant(Value::Null(LogicalType::Boolean()));
  if (bound->type.id() != TypeId::kBoolean) {
    Fail(expr.pos, "expected a boolean expression, got " + bound->type.ToString() +
                       (ctx.clause.empty() ? "" : " in " + std::string(ctx.clause)));
  }
  return bound;
}

// ---- names ---------------------------------------------------------------------------------

static BoundExprPtr ColumnOf(const ScopeColumn& column) {
  return MakeColumn(column.binding, column.type, column.name);
}

// `fields`: whether a name may be a column followed by struct fields (`col.f`); tried only
// after every enclosing scope failed to read it as `table.column`.
static BoundExprPtr LookupInScope(Binder& binder, const Scope& scope, const ColumnRef& ref,
                                  bool fields) {
  const auto& parts = ref.name;
  std::string first = parts[0].Name();
  if (parts.size() >= 3) {
    std::string table = parts[1].Name();
    std::string column = parts[2].Name();
    for (const auto& relation : scope.relations) {
      if (relation.database != first || relation.alias != table) continue;
      for (const auto& c : relation.columns) {
        if (c.name == column) {
          if (parts.size() > 3 && !fields) continue;
          if (parts.size() > 3) binder.Fail(ref.pos, "struct field access is not supported yet");
          return ColumnOf(c);
        }
      }
    }
  }
  if (parts.size() >= 2) {
    std::string column = parts[1].Name();
    bool alias_found = false;
    for (const auto& relation : scope.relations) {
      if (relation.alias != first) continue;
      alias_found = true;
      for (const auto& c : relation.columns) {
        if (c.name == column) {
          if (parts.size() > 2 && !fields) continue;
          if (parts.size() > 2) binder.Fail(ref.pos, "struct field access is not supported yet");
          return ColumnOf(c);
        }
      }
    }
    if (alias_found) return nullptr;
  }
  if (parts.size() > 1 && !fields) return nullptr;
  for (const auto& merged : scope.merged) {
    if (merged.name == first) {
      if (parts.size() > 1) binder.Fail(ref.pos, "struct field access is not supported yet");
      return merged.expr->Clone();
    }
  }
  const ScopeColumn* match = nullptr;
  std::string matches;
  int count = 0;
  for (const auto& relation : scope.relations) {
    for (const auto& c : relation.columns) {
      if (c.name != first) continue;
      if (count++ > 0) matches += ", ";
      matches += relation.alias.empty() ? c.name : relation.alias + "." + c.name;
      match = &c;
    }
  }
  if (count > 1) binder.Fail(ref.pos, "column '" + first + "' is ambiguous: " + matches);
  if (match == nullptr) return nullptr;
  if (parts.size() > 1) binder.Fail(ref.pos, "struct field access is not supported yet");
  return ColumnOf(*match);
}

static BoundExprPtr BindColumnRef(Binder& binder, const ColumnRef& ref, const Scope* scope) {
  for (bool fields : {false, true}) {
    if (fields && ref.name.size() == 1) break;
    for (const Scope* s = scope; s != nullptr; s = s->outer) {
      if (BoundExprPtr found = LookupInScope(binder, *s, ref, fields)) return found;
    }
  }
  std::vector<std::string> names;
  CollectVisibleNames(scope, names);
  std::vector<std::string_view> views(names.begin(), names.end());
  std::string last = ref.name.back().Name();
  std::string message = "column '" + JoinName(ref.name) + "' cannot be resolved";
  std::string_view suggestion = ClosestKeyword(last, views);
  if (!suggestion.empty()) message += "; did you mean '" + std::string(suggestion) + "'?";
  binder.Fail(ref.pos, message);
}

// ---- expressions ---------------------------------------------------------------------------

static BoundExprPtr MakeCase(std::vector<BoundExprPtr> children, LogicalType type) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kCase;
  expr->type = std::move(type);
  expr->children = std::move(children);
  return expr;
}

BoundExprPtr Binder::BindExpression(const Expression& expr, ExprContext& ctx) {
  if (ctx.replacements != nullptr) {
    auto it = ctx.replacements->find(&expr);
    if (it != ctx.replacements->end()) return it->second->Clone();
  }
  switch (expr.kind) {
    case ExpressionKind::kLiteral: return BindLiteral(*this, expr.As<Literal>());
    case ExpressionKind::kInterval:
      Fail(expr.pos, "an INTERVAL can only be added to or subtracted from a date or timestamp");
    case ExpressionKind::kColumnRef: return BindColumnRef(*this, expr.As<ColumnRef>(), ctx.scope);
    case ExpressionKind::kStar: Fail(expr.pos, "'*' is only allowed in a select list or count(*)");
    case ExpressionKind::kParameter:
      Fail(expr.pos, "parameters (?) are not supported yet", ErrorCode::kUnsupported);
    case ExpressionKind::kUnary: {
      const auto& unary = expr.As<UnaryExpr>();
      if (unary.op == UnaryOp::kNot) return MakeNotExpr(BindBoolean(*unary.operand, ctx));
      if (unary.op == UnaryOp::kPlus) return BindExpression(*unary.operand, ctx);
      if (unary.operand->kind == ExpressionKind::kLiteral) {
        const auto& literal = unary.operand->As<Literal>();
        if (literal.literal_kind == LiteralKind::kInteger ||
            literal.literal_kind == LiteralKind::kDecimal ||
            literal.literal_kind == LiteralKind::kDouble) {
          return BindNumber(*this, literal, true);
        }
      }
      std::vector<BoundExprPtr> args;
      args.push_back(BindExpression(*unary.operand, ctx));
      return BindCall(op::kNegate, std::move(args), expr.pos);
    }
    case ExpressionKind::kBinary: {
      const auto& binary = expr.As<BinaryExpr>();
      bool additive = binary.op == BinaryOp::kAdd || binary.op == BinaryOp::kSubtract;
      const Expression* interval = nullptr;
      const Expression* other = nullptr;
      if (additive && binary.right->kind == ExpressionKind::kInterval) {
        interval = binary.right.get();
        other = binary.left.get();
      } else if (binary.op == BinaryOp::kAdd && binary.left->kind == ExpressionKind::kInterval) {
        interval = binary.left.get();
        other = binary.right.get();
      }
      if (interval != nullptr) {
        // date ± INTERVAL 'n' unit → date_add('unit', ±n, date)
        const auto& iv = interval->As<IntervalLiteral>();
        int64_t amount = 0;
        std::string_view unit = IntervalUnit(iv.start);
        std::string text = iv.value;
        bool negative = iv.negative;
        if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
          negative = negative != (text[0] == '-');
          text.erase(0, 1);
        }
        if (iv.end == IntervalField::kMonth && iv.start == IntervalField::kYear) {
          size_t dash = text.find('-');
          int64_t years = 0, months = 0;
          auto r1 = std::from_chars(
              text.data(), text.data() + (dash == std::string::npos ? text.size() : dash), years);
          if (dash != std::string::npos) {
            std::from_chars(text.data() + dash + 1, text.data() + text.size(), months);
          }
          if (r1.ec != std::errc()) Fail(iv.pos, "invalid interval '" + iv.value + "'");
          amount = years * 12 + months;
          unit = "month";
        } else if (iv.end != IntervalField::kNone) {
          Fail(iv.pos, "only single-field intervals and YEAR TO MONTH are supported",
               ErrorCode::kUnsupported);
        } else {
          auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
          if (error != std::errc() || end != text.data() + text.size()) {
            Fail(iv.pos, "invalid interval '" + iv.value + "'");
          }
        }
        if (negative) amount = -amount;
        if (binary.op == BinaryOp::kSubtract) amount = -amount;
        std::vector<BoundExprPtr> args;
        args.push_back(MakeConstant(Value::Varchar(std::string(unit))));
        args.push_back(MakeConstant(Value::BigInt(amount)));
        args.push_back(BindExpression(*other, ctx));
        return BindCall("date_add", std::move(args), expr.pos);
      }
      std::vector<BoundExprPtr> args;
      args.push_back(BindExpression(*binary.left, ctx));
      args.push_back(BindExpression(*binary.right, ctx));
      BoundExprPtr call = BindCall(OperatorName(binary.op), std::move(args), expr.pos);
      if (binary.op == BinaryOp::kIsNotDistinctFrom) return MakeNotExpr(std::move(call));
      return call;
    }
    case ExpressionKind::kConjunction: {
      const auto& conjunction = expr.As<Conjunction>();
      auto bound = std::make_unique<BoundExpr>();
      bound->kind =
          conjunction.op == ConjunctionOp::kAnd ? BoundExprKind::kAnd : BoundExprKind::kOr;
      bound->type = LogicalType::Boolean();
      for (const auto& term : conjunction.terms) {
        bound->children.push_back(BindBoolean(*term, ctx));
      }
      return bound;
    }
    case ExpressionKind::kBetween: {
      const auto& between = expr.As<BetweenExpr>();
      BoundExprPtr value = BindExpression(*between.value, ctx);
      std::vector<BoundExprPtr> low_args;
      low_args.push_back(value->Clone());
      low_args.push_back(BindExpression(*between.low, ctx));
      std::vector<BoundExprPtr> high_args;
      high_args.push_back(std::move(value));
      high_args.push_back(BindExpression(*between.high, ctx));
      std::vector<BoundExprPtr> both;
      both.push_back(BindCall(op::kGreaterEqual, std::move(low_args), expr.pos));
      both.push_back(BindCall(op::kLessEqual, std::move(high_args), expr.pos));
      BoundExprPtr result = MakeAndExpr(std::move(both));
      return between.negated ? MakeNotExpr(std::move(result)) : std::move(result);
    }
    case ExpressionKind::kInList: {
      const auto& in = expr.As<InListExpr>();
      std::vector<BoundExprPtr> children;
      children.push_back(BindExpression(*in.value, ctx));
      for (const auto& item : in.list) children.push_back(BindExpression(*item, ctx));
      std::vector<const BoundExpr*> raw;
      for (const auto& child : children) raw.push_back(child.get());
      LogicalType type = CommonType(raw, expr.pos, "the IN list");
      auto bound = std::make_unique<BoundExpr>();
      bound->kind = BoundExprKind::kInList;
      bound->type = LogicalType::Boolean();
      bound->negated = in.negated;
      for (auto& child : children) {
        bound->children.push_back(Coerce(std::move(child), type, expr.pos, "an IN list item"));
      }
      return bound;
    }
    case ExpressionKind::kInSubquery:
    case ExpressionKind::kExists:
    case ExpressionKind::kSubquery:
    case ExpressionKind::kQuantifiedComparison: return BindSubqueryExpression(expr, ctx);
    case ExpressionKind::kLike: {
      const auto& like = expr.As<LikeExpr>();
      std::vector<BoundExprPtr> args;
      args.push_back(BindExpression(*like.value, ctx));
      args.push_back(BindExpression(*like.pattern, ctx));
      if (like.escape) args.push_back(BindExpression(*like.escape, ctx));
      BoundExprPtr call = BindCall(op::kLike, std::move(args), expr.pos);
      return like.negated ? MakeNotExpr(std::move(call)) : std::move(call);
    }
    case ExpressionKind::kIsNull: {
      const auto& is_null = expr.As<IsNullExpr>();
      auto bound = std::make_unique<BoundExpr>();
      bound->kind = BoundExprKind::kIsNull;
      bound->type = LogicalType::Boolean();
      bound->negated = is_null.negated;
      bound->children.push_back(BindExpression(*is_null.value, ctx));
      return bound;
    }
    case ExpressionKind::kCase: {
      const auto& case_expr = expr.As<CaseExpr>();
      BoundExprPtr operand;
      if (case_expr.operand) operand = BindExpression(*case_expr.operand, ctx);
      std::vector<BoundExprPtr> conditions;
      std::vector<BoundExprPtr> results;
      for (const auto& when : case_expr.whens) {
        if (operand) {
          std::vector<BoundExprPtr> args;
          args.push_back(operand->Clone());
          args.push_back(BindExpression(*when.condition, ctx));
          conditions.push_back(BindCall(op::kEqual, std::move(args), when.condition->pos));
        } else {
          conditions.push_back(BindBoolean(*when.condition, ctx));
        }
        results.push_back(BindExpression(*when.result, ctx));
      }
      if (case_expr.else_result) {
        results.push_back(BindExpression(*case_expr.else_result, ctx));
      } else {
        auto null = MakeConstant(Value::Null(LogicalType::Varchar()));
        null->text = std::string(kNullText);
        results.push_back(std::move(null));
      }
      std::vector<const BoundExpr*> raw;
      for (const auto& result : results) raw.push_back(result.get());
      LogicalType type = CommonType(raw, expr.pos, "the CASE results");
      std::vector<BoundExprPtr> children;
      for (size_t i = 0; i < conditions.size(); ++i) {
        children.push_back(std::move(conditions[i]));
        children.push_back(Coerce(std::move(results[i]), type, expr.pos, "a CASE result"));
      }
      children.push_back(Coerce(std::move(results.back()), type, expr.pos, "the CASE ELSE"));
      return MakeCase(std::move(children), type);
    }
    case ExpressionKind::kCast: {
      const auto& cast = expr.As<CastExpr>();
      BoundExprPtr value = BindExpression(*cast.value, ctx);
      LogicalType type = ToLogicalType(cast.type);
      if (IsNullLiteral(*value)) return MakeConstant(Value::Null(type));
      if (value->type == type) return value;
      if (!CanCast(value->type, type)) {
        Fail(expr.pos, "cannot cast " + value->type.ToString() + " to " + type.ToString());
      }
      return MakeCast(std::move(value), type, cast.try_cast);
    }
    case ExpressionKind::kFunctionCall: break;  // below
    case ExpressionKind::kSubscript: {
      const auto& subscript = expr.As<SubscriptExpr>();
      std::vector<BoundExprPtr> args;
      args.push_back(BindExpression(*subscript.base, ctx));
      args.push_back(BindExpression(*subscript.index, ctx));
      return BindCall(op::kSubscript, std::move(args), expr.pos);
    }
    case ExpressionKind::kExtract: {
      const auto& extract = expr.As<ExtractExpr>();
      std::string_view function = ExtractFunction(extract.field);
      if (function.empty()) Fail(expr.pos, "EXTRACT does not know the field " + extract.field);
      std::vector<BoundExprPtr> args;
      args.push_back(BindExpression(*extract.value, ctx));
      return BindCall(function, std::move(args), expr.pos);
    }
    case ExpressionKind::kFieldAccess:
      Fail(expr.pos, "struct field access is not supported yet", ErrorCode::kUnsupported);
    case ExpressionKind::kArray: {
      // ARRAY[a, b] is Trino's array_constructor over elements of one common type.
      if (!IsScalarFunction("array_constructor")) {
        Fail(expr.pos, "ARRAY constructors are not supported yet", ErrorCode::kUnsupported);
      }
      std::vector<BoundExprPtr> elements;
      for (const auto& element : expr.As<ArrayExpr>().elements) {
        elements.push_back(BindExpression(*element, ctx));
      }
      std::vector<const BoundExpr*> raw;
      for (const auto& element : elements) raw.push_back(element.get());
      LogicalType type = CommonType(raw, expr.pos, "the ARRAY elements");
      for (auto& element : elements) {
        element = Coerce(std::move(element), type, expr.pos, "an ARRAY element");
      }
      return BindCall("array_constructor", std::move(elements), expr.pos);
    }
    case ExpressionKind::kRow:
      Fail(expr.pos, "ROW values are not supported here", ErrorCode::kUnsupported);
    case ExpressionKind::kAtTimeZone:
      Fail(expr.pos, "AT TIME ZONE is not supported yet", ErrorCode::kUnsupported);
  }

  const auto& call = expr.As<FunctionCall>();
  std::string name = JoinName(call.name);
  if (call.over) {
    Fail(expr.pos, "window function " + name + " is not allowed in " + std::string(ctx.clause));
  }
  if (IsAggregateFunction(name) && !IsScalarFunction(name)) {
    Fail(expr.pos, "aggregate function " + name + " is not allowed in " + std::string(ctx.clause));
  }
  if (call.star || call.distinct || call.filter || !call.order_by.empty()) {
    Fail(expr.pos, name + " is not an aggregate function");
  }
  std::vector<BoundExprPtr> args;
  for (const auto& arg : call.args) args.push_back(BindExpression(*arg, ctx));
  if (name == "if") {
    if (args.size() < 2 || args.size() > 3) Fail(expr.pos, "if takes 2 or 3 arguments");
    BoundExprPtr condition = std::move(args[0]);
    if (IsNullLiteral(*condition)) condition = MakeConstant(Value::Null(LogicalType::Boolean()));
    if (condition->type.id() != TypeId::kBoolean) {
      Fail(call.args[0]->pos, "the condition of if must be boolean");
    }
    if (args.size() == 2) {
      auto null = MakeConstant(Value::Null(LogicalType::Varchar()));
      null->text = std::string(kNullText);
      args.push_back(std::move(null));
    }
    LogicalType type = CommonType({args[1].get(), args[2].get()}, expr.pos, "if");
    std::vector<BoundExprPtr> children;
    children.push_back(std::move(condition));
    children.push_back(Coerce(std::move(args[1]), type, expr.pos, "the if result"));
    children.push_back(Coerce(std::move(args[2]), type, expr.pos, "the if result"));
    return MakeCase(std::move(children), type);
  }
  if (name == "coalesce") {
    if (args.empty()) Fail(expr.pos, "coalesce needs at least one argument");
    std::vector<const BoundExpr*> raw;
    for (const auto& arg : args) raw.push_back(arg.get());
    LogicalType type = CommonType(raw, expr.pos, "coalesce");
    auto bound = std::make_unique<BoundExpr>();
    bound->kind = BoundExprKind::kCoalesce;
    bound->type = type;
    for (auto& arg : args) {
      bound->children.push_back(Coerce(std::move(arg), type, expr.pos, "a coalesce argument"));
    }
    return bound;
  }
  if (name == "nullif") {
    if (args.size() != 2) Fail(expr.pos, "nullif takes 2 arguments");
    LogicalType type = args[0]->type;
    std::vector<BoundExprPtr> compare;
    compare.push_back(args[0]->Clone());
    compare.push_back(std::move(args[1]));
    std::vector<BoundExprPtr> children;
    children.push_back(BindCall(op::kEqual, std::move(compare), expr.pos));
    children.push_back(MakeConstant(Value::Null(type)));
    children.push_back(std::move(args[0]));
    return MakeCase(std::move(children), type);
  }
  return BindCall(name, std::move(args), expr.pos);
}

}  // namespace basin::sql
