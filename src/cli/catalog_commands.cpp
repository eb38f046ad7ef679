// basin catalog …: looking at and editing the Data Catalog (databases, tables, versions,
// partitions). JSON output has the shapes of the Glue API's responses (DatabaseList,
// TableList, Table, TableVersions, Partitions).
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "catalog/catalog_json.hpp"
#include "catalog/column_list.hpp"
#include "catalog/names.hpp"
#include "catalog/storage_formats.hpp"
#include "cli/commands.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "formats/file_format.hpp"
#include "types/date_time.hpp"

namespace basin::cli {

namespace {

using catalog::Catalog;
using nlohmann::json;

struct CatalogArgs {
  std::string name;  // NAME or DB.T
  std::string description;
  std::string location;
  std::string format;
  std::string columns;
  std::string schema_from;
  std::string partition_keys;
  std::string filter;
  std::string pattern;
  bool like = false;
  std::string database;
  std::vector<std::string> parameters;  // k=v
  std::vector<std::string> values;      // partition values
  std::vector<int64_t> versions;
  int64_t version = 0;
  int64_t max_results = 0;
};

std::string Time(int64_t millis) {
  if (millis == 0) return "";
  std::string text = types::FormatTimestamp((millis / 1000) * types::kMicrosPerSecond);
  return text;
}

void PrintJson(const json& value) { std::cout << value.dump(2) << "\n"; }

// "k=v" pairs; "k" alone when values are optional.
catalog::Parameters ParseParameters(const std::vector<std::string>& pairs) {
  catalog::Parameters parameters;
  for (const auto& pair : pairs) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      ThrowInvalid("parameter '" + pair + "' is not of the form KEY=VALUE");
    }
    parameters[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  return parameters;
}

std::string ValuesText(const catalog::Table& table, const std::vector<std::string>& values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += "/";
    if (i < table.partition_keys.size()) text += table.partition_keys[i].name + "=";
    text += values[i];
  }
  return text;
}

std::string Format(const catalog::Table& table) {
  auto it = table.parameters.find(std::string(catalog::kClassificationKey));
  if (it != table.parameters.end()) return it->second;
  return catalog::FormatOfStorageDescriptor(table.storage_descriptor);
}

void RunDatabases(const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  auto page = catalog->GetDatabases();
  if (options.json) {
    json list = json::array();
    for (const auto& database : page.items) list.push_back(catalog::ToJson(database));
    PrintJson({{"DatabaseList", list}});
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& database : page.items) {
    rows.push_back(
        {database.name, database.description, database.location_uri, Time(database.create_time)});
  }
  PrintTable(std::cout, {"database", "description", "location", "created"}, rows);
}

void PrintTables(const std::vector<catalog::Table>& tables, const GlobalOptions& options,
                 bool with_database) {
  if (options.json) {
    json list = json::array();
    for (const auto& table : tables) list.push_back(catalog::ToJson(table));
    PrintJson({{"TableList", list}});
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& table : tables) {
    std::string keys;
    for (const auto& key : table.partition_keys) keys += (keys.empty() ? "" : ",") + key.name;
    std::string name = with_database ? table.database_name + "." + table.name : table.name;
    if (table.deprecated) name += " (deprecated)";
    rows.push_back({name, std::string(catalog::TableTypeName(table.table_type)), Format(table),
                    std::to_string(table.storage_descriptor.columns.size()), keys,
                    std::to_string(table.version_id), Time(table.update_time),
                    table.storage_descriptor.location});
  }
  PrintTable(
      std::cout,
      {"table", "type", "format", "columns", "partitioned by", "version", "updated", "location"},
      rows, 60);
}

void RunTables(const CatalogArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::TableSearch search;
  search.database = args.name;
  search.name_pattern = args.pattern;
  search.syntax = args.like ? catalog::PatternSyntax::kLike : catalog::PatternSyntax::kGlob;
  PrintTables(catalog->SearchTables(search).items, options, false);
}

void RunSearch(const CatalogArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::TableSearch search;
  search.database = args.database;
  search.name_pattern = args.pattern;
  search.syntax = args.like ? catalog::PatternSyntax::kLike : catalog::PatternSyntax::kGlob;
  for (const auto& pair : args.parameters) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos) {
      search.parameters.push_back({pair, std::nullopt});
    } else {
      search.parameters.push_back({pair.substr(0, eq), pair.substr(eq + 1)});
    }
  }
  PrintTables(catalog->SearchTables(search).items, options, true);
}

