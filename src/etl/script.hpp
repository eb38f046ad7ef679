#pragma once

// `basin jobs script NAME`: the job as a readable SQL script, generated from the DAG (so it
// always agrees with the definition): a comment block per node with its type and settings,
// then the statement a run executes.

#include <string>

#include "etl/dag.hpp"

namespace basin::etl {

// `statement` is the SQL a run would execute now (CompileJob's), or "" to print the query
// alone.
std::string JobScript(const std::string& job_name, const Dag& dag, const std::string& statement);

}  // namespace basin::etl
