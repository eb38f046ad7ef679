// Structural equality of AST nodes.
#include "sql/parser/ast_equal.hpp"

namespace basin::sql {
namespace {

bool Same(const Identifier& a, const Identifier& b) { return a.Name() == b.Name(); }

bool Same(const std::vector<Identifier>& a, const std::vector<Identifier>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!Same(a[i], b[i])) return false;
  }
  return true;
}

bool Same(const std::optional<Identifier>& a, const std::optional<Identifier>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || Same(*a, *b);
}

bool Same(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return !a && !b;
  return AstEquals(*a, *b);
}

bool Same(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!Same(a[i], b[i])) return false;
  }
  return true;
}

bool Same(const std::unique_ptr<Query>& a, const std::unique_ptr<Query>& b) {
  if (!a || !b) return !a && !b;
  return AstEquals(*a, *b);
}

bool Same(const TableRefPtr& a, const TableRefPtr& b) {
  if (!a || !b) return !a && !b;
  return AstEquals(*a, *b);
}

bool Same(const std::vector<OrderItem>& a, const std::vector<OrderItem>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].order != b[i].order || a[i].nulls != b[i].nulls || !Same(a[i].expr, b[i].expr)) {
      return false;
    }
  }
  return true;
}

bool Same(const FrameBound& a, const FrameBound& b) {
  return a.kind == b.kind && Same(a.offset, b.offset);
}

bool Same(const WindowSpec& a, const WindowSpec& b) {
  if (!Same(a.base_window, b.base_window) || a.reference_only != b.reference_only ||
      !Same(a.partition_by, b.partition_by) || !Same(a.order_by, b.order_by) ||
      a.frame.has_value() != b.frame.has_value()) {
    return false;
  }
  if (!a.frame) return true;
  const WindowFrame& fa = *a.frame;
  const WindowFrame& fb = *b.frame;
  if (fa.unit != fb.unit || !Same(fa.start, fb.start) || fa.end.has_value() != fb.end.has_value()) {
    return false;
  }
  return !fa.end || Same(*fa.end, *fb.end);
}

bool SameCall(const FunctionCall& a, const FunctionCall& b) {
  if (!Same(a.name, b.name) || !Same(a.args, b.args) || a.star != b.star ||
      a.distinct != b.distinct || a.no_parentheses != b.no_parentheses ||
      !Same(a.order_by, b.order_by) || !Same(a.filter, b.filter) ||
      a.null_treatment != b.null_treatment || (a.over == nullptr) != (b.over == nullptr)) {
    return false;
  }
  return !a.over || Same(*a.over, *b.over);
}

bool Same(const std::vector<StringProperty>& a, const std::vector<StringProperty>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].key != b[i].key || a[i].value != b[i].value) return false;
  }
  return true;
}

bool SameProperties(const std::vector<TableProperty>& a, const std::vector<TableProperty>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!Same(a[i].name, b[i].name) || !Same(a[i].value, b[i].value)) return false;
  }
  return true;
}

bool Same(const std::vector<ColumnDefinition>& a, const std::vector<ColumnDefinition>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!Same(a[i].name, b[i].name) || !AstEquals(a[i].type, b[i].type) ||
        a[i].comment != b[i].comment) {
      return false;
    }
  }
  return true;
}

bool Same(const PartitionSpec& a, const PartitionSpec& b) {
  if (a.values.size() != b.values.size()) return false;
  for (size_t i = 0; i < a.values.size(); ++i) {
    const PartitionValue& va = a.values[i];
    const PartitionValue& vb = b.values[i];
    if (!Same(va.key, vb.key) || va.value != vb.value || va.quoted != vb.quoted) return false;
  }
  return true;
}

bool Same(const RowFormat& a, const RowFormat& b) {
  return a.kind == b.kind && a.fields_terminated_by == b.fields_terminated_by &&
         a.escaped_by == b.escaped_by &&
         a.collection_items_terminated_by == b.collection_items_terminated_by &&
         a.map_keys_terminated_by == b.map_keys_terminated_by &&
         a.lines_terminated_by == b.lines_terminated_by && a.null_defined_as == b.null_defined_as &&
         a.serde == b.serde && Same(a.serde_properties, b.serde_properties);
}

