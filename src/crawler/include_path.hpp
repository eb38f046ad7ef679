#pragma once

// The include path of a database target, as Glue writes it: database/schema/table (PostgreSQL
// style) or database/table (MySQL, where the schema is the database; SQLite, where it is
// main), each level a SQL LIKE pattern where % matches any run: movies/%, movies/public/%,
// movies/public/customer.

#include <optional>
#include <string>
#include <string_view>

#include "catalog/like_pattern.hpp"

namespace basin::crawler {

class IncludePath {
 public:
  // InvalidInput unless the path has two or three non-empty levels.
  explicit IncludePath(std::string_view text);

  bool MatchesDatabase(std::string_view name) const { return database_.Matches(name); }
  // True when the path names no schema level (database/table).
  bool two_levels() const { return !schema_.has_value(); }
  bool MatchesSchema(std::string_view name) const { return !schema_ || schema_->Matches(name); }
  bool MatchesTable(std::string_view name) const { return table_.Matches(name); }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  catalog::LikePattern database_;
  std::optional<catalog::LikePattern> schema_;
  catalog::LikePattern table_;
};

}  // namespace basin::crawler
