// $like(value, pattern [, escape]): SQL LIKE with % (any run) and _ (one character, UTF-8 aware).
// A constant pattern is compiled once at resolution; literal runs are searched with find().
#include <memory>

#include "sql/functions/kernel_util.hpp"
#include "sql/functions/registry.hpp"

namespace basin::sql::fn {

namespace {

inline size_t CodePointLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;  // a stray continuation byte counts as one character
}

class LikePattern {
 public:
  LikePattern(std::string_view pattern, std::optional<char> escape) {
    std::string literal;
    auto flush = [&] {
      if (!literal.empty()) units_.push_back({Kind::kLiteral, std::move(literal)});
      literal.clear();
    };
    for (size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (escape && c == *escape) {
        if (i + 1 == pattern.size() ||
            (pattern[i + 1] != '%' && pattern[i + 1] != '_' && pattern[i + 1] != *escape)) {
          ThrowInvalid("LIKE pattern '" + std::string(pattern) +
                       "': the escape character must be followed by '%', '_' or itself");
        }
        literal.push_back(pattern[++i]);
      } else if (c == '%') {
        flush();
        if (units_.empty() || units_.back().kind != Kind::kMany) units_.push_back({Kind::kMany, {}});
      } else if (c == '_') {
        flush();
        units_.push_back({Kind::kOne, {}});
      } else {
        literal.push_back(c);
      }
    }
    flush();
  }

  bool Matches(std::string_view text) const {
    const size_t n = units_.size();
    size_t t = 0;
    size_t u = 0;
    size_t star = kNone;  // unit index after the last %
    size_t star_text = 0;
    while (true) {
      if (u < n) {
        const Unit& unit = units_[u];
        if (unit.kind == Kind::kMany) {
          star = ++u;
          star_text = t;
          if (u < n && units_[u].kind == Kind::kLiteral) {
            size_t found = text.find(units_[u].literal, t);
            if (found == std::string_view::npos) return false;
            star_text = t = found;
          }
          continue;
        }
        if (t < text.size()) {
          if (unit.kind == Kind::kOne) {
            t += CodePointLength(static_cast<unsigned char>(text[t]));
            ++u;
            continue;
          }
          if (text.compare(t, unit.literal.size(), unit.literal) == 0) {
            t += unit.literal.size();
            ++u;
            continue;
          }
        }
      } else if (t >= text.size()) {
        return true;
      } else if (star == n) {
        return true;  // a trailing % takes the rest
      }
      // Mismatch: let the last % take one more character and retry after it.
      if (star == kNone || star_text >= text.size()) return false;
      u = star;
      if (u < n && units_[u].kind == Kind::kLiteral) {
        size_t found = text.find(units_[u].literal, star_text + 1);
        if (found == std::string_view::npos) return false;
        star_text = found;
      } else {
        star_text += CodePointLength(static_cast<unsigned char>(text[star_text]));
      }
      t = star_text;
    }
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  enum class Kind { kLiteral, kOne, kMany };
  struct Unit {
    Kind kind;
    std::string literal;
  };
  std::vector<Unit> units_;
};

std::optional<char> EscapeOf(std::string_view escape) {
  if (escape.size() != 1) {
    ThrowInvalid("LIKE escape must be a single character, got '" + std::string(escape) + "'");
  }
  return escape[0];
}

std::optional<ScalarFunction> BindLike(const CallSite& call) {
  size_t arity = call.argument_types.size();
  if (arity != 2 && arity != 3) return std::nullopt;
  for (size_t i = 0; i < arity; ++i) {
    if (!IsUntypedNull(call, i) && call.argument_types[i].id() != TypeId::kVarchar) {
      return std::nullopt;
    }
  }
  ScalarFunction function;
  function.name = std::string(op::kLike);
  function.arguments.assign(arity, LogicalType::Varchar());
  function.result = LogicalType::Boolean();
  const types::Value* pattern = ConstantArg(call, 1);
  const types::Value* escape = arity == 3 ? ConstantArg(call, 2) : nullptr;
  bool constant = pattern != nullptr && !pattern->is_null() &&
                  (arity == 2 || (escape != nullptr && !escape->is_null()));
  if (constant) {
    auto compiled = std::make_shared<const LikePattern>(
        pattern->string_value(),
        arity == 3 ? EscapeOf(escape->string_value()) : std::optional<char>());
    function.kernel = [compiled](Args args, size_t rows, Vector& out) {
      bool all_valid = PrepareOutput(args, rows, out);
      const auto* values = args[0]->data<std::string_view>();
      auto* r = out.data<uint8_t>();
      ForValidRows(out, rows, all_valid, [&](size_t i) { r[i] = compiled->Matches(values[i]); });
    };
  } else {
    function.kernel = [arity](Args args, size_t rows, Vector& out) {
      bool all_valid = PrepareOutput(args, rows, out);
      const auto* values = args[0]->data<std::string_view>();
      const auto* patterns = args[1]->data<std::string_view>();
      auto* r = out.data<uint8_t>();
      std::optional<LikePattern> cached;
      std::string cached_text;
      std::string cached_escape;
      ForValidRows(out, rows, all_valid, [&](size_t i) {
        std::string_view escape = arity == 3 ? args[2]->data<std::string_view>()[i] : "";
        if (!cached || cached_text != patterns[i] || cached_escape != escape) {
          cached.emplace(patterns[i], arity == 3 ? EscapeOf(escape) : std::optional<char>());
          cached_text = patterns[i];
          cached_escape = escape;
        }
        r[i] = cached->Matches(values[i]);
      });
    };
  }
  return function;
}

}  // namespace

void RegisterLike(Registry& registry) {
  registry.AddScalar(std::string(op::kLike), "$like(varchar, varchar [, varchar])", BindLike);
}

}  // namespace basin::sql::fn
