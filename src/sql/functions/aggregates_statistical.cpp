// Statistical aggregates: stddev/variance families and covar/corr (Welford's online algorithm,
// merged with Chan's formula), approx_percentile, and approx_distinct (HyperLogLog with 2048 registers: standard error
// 1.04/√2048 ≈ 2.3%, as Trino's default).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <vector>

#include "sql/functions/aggregate_util.hpp"

namespace basin::sql::fn {

namespace {

struct MomentsState {
  int64_t count = 0;
  double mean = 0;
  double m2 = 0;  // sum of squared distances from the mean
};

enum class Statistic { kVarSamp, kVarPop, kStddevSamp, kStddevPop };

bool IsNumberType(const LogicalType& type) {
  return type.IsInteger() || type.id() == TypeId::kDecimal || type.id() == TypeId::kFloat ||
         type.id() == TypeId::kDouble;
}

AggregateFunction MakeMoments(std::string name, Statistic statistic) {
  using State = MomentsState;
  auto function = MakeAggregate<State>(std::move(name), {LogicalType::Double()}, LogicalType::Double());
  function.update = [](Args args, size_t rows, uint8_t* const* states) {
    ForEachValue<double, State>(args, 0, rows, states, [](State& s, double v, size_t) {
      ++s.count;
      double delta = v - s.mean;
      s.mean += delta / static_cast<double>(s.count);
      s.m2 += delta * (v - s.mean);
    });
  };
  function.combine = [](const uint8_t* source, uint8_t* target) {
    const auto& from = StateOf<State>(source);
    auto& to = StateOf<State>(target);
    if (from.count == 0) return;
    if (to.count == 0) {
      to = from;
      return;
    }
    double n1 = static_cast<double>(to.count);
    double n2 = static_cast<double>(from.count);
    double n = n1 + n2;
    double delta = from.mean - to.mean;
    to.mean += delta * n2 / n;
    to.m2 += from.m2 + delta * delta * n1 * n2 / n;
    to.count += from.count;
  };
  function.finalize = [statistic](uint8_t* const* states, size_t count, Vector& out) {
    for (size_t i = 0; i < count; ++i) {
      const auto& s = StateOf<State>(states[i]);
      bool sample = statistic == Statistic::kVarSamp || statistic == Statistic::kStddevSamp;
      int64_t needed = sample ? 2 : 1;
      if (s.count < needed) {
        out.SetNull(i);
        continue;
      }
      double variance = s.m2 / static_cast<double>(sample ? s.count - 1 : s.count);
      if (variance < 0) variance = 0;  // rounding
      bool root = statistic == Statistic::kStddevSamp || statistic == Statistic::kStddevPop;
      SetResult<double>(out, i, true, root ? std::sqrt(variance) : variance);
    }
  };
  return function;
}

// ---- covariance and correlation of (y, x) pairs; rows with a NULL in either are skipped ----

struct CoMomentsState {
  int64_t count = 0;
  double mean_x = 0;
  double mean_y = 0;
  double c = 0;    // sum of (x - mean_x)(y - mean_y)
  double m2x = 0;  // sum of squared distances, for corr
  double m2y = 0;
};

enum class CoStatistic { kCovarSamp, kCovarPop, kCorr };

AggregateFunction MakeCoMoments(std::string name, CoStatistic statistic) {
  using State = CoMomentsState;
  auto function = MakeAggregate<State>(std::move(name), {LogicalType::Double(), LogicalType::Double()},
                                       LogicalType::Double());
  function.update = [](Args args, size_t rows, uint8_t* const* states) {
    const Vector& ys = *args[0];
    const Vector& xs = *args[1];
    const double* y = ys.data<double>();
    const double* x = xs.data<double>();
    for (size_t i = 0; i < rows; ++i) {
      if (ys.IsNull(i) || xs.IsNull(i)) continue;
      State& s = StateOf<State>(states[i]);
      ++s.count;
      double n = static_cast<double>(s.count);
      double dx = x[i] - s.mean_x;
      double dy = y[i] - s.mean_y;
      s.mean_x += dx / n;
      s.mean_y += dy / n;
      s.c += dx * (y[i] - s.mean_y);
      s.m2x += dx * (x[i] - s.mean_x);
      s.m2y += dy * (y[i] - s.mean_y);
    }
  };
  function.combine = [](const uint8_t* source, uint8_t* target) {
    const auto& from = StateOf<State>(source);
    auto& to = StateOf<State>(target);
    if (from.count == 0) return;
    if (to.count == 0) {
      to = from;
      return;
    }
    double n1 = static_cast<double>(to.count);
    double n2 = static_cast<double>(from.count);
    double n = n1 + n2;
    double dx = from.mean_x - to.mean_x;
    double dy = from.mean_y - to.mean_y;
    to.c += from.c + dx * dy * n1 * n2 / n;
    to.m2x += from.m2x + dx * dx * n1 * n2 / n;
    to.m2y += from.m2y + dy * dy * n1 * n2 / n;
    to.mean_x += dx * n2 / n;
    to.mean_y += dy * n2 / n;
    to.count += from.count;
  };
  function.finalize = [statistic](uint8_t* const* states, size_t count, Vector& out) {
    for (size_t i = 0; i < count; ++i) {
      const auto& s = StateOf<State>(states[i]);
      double n = static_cast<double>(s.count);
      switch (statistic) {
        case CoStatistic::kCovarSamp: SetResult<double>(out, i, s.count > 1, s.c / (n - 1)); break;
        case CoStatistic::kCovarPop: SetResult<double>(out, i, s.count > 0, s.c / n); break;
        case CoStatistic::kCorr:
          // Undefined (NULL) for fewer than two pairs or a constant column.
          SetResult<double>(out, i, s.count > 1 && s.m2x > 0 && s.m2y > 0,
                            s.c / std::sqrt(s.m2x * s.m2y));
          break;
      }
    }
  };
  return function;
}

// ---- approx_percentile: exact, from every value kept (within any approximation's bounds) ----

struct PercentileState {
  std::vector<double> values;
  double percentile = -1;
};

std::optional<AggregateFunction> BindPercentile(const std::vector<LogicalType>& args) {
  if (args.size() != 2 || !IsNumberType(args[0]) || !IsNumberType(args[1])) return std::nullopt;
  // bigint stays bigint (integers widen to it), everything else is answered in double.
  bool integer = args[0].IsInteger();
  LogicalType value_type = integer ? LogicalType::BigInt() : LogicalType::Double();
  using State = PercentileState;
  auto function = MakeAggregate<State>("approx_percentile", {value_type, LogicalType::Double()}, value_type);
  function.update = [integer](Args args, size_t rows, uint8_t* const* states) {
    const Vector& values = *args[0];
    const Vector& percentiles = *args[1];
    for (size_t i = 0; i < rows; ++i) {
      if (values.IsNull(i) || percentiles.IsNull(i)) continue;
      State& s = StateOf<State>(states[i]);
      double p = percentiles.data<double>()[i];
      if (!(p >= 0 && p <= 1)) {
        ThrowInvalid("approx_percentile: percentile must be between 0 and 1, got " + std::to_string(p));
      }
      s.percentile = p;
      s.values.push_back(integer ? static_cast<double>(values.data<int64_t>()[i])
                                 : values.data<double>()[i]);
    }
  };
  function.combine = [](const uint8_t* source, uint8_t* target) {
    const auto& from = StateOf<State>(source);
    auto& to = StateOf<State>(target);
    to.values.insert(to.values.end(), from.values.begin(), from.values.end());
    if (from.percentile >= 0) to.percentile = from.percentile;
  };
  function.finalize = [integer](uint8_t* const* states, size_t count, Vector& out) {
    for (size_t i = 0; i < count; ++i) {
      auto& s = StateOf<State>(states[i]);
      if (s.values.empty()) {
        out.SetNull(i);
        continue;
      }
      // Nearest rank: the smallest value with at least p of the values at or below it.
      size_t n = s.values.size();
      auto rank = static_cast<size_t>(std::ceil(s.percentile * static_cast<double>(n)));
      size_t index = rank == 0 ? 0 : std::min(rank, n) - 1;
      std::nth_element(s.values.begin(), s.values.begin() + static_cast<ptrdiff_t>(index), s.values.end());
      double value = s.values[index];
      if (integer) {
        SetResult<int64_t>(out, i, true, static_cast<int64_t>(value));
      } else {
        SetResult<double>(out, i, true, value);
      }
    }
  };
  return function;
}

// ---- HyperLogLog ----

constexpr int kIndexBits = 11;
constexpr size_t kRegisters = size_t{1} << kIndexBits;

struct HllState {
  std::array<uint8_t, kRegisters> registers{};
};

inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t HashBytes(const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (size * 0xff51afd7ed558ccdULL);
  while (size >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = Mix(h ^ word) * 0x9e3779b97f4a7c15ULL;
    p += 8;
    size -= 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, size);
  return Mix(h ^ tail ^ (uint64_t{size} << 56));
}

template <typename T>
inline uint64_t HashValue(const T& value) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return HashBytes(value.data(), value.size());
  } else if constexpr (std::is_floating_point_v<T>) {
    double d = value == 0 ? 0.0 : static_cast<double>(value);  // -0.0 and 0.0 are one value
    return HashBytes(&d, sizeof(d));
  } else if constexpr (sizeof(T) == 16) {
    uint64_t parts[2];
    std::memcpy(parts, &value, sizeof(parts));
    return Mix(parts[0] ^ Mix(parts[1] + 0x9e3779b97f4a7c15ULL));
  } else {
    return Mix(static_cast<uint64_t>(static_cast<int64_t>(value)) + 0x9e3779b97f4a7c15ULL);
  }
}

