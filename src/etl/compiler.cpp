// DAG → SQL: one CTE per node, then the target's CTAS / INSERT / INSERT OVERWRITE / UNLOAD.
#include "etl/compiler.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/binder/binder.hpp"
#include "sql/engine/table_definition.hpp"
#include "sql/parser/ast_printer.hpp"
#include "sql/parser/parser.hpp"
#include "types/logical_type.hpp"

namespace basin::etl {

namespace {

std::string Where(const DagNode& node) { return "DAG node '" + node.id + "'"; }

const DagNode& TargetOf(const Dag& dag) {
  for (const auto& node : dag.nodes) {
    if (node.kind == NodeKind::kLakeTarget) return node;
  }
  ThrowInvalid("the job DAG has no target node");
}

std::string WithSlash(std::string path) {
  if (!path.empty() && path.back() != '/') path.push_back('/');
  return path;
}

// Whether a table's location is the target folder: the folder itself, or one of its
// generation folders (INSERT OVERWRITE moves a table to <folder>/.basin-gen-<id>/).
bool AtTargetPath(const std::string& location, const std::string& folder) {
  std::string path = WithSlash(location);
  if (path == folder) return true;
  constexpr std::string_view kGeneration = ".basin-gen-";
  if (path.size() <= folder.size() || path.compare(0, folder.size(), folder) != 0) return false;
  std::string_view rest = std::string_view(path).substr(folder.size());
  return rest.substr(0, kGeneration.size()) == kGeneration && rest.find('/') == rest.size() - 1;
}

// The columns a node produces, as the binder types them.
struct Schema {
  std::vector<std::string> names;  // normalized (lower case), as the engine names them
  std::vector<types::LogicalType> types;

  // The position of `column` (any case), or -1.
  int Find(const std::string& column) const {
    std::string name = catalog::NormalizeColumnName(column);
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
};

// A column the DAG names, as the engine names it: quoted identifiers keep their case, and the
// catalog's columns are lower case.
std::string Col(const std::string& name) { return QuoteName(catalog::NormalizeColumnName(name)); }

std::string NameList(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + Col(name);
  return out;
}

// A text constant compared to a column of `type`: a string as is, anything else cast, so
// Glue's textual constants ("5") compare as the column's type.
std::string Constant(const std::string& text, const types::LogicalType* type) {
  if (type != nullptr) {
    if (type->id() == types::TypeId::kVarchar) {
      return QuoteText(text);
    }
    return "CAST(" + QuoteText(text) + " AS " + type->ToString() + ")";
  }
  // Without the catalog (display): numbers as numbers.
  bool number = !text.empty() && text.find_first_not_of("0123456789.-+eE") == std::string::npos;
  return number ? text : QuoteText(text);
}

// Builds the WITH list node by node in topological order; with a catalog, binds each CTE to
// learn its columns.
class Compiler {
 public:
  Compiler(const Dag& dag, const SourcePredicates& predicates, catalog::Catalog* catalog)
      : dag_(dag), predicates_(predicates), catalog_(catalog) {}

  // The query feeding the target: its input with `last` columns (the partition keys) moved to
  // the end, or, with `by_name`, exactly those columns in that order.
  std::string Query(const std::vector<std::string>& last, const std::vector<std::string>* by_name) {
    const DagNode& target = TargetOf(dag_);
    const std::string& input = target.inputs.at(0);
    CompileUpTo(input);
    std::string select = "SELECT *";
    if (catalog_ != nullptr) {
      const Schema& schema = schemas_.at(input);
      std::vector<std::string> columns;
      if (by_name != nullptr) {
        for (const auto& name : *by_name) {
          if (schema.Find(name) < 0) {
            ThrowInvalid(Where(target) + ": the target table has column '" + name +
                         "', which its input '" + input + "' does not produce");
          }
        }
        for (const auto& name : schema.names) {
          if (std::find(by_name->begin(), by_name->end(), name) == by_name->end()) {
            ThrowInvalid(Where(target) + ": its input '" + input + "' produces column '" + name +
                         "', which the target table does not have");
          }
        }
        columns = *by_name;
      } else {
        std::set<std::string> keys;
        for (const auto& key : last) {
          if (schema.Find(key) < 0) {
            ThrowInvalid(Where(target) + ": partition key '" + key + "' is not a column of " +
                         "its input '" + input + "'");
          }
          keys.insert(catalog::NormalizeColumnName(key));
        }
        for (const auto& name : schema.names) {
          if (keys.count(name) == 0) columns.push_back(name);
        }
        if (!last.empty() && columns.empty()) {
          ThrowInvalid(Where(target) +
                       ": every column is a partition key; a table needs one "
                       "that is not");
        }
        for (const auto& key : last) columns.push_back(catalog::NormalizeColumnName(key));
      }
      select = "SELECT " + NameList(columns);
    }
    return With() + select + " FROM " + QuoteName(input);
  }

