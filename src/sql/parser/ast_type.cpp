// Resolving a written type (TypeName) to Basin's LogicalType.
#include "sql/parser/ast_type.hpp"

#include "common/error.hpp"

namespace basin::sql {
namespace {

std::string Where(const TypeName& type) {
  return "type '" + type.name + "' at line " + std::to_string(type.pos.line) + ", column " +
         std::to_string(type.pos.column);
}

void ExpectShape(const TypeName& type, size_t max_numbers, size_t fields) {
  if (type.numbers.size() > max_numbers) {
    ThrowInvalid(Where(type) + " takes at most " + std::to_string(max_numbers) + " parameter" +
                 (max_numbers == 1 ? "" : "s"));
  }
  if (type.fields.size() != fields) {
    ThrowInvalid(Where(type) + " takes " + std::to_string(fields) + " type parameter" +
                 (fields == 1 ? "" : "s"));
  }
  if (type.with_time_zone) ThrowUnsupported(Where(type) + ": time zones are not supported yet");
}

// Types without parameters, by every name they go by.
struct SimpleType {
  std::string_view name;
  types::TypeId id;
};
constexpr SimpleType kSimpleTypes[] = {
    {"boolean", types::TypeId::kBoolean},   {"tinyint", types::TypeId::kTinyInt},
    {"smallint", types::TypeId::kSmallInt}, {"int", types::TypeId::kInteger},
    {"integer", types::TypeId::kInteger},   {"bigint", types::TypeId::kBigInt},
    {"real", types::TypeId::kFloat},        {"float", types::TypeId::kFloat},
    {"double", types::TypeId::kDouble},     {"double precision", types::TypeId::kDouble},
    {"varbinary", types::TypeId::kBinary},  {"binary", types::TypeId::kBinary},
    {"date", types::TypeId::kDate},
};

}  // namespace

types::LogicalType ToLogicalType(const TypeName& type) {
  using types::LogicalType;
  const std::string& name = type.name;
  for (const SimpleType& simple : kSimpleTypes) {
    if (name == simple.name) {
      ExpectShape(type, 0, 0);
      return LogicalType(simple.id);
    }
  }
  if (name == "decimal" || name == "numeric" || name == "dec") {
    ExpectShape(type, 2, 0);
    int64_t precision = type.hive_ddl ? 10 : 38;
    int64_t scale = 0;
    if (!type.numbers.empty()) precision = type.numbers[0];
    if (type.numbers.size() == 2) scale = type.numbers[1];
    if (precision < 1 || precision > types::kMaxDecimalPrecision || scale < 0 ||
        scale > precision) {
      ThrowInvalid(Where(type) + ": decimal precision must be 1..38 and scale 0..precision");
    }
    return LogicalType::Decimal(static_cast<int>(precision), static_cast<int>(scale));
  }
  if (name == "varchar" || name == "char" || name == "string" || name == "json") {
    ExpectShape(type, name == "string" || name == "json" ? 0 : 1, 0);
    if (!type.numbers.empty() && type.numbers[0] < 1) {
      ThrowInvalid(Where(type) + ": length must be positive");
    }
    return LogicalType::Varchar();
  }
  if (name == "time" || name == "timestamp") {
    ExpectShape(type, 1, 0);
    return name == "time" ? LogicalType::Time() : LogicalType::Timestamp();
  }
  if (name == "array") {
    ExpectShape(type, 0, 1);
    return LogicalType::List(ToLogicalType(type.fields[0].type));
  }
  if (name == "map") {
    ExpectShape(type, 0, 2);
    return LogicalType::Map(ToLogicalType(type.fields[0].type), ToLogicalType(type.fields[1].type));
  }
  if (name == "row" || name == "struct") {
    ExpectShape(type, 0, type.fields.size());
    std::vector<types::StructField> fields;
    for (size_t i = 0; i < type.fields.size(); ++i) {
      const TypeField& field = type.fields[i];
      // Trino names unnamed row fields field0, field1, …
      std::string field_name =
          field.name.text.empty() ? "field" + std::to_string(i) : field.name.Name();
      fields.push_back({std::move(field_name), ToLogicalType(field.type)});
    }
    return LogicalType::Struct(std::move(fields));
  }
  if (name.starts_with("interval") || name == "uuid" || name == "ipaddress" ||
      name == "hyperloglog" || name == "uniontype") {
    ThrowUnsupported(Where(type) + " is not supported");
  }
  ThrowInvalid("unknown " + Where(type));
}

}  // namespace basin::sql
