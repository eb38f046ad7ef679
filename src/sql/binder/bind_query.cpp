// Binding of whole queries: WITH, bodies (VALUES, set operations, TABLE), ORDER BY over the
// outputs, OFFSET and LIMIT.
#include <charconv>

#include "common/error.hpp"
#include "sql/binder/binder_impl.hpp"

namespace basin::sql {

namespace {

// A non-negative integer literal (LIMIT, OFFSET, FETCH FIRST).
int64_t CountLiteral(Binder& binder, const Expression& expr, std::string_view what) {
  if (expr.kind == ExpressionKind::kLiteral) {
    const auto& literal = expr.As<Literal>();
    if (literal.literal_kind == LiteralKind::kInteger) {
      int64_t value = 0;
      auto [end, error] =
          std::from_chars(literal.text.data(), literal.text.data() + literal.text.size(), value);
      if (error == std::errc() && end == literal.text.data() + literal.text.size()) {
        return value;
      }
    }
  }
  binder.Fail(expr.pos, std::string(what) + " must be a non-negative integer literal");
}

}  // namespace

LogicalPtr MakeProject(LogicalPtr child, std::vector<BoundExprPtr> expressions,
                       std::vector<std::string> names, uint32_t table_index) {
  auto project = std::make_unique<LogicalProject>();
  project->table_index = table_index;
  for (uint32_t i = 0; i < expressions.size(); ++i) {
    project->bindings.push_back({table_index, i});
    project->types.push_back(expressions[i]->type);
  }
  names.resize(expressions.size());
  project->names = std::move(names);
  project->expressions = std::move(expressions);
  project->estimated_rows = child->estimated_rows;
  project->children.push_back(std::move(child));
  return project;
}

std::string DefaultColumnName(const Expression& expr, size_t position) {
  if (expr.kind == ExpressionKind::kColumnRef) return expr.As<ColumnRef>().name.back().Name();
  return "_col" + std::to_string(position);
}

LogicalPtr BindQuery(const Query& query, BindContext& context) {
  Binder binder(context);
  return binder.BindQuery(query, nullptr);
}

LogicalPtr BindQuery(const QueryStatement& statement, BindContext& context) {
  return BindQuery(*statement.query, context);
}

LogicalPtr Binder::BindQuery(const Query& query, const Scope* outer) {
  size_t cte_mark = ctes_.size();
  for (const auto& cte : query.with) {
    if (query.recursive) {
      Fail(query.pos, "WITH RECURSIVE is not supported yet", ErrorCode::kUnsupported);
    }
    std::string name = cte.name.Name();
    for (size_t i = cte_mark; i < ctes_.size(); ++i) {
      if (ctes_[i].name == name) Fail(cte.name.pos, "WITH query name " + name + " is repeated");
    }
    ctes_.push_back({name, &cte, ctes_.size()});
  }
  LogicalPtr plan;
  try {
    plan = BindBody(*query.body, outer, query.order_by.empty() ? nullptr : &query.order_by);
    if (!query.order_by.empty() && query.body->kind != QueryBodyKind::kSelect) {
      plan = ApplyOrderByOutputs(std::move(plan), query.order_by);
    }
  } catch (...) {
    ctes_.resize(cte_mark);
    throw;
  }
  ctes_.resize(cte_mark);

  std::optional<int64_t> limit;
  int64_t offset = 0;
  if (query.offset) offset = CountLiteral(*this, *query.offset, "OFFSET");
  switch (query.limit_kind) {
    case LimitKind::kNone:
    case LimitKind::kLimitAll: break;
    case LimitKind::kLimit: limit = CountLiteral(*this, *query.limit, "LIMIT"); break;
    case LimitKind::kFetchFirst:
      limit = query.limit ? CountLiteral(*this, *query.limit, "FETCH FIRST") : 1;
      break;
    case LimitKind::kFetchFirstWithTies:
      Fail(query.pos, "FETCH FIRST … WITH TIES is not supported yet", ErrorCode::kUnsupported);
  }
  if (!limit && offset == 0) return plan;

  auto make_limit = [&](LogicalPtr child) {
    auto node = std::make_unique<LogicalLimit>();
    node->limit = limit;
    node->offset = offset;
    node->bindings = child->bindings;
    node->types = child->types;
    node->names = child->names;
    node->estimated_rows = child->estimated_rows;
    node->children.push_back(std::move(child));
    return node;
  };
  // Keep the Sort directly under the Limit (top-N) when a projection only drops columns.
  if (plan->kind == LogicalKind::kProject && plan->children[0]->kind == LogicalKind::kSort) {
    bool only_columns = true;
    for (const auto& e : plan->As<LogicalProject>().expressions) {
      only_columns = only_columns && e->kind == BoundExprKind::kColumn;
    }
    if (only_columns) {
      plan->children[0] = make_limit(std::move(plan->children[0]));
      return plan;
    }
  }
  return make_limit(std::move(plan));
}

LogicalPtr Binder::BindBody(const QueryBody& body, const Scope* outer,
                            const std::vector<OrderItem>* order_by) {
  switch (body.kind) {
    case QueryBodyKind::kSelect: return BindSelect(body.As<SelectBody>(), outer, order_by);
    case QueryBodyKind::kSetOperation: return BindSetOperation(body.As<SetOperationBody>(), outer);
    case QueryBodyKind::kValues: return BindValues(body.As<ValuesBody>());
    case QueryBodyKind::kTable: {
      BaseTableRef ref(body.pos, body.As<TableBody>().name);
      return BindTableRef(ref, outer).plan;
    }
    case QueryBodyKind::kParenthesized:
      return BindQuery(*body.As<ParenthesizedBody>().query, outer);
  }
  ThrowInternal("unknown query body kind");
}

LogicalPtr Binder::BindValues(const ValuesBody& body) {
  Scope empty;
  ExprContext ctx;
  ctx.scope = &empty;
  ctx.clause = "VALUES";
  std::vector<std::vector<BoundExprPtr>> rows;
  size_t width = 0;
  for (size_t r = 0; r < body.rows.size(); ++r) {
    const Expression& row = *body.rows[r];
    std::vector<BoundExprPtr> values;
    if (row.kind == ExpressionKind::kRow) {
      for (const auto& field : row.As<RowExpr>().fields) {
        values.push_back(BindExpression(*field, ctx));
      }
    } else {
      values.push_back(BindExpression(row, ctx));
    }
    if (r == 0) {
      width = values.size();
    } else if (values.size() != width) {
      Fail(row.pos, "VALUES rows have different numbers of columns (" + std::to_string(width) +
                        " and " + std::to_string(values.size()) + ")");
    }
    rows.push_back(std::move(values));
  }
  auto values = std::make_unique<LogicalValues>();
  values->table_index = context_.NextTableIndex();
  for (uint32_t c = 0; c < width; ++c) {
    std::vector<const BoundExpr*> column;
    for (const auto& row : rows) column.push_back(row[c].get());
    types::LogicalType type = CommonType(column, body.pos, "a VALUES column");
    for (size_t r = 0; r < rows.size(); ++r) {
      rows[r][c] = Coerce(std::move(rows[r][c]), type, body.rows[r]->pos, "a VALUES item");
    }
    values->bindings.push_back({values->table_index, c});
    values->types.push_back(type);
    values->names.push_back("_col" + std::to_string(c));
  }
  values->rows = std::move(rows);
  values->estimated_rows = static_cast<double>(values->rows.size());
  return values;
}

LogicalPtr Binder::BindSetOperation(const SetOperationBody& body, const Scope* outer) {
  LogicalPtr left = BindBody(*body.left, outer, nullptr);
  LogicalPtr right = BindBody(*body.right, outer, nullptr);
  if (left->bindings.size() != right->bindings.size()) {
    Fail(body.pos, "the two sides of a set operation have " +
                       std::to_string(left->bindings.size()) + " and " +
                       std::to_string(right->bindings.size()) + " columns");
  }
  std::vector<types::LogicalType> types;
  for (size_t i = 0; i < left->types.size(); ++i) {
    auto common = CommonSuperType(left->types[i], right->types[i]);
    if (!common) {
      Fail(body.pos, "column " + std::to_string(i + 1) + " of the set operation has types " +
                         left->types[i].ToString() + " and " + right->types[i].ToString() +
                         ", which have no common type");
    }
    types.push_back(*common);
  }
  auto coerce = [&](LogicalPtr side) {
    if (side->types == types) return side;
    std::vector<BoundExprPtr> expressions;
    for (size_t i = 0; i < types.size(); ++i) {
      std::string name = i < side->names.size() ? side->names[i] : std::string();
      expressions.push_back(
          CastIfNeeded(MakeColumn(side->bindings[i], side->types[i], name), types[i]));
    }
    std::vector<std::string> names = side->names;
    return MakeProject(std::move(side), std::move(expressions), std::move(names),
                       context_.NextTableIndex());
  };
  auto set = std::make_unique<LogicalSetOperation>();
  set->op = body.op == SetOpKind::kUnion       ? SetOperationKind::kUnion
            : body.op == SetOpKind::kIntersect ? SetOperationKind::kIntersect
                                               : SetOperationKind::kExcept;
  set->all = body.all;
  set->table_index = context_.NextTableIndex();
  set->names = left->names;
  set->names.resize(types.size());
  for (uint32_t i = 0; i < types.size(); ++i) set->bindings.push_back({set->table_index, i});
  set->types = types;
  if (left->estimated_rows >= 0 && right->estimated_rows >= 0) {
    set->estimated_rows = left->estimated_rows + right->estimated_rows;
  }
  set->children.push_back(coerce(std::move(left)));
  set->children.push_back(coerce(std::move(right)));
  return set;
}

LogicalPtr Binder::ApplyOrderByOutputs(LogicalPtr plan, const std::vector<OrderItem>& order_by) {
  Scope scope;
  ScopeRelation relation;
  for (size_t i = 0; i < plan->bindings.size(); ++i) {
    relation.columns.push_back({i < plan->names.size() ? plan->names[i] : std::string(),
                                plan->bindings[i], plan->types[i]});
  }
  scope.relations.push_back(std::move(relation));
  auto sort = std::make_unique<LogicalSort>();
  for (const auto& item : order_by) {
    BoundOrder order;
    if (item.expr->kind == ExpressionKind::kLiteral &&
        item.expr->As<Literal>().literal_kind == LiteralKind::kInteger) {
      int64_t ordinal = CountLiteral(*this, *item.expr, "an ORDER BY position");
      if (ordinal < 1 || static_cast<size_t>(ordinal) > plan->bindings.size()) {
        Fail(item.expr->pos,
             "ORDER BY position " + std::to_string(ordinal) + " is not in the select list");
      }
      size_t i = static_cast<size_t>(ordinal - 1);
      order.expr = MakeColumn(plan->bindings[i], plan->types[i],
                              i < plan->names.size() ? plan->names[i] : std::string());
    } else {
      ExprContext ctx;
      ctx.scope = &scope;
      ctx.clause = "ORDER BY";
      order.expr = BindExpression(*item.expr, ctx);
    }
    order.descending = item.order == SortOrder::kDescending;
    order.nulls_first = item.nulls == NullsOrder::kFirst;
    sort->order_by.push_back(std::move(order));
  }
  sort->bindings = plan->bindings;
  sort->types = plan->types;
  sort->names = plan->names;
  sort->estimated_rows = plan->estimated_rows;
  sort->children.push_back(std::move(plan));
  return sort;
}

}  // namespace basin::sql
