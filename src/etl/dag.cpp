// The job DAG: its JSON form and the graph checks.
#include "etl/dag.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/parser/parser.hpp"

namespace basin::etl {

namespace {

using nlohmann::json;

std::string Where(const std::string& id) { return "DAG node '" + id + "'"; }

std::string String(const json& object, const std::string& id, const char* key, bool required) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) ThrowInvalid(Where(id) + " needs " + key);
    return "";
  }
  if (!it->is_string()) ThrowInvalid(Where(id) + ": " + key + " must be a string");
  return it->get<std::string>();
}

bool Boolean(const json& object, const std::string& id, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) ThrowInvalid(Where(id) + ": " + key + " must be true or false");
  return it->get<bool>();
}

// One of `allowed` (compared as written), or `fallback` when absent.
std::string Choice(const json& object, const std::string& id, const char* key,
                   const std::vector<std::string>& allowed, const std::string& fallback) {
  std::string value = String(object, id, key, fallback.empty());
  if (value.empty()) return fallback;
  for (const auto& option : allowed) {
    if (value == option) return value;
  }
  std::string list;
  for (const auto& option : allowed) list += (list.empty() ? "" : ", ") + option;
  ThrowInvalid(Where(id) + ": " + key + " '" + value + "' is not one of " + list);
}

std::vector<std::string> Inputs(const json& object, const std::string& id) {
  std::vector<std::string> inputs;
  auto it = object.find("Inputs");
  if (it == object.end() || it->is_null()) return inputs;
  if (!it->is_array()) ThrowInvalid(Where(id) + ": Inputs must be an array of node ids");
  for (const auto& input : *it) {
    if (!input.is_string()) ThrowInvalid(Where(id) + ": Inputs must be an array of node ids");
    inputs.push_back(input.get<std::string>());
  }
  return inputs;
}

// A Glue path (["column"]) naming a top-level column.
std::string Column(const json& path, const std::string& where) {
  if (!path.is_array() || path.empty()) ThrowInvalid(where + " must be a path: [\"column\"]");
  for (const auto& part : path) {
    if (!part.is_string() || part.get<std::string>().empty()) {
      ThrowInvalid(where + " must be a path of non-empty strings: [\"column\"]");
    }
  }
  if (path.size() > 1) {
    // Glue's paths reach into nested fields; the engine has no struct field access yet.
    ThrowUnsupported(where + ": nested paths (" + path.dump() +
                     ") are not supported, only top-level columns");
  }
  return path[0].get<std::string>();
}

// A list of Glue paths (Paths, Keys, Columns): [["a"], ["b"]].
std::vector<std::string> Columns(const json& object, const std::string& id, const char* key,
                                 bool required) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) ThrowInvalid(Where(id) + " needs " + key);
    return out;
  }
  if (!it->is_array() || (required && it->empty())) {
    ThrowInvalid(Where(id) + ": " + key + " must be a non-empty array of paths: [[\"column\"]]");
  }
  for (size_t i = 0; i < it->size(); ++i) {
    out.push_back(Column((*it)[i], Where(id) + ": " + key + " " + std::to_string(i + 1)));
  }
  return out;
}

json Paths(const std::vector<std::string>& columns) {
  json out = json::array();
  for (const auto& column : columns) out.push_back(json::array({column}));
  return out;
}

Mapping MappingFromJson(const json& in, const std::string& id, size_t index) {
  std::string where = Where(id) + " mapping " + std::to_string(index + 1);
  if (!in.is_object()) ThrowInvalid(where + " must be an object");
  Mapping mapping;
  auto path = in.find("FromPath");
  if (path == in.end()) ThrowInvalid(where + " needs FromPath");
  mapping.from_column = Column(*path, where + ": FromPath");
  if (in.contains("Children")) {
    ThrowUnsupported(where + ": Children (nested mappings) are not supported");
  }
  mapping.from_type = String(in, id, "FromType", true);
  mapping.to_column = String(in, id, "ToKey", true);
  mapping.to_type = String(in, id, "ToType", true);
  mapping.try_cast = Boolean(in, id, "Try");
  mapping.dropped = Boolean(in, id, "Dropped");
  if (mapping.to_column.empty()) ThrowInvalid(where + ": ToKey must not be empty");
  return mapping;
}

