#pragma once

// Helpers of the catalog tests: a scratch directory per test and a small table to play with.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <string>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "unit/error_code_of.hpp"

namespace basin::catalog::testing {

// A fresh directory under $TMPDIR, removed with everything in it at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "basin-catalog-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

using basin::testing::CodeOf;

inline Column Col(std::string name, std::string type, std::string comment = "") {
  return Column{std::move(name), std::move(type), std::move(comment), {}};
}

// A Parquet table of two columns, partitioned by the given keys.
inline Table MakeTable(std::string name, std::vector<Column> partition_keys = {}) {
  Table table;
  table.name = std::move(name);
  table.storage_descriptor.columns = {Col("id", "int"), Col("title", "string")};
  table.storage_descriptor.location = "/lake/" + table.name;
  table.storage_descriptor.input_format =
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
  table.partition_keys = std::move(partition_keys);
  table.parameters["classification"] = "parquet";
  return table;
}

// A catalog in a scratch directory with database "movies".
class CatalogTest : public ::testing::Test {
 protected:
  CatalogTest() : catalog_(std::make_unique<Catalog>(dir_.path() / "catalog.db")) {
    Database database;
    database.name = "movies";
    catalog_->CreateDatabase(database);
  }

  std::filesystem::path db_path() const { return dir_.path() / "catalog.db"; }

  ScratchDir dir_;
  std::unique_ptr<Catalog> catalog_;
};

}  // namespace basin::catalog::testing
