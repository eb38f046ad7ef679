// Binding of FROM: catalog tables, views, CTEs, subqueries and joins.
#include <algorithm>

#include "catalog/storage_formats.hpp"
#include "common/error.hpp"
#include "sql/binder/binder_impl.hpp"
#include "sql/parser/keywords.hpp"
#include "sql/parser/parser.hpp"
#include "types/logical_type.hpp"

namespace basin::sql {

namespace {

constexpr std::string_view kAwsDataCatalog = "awsdatacatalog";
constexpr size_t kMaxViewDepth = 32;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

double NumberParameter(const catalog::Parameters& parameters, std::string_view key) {
  auto it = parameters.find(std::string(key));
  if (it == parameters.end()) return -1;
  char* end = nullptr;
  double value = std::strtod(it->second.c_str(), &end);
  if (end == it->second.c_str() || value < 0) return -1;
  return value;
}

// A relation whose scope lists a plan's outputs under `alias`.
Scope ScopeOfPlan(const LogicalOperator& plan, const std::string& alias,
                  const std::string& database) {
  ScopeRelation relation;
  relation.alias = alias;
  relation.database = database;
  for (size_t i = 0; i < plan.bindings.size(); ++i) {
    relation.columns.push_back({i < plan.names.size() ? plan.names[i] : "_col" + std::to_string(i),
                                plan.bindings[i], plan.types[i]});
  }
  Scope scope;
  scope.relations.push_back(std::move(relation));
  return scope;
}

}  // namespace

BoundRelation Binder::BindTableRef(const TableRef& ref, const Scope* outer) {
  switch (ref.kind) {
    case TableRefKind::kTable: return BindBaseTable(ref.As<BaseTableRef>(), outer);
    case TableRefKind::kSubquery: {
      const auto& subquery = ref.As<SubqueryRef>();
      if (subquery.lateral) {
        Fail(ref.pos, "LATERAL subqueries are not supported yet", ErrorCode::kUnsupported);
      }
      BoundRelation relation;
      relation.plan = BindQuery(*subquery.query, outer);
      relation.scope = ScopeOfPlan(*relation.plan, "", "");
      ApplyAlias(relation, ref.alias, ref.pos);
      return relation;
    }
    case TableRefKind::kJoin: return BindJoin(ref.As<JoinRef>(), outer);
    case TableRefKind::kUnnest:
      Fail(ref.pos, "UNNEST is not supported yet", ErrorCode::kUnsupported);
  }
  ThrowInternal("unknown relation kind");
}

void Binder::ApplyAlias(BoundRelation& relation, const std::optional<TableAlias>& alias,
                        SourcePos pos) {
  if (!alias) return;
  for (auto& r : relation.scope.relations) {
    r.alias = alias->name.Name();
    r.database.clear();
  }
  if (alias->columns.empty()) return;
  auto& columns = relation.scope.relations.at(0).columns;
  if (alias->columns.size() != columns.size()) {
    Fail(pos, "relation " + alias->name.Name() + " has " + std::to_string(columns.size()) +
                  " columns but " + std::to_string(alias->columns.size()) + " column aliases");
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    columns[i].name = alias->columns[i].Name();
    if (i < relation.plan->names.size()) relation.plan->names[i] = columns[i].name;
  }
}

BoundRelation Binder::BindBaseTable(const BaseTableRef& ref, const Scope* outer) {
  (void)outer;  // tables, views and CTEs never see the enclosing query
  const QualifiedName& name = ref.name;
  if (name.size() == 1) {
    std::string cte_name = name[0].Name();
    for (size_t i = ctes_.size(); i-- > 0;) {
      if (ctes_[i].name != cte_name) continue;
      const CommonTableExpr& cte = *ctes_[i].definition;
      // The body sees only the CTEs defined before it.
      std::vector<CteEntry> saved(ctes_.begin() + static_cast<ptrdiff_t>(ctes_[i].visible),
                                  ctes_.end());
      ctes_.resize(ctes_[i].visible);
      BoundRelation relation;
      try {
        relation.plan = BindQuery(*cte.query, nullptr);
      } catch (...) {
        ctes_.insert(ctes_.end(), saved.begin(), saved.end());
        throw;
      }
      ctes_.insert(ctes_.end(), saved.begin(), saved.end());
      if (!cte.columns.empty()) {
        if (cte.columns.size() != relation.plan->bindings.size()) {
          Fail(ref.pos, "WITH query " + cte_name + " has " +
                            std::to_string(relation.plan->bindings.size()) + " columns but " +
                            std::to_string(cte.columns.size()) + " column names");
        }
        relation.plan->names.resize(cte.columns.size());
        for (size_t c = 0; c < cte.columns.size(); ++c) {
          relation.plan->names[c] = cte.columns[c].Name();
        }
      }
      relation.scope = ScopeOfPlan(*relation.plan, cte_name, "");
      ApplyAlias(relation, ref.alias, ref.pos);
      return relation;
    }
  }
  std::string database;
  std::string table;
  if (name.size() == 1) {
    database = context_.database();
    table = name[0].Name();
  } else if (name.size() == 2) {
    database = name[0].Name();
    table = name[1].Name();
  } else if (name.size() == 3) {
    if (name[0].Name() != kAwsDataCatalog) {
      Fail(ref.pos,
           "catalog '" + name[0].Name() + "' does not exist (the catalog is " +
               std::string(kAwsDataCatalog) + ")",
           ErrorCode::kNotFound);
    }
    database = name[1].Name();
    table = name[2].Name();
  } else {
    Fail(ref.pos, "too many dots in the table name " + JoinName(name));
  }
  if (database.empty()) {
    Fail(ref.pos, "no database selected for table '" + table + "': write db." + table +
                      " or choose a database");
  }
  std::string alias = ref.alias ? ref.alias->name.Name() : table;
  BoundRelation relation = BindCatalogTable(database, table, ref.pos, alias);
  ApplyAlias(relation, ref.alias, ref.pos);
  return relation;
}

BoundRelation Binder::BindCatalogTable(const std::string& database, const std::string& table,
                                       SourcePos pos, const std::string& alias) {
  catalog::Catalog& catalog = context_.catalog();
  catalog::Table entry;
  try {
    entry = catalog.GetTable(database, table);
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound && error.code() != ErrorCode::kInvalidInput) throw;
    std::vector<std::string> names;
    try {
      for (const auto& t : catalog.GetTables(database).items) names.push_back(t.name);
    } catch (const Error& inner) {
      if (inner.code() != ErrorCode::kNotFound && inner.code() != ErrorCode::kInvalidInput) {
        throw;
      }
      std::vector<std::string> databases;
      for (const auto& d : catalog.GetDatabases().items) databases.push_back(d.name);
      std::vector<std::string_view> views(databases.begin(), databases.end());
      std::string message = "database '" + database + "' does not exist";
      std::string_view suggestion = ClosestKeyword(database, views);
      if (!suggestion.empty()) message += "; did you mean '" + std::string(suggestion) + "'?";
      Fail(pos, message, ErrorCode::kNotFound);
    }
    std::vector<std::string_view> views(names.begin(), names.end());
    std::string message = "table '" + database + "." + table + "' does not exist";
    std::string_view suggestion = ClosestKeyword(table, views);
    if (!suggestion.empty()) message += "; did you mean '" + std::string(suggestion) + "'?";
    Fail(pos, message, ErrorCode::kNotFound);
  }