std::vector<std::string> Strings(const json& object, const std::string& id, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array()) ThrowInvalid(Where(id) + ": " + key + " must be an array of strings");
  for (const auto& item : *it) {
    if (!item.is_string() || item.get<std::string>().empty()) {
      ThrowInvalid(Where(id) + ": " + key + " must be an array of non-empty strings");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

int64_t Integer(const json& object, const std::string& id, const char* key, int64_t minimum) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || it->get<int64_t>() < minimum) {
    ThrowInvalid(Where(id) + ": " + key + " must be an integer of at least " +
                 std::to_string(minimum));
  }
  return it->get<int64_t>();
}

std::vector<FilterExpression> FiltersFromJson(const json& in, const std::string& id) {
  if (!in.is_array() || in.empty()) ThrowInvalid(Where(id) + ": Filters must be a non-empty array");
  std::vector<FilterExpression> out;
  for (size_t i = 0; i < in.size(); ++i) {
    std::string where = Where(id) + " filter " + std::to_string(i + 1);
    if (!in[i].is_object()) ThrowInvalid(where + " must be an object");
    FilterExpression filter;
    filter.operation =
        Choice(in[i], id, "Operation", {"EQ", "LT", "GT", "LTE", "GTE", "REGEX", "ISNULL"}, "");
    filter.negated = Boolean(in[i], id, "Negated");
    auto values = in[i].find("Values");
    size_t wanted = filter.operation == "ISNULL" ? 1 : 2;
    if (values == in[i].end() || !values->is_array() || values->size() != wanted) {
      ThrowInvalid(where + ": " + filter.operation + " takes " + std::to_string(wanted) +
                   " value(s) in Values");
    }
    for (const auto& value : *values) {
      if (!value.is_object()) ThrowInvalid(where + ": each value must be an object");
      FilterValue operand;
      operand.is_column =
          Choice(value, id, "Type", {"COLUMNEXTRACTED", "CONSTANT"}, "") == "COLUMNEXTRACTED";
      auto text = value.find("Value");
      if (text == value.end() || !text->is_array() || text->size() != 1 ||
          !(*text)[0].is_string()) {
        if (operand.is_column && text != value.end()) Column(*text, where + ": Value");
        ThrowInvalid(where + ": Value must be [\"text\"]");
      }
      operand.value = (*text)[0].get<std::string>();
      if (operand.is_column && operand.value.empty()) ThrowInvalid(where + ": empty column name");
      filter.values.push_back(std::move(operand));
    }
    if (!filter.values[0].is_column) {
      ThrowInvalid(where + ": the first value must be a column (COLUMNEXTRACTED)");
    }
    out.push_back(std::move(filter));
  }
  return out;
}

json FiltersToJson(const std::vector<FilterExpression>& filters) {
  json out = json::array();
  for (const auto& filter : filters) {
    json values = json::array();
    for (const auto& value : filter.values) {
      values.push_back({{"Type", value.is_column ? "COLUMNEXTRACTED" : "CONSTANT"},
                        {"Value", json::array({value.value})}});
    }
    json item = {{"Operation", filter.operation}, {"Values", std::move(values)}};
    if (filter.negated) item["Negated"] = true;
    out.push_back(std::move(item));
  }
  return out;
}