bool SameGrouping(const GroupingElement& a, const GroupingElement& b) {
  if (a.kind != b.kind || !Same(a.expressions, b.expressions) || a.sets.size() != b.sets.size()) {
    return false;
  }
  for (size_t i = 0; i < a.sets.size(); ++i) {
    if (!Same(a.sets[i], b.sets[i])) return false;
  }
  return true;
}

bool SameBody(const QueryBody& a, const QueryBody& b);

bool Same(const QueryBodyPtr& a, const QueryBodyPtr& b) {
  if (!a || !b) return !a && !b;
  return SameBody(*a, *b);
}

bool SameSelect(const SelectBody& a, const SelectBody& b) {
  if (a.distinct != b.distinct || a.items.size() != b.items.size() || !Same(a.from, b.from) ||
      !Same(a.where, b.where) || !Same(a.having, b.having) ||
      a.group_by.has_value() != b.group_by.has_value() || a.windows.size() != b.windows.size()) {
    return false;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!Same(a.items[i].expr, b.items[i].expr) || !Same(a.items[i].alias, b.items[i].alias)) {
      return false;
    }
  }
  if (a.group_by) {
    if (a.group_by->distinct != b.group_by->distinct ||
        a.group_by->elements.size() != b.group_by->elements.size()) {
      return false;
    }
    for (size_t i = 0; i < a.group_by->elements.size(); ++i) {
      if (!SameGrouping(a.group_by->elements[i], b.group_by->elements[i])) return false;
    }
  }
  for (size_t i = 0; i < a.windows.size(); ++i) {
    if (!Same(a.windows[i].name, b.windows[i].name) ||
        !Same(a.windows[i].spec, b.windows[i].spec)) {
      return false;
    }
  }
  return true;
}

bool SameBody(const QueryBody& a, const QueryBody& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case QueryBodyKind::kSelect: return SameSelect(a.As<SelectBody>(), b.As<SelectBody>());
    case QueryBodyKind::kSetOperation: {
      const auto& x = a.As<SetOperationBody>();
      const auto& y = b.As<SetOperationBody>();
      return x.op == y.op && x.all == y.all && Same(x.left, y.left) && Same(x.right, y.right);
    }
    case QueryBodyKind::kValues: return Same(a.As<ValuesBody>().rows, b.As<ValuesBody>().rows);
    case QueryBodyKind::kTable: return Same(a.As<TableBody>().name, b.As<TableBody>().name);
    case QueryBodyKind::kParenthesized:
      return Same(a.As<ParenthesizedBody>().query, b.As<ParenthesizedBody>().query);
  }
  return false;
}

}  // namespace

bool AstEquals(const TypeName& a, const TypeName& b) {
  if (a.name != b.name || a.numbers != b.numbers || a.fields.size() != b.fields.size() ||
      a.angle_brackets != b.angle_brackets || a.with_time_zone != b.with_time_zone) {
    return false;
  }
  for (size_t i = 0; i < a.fields.size(); ++i) {
    if (!Same(a.fields[i].name, b.fields[i].name) ||
        !AstEquals(a.fields[i].type, b.fields[i].type)) {
      return false;
    }
  }
  return true;
}

