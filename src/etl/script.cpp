// The job's SQL script.
#include "etl/script.hpp"

#include "etl/compiler.hpp"

namespace basin::etl {

namespace {

// Comment text on one line: a newline in a name would end the comment early.
std::string OneLine(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string Line(const std::string& text) { return "--   " + OneLine(text) + "\n"; }

// The node's settings, one comment line each.
std::string Settings(const DagNode& node) {
  std::string out;
  switch (node.kind) {
    case NodeKind::kCatalogSource:
      out += Line("table: " + node.database + "." + node.table);
      if (!node.bookmark_keys.empty()) out += Line("bookmark keys: " + Join(node.bookmark_keys));
      if (!node.split_column.empty() || node.splits != 0) {
        out += Line("read in " +
                    (node.splits == 0 ? std::string("the engine's number of")
                                      : std::to_string(node.splits)) +
                    " key ranges" + (node.split_column.empty() ? "" : " of " + node.split_column));
      }
      break;
    case NodeKind::kApplyMapping:
      for (const auto& mapping : node.mappings) {
        out += Line(mapping.from_column + " " + mapping.from_type +
                    (mapping.dropped
                         ? " dropped"
                         : " -> " + mapping.to_column + " " + mapping.to_type +
                               (mapping.try_cast ? " (try: null if the cast fails)" : "")));
      }
      break;
    case NodeKind::kSelectFields: out += Line("keep: " + Join(node.columns)); break;
    case NodeKind::kDropFields: out += Line("drop: " + Join(node.columns)); break;
    case NodeKind::kRenameField:
      out += Line("rename: " + node.source_column + " -> " + node.target_column);
      break;
    case NodeKind::kFilter:
      if (!node.predicate.empty()) {
        out += Line("where: " + node.predicate);
      } else {
        for (size_t i = 0; i < node.filters.size(); ++i) {
          const auto& filter = node.filters[i];
          std::string values;
          for (const auto& value : filter.values) {
            values += " " + (value.is_column ? value.value : "'" + value.value + "'");
          }
          out += Line(std::string(i == 0 ? "where: " : node.logical_operator + " ") +
                      (filter.negated ? "NOT " : "") + filter.operation + values);
        }
      }
      break;
    case NodeKind::kJoin:
      out += Line("join type: " + node.join_type);
      for (const auto& column : node.join_columns) {
        out += Line("keys of " + column.from + ": " + Join(column.keys));
      }
      break;
    case NodeKind::kUnion: out += Line("union type: " + node.union_type); break;
    case NodeKind::kDropNullFields: {
      std::string also;
      if (node.null_if_empty) also += ", ''";
      if (node.null_if_null_string) also += ", 'null'";
      if (node.null_if_neg_one) also += ", -1";
      out += Line("drop the columns holding only NULL" + also);
      break;
    }
    case NodeKind::kDropDuplicates:
      out += Line(node.columns.empty() ? "one row per distinct row"
                                       : "one row per " + Join(node.columns));
      break;
    case NodeKind::kSqlQuery:
      for (const auto& alias : node.sql_aliases) {
        out += Line("alias: " + alias.alias + " = " + alias.from);
      }
      out += Line("query: " + node.sql_query);
      break;
    case NodeKind::kLakeTarget:
      out += Line("path: " + node.path) +
             Line("format: " + node.format +
                  (node.compression.empty() ? "" : ", compression " + node.compression));
      if (!node.partition_keys.empty()) {
        out += Line("partition keys: " + Join(node.partition_keys));
      }
      out += Line("write mode: " + node.write_mode);
      if (node.target_file_size_bytes != 0) {
        out += Line("target file size: " + std::to_string(node.target_file_size_bytes) + " bytes");
      }
      if (!node.catalog_table.empty()) {
        out += Line("catalog table: " + node.catalog_database + "." + node.catalog_table +
                    " (created on the first run, " +
                    (node.write_mode == "append" ? "appended to after)" : "overwritten after)"));
      } else {
        out += Line("no catalog table: the files are written with UNLOAD");
      }
      break;
  }
  return out;
}

}  // namespace

std::string JobScript(const std::string& job_name, const Dag& dag, const std::string& statement) {
  std::string out = "-- Job " + OneLine(job_name) + ": " + std::to_string(dag.nodes.size()) +
                    " nodes, generated from its DAG.\n";
  for (const auto& node : dag.nodes) {
    out += "--\n-- [" + OneLine(node.id) + "] " + std::string(NodeKindName(node.kind));
    if (!node.name.empty()) out += ": " + OneLine(node.name);
    out += "\n";
    if (!node.inputs.empty()) {
      std::string inputs;
      for (const auto& input : node.inputs) inputs += (inputs.empty() ? "" : ", ") + input;
      out += "--   inputs: " + OneLine(inputs) + "\n";
    }
    out += Settings(node);
  }
  out += "\n" + (statement.empty() ? CompileQuery(dag) : statement) + ";\n";
  return out;
}

}  // namespace basin::etl
