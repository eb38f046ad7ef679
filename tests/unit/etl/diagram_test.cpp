// basin jobs diagram: every node and edge in each format, settings from the node's JSON,
// escaping per format, a layered SVG that is well-formed XML.
#include "etl/diagram.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "common/error.hpp"

namespace basin::etl {
namespace {

const DiagramFormat kFormats[] = {DiagramFormat::kMermaid, DiagramFormat::kDot,
                                  DiagramFormat::kSvg};

Dag RawCopy(size_t columns) {
  std::string mapping;
  for (size_t i = 0; i < columns; ++i) {
    std::string name = "col" + std::to_string(i);
    mapping += std::string(i ? "," : "") + R"({"FromPath": [")" + name +
               R"("], "FromType": "int", "ToKey": ")" + name + R"(", "ToType": "int"})";
  }
  return ParseDag(R"({
    "source": {"CatalogSource": {"Name": "Read db.orders", "Database": "db", "Table": "orders"}},
    "mapping": {"ApplyMapping": {"Name": "Map", "Inputs": ["source"], "Mapping": [)" +
                  mapping + R"(]}},
    "target": {"LakeTarget": {"Name": "Write", "Inputs": ["mapping"], "Path": "/lake/orders/",
               "Compression": "zstd", "CatalogDatabase": "lake", "CatalogTable": "orders",
               "PartitionKeys": ["year", "month"]}}})");
}

DagNode Node(std::string id, NodeKind kind, std::vector<std::string> inputs) {
  DagNode node;
  node.id = id;
  node.name = "node " + id;
  node.kind = kind;
  node.inputs = std::move(inputs);
  node.database = "db";
  node.table = "t_" + id;
  node.path = "/lake/" + id + "/";
  node.mappings = {Mapping{"a", "int", "a", "bigint"}};
  return node;
}

// a and b are sources; c reads both (as a Join will); d reads c and a; t writes d. Built
// without validation, which allows one input per transform today.
Dag FanIn() {
  Dag dag;
  dag.nodes = {Node("a", NodeKind::kCatalogSource, {}), Node("b", NodeKind::kCatalogSource, {}),
               Node("c", NodeKind::kApplyMapping, {"a", "b"}),
               Node("d", NodeKind::kApplyMapping, {"c", "a"}),
               Node("t", NodeKind::kLakeTarget, {"d"})};
  return dag;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// Which characters follow each other in valid UTF-8 (RFC 3629), checked independently of the
// code under test.
bool ValidUtf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// A small well-formedness check of XML: one root, tags balanced and properly nested,
// attribute values quoted, '<' never in text or values, '&' only as an entity.
::testing::AssertionResult WellFormedXml(const std::string& xml) {
  if (!ValidUtf8(xml)) return ::testing::AssertionFailure() << "not UTF-8";
  size_t at = 0;
  if (xml.starts_with("<?xml")) at = xml.find("?>") + 2;
  std::vector<std::string> open;
  size_t roots = 0;
  static const std::regex kEntity("^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
  auto entity_ok = [&](size_t pos) {
    return std::regex_search(xml.begin() + static_cast<long>(pos), xml.end(), kEntity);
  };
  auto name_at = [&](size_t& pos) {
    size_t start = pos;
    while (pos < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[pos])) ||
                                xml[pos] == '-' || xml[pos] == ':' || xml[pos] == '_')) {
      ++pos;
    }
    return xml.substr(start, pos - start);
  };
  while (at < xml.size()) {
    char c = xml[at];
    if (c == '&') {
      if (!entity_ok(at)) return ::testing::AssertionFailure() << "bare & at " << at;
      ++at;
    } else if (c == '>') {
      return ::testing::AssertionFailure() << "'>' in text at " << at;
    } else if (c != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(c))) {
        return ::testing::AssertionFailure() << "text outside the root at " << at;
      }
      ++at;
    } else if (xml.compare(at, 2, "</") == 0) {
      at += 2;
      std::string name = name_at(at);
      if (open.empty() || open.back() != name || at >= xml.size() || xml[at] != '>') {
        return ::testing::AssertionFailure() << "unbalanced </" << name << "> at " << at;
      }
      open.pop_back();
      ++at;
    } else {
      ++at;
      std::string name = name_at(at);
      if (name.empty()) return ::testing::AssertionFailure() << "bad tag at " << at;
      if (open.empty()) ++roots;
      while (true) {
        while (at < xml.size() && std::isspace(static_cast<unsigned char>(xml[at]))) ++at;
        if (at >= xml.size()) return ::testing::AssertionFailure() << "unterminated <" << name;
        if (xml.compare(at, 2, "/>") == 0) {
          at += 2;
          break;
        }
        if (xml[at] == '>') {
          open.push_back(name);
          ++at;
          break;
        }
        std::string attribute = name_at(at);
        if (attribute.empty() || xml.compare(at, 2, "=\"") != 0) {
          return ::testing::AssertionFailure() << "bad attribute in <" << name << "> at " << at;
        }
        at += 2;
        for (; at < xml.size() && xml[at] != '"'; ++at) {
          if (xml[at] == '<') return ::testing::AssertionFailure() << "'<' in a value at " << at;
          if (xml[at] == '&' && !entity_ok(at)) {
            return ::testing::AssertionFailure() << "bare & in a value at " << at;
          }
        }
        ++at;
      }
    }
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "<" << open.back() << "> not closed";
  if (roots != 1) return ::testing::AssertionFailure() << roots << " root elements";
  return ::testing::AssertionSuccess();
}

