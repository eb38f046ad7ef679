// Arithmetic operators $add $subtract $multiply $divide $modulo $negate with Trino's types:
// integers stay in the wider integer type and fail on overflow; decimals follow Trino's
// precision/scale rules and round half away from zero; real/double follow IEEE.
#include <algorithm>
#include <cmath>

#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

enum class ArithOp { kAdd, kSubtract, kMultiply, kDivide, kModulo };

const char* Symbol(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd: return "+";
    case ArithOp::kSubtract: return "-";
    case ArithOp::kMultiply: return "*";
    case ArithOp::kDivide: return "/";
    case ArithOp::kModulo: return "%";
  }
  return "?";
}

const char* OpName(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd: return "$add";
    case ArithOp::kSubtract: return "$subtract";
    case ArithOp::kMultiply: return "$multiply";
    case ArithOp::kDivide: return "$divide";
    case ArithOp::kModulo: return "$modulo";
  }
  return "?";
}

[[noreturn]] void Overflow(const char* what, ArithOp op, Args args, size_t row) {
  ThrowInvalid(std::string(what) + " overflow in " + OpName(op) + ": " +
               ValueText(*args[0], row) + " " + Symbol(op) + " " + ValueText(*args[1], row));
}

[[noreturn]] void DivisionByZero(ArithOp op, Args args, size_t row) {
  ThrowInvalid(std::string("division by zero in ") + OpName(op) + ": " +
               ValueText(*args[0], row) + " " + Symbol(op) + " " + ValueText(*args[1], row));
}

// ---- integers ----

template <ArithOp kOp, typename T>
void IntegerKernel(Args args, size_t rows, Vector& out) {
  bool all_valid = PrepareOutput(args, rows, out);
  const T* a = args[0]->data<T>();
  const T* b = args[1]->data<T>();
  T* r = out.data<T>();
  if constexpr (kOp == ArithOp::kAdd || kOp == ArithOp::kSubtract) {
    // Wrapping arithmetic on every row (NULL slots too, harmlessly) with a branch-free overflow
    // flag, so the loop vectorizes; the rare overflow is then located among the valid rows.
    using U = std::make_unsigned_t<T>;
    U overflow = 0;
    for (size_t i = 0; i < rows; ++i) {
      U x = static_cast<U>(a[i]);
      U y = static_cast<U>(b[i]);
      U z = kOp == ArithOp::kAdd ? static_cast<U>(x + y) : static_cast<U>(x - y);
      r[i] = static_cast<T>(z);
      overflow |= kOp == ArithOp::kAdd ? static_cast<U>((x ^ z) & (y ^ z))
                                       : static_cast<U>((x ^ y) & (x ^ z));
    }
    if (overflow >> (sizeof(U) * 8 - 1)) {
      ForValidRows(out, rows, all_valid, [&](size_t i) {
        T unused;
        bool o = kOp == ArithOp::kAdd ? __builtin_add_overflow(a[i], b[i], &unused)
                                      : __builtin_sub_overflow(a[i], b[i], &unused);
        if (o) Overflow("integer", kOp, args, i);
      });
    }
  } else if constexpr (kOp == ArithOp::kMultiply) {
    bool overflow = false;
    for (size_t i = 0; i < rows; ++i) overflow |= __builtin_mul_overflow(a[i], b[i], &r[i]);
    if (overflow) {
      ForValidRows(out, rows, all_valid, [&](size_t i) {
        T unused;
        if (__builtin_mul_overflow(a[i], b[i], &unused)) Overflow("integer", kOp, args, i);
      });
    }
  } else {
    ForValidRows(out, rows, all_valid, [&](size_t i) {
      if (b[i] == 0) DivisionByZero(kOp, args, i);
      if (b[i] == -1) {
        // MIN / -1 overflows; MIN % -1 is 0 (and undefined in C++).
        if constexpr (kOp == ArithOp::kDivide) {
          if (a[i] == std::numeric_limits<T>::min()) Overflow("integer", kOp, args, i);
          r[i] = static_cast<T>(-a[i]);
        } else {
          r[i] = 0;
        }
        return;
      }
      if constexpr (kOp == ArithOp::kDivide) r[i] = static_cast<T>(a[i] / b[i]);
      if constexpr (kOp == ArithOp::kModulo) r[i] = static_cast<T>(a[i] % b[i]);
    });
  }
}

