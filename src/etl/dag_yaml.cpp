// YAML job DAGs, through yaml-cpp.
#include "etl/dag_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <regex>

#include "common/error.hpp"

namespace basin::etl {

namespace {

using nlohmann::json;

// YAML 1.2 core schema for a plain scalar.
json PlainScalar(const std::string& text) {
  static const std::regex kNull("~|null|Null|NULL|");
  static const std::regex kTrue("true|True|TRUE");
  static const std::regex kFalse("false|False|FALSE");
  static const std::regex kInteger("[-+]?[0-9]+");
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(text, kNull)) return nullptr;
  if (std::regex_match(text, kTrue)) return true;
  if (std::regex_match(text, kFalse)) return false;
  if (std::regex_match(text, kInteger)) {
    errno = 0;
    char* end = nullptr;
    long long value = std::strtoll(text.c_str(), &end, 10);
    if (errno == 0) return static_cast<int64_t>(value);
    return text;  // beyond int64: kept as written
  }
  if (std::regex_match(text, kFloat)) {
    double value = std::strtod(text.c_str(), nullptr);
    if (std::isfinite(value)) return value;
  }
  return text;
}

std::string At(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return "";
  return " at line " + std::to_string(mark.line + 1) + ", column " +
         std::to_string(mark.column + 1);
}

// Aliases can make a small text a huge tree ("billion laughs"): depth and size are bounded.
constexpr int kMaxDepth = 64;
constexpr size_t kMaxNodes = 1'000'000;

json Convert(const YAML::Node& node, int depth, size_t& count) {
  if (depth > kMaxDepth) ThrowInvalid("the YAML DAG is nested more than 64 levels" + At(node));
  if (++count > kMaxNodes) ThrowInvalid("the YAML DAG expands to more than a million values");
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: return nullptr;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags a plain scalar "?" and a quoted one "!".
      if (node.Tag() == "?") return PlainScalar(node.Scalar());
      return node.Scalar();
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& item : node) out.push_back(Convert(item, depth + 1, count));
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& item : node) {
        if (!item.first.IsScalar()) ThrowInvalid("a YAML DAG's keys must be text" + At(item.first));
        const std::string& key = item.first.Scalar();
        if (out.contains(key))
          ThrowInvalid("the YAML key '" + key + "' appears twice" + At(item.first));
        out[key] = Convert(item.second, depth + 1, count);
      }
      return out;
    }
  }
  return nullptr;
}

}  // namespace

json YamlToJson(std::string_view text) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    ThrowInvalid("the job DAG is not valid YAML: " + error.msg + " at line " +
                 std::to_string(error.mark.line + 1) + ", column " +
                 std::to_string(error.mark.column + 1));
  }
  try {
    size_t count = 0;
    return Convert(root, 0, count);
  } catch (const YAML::Exception& error) {
    ThrowInvalid("the job DAG is not valid YAML: " + error.msg);
  }
}

Dag ParseDagText(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return ParseDag(text);
  return DagFromJson(YamlToJson(text));
}

}  // namespace basin::etl
