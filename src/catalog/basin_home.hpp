#pragma once

// The Basin home: the one directory that holds all state (catalog.db, lake/, results/,
// logs/). Chosen by --home DIR, else $BASIN_HOME, else ~/.basin.

#include <filesystem>
#include <memory>
#include <string_view>

namespace basin::catalog {

class Catalog;

// The home directory for a --home option (empty when not given), created when missing.
// IOError when it cannot be created; InvalidInput when neither a home option, BASIN_HOME nor
// HOME is set.
std::filesystem::path ResolveBasinHome(std::string_view home_option);

// The catalog of that home: <home>/catalog.db, created on first use.
std::unique_ptr<Catalog> OpenHomeCatalog(std::string_view home_option);

}  // namespace basin::catalog
