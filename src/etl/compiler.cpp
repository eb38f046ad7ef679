// DAG → SQL: one query for the nodes, CTAS or INSERT for the target.
#include "etl/compiler.hpp"

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/engine/table_definition.hpp"
#include "types/logical_type.hpp"

namespace basin::etl {

namespace {

const DagNode& TargetOf(const Dag& dag) {
  for (const auto& node : dag.nodes) {
    if (node.kind == NodeKind::kLakeTarget) return node;
  }
  ThrowInvalid("the job DAG has no target node");
}

// The SQL of the relation `id` produces. Sources are table references; anything else a
// parenthesised subquery, so nodes nest as the DAG chains them.
std::string Relation(const Dag& dag, const std::string& id, const SourcePredicates& predicates,
                     int depth);

std::string NodeQuery(const Dag& dag, const DagNode& node, const SourcePredicates& predicates,
                      int depth) {
  if (depth > 1000) ThrowInvalid("the job DAG is nested deeper than 1000 nodes");
  switch (node.kind) {
    case NodeKind::kCatalogSource: {
      std::string select = "SELECT * FROM " + QuoteName(node.database) + "." + QuoteName(node.table);
      auto predicate = predicates.find(node.id);
      if (predicate != predicates.end()) select += " WHERE " + predicate->second;
      return select;
    }
    case NodeKind::kApplyMapping: {
      std::string select = "SELECT ";
      for (size_t i = 0; i < node.mappings.size(); ++i) {
        const Mapping& mapping = node.mappings[i];
        if (i > 0) select += ", ";
        // Same type: the column as it is; otherwise a CAST, which fails naming the value.
        bool same = types::ParseHiveType(mapping.from_type) == types::ParseHiveType(mapping.to_type);
        if (same) {
          select += QuoteName(mapping.from_column);
        } else {
          select += "CAST(" + QuoteName(mapping.from_column) + " AS " + mapping.to_type + ")";
        }
        select += " AS " + QuoteName(mapping.to_column);
      }
      return select + " FROM " + Relation(dag, node.inputs.at(0), predicates, depth + 1);
    }
    case NodeKind::kLakeTarget:
      return NodeQuery(dag, dag.Node(node.inputs.at(0)), predicates, depth + 1);
  }
  ThrowInternal("unknown DAG node kind");
}

std::string Relation(const Dag& dag, const std::string& id, const SourcePredicates& predicates,
                     int depth) {
  const DagNode& node = dag.Node(id);
  if (node.kind == NodeKind::kCatalogSource && predicates.count(node.id) == 0) {
    return QuoteName(node.database) + "." + QuoteName(node.table);
  }
  return "(" + NodeQuery(dag, node, predicates, depth) + ") AS " + QuoteName(node.id);
}

std::string WithSlash(std::string path) {
  if (!path.empty() && path.back() != '/') path.push_back('/');
  return path;
}

// Every mapped column must exist in the source with the mapping's type.
void CheckSources(const Dag& dag, catalog::Catalog& catalog) {
  for (const auto& node : dag.nodes) {
    if (node.kind != NodeKind::kApplyMapping) continue;
    const DagNode& input = dag.Node(node.inputs.at(0));
    if (input.kind != NodeKind::kCatalogSource) continue;
    catalog::Table table = catalog.GetTable(input.database, input.table);
    std::vector<catalog::Column> columns = table.storage_descriptor.columns;
    columns.insert(columns.end(), table.partition_keys.begin(), table.partition_keys.end());
    for (const auto& mapping : node.mappings) {
      std::string name = catalog::NormalizeColumnName(mapping.from_column);
      const catalog::Column* found = nullptr;
      for (const auto& column : columns) {
        if (column.name == name) found = &column;
      }
      std::string where = "DAG node '" + node.id + "': column '" + mapping.from_column + "' of " +
                          input.database + "." + input.table;
      if (found == nullptr) ThrowInvalid(where + " does not exist (the source table changed)");
      if (!(types::ParseHiveType(found->type) == types::ParseHiveType(mapping.from_type))) {
        ThrowInvalid(where + " is " + found->type + ", the mapping expects " + mapping.from_type +
                     " (the source table changed type)");
      }
    }
  }
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

std::string CompileQuery(const Dag& dag, const SourcePredicates& predicates) {
  return NodeQuery(dag, TargetOf(dag), predicates, 0);
}

CompiledJob CompileJob(const Dag& dag, catalog::Catalog& catalog,
                       const SourcePredicates& predicates) {
  const DagNode& target = TargetOf(dag);
  if (target.catalog_table.empty()) {
    ThrowUnsupported("DAG node '" + target.id + "': a target without CatalogDatabase and "
                     "CatalogTable is not supported yet");
  }
  CheckSources(dag, catalog);
  CompiledJob job;
  job.query = CompileQuery(dag, predicates);
  job.target_file_size_bytes = target.target_file_size_bytes;
  for (const auto& node : dag.nodes) {
    if (node.kind != NodeKind::kCatalogSource) continue;
    if (node.split_column.empty() && node.splits == 0) continue;
    job.database_scan_splits[catalog::NormalizeName("database name", node.database) + "." +
                             catalog::NormalizeName("table name", node.table)] =
        sql::DatabaseScanSplit{node.split_column, node.splits};
  }
  job.location = WithSlash(target.path);
  job.catalog_database = catalog::NormalizeName("database name", target.catalog_database);
  job.catalog_table = catalog::NormalizeName("table name", target.catalog_table);
  std::string table_name = QuoteName(job.catalog_database) + "." + QuoteName(job.catalog_table);
  try {
    catalog::Table existing = catalog.GetTable(job.catalog_database, job.catalog_table);
    if (WithSlash(existing.storage_descriptor.location) != job.location) {
      ThrowInvalid("DAG node '" + target.id + "': the target table " + job.catalog_database +
                   "." + job.catalog_table + " is at " + existing.storage_descriptor.location +
                   ", not at the target path " + job.location);
    }
    std::string classification = sql::ClassificationOf(existing);
    if (classification != target.format) {
      ThrowInvalid("DAG node '" + target.id + "': the target table " + job.catalog_database +
                   "." + job.catalog_table + " holds " + classification + ", not " +
                   target.format);
    }
    job.statement = "INSERT INTO " + table_name + " " + job.query;
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound) throw;
    catalog.GetDatabase(job.catalog_database);  // NotFound: the database must exist
    job.creates_table = true;
    std::string with = "format = " + QuoteText(target.format) +
                       ", external_location = " + QuoteText(job.location);
    if (!target.compression.empty()) {
      with += ", write_compression = " + QuoteText(target.compression);
    }
    job.statement = "CREATE TABLE " + table_name + " WITH (" + with + ") AS " + job.query;
  }
  return job;
}

}  // namespace basin::etl
