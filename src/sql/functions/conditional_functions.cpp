// nullif, greatest, least and typeof. (IF, CASE and COALESCE are lazy: the binder turns them
// into BoundExpr kCase/kCoalesce rather than calls.)
#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

using SV = std::string_view;

// The common type of every argument; untyped NULLs take it too.
std::optional<LogicalType> CommonTypeOf(const CallSite& call) {
  std::optional<LogicalType> common;
  for (size_t i = 0; i < call.argument_types.size(); ++i) {
    if (IsUntypedNull(call, i)) continue;
    if (!common) {
      common = call.argument_types[i];
    } else {
      common = CommonSuperType(*common, call.argument_types[i]);
      if (!common) return std::nullopt;
    }
  }
  return common ? common : std::optional<LogicalType>(LogicalType::Integer());
}

std::optional<ScalarFunction> BindNullIf(const CallSite& call) {
  if (call.argument_types.size() != 2) return std::nullopt;
  auto type = CommonTypeOf(call);
  if (!type || type->IsNested()) return std::nullopt;
  ScalarFunction function{"nullif", {*type, *type}, *type, nullptr};
  function.null_in_null_out = false;
  PhysicalType physical = type->physical();
  function.kernel = [physical](Args args, size_t rows, Vector& out) {
    const Vector& a = *args[0];
    const Vector& b = *args[1];
    out.Reset();
    out.AppendFrom(a, 0, rows);
    auto equal = [&](size_t i) {
      if (physical == PhysicalType::kString) return a.data<SV>()[i] == b.data<SV>()[i];
      return VisitFixed(physical, [&](auto tag) {
        using T = decltype(tag);
        return a.data<T>()[i] == b.data<T>()[i];
      });
    };
    for (size_t i = 0; i < rows; ++i) {
      if (!a.IsNull(i) && !b.IsNull(i) && equal(i)) out.SetNull(i);
    }
  };
  return function;
}

template <bool kGreatest>
std::optional<ScalarFunction> BindExtreme(const CallSite& call, const char* name) {
  if (call.argument_types.empty()) return std::nullopt;
  auto type = CommonTypeOf(call);
  if (!type || type->IsNested()) return std::nullopt;
  ScalarFunction function{name, std::vector<LogicalType>(call.argument_types.size(), *type), *type,
                          nullptr};
  auto pick = [](auto tag) -> ScalarKernel {
    using T = decltype(tag);
    return [](Args args, size_t rows, Vector& out) {
      bool all_valid = PrepareOutput(args, rows, out);
      T* r = out.data<T>();
      ForValidRows(out, rows, all_valid, [&](size_t i) {
        T best = args[0]->data<T>()[i];
        for (size_t k = 1; k < args.size(); ++k) {
          T v = args[k]->data<T>()[i];
          if (kGreatest ? v > best : v < best) best = v;
        }
        if constexpr (std::is_same_v<T, SV>) {
          r[i] = out.heap().Add(best);
        } else {
          r[i] = best;
        }
      });
    };
  };
  function.kernel = type->physical() == PhysicalType::kString ? pick(SV{})
                                                               : VisitFixed(type->physical(), pick);
  return function;
}

std::optional<ScalarFunction> BindTypeOf(const CallSite& call) {
  if (call.argument_types.size() != 1) return std::nullopt;
  std::string name = IsUntypedNull(call, 0) ? "unknown" : SqlTypeName(call.argument_types[0]);
  ScalarFunction function{"typeof", {call.argument_types[0]}, LogicalType::Varchar(), nullptr};
  function.null_in_null_out = false;
  function.kernel = [name](Args, size_t rows, Vector& out) {
    out.Resize(rows);
    out.validity().Reset(rows);
    SV stored = out.heap().Add(name);
    auto* r = out.data<SV>();
    for (size_t i = 0; i < rows; ++i) r[i] = stored;
  };
  return function;
}

}  // namespace

void RegisterConditionalFunctions(Registry& registry) {
  registry.AddScalar("nullif", "nullif(T, T)", BindNullIf);
  registry.AddScalar("greatest", "greatest(T, ...)",
                     [](const CallSite& call) { return BindExtreme<true>(call, "greatest"); });
  registry.AddScalar("least", "least(T, ...)",
                     [](const CallSite& call) { return BindExtreme<false>(call, "least"); });
  registry.AddScalar("typeof", "typeof(T)", BindTypeOf);
}

}  // namespace basin::sql::fn