  if (entry.table_type == catalog::TableType::kVirtualView) {
    BoundRelation relation = BindView(entry, pos);
    for (auto& r : relation.scope.relations) {
      r.alias = alias;
      r.database = database;
    }
    return relation;
  }

  auto scan = std::make_unique<LogicalScan>();
  TableSource& source = scan->source;
  source.database = database;
  source.table = table;
  const catalog::StorageDescriptor& sd = entry.storage_descriptor;
  if (!entry.connection_name.empty() || entry.table_type == catalog::TableType::kJdbcTable) {
    source.kind = SourceKind::kDatabase;
    source.connection = entry.connection_name;
    source.source_table = sd.location;
  } else {
    source.kind = SourceKind::kLake;
    source.location = sd.location;
    std::string format = catalog::FormatOfStorageDescriptor(sd);
    if (format.empty()) {
      auto it = entry.parameters.find(std::string(catalog::kClassificationKey));
      if (it != entry.parameters.end()) format = Lower(it->second);
    }
    if (format == "parquet") {
      source.format = LakeFormat::kParquet;
    } else if (format == "csv") {
      source.format = LakeFormat::kCsv;
    } else if (format == "json") {
      source.format = LakeFormat::kJson;
    } else {
      Fail(pos,
           "table '" + database + "." + table + "' has a storage format Basin cannot read" +
               (format.empty() ? std::string() : " (" + format + ")"),
           ErrorCode::kUnsupported);
    }
    source.serde_parameters = sd.serde_info.parameters;
    for (const auto& [key, value] : entry.parameters) {
      if (key == "skip.header.line.count" && !source.serde_parameters.count(key)) {
        source.serde_parameters[key] = value;
      }
    }
  }
  auto add_column = [&](const catalog::Column& column) {
    types::LogicalType type;
    try {
      type = types::ParseHiveType(column.type);
    } catch (const Error& error) {
      Fail(pos, "column " + column.name + " of table " + database + "." + table +
                    " has an invalid type: " + error.what());
    }
    source.column_names.push_back(Lower(column.name));
    source.column_types.push_back(std::move(type));
  };
  for (const auto& column : sd.columns) add_column(column);
  for (const auto& column : entry.partition_keys) add_column(column);
  source.partition_key_count = entry.partition_keys.size();
  source.record_count = NumberParameter(entry.parameters, catalog::kRecordCountKey);
  source.size_bytes = NumberParameter(entry.parameters, catalog::kSizeKey);

