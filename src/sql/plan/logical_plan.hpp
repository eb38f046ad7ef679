#pragma once

// The logical plan: a tree of relational operators over bound expressions. The binder builds
// it, the optimizer rewrites it, the physical planner turns it into exec/ operators. Each
// operator lists the bindings of the columns it outputs, in order.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/plan/bound_expression.hpp"
#include "types/logical_type.hpp"
#include "types/value.hpp"

namespace basin::sql {

enum class LogicalKind : uint8_t {
  kScan,          // a catalogued table (lake files or a database table)
  kValues,        // VALUES rows, and the one empty row of a SELECT without FROM
  kFilter,
  kProject,
  kAggregate,     // GROUP BY and aggregates (also DISTINCT)
  kJoin,
  kSort,
  kLimit,         // LIMIT/OFFSET; a Sort under a Limit becomes top-N in the physical plan
  kSetOperation,  // UNION [ALL], INTERSECT, EXCEPT
  kWindow,
  kEmpty,         // a relation known to have no rows (a false filter, pruned partitions)
  kWrite,         // CTAS / INSERT: writes its child into the lake and reports rows written
};

struct LogicalOperator;
using LogicalPtr = std::unique_ptr<LogicalOperator>;

struct LogicalOperator {
  explicit LogicalOperator(LogicalKind k) : kind(k) {}
  virtual ~LogicalOperator() = default;
  LogicalOperator(const LogicalOperator&) = delete;
  LogicalOperator& operator=(const LogicalOperator&) = delete;

  template <typename T>
  const T& As() const { return static_cast<const T&>(*this); }
  template <typename T>
  T& As() { return static_cast<T&>(*this); }

  const LogicalKind kind;
  std::vector<LogicalPtr> children;
  // What the operator outputs: one binding and one type per column, in order.
  std::vector<ColumnBinding> bindings;
  std::vector<types::LogicalType> types;
  // Output column names where the SQL gave them (the root's are the result's header).
  std::vector<std::string> names;
  double estimated_rows = -1;  // from catalog statistics; < 0 unknown
};

// ---- Scan ------------------------------------------------------------------------------------

enum class SourceKind : uint8_t { kLake, kDatabase };
enum class LakeFormat : uint8_t { kParquet, kCsv, kJson };

// Where a catalogued table's rows come from, as the binder found it in the catalog. The
// physical planner lists files (or asks the connector) when it builds the scan.
struct TableSource {
  std::string database;  // catalog database
  std::string table;     // catalog table
  SourceKind kind = SourceKind::kLake;
  LakeFormat format = LakeFormat::kParquet;
  std::string location;  // lake: folder or file URI (local path or s3://)
  std::map<std::string, std::string> serde_parameters;  // field.delim, skip.header.line.count …
  std::string connection;    // database tables: the catalog connection
  std::string source_table;  // database tables: schema.table (or db.table) in the source
  // Every column of the table: data columns, then partition keys.
  std::vector<std::string> column_names;
  std::vector<types::LogicalType> column_types;
  size_t partition_key_count = 0;  // the last N columns
  double record_count = -1;        // catalog parameter recordCount, if any
  double size_bytes = -1;          // catalog parameter sizeKey, if any
  // Parquet lake tables: per column (as column_names), [min, max] of an integer-like column
  // (integers, DATE, TIMESTAMP, DECIMAL p<=18 unscaled) from the files' footers, when every
  // row group has statistics; for range selectivity estimates. Empty when unknown.
  std::vector<std::optional<std::pair<int64_t, int64_t>>> column_ranges;
};

struct LogicalScan : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kScan;
  LogicalScan() : LogicalOperator(kKind) {}
  TableSource source;
  uint32_t table_index = 0;  // bindings are (table_index, position in source.column_names)
  // Columns read, as positions in source.column_names; `bindings`/`types` follow this order.
  std::vector<uint32_t> projection;
  // Conjuncts pushed into the scan (they refer to this scan's bindings). Conjuncts on partition
  // keys prune partitions; the others prune row groups from statistics and are also evaluated
  // on every row, so a scan returns exactly the rows that pass.
  std::vector<BoundExprPtr> filters;
  std::string alias;  // as written in the query, for EXPLAIN
};

struct LogicalValues : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kValues;
  LogicalValues() : LogicalOperator(kKind) {}
  uint32_t table_index = 0;
  std::vector<std::vector<BoundExprPtr>> rows;  // constant expressions, one list per row
};

struct LogicalFilter : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kFilter;
  LogicalFilter() : LogicalOperator(kKind) {}
  std::vector<BoundExprPtr> conjuncts;  // all must be true; outputs the child's columns
};

