#pragma once

// Deterministic test data for the Parquet writer's tests: a schema with every Basin type
// (nested ones too), rows of random values with edge cases and a chosen share of NULLs, and
// the same rows as DuckDB SQL literals for the DuckDB cross-check.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"
#include "types/schema.hpp"
#include "types/value.hpp"

namespace basin::formats::parquet::testing {

using types::Field;
using types::LogicalType;
using types::Schema;
using types::StructField;
using types::TypeId;
using types::Value;

inline Schema AllTypesSchema() {
  using LT = LogicalType;
  return Schema({
      {"id", LT::BigInt(), false},
      {"flag", LT::Boolean()},
      {"tiny", LT::TinyInt()},
      {"small", LT::SmallInt()},
      {"int32", LT::Integer()},
      {"int64", LT::BigInt()},
      {"real", LT::Float()},
      {"dbl", LT::Double()},
      {"dec9", LT::Decimal(9, 2)},
      {"dec18", LT::Decimal(18, 4)},
      {"dec20", LT::Decimal(20, 3)},
      {"dec38", LT::Decimal(38, 10)},
      {"text", LT::Varchar()},
      {"category", LT::Varchar()},
      {"bytes", LT::Binary()},
      {"day", LT::Date()},
      {"clock", LT::Time()},
      {"moment", LT::Timestamp()},
      {"ints", LT::List(LT::Integer())},
      {"nested_lists", LT::List(LT::List(LT::Varchar()))},
      {"record",
       LT::Struct({{"a", LT::Integer()}, {"b", LT::Varchar()}, {"c", LT::List(LT::Double())}})},
      {"tags", LT::Map(LT::Varchar(), LT::BigInt())},
      {"lookup",
       LT::Map(LT::Integer(), LT::Struct({{"x", LT::Date()}, {"y", LT::Decimal(20, 3)}}))},
      {"entries", LT::List(LT::Struct({{"k", LT::Varchar()}, {"v", LT::List(LT::Integer())}}))},
  });
}

// Random values of any type. `null_fraction` is the chance of NULL at every nullable level.
class ValueGenerator {
 public:
  ValueGenerator(uint64_t seed, double null_fraction)
      : random_(seed), null_fraction_(null_fraction) {}

  uint64_t Next() { return random_(); }
  int64_t Uniform(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(Next() % static_cast<uint64_t>(high - low + 1));
  }
  bool Chance(double p) { return static_cast<double>(Next() % 1000000) < p * 1000000; }

  Value Generate(const LogicalType& type, bool nullable = true) {
    if (nullable && Chance(null_fraction_)) return Value::Null(type);
    switch (type.id()) {
      case TypeId::kBoolean: return Value::Boolean(Next() & 1);
      case TypeId::kTinyInt: return Value::Integer(type, Pick<int8_t>());
      case TypeId::kSmallInt: return Value::Integer(type, Pick<int16_t>());
      case TypeId::kInteger: return Value::Integer(type, Pick<int32_t>());
      case TypeId::kBigInt: return Value::Integer(type, Pick<int64_t>());
      case TypeId::kFloat: {
        static const float kSpecial[] = {0.0f,
                                         -0.0f,
                                         std::numeric_limits<float>::infinity(),
                                         -std::numeric_limits<float>::infinity(),
                                         std::numeric_limits<float>::quiet_NaN(),
                                         std::numeric_limits<float>::max(),
                                         std::numeric_limits<float>::denorm_min(),
                                         1.5f};
        if (Chance(0.1)) return Value::Float(kSpecial[Next() % 8]);
        return Value::Float(static_cast<float>(Uniform(-1000000, 1000000)) / 64.0f);
      }
      case TypeId::kDouble: {
        static const double kSpecial[] = {0.0,
                                          -0.0,
                                          std::numeric_limits<double>::infinity(),
                                          -std::numeric_limits<double>::infinity(),
                                          std::numeric_limits<double>::quiet_NaN(),
                                          std::numeric_limits<double>::lowest(),
                                          std::numeric_limits<double>::min(),
                                          0.1};
        if (Chance(0.1)) return Value::Double(kSpecial[Next() % 8]);
        return Value::Double(std::ldexp(static_cast<double>(Next() >> 11), -30) *
                             (Next() & 1 ? 1 : -1));
      }
      case TypeId::kDecimal: {
        types::int128_t limit = types::PowerOfTen(type.precision()) - 1;
        types::int128_t value;
        switch (Next() % 5) {
          case 0: value = limit; break;
          case 1: value = -limit; break;
          case 2: value = Uniform(-1000, 1000); break;
          default: {
            auto wide = (static_cast<types::int128_t>(Next()) << 64) | Next();
            value = wide % (limit + 1);
          }
        }
        return Value::Decimal(type, value);
      }
      case TypeId::kVarchar: return Value::Varchar(RandomText());
      case TypeId::kBinary: {
        std::string bytes(static_cast<size_t>(Uniform(0, 12)), '\0');
        for (char& c : bytes) c = static_cast<char>(Next());
        return Value::Binary(std::move(bytes));
      }
      case TypeId::kDate: return Value::Date(static_cast<int32_t>(Uniform(-200000, 200000)));
      case TypeId::kTime: return Value::Integer(type, Uniform(0, types::kMicrosPerDay - 1));
      case TypeId::kTimestamp:
        return Value::Timestamp(Uniform(-10'000'000'000'000'000, 10'000'000'000'000'000));
      case TypeId::kList: {
        std::vector<Value> elements;
        size_t count = static_cast<size_t>(Uniform(0, 4));
        for (size_t i = 0; i < count; ++i) elements.push_back(Generate(type.element()));
        return Value::Nested(type, std::move(elements));
      }
      case TypeId::kStruct: {
        std::vector<Value> fields;
        for (const auto& field : type.fields()) fields.push_back(Generate(field.type));
        return Value::Nested(type, std::move(fields));
      }
      case TypeId::kMap: {
        // Keys are distinct and never NULL, as maps require.
        std::vector<Value> entries;
        std::set<std::string> seen;
        size_t count = static_cast<size_t>(Uniform(0, 3));
        for (size_t i = 0; i < count; ++i) {
          Value key = Generate(type.key(), false);
          if (!seen.insert(key.ToString()).second) continue;
          Value value = Generate(type.value());
          entries.push_back(Value::Nested(type.MapEntryType(), {key, value}));
        }
        return Value::Nested(type, std::move(entries));
      }
    }
    return Value::Null(type);
  }

