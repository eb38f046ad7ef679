#pragma once

// Connection URLs of the source databases, as Glue's JDBC connections spell them:
//
//   jdbc:postgresql://HOST[:PORT][/DATABASE][?k=v&…]   (port 5432 by default)
//   jdbc:mysql://HOST[:PORT][/DATABASE][?k=v&…]        (port 3306; jdbc:mariadb:// too)
//   sqlite:PATH  or  jdbc:sqlite:PATH                  (a file; the embedded default)
//
// HOST is a name, an IPv4 address or [an IPv6 address]. A URL carrying credentials
// (user:password@host, ?password=…) is refused: passwords come from an environment variable
// or a secret file, and the user from its own field.

#include <string>
#include <string_view>

#include "catalog/catalog_types.hpp"

namespace basin::catalog {

struct ConnectionUrl {
  ConnectionType type = ConnectionType::kSqlite;
  std::string host;       // without brackets for IPv6
  int port = 0;           // the default port of the type when the URL has none
  std::string database;   // may be empty
  std::string path;       // sqlite: the file
  Parameters parameters;  // the query string
};

// InvalidInput saying what is wrong and showing the accepted forms.
ConnectionUrl ParseConnectionUrl(std::string_view url);

}  // namespace basin::catalog