bool AstEquals(const Expression& a, const Expression& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ExpressionKind::kLiteral: {
      const auto& x = a.As<Literal>();
      const auto& y = b.As<Literal>();
      return x.literal_kind == y.literal_kind && x.text == y.text &&
             (x.literal_kind != LiteralKind::kTyped || AstEquals(x.type, y.type));
    }
    case ExpressionKind::kInterval: {
      const auto& x = a.As<IntervalLiteral>();
      const auto& y = b.As<IntervalLiteral>();
      return x.value == y.value && x.negative == y.negative && x.start == y.start &&
             x.precision == y.precision && x.end == y.end;
    }
    case ExpressionKind::kColumnRef: return Same(a.As<ColumnRef>().name, b.As<ColumnRef>().name);
    case ExpressionKind::kStar: return Same(a.As<Star>().qualifier, b.As<Star>().qualifier);
    case ExpressionKind::kParameter: return a.As<Parameter>().index == b.As<Parameter>().index;
    case ExpressionKind::kUnary: {
      const auto& x = a.As<UnaryExpr>();
      const auto& y = b.As<UnaryExpr>();
      return x.op == y.op && Same(x.operand, y.operand);
    }
    case ExpressionKind::kBinary: {
      const auto& x = a.As<BinaryExpr>();
      const auto& y = b.As<BinaryExpr>();
      return x.op == y.op && Same(x.left, y.left) && Same(x.right, y.right);
    }
    case ExpressionKind::kConjunction: {
      const auto& x = a.As<Conjunction>();
      const auto& y = b.As<Conjunction>();
      return x.op == y.op && Same(x.terms, y.terms);
    }
    case ExpressionKind::kBetween: {
      const auto& x = a.As<BetweenExpr>();
      const auto& y = b.As<BetweenExpr>();
      return x.negated == y.negated && Same(x.value, y.value) && Same(x.low, y.low) &&
             Same(x.high, y.high);
    }
    case ExpressionKind::kInList: {
      const auto& x = a.As<InListExpr>();
      const auto& y = b.As<InListExpr>();
      return x.negated == y.negated && Same(x.value, y.value) && Same(x.list, y.list);
    }
    case ExpressionKind::kInSubquery: {
      const auto& x = a.As<InSubqueryExpr>();
      const auto& y = b.As<InSubqueryExpr>();
      return x.negated == y.negated && Same(x.value, y.value) && Same(x.query, y.query);
    }
    case ExpressionKind::kExists: return Same(a.As<ExistsExpr>().query, b.As<ExistsExpr>().query);
    case ExpressionKind::kSubquery:
      return Same(a.As<SubqueryExpr>().query, b.As<SubqueryExpr>().query);
    case ExpressionKind::kQuantifiedComparison: {
      const auto& x = a.As<QuantifiedComparison>();
      const auto& y = b.As<QuantifiedComparison>();
      return x.op == y.op && x.quantifier == y.quantifier && Same(x.value, y.value) &&
             Same(x.query, y.query);
    }
    case ExpressionKind::kLike: {
      const auto& x = a.As<LikeExpr>();
      const auto& y = b.As<LikeExpr>();
      return x.negated == y.negated && Same(x.value, y.value) && Same(x.pattern, y.pattern) &&
             Same(x.escape, y.escape);
    }
    case ExpressionKind::kIsNull: {
      const auto& x = a.As<IsNullExpr>();
      const auto& y = b.As<IsNullExpr>();
      return x.negated == y.negated && Same(x.value, y.value);
    }
    case ExpressionKind::kCase: {
      const auto& x = a.As<CaseExpr>();
      const auto& y = b.As<CaseExpr>();
      if (!Same(x.operand, y.operand) || !Same(x.else_result, y.else_result) ||
          x.whens.size() != y.whens.size()) {
        return false;
      }
      for (size_t i = 0; i < x.whens.size(); ++i) {
        if (!Same(x.whens[i].condition, y.whens[i].condition) ||
            !Same(x.whens[i].result, y.whens[i].result)) {
          return false;
        }
      }
      return true;
    }
    case ExpressionKind::kCast: {
      const auto& x = a.As<CastExpr>();
      const auto& y = b.As<CastExpr>();
      return x.try_cast == y.try_cast && Same(x.value, y.value) && AstEquals(x.type, y.type);
    }
    case ExpressionKind::kFunctionCall: return SameCall(a.As<FunctionCall>(), b.As<FunctionCall>());
    case ExpressionKind::kSubscript: {
      const auto& x = a.As<SubscriptExpr>();
      const auto& y = b.As<SubscriptExpr>();
      return Same(x.base, y.base) && Same(x.index, y.index);
    }
    case ExpressionKind::kFieldAccess: {
      const auto& x = a.As<FieldAccess>();
      const auto& y = b.As<FieldAccess>();
      return Same(x.base, y.base) && Same(x.field, y.field);
    }
    case ExpressionKind::kArray:
      return Same(a.As<ArrayExpr>().elements, b.As<ArrayExpr>().elements);
    case ExpressionKind::kRow: {
      const auto& x = a.As<RowExpr>();
      const auto& y = b.As<RowExpr>();
      return x.row_keyword == y.row_keyword && Same(x.fields, y.fields);
    }
    case ExpressionKind::kExtract: {
      const auto& x = a.As<ExtractExpr>();
      const auto& y = b.As<ExtractExpr>();
      return x.field == y.field && Same(x.value, y.value);
    }
    case ExpressionKind::kAtTimeZone: {
      const auto& x = a.As<AtTimeZoneExpr>();
      const auto& y = b.As<AtTimeZoneExpr>();
      return Same(x.value, y.value) && Same(x.zone, y.zone);
    }
  }
  return false;
}

