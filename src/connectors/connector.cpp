#include "connectors/connector.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace basin::connectors {

std::string_view RelationKindName(RelationKind kind) {
  return kind == RelationKind::kView ? "VIEW" : "TABLE";
}

std::vector<std::string> TableInfo::PrimaryKey() const {
  std::vector<std::pair<int, std::string>> keyed;
  for (const auto& column : columns) {
    if (column.primary_key_position > 0)
      keyed.emplace_back(column.primary_key_position, column.name);
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> names;
  for (auto& [position, name] : keyed) names.push_back(std::move(name));
  return names;
}

types::Schema TableInfo::ToSchema() const {
  types::Schema schema;
  for (const auto& column : columns) schema.Add({column.name, column.type, column.nullable});
  return schema;
}

std::string QuoteByDoubling(std::string_view text, char quote, std::string_view also_doubled) {
  std::string quoted(1, quote);
  quoted.reserve(text.size() + 2);
  for (char c : text) {
    if (c == quote || also_doubled.find(c) != std::string_view::npos) quoted += c;
    quoted += c;
  }
  quoted += quote;
  return quoted;
}

std::string Connector::QuoteString(std::string_view text) const {
  return QuoteByDoubling(text, '\'');
}

int ConnectTimeoutSeconds(const catalog::Connection& connection) {
  auto it = connection.parameters.find("connectTimeout");
  if (it == connection.parameters.end()) return 10;
  const std::string& text = it->second;
  char* end = nullptr;
  errno = 0;
  long seconds = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || seconds < 1 || seconds > 3600) {
    ThrowInvalid("connection '" + connection.name + "': connectTimeout '" + text +
                 "' is not a number of seconds between 1 and 3600");
  }
  return static_cast<int>(seconds);
}

std::string ResolvePassword(const catalog::Connection& connection) {
  using Kind = catalog::PasswordRef::Kind;
  const catalog::PasswordRef& ref = connection.password;
  switch (ref.kind) {
    case Kind::kNone: return "";
    case Kind::kEnvironment: {
      const char* value = std::getenv(ref.value.c_str());
      if (value == nullptr) {
        ThrowInvalid("connection '" + connection.name +
                     "' takes its password from the "
                     "environment variable " +
                     ref.value + ", which is not set");
      }
      return value;
    }
    case Kind::kFile: {
      std::ifstream file(ref.value, std::ios::binary);
      if (!file) {
        int error = errno;
        ErrorCode code = error == ENOENT ? ErrorCode::kNotFound : ErrorCode::kAccessDenied;
        throw Error(code, "connection '" + connection.name + "': cannot read the secret file " +
                              ref.value + ": " + std::strerror(error));
      }
      std::ostringstream content;
      content << file.rdbuf();
      std::string password = content.str();
      if (password.size() > 4096) {
        ThrowInvalid("connection '" + connection.name + "': the secret file " + ref.value +
                     " holds more than 4096 bytes; it should hold only the password");
      }
      if (!password.empty() && password.back() == '\n') password.pop_back();
      if (!password.empty() && password.back() == '\r') password.pop_back();
      return password;
    }
  }
  return "";
}

}  // namespace basin::connectors
