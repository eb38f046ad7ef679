#pragma once

// Job DAGs written in YAML: the same shape as the JSON form (etl/dag.hpp), so
//   source:
//     CatalogSource: {Database: shop, Table: orders}
// is {"source": {"CatalogSource": {"Database": "shop", "Table": "orders"}}}.

#include <nlohmann/json.hpp>
#include <string_view>

#include "etl/dag.hpp"

namespace basin::etl {

// YAML text → the equivalent JSON. Plain scalars follow YAML 1.2's core schema (null, true /
// false, integers, floats; anything else a string); quoted scalars are always strings.
// Anchors and aliases are expanded, up to 64 levels deep and a million values. InvalidInput
// naming line and column on bad YAML. (ParseDagText, in dag.hpp, takes JSON or YAML.)
nlohmann::json YamlToJson(std::string_view text);

}  // namespace basin::etl
