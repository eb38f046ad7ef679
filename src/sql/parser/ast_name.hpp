#pragma once

#include <string>
#include <vector>

#include "sql/parser/source_pos.hpp"

namespace basin::sql {

// One name as written in the SQL: `orders`, `"Order Lines"`, `` `weird-name` ``.
struct Identifier {
  std::string text;     // as written, without the quotes
  bool quoted = false;  // written in double quotes (or back quotes in Hive DDL)
  SourcePos pos;

  // The name a binder resolves: unquoted identifiers are case-insensitive and fold to lower
  // case; quoted ones keep their case.
  std::string Name() const;
};

// A dotted name: `t`, `db.t`, `catalog.db.t`, `db.t.column`. Never empty once parsed.
using QualifiedName = std::vector<Identifier>;

// "db.t" from the parts' Name()s, for messages and lookups.
std::string JoinName(const QualifiedName& name);

}  // namespace basin::sql
