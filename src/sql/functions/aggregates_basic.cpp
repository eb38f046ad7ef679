// The everyday aggregates: count, count_if, sum, avg, min, max, bool_and/every, bool_or,
// arbitrary/any_value, min_by/max_by, array_agg. NULL inputs are skipped (array_agg keeps
// them); an aggregate over no rows is NULL, except count and count_if, which are 0.
#include <memory>

#include "sql/functions/aggregate_util.hpp"

namespace basin::sql::fn {

namespace {

using SV = std::string_view;
using UpdateFn = decltype(AggregateFunction::update);

struct CountState {
  int64_t count = 0;
};

AggregateFunction MakeCount(std::string name, std::vector<LogicalType> arguments,
                            bool count_true) {
  auto function = MakeAggregate<CountState>(std::move(name), arguments, LogicalType::BigInt());
  if (arguments.empty()) {
    function.update = [](Args, size_t rows, uint8_t* const* states) {
      for (size_t i = 0; i < rows; ++i) ++StateOf<CountState>(states[i]).count;
    };
  } else if (count_true) {
    function.update = [](Args args, size_t rows, uint8_t* const* states) {
      ForEachValue<uint8_t, CountState>(args, 0, rows, states,
                                        [](CountState& s, uint8_t v, size_t) { s.count += v != 0; });
    };
  } else {
    function.update = [](Args args, size_t rows, uint8_t* const* states) {
      const Vector& vector = *args[0];
      for (size_t i = 0; i < rows; ++i) {
        if (!vector.IsNull(i)) ++StateOf<CountState>(states[i]).count;
      }
    };
  }
  function.combine = [](const uint8_t* source, uint8_t* target) {
    StateOf<CountState>(target).count += StateOf<CountState>(source).count;
  };
  function.finalize = [](uint8_t* const* states, size_t count, Vector& out) {
    for (size_t i = 0; i < count; ++i) SetResult<int64_t>(out, i, true, StateOf<CountState>(states[i]).count);
  };
  return function;
}

// ---- sum ----

template <typename Acc>
struct SumState {
  Acc sum{};
  bool has = false;
};

[[noreturn]] void SumOverflow(const char* name) {
  ThrowInvalid(std::string(name) + " overflow: the total does not fit its result type");
}

std::optional<AggregateFunction> BindSum(const std::vector<LogicalType>& args) {
  if (args.size() != 1) return std::nullopt;
  const LogicalType& type = args[0];
  if (type.IsInteger()) {
    using State = SumState<int64_t>;
    auto function = MakeAggregate<State>("sum", {type}, LogicalType::BigInt());
    function.update = VisitInteger(type.physical(), [](auto tag) -> UpdateFn {
      using T = decltype(tag);
      return [](Args args, size_t rows, uint8_t* const* states) {
        ForEachValue<T, State>(args, 0, rows, states, [](State& s, T v, size_t) {
          if (__builtin_add_overflow(s.sum, static_cast<int64_t>(v), &s.sum)) SumOverflow("sum");
          s.has = true;
        });
      };
    });
    function.combine = [](const uint8_t* source, uint8_t* target) {
      const auto& from = StateOf<State>(source);
      auto& to = StateOf<State>(target);
      if (__builtin_add_overflow(to.sum, from.sum, &to.sum)) SumOverflow("sum");
      to.has |= from.has;
    };
    function.finalize = [](uint8_t* const* states, size_t count, Vector& out) {
      for (size_t i = 0; i < count; ++i) {
        const auto& s = StateOf<State>(states[i]);
        SetResult<int64_t>(out, i, s.has, s.sum);
      }
    };
    return function;
  }
  if (type.id() == TypeId::kDecimal) {
    using State = SumState<int128_t>;
    auto function = MakeAggregate<State>("sum", {type}, LogicalType::Decimal(38, type.scale()));
    static const int128_t kLimit = DecimalLimit(38);
    function.update = VisitDecimal(type.physical(), [](auto tag) -> UpdateFn {
      using T = decltype(tag);
      return [](Args args, size_t rows, uint8_t* const* states) {
        ForEachValue<T, State>(args, 0, rows, states, [](State& s, T v, size_t) {
          s.sum += v;  // |sum| < 10^38 + 10^38 fits in 128 bits; checked right after
          if (s.sum >= kLimit || s.sum <= -kLimit) SumOverflow("sum");
          s.has = true;
        });
      };
    });
    function.combine = [](const uint8_t* source, uint8_t* target) {
      const auto& from = StateOf<State>(source);
      auto& to = StateOf<State>(target);
      to.sum += from.sum;
      if (to.sum >= kLimit || to.sum <= -kLimit) SumOverflow("sum");
      to.has |= from.has;
    };
    function.finalize = [](uint8_t* const* states, size_t count, Vector& out) {
      for (size_t i = 0; i < count; ++i) {
        const auto& s = StateOf<State>(states[i]);
        SetResult<int128_t>(out, i, s.has, s.sum);
      }
    };
    return function;
  }
  if (type.id() == TypeId::kDouble || type.id() == TypeId::kFloat) {
    using State = SumState<double>;
    auto function = MakeAggregate<State>("sum", {type}, type);
    bool real = type.id() == TypeId::kFloat;
    auto make_update = [](auto tag) {
      using T = decltype(tag);
      return [](Args args, size_t rows, uint8_t* const* states) {
        ForEachValue<T, State>(args, 0, rows, states, [](State& s, T v, size_t) {
          s.sum += v;
          s.has = true;
        });
      };
    };
    function.update = real ? UpdateFn(make_update(float{}))
                           : UpdateFn(make_update(double{}));
    function.combine = [](const uint8_t* source, uint8_t* target) {
      const auto& from = StateOf<State>(source);
      auto& to = StateOf<State>(target);
      to.sum += from.sum;
      to.has |= from.has;
    };
    function.finalize = [real](uint8_t* const* states, size_t count, Vector& out) {
      for (size_t i = 0; i < count; ++i) {
        const auto& s = StateOf<State>(states[i]);
        if (real) {
          SetResult<float>(out, i, s.has, static_cast<float>(s.sum));
        } else {
          SetResult<double>(out, i, s.has, s.sum);
        }
      }
    };
    return function;
  }
  return std::nullopt;
}

// ---- avg ----

template <typename Acc>
struct AvgState {
  Acc sum{};
  int64_t count = 0;
};

std::optional<AggregateFunction> BindAvg(const std::vector<LogicalType>& args) {
  if (args.size() != 1) return std::nullopt;
  const LogicalType& type = args[0];
  if (type.IsInteger() || type.id() == TypeId::kDecimal) {
    // Exact sums; integers average to double, decimals to their own type (rounded half up).
    using State = AvgState<int128_t>;
    bool decimal = type.id() == TypeId::kDecimal;
    auto function = MakeAggregate<State>("avg", {type}, decimal ? type : LogicalType::Double());
    function.update = VisitFixed(type.physical(), [](auto tag) -> UpdateFn {
      using T = decltype(tag);
      if constexpr (std::is_floating_point_v<T>) {
        ThrowInternal("avg: floating type on the exact path");
      } else {
        return [](Args args, size_t rows, uint8_t* const* states) {
          ForEachValue<T, State>(args, 0, rows, states, [](State& s, T v, size_t) {
            if (__builtin_add_overflow(s.sum, static_cast<int128_t>(v), &s.sum)) SumOverflow("avg");
            ++s.count;
          });
        };
      }
    });
    function.combine = [](const uint8_t* source, uint8_t* target) {
      const auto& from = StateOf<State>(source);
      auto& to = StateOf<State>(target);
      if (__builtin_add_overflow(to.sum, from.sum, &to.sum)) SumOverflow("avg");
      to.count += from.count;
    };
    PhysicalType result = type.physical();
    function.finalize = [decimal, result](uint8_t* const* states, size_t count, Vector& out) {
      for (size_t i = 0; i < count; ++i) {
        const auto& s = StateOf<State>(states[i]);
        if (s.count == 0) {
          out.SetNull(i);
        } else if (!decimal) {
          SetResult<double>(out, i, true,
                            static_cast<double>(s.sum) / static_cast<double>(s.count));
        } else if (result == PhysicalType::kInt64) {
          SetResult<int64_t>(out, i, true, static_cast<int64_t>(DivideRound(s.sum, s.count)));
        } else {
          SetResult<int128_t>(out, i, true, DivideRound(s.sum, s.count));
        }
      }
    };
    return function;
  }
  if (type.id() == TypeId::kDouble || type.id() == TypeId::kFloat) {
    using State = AvgState<double>;
    bool real = type.id() == TypeId::kFloat;
    auto function = MakeAggregate<State>("avg", {type}, type);
    auto make_update = [](auto tag) {
      using T = decltype(tag);
      return [](Args args, size_t rows, uint8_t* const* states) {
        ForEachValue<T, State>(args, 0, rows, states, [](State& s, T v, size_t) {
          s.sum += v;
          ++s.count;
        });
      };
    };
    function.update = real ? UpdateFn(make_update(float{}))
                           : UpdateFn(make_update(double{}));
    function.combine = [](const uint8_t* source, uint8_t* target) {
      const auto& from = StateOf<State>(source);
      auto& to = StateOf<State>(target);
      to.sum += from.sum;
      to.count += from.count;
    };
    function.finalize = [real](uint8_t* const* states, size_t count, Vector& out) {
      for (size_t i = 0; i < count; ++i) {
        const auto& s = StateOf<State>(states[i]);
        double avg = s.count == 0 ? 0 : s.sum / static_cast<double>(s.count);
        if (real) {
          SetResult<float>(out, i, s.count > 0, static_cast<float>(avg));
        } else {
          SetResult<double>(out, i, s.count > 0, avg);
        }
      }
    };
    return function;
  }
  return std::nullopt;
}

// ---- min / max / bool_and / bool_or ----

template <typename T>
struct ExtremeState {
  T value{};
  bool has = false;
};

struct StringExtremeState {
  std::string value;
  bool has = false;
};

template <bool kMax>
std::optional<AggregateFunction> BindExtreme(const std::vector<LogicalType>& args,
                                             std::string name) {
  if (args.size() != 1 || args[0].IsNested()) return std::nullopt;
  const LogicalType& type = args[0];
  if (type.physical() == PhysicalType::kString) {
    using State = StringExtremeState;
    auto function = MakeAggregate<State>(std::move(name), {type}, type);
    function.update = [](Args args, size_t rows, uint8_t* const* states) {
      ForEachValue<SV, State>(args, 0, rows, states, [](State& s, SV v, size_t) {
        if (!s.has || (kMax ? v > SV(s.value) : v < SV(s.value))) {
          s.value.assign(v);
          s.has = true;
        }
      });
    };
    function.combine = [](const uint8_t* source, uint8_t* target) {
      const auto& from = StateOf<State>(source);
      auto& to = StateOf<State>(target);
      if (from.has && (!to.has || (kMax ? from.value > to.value : from.value < to.value))) {
        to.value = from.value;
        to.has = true;
      }
    };
    function.finalize = [](uint8_t* const* states, size_t count, Vector& out) {
      for (size_t i = 0; i < count; ++i) {
        const auto& s = StateOf<State>(states[i]);
        if (s.has) {
          out.validity().SetValid(i);
          out.SetString(i, s.value);
        } else {
          out.SetNull(i);
        }
      }
    };
    return function;
  }
  return VisitFixed(type.physical(), [&](auto tag) -> std::optional<AggregateFunction> {
    using T = decltype(tag);
    using State = ExtremeState<T>;
    auto function = MakeAggregate<State>(std::move(name), {type}, type);
    function.update = [](Args args, size_t rows, uint8_t* const* states) {
      ForEachValue<T, State>(args, 0, rows, states, [](State& s, T v, size_t) {
        if (!s.has || (kMax ? v > s.value : v < s.value)) {
          s.value = v;
          s.has = true;
        }
      });
    };
    function.combine = [](const uint8_t* source, uint8_t* target) {
      const auto& from = StateOf<State>(source);
      auto& to = StateOf<State>(target);
      if (from.has && (!to.has || (kMax ? from.value > to.value : from.value < to.value))) {
        to = from;
      }
    };
    function.finalize = [](uint8_t* const* states, size_t count, Vector& out) {
      for (size_t i = 0; i < count; ++i) {
        const auto& s = StateOf<State>(states[i]);
        SetResult<T>(out, i, s.has, s.value);
      }
    };
    return std::optional<AggregateFunction>(std::move(function));
  });
}

// ---- arbitrary, array_agg, min_by, max_by: values of any type kept in a vector ----

struct BoxState {
  std::unique_ptr<Vector> values;
};

// Copies rows of a finalized box (one value or a list of values) into `out`.
void WriteBoxes(uint8_t* const* states, size_t count, Vector& out, bool as_list) {
  if (as_list) {
    Vector& elements = out.child();
    elements.Reset();
    out.offsets()[0] = 0;
    for (size_t i = 0; i < count; ++i) {
      const auto& s = StateOf<BoxState>(states[i]);
      if (s.values) {
        out.validity().SetValid(i);
        elements.AppendFrom(*s.values, 0, s.values->size());
      } else {
        out.SetNull(i);
      }
      out.offsets()[i + 1] = static_cast<int64_t>(elements.size());
    }
    return;
  }
  // One value per state: rebuild `out` row by row (types of any shape, rarely hot).
  Vector result(out.type());
  for (size_t i = 0; i < count; ++i) {
    const auto& s = StateOf<BoxState>(states[i]);
    if (s.values) {
      result.AppendFrom(*s.values, 0, 1);
    } else {
      result.Append(types::Value::Null(out.type()));
    }
  }
  for (size_t i = count; i < out.size(); ++i) result.AppendFrom(out, i, i + 1);
  out = std::move(result);
}

AggregateFunction MakeBoxAggregate(std::string name, const LogicalType& type, bool keep_all) {
  LogicalType result = keep_all ? LogicalType::List(type) : type;
  auto function = MakeAggregate<BoxState>(std::move(name), {type}, result);
  function.update = [keep_all, type](Args args, size_t rows, uint8_t* const* states) {
    const Vector& vector = *args[0];
    for (size_t i = 0; i < rows; ++i) {
      auto& s = StateOf<BoxState>(states[i]);
      if (keep_all) {
        if (!s.values) s.values = std::make_unique<Vector>(type);
        s.values->AppendFrom(vector, i, i + 1);
      } else if (!s.values && !vector.IsNull(i)) {
        s.values = std::make_unique<Vector>(type);
        s.values->AppendFrom(vector, i, i + 1);
      }
    }
  };
  function.combine = [keep_all](const uint8_t* source, uint8_t* target) {
    const auto& from = StateOf<BoxState>(source);
    auto& to = StateOf<BoxState>(target);
    if (!from.values) return;
    if (!to.values) {
      to.values = std::make_unique<Vector>(from.values->type());
      to.values->AppendFrom(*from.values, 0, from.values->size());
    } else if (keep_all) {
      to.values->AppendFrom(*from.values, 0, from.values->size());
    }
  };
  function.finalize = [keep_all](uint8_t* const* states, size_t count, Vector& out) {
    WriteBoxes(states, count, out, keep_all);
  };
  return function;
}

// min_by(x, y) / max_by(x, y): x at the row whose y is the smallest / largest.
template <typename K>
struct ByState {
  K key{};
  std::unique_ptr<Vector> value;  // one row
};

template <bool kMax>
std::optional<AggregateFunction> BindBy(const std::vector<LogicalType>& args, std::string name) {
  if (args.size() != 2 || args[1].IsNested()) return std::nullopt;
  LogicalType value_type = args[0];
  auto build = [&](auto key_tag) -> std::optional<AggregateFunction> {
    using K = decltype(key_tag);
    using State = ByState<K>;
    using Stored = std::conditional_t<std::is_same_v<K, std::string>, SV, K>;
    auto function = MakeAggregate<State>(name, args, value_type);
    function.update = [value_type](Args args, size_t rows, uint8_t* const* states) {
      ForEachValue<Stored, State>(args, 1, rows, states, [&](State& s, Stored key, size_t i) {
        if (s.value && !(kMax ? key > Stored(s.key) : key < Stored(s.key))) return;
        s.key = K(key);
        if (!s.value) s.value = std::make_unique<Vector>(value_type);
        s.value->Reset();
        s.value->AppendFrom(*args[0], i, i + 1);
      });
    };
    function.combine = [](const uint8_t* source, uint8_t* target) {
      const auto& from = StateOf<State>(source);
      auto& to = StateOf<State>(target);
      if (!from.value) return;
      if (to.value && !(kMax ? Stored(from.key) > Stored(to.key) : Stored(from.key) < Stored(to.key))) {
        return;
      }
      to.key = from.key;
      if (!to.value) to.value = std::make_unique<Vector>(from.value->type());
      to.value->Reset();
      to.value->AppendFrom(*from.value, 0, 1);
    };
    function.finalize = [value_type](uint8_t* const* states, size_t count, Vector& out) {
      Vector result(value_type);
      for (size_t i = 0; i < count; ++i) {
        const auto& s = StateOf<State>(states[i]);
        if (s.value) {
          result.AppendFrom(*s.value, 0, 1);
        } else {
          result.Append(types::Value::Null(value_type));
        }
      }
      for (size_t i = count; i < out.size(); ++i) result.AppendFrom(out, i, i + 1);
      out = std::move(result);
    };
    return std::optional<AggregateFunction>(std::move(function));
  };
  if (args[1].physical() == PhysicalType::kString) return build(std::string{});
  return VisitFixed(args[1].physical(), build);
}

}  // namespace

void RegisterBasicAggregates(Registry& registry) {
  registry.AddAggregate("count", "count(*), count(T)",
                        [](const std::vector<LogicalType>& args) -> std::optional<AggregateFunction> {
                          if (args.size() > 1) return std::nullopt;
                          return MakeCount("count", args, false);
                        });
  registry.AddAggregate("count_if", "count_if(boolean)",
                        [](const std::vector<LogicalType>& args) -> std::optional<AggregateFunction> {
                          if (args.size() != 1 || args[0].id() != TypeId::kBoolean) return std::nullopt;
                          return MakeCount("count_if", args, true);
                        });
  registry.AddAggregate("sum", "sum(number)", BindSum);
  registry.AddAggregate("avg", "avg(number)", BindAvg);
  registry.AddAggregate("min", "min(T)", [](const std::vector<LogicalType>& args) {
    return BindExtreme<false>(args, "min");
  });
  registry.AddAggregate("max", "max(T)", [](const std::vector<LogicalType>& args) {
    return BindExtreme<true>(args, "max");
  });
  for (const char* name : {"bool_and", "every"}) {
    registry.AddAggregate(name, std::string(name) + "(boolean)",
                          [name](const std::vector<LogicalType>& args) -> std::optional<AggregateFunction> {
                            if (args.size() != 1 || args[0].id() != TypeId::kBoolean) return std::nullopt;
                            return BindExtreme<false>(args, name);  // false < true: min is AND
                          });
  }
  registry.AddAggregate("bool_or", "bool_or(boolean)",
                        [](const std::vector<LogicalType>& args) -> std::optional<AggregateFunction> {
                          if (args.size() != 1 || args[0].id() != TypeId::kBoolean) return std::nullopt;
                          return BindExtreme<true>(args, "bool_or");
                        });
  for (const char* name : {"arbitrary", "any_value"}) {
    registry.AddAggregate(name, std::string(name) + "(T)",
                          [name](const std::vector<LogicalType>& args) -> std::optional<AggregateFunction> {
                            if (args.size() != 1) return std::nullopt;
                            return MakeBoxAggregate(name, args[0], false);
                          });
  }
  registry.AddAggregate("array_agg", "array_agg(T)",
                        [](const std::vector<LogicalType>& args) -> std::optional<AggregateFunction> {
                          if (args.size() != 1) return std::nullopt;
                          return MakeBoxAggregate("array_agg", args[0], true);
                        });
  registry.AddAggregate("min_by", "min_by(T, K)", [](const std::vector<LogicalType>& args) {
    return BindBy<false>(args, "min_by");
  });
  registry.AddAggregate("max_by", "max_by(T, K)", [](const std::vector<LogicalType>& args) {
    return BindBy<true>(args, "max_by");
  });
}

}  // namespace basin::sql::fn