void ReadTransform(const std::string& type, const json& body, DagNode& node) {
  const std::string& id = node.id;
  if (type == "ApplyMapping") {
    node.kind = NodeKind::kApplyMapping;
    auto mapping = body.find("Mapping");
    if (mapping == body.end() || !mapping->is_array() || mapping->empty()) {
      ThrowInvalid(Where(id) + ": Mapping must be a non-empty array");
    }
    for (size_t i = 0; i < mapping->size(); ++i) {
      node.mappings.push_back(MappingFromJson((*mapping)[i], id, i));
    }
  } else if (type == "SelectFields" || type == "DropFields") {
    node.kind = type == "SelectFields" ? NodeKind::kSelectFields : NodeKind::kDropFields;
    node.columns = Columns(body, id, "Paths", true);
  } else if (type == "RenameField") {
    node.kind = NodeKind::kRenameField;
    auto source = body.find("SourcePath");
    auto target = body.find("TargetPath");
    if (source == body.end() || target == body.end()) {
      ThrowInvalid(Where(id) + " needs SourcePath and TargetPath");
    }
    node.source_column = Column(*source, Where(id) + ": SourcePath");
    node.target_column = Column(*target, Where(id) + ": TargetPath");
  } else if (type == "Filter") {
    node.kind = NodeKind::kFilter;
    node.predicate = String(body, id, "Predicate", false);
    bool structured = body.contains("Filters");
    if (node.predicate.empty() == !structured) {
      ThrowInvalid(Where(id) + " needs either Predicate (SQL) or LogicalOperator and Filters");
    }
    if (structured) {
      node.logical_operator = Choice(body, id, "LogicalOperator", {"AND", "OR"}, "AND");
      node.filters = FiltersFromJson(body["Filters"], id);
    } else {
      try {
        sql::ParseExpression(node.predicate);
      } catch (const Error& error) {
        ThrowInvalid(Where(id) + ": Predicate is not an SQL expression: " + error.what());
      }
    }
  } else if (type == "Join") {
    node.kind = NodeKind::kJoin;
    node.join_type = Choice(body, id, "JoinType",
                            {"equijoin", "left", "right", "outer", "leftsemi", "leftanti"}, "");
    auto columns = body.find("Columns");
    if (columns == body.end() || !columns->is_array() || columns->size() != 2) {
      ThrowInvalid(Where(id) + ": Columns must be two objects {From, Keys}, one per input");
    }
    for (const auto& column : *columns) {
      if (!column.is_object()) ThrowInvalid(Where(id) + ": Columns must hold objects");
      node.join_columns.push_back(
          JoinColumn{String(column, id, "From", true), Columns(column, id, "Keys", true)});
    }
    if (node.join_columns[0].keys.size() != node.join_columns[1].keys.size()) {
      ThrowInvalid(Where(id) + ": both inputs need the same number of Keys");
    }
  } else if (type == "Union") {
    node.kind = NodeKind::kUnion;
    node.union_type = Choice(body, id, "UnionType", {"ALL", "DISTINCT"}, "ALL");
  } else if (type == "DropNullFields") {
    node.kind = NodeKind::kDropNullFields;
    auto checks = body.find("NullCheckBoxList");
    if (checks != body.end() && !checks->is_null()) {
      if (!checks->is_object()) ThrowInvalid(Where(id) + ": NullCheckBoxList must be an object");
      node.null_if_empty = Boolean(*checks, id, "IsEmpty");
      node.null_if_null_string = Boolean(*checks, id, "IsNullString");
      node.null_if_neg_one = Boolean(*checks, id, "IsNegOne");
    }
    auto texts = body.find("NullTextList");
    if (texts != body.end() && !texts->is_null() && !texts->empty()) {
      ThrowUnsupported(Where(id) + ": NullTextList is not supported (use NullCheckBoxList)");
    }
  } else if (type == "DropDuplicates") {
    node.kind = NodeKind::kDropDuplicates;
    node.columns = Columns(body, id, "Columns", false);
  } else if (type == "SqlQuery" || type == "SparkSQL") {
    node.kind = NodeKind::kSqlQuery;
    node.sql_query = String(body, id, "SqlQuery", true);
    try {
      sql::StatementPtr statement = sql::ParseStatement(node.sql_query);
      if (statement->kind != sql::StatementKind::kQuery) {
        ThrowInvalid("it is not a query");
      }
    } catch (const Error& error) {
      ThrowInvalid(Where(id) + ": SqlQuery must be one SELECT query: " + error.what());
    }
    auto aliases = body.find("SqlAliases");
    if (aliases == body.end() || !aliases->is_array()) {
      ThrowInvalid(Where(id) + ": SqlAliases must be an array of {From, Alias}");
    }
    for (const auto& alias : *aliases) {
      if (!alias.is_object()) ThrowInvalid(Where(id) + ": SqlAliases must hold objects");
      node.sql_aliases.push_back(
          SqlAlias{String(alias, id, "From", true), String(alias, id, "Alias", true)});
      if (node.sql_aliases.back().alias.empty()) ThrowInvalid(Where(id) + ": an empty Alias");
    }
  } else {
    ThrowUnsupported(Where(id) + ": node type '" + type +
                     "' is not supported (see src/etl/README.md for the node types)");
  }
}

