#pragma once

// Building blocks for aggregate functions: typed per-state update loops and the boilerplate of
// an AggregateFunction whose state is a C++ struct.

#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

template <typename State>
inline State& StateOf(uint8_t* state) {
  return *std::launder(reinterpret_cast<State*>(state));
}
template <typename State>
inline const State& StateOf(const uint8_t* state) {
  return *std::launder(reinterpret_cast<const State*>(state));
}

// An aggregate whose state is `State` (default-constructed by init, destroyed by destroy when
// not trivially destructible). The caller fills update, combine and finalize.
template <typename State>
AggregateFunction MakeAggregate(std::string name, std::vector<LogicalType> arguments,
                                LogicalType result) {
  AggregateFunction function;
  function.name = std::move(name);
  function.arguments = std::move(arguments);
  function.result = std::move(result);
  function.state_size = sizeof(State);
  function.state_align = alignof(State);
  function.init = [](uint8_t* state) { new (state) State(); };
  if constexpr (!std::is_trivially_destructible_v<State>) {
    function.destroy = [](uint8_t* state) { StateOf<State>(state).~State(); };
  }
  return function;
}

// Calls f(state, value, row) for every row whose argument `column` is not NULL.
template <typename T, typename State, typename F>
inline void ForEachValue(Args args, size_t column, size_t rows, uint8_t* const* states, F&& f) {
  const Vector& vector = *args[column];
  const T* values = vector.data<T>();
  if (vector.validity().AllValid()) {
    for (size_t i = 0; i < rows; ++i) f(StateOf<State>(states[i]), values[i], i);
  } else {
    for (size_t i = 0; i < rows; ++i) {
      if (!vector.IsNull(i)) f(StateOf<State>(states[i]), values[i], i);
    }
  }
}

// Writes value or NULL into row i of a finalized vector (rows may be reused, so valid is set).
template <typename T>
inline void SetResult(Vector& out, size_t row, bool has_value, T value) {
  if (has_value) {
    out.validity().SetValid(row);
    out.data<T>()[row] = value;
  } else {
    out.SetNull(row);
  }
}

}  // namespace basin::sql::fn