  const Schema* SchemaOf(const std::string& id) const {
    auto found = schemas_.find(id);
    return found == schemas_.end() ? nullptr : &found->second;
  }

 private:
  // Adds the CTEs of `id` and its ancestors.
  void CompileUpTo(const std::string& id) {
    std::set<std::string> needed{id};
    for (auto it = dag_.nodes.rbegin(); it != dag_.nodes.rend(); ++it) {
      if (needed.count(it->id)) needed.insert(it->inputs.begin(), it->inputs.end());
    }
    for (const auto& node : dag_.nodes) {
      if (needed.count(node.id) == 0 || node.kind == NodeKind::kLakeTarget) continue;
      std::string body = NodeSql(node);
      ctes_.push_back(QuoteName(node.id) + " AS (" + body + ")");
      if (catalog_ != nullptr)
        schemas_[node.id] = Bind(node, With() + "SELECT * FROM " + QuoteName(node.id));
    }
  }

  std::string With() const {
    std::string out;
    for (const auto& cte : ctes_) out += (out.empty() ? "WITH " : ", ") + cte;
    return out.empty() ? out : out + " ";
  }

  Schema Bind(const DagNode& node, const std::string& sql) {
    try {
      sql::StatementPtr statement = sql::ParseStatement(sql);
      sql::BindContext context(*catalog_, "default");
      context.set_sql(sql);
      sql::LogicalPtr plan = sql::BindQuery(statement->As<sql::QueryStatement>(), context);
      Schema schema;
      for (const auto& name : plan->names) {
        schema.names.push_back(catalog::NormalizeColumnName(name));
      }
      schema.types = plan->types;
      return schema;
    } catch (const Error& error) {
      throw Error(error.code(), Where(node) + ": " + error.what());
    }
  }

  // The input's schema (nullptr without a catalog), and a check that it has `column`.
  const Schema* Input(const DagNode& node, size_t input) const {
    return SchemaOf(node.inputs.at(input));
  }
  int Require(const DagNode& node, size_t input, const std::string& column) const {
    const Schema* schema = Input(node, input);
    if (schema == nullptr) return -1;
    int found = schema->Find(column);
    if (found < 0) {
      ThrowInvalid(Where(node) + ": column '" + column + "' does not exist in its input '" +
                   node.inputs.at(input) + "' (columns: " + NameList(schema->names) + ")");
    }
    return found;
  }

  std::string From(const DagNode& node, size_t input = 0) const {
    return " FROM " + QuoteName(node.inputs.at(input));
  }

  std::string NodeSql(const DagNode& node) {
    switch (node.kind) {
      case NodeKind::kCatalogSource: return SourceSql(node);
      case NodeKind::kApplyMapping: return MappingSql(node);
      case NodeKind::kSelectFields:
        for (const auto& column : node.columns) Require(node, 0, column);
        return "SELECT " + NameList(node.columns) + From(node);
      case NodeKind::kDropFields: return DropFieldsSql(node);
      case NodeKind::kRenameField: return RenameSql(node);
      case NodeKind::kFilter: return "SELECT *" + From(node) + " WHERE " + Predicate(node);
      case NodeKind::kJoin: return JoinSql(node);
      case NodeKind::kUnion: return UnionSql(node);
      case NodeKind::kDropNullFields: return DropNullsSql(node);
      case NodeKind::kDropDuplicates: return DropDuplicatesSql(node);
      case NodeKind::kSqlQuery: return SqlQuerySql(node);
      case NodeKind::kLakeTarget: break;
    }
    ThrowInternal("a target has no CTE");
  }

  std::string SourceSql(const DagNode& node) {
    if (catalog_ != nullptr) {
      try {
        catalog_->GetTable(node.database, node.table);
      } catch (const Error& error) {
        throw Error(error.code(), Where(node) + ": the source table " + node.database + "." +
                                      node.table + " does not exist: " + error.what());
      }
    }
    std::string select = "SELECT * FROM " + QuoteName(node.database) + "." + QuoteName(node.table);
    auto predicate = predicates_.find(node.id);
    if (predicate != predicates_.end()) select += " WHERE " + predicate->second;
    return select;
  }

