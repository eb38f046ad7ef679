// Array and map functions: the ARRAY[…] constructor, cardinality, element_at, contains and the subscript operator
// ($subscript: array[i] is 1-based and fails out of range, map[key] fails on a missing key).
#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

using SV = std::string_view;

// Equality of a[i] and b[j] (both valid, same type).
bool ElementEquals(const Vector& a, size_t i, const Vector& b, size_t j) {
  PhysicalType physical = a.physical();
  if (physical == PhysicalType::kString) return a.data<SV>()[i] == b.data<SV>()[j];
  if (physical == PhysicalType::kList || physical == PhysicalType::kStruct) {
    return a.GetValue(i) == b.GetValue(j);
  }
  return VisitFixed(physical, [&](auto tag) {
    using T = decltype(tag);
    return a.data<T>()[i] == b.data<T>()[j];
  });
}

// Appends element `index` of `source` (or NULL when index < 0) to `out`.
void AppendElement(Vector& out, const Vector& source, int64_t index) {
  if (index < 0) {
    out.Append(types::Value::Null(out.type()));
  } else {
    out.AppendFrom(source, static_cast<size_t>(index), static_cast<size_t>(index) + 1);
  }
}

// Position in the child of array element `index` (1-based, negative from the end) of row i, or
// -1 when past either end. `strict` makes out-of-range and non-positive indices errors.
int64_t ArrayElement(const Vector& list, size_t i, int64_t index, bool strict, const char* name) {
  int64_t begin = list.offsets()[i];
  int64_t length = list.offsets()[i + 1] - begin;
  if (index == 0) ThrowInvalid(std::string(name) + ": SQL array indices start at 1");
  if (strict && index < 0) {
    ThrowInvalid(std::string(name) + ": array subscript is negative: " + std::to_string(index));
  }
  if (index > length || -index > length) {
    if (strict) {
      ThrowInvalid(std::string(name) + ": array subscript must be less than or equal to array length: " +
                   std::to_string(index) + " > " + std::to_string(length));
    }
    return -1;
  }
  return begin + (index > 0 ? index - 1 : length + index);
}

// Position of the value whose key equals keys[i] in map row i, or -1.
int64_t MapLookup(const Vector& map, size_t i, const Vector& keys) {
  const Vector& entries = map.child();
  const Vector& map_keys = entries.child(0);
  for (int64_t k = map.offsets()[i]; k < map.offsets()[i + 1]; ++k) {
    if (!map_keys.IsNull(k) && ElementEquals(map_keys, static_cast<size_t>(k), keys, i)) return k;
  }
  return -1;
}

std::optional<ScalarFunction> BindElementAt(const CallSite& call, bool strict) {
  if (call.argument_types.size() != 2 || IsUntypedNull(call, 0)) return std::nullopt;
  const LogicalType& container = call.argument_types[0];
  const char* name = strict ? "$subscript" : "element_at";
  ScalarFunction function;
  function.name = name;
  if (container.id() == TypeId::kList) {
    if (!IsUntypedNull(call, 1) && !call.argument_types[1].IsInteger()) return std::nullopt;
    function.arguments = {container, LogicalType::BigInt()};
    function.result = container.element();
    function.kernel = [strict, name](Args args, size_t rows, Vector& out) {
      const Vector& list = *args[0];
      const Vector& index = *args[1];
      out.Reset();
      for (size_t i = 0; i < rows; ++i) {
        int64_t at = -1;
        if (!list.IsNull(i) && !index.IsNull(i)) {
          at = ArrayElement(list, i, index.data<int64_t>()[i], strict, name);
        }
        AppendElement(out, list.child(), at);
      }
    };
    return function;
  }
  if (container.id() == TypeId::kMap) {
    if (!IsUntypedNull(call, 1) && !CanCoerce(call.argument_types[1], container.key())) {
      return std::nullopt;
    }
    function.arguments = {container, container.key()};
    function.result = container.value();
    function.kernel = [strict, name](Args args, size_t rows, Vector& out) {
      const Vector& map = *args[0];
      const Vector& keys = *args[1];
      out.Reset();
      for (size_t i = 0; i < rows; ++i) {
        int64_t at = -1;
        if (!map.IsNull(i) && !keys.IsNull(i)) {
          at = MapLookup(map, i, keys);
          if (at < 0 && strict) {
            ThrowInvalid(std::string(name) + ": key not present in map: " + ValueText(keys, i));
          }
        }
        AppendElement(out, map.child().child(1), at);
      }
    };
    return function;
  }
  return std::nullopt;
}

