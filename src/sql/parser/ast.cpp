// Out-of-line pieces of the AST: destructors of nodes that own a Query (complete only here),
// names and operator spellings.
#include "sql/parser/ast_statement.hpp"

namespace basin::sql {

std::string Identifier::Name() const {
  if (quoted) return text;
  std::string name = text;
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

std::string JoinName(const QualifiedName& name) {
  std::string joined;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0) joined += '.';
    joined += name[i].Name();
  }
  return joined;
}

InSubqueryExpr::InSubqueryExpr(SourcePos p) : Expression(kKind, p) {}
InSubqueryExpr::~InSubqueryExpr() = default;
ExistsExpr::ExistsExpr(SourcePos p) : Expression(kKind, p) {}
ExistsExpr::~ExistsExpr() = default;
SubqueryExpr::SubqueryExpr(SourcePos p) : Expression(kKind, p) {}
SubqueryExpr::~SubqueryExpr() = default;
QuantifiedComparison::QuantifiedComparison(SourcePos p) : Expression(kKind, p) {}
QuantifiedComparison::~QuantifiedComparison() = default;
SubqueryRef::SubqueryRef(SourcePos p) : TableRef(kKind, p) {}
SubqueryRef::~SubqueryRef() = default;
ParenthesizedBody::ParenthesizedBody(SourcePos p) : QueryBody(kKind, p) {}
ParenthesizedBody::~ParenthesizedBody() = default;

std::string_view BinaryOpSymbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSubtract: return "-";
    case BinaryOp::kMultiply: return "*";
    case BinaryOp::kDivide: return "/";
    case BinaryOp::kModulo: return "%";
    case BinaryOp::kConcat: return "||";
    case BinaryOp::kEqual: return "=";
    case BinaryOp::kNotEqual: return "<>";
    case BinaryOp::kLess: return "<";
    case BinaryOp::kLessEqual: return "<=";
    case BinaryOp::kGreater: return ">";
    case BinaryOp::kGreaterEqual: return ">=";
    case BinaryOp::kIsDistinctFrom: return "IS DISTINCT FROM";
    case BinaryOp::kIsNotDistinctFrom: return "IS NOT DISTINCT FROM";
  }
  return "?";
}

bool IsComparison(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEqual:
    case BinaryOp::kNotEqual:
    case BinaryOp::kLess:
    case BinaryOp::kLessEqual:
    case BinaryOp::kGreater:
    case BinaryOp::kGreaterEqual:
    case BinaryOp::kIsDistinctFrom:
    case BinaryOp::kIsNotDistinctFrom: return true;
    default: return false;
  }
}

}  // namespace basin::sql
