// String functions with Trino's semantics: positions and lengths count Unicode code points
// (UTF-8), positions are 1-based, negative start positions count from the end.
#include <clocale>
#include <cstring>
#include <cwctype>
#include <locale.h>

#include "common/utf8.hpp"
#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

using SV = std::string_view;

inline bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

int64_t CodePointCount(SV text) {
  int64_t count = 0;
  for (char c : text) count += !IsContinuation(c);
  return count;
}

// Byte offset of code point `index` (0-based); text.size() when past the end.
size_t ByteOffset(SV text, int64_t index) {
  size_t pos = 0;
  while (pos < text.size() && index > 0) {
    ++pos;
    while (pos < text.size() && IsContinuation(text[pos])) ++pos;
    --index;
  }
  return pos;
}

// Decodes the code point at `pos` (advancing it); invalid bytes decode as themselves.
uint32_t DecodeAt(SV text, size_t& pos) {
  auto lead = static_cast<unsigned char>(text[pos]);
  size_t length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (pos + length > text.size()) length = 1;
  uint32_t code = length == 1 ? lead : lead & (0x7f >> length);
  for (size_t i = 1; i < length; ++i) code = (code << 6) | (text[pos + i] & 0x3f);
  pos += length;
  return code;
}

locale_t Utf8Locale() {
  static locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return locale;
}

template <bool kUpper>
void ChangeCase(SV text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      if constexpr (kUpper) {
        out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : static_cast<char>(c));
      } else {
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      }
      ++pos;
      continue;
    }
    uint32_t code = DecodeAt(text, pos);
    locale_t locale = Utf8Locale();
    if (locale != static_cast<locale_t>(nullptr)) {
      code = static_cast<uint32_t>(kUpper ? towupper_l(static_cast<wint_t>(code), locale)
                                          : towlower_l(static_cast<wint_t>(code), locale));
    }
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = 0xfffd;
    AppendUtf8(out, code);
  }
}

bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

template <bool kLeft, bool kRight>
SV TrimSpaces(SV text) {
  if constexpr (kLeft) {
    while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  }
  if constexpr (kRight) {
    while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  }
  return text;
}

// Trims any of the code points of `chars`.
template <bool kLeft, bool kRight>
SV TrimChars(SV text, SV chars) {
  auto in_set = [&](SV code_point) { return chars.find(code_point) != SV::npos; };
  if constexpr (kLeft) {
    while (!text.empty()) {
      size_t pos = 0;
      DecodeAt(text, pos);
      if (!in_set(text.substr(0, pos))) break;
      text.remove_prefix(pos);
    }
  }
  if constexpr (kRight) {
    while (!text.empty()) {
      size_t start = text.size() - 1;
      while (start > 0 && IsContinuation(text[start])) --start;
      if (!in_set(text.substr(start))) break;
      text.remove_suffix(text.size() - start);
    }
  }
  return text;
}

SV Substr(SV text, int64_t start, int64_t length) {
  if (start == 0 || length <= 0) return {};
  if (start < 0) {
    start += CodePointCount(text) + 1;  // only a negative start needs the whole count
    if (start < 1) return {};
  }
  size_t begin = ByteOffset(text, start - 1);
  if (begin >= text.size()) return {};
  SV rest = text.substr(begin);
  return rest.substr(0, ByteOffset(rest, length));
}

void Replace(SV text, SV search, SV replacement, std::string& out) {
  out.clear();
  if (search.empty()) {
    // Trino puts the replacement before every character and at the end.
    size_t pos = 0;
    out.append(replacement);
    while (pos < text.size()) {
      size_t start = pos;
      DecodeAt(text, pos);
      out.append(text.substr(start, pos - start));
      out.append(replacement);
    }
    return;
  }
  size_t pos = 0;
  while (true) {
    size_t found = text.find(search, pos);
    if (found == SV::npos) break;
    out.append(text.substr(pos, found - pos));
    out.append(replacement);
    pos = found + search.size();
  }
  out.append(text.substr(pos));
}

