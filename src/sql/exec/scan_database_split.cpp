#include "sql/exec/scan_database_split.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/error.hpp"

namespace basin::sql {

namespace {

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// min() / max() come back as the column's integer type on PostgreSQL and MySQL, but SQLite's
// expression results carry no declared type, so text and doubles are accepted too.
std::optional<int64_t> AsInt64(const types::Value& value) {
  if (value.is_null()) return std::nullopt;
  const types::LogicalType& type = value.type();
  if (type.IsInteger()) return value.int_value();
  switch (type.id()) {
    case types::TypeId::kDecimal: {
      if (type.scale() != 0) break;
      types::int128_t unscaled = value.decimal_value();
      if (unscaled < INT64_MIN || unscaled > INT64_MAX) break;
      return static_cast<int64_t>(unscaled);
    }
    case types::TypeId::kDouble:
    case types::TypeId::kFloat: {
      double v = value.double_value();
      if (!(v >= -9.2e18 && v <= 9.2e18)) break;
      return static_cast<int64_t>(v);
    }
    case types::TypeId::kVarchar: {
      const std::string& text = value.string_value();
      int64_t parsed = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (error == std::errc() && end == text.data() + text.size()) return parsed;
      break;
    }
    default:
      break;
  }
  ThrowInvalid("the split column's min/max " + value.ToString() + " is not an integer");
}

}  // namespace

std::optional<SplitPlan> ChooseSplit(const connectors::TableInfo& table,
                                     const std::optional<DatabaseScanSplit>& configured,
                                     size_t threads, double catalog_row_count) {
  std::string label = table.schema + "." + table.name;
  SplitPlan plan;
  const connectors::ColumnInfo* column = nullptr;
  if (configured && !configured->column.empty()) {
    for (const auto& candidate : table.columns) {
      if (candidate.name == configured->column) column = &candidate;
    }
    for (const auto& candidate : table.columns) {
      if (column == nullptr && SameName(candidate.name, configured->column)) column = &candidate;
    }
    if (column == nullptr) {
      ThrowInvalid("split column '" + configured->column + "' is not a column of " + label);
    }
    if (!column->type.IsInteger()) {
      ThrowInvalid("split column '" + column->name + "' of " + label + " is " + column->hive_type +
                   "; a scan splits on an integer column");
    }
  } else {
    std::vector<std::string> key = table.PrimaryKey();
    for (const auto& candidate : table.columns) {
      if (key.size() == 1 && candidate.name == key[0] && candidate.type.IsInteger()) {
        column = &candidate;
      }
    }
    if (column == nullptr) {
      if (configured) {
        ThrowInvalid(label + " has no single-column integer primary key to split on; name a "
                     "split column");
      }
      return std::nullopt;
    }
  }
  if (configured) {
    if (configured->splits < 0 || configured->splits > kMaxScanSplits) {
      ThrowInvalid("splits of " + label + " must be between 0 (one per thread) and " +
                   std::to_string(kMaxScanSplits) + ", not " +
                   std::to_string(configured->splits));
    }
    plan.splits = configured->splits > 0 ? configured->splits : static_cast<int64_t>(threads);
  } else {
    double rows = std::max(static_cast<double>(table.row_estimate), catalog_row_count);
    if (rows < static_cast<double>(kAutoSplitMinRows)) return std::nullopt;
    plan.splits = static_cast<int64_t>(threads);
  }
  plan.splits = std::min(plan.splits, kMaxScanSplits);
  if (plan.splits <= 1) return std::nullopt;
  plan.column = column->name;
  return plan;
}

std::vector<int64_t> SplitBoundaries(int64_t min, int64_t max, int64_t splits) {
  std::vector<int64_t> boundaries;
  if (max <= min || splits <= 1) return boundaries;
  // Widths in 128 bits: max - min can exceed INT64_MAX.
  types::int128_t span = static_cast<types::int128_t>(max) - min + 1;
  types::int128_t count = std::min<types::int128_t>(splits, span);
  for (types::int128_t i = 1; i < count; ++i) {
    boundaries.push_back(static_cast<int64_t>(min + span * i / count));
  }
  return boundaries;
}

std::vector<std::string> SplitWheres(connectors::Connector& connector, const std::string& from,
                                     const SplitPlan& plan, const std::string& pushed_where) {
  std::string column = connector.QuoteIdentifier(plan.column);
  std::string query = "SELECT min(" + column + "), max(" + column + ") FROM " + from;
  if (!pushed_where.empty()) query += " WHERE (" + pushed_where + ")";
  auto stream = connector.Scan(connectors::ScanRequest::Query(query));
  columnar::DataChunk chunk;
  std::optional<int64_t> min, max;
  if (stream->Next(chunk) && chunk.size() > 0 && chunk.column_count() == 2) {
    min = AsInt64(chunk.column(0).GetValue(0));
    max = AsInt64(chunk.column(1).GetValue(0));
  }
  while (stream->Next(chunk)) {
  }
  stream.reset();
  std::vector<int64_t> boundaries;
  if (min && max) boundaries = SplitBoundaries(*min, *max, plan.splits);
  if (boundaries.empty()) return {std::string()};
  std::vector<std::string> wheres;
  wheres.push_back(column + " < " + std::to_string(boundaries[0]) + " OR " + column + " IS NULL");
  for (size_t i = 1; i < boundaries.size(); ++i) {
    wheres.push_back(column + " >= " + std::to_string(boundaries[i - 1]) + " AND " + column +
                     " < " + std::to_string(boundaries[i]));
  }
  wheres.push_back(column + " >= " + std::to_string(boundaries.back()));
  return wheres;
}

}  // namespace basin::sql
