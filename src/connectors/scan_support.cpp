#include "connectors/scan_support.hpp"

#include <strings.h>

#include "common/error.hpp"

namespace basin::connectors {

void CheckScanRequest(const ScanRequest& request) {
  if (!request.query.empty()) {
    if (!request.schema.empty() || !request.table.empty() || !request.columns.empty() ||
        !request.where.empty() || !request.order_by.empty()) {
      ThrowInvalid("a scan is either a raw query or a table with pushdowns, not both");
    }
    return;
  }
  if (request.table.empty()) ThrowInvalid("a scan needs a table or a query");
  if (request.limit && *request.limit < 0) ThrowInvalid("a scan's LIMIT must not be negative");
}

std::vector<ColumnInfo> ResolveProjection(const TableInfo& table, const ScanRequest& request) {
  if (request.columns.empty()) return table.columns;
  std::vector<ColumnInfo> projected;
  projected.reserve(request.columns.size());
  for (const auto& name : request.columns) {
    const ColumnInfo* found = nullptr;
    for (const auto& column : table.columns) {
      if (column.name == name) {
        found = &column;
        break;
      }
    }
    if (found == nullptr) {
      for (const auto& column : table.columns) {
        if (strcasecmp(column.name.c_str(), name.c_str()) == 0) {
          found = &column;
          break;
        }
      }
    }
    if (found == nullptr) {
      ThrowInvalid("table " + table.schema + "." + table.name + " has no column '" + name + "'");
    }
    projected.push_back(*found);
  }
  return projected;
}

std::string BuildSelect(const std::vector<std::string>& select_expressions, const std::string& from,
                        const ScanRequest& request) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < select_expressions.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += select_expressions[i];
  }
  sql += " FROM " + from;
  if (!request.where.empty()) sql += " WHERE (" + request.where + ")";
  if (!request.order_by.empty()) sql += " ORDER BY " + request.order_by;
  if (request.limit) sql += " LIMIT " + std::to_string(*request.limit);
  return sql;
}

void PrepareChunk(columnar::DataChunk& chunk, const types::Schema& schema) {
  bool matches = chunk.column_count() == schema.size();
  for (size_t i = 0; matches && i < schema.size(); ++i) {
    matches = chunk.column(i).type() == schema[i].type;
  }
  if (!matches) {
    chunk = columnar::DataChunk(schema);
  } else {
    chunk.Reset();
  }
  for (auto& column : chunk.columns()) {
    // Lists grow their offsets and children as rows are appended; the rest is written by index.
    if (column.physical() != types::PhysicalType::kList) column.Resize(columnar::kChunkRows);
  }
}

std::string TableLabel(const ScanRequest& request) {
  if (!request.query.empty()) return "query";
  return request.schema.empty() ? request.table : request.schema + "." + request.table;
}

}  // namespace basin::connectors
