// Printing expressions, types and names.
#include <cctype>

#include "sql/parser/keywords.hpp"
#include "sql/parser/sql_printer.hpp"

namespace basin::sql {
namespace {

// Binding strength when printing; a child that binds more loosely than its slot needs gets
// parentheses. Matches the parser's precedence (parse_expression.cpp).
constexpr int kOr = 1;
constexpr int kAnd = 2;
constexpr int kNot = 3;
constexpr int kPredicate = 4;
constexpr int kConcat = 5;
constexpr int kAdditive = 6;
constexpr int kMultiplicative = 7;
constexpr int kUnary = 8;
constexpr int kAtTimeZone = 9;
constexpr int kPrimary = 10;

int BinaryPrecedence(BinaryOp op) {
  switch (op) {
    case BinaryOp::kConcat: return kConcat;
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract: return kAdditive;
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo: return kMultiplicative;
    default: return kPredicate;
  }
}

int Precedence(const Expression& expr) {
  switch (expr.kind) {
    case ExpressionKind::kConjunction:
      return expr.As<Conjunction>().op == ConjunctionOp::kOr ? kOr : kAnd;
    case ExpressionKind::kUnary: return expr.As<UnaryExpr>().op == UnaryOp::kNot ? kNot : kUnary;
    case ExpressionKind::kBinary: return BinaryPrecedence(expr.As<BinaryExpr>().op);
    case ExpressionKind::kBetween:
    case ExpressionKind::kInList:
    case ExpressionKind::kInSubquery:
    case ExpressionKind::kQuantifiedComparison:
    case ExpressionKind::kLike:
    case ExpressionKind::kIsNull: return kPredicate;
    case ExpressionKind::kAtTimeZone: return kAtTimeZone;
    default: return kPrimary;
  }
}

bool IsPlainWord(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

std::string_view IntervalFieldName(IntervalField field) {
  switch (field) {
    case IntervalField::kYear: return "YEAR";
    case IntervalField::kMonth: return "MONTH";
    case IntervalField::kDay: return "DAY";
    case IntervalField::kHour: return "HOUR";
    case IntervalField::kMinute: return "MINUTE";
    case IntervalField::kSecond: return "SECOND";
    case IntervalField::kNone: break;
  }
  return "";
}

std::string QuoteWith(std::string_view text, char quote) {
  std::string quoted(1, quote);
  for (char c : text) {
    quoted += c;
    if (c == quote) quoted += c;
  }
  quoted += quote;
  return quoted;
}

std::string QuoteFor(const Identifier& identifier, char quote) {
  if (!identifier.quoted) {
    if (IsPlainWord(identifier.text) && !IsReservedWord(Upper(identifier.text))) {
      return identifier.text;
    }
    return QuoteWith(identifier.Name(), quote);
  }
  return QuoteWith(identifier.text, quote);
}

}  // namespace

std::string QuoteIdentifier(const Identifier& identifier) { return QuoteFor(identifier, '"'); }

void SqlPrinter::Name(const Identifier& identifier) {
  out_ += QuoteFor(identifier, hive_ ? '`' : '"');
}

void SqlPrinter::Name(const QualifiedName& name) {
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0) out_ += '.';
    Name(name[i]);
  }
}

// Function names may be reserved words the grammar reads specially (current_date, grouping).
void SqlPrinter::FunctionName(const QualifiedName& name) {
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0) out_ += '.';
    if (!name[i].quoted && IsPlainWord(name[i].text)) {
      out_ += name[i].text;
    } else {
      Name(name[i]);
    }
  }
}

void SqlPrinter::String(std::string_view text) { out_ += QuoteWith(text, '\''); }

void SqlPrinter::ExprList(const std::vector<ExprPtr>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out_ += ", ";
    Expr(*list[i]);
  }
}

