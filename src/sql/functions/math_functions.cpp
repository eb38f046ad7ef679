// Mathematical functions: abs, sign, round (half away from zero), floor, ceil, truncate,
// sqrt, cbrt, ln, log2, log10, exp, power, mod, pi, e, random. Integer and decimal inputs keep
// exact types where Trino does; the transcendental functions work in double.
#include <cmath>
#include <limits>
#include <random>

#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

bool IsNumber(const LogicalType& type) {
  return type.IsInteger() || type.id() == TypeId::kDecimal || type.id() == TypeId::kFloat ||
         type.id() == TypeId::kDouble;
}

// The one numeric argument of a call (an untyped NULL counts as double), or nullopt.
std::optional<LogicalType> NumberArg(const CallSite& call, size_t arity) {
  if (call.argument_types.size() != arity) return std::nullopt;
  if (IsUntypedNull(call, 0)) return LogicalType::Double();
  if (!IsNumber(call.argument_types[0])) return std::nullopt;
  return call.argument_types[0];
}

enum class Rounding { kRound, kFloor, kCeil, kTruncate };

template <typename T>
T RoundFloat(T v, Rounding mode) {
  switch (mode) {
    case Rounding::kRound: return std::round(v);
    case Rounding::kFloor: return std::floor(v);
    case Rounding::kCeil: return std::ceil(v);
    case Rounding::kTruncate: return std::trunc(v);
  }
  return v;
}

// Rounds an unscaled decimal to a multiple of `factor`, then divides by it.
inline int128_t RoundUnscaled(int128_t v, int128_t factor, Rounding mode) {
  int128_t q = v / factor;
  int128_t r = v % factor;
  switch (mode) {
    case Rounding::kRound: return DivideRound(v, factor);
    case Rounding::kFloor: return r < 0 ? q - 1 : q;
    case Rounding::kCeil: return r > 0 ? q + 1 : q;
    case Rounding::kTruncate: return q;
  }
  return q;
}

// round/floor/ceil/truncate with one argument.
std::optional<ScalarFunction> BindRounding(const CallSite& call, std::string name, Rounding mode) {
  auto type = NumberArg(call, 1);
  if (!type) return std::nullopt;
  ScalarFunction function;
  function.name = std::move(name);
  function.arguments = {*type};
  if (type->IsInteger()) {
    function.result = *type;
    function.kernel = [](Args args, size_t rows, Vector& out) {
      out.Reset();
      out.AppendFrom(*args[0], 0, rows);
    };
    if (mode == Rounding::kTruncate) return std::nullopt;  // Trino: truncate takes double/decimal
    return function;
  }
  if (type->id() == TypeId::kFloat || type->id() == TypeId::kDouble) {
    function.result = *type;
    function.kernel = VisitFixed(type->physical(), [mode](auto tag) -> ScalarKernel {
      using T = decltype(tag);
      if constexpr (std::is_floating_point_v<T>) {
        return [mode](Args args, size_t rows, Vector& out) {
          UnaryKernel<T, T>(args, rows, out, [mode](T v) { return RoundFloat(v, mode); });
        };
      } else {
        ThrowInternal("rounding: not a floating type");
      }
    });
    return function;
  }
  int p = type->precision(), s = type->scale();
  int result_precision = mode == Rounding::kTruncate ? std::max(1, p - s)
                                                     : std::min(38, p - s + std::min(s, 1));
  function.result = LogicalType::Decimal(result_precision, 0);
  int128_t factor = types::PowerOfTen(s);
  function.kernel = VisitDecimal(type->physical(), [&](auto a_tag) {
    return VisitDecimal(function.result.physical(), [&](auto r_tag) -> ScalarKernel {
      using A = decltype(a_tag);
      using R = decltype(r_tag);
      return [factor, mode](Args args, size_t rows, Vector& out) {
        UnaryKernel<A, R>(args, rows, out,
                          [&](A v) { return static_cast<R>(RoundUnscaled(v, factor, mode)); });
      };
    });
  });
  return function;
}

