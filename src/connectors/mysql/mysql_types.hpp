#pragma once

// MySQL / MariaDB column types → Hive types (README.md has the table).

#include <string>
#include <string_view>

#include "types/logical_type.hpp"

namespace basin::connectors::mysql {

// How a scan parses a text-protocol value into its vector.
enum class Parse : unsigned char {
  kBoolean,  // tinyint(1): "0"/"1"
  kBit,      // bit(n): n bits as big-endian bytes
  kInteger,  // any integer width (range checked by the target type)
  kDecimal,  // exact text into decimal(p,s)
  kFloat,
  kText,  // strings and everything rendered as text
  kBinary,
  kDate,       // "YYYY-MM-DD"; the zero date reads as NULL
  kTimestamp,  // "YYYY-MM-DD HH:MM:SS[.ffffff]"; the zero date reads as NULL
};

struct MySqlTypeMapping {
  std::string hive_type;
  types::LogicalType type;
  Parse parse = Parse::kText;
};

// `data_type`: information_schema DATA_TYPE ("int", "decimal"); `column_type`: COLUMN_TYPE
// ("int(10) unsigned", "tinyint(1)", "decimal(10,2)", "bit(1)", "enum('a','b')").
MySqlTypeMapping MapMySqlType(std::string_view data_type, std::string_view column_type);

}  // namespace basin::connectors::mysql
