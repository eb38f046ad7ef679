#pragma once

// A catalog in a temporary Basin home with the TPC-H tables (no data: binding needs only the
// catalog), for the binder and optimizer tests.

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/storage_formats.hpp"

namespace basin::sql::testing {

class TestCatalog {
 public:
  TestCatalog() {
    std::random_device random;
    home_ = std::filesystem::temp_directory_path() /
            ("basin-binder-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(home_);
    catalog_ = std::make_unique<catalog::Catalog>(home_ / "catalog.db");
    catalog::Database database;
    database.name = "tpch";
    catalog_->CreateDatabase(database);
    const std::string money = "decimal(15,2)";
    AddTable("tpch", "part",
             {{"p_partkey", "int"},
              {"p_name", "string"},
              {"p_mfgr", "string"},
              {"p_brand", "string"},
              {"p_type", "string"},
              {"p_size", "int"},
              {"p_container", "string"},
              {"p_retailprice", money},
              {"p_comment", "string"}},
             200000);
    AddTable("tpch", "supplier",
             {{"s_suppkey", "int"},
              {"s_name", "string"},
              {"s_address", "string"},
              {"s_nationkey", "int"},
              {"s_phone", "string"},
              {"s_acctbal", money},
              {"s_comment", "string"}},
             10000);
    AddTable("tpch", "partsupp",
             {{"ps_partkey", "int"},
              {"ps_suppkey", "int"},
              {"ps_availqty", "int"},
              {"ps_supplycost", money},
              {"ps_comment", "string"}},
             800000);
    AddTable("tpch", "customer",
             {{"c_custkey", "int"},
              {"c_name", "string"},
              {"c_address", "string"},
              {"c_nationkey", "int"},
              {"c_phone", "string"},
              {"c_acctbal", money},
              {"c_mktsegment", "string"},
              {"c_comment", "string"}},
             150000);
    AddTable("tpch", "orders",
             {{"o_orderkey", "bigint"},
              {"o_custkey", "int"},
              {"o_orderstatus", "string"},
              {"o_totalprice", money},
              {"o_orderdate", "date"},
              {"o_orderpriority", "string"},
              {"o_clerk", "string"},
              {"o_shippriority", "int"},
              {"o_comment", "string"}},
             1500000);
    AddTable("tpch", "lineitem",
             {{"l_orderkey", "bigint"},
              {"l_partkey", "int"},
              {"l_suppkey", "int"},
              {"l_linenumber", "int"},
              {"l_quantity", money},
              {"l_extendedprice", money},
              {"l_discount", money},
              {"l_tax", money},
              {"l_returnflag", "string"},
              {"l_linestatus", "string"},
              {"l_shipdate", "date"},
              {"l_commitdate", "date"},
              {"l_receiptdate", "date"},
              {"l_shipinstruct", "string"},
              {"l_shipmode", "string"},
              {"l_comment", "string"}},
             6000000);
    AddTable("tpch", "nation",
             {{"n_nationkey", "int"},
              {"n_name", "string"},
              {"n_regionkey", "int"},
              {"n_comment", "string"}},
             25);
    AddTable("tpch", "region",
             {{"r_regionkey", "int"}, {"r_name", "string"}, {"r_comment", "string"}}, 5);
  }

  ~TestCatalog() {
    catalog_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(home_, ignored);
  }

  catalog::Catalog& catalog() { return *catalog_; }
  const std::filesystem::path& home() const { return home_; }

  void AddTable(const std::string& database, const std::string& name,
                const std::vector<std::pair<std::string, std::string>>& columns,
                int64_t record_count = -1, const std::string& format = "parquet",
                const std::vector<std::pair<std::string, std::string>>& partition_keys = {}) {
    catalog::Table table;
    table.name = name;
    table.storage_descriptor = catalog::StorageDescriptorForFormat(format);
    table.storage_descriptor.location = (home_ / "lake" / name).string();
    for (const auto& [column, type] : columns) {
      table.storage_descriptor.columns.push_back({column, type, "", {}});
    }
    for (const auto& [column, type] : partition_keys) {
      table.partition_keys.push_back({column, type, "", {}});
    }
    table.parameters["classification"] = format;
    if (record_count >= 0) table.parameters["recordCount"] = std::to_string(record_count);
    catalog_->CreateTable(database, table);
  }

  void AddView(const std::string& database, const std::string& name, const std::string& sql) {
    catalog::Table table;
    table.name = name;
    table.table_type = catalog::TableType::kVirtualView;
    table.view_original_text = sql;
    catalog_->CreateTable(database, table);
  }

 private:
  std::filesystem::path home_;
  std::unique_ptr<catalog::Catalog> catalog_;
};

}  // namespace basin::sql::testing
