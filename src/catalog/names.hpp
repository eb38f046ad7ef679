#pragma once

// Name rules of the catalog, as Glue has them: database and table names are lower case
// [a-z0-9_], 1 to 255 characters. Upper case is folded to lower case; anything else is
// InvalidInput naming the bad character and its position.

#include <string>
#include <string_view>

namespace basin::catalog {

inline constexpr size_t kMaxNameLength = 255;

// `kind` says what the name is for messages ("database name", "connection name").
// Returns the name folded to lower case.
std::string NormalizeName(std::string_view kind, std::string_view name);

// Column and partition-key names are folded to lower case (Athena resolves columns that way)
// but may hold any printable UTF-8 text, as Glue's columns of CSV headers do: "first name".
std::string NormalizeColumnName(std::string_view name);

// A table named "db.table" on the command line or in SQL.
struct QualifiedName {
  std::string database;
  std::string table;
};
// Both parts normalised; InvalidInput when there is no single dot between two names.
QualifiedName ParseQualifiedName(std::string_view text);

// InvalidInput "<what> is not valid UTF-8 (byte N)" unless text is well-formed UTF-8 without
// control characters other than tab, newline and carriage return.
void CheckText(std::string_view what, std::string_view text);

}  // namespace basin::catalog
