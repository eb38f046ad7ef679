#include "catalog/catalog_json.hpp"

#include <cmath>
#include <limits>

#include "common/error.hpp"

namespace basin::catalog {

using nlohmann::json;

namespace {

// ---- writing ----

json Seconds(int64_t millis) {
  if (millis % 1000 == 0) return millis / 1000;
  return static_cast<double>(millis) / 1000.0;
}

void PutString(json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

void PutTime(json& out, const char* key, int64_t millis) {
  if (millis != 0) out[key] = Seconds(millis);
}

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

// A reader over one JSON object that knows its path for messages.
class Reader {
 public:
  Reader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) ThrowInvalid(Where() + " must be a JSON object");
  }

  // nullptr when absent or null.
  const json* Find(const char* key) const {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  std::string Path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  std::string String(const char* key) const {
    const json* value = Find(key);
    if (value == nullptr) return {};
    if (!value->is_string()) ThrowInvalid(Path(key) + " must be a string");
    return value->get<std::string>();
  }

  bool Bool(const char* key, bool fallback = false) const {
    const json* value = Find(key);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) ThrowInvalid(Path(key) + " must be true or false");
    return value->get<bool>();
  }

  int64_t Integer(const char* key, int64_t fallback = 0) const {
    const json* value = Find(key);
    if (value == nullptr) return fallback;
    if (value->is_number_integer()) return value->get<int64_t>();
    if (value->is_number_float()) {
      double number = value->get<double>();
      if (number == std::floor(number) && std::fabs(number) < 9.0e18) {
        return static_cast<int64_t>(number);
      }
    }
    ThrowInvalid(Path(key) + " must be an integer");
  }

  // Epoch seconds (integer or fractional) as milliseconds.
  int64_t Time(const char* key) const {
    const json* value = Find(key);
    if (value == nullptr) return 0;
    if (value->is_number_integer()) {
      int64_t seconds = value->get<int64_t>();
      if (seconds > std::numeric_limits<int64_t>::max() / 1000 ||
          seconds < std::numeric_limits<int64_t>::min() / 1000) {
        ThrowInvalid(Path(key) + " is out of range");
      }
      return seconds * 1000;
    }
    if (value->is_number_float()) {
      double millis = value->get<double>() * 1000.0;
      if (!std::isfinite(millis) || std::fabs(millis) > 9.0e18) {
        ThrowInvalid(Path(key) + " is out of range");
      }
      return std::llround(millis);
    }
    ThrowInvalid(Path(key) + " must be a number of seconds since 1970-01-01");
  }

  Parameters Params(const char* key) const {
    Parameters out;
    const json* value = Find(key);
    if (value == nullptr) return out;
    if (!value->is_object()) ThrowInvalid(Path(key) + " must be an object of strings");
    for (const auto& [name, item] : value->items()) {
      if (!item.is_string()) ThrowInvalid(Path(key) + "." + name + " must be a string");
      out.emplace(name, item.get<std::string>());
    }
    return out;
  }

  std::vector<std::string> Strings(const char* key) const {
    std::vector<std::string> out;
    const json* value = Find(key);
    if (value == nullptr) return out;
    if (!value->is_array()) ThrowInvalid(Path(key) + " must be an array of strings");
    for (size_t i = 0; i < value->size(); ++i) {
      if (!(*value)[i].is_string()) {
        ThrowInvalid(Path(key) + "[" + std::to_string(i) + "] must be a string");
      }
      out.push_back((*value)[i].get<std::string>());
    }
    return out;
  }

  // Calls read(element, path) for each element of an array member.
  template <typename Read>
  void Each(const char* key, Read read) const {
    const json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_array()) ThrowInvalid(Path(key) + " must be an array");
    for (size_t i = 0; i < value->size(); ++i) {
      read((*value)[i], Path(key) + "[" + std::to_string(i) + "]");
    }
  }

  std::string Where() const { return path_.empty() ? "the document" : path_; }

 private:
  const json& object_;
  std::string path_;
};

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