void PrintColumns(const char* title, const std::vector<catalog::Column>& columns) {
  if (columns.empty()) return;
  std::cout << "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& column : columns) rows.push_back({column.name, column.type, column.comment});
  PrintTable(std::cout, {title, "type", "comment"}, rows, 100);
}

void PrintTableDetails(const catalog::Table& table) {
  const auto& descriptor = table.storage_descriptor;
  std::vector<std::vector<std::string>> rows = {
      {"table", table.database_name + "." + table.name},
      {"type", std::string(catalog::TableTypeName(table.table_type))},
      {"version", std::to_string(table.version_id)},
      {"location", descriptor.location},
      {"format", Format(table)},
      {"input format", descriptor.input_format},
      {"output format", descriptor.output_format},
      {"serde", descriptor.serde_info.serialization_library},
      {"created", Time(table.create_time)},
      {"updated", Time(table.update_time)},
  };
  auto add = [&](const char* label, const std::string& value) {
    if (!value.empty()) rows.push_back({label, value});
  };
  add("description", table.description);
  add("owner", table.owner);
  add("created by", table.created_by);
  add("connection", table.connection_name);
  add("view text", table.view_original_text);
  if (table.deprecated) rows.push_back({"deprecated", "yes"});
  PrintTable(std::cout, {"property", "value"}, rows, 200);
  PrintColumns("column", descriptor.columns);
  PrintColumns("partition key", table.partition_keys);
  if (!table.parameters.empty()) {
    std::cout << "\n";
    std::vector<std::vector<std::string>> parameters;
    for (const auto& [key, value] : table.parameters) parameters.push_back({key, value});
    PrintTable(std::cout, {"parameter", "value"}, parameters, 100);
  }
}

void RunTable(const CatalogArgs& args, const GlobalOptions& options) {
  auto name = catalog::ParseQualifiedName(args.name);
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Table table =
      args.version != 0 ? catalog->GetTableVersion(name.database, name.table, args.version).table
                        : catalog->GetTable(name.database, name.table);
  if (options.json) {
    PrintJson({{"Table", catalog::ToJson(table)}});
    return;
  }
  PrintTableDetails(table);
}

void RunVersions(const CatalogArgs& args, const GlobalOptions& options) {
  auto name = catalog::ParseQualifiedName(args.name);
  auto catalog = catalog::OpenHomeCatalog(options.home);
  auto versions = catalog->GetTableVersions(name.database, name.table).items;
  if (options.json) {
    json list = json::array();
    for (const auto& version : versions) list.push_back(catalog::ToJson(version));
    PrintJson({{"TableVersions", list}});
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& version : versions) {
    const auto& table = version.table;
    rows.push_back({std::to_string(version.version_id), Time(table.update_time),
                    std::to_string(table.storage_descriptor.columns.size()), Format(table),
                    table.storage_descriptor.location});
  }
  PrintTable(std::cout, {"version", "updated", "columns", "format", "location"}, rows, 80);
}

void RunDeleteVersions(const CatalogArgs& args, const GlobalOptions& options) {
  auto name = catalog::ParseQualifiedName(args.name);
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->DeleteTableVersions(name.database, name.table, args.versions);
  if (options.json) {
    PrintJson({{"Table", name.database + "." + name.table}, {"DeletedVersions", args.versions}});
  } else {
    std::cout << "deleted " << args.versions.size() << " version(s) of " << name.database << "."
              << name.table << "\n";
  }
}

