#pragma once

// Grok patterns, as Glue's Grok classifiers and Logstash write them: a regular expression
// with %{NAME} references to named patterns and %{NAME:field} or %{NAME:field:type} captures
// that become columns. Types are Glue's: byte, boolean, short, int, long, float, double,
// string (the default), date, timestamp — stored as their Hive names.
//
// References resolve first against the classifier's custom patterns ("NAME regex" per line),
// then against the built-in library (grok_library.cpp: INT, NUMBER, WORD, NOTSPACE, DATA,
// GREEDYDATA, IP, IPV4, IPV6, HOSTNAME, TIMESTAMP_ISO8601, HTTPDATE, LOGLEVEL, QUOTEDSTRING,
// UUID, COMMONAPACHELOG, COMBINEDAPACHELOG, …). The result compiles to one RE2 expression, so
// a line is matched in linear time; RE2 syntax applies (no look-around, no backreferences).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.hpp"

namespace re2 {
class RE2;
}

namespace basin::crawler {

class GrokPattern {
 public:
  // InvalidInput naming the problem: an unknown pattern name, a reference cycle or nesting
  // deeper than 32, an unknown type, a malformed custom pattern line, a duplicate field, a
  // pattern without fields, or a regular expression RE2 rejects.
  GrokPattern(std::string_view pattern, std::string_view custom_patterns = {});
  ~GrokPattern();
  GrokPattern(GrokPattern&&) noexcept;
  GrokPattern& operator=(GrokPattern&&) noexcept;

  // One column per captured field, in pattern order, with its Hive type.
  const std::vector<catalog::Column>& columns() const { return columns_; }
  // True when the whole line matches.
  bool Matches(std::string_view line) const;
  // The captured text of each column (empty for a field the line does not reach); false
  // when the line does not match.
  bool Parse(std::string_view line, std::vector<std::string>& values) const;
  const std::string& regex() const { return regex_; }

 private:
  std::vector<catalog::Column> columns_;
  std::string regex_;
  std::unique_ptr<re2::RE2> re_;
  std::vector<int> group_of_column_;  // RE2 capture group index of each column
};

// The built-in pattern named `name`, or nullptr.
const char* BuiltinGrokPattern(std::string_view name);

}  // namespace basin::crawler
