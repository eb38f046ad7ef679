#pragma once

// The fixture of the optimizer tests: a catalog with the TPC-H tables and three small ones,
// PlanQuery over it, and plan search helpers.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/error.hpp"
#include "sql/planner/plan_query.hpp"
#include "sql/planner/rules.hpp"
#include "unit/sql/binder/test_catalog.hpp"

namespace basin::sql::testing {

class OptimizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new TestCatalog();
    catalog_->AddTable("tpch", "events", {{"id", "bigint"}, {"name", "string"}, {"v", "double"}},
                       1000, "parquet", {{"dt", "string"}});
    catalog_->AddTable("tpch", "small", {{"k", "bigint"}, {"label", "string"}}, 10);
    catalog_->AddTable("tpch", "big", {{"k", "bigint"}, {"x", "double"}}, 1000000);
    catalog_->AddTable("tpch", "mid", {{"k", "bigint"}, {"y", "double"}}, 1000);
  }
  static void TearDownTestSuite() {
    delete catalog_;
    catalog_ = nullptr;
  }

  LogicalPtr Plan(const std::string& sql, const OptimizerOptions& options = {}) {
    context_ = std::make_unique<BindContext>(catalog_->catalog(), "tpch");
    return PlanQuery(sql, *context_, options);
  }
  std::string Explain(const std::string& sql, const OptimizerOptions& options = {}) {
    return ExplainLogical(*Plan(sql, options));
  }

  static inline TestCatalog* catalog_ = nullptr;
  std::unique_ptr<BindContext> context_;
};

// The first operator of `kind` in pre-order, or null.
inline const LogicalOperator* Find(const LogicalOperator& op, LogicalKind kind) {
  if (op.kind == kind) return &op;
  for (const auto& child : op.children) {
    if (const LogicalOperator* found = Find(*child, kind)) return found;
  }
  return nullptr;
}

}  // namespace basin::sql::testing
