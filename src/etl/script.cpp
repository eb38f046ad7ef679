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
    switch (node.kind) {
      case NodeKind::kCatalogSource:
        out += "--   table: " + OneLine(node.database + "." + node.table) + "\n";
        break;
      case NodeKind::kApplyMapping:
        for (const auto& mapping : node.mappings) {
          out += "--   " + OneLine(mapping.from_column + " " + mapping.from_type + " -> " +
                                  mapping.to_column + " " + mapping.to_type) + "\n";
        }
        break;
      case NodeKind::kLakeTarget:
        out += "--   path: " + OneLine(node.path) + "\n--   format: " + OneLine(node.format) +
               (node.compression.empty() ? "" : ", compression " + OneLine(node.compression)) +
               "\n";
        if (!node.catalog_table.empty()) {
          out += "--   catalog table: " +
                 OneLine(node.catalog_database + "." + node.catalog_table) +
                 " (created on the first run, appended to after)\n";
        }
        break;
    }
  }
  out += "\n" + (statement.empty() ? CompileQuery(dag) : statement) + ";\n";
  return out;
}

}  // namespace basin::etl
