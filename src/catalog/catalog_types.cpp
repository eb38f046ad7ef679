#include "catalog/catalog_types.hpp"

#include <array>
#include <chrono>
#include <utility>

#include "common/error.hpp"

namespace basin::catalog {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

// Looks `text` up in a table of spellings; throws InvalidInput listing them all.
template <typename Enum, size_t N>
Enum ParseEnum(std::string_view what, std::string_view text,
               const std::array<std::pair<std::string_view, Enum>, N>& spellings) {
  for (const auto& [name, value] : spellings) {
    if (EqualsIgnoreCase(name, text)) return value;
  }
  std::string accepted;
  for (const auto& [name, value] : spellings) {
    accepted += accepted.empty() ? "" : ", ";
    accepted += name;
  }
  ThrowInvalid("unknown " + std::string(what) + " '" + std::string(text) + "': use one of " +
               accepted);
}

constexpr std::array<std::pair<std::string_view, TableType>, 4> kTableTypes = {{
    {"EXTERNAL_TABLE", TableType::kExternalTable},
    {"VIRTUAL_VIEW", TableType::kVirtualView},
    {"MANAGED_TABLE", TableType::kManagedTable},
    {"JDBC_TABLE", TableType::kJdbcTable},
}};

constexpr std::array<std::pair<std::string_view, ConnectionType>, 3> kConnectionTypes = {{
    {"POSTGRESQL", ConnectionType::kPostgreSql},
    {"MYSQL", ConnectionType::kMySql},
    {"SQLITE", ConnectionType::kSqlite},
}};

constexpr std::array<std::pair<std::string_view, TlsMode>, 5> kTlsModes = {{
    {"disable", TlsMode::kDisable},
    {"prefer", TlsMode::kPrefer},
    {"require", TlsMode::kRequire},
    {"verify-ca", TlsMode::kVerifyCa},
    {"verify-full", TlsMode::kVerifyFull},
}};

template <typename Enum, size_t N>
std::string_view NameOf(Enum value,
                        const std::array<std::pair<std::string_view, Enum>, N>& spellings) {
  for (const auto& [name, candidate] : spellings) {
    if (candidate == value) return name;
  }
  return "?";
}

}  // namespace

std::string_view TableTypeName(TableType type) { return NameOf(type, kTableTypes); }
TableType ParseTableType(std::string_view text) {
  return ParseEnum("table type", text, kTableTypes);
}

std::string_view ConnectionTypeName(ConnectionType type) { return NameOf(type, kConnectionTypes); }
ConnectionType ParseConnectionType(std::string_view text) {
  return ParseEnum("connection type", text, kConnectionTypes);
}

std::string_view TlsModeName(TlsMode mode) { return NameOf(mode, kTlsModes); }
TlsMode ParseTlsMode(std::string_view text) { return ParseEnum("TLS mode", text, kTlsModes); }

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace basin::catalog