  scan->table_index = context_.NextTableIndex();
  scan->alias = alias;
  for (uint32_t i = 0; i < source.column_names.size(); ++i) {
    scan->projection.push_back(i);
    scan->bindings.push_back({scan->table_index, i});
    scan->types.push_back(source.column_types[i]);
    scan->names.push_back(source.column_names[i]);
  }
  scan->estimated_rows = source.record_count;
  if (scan->estimated_rows < 0 && source.size_bytes > 0) {
    scan->estimated_rows = source.size_bytes / 100;  // a guess: ~100 bytes a row
  }

  BoundRelation relation;
  relation.scope = ScopeOfPlan(*scan, alias, database);
  relation.plan = std::move(scan);
  return relation;
}

BoundRelation Binder::BindView(const catalog::Table& view, SourcePos pos) {
  std::string full_name = view.database_name + "." + view.name;
  auto& stack = context_.view_stack();
  if (std::find(stack.begin(), stack.end(), full_name) != stack.end()) {
    Fail(pos, "view " + full_name + " refers to itself");
  }
  if (stack.size() >= kMaxViewDepth) Fail(pos, "views are nested too deeply at " + full_name);
  std::string text =
      view.view_original_text.empty() ? view.view_expanded_text : view.view_original_text;
  if (text.starts_with("/* Presto View")) {
    Fail(pos,
         "view " + full_name +
             " was stored by Presto/Athena in an encoded form Basin "
             "cannot read yet",
         ErrorCode::kUnsupported);
  }
  StatementPtr statement;
  try {
    statement = ParseStatement(text);
  } catch (const Error& error) {
    Fail(pos, "the stored text of view " + full_name + " does not parse: " + error.what());
  }
  const Query* query = nullptr;
  if (statement->kind == StatementKind::kQuery) {
    query = statement->As<QueryStatement>().query.get();
  } else if (statement->kind == StatementKind::kCreateView) {
    query = statement->As<CreateViewStatement>().query.get();
  } else {
    Fail(pos, "the stored text of view " + full_name + " is not a query");
  }

  // The view binds in its own database, against its own text, without the caller's CTEs.
  std::string saved_database = context_.database();
  std::string_view saved_sql = context_.sql();
  std::vector<CteEntry> saved_ctes = std::move(ctes_);
  ctes_.clear();
  stack.push_back(full_name);
  context_.set_database(view.database_name);
  context_.set_sql(text);
  BoundRelation relation;
  auto restore = [&] {
    stack.pop_back();
    context_.set_database(saved_database);
    context_.set_sql(saved_sql);
    ctes_ = std::move(saved_ctes);
  };
  try {
    relation.plan = BindQuery(*query, nullptr);
  } catch (...) {
    restore();
    throw;
  }
  restore();
  const auto& columns = view.storage_descriptor.columns;
  if (!columns.empty() && columns.size() == relation.plan->bindings.size()) {
    relation.plan->names.resize(columns.size());
    for (size_t i = 0; i < columns.size(); ++i) relation.plan->names[i] = Lower(columns[i].name);
  }
  relation.scope = ScopeOfPlan(*relation.plan, view.name, view.database_name);
  return relation;
}

// A column visible unqualified on one side of a join (for USING and NATURAL).
static const ScopeColumn* FindSideColumn(const Scope& scope, const std::string& name,
                                         size_t relation_offset, std::pair<size_t, size_t>* where) {
  const ScopeColumn* found = nullptr;
  for (size_t r = 0; r < scope.relations.size(); ++r) {
    const auto& columns = scope.relations[r].columns;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].name != name) continue;
      if (found != nullptr) return nullptr;
      found = &columns[c];
      if (where != nullptr) *where = {r + relation_offset, c};
    }
  }
  return found;
}

