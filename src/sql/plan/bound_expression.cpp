#include "sql/plan/bound_expression.hpp"

#include <string_view>

#include "common/error.hpp"

namespace basin::sql {

namespace {

// Operators print infix so EXPLAIN reads like the SQL it came from.
std::string_view InfixSymbol(std::string_view name) {
  if (name == op::kAdd) return "+";
  if (name == op::kSubtract) return "-";
  if (name == op::kMultiply) return "*";
  if (name == op::kDivide) return "/";
  if (name == op::kModulo) return "%";
  if (name == op::kConcat) return "||";
  if (name == op::kEqual) return "=";
  if (name == op::kNotEqual) return "<>";
  if (name == op::kLess) return "<";
  if (name == op::kLessEqual) return "<=";
  if (name == op::kGreater) return ">";
  if (name == op::kGreaterEqual) return ">=";
  if (name == op::kIsDistinctFrom) return "IS DISTINCT FROM";
  return {};
}

std::string QuoteString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

// Literal text that also says the type where the digits alone would not, so that equal text
// means an equal constant.
std::string ConstantText(const types::Value& value) {
  const types::LogicalType& type = value.type();
  if (value.is_null()) return "CAST(NULL AS " + type.ToString() + ")";
  switch (type.id()) {
    case types::TypeId::kBoolean:
    case types::TypeId::kInteger: return value.ToString();
    case types::TypeId::kVarchar: return QuoteString(value.string_value());
    case types::TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ") " + QuoteString(value.ToString());
    default: return type.ToString() + " " + QuoteString(value.ToString());
  }
}

void AppendList(std::string& out, const std::vector<BoundExprPtr>& children, size_t from = 0) {
  for (size_t i = from; i < children.size(); ++i) {
    if (i > from) out += ", ";
    out += children[i]->ToString();
  }
}

}  // namespace

BoundExprPtr BoundExpr::Clone() const {
  auto copy = std::make_unique<BoundExpr>();
  copy->kind = kind;
  copy->type = type;
  copy->binding = binding;
  copy->constant = constant;
  copy->function = function;
  copy->children.reserve(children.size());
  for (const auto& child : children) copy->children.push_back(child->Clone());
  copy->negated = negated;
  copy->try_cast = try_cast;
  copy->text = text;
  return copy;
}

std::string BoundExpr::ToString() const {
  std::string out;
  switch (kind) {
    case BoundExprKind::kColumn:
      out = text + "#" + std::to_string(binding.table) + "." + std::to_string(binding.column);
      break;
    case BoundExprKind::kConstant: out = ConstantText(constant); break;
    case BoundExprKind::kFunction: {
      std::string_view name = function ? std::string_view(function->name) : "?";
      std::string_view infix = InfixSymbol(name);
      if (!infix.empty() && children.size() == 2) {
        out = "(" + children[0]->ToString() + " " + std::string(infix) + " " +
              children[1]->ToString() + ")";
      } else if (name == op::kNegate && children.size() == 1) {
        out = "(-" + children[0]->ToString() + ")";
      } else if (name == op::kLike && children.size() >= 2) {
        out = "(" + children[0]->ToString() + " LIKE " + children[1]->ToString();
        if (children.size() > 2) out += " ESCAPE " + children[2]->ToString();
        out += ")";
      } else if (name == op::kSubscript && children.size() == 2) {
        out = children[0]->ToString() + "[" + children[1]->ToString() + "]";
      } else {
        out = std::string(name) + "(";
        AppendList(out, children);
        out += ")";
      }
      break;
    }
    case BoundExprKind::kCast:
      out = std::string(try_cast ? "TRY_CAST(" : "CAST(") + children[0]->ToString() + " AS " +
            type.ToString() + ")";
      break;
    case BoundExprKind::kAnd:
    case BoundExprKind::kOr: {
      out = "(";
      for (size_t i = 0; i < children.size(); ++i) {
        if (i > 0) out += kind == BoundExprKind::kAnd ? " AND " : " OR ";
        out += children[i]->ToString();
      }
      out += ")";
      break;
    }
    case BoundExprKind::kNot: out = "(NOT " + children[0]->ToString() + ")"; break;
    case BoundExprKind::kIsNull:
      out = "(" + children[0]->ToString() + (negated ? " IS NOT NULL)" : " IS NULL)");
      break;
    case BoundExprKind::kCase: {
      out = "CASE";
      size_t pairs = children.empty() ? 0 : (children.size() - 1) / 2;
      for (size_t i = 0; i < pairs; ++i) {
        out += " WHEN " + children[2 * i]->ToString() + " THEN " + children[2 * i + 1]->ToString();
      }
      if (!children.empty()) out += " ELSE " + children.back()->ToString();
      out += " END";
      break;
    }
    case BoundExprKind::kCoalesce:
      out = "coalesce(";
      AppendList(out, children);
      out += ")";
      break;
    case BoundExprKind::kInList:
      out = "(" + children[0]->ToString() + (negated ? " NOT IN (" : " IN (");
      AppendList(out, children, 1);
      out += "))";
      break;
  }
  return out;
}

bool BoundExpr::IsConstant() const {
  if (kind == BoundExprKind::kColumn) return false;
  for (const auto& child : children) {
    if (!child->IsConstant()) return false;
  }
  return true;
}

void BoundExpr::CollectBindings(std::vector<ColumnBinding>& out) const {
  if (kind == BoundExprKind::kColumn) out.push_back(binding);
  for (const auto& child : children) child->CollectBindings(out);
}

BoundExprPtr MakeColumn(ColumnBinding binding, types::LogicalType type, std::string text) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kColumn;
  expr->type = std::move(type);
  expr->binding = binding;
  expr->text = std::move(text);
  return expr;
}

BoundExprPtr MakeConstant(types::Value value) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kConstant;
  expr->type = value.type();
  expr->constant = std::move(value);
  return expr;
}

BoundExprPtr MakeCast(BoundExprPtr value, types::LogicalType to, bool try_cast) {
  if (!value) ThrowInternal("MakeCast without a value");
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kCast;
  expr->type = std::move(to);
  expr->try_cast = try_cast;
  expr->text = value->text;
  expr->children.push_back(std::move(value));
  return expr;
}

BoundExprPtr MakeFunction(std::shared_ptr<const ScalarFunction> function,
                          std::vector<BoundExprPtr> arguments) {
  if (!function) ThrowInternal("MakeFunction without a function");
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kFunction;
  expr->type = function->result;
  expr->function = std::move(function);
  expr->children = std::move(arguments);
  return expr;
}

}  // namespace basin::sql