bool AstEquals(const Query& a, const Query& b) {
  if (a.recursive != b.recursive || a.with.size() != b.with.size() || !Same(a.body, b.body) ||
      !Same(a.order_by, b.order_by) || !Same(a.offset, b.offset) || a.limit_kind != b.limit_kind ||
      !Same(a.limit, b.limit)) {
    return false;
  }
  for (size_t i = 0; i < a.with.size(); ++i) {
    if (!Same(a.with[i].name, b.with[i].name) || !Same(a.with[i].columns, b.with[i].columns) ||
        !Same(a.with[i].query, b.with[i].query)) {
      return false;
    }
  }
  return true;
}

bool AstEquals(const TableRef& a, const TableRef& b) {
  if (a.kind != b.kind || a.alias.has_value() != b.alias.has_value()) return false;
  if (a.alias &&
      (!Same(a.alias->name, b.alias->name) || !Same(a.alias->columns, b.alias->columns))) {
    return false;
  }
  switch (a.kind) {
    case TableRefKind::kTable: return Same(a.As<BaseTableRef>().name, b.As<BaseTableRef>().name);
    case TableRefKind::kSubquery: {
      const auto& x = a.As<SubqueryRef>();
      const auto& y = b.As<SubqueryRef>();
      return x.lateral == y.lateral && Same(x.query, y.query);
    }
    case TableRefKind::kJoin: {
      const auto& x = a.As<JoinRef>();
      const auto& y = b.As<JoinRef>();
      return x.type == y.type && x.natural == y.natural && Same(x.left, y.left) &&
             Same(x.right, y.right) && Same(x.on, y.on) && Same(x.using_columns, y.using_columns);
    }
    case TableRefKind::kUnnest: {
      const auto& x = a.As<UnnestRef>();
      const auto& y = b.As<UnnestRef>();
      return x.with_ordinality == y.with_ordinality && Same(x.args, y.args);
    }
  }
  return false;
}

