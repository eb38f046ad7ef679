#include "catalog/connection_url.hpp"

#include <charconv>

#include "common/error.hpp"

namespace basin::catalog {

namespace {

constexpr std::string_view kForms =
    "use jdbc:postgresql://HOST[:PORT]/DATABASE, jdbc:mysql://HOST[:PORT]/DATABASE or "
    "sqlite:PATH";

// The URL as messages show it: whatever sits before an '@' of the authority, and the values
// of password-like query parameters, may be secrets and are masked.
std::string Redacted(std::string_view url) {
  std::string out(url);
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = out.find_first_of("/?", start);
    size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= start) out.replace(start, at - start, "***");
  }
  size_t query = out.find('?');
  if (query != std::string::npos) out = out.substr(0, query + 1) + "…";
  return out;
}

[[noreturn]] void Fail(std::string_view url, const std::string& what) {
  ThrowInvalid("connection URL '" + Redacted(url) + "': " + what);
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool IsPasswordKey(std::string_view key) {
  std::string lower(key);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower.find("password") != std::string::npos || lower == "pwd" || lower == "passwd";
}

Parameters ParseQuery(std::string_view url, std::string_view query) {
  Parameters parameters;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    if (key.empty()) Fail(url, "a query parameter has no name");
    if (IsPasswordKey(key)) {
      Fail(url, "it holds a password; give --password-env VAR or --password-file FILE instead");
    }
    parameters[std::string(key)] = std::string(value);
  }
  return parameters;
}

bool IsHostCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

}  // namespace

ConnectionUrl ParseConnectionUrl(std::string_view url) {
  ConnectionUrl out;
  std::string_view rest;
  if (StartsWithIgnoreCase(url, "sqlite:") || StartsWithIgnoreCase(url, "jdbc:sqlite:")) {
    out.type = ConnectionType::kSqlite;
    size_t prefix = StartsWithIgnoreCase(url, "jdbc:") ? 12 : 7;
    out.path = std::string(url.substr(prefix));
    if (out.path.empty()) Fail(url, "name the SQLite file: sqlite:/path/to/file.db");
    return out;
  }
  if (StartsWithIgnoreCase(url, "jdbc:postgresql://")) {
    out.type = ConnectionType::kPostgreSql;
    out.port = 5432;
    rest = url.substr(18);
  } else if (StartsWithIgnoreCase(url, "jdbc:mysql://")) {
    out.type = ConnectionType::kMySql;
    out.port = 3306;
    rest = url.substr(13);
  } else if (StartsWithIgnoreCase(url, "jdbc:mariadb://")) {
    out.type = ConnectionType::kMySql;
    out.port = 3306;
    rest = url.substr(15);
  } else {
    Fail(url, "unknown kind of URL; " + std::string(kForms));
  }

  size_t query_start = rest.find('?');
  if (query_start != std::string_view::npos) {
    out.parameters = ParseQuery(url, rest.substr(query_start + 1));
    rest = rest.substr(0, query_start);
  }
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view database = rest.substr(slash + 1);
    if (database.find('/') != std::string_view::npos) {
      Fail(url, "the database name '" + std::string(database) + "' holds a '/'");
    }
    out.database = std::string(database);
  }
  if (authority.find('@') != std::string_view::npos) {
    Fail(url,
         "it holds credentials before '@'; give the user with --user and the password with "
         "--password-env VAR or --password-file FILE");
  }
  std::string_view port_text;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) Fail(url, "an IPv6 address lacks its closing ']'");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') Fail(url, "expected ':PORT' after the IPv6 address");
      port_text = after.substr(1);
      has_port = true;
    }
    for (char c : out.host) {
      bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') Fail(url, "'" + out.host + "' is not an IPv6 address");
    }
  } else {
    size_t colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      has_port = true;
    }
    for (char c : out.host) {
      if (!IsHostCharacter(c)) {
        Fail(url, "the host name '" + out.host + "' has the character '" + std::string(1, c) + "'");
      }
    }
  }
  if (out.host.empty()) Fail(url, "it names no host; " + std::string(kForms));
  if (has_port) {
    int port = 0;
    auto [ptr, error] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || error != std::errc() || ptr != port_text.data() + port_text.size() ||
        port < 1 || port > 65535) {
      Fail(url, "the port '" + std::string(port_text) + "' is not a number from 1 to 65535");
    }
    out.port = port;
  }
  return out;
}

}  // namespace basin::catalog