  std::string MappingSql(const DagNode& node) {
    const DagNode& input = dag_.Node(node.inputs.at(0));
    std::string of = input.kind == NodeKind::kCatalogSource ? input.database + "." + input.table
                                                            : "node '" + input.id + "'";
    std::string select;
    for (const Mapping& mapping : node.mappings) {
      const Schema* schema = Input(node, 0);
      if (schema != nullptr) {
        int found = schema->Find(mapping.from_column);
        std::string where = Where(node) + ": column '" + mapping.from_column + "' of " + of;
        if (found < 0) ThrowInvalid(where + " does not exist (the source table changed)");
        if (!(schema->types[found] == types::ParseHiveType(mapping.from_type))) {
          ThrowInvalid(where + " is " + schema->types[found].ToString() + ", the mapping " +
                       "expects " + mapping.from_type + " (the source table changed type)");
        }
      }
      if (mapping.dropped) continue;
      select += select.empty() ? "SELECT " : ", ";
      // Same type: the column as it is; otherwise a CAST, which fails naming the value, or a
      // TRY_CAST, which gives NULL.
      if (types::ParseHiveType(mapping.from_type) == types::ParseHiveType(mapping.to_type)) {
        select += QuoteName(mapping.from_column);
      } else {
        select += std::string(mapping.try_cast ? "TRY_CAST(" : "CAST(") + Col(mapping.from_column) +
                  " AS " + mapping.to_type + ")";
      }
      select += " AS " + Col(mapping.to_column);
    }
    if (select.empty()) ThrowInvalid(Where(node) + ": every mapping is Dropped");
    return select + From(node);
  }

  std::string DropFieldsSql(const DagNode& node) {
    std::set<int> dropped;
    for (const auto& column : node.columns) dropped.insert(Require(node, 0, column));
    const Schema* schema = Input(node, 0);
    if (schema == nullptr) {
      return "SELECT * /* without " + NameList(node.columns) + " */" + From(node);
    }
    std::vector<std::string> kept;
    for (size_t i = 0; i < schema->names.size(); ++i) {
      if (dropped.count(static_cast<int>(i)) == 0) kept.push_back(schema->names[i]);
    }
    if (kept.empty()) ThrowInvalid(Where(node) + ": DropFields would drop every column");
    return "SELECT " + NameList(kept) + From(node);
  }

  std::string RenameSql(const DagNode& node) {
    int source = Require(node, 0, node.source_column);
    const Schema* schema = Input(node, 0);
    std::string rename = Col(node.source_column) + " AS " + Col(node.target_column);
    if (schema == nullptr) return "SELECT * /* with " + rename + " */" + From(node);
    int clash = schema->Find(node.target_column);
    if (clash >= 0 && clash != source) {
      ThrowInvalid(Where(node) + ": its input already has a column '" + node.target_column + "'");
    }
    std::string select;
    for (size_t i = 0; i < schema->names.size(); ++i) {
      select += select.empty() ? "SELECT " : ", ";
      select += static_cast<int>(i) == source ? rename : Col(schema->names[i]);
    }
    return select + From(node);
  }

  std::string Predicate(const DagNode& node) {
    if (!node.predicate.empty()) {
      // Printed from its AST: one expression whatever the text holds (comments, parentheses).
      return "(" + sql::ToSql(*sql::ParseExpression(node.predicate)) + ")";
    }
    std::string out;
    for (const auto& filter : node.filters) {
      int column = Require(node, 0, filter.values[0].value);
      const Schema* schema = Input(node, 0);
      const types::LogicalType* type = schema == nullptr ? nullptr : &schema->types[column];
      auto operand = [&](const FilterValue& value) {
        if (value.is_column) {
          Require(node, 0, value.value);
          return Col(value.value);
        }
        return Constant(value.value, filter.operation == "REGEX" ? nullptr : type);
      };
      std::string left = operand(filter.values[0]);
      std::string test;
      if (filter.operation == "ISNULL") {
        test = left + " IS NULL";
      } else if (filter.operation == "REGEX") {
        const FilterValue& pattern = filter.values[1];
        test = "regexp_like(CAST(" + left + " AS varchar), " +
               (pattern.is_column ? operand(pattern) : QuoteText(pattern.value)) + ")";
      } else {
        static const std::map<std::string, std::string> kOperators = {
            {"EQ", "="}, {"LT", "<"}, {"GT", ">"}, {"LTE", "<="}, {"GTE", ">="}};
        test = left + " " + kOperators.at(filter.operation) + " " + operand(filter.values[1]);
      }
      if (filter.negated) test = "NOT (" + test + ")";
      out += (out.empty() ? "" : " " + node.logical_operator + " ") + "(" + test + ")";
    }
    return out;
  }