// The x of each node's box, in DAG order (each node is a <g> whose first <rect> is its box).
std::vector<int> BoxXs(const std::string& svg) {
  std::vector<int> xs;
  static const std::regex kBox("<g>\\n<title>[^<]*</title>\\n<rect x=\"(-?[0-9]+)\"");
  for (std::sregex_iterator it(svg.begin(), svg.end(), kBox), end; it != end; ++it) {
    xs.push_back(std::stoi((*it)[1]));
  }
  return xs;
}

TEST(DiagramTest, EveryNodeAndEdgeInEachFormat) {
  Dag dag = FanIn();
  std::string mermaid = DrawDag(dag, DiagramFormat::kMermaid);
  std::string dot = DrawDag(dag, DiagramFormat::kDot);
  std::string svg = DrawDag(dag, DiagramFormat::kSvg);
  for (const auto& node : dag.nodes) {
    std::string type(NodeKindName(node.kind));
    for (const std::string* text : {&mermaid, &dot, &svg}) {
      EXPECT_NE(text->find(node.name), std::string::npos) << node.id << "\n" << *text;
      EXPECT_NE(text->find(type), std::string::npos) << node.id << "\n" << *text;
    }
    EXPECT_NE(dot.find("  \"" + node.id + "\" [label="), std::string::npos) << dot;
  }
  // Mermaid names nodes n0… in DAG order; dot by id; the SVG titles each arrow "from → to".
  const std::vector<std::pair<std::string, std::string>> edges = {
      {"a", "c"}, {"b", "c"}, {"c", "d"}, {"a", "d"}, {"d", "t"}};
  auto index = [&](const std::string& id) {
    for (size_t i = 0; i < dag.nodes.size(); ++i) {
      if (dag.nodes[i].id == id) return std::to_string(i);
    }
    return std::string("?");
  };
  for (const auto& [from, to] : edges) {
    EXPECT_EQ(Count(mermaid, "  n" + index(from) + " --> n" + index(to) + "\n"), 1u) << mermaid;
    EXPECT_EQ(Count(dot, "  \"" + from + "\" -> \"" + to + "\";\n"), 1u) << dot;
    EXPECT_EQ(Count(svg, "<title>" + from + " → " + to + "</title></path>"), 1u) << svg;
  }
  EXPECT_EQ(Count(mermaid, " --> "), edges.size());
  EXPECT_EQ(Count(dot, " -> "), edges.size());
  EXPECT_EQ(Count(svg, "marker-end=\"url(#arrow)\""), edges.size());
  EXPECT_TRUE(mermaid.starts_with("flowchart LR\n")) << mermaid;
  EXPECT_TRUE(dot.starts_with("digraph job {\n") && dot.ends_with("}\n")) << dot;
  EXPECT_TRUE(WellFormedXml(svg)) << svg;
}

TEST(DiagramTest, SvgLayersAreTheLongestPathFromASource) {
  Dag dag = FanIn();
  std::vector<int> xs = BoxXs(DrawDag(dag, DiagramFormat::kSvg));
  ASSERT_EQ(xs.size(), 5u);
  // a, b: layer 0; c: 1; d: 2 (through c, although a feeds it too); t: 3.
  EXPECT_EQ(xs[0], xs[1]);
  EXPECT_LT(xs[1], xs[2]);
  EXPECT_LT(xs[2], xs[3]);
  EXPECT_LT(xs[3], xs[4]);
}

// The path of the arrow titled `title` ("from → to").
std::string ArrowPath(const std::string& svg, const std::string& title) {
  size_t end = svg.find("\" marker-end=\"url(#arrow)\"><title>" + title + "</title>");
  if (end == std::string::npos) return "";
  size_t begin = svg.rfind("<path d=\"", end);
  return svg.substr(begin + 9, end - begin - 9);
}

