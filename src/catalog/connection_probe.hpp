#pragma once

// `basin connections test`: reaches the source a connection names and says what answered.

#include <string>

#include "catalog/catalog_types.hpp"

namespace basin::catalog {

struct ProbeResult {
  std::string server;   // "SQLite 3.40.1"
  std::string details;  // e.g. "12 tables and 3 views in /data/movies.db"
};

// SQLite: opens the file read-only (never creating it) and reads its version and schema;
// a missing file is NotFound, a file that is not a database Corrupt. PostgreSQL and MySQL:
// Unsupported until the database connectors exist.
ProbeResult ProbeConnection(const Connection& connection);

}  // namespace basin::catalog
