// CREATE / DROP of databases, tables and views: straight onto the catalog.
#include "catalog/names.hpp"
#include "common/error.hpp"
#include "sql/engine/query_runner.hpp"
#include "sql/engine/session.hpp"
#include "sql/engine/table_definition.hpp"
#include "sql/parser/ast_printer.hpp"

namespace basin::sql {

namespace {

StatementResult Done(std::string type, std::string message) {
  StatementResult result;
  result.statement_type = std::move(type);
  result.message = std::move(message);
  return result;
}

[[noreturn]] void ThrowNotFound(std::string message) {
  throw Error(ErrorCode::kNotFound, std::move(message));
}
[[noreturn]] void ThrowAlreadyExists(std::string message) {
  throw Error(ErrorCode::kAlreadyExists, std::move(message));
}

std::string Position(const SourcePos& pos) {
  return "line " + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": ";
}

bool Exists(catalog::Catalog& catalog, const std::string& database, const std::string& table,
            catalog::Table* out = nullptr) {
  try {
    catalog::Table found = catalog.GetTable(database, table);
    if (out != nullptr) *out = std::move(found);
    return true;
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kNotFound) throw;
    // A missing database is an error of its own, not "no such table".
    catalog.GetDatabase(database);
    return false;
  }
}

}  // namespace

StatementResult Session::CreateDatabase(const CreateDatabaseStatement& statement) {
  catalog::Database database;
  database.name = catalog::NormalizeName("database name", statement.name.Name());
  if (statement.comment) database.description = *statement.comment;
  if (statement.location) database.location_uri = *statement.location;
  for (const auto& property : statement.properties) {
    database.parameters[property.key] = property.value;
  }
  try {
    catalog_.CreateDatabase(database);
  } catch (const Error& error) {
    if (error.code() == ErrorCode::kAlreadyExists && statement.if_not_exists) {
      return Done("CREATE DATABASE", "database " + database.name + " already exists");
    }
    throw;
  }
  return Done("CREATE DATABASE", "database " + database.name + " created");
}

StatementResult Session::CreateTable(const CreateTableStatement& statement) {
  std::string database = DatabaseOf(statement.name, 1);
  std::string name = TableOf(statement.name);
  std::string location = statement.location ? *statement.location
                                            : DefaultTableLocation(database, name);
  catalog::Table table = TableFromDefinition(statement, name, location);
  if (statement.if_not_exists && Exists(catalog_, database, name)) {
    return Done("CREATE TABLE", "table " + database + "." + name + " already exists");
  }
  catalog_.CreateTable(database, table);
  return Done("CREATE TABLE", "table " + database + "." + name + " created");
}

StatementResult Session::CreateView(const CreateViewStatement& statement, std::string_view sql) {
  std::string database = DatabaseOf(statement.name, 1);
  std::string name = TableOf(statement.name);
  catalog::Table existing;
  bool exists = Exists(catalog_, database, name, &existing);
  if (exists && !statement.or_replace) {
    ThrowAlreadyExists(Position(statement.pos) + "view " + database + "." + name +
                       " already exists (use CREATE OR REPLACE VIEW)");
  }
  if (exists && existing.table_type != catalog::TableType::kVirtualView) {
    ThrowInvalid(Position(statement.pos) + database + "." + name +
                 " is a table, not a view; it cannot be replaced by one");
  }
  // Planning the query checks it and gives the view's columns. Unqualified names inside the
  // view resolve in the view's database, as they will when the view is used.
  QueryShape shape = DescribeQuery(*this, *statement.query, sql, database);
  if (!statement.columns.empty()) {
    if (statement.columns.size() != shape.names.size()) {
      ThrowInvalid(Position(statement.pos) + "the view lists " +
                   std::to_string(statement.columns.size()) + " column names but its query has " +
                   std::to_string(shape.names.size()) + " columns");
    }
    for (size_t i = 0; i < shape.names.size(); ++i) shape.names[i] = statement.columns[i].Name();
  }
  catalog::Table view;
  view.name = name;
  view.table_type = catalog::TableType::kVirtualView;
  view.view_original_text = ToSql(*statement.query);
  view.view_expanded_text = view.view_original_text;
  view.parameters["presto_view"] = "true";
  for (size_t i = 0; i < shape.names.size(); ++i) {
    catalog::Column column;
    column.name = catalog::NormalizeColumnName(shape.names[i]);
    column.type = shape.types[i].ToString();
    view.storage_descriptor.columns.push_back(std::move(column));
  }
  if (exists) {
    catalog_.UpdateTable(database, view);
    return Done("CREATE VIEW", "view " + database + "." + name + " replaced");
  }
  catalog_.CreateTable(database, view);
  return Done("CREATE VIEW", "view " + database + "." + name + " created");
}

StatementResult Session::Drop(const DropStatement& statement) {
  if (statement.object == ObjectKind::kDatabase) {
    std::string database = DatabaseOf(statement.name, 0);
    try {
      catalog_.GetDatabase(database);
    } catch (const Error& error) {
      if (error.code() == ErrorCode::kNotFound && statement.if_exists) {
        return Done("DROP DATABASE", "database " + database + " does not exist");
      }
      throw;
    }
    if (!statement.cascade) {
      auto tables = catalog_.GetTables(database, catalog::PageRequest{1, ""});
      if (!tables.items.empty()) {
        ThrowInvalid(Position(statement.pos) + "database " + database +
                     " is not empty (it holds " + tables.items[0].name +
                     "); drop its tables first or use DROP DATABASE … CASCADE");
      }
    }
    catalog_.DeleteDatabase(database);
    return Done("DROP DATABASE", "database " + database + " dropped");
  }

  bool view = statement.object == ObjectKind::kView;
  std::string what = view ? "view" : "table";
  std::string type = view ? "DROP VIEW" : "DROP TABLE";
  std::string database = DatabaseOf(statement.name, 1);
  std::string name = TableOf(statement.name);
  catalog::Table table;
  bool exists = false;
  try {
    exists = Exists(catalog_, database, name, &table);
  } catch (const Error& error) {
    if (error.code() == ErrorCode::kNotFound && statement.if_exists) {
      return Done(type, "database " + database + " does not exist");
    }
    throw;
  }
  if (!exists) {
    if (statement.if_exists) return Done(type, what + " " + database + "." + name + " does not exist");
    ThrowNotFound(Position(statement.name.back().pos) + what + " '" + database + "." + name +
                  "' does not exist");
  }
  bool is_view = table.table_type == catalog::TableType::kVirtualView;
  if (is_view != view) {
    ThrowInvalid(Position(statement.pos) + database + "." + name + " is a " +
                 (is_view ? "view: use DROP VIEW" : "table: use DROP TABLE"));
  }
  // Like Athena, dropping an external table leaves its files in the lake.
  catalog_.DeleteTable(database, name);
  return Done(type, what + " " + database + "." + name + " dropped");
}

}  // namespace basin::sql
