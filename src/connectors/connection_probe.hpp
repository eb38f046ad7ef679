#pragma once

// `basin connections test` for every connection type. The catalog cannot reach source
// databases (it must not depend on connectors/), so the dispatch lives here: SQLite files keep
// the catalog's own probe; PostgreSQL and MySQL connect through their connector.

#include "catalog/catalog_types.hpp"
#include "catalog/connection_probe.hpp"

namespace basin::connectors {

// Connects and reports the server version and what the database holds
// ("PostgreSQL 15.8", "2 schemas, 15 tables and 3 views in movies"). Errors as OpenConnector's.
catalog::ProbeResult ProbeConnection(const catalog::Connection& connection);

}  // namespace basin::connectors