struct LogicalProject : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kProject;
  LogicalProject() : LogicalOperator(kKind) {}
  uint32_t table_index = 0;  // bindings are (table_index, i)
  std::vector<BoundExprPtr> expressions;
};

// Outputs the groups (bindings (group_index, i)) then the aggregates ((aggregate_index, j)).
// With no groups it outputs exactly one row, even over an empty input.
struct LogicalAggregate : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kAggregate;
  LogicalAggregate() : LogicalOperator(kKind) {}
  uint32_t group_index = 0;
  uint32_t aggregate_index = 0;
  std::vector<BoundExprPtr> groups;
  std::vector<BoundAggregate> aggregates;
  // GROUPING SETS / ROLLUP / CUBE: each set lists positions in `groups`; empty = plain GROUP BY.
  std::vector<std::vector<uint32_t>> grouping_sets;
};

enum class JoinKind : uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kSemi,  // left rows with a match (EXISTS, IN); outputs left columns only
  kAnti,  // left rows without a match (NOT EXISTS); outputs left columns only
  // NOT IN: like kAnti, but a NULL on either side of an equality key makes "no match" unknown,
  // so the row is dropped (SQL's NOT IN over a set with NULLs is never true).
  kAntiNullAware,
  // Outputs left columns plus one BOOLEAN `mark_binding` column: true when a match exists,
  // NULL when none does but NULLs were compared, else false (IN/EXISTS under OR, in SELECT).
  kMark,
  // Scalar subquery: like kLeft, but more than one match for a left row is an error
  // ("scalar subquery returned more than one row").
  kSingle,
  kCross,
};

struct LogicalJoin : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kJoin;
  LogicalJoin() : LogicalOperator(kKind) {}
  JoinKind join_kind = JoinKind::kInner;
  // Equality keys: left_keys[i] (over the left child) = right_keys[i] (over the right child).
  // null_equal[i] is true for IS NOT DISTINCT FROM keys.
  std::vector<BoundExprPtr> left_keys;
  std::vector<BoundExprPtr> right_keys;
  std::vector<bool> null_equal;
  // Whatever else the ON condition says, over both sides' bindings; null when nothing.
  BoundExprPtr residual;
  ColumnBinding mark_binding;  // kMark
};

struct LogicalSort : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kSort;
  LogicalSort() : LogicalOperator(kKind) {}
  std::vector<BoundOrder> order_by;  // over the child's bindings; outputs the child's columns
};

struct LogicalLimit : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kLimit;
  LogicalLimit() : LogicalOperator(kKind) {}
  std::optional<int64_t> limit;  // none: LIMIT ALL
  int64_t offset = 0;
};

enum class SetOperationKind : uint8_t { kUnion, kIntersect, kExcept };

// Children have the same column count and (after the binder's casts) types. Outputs
// (table_index, i).
struct LogicalSetOperation : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kSetOperation;
  LogicalSetOperation() : LogicalOperator(kKind) {}
  SetOperationKind op = SetOperationKind::kUnion;
  bool all = false;
  uint32_t table_index = 0;
};

// Outputs the child's columns followed by one column per window function
// ((table_index, j)).
struct LogicalWindow : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kWindow;
  LogicalWindow() : LogicalOperator(kKind) {}
  uint32_t table_index = 0;
  std::vector<BoundWindow> windows;
};

struct LogicalEmpty : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kEmpty;
  LogicalEmpty() : LogicalOperator(kKind) {}
};

// CTAS and INSERT: writes the child into `location` in `format`, partitioned by the last
// `partition_columns` of the child's columns (Hive folders key=value), and outputs one BIGINT
// row: the rows written. Files are published atomically when the whole write succeeds; the
// statement layer then updates the catalog.
class StagedWrite;  // sql/exec/publish.hpp

struct LogicalWrite : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kWrite;
  LogicalWrite() : LogicalOperator(kKind) {}
  std::string location;
  LakeFormat format = LakeFormat::kParquet;
  std::string compression;  // parquet: snappy (default) | zstd | gzip | lz4 | none
  std::vector<std::string> column_names;
  size_t partition_columns = 0;
  // Partition folder "k1=v1/k2=v2/" → where its files go instead of <location>/<folder>
  // (a partition the catalog keeps at another location).
  std::map<std::string, std::string> partition_locations;
  // Filled by the executor: files written (URI, rows, bytes) and partition values per file.
  uint32_t table_index = 0;
  // When set, the write only stages its files and hands them here; the statement publishes
  // them (sql/exec/publish.hpp). Unset: the write moves its files into place itself.
  std::shared_ptr<StagedWrite> staged;
};

// Indented one-line-per-operator text: the body of EXPLAIN.
std::string ExplainLogical(const LogicalOperator& root);

}  // namespace basin::sql