template <bool kLeft>
void Pad(SV text, int64_t size, SV padding, std::string& out, const char* name) {
  if (size < 0) ThrowInvalid(std::string(name) + ": target size must be non-negative, got " + std::to_string(size));
  if (size > (int64_t{1} << 30)) ThrowInvalid(std::string(name) + ": target size " + std::to_string(size) + " is too large");
  int64_t count = CodePointCount(text);
  out.clear();
  if (count >= size) {
    out.append(text.substr(0, ByteOffset(text, size)));
    return;
  }
  if (padding.empty()) ThrowInvalid(std::string(name) + ": padding string must not be empty");
  int64_t missing = size - count;
  std::string fill;
  size_t pos = 0;
  while (missing > 0) {
    if (pos >= padding.size()) pos = 0;
    size_t start = pos;
    DecodeAt(padding, pos);
    fill.append(padding.substr(start, pos - start));
    --missing;
  }
  if constexpr (kLeft) {
    out = fill;
    out.append(text);
  } else {
    out.append(text);
    out.append(fill);
  }
}

// Binder for concat(varchar, …): any number (≥ 1) of varchar arguments.
std::optional<ScalarFunction> BindConcat(const CallSite& call, std::string name) {
  if (call.argument_types.empty()) return std::nullopt;
  for (size_t i = 0; i < call.argument_types.size(); ++i) {
    if (!IsUntypedNull(call, i) && call.argument_types[i].id() != TypeId::kVarchar) {
      return std::nullopt;
    }
  }
  ScalarFunction function;
  function.name = std::move(name);
  function.arguments.assign(call.argument_types.size(), LogicalType::Varchar());
  function.result = LogicalType::Varchar();
  function.kernel = [](Args args, size_t rows, Vector& out) {
    bool all_valid = PrepareOutput(args, rows, out);
    auto* r = out.data<SV>();
    ForValidRows(out, rows, all_valid, [&](size_t i) {
      size_t total = 0;
      for (const Vector* arg : args) total += arg->data<SV>()[i].size();
      if (total == 0) {
        r[i] = {};
        return;
      }
      char* target = out.heap().Allocate(total);
      size_t offset = 0;
      for (const Vector* arg : args) {
        SV part = arg->data<SV>()[i];
        if (!part.empty()) std::memcpy(target + offset, part.data(), part.size());
        offset += part.size();
      }
      r[i] = SV(target, total);
    });
  };
  return function;
}

// concat_ws(separator, string, …): NULL strings are skipped; a NULL separator gives NULL.
std::optional<ScalarFunction> BindConcatWs(const CallSite& call) {
  if (call.argument_types.size() < 2) return std::nullopt;
  for (size_t i = 0; i < call.argument_types.size(); ++i) {
    if (!IsUntypedNull(call, i) && call.argument_types[i].id() != TypeId::kVarchar) {
      return std::nullopt;
    }
  }
  ScalarFunction function{"concat_ws",
                          std::vector<LogicalType>(call.argument_types.size(), LogicalType::Varchar()),
                          LogicalType::Varchar(), nullptr};
  function.null_in_null_out = false;
  function.kernel = [](Args args, size_t rows, Vector& out) {
    out.Resize(rows);
    out.validity().Reset(rows);
    auto* r = out.data<SV>();
    std::string buffer;
    for (size_t i = 0; i < rows; ++i) {
      if (args[0]->IsNull(i)) {
        out.SetNull(i);
        continue;
      }
      buffer.clear();
      bool first = true;
      for (size_t k = 1; k < args.size(); ++k) {
        if (args[k]->IsNull(i)) continue;
        if (!first) buffer.append(args[0]->data<SV>()[i]);
        buffer.append(args[k]->data<SV>()[i]);
        first = false;
      }
      r[i] = out.heap().Add(buffer);
    }
  };
  return function;
}

}  // namespace

