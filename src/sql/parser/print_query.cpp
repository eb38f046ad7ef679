// Printing queries and relations.
#include "sql/parser/sql_printer.hpp"

namespace basin::sql {
namespace {

// INTERSECT binds tighter than UNION and EXCEPT.
int SetPrecedence(const QueryBody& body) {
  return body.As<SetOperationBody>().op == SetOpKind::kIntersect ? 2 : 1;
}

}  // namespace

void SqlPrinter::QueryText(const Query& query) {
  if (!query.with.empty()) {
    out_ += query.recursive ? "WITH RECURSIVE " : "WITH ";
    for (size_t i = 0; i < query.with.size(); ++i) {
      const CommonTableExpr& cte = query.with[i];
      if (i > 0) out_ += ", ";
      Name(cte.name);
      if (!cte.columns.empty()) {
        out_ += " (";
        for (size_t c = 0; c < cte.columns.size(); ++c) {
          if (c > 0) out_ += ", ";
          Name(cte.columns[c]);
        }
        out_ += ')';
      }
      out_ += " AS (";
      QueryText(*cte.query);
      out_ += ')';
    }
    out_ += ' ';
  }
  Body(*query.body);
  if (!query.order_by.empty()) {
    out_ += " ORDER BY ";
    OrderBy(query.order_by);
  }
  if (query.offset) {
    out_ += " OFFSET ";
    Expr(*query.offset);
  }
  switch (query.limit_kind) {
    case LimitKind::kNone: break;
    case LimitKind::kLimit:
      out_ += " LIMIT ";
      Expr(*query.limit);
      break;
    case LimitKind::kLimitAll: out_ += " LIMIT ALL"; break;
    case LimitKind::kFetchFirst:
    case LimitKind::kFetchFirstWithTies:
      out_ += " FETCH FIRST ";
      if (query.limit) {
        Expr(*query.limit);
        out_ += " ROWS";
      } else {
        out_ += "ROW";
      }
      out_ += query.limit_kind == LimitKind::kFetchFirst ? " ONLY" : " WITH TIES";
      break;
  }
}

void SqlPrinter::SetOperand(const QueryBody& body, int parent_precedence, bool right) {
  bool parenthesize = false;
  if (body.kind == QueryBodyKind::kSetOperation) {
    int own = SetPrecedence(body);
    parenthesize =
        options_.parenthesize_all || own < parent_precedence || (right && own == parent_precedence);
  }
  if (parenthesize) out_ += '(';
  Body(body);
  if (parenthesize) out_ += ')';
}

void SqlPrinter::Body(const QueryBody& body) {
  switch (body.kind) {
    case QueryBodyKind::kSelect: Select(body.As<SelectBody>()); return;
    case QueryBodyKind::kSetOperation: {
      const auto& set = body.As<SetOperationBody>();
      int own = SetPrecedence(body);
      SetOperand(*set.left, own, false);
      out_ += set.op == SetOpKind::kUnion       ? " UNION "
              : set.op == SetOpKind::kIntersect ? " INTERSECT "
                                                : " EXCEPT ";
      if (set.all) out_ += "ALL ";
      SetOperand(*set.right, own, true);
      return;
    }
    case QueryBodyKind::kValues:
      out_ += "VALUES ";
      ExprList(body.As<ValuesBody>().rows);
      return;
    case QueryBodyKind::kTable:
      out_ += "TABLE ";
      Name(body.As<TableBody>().name);
      return;
    case QueryBodyKind::kParenthesized:
      out_ += '(';
      QueryText(*body.As<ParenthesizedBody>().query);
      out_ += ')';
      return;
  }
}

void SqlPrinter::Select(const SelectBody& select) {
  out_ += select.distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < select.items.size(); ++i) {
    if (i > 0) out_ += ", ";
    Expr(*select.items[i].expr);
    if (select.items[i].alias) {
      out_ += " AS ";
      Name(*select.items[i].alias);
    }
  }
  if (select.from) {
    out_ += " FROM ";
    Relation(*select.from);
  }
  if (select.where) {
    out_ += " WHERE ";
    Expr(*select.where);
  }
  if (select.group_by) {
    out_ += select.group_by->distinct ? " GROUP BY DISTINCT " : " GROUP BY ";
    for (size_t i = 0; i < select.group_by->elements.size(); ++i) {
      if (i > 0) out_ += ", ";
      Grouping(select.group_by->elements[i]);
    }
  }
  if (select.having) {
    out_ += " HAVING ";
    Expr(*select.having);
  }
  for (size_t i = 0; i < select.windows.size(); ++i) {
    out_ += i == 0 ? " WINDOW " : ", ";
    Name(select.windows[i].name);
    out_ += " AS (";
    WindowBody(select.windows[i].spec);
    out_ += ')';
  }
}

