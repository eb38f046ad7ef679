#pragma once

// Column lists as people type them: "id int, name string, price decimal(10,2),
// tags array<string>, `first name` string". Commas inside (…) and <…> belong to the type;
// a name may be quoted with backticks. Types are checked later, by the catalog.

#include <string_view>
#include <vector>

#include "catalog/catalog_types.hpp"

namespace basin::catalog {

// InvalidInput naming the entry that has no name or no type, or unbalanced brackets.
std::vector<Column> ParseColumnList(std::string_view text);

}  // namespace basin::catalog
