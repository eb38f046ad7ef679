#include "connectors/sqlite/sqlite_types.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace basin::connectors::sqlite {

namespace {

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

bool Has(const std::string& text, std::string_view word) {
  return text.find(word) != std::string::npos;
}

// "(p,s)" or "(p)" after a type name; false when absent or out of Hive's range.
bool ParsePrecision(const std::string& text, int& precision, int& scale) {
  size_t open = text.find('(');
  if (open == std::string::npos) return false;
  const char* cursor = text.c_str() + open + 1;
  char* end = nullptr;
  long p = std::strtol(cursor, &end, 10);
  if (end == cursor) return false;
  long s = 0;
  while (*end == ' ') ++end;
  if (*end == ',') {
    cursor = end + 1;
    s = std::strtol(cursor, &end, 10);
    if (end == cursor) return false;
  }
  if (p < 1 || p > 38 || s < 0 || s > p) return false;
  precision = static_cast<int>(p);
  scale = static_cast<int>(s);
  return true;
}

}  // namespace

std::string HiveTypeOfDeclared(std::string_view declared) {
  std::string type = Upper(declared);
  // Specific names first, then SQLite's own affinity rules (INT, CHAR/CLOB/TEXT, BLOB,
  // REAL/FLOA/DOUB), so "BIGINT" is bigint and "POINT" is not an integer.
  if (type.empty()) return "string";
  if (Has(type, "BOOL")) return "boolean";
  if (Has(type, "BIGINT") || Has(type, "BIG INT") || Has(type, "INT8") || type == "INTEGER")
    return "bigint";
  if (Has(type, "TINYINT")) return "tinyint";
  if (Has(type, "SMALLINT") || Has(type, "INT2")) return "smallint";
  if (Has(type, "DATETIME") || Has(type, "TIMESTAMP")) return "timestamp";
  if (Has(type, "DATE")) return "date";
  if (Has(type, "TIME")) return "time";
  if (Has(type, "INT") && !Has(type, "POINT") && !Has(type, "INTERVAL")) return "int";
  if (Has(type, "CHAR") || Has(type, "CLOB") || Has(type, "TEXT") || Has(type, "JSON") ||
      Has(type, "UUID")) {
    return "string";
  }
  if (Has(type, "BLOB") || Has(type, "BINARY")) return "binary";
  if (Has(type, "REAL") || Has(type, "FLOA") || Has(type, "DOUB")) return "double";
  if (Has(type, "DECIMAL") || Has(type, "NUMERIC")) {
    int precision = 0;
    int scale = 0;
    if (ParsePrecision(type, precision, scale)) {
      return "decimal(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
    }
    return "double";
  }
  return "string";
}

}  // namespace basin::connectors::sqlite
