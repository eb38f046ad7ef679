#pragma once

// The catalog's entities as JSON in the shapes of the AWS Glue API (PascalCase members,
// timestamps as epoch seconds, VersionId as a string). The same text is what catalog.db stores
// as each entity's definition, what `basin … --json` prints, and what a Glue-compatible HTTP
// API sends. Members that are empty or default are left out, as Glue does; the Basin additions
// are Deprecated and ConnectionName on tables and the connection fields listed below.
//
// The …FromJson readers accept what the writers produce and what Glue clients send (TableInput
// and friends are subsets of these shapes). A member of the wrong JSON type is InvalidInput
// naming its path, e.g. "StorageDescriptor.Columns[2].Type must be a string".

#include <nlohmann/json.hpp>

#include "catalog/catalog_types.hpp"

namespace basin::catalog {

nlohmann::json ToJson(const Column& column);
nlohmann::json ToJson(const StorageDescriptor& descriptor);
nlohmann::json ToJson(const Database& database);
nlohmann::json ToJson(const Table& table);
nlohmann::json ToJson(const TableVersion& version);
nlohmann::json ToJson(const Partition& partition);
// Glue's shape (ConnectionType JDBC, ConnectionProperties with JDBC_CONNECTION_URL, USERNAME,
// JDBC_ENFORCE_SSL) plus Basin's Engine, PasswordEnvironmentVariable or PasswordFile, TlsMode
// and Parameters. Never a password.
nlohmann::json ToJson(const Connection& connection);

StorageDescriptor StorageDescriptorFromJson(const nlohmann::json& json);
Database DatabaseFromJson(const nlohmann::json& json);
Table TableFromJson(const nlohmann::json& json);
Partition PartitionFromJson(const nlohmann::json& json);
Connection ConnectionFromJson(const nlohmann::json& json);

// Compact JSON text. Text that is not valid UTF-8 is InvalidInput naming `what`.
std::string DumpJson(const nlohmann::json& json, std::string_view what);

}  // namespace basin::catalog