TEST(DiagramTest, SvgArrowsThatSkipALayerRunBesideItsBoxes) {
  Dag dag = FanIn();
  std::string svg = DrawDag(dag, DiagramFormat::kSvg);
  std::vector<int> xs = BoxXs(svg);
  ASSERT_EQ(xs.size(), 5u);
  // a → d crosses c's layer through a slot of its own: a horizontal run ("H") to the end of
  // that column; arrows between neighbouring layers have none.
  std::string skip = ArrowPath(svg, "a → d");
  ASSERT_FALSE(skip.empty()) << svg;
  EXPECT_EQ(Count(skip, " H"), 1u) << skip;
  size_t run = skip.find(" H");
  EXPECT_GT(std::stoi(skip.substr(run + 2)), xs[2]) << skip;
  EXPECT_LT(std::stoi(skip.substr(run + 2)), xs[3]) << skip;
  EXPECT_EQ(Count(ArrowPath(svg, "c → d"), " H"), 0u) << svg;
}

TEST(DiagramTest, SettingsComeFromTheNodesJson) {
  Dag dag = RawCopy(10);
  for (DiagramFormat format : kFormats) {
    std::string text = DrawDag(dag, format);
    SCOPED_TRACE(std::string(DiagramFormatName(format)) + "\n" + text);
    EXPECT_NE(text.find("Table: db.orders"), std::string::npos);
    EXPECT_NE(text.find("CatalogTable: lake.orders"), std::string::npos);
    EXPECT_NE(text.find("Path: /lake/orders/"), std::string::npos);
    EXPECT_NE(text.find("Compression: zstd"), std::string::npos);
    EXPECT_NE(text.find("Format: parquet"), std::string::npos);
    EXPECT_NE(text.find("PartitionKeys: year, month"), std::string::npos);
    // A long list: its count, the first three entries, and how many more.
    EXPECT_NE(text.find("Mapping: 10 columns"), std::string::npos);
    // What ends a line in the box (the SVG's tooltip has every entry).
    std::string end = format == DiagramFormat::kMermaid ? "<br/>"
                      : format == DiagramFormat::kDot   ? "\\l"
                                                        : "</text>";
    EXPECT_NE(text.find("· col2 int" + end), std::string::npos);
    EXPECT_EQ(text.find("· col3 int" + end), std::string::npos);
    EXPECT_NE(text.find("· … 7 more"), std::string::npos);
    // Name and Inputs are drawn as the box's name and the arrows, not as settings.
    EXPECT_EQ(text.find("Name:"), std::string::npos);
    EXPECT_EQ(text.find("Inputs:"), std::string::npos);
  }
  // The SVG tooltip keeps every column.
  EXPECT_NE(DrawDag(dag, DiagramFormat::kSvg).find("· col9 int"), std::string::npos);
}

TEST(DiagramTest, EveryMemberOfANodeIsShown) {
  Dag dag = RawCopy(1);
  dag.nodes[0].bookmark_keys = {"payment_id", "payment_date"};
  dag.nodes[0].split_column = "payment_id";
  dag.nodes[0].splits = 8;
  dag.nodes[2].write_mode = "overwrite-partitions";
  dag.nodes[2].target_file_size_bytes = 1 << 20;
  std::string text = DrawDag(dag, DiagramFormat::kMermaid);
  for (const char* setting :
       {"BookmarkKeys: payment_id, payment_date<br/>", "SplitColumn: payment_id<br/>",
        "Splits: 8\"]", "Table: db.orders<br/>BookmarkKeys", "WriteMode: overwrite-partitions\"]",
        "TargetFileSizeBytes: 1048576<br/>"}) {
    EXPECT_NE(text.find(setting), std::string::npos) << setting << "\n" << text;
  }
}

