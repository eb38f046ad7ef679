#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace basin {

// True when `text` is well-formed UTF-8: no overlong forms, no surrogates, nothing past
// U+10FFFF. Runs of ASCII are checked eight bytes at a time.
bool IsValidUtf8(std::string_view text);

// Appends the UTF-8 encoding of a code point (REQUIRES: code <= 0x10FFFF).
void AppendUtf8(std::string& out, uint32_t code);

}  // namespace basin
