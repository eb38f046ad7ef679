#include "sql/exec/scan_database.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "connectors/connector.hpp"
#include "sql/exec/physical_planner.hpp"
#include "sql/exec/scan_common.hpp"
#include "sql/exec/scan_database_split.hpp"
#include "sql/exec/selection.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"
#include "types/value.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;

namespace {

// The ranges of one scan, claimed by workers in turn; an unsplit scan has one empty range.
struct DatabaseSource : GlobalSourceState {
  std::vector<std::string> split_wheres;
  std::atomic<size_t> next_split{0};
  std::mutex mutex;
  // The session that planned the splits, handed to the first worker.
  std::unique_ptr<connectors::Connector> spare;
};

// `constant` as a literal the source compares with a `column_type` column exactly as the
// engine does, or "" when it cannot be pushed there.
std::string SourceLiteral(catalog::ConnectionType source, const types::LogicalType& column_type,
                          const types::LogicalType& constant_type, const types::Value& constant) {
  if (constant.is_null()) return "";
  if (column_type.IsInteger()) {
    return constant_type.IsInteger() ? std::to_string(constant.int_value()) : "";
  }
  // SQLite stores decimals, dates and timestamps as text or REAL in whatever form the writer
  // chose, so its comparisons do not follow the values.
  if (source == catalog::ConnectionType::kSqlite) return "";
  switch (column_type.id()) {
    case types::TypeId::kDecimal:
      if (constant_type.IsInteger()) return std::to_string(constant.int_value());
      if (constant_type.id() != types::TypeId::kDecimal) return "";
      return types::FormatDecimal(constant.decimal_value(), constant_type.scale());
    case types::TypeId::kDate:
    case types::TypeId::kTimestamp: {
      if (constant_type.id() != column_type.id()) return "";
      int64_t days = column_type.id() == types::TypeId::kDate
                         ? constant.int_value()
                         : constant.int_value() / types::kMicrosPerDay -
                               (constant.int_value() % types::kMicrosPerDay < 0 ? 1 : 0);
      // Years the servers parse as plain 'YYYY-MM-DD…' text.
      int64_t year = types::CivilFromDays(days).year;
      if (year < 1 || year > 9999) return "";
      return "'" +
             (column_type.id() == types::TypeId::kDate
                  ? types::FormatDate(static_cast<int32_t>(constant.int_value()))
                  : types::FormatTimestamp(constant.int_value())) +
             "'";
    }
    default:
      return "";
  }
}

std::string DefaultSchema(const connectors::Connector& connector) {
  switch (connector.type()) {
    case catalog::ConnectionType::kPostgreSql:
      return "public";
    case catalog::ConnectionType::kMySql:
      return connector.DatabaseName();
    default:
      return "main";
  }
}

}  // namespace

struct PhysicalDatabaseScan::Local : LocalSourceState {
  std::unique_ptr<connectors::Connector> connector;
  std::unique_ptr<connectors::RowStream> stream;
  bool done = false;
  DataChunk raw;
  ChunkFilter filter;
};