void WriteTransform(const DagNode& node, json& body) {
  switch (node.kind) {
    case NodeKind::kApplyMapping: {
      json mappings = json::array();
      for (const auto& mapping : node.mappings) {
        json item = {{"FromPath", {mapping.from_column}},
                     {"FromType", mapping.from_type},
                     {"ToKey", mapping.to_column},
                     {"ToType", mapping.to_type}};
        if (mapping.try_cast) item["Try"] = true;
        if (mapping.dropped) item["Dropped"] = true;
        mappings.push_back(std::move(item));
      }
      body["Mapping"] = std::move(mappings);
      break;
    }
    case NodeKind::kSelectFields:
    case NodeKind::kDropFields: body["Paths"] = Paths(node.columns); break;
    case NodeKind::kRenameField:
      body["SourcePath"] = json::array({node.source_column});
      body["TargetPath"] = json::array({node.target_column});
      break;
    case NodeKind::kFilter:
      if (!node.predicate.empty()) {
        body["Predicate"] = node.predicate;
      } else {
        body["LogicalOperator"] = node.logical_operator;
        body["Filters"] = FiltersToJson(node.filters);
      }
      break;
    case NodeKind::kJoin: {
      body["JoinType"] = node.join_type;
      json columns = json::array();
      for (const auto& column : node.join_columns) {
        columns.push_back({{"From", column.from}, {"Keys", Paths(column.keys)}});
      }
      body["Columns"] = std::move(columns);
      break;
    }
    case NodeKind::kUnion: body["UnionType"] = node.union_type; break;
    case NodeKind::kDropNullFields:
      if (node.null_if_empty || node.null_if_null_string || node.null_if_neg_one) {
        body["NullCheckBoxList"] = {{"IsEmpty", node.null_if_empty},
                                    {"IsNullString", node.null_if_null_string},
                                    {"IsNegOne", node.null_if_neg_one}};
      }
      break;
    case NodeKind::kDropDuplicates:
      if (!node.columns.empty()) body["Columns"] = Paths(node.columns);
      break;
    case NodeKind::kSqlQuery: {
      body["SqlQuery"] = node.sql_query;
      json aliases = json::array();
      for (const auto& alias : node.sql_aliases) {
        aliases.push_back({{"From", alias.from}, {"Alias", alias.alias}});
      }
      body["SqlAliases"] = std::move(aliases);
      break;
    }
    case NodeKind::kCatalogSource:
    case NodeKind::kLakeTarget: break;
  }
}

// The number of inputs a node takes: [minimum, maximum].
std::pair<size_t, size_t> Arity(NodeKind kind) {
  switch (kind) {
    case NodeKind::kCatalogSource: return {0, 0};
    case NodeKind::kJoin: return {2, 2};
    case NodeKind::kUnion: return {2, SIZE_MAX};
    case NodeKind::kSqlQuery: return {1, SIZE_MAX};
    default: return {1, 1};
  }
}

// What a Join's Columns and a SqlQuery's aliases say about the inputs.
void CheckInputReferences(const DagNode& node) {
  if (node.kind == NodeKind::kJoin) {
    if (node.join_columns.size() != 2) {
      ThrowInvalid(Where(node.id) + ": a Join needs Columns for each of its two inputs");
    }
    for (size_t i = 0; i < 2; ++i) {
      if (node.join_columns[i].from != node.inputs[i]) {
        ThrowInvalid(Where(node.id) + ": Columns " + std::to_string(i + 1) + " is From '" +
                     node.join_columns[i].from + "', but input " + std::to_string(i + 1) + " is '" +
                     node.inputs[i] + "' (list the keys in the order of Inputs)");
      }
    }
  }
  if (node.kind == NodeKind::kSqlQuery) {
    std::set<std::string> aliased;
    std::set<std::string> names;
    for (const auto& alias : node.sql_aliases) {
      if (std::find(node.inputs.begin(), node.inputs.end(), alias.from) == node.inputs.end()) {
        ThrowInvalid(Where(node.id) + ": alias '" + alias.alias + "' is From '" + alias.from +
                     "', which is not one of its Inputs");
      }
      if (!aliased.insert(alias.from).second) {
        ThrowInvalid(Where(node.id) + ": input '" + alias.from + "' has two aliases");
      }
      if (!names.insert(catalog::NormalizeColumnName(alias.alias)).second) {
        ThrowInvalid(Where(node.id) + ": alias '" + alias.alias + "' is used twice");
      }
    }
    for (const auto& input : node.inputs) {
      if (aliased.count(input) == 0) {
        ThrowInvalid(Where(node.id) + ": input '" + input + "' has no alias in SqlAliases");
      }
    }
  }
}

}  // namespace