// ---- floating point ----

template <ArithOp kOp, typename T>
void FloatKernel(Args args, size_t rows, Vector& out) {
  BinaryKernel<T, T, T>(args, rows, out, [](T a, T b) -> T {
    if constexpr (kOp == ArithOp::kAdd) return a + b;
    if constexpr (kOp == ArithOp::kSubtract) return a - b;
    if constexpr (kOp == ArithOp::kMultiply) return a * b;
    if constexpr (kOp == ArithOp::kDivide) return a / b;
    if constexpr (kOp == ArithOp::kModulo) return std::fmod(a, b);
  });
}

// ---- decimals ----

struct DecimalPlan {
  int128_t scale_a = 1;  // factors that bring both sides to a common scale
  int128_t scale_b = 1;
  int divide_shift = 0;  // division: the dividend is multiplied by 10^shift
  int128_t divide_factor = 1;  // 10^divide_shift
  int128_t limit = 0;    // 10^result precision
  bool checked = true;   // false when the result type holds every possible result
};

inline int128_t Abs(int128_t v) { return v < 0 ? -v : v; }

// a * 10^shift / b rounded half away from zero, when a * 10^shift may not fit in 128 bits:
// long division one digit at a time. Returns false on overflow.
bool WideDivide(int128_t a, int shift, int128_t b, int128_t limit, int128_t& result) {
  bool negative = (a < 0) != (b < 0);
  using U = unsigned __int128;
  U x = static_cast<U>(Abs(a));
  U y = static_cast<U>(Abs(b));
  U q = x / y;
  U rem = x % y;
  const U max_rem = ~U{0} / 10;
  for (int i = 0; i < shift; ++i) {
    if (rem > max_rem || q > static_cast<U>(limit)) return false;
    rem *= 10;
    q = q * 10 + rem / y;
    rem %= y;
  }
  if (rem >= y - rem) ++q;
  if (q >= static_cast<U>(limit)) return false;
  result = negative ? -static_cast<int128_t>(q) : static_cast<int128_t>(q);
  return true;
}

template <ArithOp kOp, typename A, typename B, typename R>
void DecimalKernel(const DecimalPlan& plan, Args args, size_t rows, Vector& out) {
  bool all_valid = PrepareOutput(args, rows, out);
  const A* a = args[0]->data<A>();
  const B* b = args[1]->data<B>();
  R* r = out.data<R>();
  if constexpr (kOp == ArithOp::kAdd || kOp == ArithOp::kSubtract ||
                kOp == ArithOp::kMultiply) {
    if (!plan.checked) {
      // No result can overflow: a tight loop over every row in the result's width, wrapping
      // (unsigned) so the unspecified slots of NULL rows are harmless.
      using U = std::conditional_t<std::is_same_v<R, int64_t>, uint64_t, unsigned __int128>;
      const U scale_a = static_cast<U>(plan.scale_a);
      const U scale_b = static_cast<U>(plan.scale_b);
      for (size_t i = 0; i < rows; ++i) {
        U x = static_cast<U>(static_cast<R>(a[i]));
        U y = static_cast<U>(static_cast<R>(b[i]));
        U z;
        if constexpr (kOp == ArithOp::kAdd) z = x * scale_a + y * scale_b;
        if constexpr (kOp == ArithOp::kSubtract) z = x * scale_a - y * scale_b;
        if constexpr (kOp == ArithOp::kMultiply) z = x * y;
        r[i] = static_cast<R>(z);
      }
      return;
    }
  }
  ForValidRows(out, rows, all_valid, [&](size_t i) {
    int128_t x = a[i];
    int128_t y = b[i];
    int128_t z;
    if constexpr (kOp == ArithOp::kAdd || kOp == ArithOp::kSubtract ||
                  kOp == ArithOp::kModulo) {
      if (__builtin_mul_overflow(x, plan.scale_a, &x) ||
          __builtin_mul_overflow(y, plan.scale_b, &y)) {
        Overflow("decimal", kOp, args, i);
      }
      if constexpr (kOp == ArithOp::kAdd) {
        if (__builtin_add_overflow(x, y, &z)) Overflow("decimal", kOp, args, i);
      } else if constexpr (kOp == ArithOp::kSubtract) {
        if (__builtin_sub_overflow(x, y, &z)) Overflow("decimal", kOp, args, i);
      } else {
        if (y == 0) DivisionByZero(kOp, args, i);
        z = x % y;
      }
    } else if constexpr (kOp == ArithOp::kMultiply) {
      if (__builtin_mul_overflow(x, y, &z)) Overflow("decimal", kOp, args, i);
    } else {
      if (y == 0) DivisionByZero(kOp, args, i);
      int128_t scaled;
      if (plan.divide_shift <= 38 && !__builtin_mul_overflow(x, plan.divide_factor, &scaled)) {
        z = DivideRound(scaled, y);
      } else if (!WideDivide(x, plan.divide_shift, y, plan.limit, z)) {
        Overflow("decimal", kOp, args, i);
      }
    }
    if (Abs(z) >= plan.limit) Overflow("decimal", kOp, args, i);
    r[i] = static_cast<R>(z);
  });
}

