#include "sql/engine/table_definition.hpp"

#include "catalog/names.hpp"
#include "catalog/storage_formats.hpp"
#include "common/error.hpp"
#include "sql/parser/ast_type.hpp"
#include "sql/parser/hive_string.hpp"

namespace basin::sql {

namespace {

constexpr std::string_view kLazySimpleSerDe = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
constexpr std::string_view kOpenCsvSerDe = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
constexpr std::string_view kHiveJsonSerDe = "org.apache.hive.hcatalog.data.JsonSerDe";
constexpr std::string_view kOpenxJsonSerDe = "org.openx.data.jsonserde.JsonSerDe";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

catalog::Column ColumnOf(const ColumnDefinition& definition) {
  catalog::Column column;
  column.name = catalog::NormalizeColumnName(definition.name.Name());
  // Resolving the type checks it (with line and column on error) and gives Hive's spelling;
  // Hive's varchar(n) and char(n) keep their length, which Basin's types do not hold.
  column.type = ToLogicalType(definition.type).ToString();
  const TypeName& type = definition.type;
  if ((type.name == "varchar" || type.name == "char") && type.numbers.size() == 1) {
    column.type = type.name + "(" + std::to_string(type.numbers[0]) + ")";
  }
  if (definition.comment) column.comment = *definition.comment;
  return column;
}

// The storage descriptor for STORED AS / ROW FORMAT / INPUTFORMAT, and the classification.
catalog::StorageDescriptor DescriptorOf(const CreateTableStatement& statement,
                                        std::string* classification) {
  const RowFormat& row_format = statement.row_format;
  std::string stored = statement.stored_as;
  catalog::StorageDescriptor descriptor;
  if (stored == "PARQUET") {
    descriptor = catalog::StorageDescriptorForFormat("parquet");
    *classification = "parquet";
  } else if (stored == "JSON" || stored == "JSONFILE") {
    descriptor = catalog::StorageDescriptorForFormat("json");
    *classification = "json";
  } else if (stored == "TEXTFILE" || (stored.empty() && statement.input_format.empty())) {
    descriptor = catalog::StorageDescriptorForFormat("csv");
    descriptor.parameters.clear();
    descriptor.serde_info.parameters.clear();
    *classification = "csv";
  } else if (!statement.input_format.empty()) {
    descriptor.input_format = statement.input_format;
    descriptor.output_format = statement.output_format;
    *classification = catalog::FormatOfStorageDescriptor(descriptor);
  } else {
    ThrowInvalid("line " + std::to_string(statement.pos.line) + ":" +
                 std::to_string(statement.pos.column) + ": STORED AS " + stored +
                 " is not supported: use PARQUET, TEXTFILE or JSON");
  }

  auto& serde = descriptor.serde_info;
  if (row_format.kind == RowFormatKind::kSerde) {
    serde.serialization_library = row_format.serde;
    serde.parameters.clear();
    for (const auto& property : row_format.serde_properties) {
      serde.parameters[property.key] = property.value;
    }
    if (row_format.serde == kOpenxJsonSerDe || row_format.serde == kHiveJsonSerDe) {
      *classification = "json";
    } else if (row_format.serde == kOpenCsvSerDe || row_format.serde == kLazySimpleSerDe) {
      *classification = "csv";
    } else if (row_format.serde.find("Parquet") != std::string::npos) {
      *classification = "parquet";
    }
  } else if (row_format.kind == RowFormatKind::kDelimited || *classification == "csv") {
    if (serde.serialization_library.empty()) serde.serialization_library = kLazySimpleSerDe;
    // Hive's default field separator is ^A; Glue records it as the serialization format too.
    std::string delimiter = row_format.fields_terminated_by.value_or("\001");
    serde.parameters["field.delim"] = delimiter;
    serde.parameters["serialization.format"] = delimiter;
    if (row_format.escaped_by) serde.parameters["escape.delim"] = *row_format.escaped_by;
    if (row_format.collection_items_terminated_by) {
      serde.parameters["collection.delim"] = *row_format.collection_items_terminated_by;
    }
    if (row_format.map_keys_terminated_by) {
      serde.parameters["mapkey.delim"] = *row_format.map_keys_terminated_by;
    }
    if (row_format.lines_terminated_by) {
      serde.parameters["line.delim"] = *row_format.lines_terminated_by;
    }
    if (row_format.null_defined_as) {
      serde.parameters["serialization.null.format"] = *row_format.null_defined_as;
    }
  }
  return descriptor;
}

void AddLine(std::vector<std::string>& lines, std::string line) { lines.push_back(std::move(line)); }

std::string Quoted(std::string_view text) { return "'" + EscapeHiveString(text) + "'"; }

std::string BackQuoted(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  return out + "`";
}

void AddColumns(std::vector<std::string>& lines, const std::vector<catalog::Column>& columns,
                const std::string& closing) {
  for (size_t i = 0; i < columns.size(); ++i) {
    std::string line = "  " + BackQuoted(columns[i].name) + " " + columns[i].type;
    if (!columns[i].comment.empty()) line += " COMMENT " + Quoted(columns[i].comment);
    line += i + 1 < columns.size() ? "," : closing;
    AddLine(lines, std::move(line));
  }
}

void AddProperties(std::vector<std::string>& lines, const catalog::Parameters& parameters) {
  size_t i = 0;
  for (const auto& [key, value] : parameters) {
    ++i;
    AddLine(lines, "  " + Quoted(key) + "=" + Quoted(value) + (i < parameters.size() ? "," : ")"));
  }
}

}  // namespace

std::string ClassificationOf(const catalog::Table& table) {
  auto it = table.parameters.find(std::string(catalog::kClassificationKey));
  if (it != table.parameters.end()) return Lower(it->second);
  return catalog::FormatOfStorageDescriptor(table.storage_descriptor);
}

catalog::Table TableFromDefinition(const CreateTableStatement& statement, std::string name,
                                   std::string location) {
  catalog::Table table;
  table.name = std::move(name);
  table.table_type = catalog::TableType::kExternalTable;
  if (statement.comment) table.description = *statement.comment;
  std::string classification;
  table.storage_descriptor = DescriptorOf(statement, &classification);
  table.storage_descriptor.location = std::move(location);
  for (const auto& definition : statement.columns) {
    table.storage_descriptor.columns.push_back(ColumnOf(definition));
  }
  for (const auto& definition : statement.partition_columns) {
    table.partition_keys.push_back(ColumnOf(definition));
  }
  if (statement.bucketing) {
    table.storage_descriptor.number_of_buckets = static_cast<int>(statement.bucketing->buckets);
    for (const auto& column : statement.bucketing->columns) {
      table.storage_descriptor.bucket_columns.push_back(
          catalog::NormalizeColumnName(column.Name()));
    }
  }
  table.parameters["EXTERNAL"] = "TRUE";
  if (!classification.empty()) table.parameters["classification"] = classification;
  for (const auto& property : statement.table_properties) {
    table.parameters[property.key] = property.value;
  }
  // Readers look for the header count on the storage descriptor, as Glue's crawlers put it.
  auto header = table.parameters.find("skip.header.line.count");
  if (header != table.parameters.end()) {
    table.storage_descriptor.parameters["skip.header.line.count"] = header->second;
  }
  return table;
}

std::vector<std::string> ShowCreateTableLines(const catalog::Table& table) {
  std::vector<std::string> lines;
  const auto& descriptor = table.storage_descriptor;
  std::string head = table.table_type == catalog::TableType::kExternalTable
                         ? "CREATE EXTERNAL TABLE "
                         : "CREATE TABLE ";
  head += BackQuoted(table.database_name) + "." + BackQuoted(table.name) + "(";
  AddLine(lines, head);
  AddColumns(lines, descriptor.columns, ")");
  if (descriptor.columns.empty()) lines.back() += ")";
  if (!table.description.empty()) AddLine(lines, "COMMENT " + Quoted(table.description));
  if (!table.partition_keys.empty()) {
    AddLine(lines, "PARTITIONED BY (");
    AddColumns(lines, table.partition_keys, ")");
  }
  if (descriptor.number_of_buckets > 0) {
    std::string line = "CLUSTERED BY (";
    for (size_t i = 0; i < descriptor.bucket_columns.size(); ++i) {
      line += (i > 0 ? ", " : "") + BackQuoted(descriptor.bucket_columns[i]);
    }
    AddLine(lines, line + ") INTO " + std::to_string(descriptor.number_of_buckets) + " BUCKETS");
  }
  const auto& serde = descriptor.serde_info;
  if (!serde.serialization_library.empty()) {
    AddLine(lines, "ROW FORMAT SERDE");
    AddLine(lines, "  " + Quoted(serde.serialization_library));
    if (!serde.parameters.empty()) {
      AddLine(lines, "WITH SERDEPROPERTIES (");
      AddProperties(lines, serde.parameters);
    }
  }
  if (!descriptor.input_format.empty()) {
    AddLine(lines, "STORED AS INPUTFORMAT");
    AddLine(lines, "  " + Quoted(descriptor.input_format));
    AddLine(lines, "OUTPUTFORMAT");
    AddLine(lines, "  " + Quoted(descriptor.output_format));
  }
  if (!descriptor.location.empty()) {
    AddLine(lines, "LOCATION");
    AddLine(lines, "  " + Quoted(descriptor.location));
  }
  if (!table.parameters.empty()) {
    AddLine(lines, "TBLPROPERTIES (");
    AddProperties(lines, table.parameters);
  }
  return lines;
}

}  // namespace basin::sql
