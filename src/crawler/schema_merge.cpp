#include "crawler/schema_merge.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "catalog/names.hpp"
#include "common/error.hpp"

namespace basin::crawler {

namespace {

using types::LogicalType;
using types::TypeId;

int IntegerRank(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt: return 1;
    case TypeId::kSmallInt: return 2;
    case TypeId::kInteger: return 3;
    case TypeId::kBigInt: return 4;
    default: return 0;
  }
}

// Digits left of the point an integer type needs as a decimal.
int IntegerDigits(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt: return 3;
    case TypeId::kSmallInt: return 5;
    case TypeId::kInteger: return 10;
    default: return 19;
  }
}

bool IsFloating(TypeId id) { return id == TypeId::kFloat || id == TypeId::kDouble; }

LogicalType MergeDecimals(int integer_digits, int scale) {
  if (integer_digits + scale > types::kMaxDecimalPrecision) return LogicalType::Double();
  return LogicalType::Decimal(integer_digits + scale, scale);
}

}  // namespace

LogicalType MergeTypes(const LogicalType& a, const LogicalType& b) {
  if (a == b) return a;
  TypeId x = a.id();
  TypeId y = b.id();
  if (IntegerRank(x) && IntegerRank(y)) return IntegerRank(x) >= IntegerRank(y) ? a : b;
  if ((IntegerRank(x) || IsFloating(x)) && (IntegerRank(y) || IsFloating(y))) {
    return LogicalType::Double();
  }
  if (x == TypeId::kDecimal && y == TypeId::kDecimal) {
    return MergeDecimals(std::max(a.precision() - a.scale(), b.precision() - b.scale()),
                         std::max(a.scale(), b.scale()));
  }
  if (x == TypeId::kDecimal || y == TypeId::kDecimal) {
    const LogicalType& decimal = x == TypeId::kDecimal ? a : b;
    TypeId other = x == TypeId::kDecimal ? y : x;
    if (IntegerRank(other)) {
      return MergeDecimals(std::max(decimal.precision() - decimal.scale(), IntegerDigits(other)),
                           decimal.scale());
    }
    if (IsFloating(other)) return LogicalType::Double();
  }
  if ((x == TypeId::kDate && y == TypeId::kTimestamp) ||
      (x == TypeId::kTimestamp && y == TypeId::kDate)) {
    return LogicalType::Timestamp();
  }
  if (x == TypeId::kStruct && y == TypeId::kStruct) {
    std::vector<types::StructField> fields = a.fields();
    for (const auto& field : b.fields()) {
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const types::StructField& f) { return f.name == field.name; });
      if (it == fields.end()) {
        fields.push_back(field);
      } else {
        it->type = MergeTypes(it->type, field.type);
      }
    }
    return LogicalType::Struct(std::move(fields));
  }
  if (x == TypeId::kList && y == TypeId::kList) {
    return LogicalType::List(MergeTypes(a.element(), b.element()));
  }
  if (x == TypeId::kMap && y == TypeId::kMap) {
    return LogicalType::Map(MergeTypes(a.key(), b.key()), MergeTypes(a.value(), b.value()));
  }
  return LogicalType::Varchar();
}

std::string MergeHiveTypes(const std::string& a, const std::string& b) {
  if (a == b) return a;
  try {
    return MergeTypes(types::ParseHiveType(a), types::ParseHiveType(b)).ToString();
  } catch (const Error&) {
    return "string";
  }
}

void MergeColumns(std::vector<catalog::Column>& into, const std::vector<catalog::Column>& from) {
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < into.size(); ++i) index.emplace(into[i].name, i);
  for (const auto& column : from) {
    auto it = index.find(column.name);
    if (it == index.end()) {
      index.emplace(column.name, into.size());
      into.push_back(column);
    } else {
      catalog::Column& existing = into[it->second];
      existing.type = MergeHiveTypes(existing.type, column.type);
    }
  }
}

std::vector<catalog::Column> ColumnsOf(const types::Schema& schema) {
  std::vector<catalog::Column> columns;
  columns.reserve(schema.size());
  std::unordered_set<std::string> seen;
  for (const auto& field : schema.fields()) {
    std::string name = catalog::NormalizeColumnName(field.name);
    // Two columns differing only in case fold to one name; keep the first, as Athena would
    // see only one of them.
    if (!seen.insert(name).second) continue;
    columns.push_back({name, field.type.ToString(), "", {}});
  }
  return columns;
}

double NameOverlap(const std::vector<catalog::Column>& a, const std::vector<catalog::Column>& b) {
  if (a.empty() || b.empty()) return 0;
  std::unordered_set<std::string> names;
  for (const auto& column : a) names.insert(column.name);
  size_t common = 0;
  for (const auto& column : b) common += names.count(column.name);
  return static_cast<double>(common) / static_cast<double>(std::min(a.size(), b.size()));
}

}  // namespace basin::crawler