std::string_view NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kCatalogSource: return "CatalogSource";
    case NodeKind::kApplyMapping: return "ApplyMapping";
    case NodeKind::kSelectFields: return "SelectFields";
    case NodeKind::kDropFields: return "DropFields";
    case NodeKind::kRenameField: return "RenameField";
    case NodeKind::kFilter: return "Filter";
    case NodeKind::kJoin: return "Join";
    case NodeKind::kUnion: return "Union";
    case NodeKind::kDropNullFields: return "DropNullFields";
    case NodeKind::kDropDuplicates: return "DropDuplicates";
    case NodeKind::kSqlQuery: return "SqlQuery";
    case NodeKind::kLakeTarget: break;
  }
  return "LakeTarget";
}

bool IsSource(NodeKind kind) { return kind == NodeKind::kCatalogSource; }

const DagNode& Dag::Node(std::string_view id) const {
  for (const auto& node : nodes) {
    if (node.id == id) return node;
  }
  throw Error(ErrorCode::kNotFound, "DAG node '" + std::string(id) + "' does not exist");
}

json DagToJson(const Dag& dag) {
  json out = json::object();
  for (const auto& node : dag.nodes) {
    json body = {{"Name", node.name}};
    if (!node.inputs.empty()) body["Inputs"] = node.inputs;
    switch (node.kind) {
      case NodeKind::kCatalogSource:
        body["Database"] = node.database;
        body["Table"] = node.table;
        if (!node.bookmark_keys.empty()) body["BookmarkKeys"] = node.bookmark_keys;
        if (!node.split_column.empty()) body["SplitColumn"] = node.split_column;
        if (node.splits != 0) body["Splits"] = node.splits;
        break;
      case NodeKind::kLakeTarget:
        body["Path"] = node.path;
        body["Format"] = node.format;
        if (!node.compression.empty()) body["Compression"] = node.compression;
        if (!node.catalog_table.empty()) {
          body["CatalogDatabase"] = node.catalog_database;
          body["CatalogTable"] = node.catalog_table;
        }
        if (!node.partition_keys.empty()) body["PartitionKeys"] = node.partition_keys;
        if (node.write_mode != "append") body["WriteMode"] = node.write_mode;
        if (node.target_file_size_bytes != 0) {
          body["TargetFileSizeBytes"] = node.target_file_size_bytes;
        }
        break;
      default: WriteTransform(node, body); break;
    }
    out[node.id] = {{std::string(NodeKindName(node.kind)), std::move(body)}};
  }
  return out;
}

Dag DagFromJson(const json& in) {
  if (!in.is_object()) ThrowInvalid("a job DAG must be a JSON object of nodes keyed by id");
  Dag dag;
  for (auto it = in.begin(); it != in.end(); ++it) {
    DagNode node;
    node.id = it.key();
    if (!it->is_object() || it->size() != 1) {
      ThrowInvalid(Where(node.id) + " must be an object with one member naming its type");
    }
    const std::string type = it->begin().key();
    const json& body = it->begin().value();
    if (!body.is_object()) ThrowInvalid(Where(node.id) + ": its " + type + " must be an object");
    node.name = String(body, node.id, "Name", false);
    node.inputs = Inputs(body, node.id);
    if (type == "CatalogSource") {
      node.kind = NodeKind::kCatalogSource;
      node.database = String(body, node.id, "Database", true);
      node.table = String(body, node.id, "Table", true);
      node.bookmark_keys = Strings(body, node.id, "BookmarkKeys");
      node.split_column = String(body, node.id, "SplitColumn", false);
      node.splits = Integer(body, node.id, "Splits", 1);
    } else if (type == "LakeTarget") {
      node.kind = NodeKind::kLakeTarget;
      node.path = String(body, node.id, "Path", true);
      node.format = Choice(body, node.id, "Format", {"parquet", "csv", "json"}, "parquet");
      node.compression = String(body, node.id, "Compression", false);
      node.catalog_database = String(body, node.id, "CatalogDatabase", false);
      node.catalog_table = String(body, node.id, "CatalogTable", false);
      if (node.catalog_database.empty() != node.catalog_table.empty()) {
        ThrowInvalid(Where(node.id) + ": give both CatalogDatabase and CatalogTable, or neither");
      }
      node.partition_keys = Strings(body, node.id, "PartitionKeys");
      node.write_mode = Choice(body, node.id, "WriteMode",
                               {"append", "overwrite", "overwrite-partitions"}, "append");
      if (node.write_mode == "overwrite-partitions" && node.partition_keys.empty()) {
        ThrowInvalid(Where(node.id) + ": WriteMode overwrite-partitions needs PartitionKeys");
      }
      node.target_file_size_bytes = Integer(body, node.id, "TargetFileSizeBytes", 1 << 20);
    } else {
      ReadTransform(type, body, node);
    }
    dag.nodes.push_back(std::move(node));
  }
  ValidateDag(dag);
  return dag;
}

