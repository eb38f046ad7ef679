#pragma once

// Small building blocks for vectorized kernels: result validity from the arguments, typed loops
// over the valid rows, and dispatch from a physical type to its C++ type.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "columnar/vector.hpp"
#include "common/error.hpp"
#include "types/decimal.hpp"

namespace basin::sql::fn {

using columnar::Vector;
using types::int128_t;
using types::LogicalType;
using types::PhysicalType;
using types::TypeId;
using Args = std::span<const Vector* const>;

// Sizes `out` to `rows` and sets its validity to the AND of the arguments' validity.
// Returns true when every row is valid (the fast path needs no per-row check).
inline bool PrepareOutput(Args args, size_t rows, Vector& out) {
  out.Resize(rows);
  out.validity().Reset(rows);
  bool all_valid = true;
  size_t words = (rows + 63) / 64;
  for (const Vector* arg : args) {
    const uint64_t* in = arg->validity().words();
    if (in == nullptr) continue;
    uint64_t* target = out.validity().MutableWords();
    for (size_t w = 0; w < words; ++w) target[w] &= in[w];
    all_valid = false;
  }
  return all_valid;
}

// Copies `in`'s validity for rows [0, rows) into `out` (already sized).
inline void CopyValidity(const Vector& in, size_t rows, Vector& out) {
  out.validity().Reset(rows);
  const uint64_t* words = in.validity().words();
  if (words == nullptr) return;
  uint64_t* target = out.validity().MutableWords();
  for (size_t w = 0; w < (rows + 63) / 64; ++w) target[w] = words[w];
}

// Calls f(i) for every row that is valid in `out`.
template <typename F>
inline void ForValidRows(const Vector& out, size_t rows, bool all_valid, F&& f) {
  if (all_valid) {
    for (size_t i = 0; i < rows; ++i) f(i);
  } else {
    const auto& validity = out.validity();
    for (size_t i = 0; i < rows; ++i) {
      if (validity.IsValid(i)) f(i);
    }
  }
}

// out[i] = f(a[i]) over the valid rows; NULL in, NULL out.
template <typename A, typename R, typename F>
void UnaryKernel(Args args, size_t rows, Vector& out, F&& f) {
  bool all_valid = PrepareOutput(args, rows, out);
  const A* a = args[0]->data<A>();
  R* r = out.data<R>();
  ForValidRows(out, rows, all_valid, [&](size_t i) { r[i] = f(a[i]); });
}

template <typename A, typename B, typename R, typename F>
void BinaryKernel(Args args, size_t rows, Vector& out, F&& f) {
  bool all_valid = PrepareOutput(args, rows, out);
  const A* a = args[0]->data<A>();
  const B* b = args[1]->data<B>();
  R* r = out.data<R>();
  ForValidRows(out, rows, all_valid, [&](size_t i) { r[i] = f(a[i], b[i]); });
}

// A string result: f(i) returns the bytes (any string_view valid until the call returns), which
// are copied into out's heap.
template <typename F>
void StringResultKernel(Args args, size_t rows, Vector& out, F&& f) {
  bool all_valid = PrepareOutput(args, rows, out);
  auto* r = out.data<std::string_view>();
  ForValidRows(out, rows, all_valid, [&](size_t i) { r[i] = out.heap().Add(f(i)); });
}

// Calls f(T{}) with the C++ type that stores `physical` (fixed-width scalars only).
template <typename F>
decltype(auto) VisitFixed(PhysicalType physical, F&& f) {
  switch (physical) {
    case PhysicalType::kBool: return f(uint8_t{});
    case PhysicalType::kInt8: return f(int8_t{});
    case PhysicalType::kInt16: return f(int16_t{});
    case PhysicalType::kInt32: return f(int32_t{});
    case PhysicalType::kInt64: return f(int64_t{});
    case PhysicalType::kInt128: return f(int128_t{});
    case PhysicalType::kFloat: return f(float{});
    case PhysicalType::kDouble: return f(double{});
    default: break;
  }
  ThrowInternal("not a fixed-width physical type");
}

// Calls f(T{}) for the integer storage types (int8 … int64).
template <typename F>
decltype(auto) VisitInteger(PhysicalType physical, F&& f) {
  switch (physical) {
    case PhysicalType::kInt8: return f(int8_t{});
    case PhysicalType::kInt16: return f(int16_t{});
    case PhysicalType::kInt32: return f(int32_t{});
    case PhysicalType::kInt64: return f(int64_t{});
    default: break;
  }
  ThrowInternal("not an integer physical type");
}

// Decimal storage: int64_t or int128_t.
template <typename F>
decltype(auto) VisitDecimal(PhysicalType physical, F&& f) {
  if (physical == PhysicalType::kInt64) return f(int64_t{});
  if (physical == PhysicalType::kInt128) return f(int128_t{});
  ThrowInternal("not a decimal physical type");
}

// Text of one value for error messages: numbers bare, strings quoted.
std::string ValueText(const Vector& vector, size_t row);

// Largest absolute unscaled value + 1 of a decimal precision: 10^p.
inline int128_t DecimalLimit(int precision) { return types::PowerOfTen(precision); }

// Divides rounding half away from zero (decimal rescaling and division).
inline int128_t DivideRound(int128_t value, int128_t divisor) {
  int128_t quotient = value / divisor;
  int128_t remainder = value % divisor;
  if (remainder < 0) remainder = -remainder;
  int128_t abs_divisor = divisor < 0 ? -divisor : divisor;
  if (remainder >= abs_divisor - remainder) quotient += ((value < 0) != (divisor < 0)) ? -1 : 1;
  return quotient;
}

}  // namespace basin::sql::fn