void SqlPrinter::Type(const TypeName& type) {
  out_ += type.name;
  if (type.angle_brackets) {
    out_ += '<';
    for (size_t i = 0; i < type.fields.size(); ++i) {
      if (i > 0) out_ += ',';
      if (!type.fields[i].name.text.empty()) {
        Name(type.fields[i].name);
        out_ += ':';
      }
      Type(type.fields[i].type);
    }
    out_ += '>';
  } else if (!type.numbers.empty()) {
    out_ += '(';
    for (size_t i = 0; i < type.numbers.size(); ++i) {
      if (i > 0) out_ += ',';
      out_ += std::to_string(type.numbers[i]);
    }
    out_ += ')';
  } else if (!type.fields.empty()) {
    out_ += '(';
    for (size_t i = 0; i < type.fields.size(); ++i) {
      if (i > 0) out_ += ", ";
      if (!type.fields[i].name.text.empty()) {
        Name(type.fields[i].name);
        out_ += ' ';
      }
      Type(type.fields[i].type);
    }
    out_ += ')';
  }
  if (type.with_time_zone) out_ += " with time zone";
}

void SqlPrinter::LiteralText(const Literal& literal) {
  switch (literal.literal_kind) {
    case LiteralKind::kNull: out_ += "NULL"; return;
    case LiteralKind::kBoolean: out_ += literal.text == "true" ? "TRUE" : "FALSE"; return;
    case LiteralKind::kInteger:
    case LiteralKind::kDecimal:
    case LiteralKind::kDouble: out_ += literal.text; return;
    case LiteralKind::kString: String(literal.text); return;
    case LiteralKind::kBinary: out_ += "X'" + literal.text + "'"; return;
    case LiteralKind::kTyped:
      out_ += Upper(literal.type.name) + " ";
      String(literal.text);
      return;
  }
}

void SqlPrinter::OrderBy(const std::vector<OrderItem>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out_ += ", ";
    Expr(*items[i].expr);
    if (items[i].order == SortOrder::kAscending) out_ += " ASC";
    if (items[i].order == SortOrder::kDescending) out_ += " DESC";
    if (items[i].nulls == NullsOrder::kFirst) out_ += " NULLS FIRST";
    if (items[i].nulls == NullsOrder::kLast) out_ += " NULLS LAST";
  }
}

void SqlPrinter::Window(const WindowSpec& spec) {
  if (spec.reference_only && spec.base_window) {
    Name(*spec.base_window);
    return;
  }
  out_ += '(';
  WindowBody(spec);
  out_ += ')';
}

void SqlPrinter::WindowBody(const WindowSpec& spec) {
  const char* separator = "";
  if (spec.base_window) {
    Name(*spec.base_window);
    separator = " ";
  }
  if (!spec.partition_by.empty()) {
    out_ += separator;
    out_ += "PARTITION BY ";
    ExprList(spec.partition_by);
    separator = " ";
  }
  if (!spec.order_by.empty()) {
    out_ += separator;
    out_ += "ORDER BY ";
    OrderBy(spec.order_by);
    separator = " ";
  }
  if (!spec.frame) return;
  out_ += separator;
  const WindowFrame& frame = *spec.frame;
  out_ += frame.unit == FrameUnit::kRows    ? "ROWS "
          : frame.unit == FrameUnit::kRange ? "RANGE "
                                            : "GROUPS ";
  auto bound = [&](const FrameBound& b) {
    switch (b.kind) {
      case FrameBoundKind::kUnboundedPreceding: out_ += "UNBOUNDED PRECEDING"; return;
      case FrameBoundKind::kUnboundedFollowing: out_ += "UNBOUNDED FOLLOWING"; return;
      case FrameBoundKind::kCurrentRow: out_ += "CURRENT ROW"; return;
      case FrameBoundKind::kPreceding:
      case FrameBoundKind::kFollowing:
        Expr(*b.offset);
        out_ += b.kind == FrameBoundKind::kPreceding ? " PRECEDING" : " FOLLOWING";
        return;
    }
  };
  if (frame.end) {
    out_ += "BETWEEN ";
    bound(frame.start);
    out_ += " AND ";
    bound(*frame.end);
  } else {
    bound(frame.start);
  }
}