void RunPartitions(const CatalogArgs& args, const GlobalOptions& options) {
  auto name = catalog::ParseQualifiedName(args.name);
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::PartitionQuery query;
  query.expression = args.filter;
  query.page.max_results = args.max_results;
  auto page = catalog->GetPartitions(name.database, name.table, query);
  if (options.json) {
    json list = json::array();
    for (const auto& partition : page.items) list.push_back(catalog::ToJson(partition));
    json out = {{"Partitions", list}};
    if (!page.next_token.empty()) out["NextToken"] = page.next_token;
    PrintJson(out);
    return;
  }
  catalog::Table table = catalog->GetTable(name.database, name.table);
  std::vector<std::vector<std::string>> rows;
  for (const auto& partition : page.items) {
    rows.push_back({ValuesText(table, partition.values), partition.storage_descriptor.location,
                    Time(partition.creation_time)});
  }
  PrintTable(std::cout, {"partition", "location", "created"}, rows, 100);
  if (!page.next_token.empty()) {
    std::cout << "(more partitions follow; raise --max-results to see them)\n";
  }
}

void RunCreateDatabase(const CatalogArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Database database;
  database.name = args.name;
  database.description = args.description;
  database.location_uri = args.location;
  database.parameters = ParseParameters(args.parameters);
  catalog->CreateDatabase(database);
  catalog::Database created = catalog->GetDatabase(args.name);
  if (options.json) {
    PrintJson({{"Database", catalog::ToJson(created)}});
  } else {
    std::cout << "created database " << created.name << "\n";
  }
}

void RunDeleteDatabase(const CatalogArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  std::string name = catalog::NormalizeName("database name", args.name);
  catalog->DeleteDatabase(name);
  if (options.json) {
    PrintJson({{"DeletedDatabase", name}});
  } else {
    std::cout << "deleted database " << name << " with its tables\n";
  }
}

// Columns (and the format, unless given) read from a data file's own schema.
std::vector<catalog::Column> ColumnsFromFile(const std::string& path, std::string& format) {
  formats::FileFormat detected = format.empty() ? formats::DetectFileFormat(path)
                                                : formats::ParseFileFormat(format);
  if (format.empty()) format = std::string(formats::FileFormatName(detected));
  auto reader = formats::OpenFileReader(path, detected);
  std::vector<catalog::Column> columns;
  for (const auto& field : reader->schema().fields()) {
    catalog::Column column;
    column.name = field.name;
    column.type = field.type.ToString();
    columns.push_back(std::move(column));
  }
  return columns;
}

void RunCreateTable(const CatalogArgs& args, const GlobalOptions& options) {
  auto name = catalog::ParseQualifiedName(args.name);
  if (args.columns.empty() == args.schema_from.empty()) {
    // A usage error (exit 2), like any other missing option.
    throw CLI::ValidationError(
        "--columns", "give the columns either with --columns 'id int, …' or with --schema-from FILE");
  }
  std::string format_name = args.format;
  std::vector<catalog::Column> columns = args.schema_from.empty()
                                             ? catalog::ParseColumnList(args.columns)
                                             : ColumnsFromFile(args.schema_from, format_name);
  if (format_name.empty()) {
    throw CLI::ValidationError("--format", "--format parquet|csv|json is required with --columns");
  }
  catalog::Table table;
  table.name = name.table;
  table.description = args.description;
  table.storage_descriptor = catalog::StorageDescriptorForFormat(format_name);
  // A local path is taken relative to where the command runs, once: the catalog is read later
  // by servers and jobs with other working directories.
  table.storage_descriptor.location =
      args.location.find("://") == std::string::npos
          ? std::filesystem::absolute(args.location).lexically_normal().string()
          : args.location;
  table.storage_descriptor.columns = std::move(columns);
  table.partition_keys = catalog::ParseColumnList(args.partition_keys);
  table.parameters = ParseParameters(args.parameters);
  std::string format = catalog::FormatOfStorageDescriptor(table.storage_descriptor);
  table.parameters.emplace(std::string(catalog::kClassificationKey), format);
  table.created_by = "basin catalog create-table";
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->CreateTable(name.database, table);
  catalog::Table created = catalog->GetTable(name.database, name.table);
  if (options.json) {
    PrintJson({{"Table", catalog::ToJson(created)}});
  } else {
    std::cout << "created table " << created.database_name << "." << created.name << " ("
              << created.storage_descriptor.columns.size() << " columns, " << format << ")\n";
  }
}

