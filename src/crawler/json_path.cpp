#include "crawler/json_path.hpp"

#include <simdjson.h>

#include "common/error.hpp"

namespace basin::crawler {

namespace {

[[noreturn]] void Fail(std::string_view text, size_t position, std::string_view what) {
  ThrowInvalid("JSON path '" + std::string(text) + "' is invalid at position " +
               std::to_string(position + 1) + ": " + std::string(what));
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

JsonPath::JsonPath(std::string_view text) {
  if (text.empty() || text[0] != '$') Fail(text, 0, "a JSON path starts with $");
  size_t i = 1;
  while (i < text.size()) {
    if (text[i] == '.') {
      ++i;
      if (i < text.size() && text[i] == '*') {
        steps_.push_back({Step::Kind::kAll, "", 0});
        ++i;
        continue;
      }
      size_t start = i;
      while (i < text.size() && IsNameChar(text[i])) ++i;
      if (i == start) Fail(text, start, "expected a member name after '.'");
      steps_.push_back({Step::Kind::kMember, std::string(text.substr(start, i - start)), 0});
    } else if (text[i] == '[') {
      size_t open = i++;
      if (i < text.size() && text[i] == '*') {
        ++i;
        steps_.push_back({Step::Kind::kAll, "", 0});
      } else if (i < text.size() && (text[i] == '\'' || text[i] == '"')) {
        char quote = text[i++];
        size_t start = i;
        while (i < text.size() && text[i] != quote) ++i;
        if (i >= text.size()) Fail(text, start - 1, "the quoted name is never closed");
        steps_.push_back({Step::Kind::kMember, std::string(text.substr(start, i - start)), 0});
        ++i;
      } else {
        size_t start = i;
        size_t index = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 9) {
          index = index * 10 + static_cast<size_t>(text[i] - '0');
          ++i;
        }
        if (i == start) Fail(text, start, "expected *, a number or a quoted name inside [ ]");
        steps_.push_back({Step::Kind::kIndex, "", index});
      }
      if (i >= text.size() || text[i] != ']') Fail(text, open, "'[' is never closed by ']'");
      ++i;
    } else {
      Fail(text, i, "expected '.' or '['");
    }
  }
}

void JsonPath::Select(const simdjson::dom::element& root,
                      std::vector<simdjson::dom::element>& out) const {
  SelectFrom(root, 0, out);
}

void JsonPath::SelectFrom(const simdjson::dom::element& node, size_t step,
                          std::vector<simdjson::dom::element>& out) const {
  if (step == steps_.size()) {
    out.push_back(node);
    return;
  }
  const Step& current = steps_[step];
  switch (current.kind) {
    case Step::Kind::kMember: {
      simdjson::dom::object object;
      if (node.get(object) != simdjson::SUCCESS) return;
      simdjson::dom::element child;
      if (object.at_key(current.name).get(child) == simdjson::SUCCESS) SelectFrom(child, step + 1, out);
      return;
    }
    case Step::Kind::kIndex: {
      simdjson::dom::array array;
      if (node.get(array) != simdjson::SUCCESS) return;
      simdjson::dom::element child;
      if (array.at(current.index).get(child) == simdjson::SUCCESS) SelectFrom(child, step + 1, out);
      return;
    }
    case Step::Kind::kAll: {
      simdjson::dom::array array;
      if (node.get(array) == simdjson::SUCCESS) {
        for (simdjson::dom::element child : array) SelectFrom(child, step + 1, out);
        return;
      }
      simdjson::dom::object object;
      if (node.get(object) == simdjson::SUCCESS) {
        for (auto field : object) SelectFrom(field.value, step + 1, out);
      }
      return;
    }
  }
}

}  // namespace basin::crawler
