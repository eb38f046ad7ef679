#include "catalog/column_list.hpp"

#include "common/error.hpp"

namespace basin::catalog {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

Column ParseEntry(std::string_view entry, size_t number) {
  std::string where = "column " + std::to_string(number) + " ('" + std::string(entry) + "')";
  Column column;
  std::string_view rest;
  if (!entry.empty() && entry.front() == '`') {
    size_t close = entry.find('`', 1);
    if (close == std::string_view::npos) ThrowInvalid(where + ": the quoted name is not closed");
    column.name = std::string(entry.substr(1, close - 1));
    rest = entry.substr(close + 1);
  } else {
    size_t space = entry.find_first_of(" \t\n");
    if (space == std::string_view::npos) {
      ThrowInvalid(where + ": give a name and a type, e.g. 'id int'");
    }
    column.name = std::string(entry.substr(0, space));
    rest = entry.substr(space);
  }
  column.type = std::string(Trim(rest));
  if (column.name.empty()) ThrowInvalid(where + ": the name is empty");
  if (column.type.empty()) ThrowInvalid(where + ": give a type after the name, e.g. 'id int'");
  return column;
}

}  // namespace

std::vector<Column> ParseColumnList(std::string_view text) {
  std::vector<Column> columns;
  if (Trim(text).empty()) return columns;
  int depth = 0;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ',';
    if (c == '`') quoted = !quoted;
    if (quoted) continue;
    if (c == '<' || c == '(') ++depth;
    if (c == '>' || c == ')') --depth;
    if (depth < 0)
      ThrowInvalid("column list '" + std::string(text) + "': unbalanced '" + std::string(1, c) +
                   "'");
    if (c == ',' && depth == 0) {
      columns.push_back(ParseEntry(Trim(text.substr(start, i - start)), columns.size() + 1));
      start = i + 1;
    }
  }
  if (depth != 0 || quoted) {
    ThrowInvalid("column list '" + std::string(text) + "': a bracket or quote is not closed");
  }
  return columns;
}

}  // namespace basin::catalog