// round(x, d): d decimal places (negative d rounds to tens, hundreds …).
std::optional<ScalarFunction> BindRoundDigits(const CallSite& call) {
  if (call.argument_types.size() != 2) return std::nullopt;
  if (!IsUntypedNull(call, 1) && !call.argument_types[1].IsInteger()) return std::nullopt;
  CallSite first = call;
  first.argument_types.resize(1);
  if (first.untyped_null.size() > 1) first.untyped_null.resize(1);
  auto type = NumberArg(first, 1);
  if (!type) return std::nullopt;
  ScalarFunction function;
  function.name = "round";
  function.arguments = {*type, LogicalType::BigInt()};
  if (type->IsInteger()) {
    function.result = *type;
    function.kernel = VisitInteger(type->physical(), [](auto tag) -> ScalarKernel {
      using T = decltype(tag);
      return [](Args args, size_t rows, Vector& out) {
        BinaryKernel<T, int64_t, T>(args, rows, out, [&](T v, int64_t d) -> T {
          if (d >= 0) return v;
          if (d < -18) return 0;
          int128_t factor = types::PowerOfTen(static_cast<int>(-d));
          int128_t rounded = DivideRound(v, factor) * factor;
          if (rounded > std::numeric_limits<T>::max() || rounded < std::numeric_limits<T>::min()) {
            ThrowInvalid("integer overflow in round: " + std::to_string(static_cast<int64_t>(v)));
          }
          return static_cast<T>(rounded);
        });
      };
    });
    return function;
  }
  if (type->id() == TypeId::kFloat || type->id() == TypeId::kDouble) {
    function.result = *type;
    function.kernel = VisitFixed(type->physical(), [](auto tag) -> ScalarKernel {
      using T = decltype(tag);
      if constexpr (std::is_floating_point_v<T>) {
        return [](Args args, size_t rows, Vector& out) {
          BinaryKernel<T, int64_t, T>(args, rows, out, [](T v, int64_t d) -> T {
            if (!std::isfinite(v)) return v;
            double factor = std::pow(10.0, static_cast<double>(d));
            double scaled = std::fabs(static_cast<double>(v)) * factor;
            if (!std::isfinite(scaled) || scaled >= 9.0e15) return v;  // no fraction left
            double rounded = std::floor(scaled + 0.5) / factor;
            return static_cast<T>(v < 0 ? -rounded : rounded);
          });
        };
      } else {
        ThrowInternal("round: not a floating type");
      }
    });
    return function;
  }
  int p = type->precision(), s = type->scale();
  function.result = LogicalType::Decimal(std::min(38, p + 1), s);
  int128_t limit = DecimalLimit(function.result.precision());
  function.kernel = VisitDecimal(type->physical(), [&](auto a_tag) {
    return VisitDecimal(function.result.physical(), [&](auto r_tag) -> ScalarKernel {
      using A = decltype(a_tag);
      using R = decltype(r_tag);
      return [s, limit](Args args, size_t rows, Vector& out) {
        BinaryKernel<A, int64_t, R>(args, rows, out, [&](A v, int64_t d) -> R {
          if (d >= s) return static_cast<R>(v);
          int64_t drop = s - d;
          if (drop > 38) return 0;
          int128_t factor = types::PowerOfTen(static_cast<int>(drop));
          int128_t rounded = DivideRound(v, factor);
          if (rounded != 0 && (rounded >= limit / factor || rounded <= -limit / factor)) {
            ThrowInvalid("decimal overflow in round");
          }
          return static_cast<R>(rounded * factor);
        });
      };
    });
  });
  return function;
}

std::optional<ScalarFunction> BindAbs(const CallSite& call) {
  auto type = NumberArg(call, 1);
  if (!type) return std::nullopt;
  ScalarFunction function{"abs", {*type}, *type, nullptr};
  function.kernel = VisitFixed(type->physical(), [](auto tag) -> ScalarKernel {
    using T = decltype(tag);
    return [](Args args, size_t rows, Vector& out) {
      UnaryKernel<T, T>(args, rows, out, [](T v) -> T {
        if constexpr (std::is_floating_point_v<T>) {
          return std::fabs(v);
        } else {
          if constexpr (!std::is_same_v<T, int128_t>) {
            if (v == std::numeric_limits<T>::min()) {
              ThrowInvalid("integer overflow in abs: " + std::to_string(static_cast<int64_t>(v)));
            }
          }
          return v < 0 ? static_cast<T>(-v) : v;
        }
      });
    };
  });
  return function;
}

std::optional<ScalarFunction> BindSign(const CallSite& call) {
  auto type = NumberArg(call, 1);
  if (!type) return std::nullopt;
  LogicalType result = type->id() == TypeId::kDecimal ? LogicalType::Decimal(1, 0) : *type;
  ScalarFunction function{"sign", {*type}, result, nullptr};
  function.kernel = VisitFixed(type->physical(), [&](auto tag) {
    return VisitFixed(result.physical(), [&](auto r_tag) -> ScalarKernel {
      using T = decltype(tag);
      using R = decltype(r_tag);
      return [](Args args, size_t rows, Vector& out) {
        UnaryKernel<T, R>(args, rows, out, [](T v) -> R {
          if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(v)) return static_cast<R>(v);
          }
          if constexpr (std::is_same_v<T, uint8_t>) {
            return static_cast<R>(v != 0);  // booleans never get here; instantiated only
          } else {
            return static_cast<R>(v > T{} ? 1 : (v < T{} ? -1 : 0));
          }
        });
      };
    });
  });
  return function;
}

