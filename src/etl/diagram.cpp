// The job diagram: one box model built from the DAG's JSON, drawn as Mermaid, dot or SVG.
#include "etl/diagram.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "common/error.hpp"

namespace basin::etl {

namespace {

using nlohmann::json;

constexpr size_t kMaxLineChars = 60;      // a setting line in a box, in code points
constexpr size_t kMaxTooltipChars = 400;  // a line of the SVG tooltip
constexpr size_t kListedEntries = 3;      // entries of a list of objects shown in a box
constexpr size_t kTooltipEntries = 200;   // … and in the SVG tooltip

// ---- Text ---------------------------------------------------------------------------------

// Bytes of the UTF-8 sequence starting at text[at], or 0 when it is not a valid one.
size_t Utf8Length(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  size_t length = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xE  ? 3
                  : (lead >> 3) == 0x1E ? 4
                                        : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  }
  if (length == 2 && lead < 0xC2) return 0;  // overlong
  if (length == 3) {
    unsigned char second = byte(at + 1);
    if (lead == 0xE0 && second < 0xA0) return 0;   // overlong
    if (lead == 0xED && second >= 0xA0) return 0;  // a surrogate
  }
  if (length == 4) {
    unsigned char second = byte(at + 1);
    if (lead == 0xF0 && second < 0x90) return 0;
    if (lead > 0xF4 || (lead == 0xF4 && second >= 0x90)) return 0;
  }
  return length;
}

// Text one may put on one line of any format: valid UTF-8 (a bad byte becomes U+FFFD) and no
// control characters (a newline in a name would end a dot or Mermaid line early; XML forbids
// most of them).
std::string Clean(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t length = Utf8Length(text, at);
    // U+FFFE and U+FFFF are valid UTF-8 but not XML characters.
    bool non_character = length == 3 && text.substr(at, 2) == "\xEF\xBF" &&
                         static_cast<unsigned char>(text[at + 2]) >= 0xBE;
    if (length == 0 || non_character) {
      out += "\xEF\xBF\xBD";
      at += non_character ? 3 : 1;
    } else if (length == 1 && (static_cast<unsigned char>(text[at]) < 0x20 || text[at] == 0x7F)) {
      out.push_back(' ');
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

// Byte offsets of the code points of clean text.
std::vector<size_t> CodePointStarts(std::string_view text) {
  std::vector<size_t> starts;
  for (size_t at = 0; at < text.size(); at += std::max<size_t>(1, Utf8Length(text, at))) {
    starts.push_back(at);
  }
  return starts;
}

size_t CodePoints(std::string_view text) { return CodePointStarts(text).size(); }

// At most `max` code points. A path (or a name holding one) keeps its head and its tail with
// "…" between, since both ends matter; other text keeps its start. The cuts move to a nearby
// '/' or ' ' so the kept parts are whole words or folders.
std::string Shorten(const std::string& text, size_t max) {
  std::vector<size_t> starts = CodePointStarts(text);
  if (starts.size() <= max) return text;
  bool path = text.find('/') != std::string::npos;
  size_t head = path ? (max - 1) / 3 : max - 1;  // code points kept at the start
  size_t tail = max - 1 - head;                  // … and at the end
  auto breaks_at = [&](size_t point) {
    return text[starts[point]] == '/' || text[starts[point]] == ' ';
  };
  for (size_t k = head; k > head / 2 + head / 4; --k) {
    if (breaks_at(k - 1)) {
      head = k;
      break;
    }
  }
  size_t tail_from = starts.size() - tail;  // the first code point kept at the end
  for (size_t k = tail_from; k < tail_from + tail / 3; ++k) {
    if (breaks_at(k)) {
      tail_from = k;
      break;
    }
  }
  return text.substr(0, starts[head]) + "…" + (tail == 0 ? "" : text.substr(starts[tail_from]));
}

// ---- The box model ------------------------------------------------------------------------

enum class Role { kSource, kTransform, kTarget };

struct Box {
  std::string id;
  std::string type;
  std::string name;                  // the node's name, or its id when it has none
  std::string full_name;             // … not shortened (SVG tooltip)
  std::vector<std::string> lines;    // settings, shortened
  std::vector<std::string> tooltip;  // the same in full (SVG only)
  std::vector<size_t> inputs;        // box indices
  std::vector<size_t> readers;       // box indices
  Role role = Role::kTransform;
  size_t layer = 0;
};

std::string Scalar(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

bool IsScalar(const json& value) { return !value.is_array() && !value.is_object(); }

// A value inside a list entry on one line: a path array joined by "." (["a", "b"] is a.b), a
// list of paths by ", ", an object as "Key=value, …" in braces.
std::string Part(const json& value) {
  if (IsScalar(value)) return Scalar(value);
  std::string text;
  if (value.is_array()) {
    bool path = std::all_of(value.begin(), value.end(), IsScalar);
    for (const auto& item : value) text += (text.empty() ? "" : path ? "." : ", ") + Part(item);
    return text;
  }
  for (const auto& [key, member] : value.items()) {
    text += (text.empty() ? "" : ", ") + key + "=" + Part(member);
  }
  return "{" + text + "}";
}

// One entry of a list of objects on one line. An ApplyMapping entry reads as a column
// "from type → to type" with its flags ("(Try)"); any other object as "Key=value, …".
std::string EntryText(const json& entry) {
  if (!entry.is_object()) return Part(entry);
  std::string text;
  if (entry.contains("ToKey") && entry.contains("FromPath")) {
    std::string from = Part(entry.at("FromPath"));
    std::string to = Part(entry.at("ToKey"));
    std::string from_type = entry.contains("FromType") ? Part(entry.at("FromType")) : "";
    std::string to_type = entry.contains("ToType") ? Part(entry.at("ToType")) : "";
    text = from + " " + from_type;
    if (from != to) {
      text += " → " + to + " " + to_type;
    } else if (from_type != to_type) {
      text += " → " + to_type;
    }
    for (const auto& [key, value] : entry.items()) {
      if (key == "FromPath" || key == "ToKey" || key == "FromType" || key == "ToType") continue;
      if (value.is_null() || value == false) continue;
      text += value == true ? " (" + key + ")" : " " + key + "=" + Part(value);
    }
    return text;
  }
  if (entry.contains("Operation") && entry.contains("Values") && entry.at("Values").is_array()) {
    // A Glue Filter expression reads as "[NOT] operand OPERATION operand".
    std::vector<std::string> operands;
    for (const auto& operand : entry.at("Values")) {
      bool constant =
          operand.is_object() && operand.contains("Type") && operand.at("Type") == "CONSTANT";
      std::string value = operand.is_object() && operand.contains("Value")
                              ? Part(operand.at("Value"))
                              : Part(operand);
      operands.push_back(constant ? "'" + value + "'" : value);
    }
    if (entry.contains("Negated") && entry.at("Negated") == true) text = "NOT ";
    text += operands.empty() ? "" : operands[0] + " ";
    text += Part(entry.at("Operation"));
    for (size_t i = 1; i < operands.size(); ++i) text += " " + operands[i];
    return text;
  }
  for (const auto& [key, value] : entry.items()) {
    text += (text.empty() ? "" : ", ") + key + "=" + Part(value);
  }
  return text;
}

// A setting's lines: "Key: value", or for a list of objects a count then its first entries.
void AddSetting(const std::string& key, const json& value, Box& box) {
  auto add = [&box](const std::string& text) {
    std::string clean = Clean(text);
    box.lines.push_back(Shorten(clean, kMaxLineChars));
    box.tooltip.push_back(Shorten(clean, kMaxTooltipChars));
  };
  if (value.is_null()) return;
  if (IsScalar(value)) return add(key + ": " + Scalar(value));
  if (value.is_object()) {
    std::string members = Part(value);
    return add(key + ": " + members.substr(1, members.size() - 2));
  }
  if (value.empty()) return;
  if (std::all_of(value.begin(), value.end(), IsScalar)) {
    std::string joined;
    for (const auto& item : value) joined += (joined.empty() ? "" : ", ") + Scalar(item);
    return add(key + ": " + joined);
  }
  bool columns = value[0].is_object() && value[0].contains("ToKey");
  std::string noun = columns ? " column" : " entr";
  noun += value.size() == 1 ? (columns ? "" : "y") : (columns ? "s" : "ies");
  add(key + ": " + std::to_string(value.size()) + noun);
  // "… 1 more" would take the line the entry needs.
  size_t listed = value.size() <= kListedEntries + 1 ? value.size() : kListedEntries;
  for (size_t i = 0; i < value.size() && i < kTooltipEntries; ++i) {
    std::string clean = Clean("· " + EntryText(value[i]));
    if (i < listed) box.lines.push_back(Shorten(clean, kMaxLineChars));
    box.tooltip.push_back(Shorten(clean, kMaxTooltipChars));
  }
  if (value.size() > listed) {
    box.lines.push_back("· … " + std::to_string(value.size() - listed) + " more");
  }
}

// The boxes of `dag`, with inputs resolved, roles and layers (the longest path from a
// source, so every edge points right).
std::vector<Box> Boxes(const Dag& dag) {
  std::vector<Box> boxes(dag.nodes.size());
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < dag.nodes.size(); ++i) index.emplace(dag.nodes[i].id, i);
  for (size_t i = 0; i < dag.nodes.size(); ++i) {
    const DagNode& node = dag.nodes[i];
    Box& box = boxes[i];
    box.id = Clean(node.id);
    // One node at a time: ids need not be unique in a DAG that was not validated.
    Dag single;
    single.nodes = {node};
    json entry = DagToJson(single).begin().value();
    box.type = Clean(entry.begin().key());
    const json& body = entry.begin().value();
    box.full_name = Shorten(Clean(node.name.empty() ? node.id : node.name), kMaxTooltipChars);
    box.name = Shorten(box.full_name, kMaxLineChars);
    // Members in name order (the JSON's), but what a node reads or writes first.
    std::vector<std::string> keys;
    for (const auto& item : body.items()) keys.push_back(item.key());
    std::stable_partition(keys.begin(), keys.end(),
                          [](const std::string& key) { return key == "Table" || key == "Path"; });
    for (const std::string& key : keys) {
      const json& value = body.at(key);
      if (key == "Name" || key == "Inputs") continue;
      // "Database" and "Table" (or "CatalogDatabase" and "CatalogTable") read as one "db.t".
      bool has_suffix = key.size() >= 8 && key.ends_with("Database");
      std::string table_key = has_suffix ? key.substr(0, key.size() - 8) + "Table" : "";
      if (has_suffix && value.is_string() && body.contains(table_key) &&
          body.at(table_key).is_string()) {
        continue;
      }
      if (key.ends_with("Table") && value.is_string()) {
        std::string database_key = key.substr(0, key.size() - 5) + "Database";
        if (body.contains(database_key) && body.at(database_key).is_string()) {
          AddSetting(key, body.at(database_key).get<std::string>() + "." + value.get<std::string>(),
                     box);
          continue;
        }
      }
      AddSetting(key, value, box);
    }
    for (const auto& input : node.inputs) {
      auto found = index.find(input);
      if (found == index.end()) continue;
      box.inputs.push_back(found->second);
      boxes[found->second].readers.push_back(i);
    }
  }
  for (auto& box : boxes) {
    box.role = box.inputs.empty()    ? Role::kSource
               : box.readers.empty() ? Role::kTarget
                                     : Role::kTransform;
  }
  // Relax at most n times: enough for any DAG, and a cycle stops there instead of hanging.
  for (size_t round = 0; round < boxes.size(); ++round) {
    bool changed = false;
    for (auto& box : boxes) {
      for (size_t input : box.inputs) {
        size_t layer = std::min(boxes[input].layer + 1, boxes.size());
        if (layer > box.layer) {
          box.layer = layer;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return boxes;
}

// ---- Mermaid ------------------------------------------------------------------------------

// Mermaid's entity codes keep quotes and markup characters of a label literal.
std::string MermaidText(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '&': out += "#amp;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string DrawMermaid(const std::vector<Box>& boxes) {
  std::string out = "flowchart LR\n";
  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& box = boxes[i];
    out += "  n" + std::to_string(i) + "[\"<b>" + MermaidText(box.type) + "</b><br/>" +
           MermaidText(box.name);
    for (const auto& line : box.lines) out += "<br/>" + MermaidText(line);
    out += "\"]\n";
  }
  for (size_t i = 0; i < boxes.size(); ++i) {
    for (size_t input : boxes[i].inputs) {
      out += "  n" + std::to_string(input) + " --> n" + std::to_string(i) + "\n";
    }
  }
  out +=
      "  classDef source fill:#e3eefb,stroke:#3b73b9\n"
      "  classDef transform fill:#f3f3f3,stroke:#777777\n"
      "  classDef target fill:#e4f4e8,stroke:#3a8a4f\n";
  for (size_t i = 0; i < boxes.size(); ++i) {
    const char* role = boxes[i].role == Role::kSource   ? "source"
                       : boxes[i].role == Role::kTarget ? "target"
                                                        : "transform";
    out += "  class n" + std::to_string(i) + " " + role + "\n";
  }
  return out;
}

// ---- Graphviz dot -------------------------------------------------------------------------

// Text inside a dot string: quotes and backslashes escaped (a lone backslash would start one
// of dot's own escapes such as \N).
std::string DotEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string DotString(const std::string& text) { return "\"" + DotEscape(text) + "\""; }

const char* Fill(Role role) {
  switch (role) {
    case Role::kSource: return "#e3eefb";
    case Role::kTarget: return "#e4f4e8";
    case Role::kTransform: break;
  }
  return "#f3f3f3";
}

std::string DrawDot(const std::vector<Box>& boxes) {
  std::string out =
      "digraph job {\n"
      "  rankdir=LR;\n"
      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n"
      "  edge [color=\"#555555\"];\n";
  for (const auto& box : boxes) {
    // dot's own line breaks: "\n" centres the title and name, "\l" left-aligns a setting.
    std::string label = DotEscape(box.type) + "\\n" + DotEscape(box.name) + "\\n";
    for (const auto& line : box.lines) label += DotEscape(line) + "\\l";
    out += "  " + DotString(box.id) + " [label=\"" + label + "\", fillcolor=\"" + Fill(box.role) +
           "\"];\n";
  }
  for (const auto& box : boxes) {
    for (size_t input : box.inputs) {
      out += "  " + DotString(boxes[input].id) + " -> " + DotString(box.id) + ";\n";
    }
  }
  return out + "}\n";
}

// ---- SVG ----------------------------------------------------------------------------------

std::string Xml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Sizes in pixels for a 12 px monospace font, whose advance is 0.6 em: the text's width is
// known without measuring glyphs.
constexpr double kCharWidth = 7.3;
constexpr double kTitleCharWidth = 8.0;  // 13 px bold
constexpr double kLineHeight = 16;
constexpr double kTitleHeight = 24;
constexpr double kPadding = 10;
constexpr double kMinBoxWidth = 150;
constexpr double kLayerGap = 70;
constexpr double kBoxGap = 26;
constexpr double kWaypointHeight = 8;  // the slot an arrow takes in a layer it crosses
constexpr double kMargin = 20;

struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
};

std::string Number(double value) {
  return std::to_string(static_cast<int64_t>(std::lround(value)));
}

// An arrow from box `from` to box `to`. One that skips layers passes through a slot in each
// layer between (`waypoints`), placed like a box, so it runs between boxes, not across them.
struct Edge {
  size_t from = 0;
  size_t to = 0;
  std::vector<size_t> waypoints;  // indices of slots in DrawSvg's items
};

std::string DrawSvg(const std::vector<Box>& boxes) {
  // Items: the boxes (item i is box i), then the waypoint slots of long edges.
  std::vector<Rect> rects(boxes.size());
  std::vector<size_t> item_layer;
  size_t layers = 0;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& box = boxes[i];
    size_t chars = CodePoints(box.name);
    for (const auto& line : box.lines) chars = std::max(chars, CodePoints(line));
    rects[i].width = std::max({kMinBoxWidth, chars * kCharWidth + 2 * kPadding,
                               CodePoints(box.type) * kTitleCharWidth + 2 * kPadding});
    rects[i].height = kTitleHeight + (1 + box.lines.size()) * kLineHeight + kPadding;
    item_layer.push_back(box.layer);
    layers = std::max(layers, box.layer + 1);
  }
  std::vector<Edge> edges;
  for (size_t i = 0; i < boxes.size(); ++i) {
    for (size_t input : boxes[i].inputs) {
      Edge edge{input, i, {}};
      for (size_t layer = boxes[input].layer + 1; layer < boxes[i].layer; ++layer) {
        edge.waypoints.push_back(rects.size());
        rects.push_back(Rect{0, 0, 0, kWaypointHeight});
        item_layer.push_back(layer);
      }
      edges.push_back(std::move(edge));
    }
  }
  // What each item hangs from in the layer before: the ordering key is their mean height.
  auto first_hop = [](const Edge& edge) {
    return edge.waypoints.empty() ? edge.to : edge.waypoints.front();
  };
  auto last_hop = [](const Edge& edge) {
    return edge.waypoints.empty() ? edge.from : edge.waypoints.back();
  };
  std::vector<std::vector<size_t>> before(rects.size());
  std::vector<std::vector<size_t>> columns(layers);
  for (const auto& edge : edges) {
    before[edge.to].push_back(last_hop(edge));
    for (size_t k = 0; k < edge.waypoints.size(); ++k) {
      before[edge.waypoints[k]].push_back(k == 0 ? edge.from : edge.waypoints[k - 1]);
    }
  }
  for (size_t i = 0; i < rects.size(); ++i) columns[item_layer[i]].push_back(i);

  // Columns left to right; in each, items ordered by the mean height of what they hang from
  // (fewer crossings), then stacked and centred on the tallest column.
  double x = kMargin, tallest = 0;
  std::vector<double> column_height(layers, 0);
  for (size_t layer = 0; layer < layers; ++layer) {
    auto& column = columns[layer];
    auto key = [&](size_t i) {
      double sum = 0;
      size_t count = 0;
      for (size_t item : before[i]) {
        if (item_layer[item] >= layer) continue;  // only in a cycle
        sum += rects[item].y + rects[item].height / 2;
        ++count;
      }
      return count == 0 ? static_cast<double>(i) : sum / static_cast<double>(count);
    };
    std::vector<std::pair<double, size_t>> keyed;
    for (size_t i : column) keyed.emplace_back(key(i), i);
    std::stable_sort(keyed.begin(), keyed.end());
    double width = 0, y = 0;
    for (size_t k = 0; k < keyed.size(); ++k) {
      column[k] = keyed[k].second;
      rects[column[k]].y = y;
      y += rects[column[k]].height + kBoxGap;
      width = std::max(width, rects[column[k]].width);
    }
    for (size_t i : column) {
      rects[i].x = x;
      if (i >= boxes.size()) rects[i].width = width;  // a waypoint spans its column
    }
    column_height[layer] = y - kBoxGap;
    tallest = std::max(tallest, column_height[layer]);
    x += width + kLayerGap;
  }
  for (size_t layer = 0; layer < layers; ++layer) {
    for (size_t i : columns[layer]) rects[i].y += kMargin + (tallest - column_height[layer]) / 2;
  }
  double total_width = std::max(x - kLayerGap + kMargin, 2 * kMargin);
  double total_height = std::max(tallest, 0.0) + 2 * kMargin;

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Number(total_width) +
         "\" height=\"" + Number(total_height) + "\" viewBox=\"0 0 " + Number(total_width) + " " +
         Number(total_height) +
         "\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"12\">\n";
  out +=
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
      "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" "
      "fill=\"#555555\"/></marker></defs>\n";
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";

  // Edges first, under the boxes. Each box spreads its ports along its side, in the order of
  // the items at the other end, so arrows into one box do not meet at one point.
  auto centre = [&](size_t item) { return rects[item].y + rects[item].height / 2; };
  auto spread = [&](size_t box, size_t edge_index, bool outgoing) {
    std::vector<std::pair<double, size_t>> ends;
    for (size_t e = 0; e < edges.size(); ++e) {
      if ((outgoing ? edges[e].from : edges[e].to) != box) continue;
      ends.emplace_back(centre(outgoing ? first_hop(edges[e]) : last_hop(edges[e])), e);
    }
    std::stable_sort(ends.begin(), ends.end());
    size_t at = 0;
    while (ends[at].second != edge_index) ++at;
    return rects[box].y +
           rects[box].height * static_cast<double>(at + 1) / static_cast<double>(ends.size() + 1);
  };
  auto curve = [](double x1, double y1, double x2, double y2) {
    double bend = std::max(30.0, (x2 - x1) / 2);
    return " C" + Number(x1 + bend) + "," + Number(y1) + " " + Number(x2 - bend) + "," +
           Number(y2) + " " + Number(x2) + "," + Number(y2);
  };
  out += "<g fill=\"none\" stroke=\"#555555\" stroke-width=\"1.5\">\n";
  for (size_t e = 0; e < edges.size(); ++e) {
    const Edge& edge = edges[e];
    double x1 = rects[edge.from].x + rects[edge.from].width, y1 = spread(edge.from, e, true);
    std::string path = "M" + Number(x1) + "," + Number(y1);
    for (size_t waypoint : edge.waypoints) {
      const Rect& slot = rects[waypoint];
      path += curve(x1, y1, slot.x, centre(waypoint)) + " H" + Number(slot.x + slot.width);
      x1 = slot.x + slot.width;
      y1 = centre(waypoint);
    }
    path += curve(x1, y1, rects[edge.to].x, spread(edge.to, e, false));
    out += "<path d=\"" + path + "\" marker-end=\"url(#arrow)\"><title>" +
           Xml(boxes[edge.from].id) + " → " + Xml(boxes[edge.to].id) + "</title></path>\n";
  }
  out += "</g>\n";

  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& box = boxes[i];
    const Rect& r = rects[i];
    const char* stroke = box.role == Role::kSource   ? "#3b73b9"
                         : box.role == Role::kTarget ? "#3a8a4f"
                                                     : "#777777";
    std::string tooltip = box.type + " " + box.id + "\n" + box.full_name;
    for (const auto& line : box.tooltip) tooltip += "\n" + line;
    out += "<g>\n<title>" + Xml(tooltip) + "</title>\n";
    out += "<rect x=\"" + Number(r.x) + "\" y=\"" + Number(r.y) + "\" width=\"" + Number(r.width) +
           "\" height=\"" + Number(r.height) + "\" rx=\"6\" fill=\"#ffffff\" stroke=\"" + stroke +
           "\" stroke-width=\"1.5\"/>\n";
    // The title band: a rounded rect whose lower corners a plain rect squares off.
    out += "<path d=\"M" + Number(r.x) + "," + Number(r.y + kTitleHeight) + " V" + Number(r.y + 6) +
           " Q" + Number(r.x) + "," + Number(r.y) + " " + Number(r.x + 6) + "," + Number(r.y) +
           " H" + Number(r.x + r.width - 6) + " Q" + Number(r.x + r.width) + "," + Number(r.y) +
           " " + Number(r.x + r.width) + "," + Number(r.y + 6) + " V" + Number(r.y + kTitleHeight) +
           " Z\" fill=\"" + Fill(box.role) + "\" stroke=\"" + stroke +
           "\" stroke-width=\"1.5\"/>\n";
    out += "<text x=\"" + Number(r.x + kPadding) + "\" y=\"" + Number(r.y + 17) +
           "\" font-size=\"13\" font-weight=\"bold\">" + Xml(box.type) + "</text>\n";
    double y = r.y + kTitleHeight + 15;
    out += "<text x=\"" + Number(r.x + kPadding) + "\" y=\"" + Number(y) + "\">" + Xml(box.name) +
           "</text>\n";
    for (const auto& line : box.lines) {
      y += kLineHeight;
      out += "<text x=\"" + Number(r.x + kPadding) + "\" y=\"" + Number(y) +
             "\" fill=\"#444444\">" + Xml(line) + "</text>\n";
    }
    out += "</g>\n";
  }
  return out + "</svg>\n";
}

}  // namespace

std::string_view DiagramFormatName(DiagramFormat format) {
  switch (format) {
    case DiagramFormat::kMermaid: return "mermaid";
    case DiagramFormat::kDot: return "dot";
    case DiagramFormat::kSvg: break;
  }
  return "svg";
}

DiagramFormat ParseDiagramFormat(std::string_view text) {
  for (auto format : {DiagramFormat::kMermaid, DiagramFormat::kDot, DiagramFormat::kSvg}) {
    if (text == DiagramFormatName(format)) return format;
  }
  ThrowInvalid("diagram format '" + std::string(text) + "' is not one of mermaid, dot, svg");
}

std::string DrawDag(const Dag& dag, DiagramFormat format) {
  std::vector<Box> boxes = Boxes(dag);
  switch (format) {
    case DiagramFormat::kMermaid: return DrawMermaid(boxes);
    case DiagramFormat::kDot: return DrawDot(boxes);
    case DiagramFormat::kSvg: break;
  }
  return DrawSvg(boxes);
}

}  // namespace basin::etl
