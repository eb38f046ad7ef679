#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace basin::formats::json {

// Appends `text` as a JSON string literal, quotes included. '"', '\\' and the control
// characters U+0000..U+001F are escaped (\b \f \n \r \t, else \u00XX); everything else is
// copied. Invalid UTF-8 is replaced, one byte at a time, by U+FFFD, so the output is always
// valid JSON in UTF-8.
void AppendJsonString(std::string& out, std::string_view text);

// Appends bytes as a JSON string in DuckDB's BLOB text form, quotes included: printable ASCII
// stays as is except '\\' and '"', every other byte becomes \xHH (written "\\xHH" in JSON).
void AppendJsonBlob(std::string& out, std::string_view bytes);

// Decodes the BLOB text form (after JSON unescaping): \xHH (either case) is one byte, any other
// character is itself. False on a backslash not followed by x and two hex digits.
bool DecodeBlobText(std::string_view text, std::string& out);

// The length of the valid UTF-8 sequence starting at `text[0]` (1..4), or 0 when it is not one
// (stray continuation byte, overlong form, surrogate, past U+10FFFF, truncated).
size_t Utf8SequenceLength(std::string_view text);

// ISO dates and timestamps as columns hold them: types::ParseDate / ParseTimestamp, plus the
// leading '+' that years past 9999 are written with.
std::optional<int32_t> ParseDateText(std::string_view text);
std::optional<int64_t> ParseTimestampText(std::string_view text);

}  // namespace basin::formats::json
