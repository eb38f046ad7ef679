// regexp_like, regexp_extract, regexp_replace over RE2 (linear-time matching, UTF-8). A
// constant pattern is compiled once at resolution; per-row patterns are cached while they
// repeat. Replacements use Trino's syntax ($1, ${name}, \$ for a dollar) translated to RE2's.
#include <re2/re2.h>

#include <memory>

#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

using SV = std::string_view;

std::shared_ptr<const RE2> Compile(SV pattern, const char* function) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) {
    ThrowInvalid(std::string(function) + ": invalid regular expression '" + std::string(pattern) +
                 "': " + re->error());
  }
  return re;
}

// Hands out the compiled pattern of row i: the constant one, or a cache of the last row's.
class PatternSource {
 public:
  PatternSource(std::shared_ptr<const RE2> constant, const char* function)
      : constant_(std::move(constant)), function_(function) {}
  const RE2& Get(SV pattern) {
    if (constant_) return *constant_;
    if (!cached_ || pattern != cached_text_) {
      cached_ = Compile(pattern, function_);
      cached_text_ = pattern;
    }
    return *cached_;
  }

 private:
  std::shared_ptr<const RE2> constant_;
  const char* function_;
  std::shared_ptr<const RE2> cached_;
  std::string cached_text_;
};

// The constant pattern of argument 1, compiled, or null.
std::shared_ptr<const RE2> ConstantPattern(const CallSite& call, const char* function) {
  const types::Value* value = ConstantArg(call, 1);
  if (value == nullptr || value->is_null()) return nullptr;
  return Compile(value->string_value(), function);
}

// Trino's replacement syntax to RE2's rewrite string.
std::string TranslateReplacement(SV replacement, const RE2& re) {
  std::string rewrite;
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c == '\\') {
      if (i + 1 == replacement.size()) ThrowInvalid("regexp_replace: replacement ends with '\\'");
      char next = replacement[++i];
      if (next == '\\') {
        rewrite += "\\\\";
      } else {
        rewrite.push_back(next);
      }
    } else if (c == '$') {
      if (i + 1 < replacement.size() && replacement[i + 1] == '{') {
        size_t end = replacement.find('}', i + 2);
        if (end == SV::npos) ThrowInvalid("regexp_replace: unterminated group name in replacement");
        std::string name(replacement.substr(i + 2, end - i - 2));
        const auto& groups = re.NamedCapturingGroups();
        auto found = groups.find(name);
        if (found == groups.end()) {
          ThrowInvalid("regexp_replace: no group named '" + name + "' in the pattern");
        }
        rewrite += "\\" + std::to_string(found->second);
        i = end;
      } else if (i + 1 < replacement.size() && replacement[i + 1] >= '0' && replacement[i + 1] <= '9') {
        int group = replacement[++i] - '0';
        if (group > re.NumberOfCapturingGroups()) {
          ThrowInvalid("regexp_replace: pattern has " + std::to_string(re.NumberOfCapturingGroups()) +
                       " groups; cannot refer to group " + std::to_string(group));
        }
        rewrite += "\\" + std::to_string(group);
      } else {
        ThrowInvalid("regexp_replace: illegal group reference in replacement '" +
                     std::string(replacement) + "'");
      }
    } else {
      rewrite.push_back(c);
    }
  }
  return rewrite;
}

bool IsVarcharCall(const CallSite& call, size_t arity, bool last_is_integer) {
  if (call.argument_types.size() != arity) return false;
  for (size_t i = 0; i < arity; ++i) {
    if (IsUntypedNull(call, i)) continue;
    bool integer_slot = last_is_integer && i == arity - 1;
    if (integer_slot ? !call.argument_types[i].IsInteger()
                     : call.argument_types[i].id() != TypeId::kVarchar) {
      return false;
    }
  }
  return true;
}

std::optional<ScalarFunction> BindLike(const CallSite& call) {
  if (!IsVarcharCall(call, 2, false)) return std::nullopt;
  auto constant = ConstantPattern(call, "regexp_like");
  ScalarFunction function{"regexp_like", {LogicalType::Varchar(), LogicalType::Varchar()},
                          LogicalType::Boolean(), nullptr};
  function.kernel = [constant](Args args, size_t rows, Vector& out) {
    PatternSource patterns(constant, "regexp_like");
    BinaryKernel<SV, SV, uint8_t>(args, rows, out, [&](SV value, SV p) -> uint8_t {
      return RE2::PartialMatch(re2::StringPiece(value.data(), value.size()), patterns.Get(p));
    });
  };
  return function;
}

