#pragma once

#include <nlohmann/json.hpp>

#include "types/value.hpp"

namespace basin::cli {

// A value as --json output shows it: booleans and numbers as JSON booleans and numbers (BIGINT
// beyond 2^53 stays exact: nlohmann keeps int64), DECIMAL as its exact text, dates and
// timestamps as ISO text, LIST as an array, STRUCT and MAP as objects, NULL as null.
nlohmann::ordered_json ValueToJson(const types::Value& value);

}  // namespace basin::cli
