#pragma once

// Exclude patterns with AWS Glue's glob rules, matched against '/'-separated paths (object
// keys relative to a lake target, db/schema/table names of a database target):
//   *      any run of characters within one path level (never '/')
//   **     any run of characters across levels
//   ?      one character other than '/'
//   [a-z]  one character of a set or range; [!a-z] one character not in it
//   {a,b}  one of the comma-separated alternatives (which may hold the rules above, not groups)
//   \c     the character c itself
// Everything else matches itself, case-sensitively. A pattern is compiled once (to RE2, so
// matching is linear in the path) and then matched many times, from any thread.

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace basin::crawler {

class GlobPattern {
 public:
  // InvalidInput naming the pattern and the position for an unclosed [ or {, a nested {, an
  // empty set [], or a trailing backslash.
  explicit GlobPattern(std::string_view pattern);
  ~GlobPattern();
  GlobPattern(GlobPattern&&) noexcept;
  GlobPattern& operator=(GlobPattern&&) noexcept;

  // True when the whole of `path` matches.
  bool Matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }
  // The regular expression it compiled to (for tests and messages).
  const std::string& regex() const { return regex_; }

 private:
  std::string pattern_;
  std::string regex_;
  std::unique_ptr<re2::RE2> re_;
};

// Translates a glob to the RE2 syntax GlobPattern uses; InvalidInput as above.
std::string GlobToRegex(std::string_view pattern);

}  // namespace basin::crawler