  std::string JoinSql(const DagNode& node) {
    const std::string left = QuoteName(node.inputs[0]);
    const std::string right = QuoteName(node.inputs[1]);
    std::string on;
    for (size_t i = 0; i < node.join_columns[0].keys.size(); ++i) {
      Require(node, 0, node.join_columns[0].keys[i]);
      Require(node, 1, node.join_columns[1].keys[i]);
      on += (on.empty() ? "" : " AND ") + left + "." + Col(node.join_columns[0].keys[i]) + " = " +
            right + "." + Col(node.join_columns[1].keys[i]);
    }
    if (node.join_type == "leftsemi" || node.join_type == "leftanti") {
      return "SELECT * FROM " + left + " WHERE " + (node.join_type == "leftanti" ? "NOT " : "") +
             "EXISTS (SELECT 1 FROM " + right + " WHERE " + on + ")";
    }
    // The output has both inputs' columns, so a name in both is ambiguous: Glue Studio asks
    // to rename one side first, and so does Basin.
    if (const Schema* a = Input(node, 0); a != nullptr) {
      const Schema* b = Input(node, 1);
      for (const auto& name : b->names) {
        if (a->Find(name) >= 0) {
          ThrowInvalid(Where(node) + ": column '" + name + "' is in both inputs ('" +
                       node.inputs[0] + "' and '" + node.inputs[1] + "'); rename one first " +
                       "(RenameField or ApplyMapping)");
        }
      }
    }
    static const std::map<std::string, std::string> kJoins = {{"equijoin", "JOIN"},
                                                              {"left", "LEFT JOIN"},
                                                              {"right", "RIGHT JOIN"},
                                                              {"outer", "FULL JOIN"}};
    return "SELECT " + left + ".*, " + right + ".* FROM " + left + " " + kJoins.at(node.join_type) +
           " " + right + " ON " + on;
  }

  // By name: every input must have the first input's columns, which are taken in its order.
  std::string UnionSql(const DagNode& node) {
    const Schema* first = Input(node, 0);
    std::string columns = "*";
    if (first != nullptr) {
      for (size_t i = 1; i < node.inputs.size(); ++i) {
        const Schema* other = Input(node, i);
        for (const auto& name : first->names) Require(node, i, name);
        for (const auto& name : other->names) {
          if (first->Find(name) < 0) {
            ThrowInvalid(Where(node) + ": input '" + node.inputs[i] + "' has column '" + name +
                         "', which input '" + node.inputs[0] + "' does not (a Union matches " +
                         "columns by name)");
          }
        }
      }
      columns = NameList(first->names);
    }
    std::string out;
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      if (i > 0) out += node.union_type == "ALL" ? " UNION ALL " : " UNION ";
      out += "SELECT " + columns + From(node, i);
    }
    return out;
  }