void RunDeleteTable(const CatalogArgs& args, const GlobalOptions& options) {
  auto name = catalog::ParseQualifiedName(args.name);
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->DeleteTable(name.database, name.table);
  if (options.json) {
    PrintJson({{"DeletedTable", name.database + "." + name.table}});
  } else {
    std::cout << "deleted table " << name.database << "." << name.table << "\n";
  }
}

void RunCreatePartition(const CatalogArgs& args, const GlobalOptions& options) {
  auto name = catalog::ParseQualifiedName(args.name);
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Partition partition;
  partition.values = args.values;
  partition.storage_descriptor.location = args.location;
  partition.parameters = ParseParameters(args.parameters);
  catalog->CreatePartition(name.database, name.table, partition);
  catalog::Partition created = catalog->GetPartition(name.database, name.table, args.values);
  if (options.json) {
    PrintJson({{"Partition", catalog::ToJson(created)}});
  } else {
    std::cout << "created partition of " << name.database << "." << name.table << " at "
              << created.storage_descriptor.location << "\n";
  }
}

void RunDeletePartition(const CatalogArgs& args, const GlobalOptions& options) {
  auto name = catalog::ParseQualifiedName(args.name);
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->DeletePartition(name.database, name.table, args.values);
  if (options.json) {
    PrintJson({{"DeletedPartition", args.values}});
  } else {
    std::cout << "deleted partition of " << name.database << "." << name.table << "\n";
  }
}

}  // namespace

