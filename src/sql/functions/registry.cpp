// Name → overloads, and resolution of a call to the best-fitting overload.
#include "sql/functions/registry.hpp"

#include <algorithm>
#include <limits>

#include "common/error.hpp"

namespace basin::sql {

using types::LogicalType;

namespace fn {

namespace {

template <typename Entry>
std::vector<Entry>& Slot(std::vector<std::pair<std::string, std::vector<Entry>>>& table,
                         std::string name) {
  for (auto& [key, entries] : table) {
    if (key == name) return entries;
  }
  table.emplace_back(std::move(name), std::vector<Entry>{});
  return table.back().second;
}

template <typename Entry>
const std::vector<Entry>* Find(
    const std::vector<std::pair<std::string, std::vector<Entry>>>& table, std::string_view name) {
  for (const auto& [key, entries] : table) {
    if (key == name) return &entries;
  }
  return nullptr;
}

std::string Signature(std::string_view name, const std::vector<LogicalType>& types) {
  std::string text(name);
  text += "(";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) text += ", ";
    text += SqlTypeName(types[i]);
  }
  return text + ")";
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

[[noreturn]] void ThrowUnknown(std::string_view name) {
  std::string best;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (const auto& candidate : GlobalRegistry().Names()) {
    if (candidate.empty() || candidate[0] == '$') continue;
    size_t distance = EditDistance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  std::string message = "unknown function '" + std::string(name) + "'";
  if (!best.empty() && best_distance <= std::max<size_t>(2, name.size() / 3)) {
    message += "; did you mean '" + best + "'?";
  }
  ThrowInvalid(message);
}

}  // namespace

void Registry::AddScalar(std::string name, std::string signature, ScalarBinder bind) {
  Slot(scalars_, std::move(name)).push_back({std::move(signature), std::move(bind)});
}

void Registry::AddFixed(std::string name, std::vector<LogicalType> arguments, LogicalType result,
                        ScalarKernel kernel, bool deterministic) {
  std::string signature = Signature(name, arguments);
  ScalarFunction function;
  function.name = name;
  function.arguments = std::move(arguments);
  function.result = std::move(result);
  function.kernel = std::move(kernel);
  function.deterministic = deterministic;
  AddScalar(std::move(name), std::move(signature),
            [function](const CallSite& call) -> std::optional<ScalarFunction> {
              if (call.argument_types.size() != function.arguments.size()) return std::nullopt;
              for (size_t i = 0; i < function.arguments.size(); ++i) {
                if (IsUntypedNull(call, i)) continue;
                if (!CanCoerce(call.argument_types[i], function.arguments[i])) {
                  return std::nullopt;
                }
              }
              return function;
            });
}

void Registry::AddAggregate(std::string name, std::string signature, AggregateBinder bind) {
  Slot(aggregates_, std::move(name)).push_back({std::move(signature), std::move(bind)});
}

const std::vector<ScalarOverload>* Registry::FindScalar(std::string_view name) const {
  return Find(scalars_, name);
}

const std::vector<AggregateOverload>* Registry::FindAggregate(std::string_view name) const {
  return Find(aggregates_, name);
}

std::vector<std::string> Registry::Names() const {
  std::vector<std::string> names;
  for (const auto& entry : scalars_) names.push_back(entry.first);
  for (const auto& entry : aggregates_) names.push_back(entry.first);
  return names;
}

const Registry& GlobalRegistry() {
  static const Registry registry = [] {
    Registry r;
    RegisterComparison(r);
    RegisterArithmetic(r);
    RegisterStringFunctions(r);
    RegisterLike(r);
    RegisterRegexFunctions(r);
    RegisterDatetimeFunctions(r);
    RegisterMathFunctions(r);
    RegisterConditionalFunctions(r);
    RegisterListFunctions(r);
    RegisterBasicAggregates(r);
    RegisterStatisticalAggregates(r);
    return r;
  }();
  return registry;
}

}  // namespace fn

ScalarFunction ResolveScalarFunction(std::string_view name, const CallSite& call) {
  const auto* overloads = fn::GlobalRegistry().FindScalar(name);
  if (overloads == nullptr) {
    if (fn::GlobalRegistry().FindAggregate(name) != nullptr) {
      ThrowInvalid("aggregate function '" + std::string(name) +
                   "' is not allowed here (it needs a GROUP BY context)");
    }
    fn::ThrowUnknown(name);
  }
  std::optional<ScalarFunction> best;
  int best_cost = std::numeric_limits<int>::max();
  for (const auto& overload : *overloads) {
    auto bound = overload.bind(call);
    if (!bound) continue;
    int cost = 0;
    for (size_t i = 0; i < call.argument_types.size() && i < bound->arguments.size(); ++i) {
      if (fn::IsUntypedNull(call, i)) continue;
      cost += fn::CoercionCost(call.argument_types[i], bound->arguments[i]);
    }
    if (cost < best_cost) {
      best_cost = cost;
      best = std::move(bound);
    }
  }
  if (best) return std::move(*best);
  std::vector<LogicalType> shown = call.argument_types;
  std::string message = "function " + fn::Signature(name, shown) + " does not exist; candidates: ";
  for (size_t i = 0; i < overloads->size(); ++i) {
    if (i > 0) message += ", ";
    message += (*overloads)[i].signature;
  }
  ThrowInvalid(message);
}

AggregateFunction ResolveAggregateFunction(std::string_view name,
                                           const std::vector<LogicalType>& arguments) {
  const auto* overloads = fn::GlobalRegistry().FindAggregate(name);
  if (overloads == nullptr) {
    if (fn::GlobalRegistry().FindScalar(name) != nullptr) {
      ThrowInvalid("function '" + std::string(name) + "' is not an aggregate function");
    }
    fn::ThrowUnknown(name);
  }
  for (const auto& overload : *overloads) {
    if (auto bound = overload.bind(arguments)) return std::move(*bound);
  }
  std::string message =
      "function " + fn::Signature(name, arguments) + " does not exist; candidates: ";
  for (size_t i = 0; i < overloads->size(); ++i) {
    if (i > 0) message += ", ";
    message += (*overloads)[i].signature;
  }
  ThrowInvalid(message);
}

bool IsScalarFunction(std::string_view name) {
  return fn::GlobalRegistry().FindScalar(name) != nullptr;
}

bool IsAggregateFunction(std::string_view name) {
  return fn::GlobalRegistry().FindAggregate(name) != nullptr;
}

}  // namespace basin::sql
