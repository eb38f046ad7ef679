#pragma once

// Hive DDL and the catalog's tables, both ways: CREATE [EXTERNAL] TABLE becomes a catalog
// table shaped as Athena stores it through Glue (input/output formats, SerDe and its
// parameters, classification, EXTERNAL=TRUE), and a catalog table prints back as the
// CREATE TABLE text SHOW CREATE TABLE gives.

#include <string>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "sql/parser/ast_statement.hpp"

namespace basin::sql {

// The catalog table for a Hive CREATE TABLE. `location` is where the data lives (the
// statement's LOCATION or the default chosen by the caller). Column types are checked and
// stored in Hive spelling; InvalidInput names the line and column of a bad one.
catalog::Table TableFromDefinition(const CreateTableStatement& statement, std::string name,
                                   std::string location);

// SHOW CREATE TABLE: Hive DDL that recreates the table, one line per element.
std::vector<std::string> ShowCreateTableLines(const catalog::Table& table);

// The classification ("parquet", "csv", "json") of a table: its parameter, else what its
// storage descriptor says, else "".
std::string ClassificationOf(const catalog::Table& table);

}  // namespace basin::sql
