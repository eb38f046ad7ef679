// CAST and TRY_CAST between Basin's types, with Trino's rules: numbers round half away from zero
// and fail when out of range, text parses strictly (surrounding spaces allowed) and prints as
// Trino prints (doubles as Java does: 1.0, 1.0E7).
#include <charconv>
#include <cmath>
#include <limits>

#include "common/utf8.hpp"
#include "sql/functions/function.hpp"
#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"
#include "sql/functions/text_format.hpp"
#include "types/date_time.hpp"

namespace basin::sql {

using columnar::Vector;
using fn::CopyValidity;
using types::int128_t;
using types::LogicalType;
using types::PhysicalType;
using types::TypeId;
using fn::DivideRound;
using fn::SqlTypeName;

namespace {

[[noreturn]] void CastError(const Vector& in, size_t row, const LogicalType& to) {
  ThrowInvalid("cannot cast " + fn::ValueText(in, row) + " to " + SqlTypeName(to));
}

// Runs convert(source, target&) -> bool over the valid rows; a false is an error, or NULL for
// TRY_CAST.
template <typename From, typename To, typename Convert>
void CastRows(const Vector& in, size_t rows, Vector& out, bool try_cast, Convert&& convert) {
  out.Resize(rows);
  CopyValidity(in, rows, out);
  const From* source = in.data<From>();
  To* target = out.data<To>();
  bool all_valid = in.validity().AllValid();
  for (size_t i = 0; i < rows; ++i) {
    if (!all_valid && in.IsNull(i)) continue;
    if (!convert(source[i], target[i])) {
      if (!try_cast) CastError(in, i, out.type());
      out.SetNull(i);
    }
  }
}

bool IsNumeric(TypeId id) {
  switch (id) {
    case TypeId::kBoolean:
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kFloat:
    case TypeId::kDouble:
    case TypeId::kDecimal: return true;
    default: return false;
  }
}

template <typename T>
bool FitsInteger(int128_t v) {
  return v >= static_cast<int128_t>(std::numeric_limits<T>::min()) &&
         v <= static_cast<int128_t>(std::numeric_limits<T>::max());
}

int128_t Abs128(int128_t v) { return v < 0 ? -v : v; }

// Numbers to numbers. Every source reads as an exact int128 with a scale, or as a double.
void CastNumeric(const Vector& in, size_t rows, Vector& out, bool try_cast) {
  const LogicalType& from = in.type();
  const LogicalType& to = out.type();
  bool from_float = from.id() == TypeId::kFloat || from.id() == TypeId::kDouble;
  bool to_float = to.id() == TypeId::kFloat || to.id() == TypeId::kDouble;
  int from_scale = from.id() == TypeId::kDecimal ? from.scale() : 0;
  fn::VisitFixed(in.physical(), [&](auto source_tag) {
    using S = decltype(source_tag);
    fn::VisitFixed(out.physical(), [&](auto target_tag) {
      using T = decltype(target_tag);
      constexpr bool kWidening = std::is_arithmetic_v<S> && std::is_arithmetic_v<T> &&
                                 !std::is_same_v<S, uint8_t> &&
                                 (std::is_floating_point_v<T> ||
                                  (std::is_integral_v<S> && sizeof(T) >= sizeof(S)));
      if constexpr (kWidening) {
        // Integer widening and integer/real → double never fail: one tight loop.
        if (from.IsInteger() && (to.IsInteger() || to_float) && from_scale == 0) {
          out.Resize(rows);
          CopyValidity(in, rows, out);
          const S* source = in.data<S>();
          T* target = out.data<T>();
          for (size_t i = 0; i < rows; ++i) target[i] = static_cast<T>(source[i]);
          return;
        }
      }
      if (to.id() == TypeId::kBoolean) {
        CastRows<S, T>(in, rows, out, try_cast, [](S v, T& r) {
          r = v != S{} ? 1 : 0;
          return true;
        });
      } else if (from_float && to_float) {
        CastRows<S, T>(in, rows, out, try_cast, [](S v, T& r) {
          r = static_cast<T>(v);
          return !(std::isinf(static_cast<double>(r)) && std::isfinite(static_cast<double>(v)));
        });
      } else if (to_float) {
        double divisor = static_cast<double>(types::PowerOfTen(from_scale));
        CastRows<S, T>(in, rows, out, try_cast, [divisor](S v, T& r) {
          r = static_cast<T>(static_cast<double>(v) / divisor);
          return true;
        });
      } else if (from_float && to.id() == TypeId::kDecimal) {
        if constexpr (std::is_floating_point_v<S>) {
        int precision = to.precision();
        int scale = to.scale();
        // Through the shortest text that reads back as the same double, as Trino does.
        CastRows<S, T>(in, rows, out, try_cast, [precision, scale](S v, T& r) {
          if (!std::isfinite(static_cast<double>(v))) return false;
          char buffer[512];
          auto result = std::to_chars(buffer, buffer + sizeof(buffer), v, std::chars_format::fixed);
          if (result.ec != std::errc()) return false;
          auto parsed = types::ParseDecimal(std::string_view(buffer, result.ptr - buffer),
                                            precision, scale);
          if (!parsed) return false;
          r = static_cast<T>(*parsed);
          return true;
        });
        }
      } else if (from_float) {  // to an integer
        if constexpr (std::is_integral_v<T>) CastRows<S, T>(in, rows, out, try_cast, [](S v, T& r) {
          double rounded = std::round(static_cast<double>(v));
          if (!(rounded >= static_cast<double>(std::numeric_limits<T>::min()) &&
                rounded < -static_cast<double>(std::numeric_limits<T>::min()))) {
            return false;
          }
          r = static_cast<T>(rounded);
          return true;
        });
      } else if (to.id() == TypeId::kDecimal) {  // exact to decimal
        int shift = to.scale() - from_scale;
        int128_t limit = fn::DecimalLimit(to.precision());
        if (shift >= 0) {
          int128_t factor = types::PowerOfTen(shift);
          // |v| * factor < limit ⇔ |v| < ceil(limit / factor); checked before multiplying.
          int128_t bound = to.precision() - shift > 0 ? fn::DecimalLimit(to.precision() - shift) : 1;
          CastRows<S, T>(in, rows, out, try_cast, [factor, bound](S v, T& r) {
            int128_t x = static_cast<int128_t>(v);
            if (Abs128(x) >= bound && x != 0) return false;
            r = static_cast<T>(x * factor);
            return true;
          });
        } else {
          int128_t divisor = types::PowerOfTen(-shift);
          CastRows<S, T>(in, rows, out, try_cast, [divisor, limit](S v, T& r) {
            int128_t x = DivideRound(static_cast<int128_t>(v), divisor);
            if (Abs128(x) >= limit) return false;
            r = static_cast<T>(x);
            return true;
          });
        }
      } else {  // exact to integer
        int128_t divisor = types::PowerOfTen(from_scale);
        CastRows<S, T>(in, rows, out, try_cast, [divisor](S v, T& r) {
          int128_t x = divisor == 1 ? static_cast<int128_t>(v)
                                    : DivideRound(static_cast<int128_t>(v), divisor);
          if (!FitsInteger<T>(x)) return false;
          r = static_cast<T>(x);
          return true;
        });
      }
    });
  });
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

bool ParseDouble(std::string_view text, double& out) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  if (EqualsIgnoreCase(text, "nan")) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  bool negative = text.front() == '-';
  std::string_view magnitude = negative ? text.substr(1) : text;
  if (EqualsIgnoreCase(magnitude, "infinity") || EqualsIgnoreCase(magnitude, "inf")) {
    out = negative ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

void CastFromVarchar(const Vector& in, size_t rows, Vector& out, bool try_cast) {
  using SV = std::string_view;
  const LogicalType& to = out.type();
  switch (to.id()) {
    case TypeId::kBoolean:
      return CastRows<SV, uint8_t>(in, rows, out, try_cast, [](SV v, uint8_t& r) {
        v = Trim(v);
        if (EqualsIgnoreCase(v, "true") || EqualsIgnoreCase(v, "t") || v == "1") {
          r = 1;
        } else if (EqualsIgnoreCase(v, "false") || EqualsIgnoreCase(v, "f") || v == "0") {
          r = 0;
        } else {
          return false;
        }
        return true;
      });
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      return fn::VisitInteger(out.physical(), [&](auto tag) {
        using T = decltype(tag);
        CastRows<SV, T>(in, rows, out, try_cast, [](SV v, T& r) {
          v = Trim(v);
          if (v.size() > 1 && v.front() == '+' && v[1] != '-') v.remove_prefix(1);
          auto result = std::from_chars(v.data(), v.data() + v.size(), r);
          return !v.empty() && result.ec == std::errc() && result.ptr == v.data() + v.size();
        });
      });
    case TypeId::kFloat:
      return CastRows<SV, float>(in, rows, out, try_cast, [](SV v, float& r) {
        double d;
        if (!ParseDouble(v, d)) return false;
        r = static_cast<float>(d);
        return true;
      });
    case TypeId::kDouble:
      return CastRows<SV, double>(in, rows, out, try_cast,
                                  [](SV v, double& r) { return ParseDouble(v, r); });
    case TypeId::kDecimal:
      return fn::VisitDecimal(out.physical(), [&](auto tag) {
        using T = decltype(tag);
        int precision = to.precision();
        int scale = to.scale();
        CastRows<SV, T>(in, rows, out, try_cast, [precision, scale](SV v, T& r) {
          auto parsed = types::ParseDecimal(Trim(v), precision, scale);
          if (!parsed) return false;
          r = static_cast<T>(*parsed);
          return true;
        });
      });
    case TypeId::kDate:
      return CastRows<SV, int32_t>(in, rows, out, try_cast, [](SV v, int32_t& r) {
        auto days = types::ParseDate(Trim(v));
        if (!days) return false;
        r = *days;
        return true;
      });
    case TypeId::kTimestamp:
      return CastRows<SV, int64_t>(in, rows, out, try_cast, [](SV v, int64_t& r) {
        auto micros = types::ParseTimestamp(Trim(v));
        if (!micros) return false;
        r = *micros;
        return true;
      });
    case TypeId::kTime:
      return CastRows<SV, int64_t>(in, rows, out, try_cast, [](SV v, int64_t& r) {
        auto micros = types::ParseTime(Trim(v));
        if (!micros) return false;
        r = *micros;
        return true;
      });
    case TypeId::kVarchar:
    case TypeId::kBinary: {
      bool check_utf8 = to.id() == TypeId::kVarchar && in.type().id() == TypeId::kBinary;
      return CastRows<SV, SV>(in, rows, out, try_cast, [&out, check_utf8](SV v, SV& r) {
        if (check_utf8 && !IsValidUtf8(v)) return false;
        r = out.heap().Add(v);
        return true;
      });
    }
    default: ThrowUnsupported("cannot cast varchar to " + SqlTypeName(to));
  }
}

void CastToVarchar(const Vector& in, size_t rows, Vector& out, bool try_cast) {
  using SV = std::string_view;
  const LogicalType& from = in.type();
  auto emit = [&out](SV& r, std::string_view text) { r = out.heap().Add(text); };
  switch (from.id()) {
    case TypeId::kBoolean:
      return CastRows<uint8_t, SV>(in, rows, out, try_cast, [&](uint8_t v, SV& r) {
        emit(r, v ? "true" : "false");
        return true;
      });
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      return fn::VisitInteger(in.physical(), [&](auto tag) {
        using S = decltype(tag);
        CastRows<S, SV>(in, rows, out, try_cast, [&](S v, SV& r) {
          char buffer[24];
          auto result = std::to_chars(buffer, buffer + sizeof(buffer), v);
          emit(r, std::string_view(buffer, result.ptr - buffer));
          return true;
        });
      });
    case TypeId::kFloat:
      return CastRows<float, SV>(in, rows, out, try_cast, [&](float v, SV& r) {
        emit(r, fn::FormatReal(v));
        return true;
      });
    case TypeId::kDouble:
      return CastRows<double, SV>(in, rows, out, try_cast, [&](double v, SV& r) {
        emit(r, fn::FormatDouble(v));
        return true;
      });
    case TypeId::kDecimal:
      return fn::VisitDecimal(in.physical(), [&](auto tag) {
        using S = decltype(tag);
        int scale = from.scale();
        CastRows<S, SV>(in, rows, out, try_cast, [&, scale](S v, SV& r) {
          emit(r, types::FormatDecimal(v, scale));
          return true;
        });
      });
    case TypeId::kDate:
      return CastRows<int32_t, SV>(in, rows, out, try_cast, [&](int32_t v, SV& r) {
        emit(r, types::FormatDate(v));
        return true;
      });
    case TypeId::kTime:
      return CastRows<int64_t, SV>(in, rows, out, try_cast, [&](int64_t v, SV& r) {
        emit(r, types::FormatTime(v));
        return true;
      });
    case TypeId::kTimestamp:
      return CastRows<int64_t, SV>(in, rows, out, try_cast, [&](int64_t v, SV& r) {
        emit(r, types::FormatTimestamp(v));
        return true;
      });
    default: ThrowUnsupported("cannot cast " + SqlTypeName(from) + " to varchar");
  }
}

void CastDateTime(const Vector& in, size_t rows, Vector& out, bool try_cast) {
  TypeId from = in.type().id();
  TypeId to = out.type().id();
  if (from == TypeId::kDate && to == TypeId::kTimestamp) {
    return CastRows<int32_t, int64_t>(in, rows, out, try_cast, [](int32_t v, int64_t& r) {
      r = static_cast<int64_t>(v) * types::kMicrosPerDay;  // int32 days * micros fits in int64
      return true;                                         // only up to ~292,000 years
    });
  }
  if (from == TypeId::kTimestamp && to == TypeId::kDate) {
    return CastRows<int64_t, int32_t>(in, rows, out, try_cast, [](int64_t v, int32_t& r) {
      int64_t days = v / types::kMicrosPerDay;
      if (v % types::kMicrosPerDay < 0) --days;
      r = static_cast<int32_t>(days);
      return true;
    });
  }
  if (from == TypeId::kTimestamp && to == TypeId::kTime) {
    return CastRows<int64_t, int64_t>(in, rows, out, try_cast, [](int64_t v, int64_t& r) {
      r = v % types::kMicrosPerDay;
      if (r < 0) r += types::kMicrosPerDay;
      return true;
    });
  }
  ThrowUnsupported("cannot cast " + SqlTypeName(in.type()) + " to " + SqlTypeName(out.type()));
}

void CastNested(const Vector& in, size_t rows, Vector& out, bool try_cast) {
  out.Resize(rows);
  CopyValidity(in, rows, out);
  if (in.physical() == PhysicalType::kStruct) {
    for (size_t i = 0; i < out.child_count(); ++i) {
      CastVector(in.child(i), rows, out.child(i), try_cast);
      // A NULL struct keeps NULL fields.
      for (size_t row = 0; row < rows; ++row) {
        if (out.IsNull(row)) out.child(i).SetNull(row);
      }
    }
    return;
  }
  const int64_t* offsets = in.offsets();
  int64_t base = offsets[0];
  for (size_t i = 0; i <= rows; ++i) out.offsets()[i] = offsets[i] - base;
  size_t child_rows = static_cast<size_t>(offsets[rows] - base);
  if (base == 0) {
    CastVector(in.child(), child_rows, out.child(), try_cast);
  } else {
    Vector slice(in.child().type());
    slice.AppendFrom(in.child(), static_cast<size_t>(base), static_cast<size_t>(offsets[rows]));
    CastVector(slice, child_rows, out.child(), try_cast);
  }
}

}  // namespace

bool CanCast(const LogicalType& from, const LogicalType& to) {
  if (from == to) return true;
  TypeId f = from.id();
  TypeId t = to.id();
  if (IsNumeric(f) && IsNumeric(t)) return true;
  bool f_text = f == TypeId::kVarchar;
  bool t_text = t == TypeId::kVarchar;
  if (f_text && (t == TypeId::kBinary || !to.IsNested())) return true;
  if (t_text && (f == TypeId::kBinary || !from.IsNested())) return true;
  if (f == TypeId::kDate && t == TypeId::kTimestamp) return true;
  if (f == TypeId::kTimestamp && (t == TypeId::kDate || t == TypeId::kTime)) return true;
  if (f != t) return false;
  switch (f) {
    case TypeId::kList: return CanCast(from.element(), to.element());
    case TypeId::kMap: return CanCast(from.key(), to.key()) && CanCast(from.value(), to.value());
    case TypeId::kStruct: {
      if (from.fields().size() != to.fields().size()) return false;
      for (size_t i = 0; i < from.fields().size(); ++i) {
        if (!CanCast(from.fields()[i].type, to.fields()[i].type)) return false;
      }
      return true;
    }
    default: return false;
  }
}

void CastVector(const Vector& in, size_t rows, Vector& out, bool try_cast) {
  out.Reset();
  const LogicalType& from = in.type();
  const LogicalType& to = out.type();
  if (from == to) {
    out.AppendFrom(in, 0, rows);
    return;
  }
  if (!CanCast(from, to)) {
    ThrowInvalid("cannot cast " + SqlTypeName(from) + " to " + SqlTypeName(to));
  }
  if (IsNumeric(from.id()) && IsNumeric(to.id())) return CastNumeric(in, rows, out, try_cast);
  if (from.id() == TypeId::kVarchar || from.id() == TypeId::kBinary) {
    return CastFromVarchar(in, rows, out, try_cast);
  }
  if (to.id() == TypeId::kVarchar) return CastToVarchar(in, rows, out, try_cast);
  if (from.IsNested()) return CastNested(in, rows, out, try_cast);
  CastDateTime(in, rows, out, try_cast);
}

types::Value CastValue(const types::Value& value, const LogicalType& to, bool try_cast) {
  if (value.is_null()) return types::Value::Null(to);
  if (value.type() == to) return value;
  Vector in(value.type(), 1);
  in.Append(value);
  Vector out(to, 1);
  CastVector(in, 1, out, try_cast);
  return out.GetValue(0);
}

namespace fn {

std::string ValueText(const Vector& vector, size_t row) {
  types::Value value = vector.GetValue(row);
  if (value.is_null()) return "NULL";
  switch (vector.type().id()) {
    case TypeId::kVarchar: return "'" + value.string_value() + "'";
    case TypeId::kDouble: return FormatDouble(value.double_value());
    case TypeId::kFloat: return FormatReal(static_cast<float>(value.double_value()));
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp: return SqlTypeName(vector.type()) + " '" + value.ToString() + "'";
    default: return value.ToString();
  }
}

}  // namespace fn
}  // namespace basin::sql