void SqlPrinter::Grouping(const GroupingElement& element) {
  auto parenthesized_list = [&](const std::vector<ExprPtr>& list) {
    out_ += '(';
    ExprList(list);
    out_ += ')';
  };
  switch (element.kind) {
    case GroupingKind::kSet:
      if (element.expressions.size() == 1) {
        Expr(*element.expressions[0]);
      } else {
        parenthesized_list(element.expressions);
      }
      return;
    case GroupingKind::kRollup:
      out_ += "ROLLUP ";
      parenthesized_list(element.expressions);
      return;
    case GroupingKind::kCube:
      out_ += "CUBE ";
      parenthesized_list(element.expressions);
      return;
    case GroupingKind::kGroupingSets:
      out_ += "GROUPING SETS (";
      for (size_t i = 0; i < element.sets.size(); ++i) {
        if (i > 0) out_ += ", ";
        parenthesized_list(element.sets[i]);
      }
      out_ += ')';
      return;
  }
}

void SqlPrinter::Alias(const TableAlias& alias) {
  out_ += " AS ";
  Name(alias.name);
  if (alias.columns.empty()) return;
  out_ += " (";
  for (size_t i = 0; i < alias.columns.size(); ++i) {
    if (i > 0) out_ += ", ";
    Name(alias.columns[i]);
  }
  out_ += ')';
}

void SqlPrinter::JoinText(const JoinRef& join) {
  Relation(*join.left);
  if (join.type == JoinType::kImplicit) {
    out_ += ", ";
    Relation(*join.right);
    return;
  }
  out_ += join.natural ? " NATURAL " : " ";
  switch (join.type) {
    case JoinType::kInner: out_ += "JOIN "; break;
    case JoinType::kLeft: out_ += "LEFT JOIN "; break;
    case JoinType::kRight: out_ += "RIGHT JOIN "; break;
    case JoinType::kFull: out_ += "FULL JOIN "; break;
    case JoinType::kCross: out_ += "CROSS JOIN "; break;
    case JoinType::kImplicit: break;
  }
  // A join on the right of a join reads back only in parentheses.
  bool nested = join.right->kind == TableRefKind::kJoin && !join.right->alias;
  if (nested) out_ += '(';
  Relation(*join.right);
  if (nested) out_ += ')';
  if (join.on) {
    out_ += " ON ";
    Expr(*join.on);
  } else if (!join.using_columns.empty()) {
    out_ += " USING (";
    for (size_t i = 0; i < join.using_columns.size(); ++i) {
      if (i > 0) out_ += ", ";
      Name(join.using_columns[i]);
    }
    out_ += ')';
  }
}

void SqlPrinter::Relation(const TableRef& relation) {
  switch (relation.kind) {
    case TableRefKind::kTable: Name(relation.As<BaseTableRef>().name); break;
    case TableRefKind::kSubquery: {
      const auto& subquery = relation.As<SubqueryRef>();
      out_ += subquery.lateral ? "LATERAL (" : "(";
      QueryText(*subquery.query);
      out_ += ')';
      break;
    }
    case TableRefKind::kUnnest: {
      const auto& unnest = relation.As<UnnestRef>();
      out_ += "UNNEST(";
      ExprList(unnest.args);
      out_ += unnest.with_ordinality ? ") WITH ORDINALITY" : ")";
      break;
    }
    case TableRefKind::kJoin:
      if (relation.alias) out_ += '(';
      JoinText(relation.As<JoinRef>());
      if (relation.alias) out_ += ')';
      break;
  }
  if (relation.alias) Alias(*relation.alias);
}

}  // namespace basin::sql