PhysicalDatabaseScan::PhysicalDatabaseScan(const LogicalScan& scan, catalog::Connection connection,
                                           std::vector<uint32_t> read_columns,
                                           std::vector<PhysicalExprPtr> filters,
                                           std::vector<PushedComparison> pushed)
    : PhysicalOperator(scan.types),
      pushed_(std::move(pushed)),
      source_(scan.source),
      connection_(std::move(connection)),
      read_columns_(std::move(read_columns)),
      output_columns_(scan.projection.size()),
      filters_(std::move(filters)) {
  // source_table: "table", "schema.table" or "database.schema.table".
  std::vector<std::string> parts;
  std::string_view rest = source_.source_table;
  while (true) {
    size_t dot = rest.find('.');
    parts.emplace_back(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  table_ = parts.back();
  if (parts.size() >= 2) schema_ = parts[parts.size() - 2];
}

std::string PhysicalDatabaseScan::Describe() const {
  std::string text = "DatabaseScan " + source_.database + "." + source_.table + " [" +
                     source_.connection + ": " + source_.source_table + "] ";
  text += DescribeScanColumnsAndFilters(source_.column_names, read_columns_, output_columns_,
                                        filters_);
  if (!pushed_.empty()) {
    text += " where [";
    for (size_t i = 0; i < pushed_.size(); ++i) {
      if (i > 0) text += " AND ";
      text += source_.column_names[pushed_[i].column] + " " + pushed_[i].op + " " +
              pushed_[i].literal;
    }
    text += "]";
  }
  return text;
}

std::string PhysicalDatabaseScan::Where() const {
  return source_.connection + " (" + source_.source_table + ")";
}

std::unique_ptr<GlobalSourceState> PhysicalDatabaseScan::InitGlobalSource(
    ExecContext& context) const {
  auto global = std::make_unique<DatabaseSource>();
  std::optional<DatabaseScanSplit> configured;
  auto found = context.settings.database_scan_splits.find(source_.database + "." + source_.table);
  if (found != context.settings.database_scan_splits.end()) configured = found->second;
  // A single worker gains nothing from ranges unless asked for them.
  if (!configured && context.threads() <= 1) {
    global->split_wheres.emplace_back();
    return global;
  }
  try {
    auto connector = connectors::OpenConnector(connection_);
    std::string schema = schema_.empty() ? DefaultSchema(*connector) : schema_;
    connectors::TableInfo table = connector->DescribeTable(schema, table_);
    std::optional<SplitPlan> plan =
        ChooseSplit(table, configured, context.threads(), source_.record_count);
    if (plan) {
      std::string from =
          connector->QuoteIdentifier(schema) + "." + connector->QuoteIdentifier(table.name);
      global->split_wheres = SplitWheres(*connector, from, *plan, PushedWhere(*connector));
    } else {
      global->split_wheres.emplace_back();
    }
    global->spare = std::move(connector);
  } catch (const Error& error) {
    throw Error(error.code(), "scanning " + Where() + ": " + error.what());
  }
  return global;
}

size_t PhysicalDatabaseScan::MaxParallelism(GlobalSourceState& global_state) const {
  return static_cast<DatabaseSource&>(global_state).split_wheres.size();
}

std::unique_ptr<LocalSourceState> PhysicalDatabaseScan::InitLocalSource(ExecContext&,
                                                                        GlobalSourceState&) const {
  auto local = std::make_unique<Local>();
  local->filter = MakeScanFilter(filters_);
  return local;
}

bool PhysicalDatabaseScan::GetChunk(ExecContext& context, GlobalSourceState& global_state,
                                    LocalSourceState& local_state, DataChunk& out) const {
  auto& global = static_cast<DatabaseSource&>(global_state);
  auto& local = static_cast<Local&>(local_state);
  while (!local.done && !context.cancelled.load(std::memory_order_relaxed)) {
    if (!local.stream) {
      size_t split = global.next_split.fetch_add(1);
      if (split >= global.split_wheres.size()) break;
      connectors::ScanRequest request = connectors::ScanRequest::Table(schema_, table_);
      for (uint32_t position : read_columns_)
        request.columns.push_back(source_.column_names[position]);
      try {
        if (!local.connector) {
          std::lock_guard lock(global.mutex);
          local.connector = std::move(global.spare);
        }
        if (!local.connector) local.connector = connectors::OpenConnector(connection_);
        std::string pushed = PushedWhere(*local.connector);
        const std::string& range = global.split_wheres[split];
        request.where = pushed.empty()  ? range
                        : range.empty() ? pushed
                                        : "(" + pushed + ") AND (" + range + ")";
        local.stream = local.connector->Scan(request);
      } catch (const Error& error) {
        throw Error(error.code(), "scanning " + Where() + ": " + error.what());
      }
    }
    bool more;
    try {
      more = local.stream->Next(local.raw);
    } catch (const Error& error) {
      throw Error(error.code(), "scanning " + Where() + ": " + error.what());
    }
    if (!more) {
      // This range is done; the session stays open for the next one.
      local.stream.reset();
      continue;
    }
    size_t rows = local.raw.size();
    uint64_t bytes = ChunkBytes(local.raw);
    context.bytes_scanned.fetch_add(bytes, std::memory_order_relaxed);
    if (const auto& progress = context.settings.progress) {
      progress->rows_read.fetch_add(static_cast<int64_t>(rows), std::memory_order_relaxed);
      progress->bytes_read.fetch_add(static_cast<int64_t>(bytes), std::memory_order_relaxed);
    }
    out = DataChunk();
    for (size_t i = 0; i < read_columns_.size(); ++i) {
      const types::LogicalType& type = source_.column_types[read_columns_[i]];
      Vector column(type);
      Vector& source = local.raw.column(i);
      if (source.type() == type) {
        std::swap(column, source);
      } else {
        // The connector maps some columns more narrowly than the catalog keeps them (int →
        // bigint); anything else means the table changed since the crawl, and converting
        // would change values silently (numeric 3.7 into an int column reads 4).
        const std::string& name = source_.column_names[read_columns_[i]];
        if (!CanCoerce(source.type(), type)) {
          ThrowInvalid("scanning " + Where() + ": column '" + name + "' is " +
                       source.type().ToString() + " in the database but " + type.ToString() +
                       " in the catalog (the table changed since it was crawled: re-run the "
                       "crawler)");
        }
        try {
          CastVector(source, rows, column, false);
        } catch (const Error& error) {
          throw Error(error.code(),
                      "scanning " + Where() + ": column '" + name + "': " + error.what());
        }
      }
      out.AddColumn(std::move(column));
    }
    out.SetSizeOnly(rows);
    local.filter.Apply(out);
    auto& columns = out.columns();
    columns.erase(columns.begin() + static_cast<std::ptrdiff_t>(output_columns_), columns.end());
    return true;
  }
  local.stream.reset();
  local.connector.reset();
  local.done = true;
  return false;
}

std::string PhysicalDatabaseScan::PushedWhere(const connectors::Connector& connector) const {
  // No text comparisons: collations differ. The filters still run on every row here, so a
  // pushed conjunct only saves transfer.
  std::string where;
  for (const auto& pushed : pushed_) {
    if (!where.empty()) where += " AND ";
    where += connector.QuoteIdentifier(source_.column_names[pushed.column]) + " " + pushed.op +
             " " + pushed.literal;
  }
  return where;
}

PhysicalPtr MakeDatabaseScan(const LogicalScan& scan, PlanningContext& context) {
  const TableSource& source = scan.source;
  if (context.catalog == nullptr) {
    ThrowInvalid("table " + source.database + "." + source.table + " reads through connection '" +
                 source.connection + "', but no catalog is open");
  }
  catalog::Connection connection = context.catalog->GetConnection(source.connection);
  std::vector<uint32_t> read_columns = scan.projection;
  for (const auto& filter : scan.filters) {
    std::vector<ColumnBinding> bindings;
    filter->CollectBindings(bindings);
    for (const auto& binding : bindings) {
      if (std::find(read_columns.begin(), read_columns.end(), binding.column) ==
          read_columns.end()) {
        read_columns.push_back(binding.column);
      }
    }
  }
  std::vector<ColumnBinding> layout;
  for (uint32_t position : read_columns) layout.push_back({scan.table_index, position});
  std::vector<PhysicalExprPtr> filters;
  std::vector<PushedComparison> pushed;
  for (const auto& filter : scan.filters) {
    filters.push_back(CompileExpression(*filter, layout));
    if (filter->kind != BoundExprKind::kFunction || !filter->function ||
        filter->children.size() != 2) {
      continue;
    }
    const BoundExpr* left = filter->children[0].get();
    const BoundExpr* right = filter->children[1].get();
    bool flipped = left->kind == BoundExprKind::kConstant;
    if (flipped) std::swap(left, right);
    if (left->kind != BoundExprKind::kColumn || right->kind != BoundExprKind::kConstant) continue;
    std::string literal = SourceLiteral(connection.type, source.column_types[left->binding.column],
                                        right->type, right->constant);
    if (literal.empty()) continue;
    const std::string& name = filter->function->name;
    const char* op = name == op::kEqual          ? "="
                     : name == op::kNotEqual     ? "<>"
                     : name == op::kLess         ? (flipped ? ">" : "<")
                     : name == op::kLessEqual    ? (flipped ? ">=" : "<=")
                     : name == op::kGreater      ? (flipped ? "<" : ">")
                     : name == op::kGreaterEqual ? (flipped ? "<=" : ">=")
                                                 : nullptr;
    if (op != nullptr) pushed.push_back({left->binding.column, op, std::move(literal)});
  }
  return std::make_unique<PhysicalDatabaseScan>(
      scan, std::move(connection), std::move(read_columns), std::move(filters), std::move(pushed));
}

}  // namespace basin::sql
