// The job DAG: its JSON form and the graph checks.
#include "etl/dag.hpp"

#include <map>
#include <set>

#include "common/error.hpp"

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

Mapping MappingFromJson(const json& in, const std::string& id, size_t index) {
  std::string where = Where(id) + " mapping " + std::to_string(index + 1);
  if (!in.is_object()) ThrowInvalid(where + " must be an object");
  Mapping mapping;
  auto path = in.find("FromPath");
  if (path == in.end() || !path->is_array() || path->size() != 1 || !(*path)[0].is_string()) {
    // Glue allows a path into nested fields; this slice maps top-level columns.
    ThrowInvalid(where + ": FromPath must be [\"column\"] (nested paths are not supported yet)");
  }
  mapping.from_column = (*path)[0].get<std::string>();
  mapping.from_type = String(in, id, "FromType", true);
  mapping.to_column = String(in, id, "ToKey", true);
  mapping.to_type = String(in, id, "ToType", true);
  if (mapping.from_column.empty() || mapping.to_column.empty()) {
    ThrowInvalid(where + ": column names must not be empty");
  }
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

}  // namespace

std::string_view NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kCatalogSource: return "CatalogSource";
    case NodeKind::kApplyMapping: return "ApplyMapping";
    case NodeKind::kLakeTarget: break;
  }
  return "LakeTarget";
}

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
      case NodeKind::kApplyMapping: {
        json mappings = json::array();
        for (const auto& mapping : node.mappings) {
          mappings.push_back({{"FromPath", {mapping.from_column}},
                              {"FromType", mapping.from_type},
                              {"ToKey", mapping.to_column},
                              {"ToType", mapping.to_type}});
        }
        body["Mapping"] = std::move(mappings);
        break;
      }
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
    } else if (type == "ApplyMapping") {
      node.kind = NodeKind::kApplyMapping;
      auto mapping = body.find("Mapping");
      if (mapping == body.end() || !mapping->is_array() || mapping->empty()) {
        ThrowInvalid(Where(node.id) + ": Mapping must be a non-empty array");
      }
      for (size_t i = 0; i < mapping->size(); ++i) {
        node.mappings.push_back(MappingFromJson((*mapping)[i], node.id, i));
      }
    } else if (type == "LakeTarget") {
      node.kind = NodeKind::kLakeTarget;
      node.path = String(body, node.id, "Path", true);
      std::string format = String(body, node.id, "Format", false);
      if (!format.empty()) node.format = format;
      if (node.format != "parquet" && node.format != "csv" && node.format != "json") {
        ThrowInvalid(Where(node.id) + ": Format '" + node.format +
                     "' is not one of parquet, csv, json");
      }
      node.compression = String(body, node.id, "Compression", false);
      node.catalog_database = String(body, node.id, "CatalogDatabase", false);
      node.catalog_table = String(body, node.id, "CatalogTable", false);
      if (node.catalog_database.empty() != node.catalog_table.empty()) {
        ThrowInvalid(Where(node.id) + ": give both CatalogDatabase and CatalogTable, or neither");
      }
      node.partition_keys = Strings(body, node.id, "PartitionKeys");
      std::string mode = String(body, node.id, "WriteMode", false);
      if (!mode.empty()) node.write_mode = mode;
      if (node.write_mode != "append" && node.write_mode != "overwrite" &&
          node.write_mode != "overwrite-partitions") {
        ThrowInvalid(Where(node.id) + ": WriteMode '" + node.write_mode +
                     "' is not one of append, overwrite, overwrite-partitions");
      }
      node.target_file_size_bytes = Integer(body, node.id, "TargetFileSizeBytes", 1 << 20);
    } else {
      ThrowUnsupported(Where(node.id) + ": node type '" + type +
                       "' is not supported (CatalogSource, ApplyMapping, LakeTarget)");
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
  for (size_t i = 0; i < dag.nodes.size(); ++i) {
    const auto& node = dag.nodes[i];
    if (node.id.empty()) ThrowInvalid("a DAG node has an empty id");
    if (!index.emplace(node.id, i).second) ThrowInvalid(Where(node.id) + " appears twice");
  }
  size_t targets = 0;
  for (const auto& node : dag.nodes) {
    size_t expected = node.kind == NodeKind::kCatalogSource ? 0 : 1;
    if (node.inputs.size() != expected) {
      ThrowInvalid(Where(node.id) + " (" + std::string(NodeKindName(node.kind)) + ") takes " +
                   std::to_string(expected) + " input(s), not " +
                   std::to_string(node.inputs.size()));
    }
    for (const auto& input : node.inputs) {
      auto found = index.find(input);
      if (found == index.end()) {
        ThrowInvalid(Where(node.id) + " reads node '" + input + "', which does not exist");
      }
      if (dag.nodes[found->second].kind == NodeKind::kLakeTarget) {
        ThrowInvalid(Where(node.id) + " reads target node '" + input + "': targets have no output");
      }
    }
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