// Node types with Glue's shapes (etl/README.md): nothing in the diagram knows them by name.
TEST(DiagramTest, GlueNodeTypesShowTheirSettings) {
  Dag dag = ParseDag(R"({
    "p": {"CatalogSource": {"Database": "db", "Table": "payment"}},
    "c": {"CatalogSource": {"Database": "db", "Table": "customer"}},
    "f": {"Filter": {"Inputs": ["p"], "LogicalOperator": "AND", "Filters": [
           {"Operation": "GT", "Negated": true, "Values": [
             {"Type": "COLUMNEXTRACTED", "Value": ["amount"]},
             {"Type": "CONSTANT", "Value": ["5"]}]}]}},
    "j": {"Join": {"Inputs": ["f", "c"], "JoinType": "left", "Columns": [
           {"From": "f", "Keys": [["customer_id"]]}, {"From": "c", "Keys": [["customer_id"]]}]}},
    "q": {"SqlQuery": {"Inputs": ["j"], "SqlAliases": [{"From": "j", "Alias": "joined"}],
           "SqlQuery": "SELECT customer_id, sum(amount) AS total, count(*) AS n FROM joined"}},
    "t": {"LakeTarget": {"Inputs": ["q"], "Path": "/x/"}}})");
  std::string dot = DrawDag(dag, DiagramFormat::kDot);
  EXPECT_NE(dot.find("\"f\" [label=\"Filter\\nf\\n"), std::string::npos) << dot;
  EXPECT_NE(dot.find("· NOT amount GT '5'\\l"), std::string::npos) << dot;
  EXPECT_NE(dot.find("JoinType: left\\l"), std::string::npos) << dot;
  EXPECT_NE(dot.find("· From=f, Keys=customer_id\\l"), std::string::npos) << dot;
  EXPECT_NE(dot.find("· Alias=joined, From=j\\l"), std::string::npos) << dot;
  // Long text that is not a path keeps its start.
  EXPECT_NE(dot.find("SqlQuery: SELECT customer_id, sum(amount) AS total, …\\l"), std::string::npos)
      << dot;
  EXPECT_EQ(Count(dot, " -> "), 5u) << dot;
  EXPECT_NE(dot.find("\"c\" -> \"j\""), std::string::npos) << dot;
}

TEST(DiagramTest, AMappingThatCastsOrRenamesShowsBothSides) {
  Dag dag = ParseDag(R"({
    "s": {"CatalogSource": {"Database": "db", "Table": "t"}},
    "m": {"ApplyMapping": {"Inputs": ["s"], "Mapping": [
      {"FromPath": ["id"], "FromType": "int", "ToKey": "id", "ToType": "bigint"},
      {"FromPath": ["nm"], "FromType": "string", "ToKey": "name", "ToType": "string"}]}},
    "t": {"LakeTarget": {"Inputs": ["m"], "Path": "/x/"}}})");
  std::string text = DrawDag(dag, DiagramFormat::kDot);
  EXPECT_NE(text.find("Mapping: 2 columns\\l"), std::string::npos) << text;
  EXPECT_NE(text.find("· id int → bigint"), std::string::npos) << text;
  EXPECT_NE(text.find("· nm string → name string"), std::string::npos) << text;
  // Nodes without a name show their id.
  EXPECT_NE(text.find("\"s\" [label=\"CatalogSource\\ns\\n"), std::string::npos) << text;
}

TEST(DiagramTest, LongValuesAreShortenedKeepingBothEnds) {
  Dag dag = RawCopy(1);
  std::string long_path = "/" + std::string(200, 'x') + "/the_end/";
  dag.nodes[2].path = long_path;
  std::string mermaid = DrawDag(dag, DiagramFormat::kMermaid);
  EXPECT_EQ(mermaid.find(long_path), std::string::npos);
  EXPECT_NE(mermaid.find("Mapping: 1 column<br/>"), std::string::npos) << mermaid;
  std::regex shortened("Path: /x+…x+/the_end/[<\"]");
  EXPECT_TRUE(std::regex_search(mermaid, shortened)) << mermaid;
  size_t at = mermaid.find("Path: ");
  std::string shown = mermaid.substr(at, mermaid.find_first_of("<\"", at) - at);
  EXPECT_EQ(Count(shown, "…"), 1u) << shown;
  EXPECT_LE(shown.size() - 2, 60u) << shown;  // 60 code points at most, "…" being 3 bytes
  // The tooltip keeps it whole.
  EXPECT_NE(DrawDag(dag, DiagramFormat::kSvg).find(long_path), std::string::npos);
}

// A name with every character that means something in one of the formats.
const std::string kNastyName = "a \"q\" <b>&amp; #35; \\N\nDROP \xff end";

