// Comparison operators: $eq $ne $lt $le $gt $ge and $is_distinct_from. The binder has cast both
// sides to their common type, so each kernel compares two vectors of one type.
#include <cmath>
#include <functional>

#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

template <CompareOp kOp, typename T>
inline bool Compare(const T& a, const T& b) {
  if constexpr (kOp == CompareOp::kEq) return a == b;
  if constexpr (kOp == CompareOp::kNe) return a != b;
  if constexpr (kOp == CompareOp::kLt) return a < b;
  if constexpr (kOp == CompareOp::kLe) return a <= b;
  if constexpr (kOp == CompareOp::kGt) return a > b;
  if constexpr (kOp == CompareOp::kGe) return a >= b;
}

// Total order of two values of a nested type (rare: the slow path through Value), -1/0/1, or
// nullopt when a NULL inside decides nothing.
std::optional<int> CompareValues(const types::Value& a, const types::Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  switch (a.type().physical()) {
    case PhysicalType::kList:
    case PhysicalType::kStruct: {
      const auto& x = a.children();
      const auto& y = b.children();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        auto c = CompareValues(x[i], y[i]);
        if (!c) return std::nullopt;
        if (*c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case PhysicalType::kString:
      return a.string_value() < b.string_value() ? -1 : (a.string_value() == b.string_value() ? 0 : 1);
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return a.double_value() < b.double_value() ? -1 : (a.double_value() == b.double_value() ? 0 : 1);
    default: {
      auto x = a.decimal_value();
      auto y = b.decimal_value();
      return x < y ? -1 : (x == y ? 0 : 1);
    }
  }
}

template <CompareOp kOp>
ScalarKernel MakeCompareKernel(const LogicalType& type) {
  PhysicalType physical = type.physical();
  if (physical == PhysicalType::kString) {
    return [](Args args, size_t rows, Vector& out) {
      BinaryKernel<std::string_view, std::string_view, uint8_t>(
          args, rows, out, [](std::string_view a, std::string_view b) -> uint8_t {
            return Compare<kOp>(a, b);
          });
    };
  }
  if (physical == PhysicalType::kList || physical == PhysicalType::kStruct) {
    return [](Args args, size_t rows, Vector& out) {
      bool all_valid = PrepareOutput(args, rows, out);
      auto* r = out.data<uint8_t>();
      ForValidRows(out, rows, all_valid, [&](size_t i) {
        auto c = CompareValues(args[0]->GetValue(i), args[1]->GetValue(i));
        if (!c) {
          out.SetNull(i);
        } else {
          r[i] = Compare<kOp>(*c, 0);
        }
      });
    };
  }
  return VisitFixed(physical, [](auto tag) -> ScalarKernel {
    using T = decltype(tag);
    return [](Args args, size_t rows, Vector& out) {
      BinaryKernel<T, T, uint8_t>(args, rows, out,
                                  [](T a, T b) -> uint8_t { return Compare<kOp>(a, b); });
    };
  });
}

// Never NULL: two NULLs are not distinct, NULL and a value are; NaN is not distinct from NaN.
ScalarKernel MakeDistinctKernel(const LogicalType& type) {
  return [physical = type.physical()](Args args, size_t rows, Vector& out) {
    out.Resize(rows);
    out.validity().Reset(rows);
    const Vector& a = *args[0];
    const Vector& b = *args[1];
    auto* r = out.data<uint8_t>();
    for (size_t i = 0; i < rows; ++i) {
      bool a_null = a.IsNull(i);
      bool b_null = b.IsNull(i);
      if (a_null || b_null) {
        r[i] = a_null != b_null;
        continue;
      }
      switch (physical) {
        case PhysicalType::kString:
          r[i] = a.data<std::string_view>()[i] != b.data<std::string_view>()[i];
          break;
        case PhysicalType::kList:
        case PhysicalType::kStruct: r[i] = a.GetValue(i) != b.GetValue(i); break;
        case PhysicalType::kFloat:
        case PhysicalType::kDouble: {
          double x = physical == PhysicalType::kFloat ? a.data<float>()[i] : a.data<double>()[i];
          double y = physical == PhysicalType::kFloat ? b.data<float>()[i] : b.data<double>()[i];
          r[i] = !(x == y || (std::isnan(x) && std::isnan(y)));
          break;
        }
        default:
          VisitFixed(physical, [&](auto tag) {
            using T = decltype(tag);
            r[i] = a.data<T>()[i] != b.data<T>()[i];
          });
      }
    }
  };
}

// The type both sides are compared in; an untyped NULL takes the other side's type.
std::optional<LogicalType> ComparisonType(const CallSite& call) {
  if (call.argument_types.size() != 2) return std::nullopt;
  bool null0 = IsUntypedNull(call, 0);
  bool null1 = IsUntypedNull(call, 1);
  if (null0 && null1) return LogicalType::Boolean();
  if (null0) return call.argument_types[1];
  if (null1) return call.argument_types[0];
  return CommonSuperType(call.argument_types[0], call.argument_types[1]);
}

bool IsOrderable(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kMap: return false;
    case TypeId::kList: return IsOrderable(type.element());
    case TypeId::kStruct:
      for (const auto& field : type.fields()) {
        if (!IsOrderable(field.type)) return false;
      }
      return true;
    default: return true;
  }
}

template <CompareOp kOp>
void AddComparison(Registry& registry, std::string_view name, bool ordering) {
  registry.AddScalar(std::string(name), std::string(name) + "(T, T)",
                     [name, ordering](const CallSite& call) -> std::optional<ScalarFunction> {
                       auto type = ComparisonType(call);
                       if (!type || (ordering && !IsOrderable(*type)) ||
                           type->id() == TypeId::kMap) {
                         return std::nullopt;
                       }
                       ScalarFunction function;
                       function.name = std::string(name);
                       function.arguments = {*type, *type};
                       function.result = LogicalType::Boolean();
                       function.kernel = MakeCompareKernel<kOp>(*type);
                       return function;
                     });
}

}  // namespace

void RegisterComparison(Registry& registry) {
  AddComparison<CompareOp::kEq>(registry, op::kEqual, false);
  AddComparison<CompareOp::kNe>(registry, op::kNotEqual, false);
  AddComparison<CompareOp::kLt>(registry, op::kLess, true);
  AddComparison<CompareOp::kLe>(registry, op::kLessEqual, true);
  AddComparison<CompareOp::kGt>(registry, op::kGreater, true);
  AddComparison<CompareOp::kGe>(registry, op::kGreaterEqual, true);
  registry.AddScalar(std::string(op::kIsDistinctFrom), "$is_distinct_from(T, T)",
                     [](const CallSite& call) -> std::optional<ScalarFunction> {
                       auto type = ComparisonType(call);
                       if (!type) return std::nullopt;
                       ScalarFunction function;
                       function.name = std::string(op::kIsDistinctFrom);
                       function.arguments = {*type, *type};
                       function.result = LogicalType::Boolean();
                       function.kernel = MakeDistinctKernel(*type);
                       function.null_in_null_out = false;
                       return function;
                     });
}

}  // namespace basin::sql::fn