std::optional<ScalarFunction> BindExtract(const CallSite& call) {
  size_t arity = call.argument_types.size();
  if (!IsVarcharCall(call, 2, false) && !IsVarcharCall(call, 3, true)) return std::nullopt;
  auto constant = ConstantPattern(call, "regexp_extract");
  ScalarFunction function{"regexp_extract", {LogicalType::Varchar(), LogicalType::Varchar()},
                          LogicalType::Varchar(), nullptr};
  if (arity == 3) function.arguments.push_back(LogicalType::BigInt());
  function.kernel = [constant, arity](Args args, size_t rows, Vector& out) {
    PatternSource patterns(constant, "regexp_extract");
    bool all_valid = PrepareOutput(args, rows, out);
    const auto* text = args[0]->data<SV>();
    const auto* pattern = args[1]->data<SV>();
    auto* r = out.data<SV>();
    std::vector<re2::StringPiece> groups;
    ForValidRows(out, rows, all_valid, [&](size_t i) {
      const RE2& re = patterns.Get(pattern[i]);
      int64_t group = arity == 3 ? args[2]->data<int64_t>()[i] : 0;
      if (group < 0 || group > re.NumberOfCapturingGroups()) {
        ThrowInvalid("regexp_extract: pattern has " + std::to_string(re.NumberOfCapturingGroups()) +
                     " groups; cannot access group " + std::to_string(group));
      }
      groups.assign(static_cast<size_t>(group) + 1, re2::StringPiece());
      re2::StringPiece input(text[i].data(), text[i].size());
      if (!re.Match(input, 0, input.size(), RE2::UNANCHORED, groups.data(),
                    static_cast<int>(groups.size())) ||
          groups[group].data() == nullptr) {
        out.SetNull(i);
        return;
      }
      r[i] = out.heap().Add(SV(groups[group].data(), groups[group].size()));
    });
  };
  return function;
}

std::optional<ScalarFunction> BindReplace(const CallSite& call) {
  size_t arity = call.argument_types.size();
  if (!IsVarcharCall(call, 2, false) && !IsVarcharCall(call, 3, false)) return std::nullopt;
  auto constant = ConstantPattern(call, "regexp_replace");
  // A constant replacement with a constant pattern is translated once.
  std::optional<std::string> constant_rewrite;
  if (arity == 2 && constant) constant_rewrite = "";
  if (arity == 3 && constant) {
    const types::Value* value = ConstantArg(call, 2);
    if (value != nullptr && !value->is_null()) {
      constant_rewrite = TranslateReplacement(value->string_value(), *constant);
    }
  }
  ScalarFunction function{"regexp_replace",
                          std::vector<LogicalType>(arity, LogicalType::Varchar()),
                          LogicalType::Varchar(), nullptr};
  function.kernel = [constant, constant_rewrite, arity](Args args, size_t rows, Vector& out) {
    PatternSource patterns(constant, "regexp_replace");
    const auto* text = args[0]->data<SV>();
    const auto* pattern = args[1]->data<SV>();
    std::string buffer;
    StringResultKernel(args, rows, out, [&](size_t i) {
      const RE2& re = patterns.Get(pattern[i]);
      std::string rewrite = constant_rewrite ? *constant_rewrite
                            : arity == 3     ? TranslateReplacement(args[2]->data<SV>()[i], re)
                                             : std::string();
      buffer.assign(text[i]);
      RE2::GlobalReplace(&buffer, re, rewrite);
      return SV(buffer);
    });
  };
  return function;
}

}  // namespace

void RegisterRegexFunctions(Registry& registry) {
  registry.AddScalar("regexp_like", "regexp_like(varchar, varchar)", BindLike);
  registry.AddScalar("regexp_extract",
                     "regexp_extract(varchar, varchar), regexp_extract(varchar, varchar, bigint)",
                     BindExtract);
  registry.AddScalar("regexp_replace",
                     "regexp_replace(varchar, varchar), regexp_replace(varchar, varchar, varchar)",
                     BindReplace);
}

}  // namespace basin::sql::fn
