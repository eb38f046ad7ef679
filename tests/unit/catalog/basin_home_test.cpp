#include "catalog/basin_home.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "catalog/catalog.hpp"
#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::CodeOf;
using testing::ScratchDir;

// Sets an environment variable for the life of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(BasinHome, OptionThenBasinHomeThenDotBasin) {
  ScratchDir dir;
  ScopedEnv home("HOME", (dir.path() / "user").c_str());
  {
    ScopedEnv basin_home("BASIN_HOME", nullptr);
    EXPECT_EQ(ResolveBasinHome(""), dir.path() / "user" / ".basin");
    EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "user" / ".basin"));
    EXPECT_EQ(ResolveBasinHome((dir.path() / "option").string()), dir.path() / "option");
  }
  ScopedEnv basin_home("BASIN_HOME", (dir.path() / "env" / "nested").c_str());
  EXPECT_EQ(ResolveBasinHome(""), dir.path() / "env" / "nested");
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "env" / "nested"));
  EXPECT_EQ(ResolveBasinHome((dir.path() / "option").string()), dir.path() / "option");
}

TEST(BasinHome, OpensItsCatalogAndRefusesAFileAsHome) {
  ScratchDir dir;
  auto catalog = OpenHomeCatalog((dir.path() / "h").string());
  EXPECT_EQ(catalog->path(), dir.path() / "h" / "catalog.db");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "h" / "catalog.db"));
  std::ofstream(dir.path() / "file") << "x";
  EXPECT_EQ(CodeOf([&] { ResolveBasinHome((dir.path() / "file").string()); }), ErrorCode::kIOError);
}

}  // namespace
}  // namespace basin::catalog
