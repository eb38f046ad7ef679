#pragma once

// `basin jobs diagram NAME`: the job's DAG drawn as a picture, generated from the definition
// (as the script is), so both always agree with it. Each node shows its type, its name and
// its settings; the settings come from the node's JSON (`DagToJson`) minus Name and Inputs,
// so a node type added to the DAG shows up here without a change. Long values are shortened
// with "…" (the SVG keeps the full text in each box's tooltip); lists of objects, such as an
// ApplyMapping's columns, show their count and first few entries.

#include <string>
#include <string_view>

#include "etl/dag.hpp"

namespace basin::etl {

enum class DiagramFormat {
  kMermaid,  // a Mermaid `flowchart LR`, for Markdown pages (GitHub, GitLab) and mermaid.live
  kDot,      // Graphviz text: `dot -Tpng job.dot -o job.png`
  kSvg,      // a self-contained SVG drawn by Basin: layered left to right, no external tool
};

std::string_view DiagramFormatName(DiagramFormat format);  // "mermaid", "dot", "svg"
DiagramFormat ParseDiagramFormat(std::string_view text);   // InvalidInput naming the choices

// The diagram as text in `format`. Every node and every input edge of `dag` appears; text
// from the DAG is escaped for the format (dot strings, Mermaid labels, XML). Works on a DAG
// that was not validated too (an edge to a missing node is left out; a cycle does not hang).
std::string DrawDag(const Dag& dag, DiagramFormat format);

}  // namespace basin::etl
