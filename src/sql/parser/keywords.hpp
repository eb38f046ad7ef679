#pragma once

#include <span>
#include <string_view>

namespace basin::sql {

// Words that cannot be unquoted identifiers (Trino's reserved words); `upper` is upper case.
bool IsReservedWord(std::string_view upper);

// Words that end or start a clause and so are never read as an implicit alias after a table
// or a select item, although they may be identifiers elsewhere (LIMIT, OFFSET, …).
bool IsClauseWord(std::string_view upper);

// Every keyword the parser knows, for "did you mean …?" hints.
std::span<const std::string_view> AllKeywords();

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so FORM is one
// edit from FROM), case-insensitive. Returns max_distance + 1 early once it is exceeded.
int EditDistance(std::string_view a, std::string_view b, int max_distance);

// The candidate closest to `word` within a distance that still reads as a typo (1 for short
// words, 2 for longer ones), or "" when none is close. Exact matches are not suggestions.
std::string_view ClosestKeyword(std::string_view word,
                                std::span<const std::string_view> candidates);

}  // namespace basin::sql
