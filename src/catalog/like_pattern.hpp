#pragma once

// SQL LIKE patterns: % matches any run of characters, _ exactly one character (a whole UTF-8
// sequence, not a byte), everything else itself, case-sensitively; an optional escape
// character makes the next % or _ literal. Matching is O(text × pattern) at worst, with no
// backtracking explosion.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basin::catalog {

class LikePattern {
 public:
  LikePattern() = default;  // matches only the empty text
  LikePattern(std::string_view pattern, std::optional<char> escape);

  bool Matches(std::string_view text) const;

 private:
  // Literal bytes, or exactly one character (_).
  struct Item {
    bool any_one = false;
    std::string literal;
  };
  using Segment = std::vector<Item>;

  // The pattern split at its % signs: segments_.size() - 1 of them.
  std::vector<Segment> segments_ = {Segment{}};
};

}  // namespace basin::catalog
