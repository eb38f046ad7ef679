#include "connectors/mysql/mysql_types.hpp"

#include <cctype>
#include <cstdlib>
#include <string>

namespace basin::connectors::mysql {

namespace {

using types::LogicalType;

MySqlTypeMapping Make(LogicalType type, Parse parse) { return {type.ToString(), type, parse}; }

// The first "(n" or "(p,s)" of a column type; -1 when absent.
void Arguments(std::string_view column_type, int& first, int& second) {
  first = -1;
  second = 0;
  size_t open = column_type.find('(');
  if (open == std::string_view::npos) return;
  std::string rest(column_type.substr(open + 1));
  char* end = nullptr;
  first = static_cast<int>(std::strtol(rest.c_str(), &end, 10));
  if (*end == ',') second = static_cast<int>(std::strtol(end + 1, nullptr, 10));
}

}  // namespace

MySqlTypeMapping MapMySqlType(std::string_view data_type_in, std::string_view column_type_in) {
  std::string data_type(data_type_in);
  std::string column_type(column_type_in);
  for (char& c : data_type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : column_type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool is_unsigned = column_type.find("unsigned") != std::string::npos;
  int first = -1;
  int second = 0;
  Arguments(column_type, first, second);
  if (data_type == "tinyint") {
    if (first == 1 && !is_unsigned) return Make(LogicalType::Boolean(), Parse::kBoolean);
    return Make(is_unsigned ? LogicalType::SmallInt() : LogicalType::TinyInt(), Parse::kInteger);
  }
  if (data_type == "smallint") {
    return Make(is_unsigned ? LogicalType::Integer() : LogicalType::SmallInt(), Parse::kInteger);
  }
  if (data_type == "mediumint") return Make(LogicalType::Integer(), Parse::kInteger);
  if (data_type == "int" || data_type == "integer") {
    return Make(is_unsigned ? LogicalType::BigInt() : LogicalType::Integer(), Parse::kInteger);
  }
  if (data_type == "bigint") {
    // 2^64-1 needs 20 digits: no signed integer holds it.
    if (is_unsigned) return Make(LogicalType::Decimal(20, 0), Parse::kDecimal);
    return Make(LogicalType::BigInt(), Parse::kInteger);
  }
  if (data_type == "year") return Make(LogicalType::SmallInt(), Parse::kInteger);
  if (data_type == "bit") {
    if (first <= 1) return Make(LogicalType::Boolean(), Parse::kBit);
    return Make(LogicalType::BigInt(), Parse::kBit);
  }
  if (data_type == "decimal" || data_type == "numeric" || data_type == "fixed" ||
      data_type == "dec") {
    int precision = first < 0 ? 10 : first;
    if (precision >= 1 && precision <= types::kMaxDecimalPrecision && second >= 0 &&
        second <= precision) {
      return Make(LogicalType::Decimal(precision, second), Parse::kDecimal);
    }
    return Make(LogicalType::Varchar(), Parse::kText);  // MySQL allows 65 digits
  }
  if (data_type == "float") return Make(LogicalType::Float(), Parse::kFloat);
  if (data_type == "double" || data_type == "real" || data_type == "double precision") {
    return Make(LogicalType::Double(), Parse::kFloat);
  }
  if (data_type == "date") return Make(LogicalType::Date(), Parse::kDate);
  if (data_type == "datetime" || data_type == "timestamp") {
    return Make(LogicalType::Timestamp(), Parse::kTimestamp);
  }
  if (data_type == "binary" || data_type == "varbinary" || data_type == "tinyblob" ||
      data_type == "blob" || data_type == "mediumblob" || data_type == "longblob" ||
      data_type == "geometry" || data_type == "point" || data_type == "linestring" ||
      data_type == "polygon") {
    return Make(LogicalType::Binary(), Parse::kBinary);
  }
  // char, varchar, *text, enum, set, json (longtext in MariaDB), uuid, inet6, and time
  // (MySQL's TIME is a duration up to ±838:59:59, not a time of day).
  return Make(LogicalType::Varchar(), Parse::kText);
}

}  // namespace basin::connectors::mysql
