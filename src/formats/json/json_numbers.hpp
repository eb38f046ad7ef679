#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "types/decimal.hpp"

namespace basin::formats::json {

// Number text, both ways.
//
// simdjson's DOM holds a number as int64, uint64 or double, and rejects the rest. Numbers it
// cannot hold exactly (integers past 64 bits, fractions with more digits than a double keeps,
// exponents past a double's range) and the bare NaN / Infinity / -Infinity tokens DuckDB
// writes are rewritten into "marked" strings before parsing, so the record still parses and
// the exact text reaches DECIMAL and VARCHAR columns. A marked string is "\0#" + the token.

inline bool IsMarkedNumber(std::string_view text) {
  return text.size() > 2 && text[0] == '\0' && text[1] == '#';
}
inline std::string_view MarkedNumberText(std::string_view marked) { return marked.substr(2); }

// Copies `record` into `out` with every such token outside strings replaced by a marked string,
// followed by padding bytes for simdjson (out.size() includes them: the record is the first
// out.size() - padding bytes). Returns false, leaving `out` alone, when nothing needs it.
bool RewriteInexactNumbers(std::string_view record, size_t padding, std::string& out);

// True when `token` is an optional '-' and digits only: no fraction, no exponent.
bool IsIntegerToken(std::string_view token);

// Parses a whole string as an int64 ("-12"); nullopt when it is not one or out of range.
std::optional<int64_t> ParseInt64Text(std::string_view text);
// Parses a whole string as a double: JSON number syntax, also "NaN", "Infinity", "-Infinity"
// (any case, "inf" too). Out-of-range magnitudes become infinity or zero.
std::optional<double> ParseDoubleText(std::string_view text);
// Exact decimal from number text, exponents allowed ("1.5e3"); rounds half away from zero to
// `scale`. nullopt when it is not a number or needs more than `precision` digits.
std::optional<types::int128_t> ParseDecimalText(std::string_view text, int precision, int scale);
// The decimal a double's shortest round-trip text spells (0.1 -> 0.1, not 0.1000000000000000055).
std::optional<types::int128_t> DoubleToDecimal(double value, int precision, int scale);

// JSON text of a double: shortest round-trip digits, always with a '.' or exponent so it reads
// back as a double ("3.0"); NaN and infinities as the strings "NaN", "Infinity", "-Infinity".
void AppendJsonDouble(std::string& out, double value);
void AppendJsonFloat(std::string& out, float value);

}  // namespace basin::formats::json