  // Glue's DropNullFields leaves out the columns whose every value is null (or, as chosen, an
  // empty string, the string 'null', or -1): which ones depends on the data, so the input is
  // read once here, with the same source predicates as the run.
  std::string DropNullsSql(const DagNode& node) {
    const Schema* schema = Input(node, 0);
    if (schema == nullptr) {
      return "SELECT * /* without the columns that hold only nulls */" + From(node);
    }
    std::string probe = "SELECT count(*)";
    for (size_t i = 0; i < schema->names.size(); ++i) {
      const types::LogicalType& type = schema->types[i];
      std::string column = Col(schema->names[i]);
      std::string null_like = column + " IS NULL";
      bool text = type.id() == types::TypeId::kVarchar;
      if (text && node.null_if_empty) null_like += " OR " + column + " = ''";
      if (text && node.null_if_null_string) null_like += " OR " + column + " = 'null'";
      bool number = type.IsInteger() || type.id() == types::TypeId::kFloat ||
                    type.id() == types::TypeId::kDouble || type.id() == types::TypeId::kDecimal;
      if (number && node.null_if_neg_one) null_like += " OR " + column + " = -1";
      probe += ", count(CASE WHEN " + null_like + " THEN NULL ELSE 1 END)";
    }
    probe = With() + probe + From(node);
    sql::Session session(catalog_->path().parent_path(), *catalog_);
    sql::StatementResult result;
    try {
      result = session.Execute(probe);
    } catch (const Error& error) {
      throw Error(error.code(),
                  Where(node) + ": reading the input to find null columns: " + error.what());
    }
    const columnar::DataChunk* counts = nullptr;
    for (const auto& chunk : result.chunks) {
      if (chunk.size() > 0) counts = &chunk;
    }
    if (counts == nullptr) ThrowInternal(Where(node) + ": the null count returned no row");
    std::vector<std::string> kept;
    bool empty = counts->column(0).data<int64_t>()[0] == 0;
    for (size_t i = 0; i < schema->names.size(); ++i) {
      // With no rows there is nothing to judge by: every column stays.
      if (empty || counts->column(i + 1).data<int64_t>()[0] > 0) kept.push_back(schema->names[i]);
    }
    if (kept.empty()) ThrowInvalid(Where(node) + ": every column of its input holds only nulls");
    return "SELECT " + NameList(kept) + From(node);
  }

  std::string DropDuplicatesSql(const DagNode& node) {
    if (node.columns.empty()) return "SELECT DISTINCT *" + From(node);
    for (const auto& column : node.columns) Require(node, 0, column);
    const Schema* schema = Input(node, 0);
    if (schema == nullptr) {
      return "SELECT * /* one row per " + NameList(node.columns) + " */" + From(node);
    }
    // One row per key, the first the engine meets (Glue keeps an arbitrary one too).
    const std::string rank = "__basin_row";
    if (schema->Find(rank) >= 0) ThrowInvalid(Where(node) + ": a column is named " + rank);
    return "SELECT " + NameList(schema->names) + " FROM (SELECT *, row_number() OVER " +
           "(PARTITION BY " + NameList(node.columns) + ") AS " + QuoteName(rank) + From(node) +
           ") AS " + QuoteName("__basin_rows") + " WHERE " + QuoteName(rank) + " = 1";
  }

  // The query in a scope where each alias names its input; printed from its AST so the text
  // is one query whatever it holds.
  std::string SqlQuerySql(const DagNode& node) {
    sql::StatementPtr statement = sql::ParseStatement(node.sql_query);
    std::string query = sql::ToSql(*statement->As<sql::QueryStatement>().query);
    std::string with;
    for (const auto& alias : node.sql_aliases) {
      with += (with.empty() ? "WITH " : ", ") + QuoteName(alias.alias) + " AS (SELECT * FROM " +
              QuoteName(alias.from) + ")";
    }
    return with + " SELECT * FROM (" + query + ") AS " + QuoteName("__basin_query");
  }

  const Dag& dag_;
  const SourcePredicates& predicates_;
  catalog::Catalog* catalog_;
  std::vector<std::string> ctes_;
  std::map<std::string, Schema> schemas_;
};

std::string UnloadFormat(const DagNode& target) {
  if (target.format == "json") return "format = 'JSON'";
  if (target.format == "csv") return "format = 'TEXTFILE', field_delimiter = ','";
  return "format = 'PARQUET'";
}

std::string KeyArray(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& key : keys) {
    out += (out.empty() ? "" : ", ") + QuoteText(catalog::NormalizeColumnName(key));
  }
  return "ARRAY[" + out + "]";
}

}  // namespace

