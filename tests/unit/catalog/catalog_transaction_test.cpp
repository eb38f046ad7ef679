// Catalog::InTransaction: several catalog calls commit together, or not at all.
#include <gtest/gtest.h>

#include <stdexcept>

#include "catalog/catalog.hpp"
#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::CatalogTest;
using testing::CodeOf;
using testing::Col;
using testing::MakeTable;

Database Named(const std::string& name) {
  Database database;
  database.name = name;
  return database;
}

TEST_F(CatalogTest, InTransactionCommitsEveryCallTogether) {
  catalog_->InTransaction([&] {
    catalog_->CreateDatabase(Named("first"));
    catalog_->CreateTable("first", MakeTable("t", {Col("a", "int")}));
  });
  EXPECT_EQ(catalog_->GetTable("first", "t").name, "t");
}

TEST_F(CatalogTest, InTransactionThatThrowsLeavesNothing) {
  catalog_->CreateDatabase(Named("kept"));
  EXPECT_THROW(catalog_->InTransaction([&] {
    catalog_->CreateTable("kept", MakeTable("t", {Col("a", "int")}));
    catalog_->CreateDatabase(Named("second"));
    throw std::runtime_error("the work failed after two writes");
  }),
               std::runtime_error);
  EXPECT_EQ(CodeOf([&] { catalog_->GetTable("kept", "t"); }), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] { catalog_->GetDatabase("second"); }), ErrorCode::kNotFound);
  // The catalog is usable afterwards: the connection is out of its transaction.
  catalog_->CreateTable("kept", MakeTable("u", {Col("a", "int")}));
  EXPECT_EQ(catalog_->GetTable("kept", "u").name, "u");
}

TEST_F(CatalogTest, FailingCallInsideInTransactionRollsBackOnlyWhenItPropagates) {
  catalog_->CreateDatabase(Named("db"));
  catalog_->InTransaction([&] {
    catalog_->CreateTable("db", MakeTable("t", {Col("a", "int")}));
    // A nested failure that the work handles keeps the outer work.
    EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("db", MakeTable("t", {Col("a", "int")})); }),
              ErrorCode::kAlreadyExists);
  });
  EXPECT_EQ(catalog_->GetTable("db", "t").name, "t");
}

}  // namespace
}  // namespace basin::catalog