template <typename F>
void AddDoubleFunction(Registry& registry, const char* name, F f) {
  registry.AddFixed(name, {LogicalType::Double()}, LogicalType::Double(),
                    [f](Args args, size_t rows, Vector& out) {
                      UnaryKernel<double, double>(args, rows, out, f);
                    });
}

std::mt19937_64& Generator() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return generator;
}

}  // namespace

void RegisterMathFunctions(Registry& registry) {
  const auto D = LogicalType::Double();
  registry.AddScalar("abs", "abs(number)", BindAbs);
  registry.AddScalar("sign", "sign(number)", BindSign);
  registry.AddScalar("round", "round(number)",
                     [](const CallSite& call) { return BindRounding(call, "round", Rounding::kRound); });
  registry.AddScalar("round", "round(number, integer)", BindRoundDigits);
  registry.AddScalar("floor", "floor(number)",
                     [](const CallSite& call) { return BindRounding(call, "floor", Rounding::kFloor); });
  for (const char* name : {"ceil", "ceiling"}) {
    registry.AddScalar(name, std::string(name) + "(number)", [name](const CallSite& call) {
      return BindRounding(call, name, Rounding::kCeil);
    });
  }
  registry.AddScalar("truncate", "truncate(double|decimal)", [](const CallSite& call) {
    return BindRounding(call, "truncate", Rounding::kTruncate);
  });
  registry.AddFixed("truncate", {D, LogicalType::BigInt()}, D, [](Args args, size_t rows, Vector& out) {
    BinaryKernel<double, int64_t, double>(args, rows, out, [](double v, int64_t d) {
      if (!std::isfinite(v)) return v;
      double factor = std::pow(10.0, static_cast<double>(d));
      double scaled = v * factor;
      if (!std::isfinite(scaled) || std::fabs(scaled) >= 9.0e15) return v;
      return std::trunc(scaled) / factor;
    });
  });
  AddDoubleFunction(registry, "sqrt", [](double v) { return std::sqrt(v); });
  AddDoubleFunction(registry, "cbrt", [](double v) { return std::cbrt(v); });
  AddDoubleFunction(registry, "ln", [](double v) { return std::log(v); });
  AddDoubleFunction(registry, "log2", [](double v) { return std::log2(v); });
  AddDoubleFunction(registry, "log10", [](double v) { return std::log10(v); });
  AddDoubleFunction(registry, "exp", [](double v) { return std::exp(v); });
  AddDoubleFunction(registry, "degrees", [](double v) { return v * 180.0 / M_PI; });
  AddDoubleFunction(registry, "radians", [](double v) { return v * M_PI / 180.0; });
  for (const char* name : {"power", "pow"}) {
    registry.AddFixed(name, {D, D}, D, [](Args args, size_t rows, Vector& out) {
      BinaryKernel<double, double, double>(args, rows, out, [](double a, double b) { return std::pow(a, b); });
    });
  }
  registry.AddFixed("log", {D, D}, D, [](Args args, size_t rows, Vector& out) {
    BinaryKernel<double, double, double>(args, rows, out,
                                         [](double base, double x) { return std::log(x) / std::log(base); });
  });
  registry.AddScalar("mod", "mod(number, number)", [](const CallSite& call) -> std::optional<ScalarFunction> {
    const auto* overloads = GlobalRegistry().FindScalar(op::kModulo);
    if (overloads == nullptr) return std::nullopt;
    for (const auto& overload : *overloads) {
      if (auto function = overload.bind(call)) {
        function->name = "mod";
        return function;
      }
    }
    return std::nullopt;
  });
  registry.AddFixed("pi", {}, D, [](Args, size_t rows, Vector& out) {
    out.Resize(rows);
    std::fill_n(out.data<double>(), rows, M_PI);
  });
  registry.AddFixed("e", {}, D, [](Args, size_t rows, Vector& out) {
    out.Resize(rows);
    std::fill_n(out.data<double>(), rows, M_E);
  });
  for (const char* name : {"random", "rand"}) {
    registry.AddFixed(
        name, {}, D,
        [](Args, size_t rows, Vector& out) {
          out.Resize(rows);
          std::uniform_real_distribution<double> uniform(0.0, 1.0);
          auto* r = out.data<double>();
          for (size_t i = 0; i < rows; ++i) r[i] = uniform(Generator());
        },
        /*deterministic=*/false);
    registry.AddFixed(
        name, {LogicalType::BigInt()}, LogicalType::BigInt(),
        [](Args args, size_t rows, Vector& out) {
          UnaryKernel<int64_t, int64_t>(args, rows, out, [](int64_t n) {
            if (n <= 0) ThrowInvalid("random: bound must be positive, got " + std::to_string(n));
            return std::uniform_int_distribution<int64_t>(0, n - 1)(Generator());
          });
        },
        /*deterministic=*/false);
  }
}

}  // namespace basin::sql::fn