inline void HllAdd(HllState& s, uint64_t hash) {
  size_t index = hash >> (64 - kIndexBits);
  uint64_t rest = (hash << kIndexBits) | (uint64_t{1} << (kIndexBits - 1));  // never all zero
  auto rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
  if (rank > s.registers[index]) s.registers[index] = rank;
}

int64_t HllEstimate(const HllState& s) {
  const double m = static_cast<double>(kRegisters);
  double sum = 0;
  int zeros = 0;
  for (uint8_t r : s.registers) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0;
  }
  const double alpha = 0.7213 / (1 + 1.079 / m);
  double estimate = alpha * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0) {
    estimate = m * std::log(m / zeros);  // linear counting for small cardinalities
  }
  return static_cast<int64_t>(std::llround(estimate));
}

std::optional<AggregateFunction> BindApproxDistinct(const std::vector<LogicalType>& args) {
  if (args.size() != 1 && args.size() != 2) return std::nullopt;
  if (args[0].IsNested()) return std::nullopt;
  // approx_distinct(x, e): the error bound is accepted; 2.3% is what every call gets.
  if (args.size() == 2 && args[1].id() != TypeId::kDouble && !args[1].IsInteger() &&
      args[1].id() != TypeId::kDecimal) {
    return std::nullopt;
  }
  std::vector<LogicalType> arguments = {args[0]};
  if (args.size() == 2) arguments.push_back(LogicalType::Double());
  auto function = MakeAggregate<HllState>("approx_distinct", arguments, LogicalType::BigInt());
  auto make_update = [](auto tag) -> decltype(function.update) {
    using T = decltype(tag);
    return [](Args args, size_t rows, uint8_t* const* states) {
      ForEachValue<T, HllState>(args, 0, rows, states,
                                [](HllState& s, const T& v, size_t) { HllAdd(s, HashValue(v)); });
    };
  };
  if (args[0].physical() == PhysicalType::kString) {
    function.update = make_update(std::string_view{});
  } else {
    function.update = VisitFixed(args[0].physical(), make_update);
  }
  function.combine = [](const uint8_t* source, uint8_t* target) {
    const auto& from = StateOf<HllState>(source);
    auto& to = StateOf<HllState>(target);
    for (size_t i = 0; i < kRegisters; ++i) {
      if (from.registers[i] > to.registers[i]) to.registers[i] = from.registers[i];
    }
  };
  function.finalize = [](uint8_t* const* states, size_t count, Vector& out) {
    for (size_t i = 0; i < count; ++i) {
      SetResult<int64_t>(out, i, true, HllEstimate(StateOf<HllState>(states[i])));
    }
  };
  return function;
}

}  // namespace