  // Mostly distinct text, sometimes from a small set (so dictionaries see repeats), with
  // multi-byte UTF-8 and quotes.
  std::string RandomText() {
    static const char* kWords[] = {
        "",     "a",    "lake",        "Glue", "d'été",           "naïve",
        "東京", "x\"y", "line\nbreak", "zz",   "\xF0\x9F\x98\x80"};
    if (Chance(0.3)) return kWords[Next() % 11];
    std::string text;
    size_t words = static_cast<size_t>(Uniform(1, 5));
    for (size_t i = 0; i < words; ++i) {
      if (i > 0) text += ' ';
      text += kWords[Next() % 11];
      text += std::to_string(Next() % 100000);
    }
    return text;
  }

 private:
  template <typename T>
  int64_t Pick() {
    switch (Next() % 6) {
      case 0: return std::numeric_limits<T>::min();
      case 1: return std::numeric_limits<T>::max();
      case 2: return Uniform(-5, 5);
      default: return static_cast<T>(Next());
    }
  }

  std::mt19937_64 random_;
  double null_fraction_;
};

// Rows of `schema`; column 0 (when BIGINT and NOT NULL) holds the row number.
inline std::vector<std::vector<Value>> RandomRows(const Schema& schema, size_t rows, uint64_t seed,
                                                  double null_fraction) {
  ValueGenerator generator(seed, null_fraction);
  std::vector<std::vector<Value>> out(rows);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < schema.size(); ++c) {
      const Field& field = schema[c];
      if (c == 0 && field.type.id() == TypeId::kBigInt && !field.nullable) {
        out[r].push_back(Value::BigInt(static_cast<int64_t>(r)));
      } else if (field.name == "category" && !generator.Chance(null_fraction)) {
        // Low cardinality: stays dictionary encoded.
        out[r].push_back(Value::Varchar("category " + std::to_string(generator.Next() % 7)));
      } else {
        out[r].push_back(generator.Generate(field.type, field.nullable));
      }
    }
  }
  return out;
}

