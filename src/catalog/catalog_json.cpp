#include "catalog/catalog_json.hpp"

#include "catalog/json_fields.hpp"
#include "common/error.hpp"

namespace basin::catalog {

using nlohmann::json;
using json_fields::PutString;
using json_fields::PutTime;
using json_fields::Reader;

namespace {

// ---- writing ----

json ToJson(const Parameters& parameters) {
  json out = json::object();
  for (const auto& [key, value] : parameters) out[key] = value;
  return out;
}

json ToJson(const std::vector<Column>& columns) {
  json out = json::array();
  for (const auto& column : columns) out.push_back(ToJson(column));
  return out;
}

// ---- reading ----

Column ColumnFromJson(const json& value, const std::string& path) {
  Reader reader(value, path);
  return {reader.String("Name"), reader.String("Type"), reader.String("Comment"),
          reader.Params("Parameters")};
}

std::vector<Column> ColumnsFromJson(const Reader& reader, const char* key) {
  std::vector<Column> columns;
  reader.Each(key, [&](const json& value, const std::string& path) {
    columns.push_back(ColumnFromJson(value, path));
  });
  return columns;
}

StorageDescriptor ReadStorageDescriptor(const json& value, const std::string& path) {
  Reader reader(value, path);
  StorageDescriptor out;
  out.columns = ColumnsFromJson(reader, "Columns");
  out.location = reader.String("Location");
  out.additional_locations = reader.Strings("AdditionalLocations");
  out.input_format = reader.String("InputFormat");
  out.output_format = reader.String("OutputFormat");
  out.compressed = reader.Bool("Compressed");
  out.number_of_buckets = static_cast<int>(reader.Integer("NumberOfBuckets", -1));
  if (const json* serde = reader.Find("SerdeInfo")) {
    Reader serde_reader(*serde, reader.Path("SerdeInfo"));
    out.serde_info.name = serde_reader.String("Name");
    out.serde_info.serialization_library = serde_reader.String("SerializationLibrary");
    out.serde_info.parameters = serde_reader.Params("Parameters");
  }
  out.bucket_columns = reader.Strings("BucketColumns");
  reader.Each("SortColumns", [&](const json& item, const std::string& item_path) {
    Reader order(item, item_path);
    out.sort_columns.push_back(
        {order.String("Column"), static_cast<int>(order.Integer("SortOrder", 1))});
  });
  out.parameters = reader.Params("Parameters");
  out.stored_as_sub_directories = reader.Bool("StoredAsSubDirectories");
  return out;
}

int64_t VersionFrom(const Reader& reader, const char* key) {
  const json* value = reader.Find(key);
  if (value == nullptr) return 0;
  if (value->is_number_integer()) return value->get<int64_t>();
  if (value->is_string()) {
    const std::string& text = value->get_ref<const std::string&>();
    int64_t version = 0;
    bool ok = !text.empty() && text.size() <= 18;
    for (char c : text) {
      if (c < '0' || c > '9') ok = false;
      version = version * 10 + (c - '0');
    }
    if (ok) return version;
  }
  ThrowInvalid(reader.Path(key) + " must be a version number such as \"3\"");
}

}  // namespace

json ToJson(const Column& column) {
  json out = {{"Name", column.name}, {"Type", column.type}};
  PutString(out, "Comment", column.comment);
  if (!column.parameters.empty()) out["Parameters"] = ToJson(column.parameters);
  return out;
}

json ToJson(const StorageDescriptor& descriptor) {
  json out = json::object();
  out["Columns"] = ToJson(descriptor.columns);
  PutString(out, "Location", descriptor.location);
  if (!descriptor.additional_locations.empty()) {
    out["AdditionalLocations"] = descriptor.additional_locations;
  }
  PutString(out, "InputFormat", descriptor.input_format);
  PutString(out, "OutputFormat", descriptor.output_format);
  out["Compressed"] = descriptor.compressed;
  out["NumberOfBuckets"] = descriptor.number_of_buckets;
  json serde = json::object();
  PutString(serde, "Name", descriptor.serde_info.name);
  PutString(serde, "SerializationLibrary", descriptor.serde_info.serialization_library);
  serde["Parameters"] = ToJson(descriptor.serde_info.parameters);
  out["SerdeInfo"] = std::move(serde);
  out["BucketColumns"] = descriptor.bucket_columns;
  json sort = json::array();
  for (const auto& order : descriptor.sort_columns) {
    sort.push_back({{"Column", order.column}, {"SortOrder", order.sort_order}});
  }
  out["SortColumns"] = std::move(sort);
  out["Parameters"] = ToJson(descriptor.parameters);
  out["StoredAsSubDirectories"] = descriptor.stored_as_sub_directories;
  return out;
}

json ToJson(const Database& database) {
  json out = {{"Name", database.name}};
  PutString(out, "Description", database.description);
  PutString(out, "LocationUri", database.location_uri);
  out["Parameters"] = ToJson(database.parameters);
  PutTime(out, "CreateTime", database.create_time);
  return out;
}

json ToJson(const Table& table) {
  json out = {{"Name", table.name}, {"DatabaseName", table.database_name}};
  PutString(out, "Description", table.description);
  PutString(out, "Owner", table.owner);
  PutTime(out, "CreateTime", table.create_time);
  PutTime(out, "UpdateTime", table.update_time);
  PutTime(out, "LastAccessTime", table.last_access_time);
  PutTime(out, "LastAnalyzedTime", table.last_analyzed_time);
  out["Retention"] = table.retention;
  out["StorageDescriptor"] = ToJson(table.storage_descriptor);
  out["PartitionKeys"] = ToJson(table.partition_keys);
  PutString(out, "ViewOriginalText", table.view_original_text);
  PutString(out, "ViewExpandedText", table.view_expanded_text);
  out["TableType"] = TableTypeName(table.table_type);
  out["Parameters"] = ToJson(table.parameters);
  PutString(out, "CreatedBy", table.created_by);
  if (table.version_id != 0) out["VersionId"] = std::to_string(table.version_id);
  if (table.deprecated) out["Deprecated"] = true;
  PutString(out, "ConnectionName", table.connection_name);
  return out;
}

json ToJson(const TableVersion& version) {
  return {{"Table", ToJson(version.table)}, {"VersionId", std::to_string(version.version_id)}};
}

json ToJson(const Partition& partition) {
  json out = {{"Values", partition.values}};
  PutString(out, "DatabaseName", partition.database_name);
  PutString(out, "TableName", partition.table_name);
  PutTime(out, "CreationTime", partition.creation_time);
  PutTime(out, "LastAccessTime", partition.last_access_time);
  PutTime(out, "LastAnalyzedTime", partition.last_analyzed_time);
  out["StorageDescriptor"] = ToJson(partition.storage_descriptor);
  out["Parameters"] = ToJson(partition.parameters);
  return out;
}

json ToJson(const Connection& connection) {
  json properties = {{"JDBC_CONNECTION_URL", connection.url}};
  PutString(properties, "USERNAME", connection.user);
  bool enforce = connection.tls_mode == TlsMode::kRequire ||
                 connection.tls_mode == TlsMode::kVerifyCa ||
                 connection.tls_mode == TlsMode::kVerifyFull;
  properties["JDBC_ENFORCE_SSL"] = enforce ? "true" : "false";
  json out = {{"Name", connection.name}};
  PutString(out, "Description", connection.description);
  out["ConnectionType"] = "JDBC";
  out["ConnectionProperties"] = std::move(properties);
  out["Engine"] = ConnectionTypeName(connection.type);
  out["Url"] = connection.url;
  PutString(out, "User", connection.user);
  if (connection.password.kind == PasswordRef::Kind::kEnvironment) {
    out["PasswordEnvironmentVariable"] = connection.password.value;
  } else if (connection.password.kind == PasswordRef::Kind::kFile) {
    out["PasswordFile"] = connection.password.value;
  }
  out["TlsMode"] = TlsModeName(connection.tls_mode);
  out["Parameters"] = ToJson(connection.parameters);
  PutTime(out, "CreationTime", connection.creation_time);
  PutTime(out, "LastUpdatedTime", connection.last_updated_time);
  return out;
}

StorageDescriptor StorageDescriptorFromJson(const json& value) {
  return ReadStorageDescriptor(value, "StorageDescriptor");
}

Database DatabaseFromJson(const json& value) {
  Reader reader(value, "");
  Database out;
  out.name = reader.String("Name");
  out.description = reader.String("Description");
  out.location_uri = reader.String("LocationUri");
  out.parameters = reader.Params("Parameters");
  out.create_time = reader.Time("CreateTime");
  return out;
}

Table TableFromJson(const json& value) {
  Reader reader(value, "");
  Table out;
  out.name = reader.String("Name");
  out.database_name = reader.String("DatabaseName");
  out.description = reader.String("Description");
  out.owner = reader.String("Owner");
  out.create_time = reader.Time("CreateTime");
  out.update_time = reader.Time("UpdateTime");
  out.last_access_time = reader.Time("LastAccessTime");
  out.last_analyzed_time = reader.Time("LastAnalyzedTime");
  out.retention = reader.Integer("Retention");
  if (const json* descriptor = reader.Find("StorageDescriptor")) {
    out.storage_descriptor = ReadStorageDescriptor(*descriptor, "StorageDescriptor");
  }
  out.partition_keys = ColumnsFromJson(reader, "PartitionKeys");
  out.view_original_text = reader.String("ViewOriginalText");
  out.view_expanded_text = reader.String("ViewExpandedText");
  std::string type = reader.String("TableType");
  out.table_type = type.empty() ? TableType::kExternalTable : ParseTableType(type);
  out.parameters = reader.Params("Parameters");
  out.created_by = reader.String("CreatedBy");
  out.version_id = VersionFrom(reader, "VersionId");
  out.deprecated = reader.Bool("Deprecated");
  out.connection_name = reader.String("ConnectionName");
  return out;
}

Partition PartitionFromJson(const json& value) {
  Reader reader(value, "");
  Partition out;
  out.values = reader.Strings("Values");
  out.database_name = reader.String("DatabaseName");
  out.table_name = reader.String("TableName");
  out.creation_time = reader.Time("CreationTime");
  out.last_access_time = reader.Time("LastAccessTime");
  out.last_analyzed_time = reader.Time("LastAnalyzedTime");
  if (const json* descriptor = reader.Find("StorageDescriptor")) {
    out.storage_descriptor = ReadStorageDescriptor(*descriptor, "StorageDescriptor");
  }
  out.parameters = reader.Params("Parameters");
  return out;
}

Connection ConnectionFromJson(const json& value) {
  Reader reader(value, "");
  Connection out;
  out.name = reader.String("Name");
  out.description = reader.String("Description");
  Parameters properties = reader.Params("ConnectionProperties");
  out.url = reader.String("Url");
  if (out.url.empty()) out.url = properties["JDBC_CONNECTION_URL"];
  out.user = reader.String("User");
  if (out.user.empty()) out.user = properties["USERNAME"];
  std::string engine = reader.String("Engine");
  if (!engine.empty()) out.type = ParseConnectionType(engine);
  if (std::string variable = reader.String("PasswordEnvironmentVariable"); !variable.empty()) {
    out.password = {PasswordRef::Kind::kEnvironment, variable};
  } else if (std::string file = reader.String("PasswordFile"); !file.empty()) {
    out.password = {PasswordRef::Kind::kFile, file};
  }
  std::string tls = reader.String("TlsMode");
  if (!tls.empty()) {
    out.tls_mode = ParseTlsMode(tls);
  } else if (properties["JDBC_ENFORCE_SSL"] == "true") {
    out.tls_mode = TlsMode::kRequire;
  }
  out.parameters = reader.Params("Parameters");
  out.creation_time = reader.Time("CreationTime");
  out.last_updated_time = reader.Time("LastUpdatedTime");
  return out;
}

std::string DumpJson(const json& value, std::string_view what) {
  try {
    return value.dump();
  } catch (const json::type_error& error) {
    ThrowInvalid(std::string(what) + " holds text that is not valid UTF-8 (" + error.what() + ")");
  }
}

}  // namespace basin::catalog
