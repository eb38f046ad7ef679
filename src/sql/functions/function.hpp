#pragma once

// The contract between the binder, which resolves calls by name and argument types, and the
// executor, which runs the resolved kernels over whole vectors. Every operator of the language
// (+, =, ||, LIKE …) is a function here too, under a `$` name, so one resolution path serves all.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/vector.hpp"
#include "types/logical_type.hpp"
#include "types/value.hpp"

namespace basin::sql {

// Names of the operators as functions. The binder maps AST operators onto these.
namespace op {
inline constexpr std::string_view kAdd = "$add";
inline constexpr std::string_view kSubtract = "$subtract";
inline constexpr std::string_view kMultiply = "$multiply";
inline constexpr std::string_view kDivide = "$divide";
inline constexpr std::string_view kModulo = "$modulo";
inline constexpr std::string_view kNegate = "$negate";
inline constexpr std::string_view kConcat = "$concat";  // ||
inline constexpr std::string_view kEqual = "$eq";
inline constexpr std::string_view kNotEqual = "$ne";
inline constexpr std::string_view kLess = "$lt";
inline constexpr std::string_view kLessEqual = "$le";
inline constexpr std::string_view kGreater = "$gt";
inline constexpr std::string_view kGreaterEqual = "$ge";
inline constexpr std::string_view kIsDistinctFrom = "$is_distinct_from";  // never NULL
inline constexpr std::string_view kLike = "$like";  // (value, pattern [, escape])
inline constexpr std::string_view kSubscript = "$subscript";  // list[i] (1-based), map[key]
}  // namespace op

// Runs a scalar function over `rows` rows. `args` are flat vectors of exactly the types the
// resolved function declared; `out` arrives empty with the result type and the kernel sizes it
// to `rows`. A kernel is called from several threads at once: state captured at resolution
// (a compiled regular expression, a decimal scale) must be immutable.
// Errors (division by zero, overflow, a bad cast) throw basin::Error with InvalidInput naming
// the function and the offending value.
using ScalarKernel = std::function<void(std::span<const columnar::Vector* const> args,
                                        size_t rows, columnar::Vector& out)>;

struct ScalarFunction {
  std::string name;                          // as called: "substr", "$add"
  std::vector<types::LogicalType> arguments;  // what the kernel expects (the binder casts to it)
  types::LogicalType result;
  ScalarKernel kernel;
  // True when a NULL in any argument makes the result NULL (most functions). False for
  // coalesce-like functions, $is_distinct_from, concat_ws …
  bool null_in_null_out = true;
  bool deterministic = true;  // false for random(), now() is deterministic within a query
};

// Arguments the binder knows at resolution time: a constant argument's value lets a function
// precompile it (regexp_like's pattern, date_format's format). Entries are nullptr when the
// argument is not constant.
// The NULL literal has no type of its own (Trino's `unknown`): it is flagged in `untyped_null`
// and fits any parameter type; the binder then casts it to the declared argument type.
struct CallSite {
  std::vector<types::LogicalType> argument_types;
  std::vector<const types::Value*> constants;  // same length as argument_types, or empty
  std::vector<bool> untyped_null;              // same length as argument_types, or empty
};

// Finds the function `name` (lower case) for these argument types, applying Trino's implicit
// coercions (integer widening, integer → decimal → double, varchar(n) → varchar, unknown/NULL
// → anything). Throws InvalidInput "function NAME(TYPES) does not exist" listing the candidate
// signatures when none fits; an unknown name is InvalidInput "unknown function NAME" with a
// "did you mean" suggestion.
ScalarFunction ResolveScalarFunction(std::string_view name, const CallSite& call);

bool IsScalarFunction(std::string_view name);
bool IsAggregateFunction(std::string_view name);

// ---- Aggregates ------------------------------------------------------------------------------

// An aggregate keeps one fixed-size state per group in memory the operator owns. States are
// updated a chunk at a time: `states[i]` is the state of row i's group (rows of one group
// repeat the same pointer). DISTINCT and FILTER are the operator's business, not the
// function's: it only sees the rows that count.
struct AggregateFunction {
  std::string name;
  std::vector<types::LogicalType> arguments;  // empty for count(*)
  types::LogicalType result;
  size_t state_size = 0;
  size_t state_align = alignof(std::max_align_t);
  std::function<void(uint8_t* state)> init;
  std::function<void(std::span<const columnar::Vector* const> args, size_t rows,
                     uint8_t* const* states)>
      update;
  // Merges a partial state (from another thread) into `target`.
  std::function<void(const uint8_t* source, uint8_t* target)> combine;
  // Writes the results of `count` states into rows [0, count) of `out` (sized by the caller).
  std::function<void(uint8_t* const* states, size_t count, columnar::Vector& out)> finalize;
  // Frees what a state owns (array_agg's elements); null when states own nothing.
  std::function<void(uint8_t* state)> destroy;
};

AggregateFunction ResolveAggregateFunction(std::string_view name,
                                           const std::vector<types::LogicalType>& arguments);

// ---- Casts and coercion --------------------------------------------------------------------

// Casts `rows` rows of `in` into `out` (which has the target type). A value that does not
// convert throws InvalidInput "cannot cast 'abc' to integer", or with try_cast becomes NULL.
void CastVector(const columnar::Vector& in, size_t rows, columnar::Vector& out, bool try_cast);
bool CanCast(const types::LogicalType& from, const types::LogicalType& to);
// Trino's implicit coercion: may a value of `from` be used where `to` is expected?
bool CanCoerce(const types::LogicalType& from, const types::LogicalType& to);
// The type both coerce to (for comparisons, CASE branches, UNION columns, IN lists), or none.
std::optional<types::LogicalType> CommonSuperType(const types::LogicalType& a,
                                                  const types::LogicalType& b);
// Casts one constant (constant folding, literals, partition values).
types::Value CastValue(const types::Value& value, const types::LogicalType& to, bool try_cast);

}  // namespace basin::sql
