// Keyword tables and the edit distance behind "did you mean …?" hints.
#include "sql/parser/keywords.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iterator>
#include <vector>

namespace basin::sql {
namespace {

// Sorted, for binary search.
constexpr std::string_view kReserved[] = {
    "ALTER",        "AND",
    "AS",           "BETWEEN",
    "BY",           "CASE",
    "CAST",         "CONSTRAINT",
    "CREATE",       "CROSS",
    "CUBE",         "CURRENT_CATALOG",
    "CURRENT_DATE", "CURRENT_PATH",
    "CURRENT_ROLE", "CURRENT_SCHEMA",
    "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "CURRENT_USER", "DEALLOCATE",
    "DELETE",       "DESCRIBE",
    "DISTINCT",     "DROP",
    "ELSE",         "END",
    "ESCAPE",       "EXCEPT",
    "EXECUTE",      "EXISTS",
    "EXTRACT",      "FALSE",
    "FOR",          "FROM",
    "FULL",         "GROUP",
    "GROUPING",     "HAVING",
    "IN",           "INNER",
    "INSERT",       "INTERSECT",
    "INTO",         "IS",
    "JOIN",         "JSON_ARRAY",
    "JSON_EXISTS",  "JSON_OBJECT",
    "JSON_QUERY",   "JSON_TABLE",
    "JSON_VALUE",   "LEFT",
    "LIKE",         "LISTAGG",
    "LOCALTIME",    "LOCALTIMESTAMP",
    "NATURAL",      "NORMALIZE",
    "NOT",          "NULL",
    "ON",           "OR",
    "ORDER",        "OUTER",
    "PREPARE",      "RECURSIVE",
    "RIGHT",        "ROLLUP",
    "SELECT",       "SKIP",
    "TABLE",        "THEN",
    "TRIM",         "TRUE",
    "UESCAPE",      "UNION",
    "UNNEST",       "USING",
    "VALUES",       "WHEN",
    "WHERE",        "WITH",
};

// Not reserved, but they follow a relation or a select item and so cannot be an implicit alias.
constexpr std::string_view kClauseWords[] = {"FETCH", "LIMIT", "OFFSET", "WINDOW"};

// Non-reserved words with a meaning somewhere in the grammar.
constexpr std::string_view kOtherKeywords[] = {
    "ADD",          "ALL",           "ANALYZE",      "ANY",
    "ARRAY",        "ASC",           "AT",           "AVRO",
    "BUCKETS",      "CASCADE",       "CLUSTERED",    "COLLECTION",
    "COLUMNS",      "COMMENT",       "CURRENT",      "DATA",
    "DATABASE",     "DATABASES",     "DATE",         "DAY",
    "DBPROPERTIES", "DEFINED",       "DELIMITED",    "DESC",
    "DISTRIBUTED",  "ESCAPED",       "EXPLAIN",      "EXTENDED",
    "EXTERNAL",     "FETCH",         "FIELDS",       "FILTER",
    "FIRST",        "FOLLOWING",     "FORMAT",       "FORMATTED",
    "GROUPS",       "HOUR",          "IF",           "IGNORE",
    "INPUTFORMAT",  "INTERVAL",      "ITEMS",        "JSONFILE",
    "KEYS",         "LAST",          "LATERAL",      "LIMIT",
    "LINES",        "LOCATION",      "MAP",          "MINUTE",
    "MONTH",        "MSCK",          "NEXT",         "NO",
    "NULLS",        "OFFSET",        "ONLY",         "OPTION",
    "ORC",          "ORDINALITY",    "OUTPUTFORMAT", "OVER",
    "PARQUET",      "PARTITION",     "PARTITIONED",  "PARTITIONS",
    "PRECEDING",    "RANGE",         "REPAIR",       "REPLACE",
    "RESPECT",      "ROW",           "ROWS",         "SCHEMA",
    "SCHEMAS",      "SECOND",        "SERDE",        "SERDEPROPERTIES",
    "SETS",         "SHOW",          "SOME",         "STORED",
    "TABLES",       "TBLPROPERTIES", "TERMINATED",   "TEXTFILE",
    "TIES",         "TIME",          "TIMESTAMP",    "TRY_CAST",
    "UNBOUNDED",    "USE",           "OVERWRITE",    "UNLOAD",
};

std::vector<std::string_view> BuildAllKeywords() {
  std::vector<std::string_view> all(std::begin(kReserved), std::end(kReserved));
  all.insert(all.end(), std::begin(kClauseWords), std::end(kClauseWords));
  all.insert(all.end(), std::begin(kOtherKeywords), std::end(kOtherKeywords));
  all.insert(all.end(), {"VIEW", "VIEWS", "YEAR", "ZONE", "WITHOUT", "PRECISION", "TO", "VERBOSE",
                         "TYPE", "RESTRICT"});
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

}  // namespace

bool IsReservedWord(std::string_view upper) {
  return std::binary_search(std::begin(kReserved), std::end(kReserved), upper);
}

bool IsClauseWord(std::string_view upper) {
  return std::find(std::begin(kClauseWords), std::end(kClauseWords), upper) !=
         std::end(kClauseWords);
}

std::span<const std::string_view> AllKeywords() {
  static const std::vector<std::string_view> all = BuildAllKeywords();
  return all;
}

int EditDistance(std::string_view a, std::string_view b, int max_distance) {
  int n = static_cast<int>(a.size());
  int m = static_cast<int>(b.size());
  if (std::abs(n - m) > max_distance) return max_distance + 1;
  // Three rows of the dynamic-programming table: two back (for transpositions), one back, now.
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (int j = 0; j <= m; ++j) previous[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_min = current[0];
    for (int j = 1; j <= m; ++j) {
      int cost = Upper(a[i - 1]) == Upper(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && Upper(a[i - 1]) == Upper(b[j - 2]) &&
          Upper(a[i - 2]) == Upper(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::string_view ClosestKeyword(std::string_view word,
                                std::span<const std::string_view> candidates) {
  if (word.size() < 2 || word.size() > 40) return {};
  int limit = word.size() <= 4 ? 1 : 2;
  std::string_view best;
  int best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    int distance = EditDistance(word, candidate, limit);
    if (distance == 0) return {};  // the word is itself a keyword here: nothing to suggest
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace basin::sql