TEST(DiagramTest, SvgEscapesXml) {
  Dag dag = RawCopy(1);
  dag.nodes[0].name = kNastyName;
  dag.nodes[0].id = "id<&>\"";
  dag.nodes[1].inputs = {dag.nodes[0].id};
  std::string svg = DrawDag(dag, DiagramFormat::kSvg);
  EXPECT_TRUE(WellFormedXml(svg)) << svg;
  EXPECT_NE(svg.find("a &quot;q&quot; &lt;b&gt;&amp;amp; #35; \\N DROP \xEF\xBF\xBD end"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<title>id&lt;&amp;&gt;&quot; → mapping</title>"), std::string::npos) << svg;
  // xmllint is a real XML parser; use it when the machine has one.
  if (access("/usr/bin/xmllint", X_OK) == 0) {
    auto path = std::filesystem::temp_directory_path() /
                ("basin-diagram-" + std::to_string(getpid()) + ".svg");
    std::ofstream(path) << svg;
    EXPECT_EQ(std::system(("/usr/bin/xmllint --noout " + path.string()).c_str()), 0);
    std::filesystem::remove(path);
  }
}

TEST(DiagramTest, DotEscapesStrings) {
  Dag dag = RawCopy(1);
  dag.nodes[0].name = kNastyName;
  std::string dot = DrawDag(dag, DiagramFormat::kDot);
  EXPECT_TRUE(ValidUtf8(dot));
  // Each statement is one line; outside the quoted strings a line has no stray quote, and
  // inside them every quote and backslash is escaped.
  size_t lines = 0;
  for (size_t begin = 0; begin < dot.size(); begin = dot.find('\n', begin) + 1, ++lines) {
    std::string line = dot.substr(begin, dot.find('\n', begin) - begin);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      if (quoted && line[i] == '\\') {
        ++i;
        ASSERT_LT(i, line.size()) << line;
        EXPECT_NE(std::string("\"\\nl").find(line[i]), std::string::npos) << line;
      } else if (line[i] == '"') {
        quoted = !quoted;
      }
    }
    EXPECT_FALSE(quoted) << line;
  }
  EXPECT_EQ(lines, 4u + 3u + 2u + 1u);  // header, nodes, edges, "}"
  EXPECT_NE(dot.find("a \\\"q\\\" <b>&amp; #35; \\\\N DROP \xEF\xBF\xBD end"), std::string::npos)
      << dot;
  if (access("/usr/bin/dot", X_OK) == 0) {
    auto path = std::filesystem::temp_directory_path() /
                ("basin-diagram-" + std::to_string(getpid()) + ".dot");
    std::ofstream(path) << dot;
    EXPECT_EQ(std::system(("/usr/bin/dot -Tsvg -o /dev/null " + path.string()).c_str()), 0);
    std::filesystem::remove(path);
  }
}

TEST(DiagramTest, MermaidEscapesLabels) {
  Dag dag = RawCopy(1);
  dag.nodes[0].name = kNastyName;
  std::string mermaid = DrawDag(dag, DiagramFormat::kMermaid);
  EXPECT_TRUE(ValidUtf8(mermaid));
  std::string label = "a #quot;q#quot; #lt;b#gt;#amp;amp; #35;35; \\N DROP \xEF\xBF\xBD end";
  EXPECT_NE(mermaid.find(label), std::string::npos) << mermaid;
  // Every node is one line `nI["…"]` whose label holds no quote and only our own tags.
  std::regex node_line("^  n[0-9]+\\[\"([^\"\\n]*)\"\\]$");
  size_t nodes = 0;
  for (size_t begin = 0; begin < mermaid.size(); begin = mermaid.find('\n', begin) + 1) {
    std::string line = mermaid.substr(begin, mermaid.find('\n', begin) - begin);
    std::smatch match;
    if (!std::regex_match(line, match, node_line)) continue;
    ++nodes;
    std::string text = std::regex_replace(match[1].str(), std::regex("</?b>|<br/>"), "");
    EXPECT_EQ(text.find_first_of("<>"), std::string::npos) << line;
  }
  EXPECT_EQ(nodes, 3u) << mermaid;
}

TEST(DiagramTest, ABrokenDagStillDrawsAndEnds) {
  Dag dag = FanIn();
  dag.nodes[0].inputs = {"t"};             // a cycle
  dag.nodes[1].inputs = {"no_such_node"};  // a missing input is left out
  for (DiagramFormat format : kFormats) {
    std::string text = DrawDag(dag, format);
    EXPECT_EQ(text.find("no_such_node"), std::string::npos) << text;
    EXPECT_NE(text.find("node t"), std::string::npos) << text;
  }
  EXPECT_TRUE(WellFormedXml(DrawDag(dag, DiagramFormat::kSvg)));
  EXPECT_TRUE(WellFormedXml(DrawDag(Dag{}, DiagramFormat::kSvg)));
}

TEST(DiagramTest, FormatNames) {
  for (DiagramFormat format : kFormats) {
    EXPECT_EQ(ParseDiagramFormat(DiagramFormatName(format)), format);
  }
  try {
    ParseDiagramFormat("png");
    FAIL() << "png accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(error.what()).find("png"), std::string::npos);
  }
}

}  // namespace
}  // namespace basin::etl