template <ArithOp kOp>
ScalarKernel MakeDecimalKernel(const LogicalType& left, const LogicalType& right,
                               const LogicalType& result) {
  DecimalPlan plan;
  int s = std::max(left.scale(), right.scale());
  plan.scale_a = types::PowerOfTen(s - left.scale());
  plan.scale_b = types::PowerOfTen(s - right.scale());
  plan.divide_shift = result.scale() - left.scale() + right.scale();
  plan.divide_factor = types::PowerOfTen(std::min(plan.divide_shift, 38));
  plan.limit = DecimalLimit(result.precision());
  int integer_digits = std::max(left.precision() - left.scale(), right.precision() - right.scale());
  if (kOp == ArithOp::kAdd || kOp == ArithOp::kSubtract) {
    plan.checked = 1 + s + integer_digits > result.precision();
  } else if (kOp == ArithOp::kMultiply) {
    plan.checked = left.precision() + right.precision() > result.precision();
  }
  return VisitDecimal(left.physical(), [&](auto a_tag) {
    return VisitDecimal(right.physical(), [&](auto b_tag) {
      return VisitDecimal(result.physical(), [&](auto r_tag) -> ScalarKernel {
        using A = decltype(a_tag);
        using B = decltype(b_tag);
        using R = decltype(r_tag);
        return [plan](Args args, size_t rows, Vector& out) {
          DecimalKernel<kOp, A, B, R>(plan, args, rows, out);
        };
      });
    });
  });
}

// Trino's result type of a decimal operation.
std::optional<LogicalType> DecimalResult(ArithOp op, const LogicalType& a, const LogicalType& b) {
  int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
  int p = 0, s = 0;
  switch (op) {
    case ArithOp::kAdd:
    case ArithOp::kSubtract:
      s = std::max(s1, s2);
      p = std::min(38, 1 + s + std::max(p1 - s1, p2 - s2));
      break;
    case ArithOp::kMultiply:
      s = s1 + s2;
      p = std::min(38, p1 + p2);
      if (s > 38) return std::nullopt;
      break;
    case ArithOp::kDivide:
      s = std::max(s1, s2);
      p = std::min(38, p1 + s2 + std::max(0, s2 - s1));
      break;
    case ArithOp::kModulo:
      s = std::max(s1, s2);
      p = std::min(38, std::min(p1 - s1, p2 - s2) + s);
      break;
  }
  p = std::max(p, 1);
  if (s > p) p = s;
  return LogicalType::Decimal(p, s);
}

LogicalType AsDecimal(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kTinyInt: return LogicalType::Decimal(3, 0);
    case TypeId::kSmallInt: return LogicalType::Decimal(5, 0);
    case TypeId::kInteger: return LogicalType::Decimal(10, 0);
    case TypeId::kBigInt: return LogicalType::Decimal(19, 0);
    default: return type;
  }
}

bool IsNumber(const LogicalType& type) {
  return type.IsInteger() || type.id() == TypeId::kDecimal || type.id() == TypeId::kFloat ||
         type.id() == TypeId::kDouble;
}

