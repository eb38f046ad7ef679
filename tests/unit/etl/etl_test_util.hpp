#pragma once

// Helpers of the etl tests: a scratch Basin home with a catalog.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "catalog/catalog.hpp"

namespace basin::etl::testing {

class HomeTest : public ::testing::Test {
 protected:
  HomeTest() {
    std::string pattern = (std::filesystem::temp_directory_path() / "basin-etl-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    home_ = pattern;
    catalog_ = std::make_unique<catalog::Catalog>(home_ / "catalog.db");
  }
  ~HomeTest() override {
    catalog_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(home_, ignored);
  }

  std::filesystem::path home_;
  std::unique_ptr<catalog::Catalog> catalog_;
};

}  // namespace basin::etl::testing
