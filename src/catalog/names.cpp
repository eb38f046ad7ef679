#include "catalog/names.hpp"

#include <cstdint>
#include <cstdio>

#include "common/error.hpp"

namespace basin::catalog {

namespace {

// Length of the well-formed UTF-8 sequence at text[i], 0 when it is not one (overlong forms,
// surrogates and code points past U+10FFFF are not).
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  uint8_t lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length;
  uint32_t code_point;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (length == 3 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) {
    return 0;
  }
  if (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) return 0;
  return length;
}

// How a character shows in a message: itself when printable, else \xNN.
std::string Shown(std::string_view character) {
  uint8_t first = static_cast<uint8_t>(character[0]);
  if (character.size() == 1 && (first < 0x20 || first == 0x7F)) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02X", first);
    return buffer;
  }
  return std::string(character);
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string NormalizeName(std::string_view kind, std::string_view name) {
  if (name.empty()) ThrowInvalid(std::string(kind) + " is empty");
  std::string normalized;
  normalized.reserve(name.size());
  size_t position = 0;  // in characters, 1-based in messages
  for (size_t i = 0; i < name.size();) {
    ++position;
    char c = Lower(name[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      normalized.push_back(c);
      ++i;
      continue;
    }
    size_t length = Utf8SequenceLength(name, i);
    std::string shown = length == 0 ? Shown(name.substr(i, 1)) : Shown(name.substr(i, length));
    ThrowInvalid(std::string(kind) + " '" + std::string(name) + "' has the character '" + shown +
                 "' at position " + std::to_string(position) +
                 ": names may hold only a-z, 0-9 and _ (upper case is folded to lower case)");
  }
  if (normalized.size() > kMaxNameLength) {
    ThrowInvalid(std::string(kind) + " '" + normalized.substr(0, 40) + "…' is " +
                 std::to_string(normalized.size()) + " characters long; the limit is " +
                 std::to_string(kMaxNameLength));
  }
  return normalized;
}

std::string NormalizeColumnName(std::string_view name) {
  if (name.empty()) ThrowInvalid("a column name is empty");
  CheckText("column name '" + std::string(name) + "'", name);
  size_t characters = 0;
  std::string normalized;
  normalized.reserve(name.size());
  for (char c : name) {
    if (c == '\t' || c == '\n' || c == '\r') {
      ThrowInvalid("column name '" + std::string(name) + "' holds a tab or line break");
    }
    characters += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
    normalized.push_back(Lower(c));
  }
  if (characters > kMaxNameLength) {
    ThrowInvalid("column name '" + normalized.substr(0, 40) + "…' is " +
                 std::to_string(characters) + " characters long; the limit is " +
                 std::to_string(kMaxNameLength));
  }
  return normalized;
}

QualifiedName ParseQualifiedName(std::string_view text) {
  size_t dot = text.find('.');
  if (dot == std::string_view::npos || text.find('.', dot + 1) != std::string_view::npos) {
    ThrowInvalid("'" + std::string(text) + "' is not a table name of the form DATABASE.TABLE");
  }
  return {NormalizeName("database name", text.substr(0, dot)),
          NormalizeName("table name", text.substr(dot + 1))};
}

void CheckText(std::string_view what, std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      ThrowInvalid(std::string(what) + " is not valid UTF-8 (byte " + std::to_string(i) + ")");
    }
    uint8_t c = static_cast<uint8_t>(text[i]);
    if (length == 1 && (c < 0x20 || c == 0x7F) && c != '\t' && c != '\n' && c != '\r') {
      ThrowInvalid(std::string(what) + " holds the control character " + Shown(text.substr(i, 1)) +
                   " at byte " + std::to_string(i));
    }
    i += length;
  }
}

}  // namespace basin::catalog