std::string DagToText(const Dag& dag) { return DagToJson(dag).dump(2); }

Dag ParseDag(std::string_view text) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) ThrowInvalid("the job DAG is not valid JSON");
  return DagFromJson(parsed);
}

void ValidateDag(Dag& dag) {
  std::map<std::string, size_t> index;
  std::map<std::string, std::string> sql_names;  // lower-cased id → id
  for (size_t i = 0; i < dag.nodes.size(); ++i) {
    const auto& node = dag.nodes[i];
    if (node.id.empty()) ThrowInvalid("a DAG node has an empty id");
    if (!index.emplace(node.id, i).second) ThrowInvalid(Where(node.id) + " appears twice");
    // Each node becomes a CTE, and SQL names ignore case.
    auto [other, added] = sql_names.emplace(catalog::NormalizeColumnName(node.id), node.id);
    if (!added) {
      ThrowInvalid(Where(node.id) + " and node '" + other->second +
                   "' have ids that differ only in case");
    }
  }
  size_t targets = 0;
  for (const auto& node : dag.nodes) {
    auto [least, most] = Arity(node.kind);
    if (node.inputs.size() < least || node.inputs.size() > most) {
      std::string expected = least == most ? std::to_string(least)
                             : most == SIZE_MAX
                                 ? std::to_string(least) + " or more"
                                 : std::to_string(least) + " to " + std::to_string(most);
      ThrowInvalid(Where(node.id) + " (" + std::string(NodeKindName(node.kind)) + ") takes " +
                   expected + " input(s), not " + std::to_string(node.inputs.size()));
    }
    std::set<std::string> seen;
    for (const auto& input : node.inputs) {
      auto found = index.find(input);
      if (found == index.end()) {
        ThrowInvalid(Where(node.id) + " reads node '" + input + "', which does not exist");
      }
      if (dag.nodes[found->second].kind == NodeKind::kLakeTarget) {
        ThrowInvalid(Where(node.id) + " reads target node '" + input + "': targets have no output");
      }
      if (!seen.insert(input).second && node.kind != NodeKind::kUnion) {
        ThrowInvalid(Where(node.id) + " reads node '" + input + "' twice");
      }
    }
    CheckInputReferences(node);
    if (node.kind == NodeKind::kLakeTarget) ++targets;
  }
  if (targets != 1) {
    ThrowInvalid("a job DAG needs exactly one target node, this one has " +
                 std::to_string(targets));
  }
  // Kahn's algorithm, taking ready nodes in id order so the order is deterministic.
  std::vector<size_t> pending(dag.nodes.size());
  std::vector<std::vector<size_t>> readers(dag.nodes.size());
  for (size_t i = 0; i < dag.nodes.size(); ++i) {
    pending[i] = dag.nodes[i].inputs.size();
    for (const auto& input : dag.nodes[i].inputs) readers[index[input]].push_back(i);
  }
  std::set<std::pair<std::string, size_t>> ready;
  for (size_t i = 0; i < dag.nodes.size(); ++i) {
    if (pending[i] == 0) ready.emplace(dag.nodes[i].id, i);
  }
  std::vector<DagNode> sorted;
  while (!ready.empty()) {
    size_t i = ready.begin()->second;
    ready.erase(ready.begin());
    sorted.push_back(dag.nodes[i]);
    for (size_t reader : readers[i]) {
      if (--pending[reader] == 0) ready.emplace(dag.nodes[reader].id, reader);
    }
  }
  if (sorted.size() != dag.nodes.size()) {
    for (size_t i = 0; i < dag.nodes.size(); ++i) {
      if (pending[i] > 0) ThrowInvalid(Where(dag.nodes[i].id) + " is part of a cycle");
    }
  }
  dag.nodes = std::move(sorted);
}

}  // namespace basin::etl