void AddCatalogCommands(CLI::App& app, GlobalOptions& options) {
  auto args = std::make_shared<CatalogArgs>();
  auto* noun = app.add_subcommand("catalog", "The Data Catalog: databases, tables, partitions");
  noun->require_subcommand(1);
  noun->footer(
      "Examples:\n"
      "  basin catalog create-database movies --description 'Movie rentals'\n"
      "  basin catalog create-table movies.film --columns 'film_id int, title string' \\\n"
      "      --partition-keys 'year string' --location lake/film --format parquet\n"
      "  basin catalog tables movies --json\n"
      "  basin catalog partitions movies.film --filter \"year >= '2020'\"");
  auto table_name = [&](CLI::App* command) {
    command->add_option("TABLE", args->name, "The table, as DATABASE.TABLE")->required();
  };

  auto* databases = noun->add_subcommand("databases", "List the databases");
  databases->callback([&options] { RunDatabases(options); });

  auto* tables = noun->add_subcommand("tables", "List the tables of a database");
  tables->add_option("DATABASE", args->name, "The database")->required();
  tables->add_option("--name", args->pattern, "Only names matching this glob (film*)");
  tables->add_flag("--like", args->like, "Read --name as an SQL LIKE pattern (film%)");
  tables->callback([args, &options] { RunTables(*args, options); });

  auto* search = noun->add_subcommand("search", "Find tables by name and parameters");
  search->add_option("--database", args->database, "Only this database");
  search->add_option("--name", args->pattern, "Names matching this glob (film*)");
  search->add_flag("--like", args->like, "Read --name as an SQL LIKE pattern (film%)");
  search->add_option("--parameter", args->parameters,
                     "KEY=VALUE or KEY: a table parameter to match (repeatable)");
  search->footer("Example: basin catalog search --parameter classification=parquet");
  search->callback([args, &options] { RunSearch(*args, options); });

  auto* table = noun->add_subcommand("table", "Show a table: columns, storage, parameters");
  table_name(table);
  table->add_option("--version", args->version, "An earlier version instead of the current");
  table->footer("Example: basin catalog table movies.film --json");
  table->callback([args, &options] { RunTable(*args, options); });

  auto* versions = noun->add_subcommand("versions", "List the versions of a table, newest first");
  table_name(versions);
  versions->callback([args, &options] { RunVersions(*args, options); });

  auto* delete_versions =
      noun->add_subcommand("delete-versions", "Delete earlier versions of a table");
  table_name(delete_versions);
  delete_versions->add_option("VERSION", args->versions, "Version ids")->required();
  delete_versions->callback([args, &options] { RunDeleteVersions(*args, options); });

  auto* partitions = noun->add_subcommand("partitions", "List the partitions of a table");
  table_name(partitions);
  partitions->add_option("--filter", args->filter,
                         "Partition filter, e.g. \"year = '2024' AND month > '03'\"");
  partitions->add_option("--max-results", args->max_results, "At most this many");
  partitions->callback([args, &options] { RunPartitions(*args, options); });

  auto* create_database = noun->add_subcommand("create-database", "Create a database");
  create_database->add_option("NAME", args->name, "Lower case a-z, 0-9 and _")->required();
  create_database->add_option("--description", args->description, "What it holds");
  create_database->add_option("--location", args->location, "Where its tables live by default");
  create_database->add_option("--parameter", args->parameters, "KEY=VALUE (repeatable)");
  create_database->callback([args, &options] { RunCreateDatabase(*args, options); });

  auto* delete_database =
      noun->add_subcommand("delete-database", "Delete a database with all its tables");
  delete_database->add_option("NAME", args->name, "The database")->required();
  delete_database->callback([args, &options] { RunDeleteDatabase(*args, options); });

  auto* create_table = noun->add_subcommand("create-table", "Create a table over lake files");
  table_name(create_table);
  create_table->add_option("--columns", args->columns, "'id int, name string, …'");
  create_table->add_option("--schema-from", args->schema_from,
                           "Take the columns (and format) from this data file instead");
  create_table->add_option("--partition-keys", args->partition_keys, "'year string, …'");
  create_table->add_option("--location", args->location, "Folder of the data files")->required();
  create_table->add_option("--format", args->format,
                           "parquet, csv or json (with --schema-from: detected)");
  create_table->add_option("--description", args->description, "What it holds");
  create_table->add_option("--parameter", args->parameters, "KEY=VALUE (repeatable)");
  create_table->footer(
      "Examples:\n"
      "  basin catalog create-table movies.film --columns 'film_id int, title string' \\\n"
      "      --location lake/film --format parquet\n"
      "  basin catalog create-table movies.film --schema-from lake/film/film.parquet \\\n"
      "      --location lake/film");
  create_table->callback([args, &options] { RunCreateTable(*args, options); });

  auto* delete_table = noun->add_subcommand("delete-table", "Delete a table and its partitions");
  table_name(delete_table);
  delete_table->callback([args, &options] { RunDeleteTable(*args, options); });

  auto* create_partition = noun->add_subcommand("create-partition", "Add a partition to a table");
  table_name(create_partition);
  create_partition->add_option("VALUE", args->values, "One value per partition key")->required();
  create_partition->add_option(
      "--location", args->location,
      "Its folder (default: under the table's, as key=value/ directories)");
  create_partition->add_option("--parameter", args->parameters, "KEY=VALUE (repeatable)");
  create_partition->footer("Example: basin catalog create-partition movies.rental 2024 03");
  create_partition->callback([args, &options] { RunCreatePartition(*args, options); });

  auto* delete_partition = noun->add_subcommand("delete-partition", "Remove a partition");
  table_name(delete_partition);
  delete_partition->add_option("VALUE", args->values, "One value per partition key")->required();
  delete_partition->callback([args, &options] { RunDeletePartition(*args, options); });
}

}  // namespace basin::cli
