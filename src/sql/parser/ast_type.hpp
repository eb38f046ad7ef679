#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sql/parser/ast_name.hpp"
#include "types/logical_type.hpp"

namespace basin::sql {

struct TypeField;

// A type as written in SQL, before it is resolved: Trino's `varchar(10)`, `decimal(12,2)`,
// `array(bigint)`, `map(varchar, double)`, `row(a integer, b varchar)`,
// `timestamp(3) with time zone`, `interval day to second`, and Hive's `string`,
// `array<struct<a:int>>`, `map<string,int>` in DDL. ToLogicalType resolves it.
struct TypeName {
  // Lower-case base name; multi-word names are joined by one space ("double precision",
  // "interval day to second").
  std::string name;
  std::vector<int64_t> numbers;  // length, precision, scale: varchar(10), decimal(12,2)
  // Element / key and value / fields of array, map, row and struct.
  std::vector<TypeField> fields;
  bool angle_brackets = false;  // written Hive style: array<int> rather than array(int)
  bool with_time_zone = false;  // time / timestamp … WITH TIME ZONE
  // Written in a Hive DDL statement, where a bare `decimal` is decimal(10,0) rather than
  // Trino's decimal(38,0). Not part of the spelling: AstEquals and the printer ignore it.
  bool hive_ddl = false;
  SourcePos pos;
};

struct TypeField {
  Identifier name;  // empty text for array elements, map keys and values, unnamed row fields
  TypeName type;
};

// Resolves a parsed type to Basin's logical type. Names are Trino's and Hive's: boolean,
// tinyint, smallint, int/integer, bigint, real/float, double [precision], decimal/numeric[(p,s)]
// (decimal alone is decimal(38,0), or decimal(10,0) in Hive DDL), varchar[(n)],
// char[(n)], string, varbinary/binary, date, time[(p)], timestamp[(p)], json (as varchar),
// array, map, row/struct. Throws Unsupported for valid types Basin cannot hold (time zones,
// intervals, …) and InvalidInput for malformed ones, naming line and column.
types::LogicalType ToLogicalType(const TypeName& type);

}  // namespace basin::sql