void RegisterStringFunctions(Registry& registry) {
  registry.AddScalar("concat_ws", "concat_ws(varchar, varchar, ...)", BindConcatWs);
  registry.AddFixed("chr", {LogicalType::BigInt()}, LogicalType::Varchar(),
                    [](Args args, size_t rows, Vector& out) {
                      const auto* code = args[0]->data<int64_t>();
                      std::string buffer;
                      StringResultKernel(args, rows, out, [&](size_t i) {
                        if (code[i] < 0 || code[i] > 0x10ffff || (code[i] >= 0xd800 && code[i] <= 0xdfff)) {
                          ThrowInvalid("chr: not a valid Unicode code point: " + std::to_string(code[i]));
                        }
                        buffer.clear();
                        AppendUtf8(buffer, static_cast<uint32_t>(code[i]));
                        return SV(buffer);
                      });
                    });
  registry.AddFixed("codepoint", {LogicalType::Varchar()}, LogicalType::Integer(),
                    [](Args args, size_t rows, Vector& out) {
                      UnaryKernel<SV, int32_t>(args, rows, out, [](SV text) {
                        if (CodePointCount(text) != 1) {
                          ThrowInvalid("codepoint: the argument must be a single character, got '" +
                                       std::string(text) + "'");
                        }
                        size_t pos = 0;
                        return static_cast<int32_t>(DecodeAt(text, pos));
                      });
                    });
  auto V = LogicalType::Varchar();
  auto B = LogicalType::BigInt();
  registry.AddScalar(std::string(op::kConcat), "$concat(varchar, varchar)",
                     [](const CallSite& call) -> std::optional<ScalarFunction> {
                       if (call.argument_types.size() != 2) return std::nullopt;
                       return BindConcat(call, std::string(op::kConcat));
                     });
  registry.AddScalar("concat", "concat(varchar, ...)",
                     [](const CallSite& call) { return BindConcat(call, "concat"); });

  registry.AddFixed("length", {V}, B, [](Args args, size_t rows, Vector& out) {
    UnaryKernel<SV, int64_t>(args, rows, out, [](SV s) { return CodePointCount(s); });
  });
  registry.AddFixed("lower", {V}, V, [](Args args, size_t rows, Vector& out) {
    std::string buffer;
    const auto* a = args[0]->data<SV>();
    StringResultKernel(args, rows, out, [&](size_t i) {
      ChangeCase<false>(a[i], buffer);
      return SV(buffer);
    });
  });
  registry.AddFixed("upper", {V}, V, [](Args args, size_t rows, Vector& out) {
    std::string buffer;
    const auto* a = args[0]->data<SV>();
    StringResultKernel(args, rows, out, [&](size_t i) {
      ChangeCase<true>(a[i], buffer);
      return SV(buffer);
    });
  });
  for (const char* name : {"substr", "substring"}) {
    registry.AddFixed(name, {V, B}, V, [](Args args, size_t rows, Vector& out) {
      const auto* a = args[0]->data<SV>();
      const auto* start = args[1]->data<int64_t>();
      StringResultKernel(args, rows, out,
                         [&](size_t i) { return Substr(a[i], start[i], INT64_MAX); });
    });
    registry.AddFixed(name, {V, B, B}, V, [](Args args, size_t rows, Vector& out) {
      const auto* a = args[0]->data<SV>();
      const auto* start = args[1]->data<int64_t>();
      const auto* length = args[2]->data<int64_t>();
      StringResultKernel(args, rows, out,
                         [&](size_t i) { return Substr(a[i], start[i], length[i]); });
    });
  }
  registry.AddFixed("strpos", {V, V}, B, [](Args args, size_t rows, Vector& out) {
    BinaryKernel<SV, SV, int64_t>(args, rows, out, [](SV s, SV sub) -> int64_t {
      size_t found = s.find(sub);
      return found == SV::npos ? 0 : CodePointCount(s.substr(0, found)) + 1;
    });
  });
  registry.AddFixed("starts_with", {V, V}, LogicalType::Boolean(),
                    [](Args args, size_t rows, Vector& out) {
                      BinaryKernel<SV, SV, uint8_t>(
                          args, rows, out, [](SV s, SV prefix) -> uint8_t { return s.starts_with(prefix); });
                    });
  auto add_trim = [&](const char* name, auto trim_spaces, auto trim_chars) {
    registry.AddFixed(name, {V}, V, [trim_spaces](Args args, size_t rows, Vector& out) {
      const auto* a = args[0]->data<SV>();
      StringResultKernel(args, rows, out, [&](size_t i) { return trim_spaces(a[i]); });
    });
    registry.AddFixed(name, {V, V}, V, [trim_chars](Args args, size_t rows, Vector& out) {
      const auto* a = args[0]->data<SV>();
      const auto* chars = args[1]->data<SV>();
      StringResultKernel(args, rows, out, [&](size_t i) { return trim_chars(a[i], chars[i]); });
    });
  };
  add_trim("trim", TrimSpaces<true, true>, TrimChars<true, true>);
  add_trim("ltrim", TrimSpaces<true, false>, TrimChars<true, false>);
  add_trim("rtrim", TrimSpaces<false, true>, TrimChars<false, true>);
  registry.AddFixed("replace", {V, V}, V, [](Args args, size_t rows, Vector& out) {
    std::string buffer;
    const auto* a = args[0]->data<SV>();
    const auto* search = args[1]->data<SV>();
    StringResultKernel(args, rows, out, [&](size_t i) {
      Replace(a[i], search[i], {}, buffer);
      return SV(buffer);
    });
  });
  registry.AddFixed("replace", {V, V, V}, V, [](Args args, size_t rows, Vector& out) {
    std::string buffer;
    const auto* a = args[0]->data<SV>();
    const auto* search = args[1]->data<SV>();
    const auto* replacement = args[2]->data<SV>();
    StringResultKernel(args, rows, out, [&](size_t i) {
      Replace(a[i], search[i], replacement[i], buffer);
      return SV(buffer);
    });
  });
  registry.AddFixed("split_part", {V, V, B}, V, [](Args args, size_t rows, Vector& out) {
    bool all_valid = PrepareOutput(args, rows, out);
    const auto* a = args[0]->data<SV>();
    const auto* delimiter = args[1]->data<SV>();
    const auto* index = args[2]->data<int64_t>();
    auto* r = out.data<SV>();
    ForValidRows(out, rows, all_valid, [&](size_t i) {
      if (index[i] < 1) {
        ThrowInvalid("split_part: index must be greater than zero, got " +
                     std::to_string(index[i]));
      }
      SV text = a[i];
      SV delim = delimiter[i];
      if (delim.empty()) {  // the whole string is the only part
        if (index[i] == 1) {
          r[i] = out.heap().Add(text);
        } else {
          out.SetNull(i);
        }
        return;
      }
      size_t pos = 0;
      for (int64_t part = 1; part < index[i]; ++part) {
        size_t found = text.find(delim, pos);
        if (found == SV::npos) {
          out.SetNull(i);
          return;
        }
        pos = found + delim.size();
      }
      size_t end = text.find(delim, pos);
      r[i] = out.heap().Add(text.substr(pos, end == SV::npos ? SV::npos : end - pos));
    });
  });
  registry.AddFixed("reverse", {V}, V, [](Args args, size_t rows, Vector& out) {
    std::string buffer;
    const auto* a = args[0]->data<SV>();
    StringResultKernel(args, rows, out, [&](size_t i) {
      SV text = a[i];
      buffer.assign(text.size(), '\0');
      size_t pos = 0;
      while (pos < text.size()) {
        size_t start = pos;
        DecodeAt(text, pos);
        std::memcpy(buffer.data() + text.size() - pos, text.data() + start, pos - start);
      }
      return SV(buffer);
    });
  });
  registry.AddFixed("lpad", {V, B, V}, V, [](Args args, size_t rows, Vector& out) {
    std::string buffer;
    const auto* a = args[0]->data<SV>();
    const auto* size = args[1]->data<int64_t>();
    const auto* padding = args[2]->data<SV>();
    StringResultKernel(args, rows, out, [&](size_t i) {
      Pad<true>(a[i], size[i], padding[i], buffer, "lpad");
      return SV(buffer);
    });
  });
  registry.AddFixed("rpad", {V, B, V}, V, [](Args args, size_t rows, Vector& out) {
    std::string buffer;
    const auto* a = args[0]->data<SV>();
    const auto* size = args[1]->data<int64_t>();
    const auto* padding = args[2]->data<SV>();
    StringResultKernel(args, rows, out, [&](size_t i) {
      Pad<false>(a[i], size[i], padding[i], buffer, "rpad");
      return SV(buffer);
    });
  });
}

}  // namespace basin::sql::fn