std::optional<ScalarFunction> BindCardinality(const CallSite& call) {
  if (call.argument_types.size() != 1 || IsUntypedNull(call, 0)) return std::nullopt;
  const LogicalType& type = call.argument_types[0];
  if (type.id() != TypeId::kList && type.id() != TypeId::kMap) return std::nullopt;
  ScalarFunction function{"cardinality", {type}, LogicalType::BigInt(), nullptr};
  function.kernel = [](Args args, size_t rows, Vector& out) {
    bool all_valid = PrepareOutput(args, rows, out);
    const int64_t* offsets = args[0]->offsets();
    auto* r = out.data<int64_t>();
    ForValidRows(out, rows, all_valid, [&](size_t i) { r[i] = offsets[i + 1] - offsets[i]; });
  };
  return function;
}

// contains(array, value): true when found; NULL when not found but the array holds a NULL.
std::optional<ScalarFunction> BindContains(const CallSite& call) {
  if (call.argument_types.size() != 2 || IsUntypedNull(call, 0)) return std::nullopt;
  const LogicalType& type = call.argument_types[0];
  if (type.id() != TypeId::kList) return std::nullopt;
  if (!IsUntypedNull(call, 1) && !CanCoerce(call.argument_types[1], type.element())) {
    return std::nullopt;
  }
  ScalarFunction function{"contains", {type, type.element()}, LogicalType::Boolean(), nullptr};
  function.kernel = [](Args args, size_t rows, Vector& out) {
    bool all_valid = PrepareOutput(args, rows, out);
    const Vector& list = *args[0];
    const Vector& elements = list.child();
    auto* r = out.data<uint8_t>();
    ForValidRows(out, rows, all_valid, [&](size_t i) {
      bool saw_null = false;
      for (int64_t k = list.offsets()[i]; k < list.offsets()[i + 1]; ++k) {
        if (elements.IsNull(k)) {
          saw_null = true;
        } else if (ElementEquals(elements, static_cast<size_t>(k), *args[1], i)) {
          r[i] = 1;
          return;
        }
      }
      r[i] = 0;
      if (saw_null) out.SetNull(i);
    });
  };
  return function;
}

// ARRAY[a, b, …]: the binder has already coerced the elements to one type. NULL elements stay
// elements; the array itself is never NULL.
std::optional<ScalarFunction> BindArrayConstructor(const CallSite& call) {
  if (call.argument_types.empty()) return std::nullopt;
  LogicalType element = call.argument_types[0];
  for (size_t i = 0; i < call.argument_types.size(); ++i) {
    if (IsUntypedNull(call, i) || call.argument_types[i] != element) return std::nullopt;
  }
  ScalarFunction function{"array_constructor", call.argument_types, LogicalType::List(element),
                          nullptr};
  function.null_in_null_out = false;
  function.kernel = [](Args args, size_t rows, Vector& out) {
    out.Reset();
    out.Resize(rows);
    Vector& elements = out.child();
    elements.Reserve(rows * args.size());
    for (size_t i = 0; i < rows; ++i) {
      for (const Vector* arg : args) elements.AppendFrom(*arg, i, i + 1);
      out.offsets()[i + 1] = static_cast<int64_t>(elements.size());
    }
  };
  return function;
}

// split(string, delimiter) → array(varchar). An empty delimiter is rejected.
void SplitKernel(Args args, size_t rows, Vector& out) {
  out.Reset();
  Vector& parts = out.child();
  const auto* text = args[0]->data<SV>();
  const auto* delimiter = args[1]->data<SV>();
  for (size_t i = 0; i < rows; ++i) {
    out.Resize(i + 1);
    if (args[0]->IsNull(i) || args[1]->IsNull(i)) {
      out.SetNull(i);
      continue;
    }
    if (delimiter[i].empty()) ThrowInvalid("split: the delimiter must not be empty");
    size_t pos = 0;
    while (true) {
      size_t found = text[i].find(delimiter[i], pos);
      size_t end = found == SV::npos ? text[i].size() : found;
      size_t row = parts.size();
      parts.Resize(row + 1);
      parts.SetString(row, text[i].substr(pos, end - pos));
      if (found == SV::npos) break;
      pos = found + delimiter[i].size();
    }
    out.offsets()[i + 1] = static_cast<int64_t>(parts.size());
  }
}