void RegisterStatisticalAggregates(Registry& registry) {
  struct Entry {
    const char* name;
    Statistic statistic;
  };
  for (Entry entry : {Entry{"stddev", Statistic::kStddevSamp},
                      Entry{"stddev_samp", Statistic::kStddevSamp},
                      Entry{"stddev_pop", Statistic::kStddevPop},
                      Entry{"variance", Statistic::kVarSamp},
                      Entry{"var_samp", Statistic::kVarSamp},
                      Entry{"var_pop", Statistic::kVarPop}}) {
    registry.AddAggregate(entry.name, std::string(entry.name) + "(double)",
                          [entry](const std::vector<LogicalType>& args) -> std::optional<AggregateFunction> {
                            if (args.size() != 1 || !IsNumberType(args[0])) return std::nullopt;
                            return MakeMoments(entry.name, entry.statistic);
                          });
  }
  registry.AddAggregate("approx_distinct", "approx_distinct(T [, double])", BindApproxDistinct);
  registry.AddAggregate("approx_percentile", "approx_percentile(number, double)", BindPercentile);
  struct CoEntry {
    const char* name;
    CoStatistic statistic;
  };
  for (CoEntry entry : {CoEntry{"covar_samp", CoStatistic::kCovarSamp},
                        CoEntry{"covar_pop", CoStatistic::kCovarPop},
                        CoEntry{"corr", CoStatistic::kCorr}}) {
    registry.AddAggregate(entry.name, std::string(entry.name) + "(double, double)",
                          [entry](const std::vector<LogicalType>& args) -> std::optional<AggregateFunction> {
                            if (args.size() != 2 || !IsNumberType(args[0]) || !IsNumberType(args[1])) {
                              return std::nullopt;
                            }
                            return MakeCoMoments(entry.name, entry.statistic);
                          });
  }
}

}  // namespace basin::sql::fn
