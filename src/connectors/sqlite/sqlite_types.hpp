#pragma once

// SQLite declared column types → Hive types (README.md has the table). SQLite stores any
// value in any column; the declared type decides what a scan produces, and a stored value
// that does not convert is Corrupt naming the row and column.

#include <string>
#include <string_view>

namespace basin::connectors::sqlite {

// The Hive type string for a declared type ("VARCHAR(20)", "DECIMAL(5,2)", "" …).
std::string HiveTypeOfDeclared(std::string_view declared);

}  // namespace basin::connectors::sqlite