BoundRelation Binder::BindJoin(const JoinRef& ref, const Scope* outer) {
  BoundRelation left = BindTableRef(*ref.left, outer);
  BoundRelation right = BindTableRef(*ref.right, outer);

  auto join = std::make_unique<LogicalJoin>();
  switch (ref.type) {
    case JoinType::kInner: join->join_kind = JoinKind::kInner; break;
    case JoinType::kLeft: join->join_kind = JoinKind::kLeft; break;
    case JoinType::kRight: join->join_kind = JoinKind::kRight; break;
    case JoinType::kFull: join->join_kind = JoinKind::kFull; break;
    case JoinType::kCross:
    case JoinType::kImplicit: join->join_kind = JoinKind::kCross; break;
  }

  BoundRelation result;
  Scope& scope = result.scope;
  size_t left_relations = left.scope.relations.size();
  scope.relations = std::move(left.scope.relations);
  for (auto& r : right.scope.relations) scope.relations.push_back(std::move(r));
  Scope left_side;
  left_side.relations.assign(scope.relations.begin(),
                             scope.relations.begin() + static_cast<ptrdiff_t>(left_relations));
  Scope right_side;
  right_side.relations.assign(scope.relations.begin() + static_cast<ptrdiff_t>(left_relations),
                              scope.relations.end());
  scope.merged = std::move(left.scope.merged);
  for (auto& m : right.scope.merged) scope.merged.push_back(std::move(m));
  scope.outer = outer;

  join->children.push_back(std::move(left.plan));
  join->children.push_back(std::move(right.plan));

  std::vector<std::string> using_names;
  for (const auto& column : ref.using_columns) using_names.push_back(column.Name());
  if (ref.natural) {
    for (const auto& relation : left_side.relations) {
      for (const auto& column : relation.columns) {
        if (FindSideColumn(right_side, column.name, 0, nullptr) != nullptr &&
            std::find(using_names.begin(), using_names.end(), column.name) == using_names.end()) {
          using_names.push_back(column.name);
        }
      }
    }
  }

  std::vector<BoundExprPtr> conditions;
  for (const auto& name : using_names) {
    std::pair<size_t, size_t> left_at{}, right_at{};
    const ScopeColumn* l = FindSideColumn(left_side, name, 0, &left_at);
    const ScopeColumn* r = FindSideColumn(right_side, name, left_relations, &right_at);
    if (l == nullptr || r == nullptr) {
      Fail(ref.pos, "column '" + name + "' in USING is missing or ambiguous on the " +
                        (l == nullptr ? "left" : "right") + " side of the join");
    }
    BoundExprPtr left_column = MakeColumn(l->binding, l->type, l->name);
    BoundExprPtr right_column = MakeColumn(r->binding, r->type, r->name);
    types::LogicalType type =
        CommonType({left_column.get(), right_column.get()}, ref.pos, "the USING column " + name);
    MergedColumn merged;
    merged.name = name;
    merged.hides = {left_at, right_at};
    if (join->join_kind == JoinKind::kFull) {
      auto coalesce = std::make_unique<BoundExpr>();
      coalesce->kind = BoundExprKind::kCoalesce;
      coalesce->type = type;
      coalesce->children.push_back(CastIfNeeded(left_column->Clone(), type));
      coalesce->children.push_back(CastIfNeeded(right_column->Clone(), type));
      coalesce->text = name;
      merged.expr = std::move(coalesce);
    } else if (join->join_kind == JoinKind::kRight) {
      merged.expr = right_column->Clone();
    } else {
      merged.expr = left_column->Clone();
    }
    scope.merged.push_back(std::move(merged));
    conditions.push_back(MakeComparison(op::kEqual, CastIfNeeded(std::move(left_column), type),
                                        CastIfNeeded(std::move(right_column), type)));
  }
  if (ref.on) {
    ExprContext ctx;
    ctx.scope = &scope;
    ctx.clause = "ON";
    SplitConjuncts(BindBoolean(*ref.on, ctx), conditions);
  }
  if (!conditions.empty() && join->join_kind == JoinKind::kCross) {
    join->join_kind = JoinKind::kInner;
  }
  AttachJoinConditions(*join, std::move(conditions));
  SetJoinOutputs(*join);
  result.plan = std::move(join);
  ApplyAlias(result, ref.alias, ref.pos);
  return result;
}

}  // namespace basin::sql
