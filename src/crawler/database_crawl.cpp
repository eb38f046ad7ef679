// Crawling a source database through connectors/: the tables and views the include path
// selects and no exclude pattern removes, as JDBC tables of the catalog.
#include <filesystem>

#include "common/error.hpp"
#include "connectors/connector.hpp"
#include "crawler/glob_pattern.hpp"
#include "crawler/include_path.hpp"
#include "crawler/target_crawl.hpp"

namespace basin::crawler {

namespace {

std::string Classification(catalog::ConnectionType type) {
  switch (type) {
    case catalog::ConnectionType::kPostgreSql: return "postgresql";
    case catalog::ConnectionType::kMySql: return "mysql";
    case catalog::ConnectionType::kSqlite: return "sqlite";
  }
  return "jdbc";
}

// The database level of include paths: the URL's database; for SQLite the file's name
// without its extension (movies.db → movies).
std::string DatabaseLevel(const connectors::Connector& connector) {
  std::string name = connector.DatabaseName();
  if (connector.type() == catalog::ConnectionType::kSqlite) {
    name = std::filesystem::path(name).stem().string();
  }
  return name;
}

}  // namespace

std::vector<DesiredTable> CrawlDatabaseTarget(CrawlContext& context,
                                              const catalog::JdbcTarget& target) {
  IncludePath include(target.path);
  std::vector<GlobPattern> exclusions;
  for (const auto& pattern : target.exclusions) exclusions.emplace_back(pattern);
  catalog::Connection connection = context.catalog.GetConnection(target.connection_name);
  context.Progress("connecting to " + connection.name);
  auto connector = connectors::OpenConnector(connection);
  std::string database = DatabaseLevel(*connector);
  std::string label = connection.name + " " + target.path;
  if (!include.MatchesDatabase(database)) {
    context.Log(label + ": the connection's database is '" + database +
                "', which the include path does not match: no tables");
    return {};
  }
  // MySQL has no level between database and table: its schema is the database.
  bool schema_is_database = connector->type() == catalog::ConnectionType::kMySql;
  std::vector<DesiredTable> tables;
  for (const auto& schema : connector->ListSchemas()) {
    if (schema_is_database && schema != database) continue;
    if (!include.two_levels() && !include.MatchesSchema(schema)) continue;
    std::vector<connectors::TableInfo> infos;
    try {
      infos = connector->ListTables(schema, true);
    } catch (const Error& error) {
      context.TargetError(label + " schema " + schema, error.what());
      continue;
    }
    for (const auto& info : infos) {
      if (!include.MatchesTable(info.name)) continue;
      // Exclusions are relative to the include path; the full path is accepted too.
      std::string relative = include.two_levels() ? info.name : schema + "/" + info.name;
      std::string full = schema_is_database || include.two_levels()
                             ? database + "/" + info.name
                             : database + "/" + schema + "/" + info.name;
      bool excluded = false;
      for (const auto& pattern : exclusions) {
        excluded |= pattern.Matches(info.name) || pattern.Matches(relative) ||
                    pattern.Matches(full);
      }
      if (excluded) {
        context.Log("excluded " + full);
        continue;
      }
      // Glue names JDBC tables database_schema_table; MySQL and SQLite have no schema level
      // of their own, so theirs are database_table.
      bool with_schema = connector->type() == catalog::ConnectionType::kPostgreSql;
      std::string base = with_schema ? database + "_" + schema + "_" + info.name
                                     : database + "_" + info.name;
      if (info.columns.empty()) {
        // A view over a dropped table, or one the user may not read: its columns are unknown,
        // which is no reason to wipe or retire what the catalog has.
        context.keep.insert(GlueTableName(context.crawler.table_prefix + base));
        context.TargetError(label + " " + full,
                            "no columns could be read (a view over a dropped table, or no "
                            "permission?): left as it is");
        continue;
      }
      DesiredTable desired;
      catalog::Table& table = desired.table;
      table.name = GlueTableName(context.crawler.table_prefix + base);
      table.table_type = catalog::TableType::kJdbcTable;
      table.connection_name = connection.name;
      table.storage_descriptor.location = database + "." + schema + "." + info.name;
      for (const auto& column : info.columns) {
        catalog::Column out{column.name, column.hive_type, column.comment, {}};
        out.parameters["sourceType"] = column.source_type;
        if (column.primary_key_position > 0) {
          out.parameters["primaryKeyPosition"] = std::to_string(column.primary_key_position);
        }
        if (!column.nullable) out.parameters["nullable"] = "false";
        table.storage_descriptor.columns.push_back(std::move(out));
      }
      table.description = info.comment;
      table.parameters[std::string(catalog::kClassificationKey)] =
          Classification(connector->type());
      table.parameters["typeOfData"] = info.kind == connectors::RelationKind::kView ? "view" : "table";
      table.parameters["connectionName"] = connection.name;
      table.parameters["sourceTable"] = schema + "." + info.name;
      table.parameters["sourceKind"] = std::string(connectors::RelationKindName(info.kind));
      table.parameters[std::string(kUpdatedByCrawlerKey)] = context.crawler.name;
      table.created_by = "crawler " + context.crawler.name;
      tables.push_back(std::move(desired));
    }
  }
  return tables;
}

}  // namespace basin::crawler