void SqlPrinter::CallText(const FunctionCall& call) {
  FunctionName(call.name);
  if (call.no_parentheses) return;
  out_ += '(';
  if (call.star) {
    out_ += '*';
  } else {
    if (call.distinct) out_ += "DISTINCT ";
    ExprList(call.args);
    if (!call.order_by.empty()) {
      out_ += " ORDER BY ";
      OrderBy(call.order_by);
    }
  }
  out_ += ')';
  if (call.filter) {
    out_ += " FILTER (WHERE ";
    Expr(*call.filter);
    out_ += ')';
  }
  if (call.null_treatment == NullTreatment::kIgnoreNulls) out_ += " IGNORE NULLS";
  if (call.null_treatment == NullTreatment::kRespectNulls) out_ += " RESPECT NULLS";
  if (call.over) {
    out_ += " OVER ";
    Window(*call.over);
  }
}

void SqlPrinter::Expr(const Expression& expr, int min_precedence) {
  int precedence = Precedence(expr);
  bool parenthesize =
      precedence < min_precedence || (options_.parenthesize_all && precedence < kPrimary);
  if (parenthesize) out_ += '(';
  switch (expr.kind) {
    case ExpressionKind::kLiteral: LiteralText(expr.As<Literal>()); break;
    case ExpressionKind::kInterval: {
      const auto& interval = expr.As<IntervalLiteral>();
      out_ += "INTERVAL ";
      if (interval.negative) out_ += '-';
      String(interval.value);
      out_ += ' ';
      out_ += IntervalFieldName(interval.start);
      if (interval.precision) out_ += "(" + std::to_string(*interval.precision) + ")";
      if (interval.end != IntervalField::kNone) {
        out_ += " TO ";
        out_ += IntervalFieldName(interval.end);
      }
      break;
    }
    case ExpressionKind::kColumnRef: Name(expr.As<ColumnRef>().name); break;
    case ExpressionKind::kStar: {
      const auto& star = expr.As<Star>();
      for (const Identifier& part : star.qualifier) {
        Name(part);
        out_ += '.';
      }
      out_ += '*';
      break;
    }
    case ExpressionKind::kParameter: out_ += '?'; break;
    case ExpressionKind::kUnary: {
      const auto& unary = expr.As<UnaryExpr>();
      if (unary.op == UnaryOp::kNot) {
        out_ += "NOT ";
        Expr(*unary.operand, kNot);
      } else {
        out_ += unary.op == UnaryOp::kMinus ? '-' : '+';
        // A tighter slot than the operator's own keeps `- -x` from printing as a comment.
        Expr(*unary.operand, kAtTimeZone);
      }
      break;
    }
    case ExpressionKind::kBinary: {
      const auto& binary = expr.As<BinaryExpr>();
      int own = BinaryPrecedence(binary.op);
      bool predicate = own == kPredicate;
      Expr(*binary.left, predicate ? kConcat : own);
      out_ += ' ';
      out_ += BinaryOpSymbol(binary.op);
      out_ += ' ';
      Expr(*binary.right, predicate ? kConcat : own + 1);
      break;
    }
    case ExpressionKind::kConjunction: {
      const auto& conjunction = expr.As<Conjunction>();
      bool is_and = conjunction.op == ConjunctionOp::kAnd;
      for (size_t i = 0; i < conjunction.terms.size(); ++i) {
        if (i > 0) out_ += is_and ? " AND " : " OR ";
        Expr(*conjunction.terms[i], is_and ? kNot : kAnd);
      }
      break;
    }
    case ExpressionKind::kBetween: {
      const auto& between = expr.As<BetweenExpr>();
      Expr(*between.value, kConcat);
      out_ += between.negated ? " NOT BETWEEN " : " BETWEEN ";
      Expr(*between.low, kConcat);
      out_ += " AND ";
      Expr(*between.high, kConcat);
      break;
    }
    case ExpressionKind::kInList: {
      const auto& in = expr.As<InListExpr>();
      Expr(*in.value, kConcat);
      out_ += in.negated ? " NOT IN (" : " IN (";
      ExprList(in.list);
      out_ += ')';
      break;
    }
    case ExpressionKind::kInSubquery: {
      const auto& in = expr.As<InSubqueryExpr>();
      Expr(*in.value, kConcat);
      out_ += in.negated ? " NOT IN (" : " IN (";
      QueryText(*in.query);
      out_ += ')';
      break;
    }
    case ExpressionKind::kExists:
      out_ += "EXISTS (";
      QueryText(*expr.As<ExistsExpr>().query);
      out_ += ')';
      break;
    case ExpressionKind::kSubquery:
      out_ += '(';
      QueryText(*expr.As<SubqueryExpr>().query);
      out_ += ')';
      break;
    case ExpressionKind::kQuantifiedComparison: {
      const auto& quantified = expr.As<QuantifiedComparison>();
      Expr(*quantified.value, kConcat);
      out_ += ' ';
      out_ += BinaryOpSymbol(quantified.op);
      out_ += quantified.quantifier == Quantifier::kAll   ? " ALL ("
              : quantified.quantifier == Quantifier::kAny ? " ANY ("
                                                          : " SOME (";
      QueryText(*quantified.query);
      out_ += ')';
      break;
    }
    case ExpressionKind::kLike: {
      const auto& like = expr.As<LikeExpr>();
      Expr(*like.value, kConcat);
      out_ += like.negated ? " NOT LIKE " : " LIKE ";
      Expr(*like.pattern, kConcat);
      if (like.escape) {
        out_ += " ESCAPE ";
        Expr(*like.escape, kConcat);
      }
      break;
    }
    case ExpressionKind::kIsNull: {
      const auto& is_null = expr.As<IsNullExpr>();
      Expr(*is_null.value, kConcat);
      out_ += is_null.negated ? " IS NOT NULL" : " IS NULL";
      break;
    }
    case ExpressionKind::kCase: {
      const auto& case_expr = expr.As<CaseExpr>();
      out_ += "CASE";
      if (case_expr.operand) {
        out_ += ' ';
        Expr(*case_expr.operand);
      }
      for (const WhenClause& when : case_expr.whens) {
        out_ += " WHEN ";
        Expr(*when.condition);
        out_ += " THEN ";
        Expr(*when.result);
      }
      if (case_expr.else_result) {
        out_ += " ELSE ";
        Expr(*case_expr.else_result);
      }
      out_ += " END";
      break;
    }
    case ExpressionKind::kCast: {
      const auto& cast = expr.As<CastExpr>();
      out_ += cast.try_cast ? "TRY_CAST(" : "CAST(";
      Expr(*cast.value);
      out_ += " AS ";
      Type(cast.type);
      out_ += ')';
      break;
    }
    case ExpressionKind::kFunctionCall: CallText(expr.As<FunctionCall>()); break;
    case ExpressionKind::kSubscript: {
      const auto& subscript = expr.As<SubscriptExpr>();
      Expr(*subscript.base, kPrimary);
      out_ += '[';
      Expr(*subscript.index);
      out_ += ']';
      break;
    }
    case ExpressionKind::kFieldAccess: {
      const auto& access = expr.As<FieldAccess>();
      // (a).b stays a field access; a.b would read back as the qualified name a.b, and
      // 2.b as the number 2. followed by an alias.
      bool name_base = access.base->kind == ExpressionKind::kColumnRef ||
                       access.base->kind == ExpressionKind::kLiteral;
      if (name_base) out_ += '(';
      Expr(*access.base, kPrimary);
      if (name_base) out_ += ')';
      out_ += '.';
      Name(access.field);
      break;
    }
    case ExpressionKind::kArray:
      out_ += "ARRAY[";
      ExprList(expr.As<ArrayExpr>().elements);
      out_ += ']';
      break;
    case ExpressionKind::kRow: {
      const auto& row = expr.As<RowExpr>();
      out_ += row.row_keyword || row.fields.size() < 2 ? "ROW(" : "(";
      ExprList(row.fields);
      out_ += ')';
      break;
    }
    case ExpressionKind::kExtract: {
      const auto& extract = expr.As<ExtractExpr>();
      out_ += "EXTRACT(" + extract.field + " FROM ";
      Expr(*extract.value);
      out_ += ')';
      break;
    }
    case ExpressionKind::kAtTimeZone: {
      const auto& at = expr.As<AtTimeZoneExpr>();
      Expr(*at.value, kAtTimeZone);
      out_ += " AT TIME ZONE ";
      Expr(*at.zone, kPrimary);
      break;
    }
  }
  if (parenthesize) out_ += ')';
}

}  // namespace basin::sql