bool AstEquals(const Statement& a, const Statement& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case StatementKind::kQuery:
      return Same(a.As<QueryStatement>().query, b.As<QueryStatement>().query);
    case StatementKind::kInsert: {
      const auto& x = a.As<InsertStatement>();
      const auto& y = b.As<InsertStatement>();
      return Same(x.table, y.table) && Same(x.columns, y.columns) && Same(x.query, y.query) &&
             x.overwrite == y.overwrite && Same(x.partition_columns, y.partition_columns);
    }
    case StatementKind::kCreateDatabase: {
      const auto& x = a.As<CreateDatabaseStatement>();
      const auto& y = b.As<CreateDatabaseStatement>();
      return Same(x.name, y.name) && x.if_not_exists == y.if_not_exists && x.comment == y.comment &&
             x.location == y.location && Same(x.properties, y.properties);
    }
    case StatementKind::kCreateTable: {
      const auto& x = a.As<CreateTableStatement>();
      const auto& y = b.As<CreateTableStatement>();
      if (x.bucketing.has_value() != y.bucketing.has_value()) return false;
      if (x.bucketing && (!Same(x.bucketing->columns, y.bucketing->columns) ||
                          x.bucketing->buckets != y.bucketing->buckets)) {
        return false;
      }
      return x.external == y.external && x.if_not_exists == y.if_not_exists &&
             Same(x.name, y.name) && Same(x.columns, y.columns) && x.comment == y.comment &&
             Same(x.partition_columns, y.partition_columns) && Same(x.row_format, y.row_format) &&
             x.stored_as == y.stored_as && x.input_format == y.input_format &&
             x.output_format == y.output_format && x.location == y.location &&
             Same(x.table_properties, y.table_properties);
    }
    case StatementKind::kCreateTableAs: {
      const auto& x = a.As<CreateTableAsStatement>();
      const auto& y = b.As<CreateTableAsStatement>();
      return SameProperties(x.properties, y.properties) && x.if_not_exists == y.if_not_exists && Same(x.name, y.name) && Same(x.query, y.query) &&
             x.with_data == y.with_data && x.data_clause == y.data_clause;
    }
    case StatementKind::kCreateView: {
      const auto& x = a.As<CreateViewStatement>();
      const auto& y = b.As<CreateViewStatement>();
      return x.or_replace == y.or_replace && Same(x.name, y.name) && Same(x.columns, y.columns) &&
             Same(x.query, y.query);
    }
    case StatementKind::kDrop: {
      const auto& x = a.As<DropStatement>();
      const auto& y = b.As<DropStatement>();
      return x.object == y.object && x.if_exists == y.if_exists && Same(x.name, y.name) &&
             x.cascade == y.cascade;
    }
    case StatementKind::kShow: {
      const auto& x = a.As<ShowStatement>();
      const auto& y = b.As<ShowStatement>();
      return x.what == y.what && Same(x.target, y.target) && x.pattern == y.pattern;
    }
    case StatementKind::kDescribe: {
      const auto& x = a.As<DescribeStatement>();
      const auto& y = b.As<DescribeStatement>();
      return Same(x.table, y.table) && x.extended == y.extended && x.formatted == y.formatted &&
             Same(x.column, y.column);
    }
    case StatementKind::kMsckRepair:
      return Same(a.As<MsckRepairStatement>().table, b.As<MsckRepairStatement>().table);
    case StatementKind::kAddPartitions: {
      const auto& x = a.As<AddPartitionsStatement>();
      const auto& y = b.As<AddPartitionsStatement>();
      if (!Same(x.table, y.table) || x.if_not_exists != y.if_not_exists ||
          x.partitions.size() != y.partitions.size()) {
        return false;
      }
      for (size_t i = 0; i < x.partitions.size(); ++i) {
        if (!Same(x.partitions[i].spec, y.partitions[i].spec) ||
            x.partitions[i].location != y.partitions[i].location) {
          return false;
        }
      }
      return true;
    }
    case StatementKind::kDropPartitions: {
      const auto& x = a.As<DropPartitionsStatement>();
      const auto& y = b.As<DropPartitionsStatement>();
      if (!Same(x.table, y.table) || x.if_exists != y.if_exists ||
          x.partitions.size() != y.partitions.size()) {
        return false;
      }
      for (size_t i = 0; i < x.partitions.size(); ++i) {
        if (!Same(x.partitions[i], y.partitions[i])) return false;
      }
      return true;
    }
    case StatementKind::kExplain: {
      const auto& x = a.As<ExplainStatement>();
      const auto& y = b.As<ExplainStatement>();
      return x.analyze == y.analyze && x.verbose == y.verbose && x.format == y.format &&
             x.type == y.type && AstEquals(*x.statement, *y.statement);
    }
    case StatementKind::kUnload: {
      const auto& x = a.As<UnloadStatement>();
      const auto& y = b.As<UnloadStatement>();
      return Same(x.query, y.query) && x.location == y.location &&
             SameProperties(x.properties, y.properties);
    }
    case StatementKind::kUse: return Same(a.As<UseStatement>().name, b.As<UseStatement>().name);
  }
  return false;
}

}  // namespace basin::sql
