#include "formats/csv/csv_converter.hpp"

#include <limits>
#include <string_view>

#include "common/error.hpp"
#include "common/utf8.hpp"
#include "formats/csv/csv_value_parser.hpp"
#include "types/decimal.hpp"

namespace basin::formats::csv {

using columnar::Vector;
using types::TypeId;

namespace {

// Removes doubled quotes and escape characters into `out` (room for span.size bytes);
// returns the unescaped length.
size_t Unescape(const char* text, size_t size, const CsvDialect& dialect, char* out) {
  const char escape = dialect.escape == dialect.quote ? '\0' : dialect.escape;
  size_t length = 0;
  for (size_t i = 0; i < size; ++i) {
    char c = text[i];
    if (((c == dialect.quote && dialect.quote != '\0') || (c == escape && escape != '\0')) &&
        i + 1 < size) {
      c = text[++i];
    }
    out[length++] = c;
  }
  return length;
}

bool IsNullString(const ConvertSettings& settings, std::string_view text) {
  for (const auto& null_string : *settings.null_strings) {
    if (text == null_string) return true;
  }
  return false;
}

// The text of a field that is quoted-with-escapes or may match a NULL string: the slow path
// shared by every type. Returns false when the field is NULL.
bool SlowFieldText(const char* data, const FieldSpan& span, const ConvertSettings& settings,
                   std::string& scratch, std::string_view* text) {
  if (span.escaped) {
    scratch.resize(span.size);
    scratch.resize(Unescape(data + span.offset, span.size, settings.dialect, scratch.data()));
    *text = scratch;
  } else {
    *text = std::string_view(data + span.offset, span.size);
  }
  return span.quoted || !IsNullString(settings, *text);
}

// The loop every fixed-width type shares: `parse(text, size, slot)` reads one value.
template <typename T, typename Parse>
void ConvertFixed(const ChunkFields& fields, size_t column, const ConvertSettings& settings,
                  Vector& out, std::vector<ConversionFailure>& failures, bool stop_at_first,
                  Parse parse) {
  T* values = out.data<T>();
  const FieldSpan* span = fields.spans + column;
  const bool has_null_strings = !settings.null_strings->empty();
  std::string scratch;
  for (size_t row = 0; row < fields.rows; ++row, span += fields.stride) {
    if (span->size == 0) {
      out.SetNull(row);
      continue;
    }
    const char* text = fields.data + span->offset;
    size_t size = span->size;
    if (span->escaped || has_null_strings) [[unlikely]] {
      std::string_view view;
      if (!SlowFieldText(fields.data, *span, settings, scratch, &view)) {
        out.SetNull(row);
        continue;
      }
      text = view.data();
      size = view.size();
    }
    if (!parse(text, size, &values[row])) [[unlikely]] {
      values[row] = T{};
      out.SetNull(row);
      failures.push_back({static_cast<uint32_t>(row), FailureReason::kBadValue});
      if (stop_at_first) return;
    }
  }
}

template <typename T>
bool ParseNarrowInt(const char* text, size_t size, T* out) {
  int64_t wide;
  if (!ParseInt64(text, size, &wide)) return false;
  if (wide < std::numeric_limits<T>::min() || wide > std::numeric_limits<T>::max()) return false;
  *out = static_cast<T>(wide);
  return true;
}

void ConvertString(const ChunkFields& fields, size_t column, const ConvertSettings& settings,
                   Vector& out, std::vector<ConversionFailure>& failures, bool stop_at_first) {
  auto* values = out.data<std::string_view>();
  const FieldSpan* span = fields.spans + column;
  const bool has_null_strings = !settings.null_strings->empty();
  for (size_t row = 0; row < fields.rows; ++row, span += fields.stride) {
    const char* text = fields.data + span->offset;
    if (span->size == 0) {
      if (span->quoted) {
        values[row] = {};
      } else {
        out.SetNull(row);
      }
      continue;
    }
    if (has_null_strings && !span->quoted &&
        IsNullString(settings, std::string_view(text, span->size))) {
      out.SetNull(row);
      continue;
    }
    if (span->escaped) {
      char* target = out.heap().Allocate(span->size);
      values[row] = {target, Unescape(text, span->size, settings.dialect, target)};
    } else {
      values[row] = {text, span->size};
    }
    if (settings.check_utf8 && !IsValidUtf8(values[row])) [[unlikely]] {
      values[row] = {};
      out.SetNull(row);
      failures.push_back({static_cast<uint32_t>(row), FailureReason::kBadUtf8});
      if (stop_at_first) return;
    }
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// BINARY text as DuckDB writes blobs: bytes as themselves, or \xHH.
bool DecodeBinary(std::string_view text, Vector& out, std::string_view* value) {
  char* target = out.heap().Allocate(text.size());
  size_t length = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      target[length++] = text[i];
      continue;
    }
    if (i + 3 >= text.size()) return false;
    if (text[i + 1] != 'x' && text[i + 1] != 'X') return false;
    int high = HexDigit(text[i + 2]);
    int low = HexDigit(text[i + 3]);
    if (high < 0 || low < 0) return false;
    target[length++] = static_cast<char>(high * 16 + low);
    i += 3;
  }
  *value = {target, length};
  return true;
}

void ConvertBinary(const ChunkFields& fields, size_t column, const ConvertSettings& settings,
                   Vector& out, std::vector<ConversionFailure>& failures, bool stop_at_first) {
  auto* values = out.data<std::string_view>();
  const FieldSpan* span = fields.spans + column;
  std::string scratch;
  for (size_t row = 0; row < fields.rows; ++row, span += fields.stride) {
    if (span->size == 0) {
      if (span->quoted) {
        values[row] = {};
      } else {
        out.SetNull(row);
      }
      continue;
    }
    std::string_view text;
    if (!SlowFieldText(fields.data, *span, settings, scratch, &text)) {
      out.SetNull(row);
      continue;
    }
    if (!DecodeBinary(text, out, &values[row])) {
      values[row] = {};
      out.SetNull(row);
      failures.push_back({static_cast<uint32_t>(row), FailureReason::kBadValue});
      if (stop_at_first) return;
    }
  }
}

}  // namespace

void ConvertColumn(const ChunkFields& fields, size_t column, const ConvertSettings& settings,
                   Vector& out, std::vector<ConversionFailure>& failures, bool stop_at_first) {
  const auto& type = out.type();
  auto run = [&](auto tag, auto parse) {
    using T = decltype(tag);
    ConvertFixed<T>(fields, column, settings, out, failures, stop_at_first, parse);
  };
  switch (type.id()) {
    case TypeId::kBoolean:
      return run(uint8_t{}, [](const char* text, size_t size, uint8_t* slot) {
        bool value;
        if (!ParseBoolean(text, size, &value)) return false;
        *slot = value ? 1 : 0;
        return true;
      });
    case TypeId::kTinyInt: return run(int8_t{}, ParseNarrowInt<int8_t>);
    case TypeId::kSmallInt: return run(int16_t{}, ParseNarrowInt<int16_t>);
    case TypeId::kInteger: return run(int32_t{}, ParseNarrowInt<int32_t>);
    case TypeId::kBigInt: return run(int64_t{}, ParseInt64);
    case TypeId::kFloat: return run(float{}, ParseFloat);
    case TypeId::kDouble: return run(double{}, ParseDouble);
    case TypeId::kDate: return run(int32_t{}, ParseDate);
    case TypeId::kTimestamp: return run(int64_t{}, ParseTimestamp);
    case TypeId::kTime: return run(int64_t{}, ParseTime);
    case TypeId::kDecimal: {
      const int precision = type.precision();
      const int scale = type.scale();
      if (out.physical() == types::PhysicalType::kInt64) {
        return run(int64_t{}, [=](const char* text, size_t size, int64_t* slot) {
          auto value = types::ParseDecimal(std::string_view(text, size), precision, scale);
          if (!value) return false;
          *slot = static_cast<int64_t>(*value);
          return true;
        });
      }
      return run(types::int128_t{}, [=](const char* text, size_t size, types::int128_t* slot) {
        auto value = types::ParseDecimal(std::string_view(text, size), precision, scale);
        if (!value) return false;
        *slot = *value;
        return true;
      });
    }
    case TypeId::kVarchar:
      return ConvertString(fields, column, settings, out, failures, stop_at_first);
    case TypeId::kBinary:
      return ConvertBinary(fields, column, settings, out, failures, stop_at_first);
    case TypeId::kList:
    case TypeId::kStruct:
    case TypeId::kMap: break;
  }
  ThrowUnsupported("CSV columns of type " + type.ToString() + " cannot be read");
}

std::string FieldText(const char* data, const FieldSpan& span, const CsvDialect& dialect) {
  if (!span.escaped) return std::string(data + span.offset, span.size);
  std::string text(span.size, '\0');
  text.resize(Unescape(data + span.offset, span.size, dialect, text.data()));
  return text;
}

}  // namespace basin::formats::csv
