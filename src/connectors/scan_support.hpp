#pragma once

// Pieces every connector's Scan shares: resolving a request's projection against a table,
// the SELECT text with the pushed-down WHERE / ORDER BY / LIMIT, and readying a chunk.

#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "connectors/connector.hpp"

namespace basin::connectors {

// InvalidInput when a request mixes a raw query with table fields, or names no table.
void CheckScanRequest(const ScanRequest& request);

// The columns a table scan reads, in output order: all of the table's when the request names
// none. Names match exactly, then case-insensitively; InvalidInput names an unknown column.
std::vector<ColumnInfo> ResolveProjection(const TableInfo& table, const ScanRequest& request);

// "SELECT e1, e2 FROM <from> [WHERE (<where>)] [ORDER BY <order>] [LIMIT n]".
std::string BuildSelect(const std::vector<std::string>& select_expressions, const std::string& from,
                        const ScanRequest& request);

// Empties `chunk` for the next batch, rebuilding its columns when they do not match `schema`,
// and sizes every column to kChunkRows so rows can be written by index.
void PrepareChunk(columnar::DataChunk& chunk, const types::Schema& schema);

// "schema.table" for messages.
std::string TableLabel(const ScanRequest& request);

}  // namespace basin::connectors