template <ArithOp kOp>
std::optional<ScalarFunction> BindArithmetic(const CallSite& call) {
  if (call.argument_types.size() != 2) return std::nullopt;
  LogicalType a = call.argument_types[0];
  LogicalType b = call.argument_types[1];
  if (IsUntypedNull(call, 0)) a = IsUntypedNull(call, 1) ? LogicalType::Integer() : b;
  if (IsUntypedNull(call, 1)) b = a;
  if (!IsNumber(a) || !IsNumber(b)) return std::nullopt;
  ScalarFunction function;
  function.name = OpName(kOp);
  if (a.IsInteger() && b.IsInteger()) {
    LogicalType type = *CommonSuperType(a, b);
    function.arguments = {type, type};
    function.result = type;
    function.kernel = VisitInteger(type.physical(), [](auto tag) -> ScalarKernel {
      return IntegerKernel<kOp, decltype(tag)>;
    });
    return function;
  }
  bool a_float = a.id() == TypeId::kFloat || a.id() == TypeId::kDouble;
  bool b_float = b.id() == TypeId::kFloat || b.id() == TypeId::kDouble;
  if (a_float || b_float) {
    bool real = a.id() != TypeId::kDouble && b.id() != TypeId::kDouble;
    LogicalType type = real ? LogicalType::Float() : LogicalType::Double();
    function.arguments = {type, type};
    function.result = type;
    function.kernel = real ? ScalarKernel(FloatKernel<kOp, float>)
                           : ScalarKernel(FloatKernel<kOp, double>);
    return function;
  }
  a = AsDecimal(a);
  b = AsDecimal(b);
  auto result = DecimalResult(kOp, a, b);
  if (!result) return std::nullopt;
  function.arguments = {a, b};
  function.result = *result;
  function.kernel = MakeDecimalKernel<kOp>(a, b, *result);
  return function;
}

std::optional<ScalarFunction> BindNegate(const CallSite& call) {
  if (call.argument_types.size() != 1) return std::nullopt;
  LogicalType type = IsUntypedNull(call, 0) ? LogicalType::Integer() : call.argument_types[0];
  if (!IsNumber(type)) return std::nullopt;
  ScalarFunction function;
  function.name = std::string(op::kNegate);
  function.arguments = {type};
  function.result = type;
  function.kernel = VisitFixed(type.physical(), [](auto tag) -> ScalarKernel {
    using T = decltype(tag);
    return [](Args args, size_t rows, Vector& out) {
      bool all_valid = PrepareOutput(args, rows, out);
      const T* a = args[0]->data<T>();
      T* r = out.data<T>();
      ForValidRows(out, rows, all_valid, [&](size_t i) {
        if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                      std::is_same_v<T, int128_t>) {
          r[i] = -a[i];  // decimals are symmetric: |v| < 10^38 never reaches the int128 minimum
        } else {
          if (a[i] == std::numeric_limits<T>::min()) {
            ThrowInvalid("integer overflow in $negate: -(" + ValueText(*args[0], i) + ")");
          }
          r[i] = static_cast<T>(-a[i]);
        }
      });
    };
  });
  // A decimal stored in int64 is symmetric too (|v| < 10^18), so the integer check never fires.
  return function;
}

}  // namespace

void RegisterArithmetic(Registry& registry) {
  registry.AddScalar(std::string(op::kAdd), "$add(number, number)", BindArithmetic<ArithOp::kAdd>);
  registry.AddScalar(std::string(op::kSubtract), "$subtract(number, number)",
                     BindArithmetic<ArithOp::kSubtract>);
  registry.AddScalar(std::string(op::kMultiply), "$multiply(number, number)",
                     BindArithmetic<ArithOp::kMultiply>);
  registry.AddScalar(std::string(op::kDivide), "$divide(number, number)",
                     BindArithmetic<ArithOp::kDivide>);
  registry.AddScalar(std::string(op::kModulo), "$modulo(number, number)",
                     BindArithmetic<ArithOp::kModulo>);
  registry.AddScalar(std::string(op::kNegate), "$negate(number)", BindNegate);
}

}  // namespace basin::sql::fn
