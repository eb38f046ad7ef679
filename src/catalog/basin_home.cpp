#include "catalog/basin_home.hpp"

#include <cstdlib>

#include "catalog/catalog.hpp"
#include "common/error.hpp"

namespace basin::catalog {

std::filesystem::path ResolveBasinHome(std::string_view home_option) {
  std::filesystem::path home;
  if (!home_option.empty()) {
    home = std::filesystem::path(home_option);
  } else if (const char* variable = std::getenv("BASIN_HOME"); variable && *variable) {
    home = variable;
  } else if (const char* user_home = std::getenv("HOME"); user_home && *user_home) {
    home = std::filesystem::path(user_home) / ".basin";
  } else {
    ThrowInvalid("no Basin home: give --home DIR or set BASIN_HOME");
  }
  std::error_code error;
  std::filesystem::create_directories(home, error);
  if (error || !std::filesystem::is_directory(home)) {
    ThrowIO("cannot create the Basin home " + home.string() + ": " +
            (error ? error.message() : "it exists and is not a directory"));
  }
  return home;
}

std::unique_ptr<Catalog> OpenHomeCatalog(std::string_view home_option) {
  return std::make_unique<Catalog>(ResolveBasinHome(home_option) / Catalog::kFileName);
}

}  // namespace basin::catalog