std::string QuoteName(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string QuoteText(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out + "'";
}

std::string CompileQuery(const Dag& dag, const SourcePredicates& predicates,
                         catalog::Catalog* catalog) {
  Compiler compiler(dag, predicates, catalog);
  return compiler.Query(TargetOf(dag).partition_keys, nullptr);
}

CompiledJob CompileJob(const Dag& dag, catalog::Catalog& catalog,
                       const SourcePredicates& predicates) {
  const DagNode& target = TargetOf(dag);
  CompiledJob job;
  job.target_file_size_bytes = target.target_file_size_bytes;
  for (const auto& node : dag.nodes) {
    if (node.kind != NodeKind::kCatalogSource) continue;
    if (node.split_column.empty() && node.splits == 0) continue;
    job.database_scan_splits[catalog::NormalizeName("database name", node.database) + "." +
                             catalog::NormalizeName("table name", node.table)] =
        sql::DatabaseScanSplit{node.split_column, node.splits};
  }
  job.location = WithSlash(target.path);
  Compiler compiler(dag, predicates, &catalog);

  if (target.catalog_table.empty()) {
    if (target.write_mode != "append") {
      ThrowUnsupported(Where(target) + ": WriteMode " + target.write_mode +
                       " needs a catalog "
                       "table (CatalogDatabase and CatalogTable); without one the target is "
                       "written with UNLOAD, into an empty folder");
    }
    job.query = compiler.Query(target.partition_keys, nullptr);
    std::string with = UnloadFormat(target);
    if (!target.compression.empty()) with += ", compression = " + QuoteText(target.compression);
    if (!target.partition_keys.empty()) {
      with += ", partitioned_by = " + KeyArray(target.partition_keys);
    }
    // Every run appends (the only mode here): a second run writes beside the first run's
    // files instead of failing on a folder that is not empty.
    with += ", append = true";
    job.kind = "UNLOAD";
    job.statement =
        "UNLOAD (" + job.query + ") TO " + QuoteText(job.location) + " WITH (" + with + ")";
    return job;
  }

  job.catalog_database = catalog::NormalizeName("database name", target.catalog_database);
  job.catalog_table = catalog::NormalizeName("table name", target.catalog_table);
  std::string qualified = job.catalog_database + "." + job.catalog_table;
  std::string table_name = QuoteName(job.catalog_database) + "." + QuoteName(job.catalog_table);
  std::optional<catalog::Table> existing;
  try {
    existing = catalog.GetTable(job.catalog_database, job.catalog_table);
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound) throw;
  }
  if (!existing) {
    catalog.GetDatabase(job.catalog_database);  // NotFound: the database must exist
    job.query = compiler.Query(target.partition_keys, nullptr);
    job.creates_table = true;
    std::string with =
        "format = " + QuoteText(target.format) + ", external_location = " + QuoteText(job.location);
    if (!target.compression.empty()) {
      with += ", write_compression = " + QuoteText(target.compression);
    }
    if (!target.partition_keys.empty()) {
      with += ", partitioned_by = " + KeyArray(target.partition_keys);
    }
    job.kind = "CREATE TABLE AS";
    job.statement = "CREATE TABLE " + table_name + " WITH (" + with + ") AS " + job.query;
    return job;
  }

  if (!AtTargetPath(existing->storage_descriptor.location, job.location)) {
    ThrowInvalid(Where(target) + ": the target table " + qualified + " is at " +
                 existing->storage_descriptor.location + ", not at the target path " +
                 job.location);
  }
  std::string classification = sql::ClassificationOf(*existing);
  if (classification != target.format) {
    ThrowInvalid(Where(target) + ": the target table " + qualified + " holds " + classification +
                 ", not " + target.format);
  }
  std::vector<std::string> table_keys;
  for (const auto& key : existing->partition_keys) table_keys.push_back(key.name);
  std::vector<std::string> dag_keys;
  for (const auto& key : target.partition_keys) {
    dag_keys.push_back(catalog::NormalizeColumnName(key));
  }
  if (!target.partition_keys.empty() && dag_keys != table_keys) {
    ThrowInvalid(Where(target) + ": PartitionKeys (" + NameList(dag_keys) + ") differ from the " +
                 "target table " + qualified + "'s partition keys (" + NameList(table_keys) + ")");
  }
  // The table's columns by name, in its order (partition keys last).
  std::vector<std::string> columns;
  for (const auto& column : existing->storage_descriptor.columns) columns.push_back(column.name);
  columns.insert(columns.end(), table_keys.begin(), table_keys.end());
  job.query = compiler.Query({}, &columns);
  if (target.write_mode == "append") {
    job.kind = "INSERT INTO";
    job.statement = "INSERT INTO " + table_name + " " + job.query;
  } else if (target.write_mode == "overwrite") {
    job.kind = "INSERT OVERWRITE";
    job.statement = "INSERT OVERWRITE " + table_name + " " + job.query;
  } else {
    if (table_keys.empty()) {
      ThrowInvalid(Where(target) + ": WriteMode overwrite-partitions, but the target table " +
                   qualified + " has no partition keys");
    }
    job.kind = "INSERT OVERWRITE";
    job.statement =
        "INSERT OVERWRITE " + table_name + " PARTITION (" + NameList(table_keys) + ") " + job.query;
  }
  return job;
}

}  // namespace basin::etl