// The rows as DataChunks of at most `chunk_rows` rows.
inline std::vector<columnar::DataChunk> ToChunks(const Schema& schema,
                                                 const std::vector<std::vector<Value>>& rows,
                                                 size_t chunk_rows) {
  std::vector<columnar::DataChunk> chunks;
  for (size_t begin = 0; begin < rows.size(); begin += chunk_rows) {
    size_t end = std::min(rows.size(), begin + chunk_rows);
    columnar::DataChunk chunk(schema, end - begin);
    for (size_t c = 0; c < schema.size(); ++c) {
      for (size_t r = begin; r < end; ++r) chunk.column(c).Append(rows[r][c]);
    }
    chunk.SetSizeOnly(end - begin);
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

// --- DuckDB SQL literals ---

inline std::string DuckDbType(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean: return "BOOLEAN";
    case TypeId::kTinyInt: return "TINYINT";
    case TypeId::kSmallInt: return "SMALLINT";
    case TypeId::kInteger: return "INTEGER";
    case TypeId::kBigInt: return "BIGINT";
    case TypeId::kFloat: return "FLOAT";
    case TypeId::kDouble: return "DOUBLE";
    case TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ")";
    case TypeId::kVarchar: return "VARCHAR";
    case TypeId::kBinary: return "BLOB";
    case TypeId::kDate: return "DATE";
    case TypeId::kTime: return "TIME";
    case TypeId::kTimestamp: return "TIMESTAMP";
    case TypeId::kList: return DuckDbType(type.element()) + "[]";
    case TypeId::kStruct: {
      std::string text = "STRUCT(";
      for (size_t i = 0; i < type.fields().size(); ++i) {
        if (i > 0) text += ", ";
        text += "\"" + type.fields()[i].name + "\" " + DuckDbType(type.fields()[i].type);
      }
      return text + ")";
    }
    case TypeId::kMap:
      return "MAP(" + DuckDbType(type.key()) + ", " + DuckDbType(type.value()) + ")";
  }
  return "VARCHAR";
}

inline std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

inline std::string DuckDbLiteralUntyped(const Value& value) {
  if (value.is_null()) return "NULL";
  const LogicalType& type = value.type();
  char buffer[64];
  switch (type.id()) {
    case TypeId::kBoolean: return value.bool_value() ? "true" : "false";
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt: return std::to_string(value.int_value());
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double v = value.double_value();
      if (std::isnan(v)) return "'nan'";
      if (std::isinf(v)) return v > 0 ? "'inf'" : "'-inf'";
      std::snprintf(buffer, sizeof(buffer), type.id() == TypeId::kFloat ? "'%.9g'" : "'%.17g'", v);
      return buffer;
    }
    case TypeId::kDecimal: return Quote(types::FormatDecimal(value.decimal_value(), type.scale()));
    case TypeId::kVarchar: return Quote(value.string_value());
    case TypeId::kBinary: {
      std::string text = "'";
      for (unsigned char c : value.string_value()) {
        std::snprintf(buffer, sizeof(buffer), "\\x%02X", c);
        text += buffer;
      }
      return text + "'";
    }
    case TypeId::kDate: return "(DATE '1970-01-01' + " + std::to_string(value.int_value()) + ")";
    case TypeId::kTime:
      return "(TIME '00:00:00' + to_microseconds(" + std::to_string(value.int_value()) + "))";
    case TypeId::kTimestamp: return "make_timestamp(" + std::to_string(value.int_value()) + ")";
    case TypeId::kList: {
      std::string text = "[";
      for (size_t i = 0; i < value.children().size(); ++i) {
        if (i > 0) text += ", ";
        text += DuckDbLiteralUntyped(value.children()[i]);
      }
      return text + "]";
    }
    case TypeId::kStruct: {
      std::string text = "{";
      for (size_t i = 0; i < value.children().size(); ++i) {
        if (i > 0) text += ", ";
        text += Quote(type.fields()[i].name) + ": " + DuckDbLiteralUntyped(value.children()[i]);
      }
      return text + "}";
    }
    case TypeId::kMap: {
      std::string text = "MAP {";
      for (size_t i = 0; i < value.children().size(); ++i) {
        if (i > 0) text += ", ";
        const auto& entry = value.children()[i].children();
        text += DuckDbLiteralUntyped(entry[0]) + ": " + DuckDbLiteralUntyped(entry[1]);
      }
      return text + "}";
    }
  }
  return "NULL";
}

// A literal DuckDB reads back as exactly `value`, typed as its column.
inline std::string DuckDbLiteral(const Value& value) {
  return "CAST(" + DuckDbLiteralUntyped(value) + " AS " + DuckDbType(value.type()) + ")";
}

// A query that returns `rows` with the schema's column names and DuckDB types.
inline std::string DuckDbQuery(const Schema& schema, const std::vector<std::vector<Value>>& rows) {
  std::string sql = "SELECT * FROM (VALUES ";
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) sql += ",\n";
    sql += "(";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      if (c > 0) sql += ", ";
      sql += DuckDbLiteral(rows[r][c]);
    }
    sql += ")";
  }
  sql += ") AS t(";
  for (size_t c = 0; c < schema.size(); ++c) {
    if (c > 0) sql += ", ";
    sql += "\"" + schema[c].name + "\"";
  }
  return sql + ")";
}

}  // namespace basin::formats::parquet::testing
