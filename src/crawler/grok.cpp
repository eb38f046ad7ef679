#include "crawler/grok.hpp"

#include <re2/re2.h>

#include <map>
#include <set>

#include "catalog/names.hpp"
#include "common/error.hpp"

namespace basin::crawler {

namespace {

constexpr int kMaxDepth = 32;

std::string HiveTypeOf(std::string_view grok_type, std::string_view field) {
  static const std::map<std::string_view, std::string_view> kTypes = {
      {"byte", "tinyint"},   {"boolean", "boolean"}, {"short", "smallint"}, {"int", "int"},
      {"long", "bigint"},    {"float", "float"},     {"double", "double"},  {"string", "string"},
      {"date", "date"},      {"timestamp", "timestamp"}};
  auto it = kTypes.find(grok_type);
  if (it == kTypes.end()) {
    ThrowInvalid("grok field '" + std::string(field) + "' has unknown type '" +
                 std::string(grok_type) +
                 "': use byte, boolean, short, int, long, float, double, string, date or "
                 "timestamp");
  }
  return std::string(it->second);
}

bool IsPatternName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

class Expander {
 public:
  explicit Expander(std::string_view custom_patterns) { ParseCustom(custom_patterns); }

  std::string Expand(std::string_view text, int depth, std::vector<std::string>& stack) {
    if (depth > kMaxDepth) {
      ThrowInvalid("grok patterns nest deeper than " + std::to_string(kMaxDepth) + " levels (" +
                   stack.back() + ")");
    }
    std::string out;
    for (size_t i = 0; i < text.size();) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        out.append(text.substr(i, 2));
        i += 2;
        continue;
      }
      if (text[i] != '%' || i + 1 >= text.size() || text[i + 1] != '{') {
        out += text[i++];
        continue;
      }
      size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) {
        ThrowInvalid("grok pattern has '%{' without a closing '}' at position " +
                     std::to_string(i + 1));
      }
      std::string_view reference = text.substr(i + 2, close - i - 2);
      i = close + 1;
      std::string_view name = reference;
      std::string_view field;
      std::string_view type;
      if (size_t colon = reference.find(':'); colon != std::string_view::npos) {
        name = reference.substr(0, colon);
        field = reference.substr(colon + 1);
        if (size_t second = field.find(':'); second != std::string_view::npos) {
          type = field.substr(second + 1);
          field = field.substr(0, second);
        }
        if (field.empty()) ThrowInvalid("grok reference %{" + std::string(reference) + "} names no field");
      }
      std::string body = Resolve(name, depth, stack);
      if (field.empty()) {
        out += "(?:" + body + ")";
      } else {
        std::string column = catalog::NormalizeColumnName(field);
        if (!fields_seen_.insert(column).second) {
          ThrowInvalid("grok field '" + column + "' is captured twice");
        }
        std::string group = "g" + std::to_string(columns.size());
        columns.push_back({column, type.empty() ? "string" : HiveTypeOf(type, field), "", {}});
        groups.push_back(group);
        out += "(?P<" + group + ">" + body + ")";
      }
    }
    return out;
  }

  std::vector<catalog::Column> columns;
  std::vector<std::string> groups;

 private:
  std::string Resolve(std::string_view name, int depth, std::vector<std::string>& stack) {
    if (!IsPatternName(name)) {
      ThrowInvalid("grok pattern name '" + std::string(name) + "' must be letters, digits or _");
    }
    std::string key(name);
    for (const auto& open : stack) {
      if (open == key) ThrowInvalid("grok pattern " + key + " refers to itself");
    }
    std::string_view definition;
    if (auto it = custom_.find(key); it != custom_.end()) {
      definition = it->second;
    } else if (const char* builtin = BuiltinGrokPattern(key)) {
      definition = builtin;
    } else {
      ThrowInvalid("unknown grok pattern %{" + key +
                   "}: define it in the custom patterns (NAME regex per line)");
    }
    stack.push_back(key);
    std::string body = Expand(definition, depth + 1, stack);
    stack.pop_back();
    return body;
  }

  void ParseCustom(std::string_view text) {
    size_t line_number = 0;
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      ++line_number;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      if (line.empty() || line.front() == '#') continue;
      size_t space = line.find_first_of(" \t");
      std::string_view name = line.substr(0, space);
      if (space == std::string_view::npos || !IsPatternName(name)) {
        ThrowInvalid("custom grok pattern line " + std::to_string(line_number) +
                     " must be 'NAME regex' with NAME of letters, digits or _");
      }
      std::string_view regex = line.substr(space + 1);
      while (!regex.empty() && (regex.front() == ' ' || regex.front() == '\t')) regex.remove_prefix(1);
      custom_[std::string(name)] = std::string(regex);
    }
  }

  std::map<std::string, std::string> custom_;
  std::set<std::string> fields_seen_;
};

}  // namespace

GrokPattern::GrokPattern(std::string_view pattern, std::string_view custom_patterns) {
  if (pattern.empty()) ThrowInvalid("the grok pattern is empty");
  Expander expander(custom_patterns);
  std::vector<std::string> stack;
  regex_ = expander.Expand(pattern, 0, stack);
  columns_ = std::move(expander.columns);
  if (columns_.empty()) {
    ThrowInvalid("grok pattern '" + std::string(pattern) +
                 "' captures no fields: name them as %{PATTERN:field}");
  }
  RE2::Options options;
  options.set_log_errors(false);
  re_ = std::make_unique<re2::RE2>(regex_, options);
  if (!re_->ok()) {
    ThrowInvalid("grok pattern '" + std::string(pattern) +
                 "' is not a valid RE2 expression: " + re_->error());
  }
  const auto& named = re_->NamedCapturingGroups();
  for (const auto& group : expander.groups) group_of_column_.push_back(named.at(group));
}

GrokPattern::~GrokPattern() = default;
GrokPattern::GrokPattern(GrokPattern&&) noexcept = default;
GrokPattern& GrokPattern::operator=(GrokPattern&&) noexcept = default;

bool GrokPattern::Matches(std::string_view line) const {
  return RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *re_);
}

bool GrokPattern::Parse(std::string_view line, std::vector<std::string>& values) const {
  int groups = re_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(groups) + 1);
  if (!re_->Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), RE2::ANCHOR_BOTH,
                  pieces.data(), groups + 1)) {
    return false;
  }
  values.clear();
  for (int group : group_of_column_) {
    const auto& piece = pieces[static_cast<size_t>(group)];
    values.emplace_back(piece.data() == nullptr ? std::string() : std::string(piece));
  }
  return true;
}

}  // namespace basin::crawler
