#pragma once

// The scan of a catalogued database table (a JDBC_TABLE: PostgreSQL, MySQL/MariaDB, SQLite)
// through its catalog connection: the projected columns asked for by name, cast to the
// catalog's types where the source maps them differently, the pushed filters evaluated on
// every chunk. A big table (or one the session names in database_scan_splits) is read as key
// ranges of an integer column, one connector session per range, in parallel
// (scan_database_split.hpp); otherwise one session streams the whole table. Comparisons of a
// column with a constant also go to the database as its WHERE (PushedComparison): a
// pre-filter only, the filters still run here.

#include <string>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "sql/exec/expression_evaluator.hpp"
#include "sql/exec/physical_operator.hpp"
#include "sql/plan/logical_plan.hpp"

namespace basin::connectors {
class Connector;
}

namespace basin::sql {

struct PlanningContext;

// `column op literal`, sent to the database as WHERE text: integer columns for every source;
// DECIMAL, DATE and TIMESTAMP columns for PostgreSQL and MySQL/MariaDB, whose sessions run in
// UTC and compare such literals by value (SQLite keeps them as text in varying formats).
struct PushedComparison {
  uint32_t column = 0;  // position in the table's columns
  const char* op = "=";
  std::string literal;  // in the source's dialect: 42, 12.34, '2024-01-01 10:00:00.5'
};

class PhysicalDatabaseScan : public PhysicalOperator {
 public:
  PhysicalDatabaseScan(const LogicalScan& scan, catalog::Connection connection,
                       std::vector<uint32_t> read_columns, std::vector<PhysicalExprPtr> filters,
                       std::vector<PushedComparison> pushed);

  std::string Describe() const override;
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> InitGlobalSource(ExecContext& context) const override;
  std::unique_ptr<LocalSourceState> InitLocalSource(ExecContext&,
                                                    GlobalSourceState&) const override;
  bool GetChunk(ExecContext&, GlobalSourceState&, LocalSourceState&,
                columnar::DataChunk& out) const override;
  size_t MaxParallelism(GlobalSourceState&) const override;

 private:
  struct Local;
  std::string Where() const;  // "connection (schema.table)", for messages
  std::string PushedWhere(const connectors::Connector& connector) const;

  std::vector<PushedComparison> pushed_;
  TableSource source_;
  catalog::Connection connection_;
  std::string schema_;
  std::string table_;
  std::vector<uint32_t> read_columns_;  // projection first, then columns only filters read
  size_t output_columns_;
  std::vector<PhysicalExprPtr> filters_;
};

// Looks the connection up in the catalog (InvalidInput without one) and builds the scan.
PhysicalPtr MakeDatabaseScan(const LogicalScan& scan, PlanningContext& context);

}  // namespace basin::sql
