#pragma once

// The function library's internal registry: every family file (arithmetic.cpp, string_functions.cpp
// …) adds its overloads here from a Register* function that registry.cpp calls once. Explicit calls,
// not static initializers, because a static library drops objects nobody references.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/functions/function.hpp"

namespace basin::sql::fn {

// Binds one overload to a call: returns the function with the argument types it wants (the binder
// casts to them), or nullopt when the call's types do not fit.
using ScalarBinder = std::function<std::optional<ScalarFunction>(const CallSite& call)>;
using AggregateBinder =
    std::function<std::optional<AggregateFunction>(const std::vector<types::LogicalType>& args)>;

struct ScalarOverload {
  std::string signature;  // for messages: "substr(varchar, bigint)"
  ScalarBinder bind;
};

struct AggregateOverload {
  std::string signature;
  AggregateBinder bind;
};

class Registry {
 public:
  void AddScalar(std::string name, std::string signature, ScalarBinder bind);
  // A fixed signature: arguments coerce to `arguments` (an untyped NULL fits any of them).
  void AddFixed(std::string name, std::vector<types::LogicalType> arguments,
                types::LogicalType result, ScalarKernel kernel, bool deterministic = true);
  void AddAggregate(std::string name, std::string signature, AggregateBinder bind);

  const std::vector<ScalarOverload>* FindScalar(std::string_view name) const;
  const std::vector<AggregateOverload>* FindAggregate(std::string_view name) const;
  std::vector<std::string> Names() const;

 private:
  std::vector<std::pair<std::string, std::vector<ScalarOverload>>> scalars_;
  std::vector<std::pair<std::string, std::vector<AggregateOverload>>> aggregates_;
};

const Registry& GlobalRegistry();

// One per family file; registry.cpp calls them all.
void RegisterComparison(Registry& registry);
void RegisterArithmetic(Registry& registry);
void RegisterStringFunctions(Registry& registry);
void RegisterLike(Registry& registry);
void RegisterRegexFunctions(Registry& registry);
void RegisterDatetimeFunctions(Registry& registry);
void RegisterMathFunctions(Registry& registry);
void RegisterConditionalFunctions(Registry& registry);
void RegisterListFunctions(Registry& registry);
void RegisterBasicAggregates(Registry& registry);
void RegisterStatisticalAggregates(Registry& registry);

// Trino's spelling of a type, for messages and signatures: integer, varchar, decimal(10,2),
// array(bigint), row(a integer), map(varchar, bigint), real.
std::string SqlTypeName(const types::LogicalType& type);

// How far `from` is from `to` under implicit coercion (0 when equal); the registry prefers the
// overload with the smallest total. REQUIRES: CanCoerce(from, to).
int CoercionCost(const types::LogicalType& from, const types::LogicalType& to);

// True when argument i of the call is an untyped NULL literal.
inline bool IsUntypedNull(const CallSite& call, size_t i) {
  return i < call.untyped_null.size() && call.untyped_null[i];
}
// The constant value of argument i, or nullptr.
inline const types::Value* ConstantArg(const CallSite& call, size_t i) {
  return i < call.constants.size() ? call.constants[i] : nullptr;
}

}  // namespace basin::sql::fn
