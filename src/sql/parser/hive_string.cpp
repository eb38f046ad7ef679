#include "sql/parser/hive_string.hpp"

#include <cstdint>
#include <cstdio>

#include "common/utf8.hpp"

namespace basin::sql {
namespace {

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string UnescapeHiveString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '\\' || i + 1 == text.size()) {
      out += c;
      continue;
    }
    char next = text[++i];
    if (i + 2 < text.size() && IsOctal(next) && IsOctal(text[i + 1]) && IsOctal(text[i + 2])) {
      int value = (next - '0') * 64 + (text[i + 1] - '0') * 8 + (text[i + 2] - '0');
      if (value <= 0xFF) {
        out += static_cast<char>(value);
        i += 2;
        continue;
      }
    }
    if (next == 'u' && i + 4 < text.size()) {
      uint32_t code = 0;
      bool valid = true;
      for (size_t k = 1; k <= 4; ++k) {
        int digit = HexValue(text[i + k]);
        if (digit < 0) valid = false;
        code = code * 16 + static_cast<uint32_t>(digit < 0 ? 0 : digit);
      }
      if (valid) {
        AppendUtf8(out, code);
        i += 4;
        continue;
      }
    }
    switch (next) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case '0': out += '\0'; break;
      case 'Z': out += '\x1A'; break;
      case '%':
      case '_':
        out += '\\';
        out += next;
        break;
      default: out += next; break;
    }
  }
  return out;
}

std::string EscapeHiveString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '\\':
        // \% and \_ are kept as written by UnescapeHiveString, so they print back unchanged.
        if (i + 1 < text.size() && (text[i + 1] == '%' || text[i + 1] == '_')) {
          out += '\\';
        } else {
          out += "\\\\";
        }
        break;
      case '\'': out += "''"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\%03o", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace basin::sql
