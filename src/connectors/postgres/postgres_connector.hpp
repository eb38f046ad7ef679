#pragma once

#include <memory>

#include "catalog/connection_url.hpp"
#include "connectors/connector.hpp"

namespace basin::connectors::postgres {

// Connects to the database the URL names (see README.md for the type mapping).
std::unique_ptr<Connector> OpenPostgres(const catalog::Connection& connection,
                                        const catalog::ConnectionUrl& url);

}  // namespace basin::connectors::postgres