// array_join(array, delimiter [, null_replacement]): elements as text; NULLs skipped unless
// replaced.
std::optional<ScalarFunction> BindArrayJoin(const CallSite& call) {
  size_t arity = call.argument_types.size();
  if ((arity != 2 && arity != 3) || IsUntypedNull(call, 0)) return std::nullopt;
  const LogicalType& type = call.argument_types[0];
  if (type.id() != TypeId::kList || type.element().IsNested()) return std::nullopt;
  for (size_t i = 1; i < arity; ++i) {
    if (!IsUntypedNull(call, i) && call.argument_types[i].id() != TypeId::kVarchar) return std::nullopt;
  }
  ScalarFunction function{"array_join", {type, LogicalType::Varchar()}, LogicalType::Varchar(), nullptr};
  if (arity == 3) function.arguments.push_back(LogicalType::Varchar());
  function.kernel = [](Args args, size_t rows, Vector& out) {
    const Vector& list = *args[0];
    Vector text(LogicalType::Varchar());
    size_t total = static_cast<size_t>(list.offsets()[rows] - list.offsets()[0]);
    Vector elements(list.child().type());
    elements.AppendFrom(list.child(), static_cast<size_t>(list.offsets()[0]),
                        static_cast<size_t>(list.offsets()[rows]));
    CastVector(elements, total, text, false);
    bool all_valid = PrepareOutput(args, rows, out);
    const auto* delimiter = args[1]->data<SV>();
    auto* r = out.data<SV>();
    std::string buffer;
    ForValidRows(out, rows, all_valid, [&](size_t i) {
      buffer.clear();
      bool first = true;
      for (int64_t k = list.offsets()[i]; k < list.offsets()[i + 1]; ++k) {
        size_t at = static_cast<size_t>(k - list.offsets()[0]);
        SV value;
        if (text.IsNull(at)) {
          if (args.size() < 3) continue;
          value = args[2]->data<SV>()[i];
        } else {
          value = text.data<SV>()[at];
        }
        if (!first) buffer.append(delimiter[i]);
        buffer.append(value);
        first = false;
      }
      r[i] = out.heap().Add(buffer);
    });
  };
  return function;
}

// array || array, concat(array, …): the elements of all, in order; NULL if any is NULL.
std::optional<ScalarFunction> BindArrayConcat(const CallSite& call, const char* name) {
  if (call.argument_types.size() < 2) return std::nullopt;
  std::optional<LogicalType> common;
  for (size_t i = 0; i < call.argument_types.size(); ++i) {
    if (IsUntypedNull(call, i)) continue;
    if (call.argument_types[i].id() != TypeId::kList) return std::nullopt;
    common = common ? CommonSuperType(*common, call.argument_types[i]) : call.argument_types[i];
    if (!common) return std::nullopt;
  }
  if (!common) return std::nullopt;
  ScalarFunction function{name, std::vector<LogicalType>(call.argument_types.size(), *common),
                          *common, nullptr};
  function.kernel = [](Args args, size_t rows, Vector& out) {
    out.Reset();
    for (size_t i = 0; i < rows; ++i) {
      out.Resize(i + 1);
      bool any_null = false;
      for (const Vector* arg : args) any_null |= arg->IsNull(i);
      if (any_null) {
        out.SetNull(i);
        continue;
      }
      for (const Vector* arg : args) {
        out.child().AppendFrom(arg->child(), static_cast<size_t>(arg->offsets()[i]),
                               static_cast<size_t>(arg->offsets()[i + 1]));
      }
      out.offsets()[i + 1] = static_cast<int64_t>(out.child().size());
    }
  };
  return function;
}

}  // namespace

void RegisterListFunctions(Registry& registry) {
  registry.AddFixed("split", {LogicalType::Varchar(), LogicalType::Varchar()},
                    LogicalType::List(LogicalType::Varchar()), SplitKernel);
  registry.AddScalar("array_join", "array_join(array(T), varchar [, varchar])", BindArrayJoin);
  registry.AddScalar(std::string(op::kConcat), "$concat(array(T), array(T))", [](const CallSite& call) {
    return call.argument_types.size() == 2 ? BindArrayConcat(call, "$concat") : std::nullopt;
  });
  registry.AddScalar("concat", "concat(array(T), ...)",
                     [](const CallSite& call) { return BindArrayConcat(call, "concat"); });
  registry.AddScalar("array_constructor", "array_constructor(T, ...)", BindArrayConstructor);
  registry.AddScalar("cardinality", "cardinality(array(T) | map(K, V))", BindCardinality);
  registry.AddScalar("element_at", "element_at(array(T), bigint), element_at(map(K, V), K)",
                     [](const CallSite& call) { return BindElementAt(call, false); });
  registry.AddScalar(std::string(op::kSubscript), "$subscript(array(T), bigint), $subscript(map(K, V), K)",
                     [](const CallSite& call) { return BindElementAt(call, true); });
  registry.AddScalar("contains", "contains(array(T), T)", BindContains);
}

}  // namespace basin::sql::fn
