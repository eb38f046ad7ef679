#include "crawler/glob_pattern.hpp"

#include <re2/re2.h>

#include "common/error.hpp"

namespace basin::crawler {

namespace {

[[noreturn]] void Fail(std::string_view pattern, size_t position, std::string_view what) {
  ThrowInvalid("exclude pattern '" + std::string(pattern) + "' is invalid at position " +
               std::to_string(position + 1) + ": " + std::string(what));
}

void AppendLiteral(std::string& out, char c) {
  // Escape every byte RE2 could read as syntax; other bytes (UTF-8 included) stand for
  // themselves.
  if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        static_cast<unsigned char>(c) >= 0x80 || c == '_' || c == '/')) {
    out += '\\';
  }
  out += c;
}

// Translates the bracket expression starting at pattern[i] == '['; returns the index past ']'.
size_t TranslateSet(std::string_view pattern, size_t i, std::string& out) {
  size_t start = i++;
  std::string set = "[";
  if (i < pattern.size() && pattern[i] == '!') {
    set += '^';
    ++i;
  }
  bool empty = true;
  // A ']' right after '[' or '[!' is a member, as in shell globs.
  if (i < pattern.size() && pattern[i] == ']') {
    set += "\\]";
    ++i;
    empty = false;
  }
  while (i < pattern.size() && pattern[i] != ']') {
    char c = pattern[i];
    if (c == '\\') {
      if (i + 1 >= pattern.size()) Fail(pattern, i, "a backslash must be followed by a character");
      c = pattern[++i];
      set += '\\';
      set += c;
    } else if (c == '-' && !empty && i + 1 < pattern.size() && pattern[i + 1] != ']') {
      set += '-';
    } else if (c == '[' || c == ']' || c == '^' || c == '-' || c == '\\') {
      set += '\\';
      set += c;
    } else {
      set += c;
    }
    empty = false;
    ++i;
  }
  if (i >= pattern.size()) Fail(pattern, start, "'[' is never closed by ']'");
  if (empty) Fail(pattern, start, "the set [] is empty");
  // A negated set never matches the level separator.
  out += set[1] == '^' ? set + "/]" : set + "]";
  return i + 1;
}

}  // namespace

std::string GlobToRegex(std::string_view pattern) {
  std::string out;
  int group_start = -1;
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    switch (c) {
      case '*':
        if (i + 1 < pattern.size() && pattern[i + 1] == '*') {
          out += ".*";
          i += 2;
          while (i < pattern.size() && pattern[i] == '*') ++i;
        } else {
          out += "[^/]*";
          ++i;
        }
        break;
      case '?':
        out += "[^/]";
        ++i;
        break;
      case '[':
        i = TranslateSet(pattern, i, out);
        break;
      case '{':
        if (group_start >= 0) Fail(pattern, i, "groups {…} cannot be nested");
        group_start = static_cast<int>(i);
        out += "(?:";
        ++i;
        break;
      case ',':
        out += group_start >= 0 ? "|" : ",";
        ++i;
        break;
      case '}':
        if (group_start < 0) {
          AppendLiteral(out, c);
        } else {
          out += ")";
          group_start = -1;
        }
        ++i;
        break;
      case '\\':
        if (i + 1 >= pattern.size()) Fail(pattern, i, "a backslash must be followed by a character");
        AppendLiteral(out, pattern[i + 1]);
        i += 2;
        break;
      default:
        AppendLiteral(out, c);
        ++i;
    }
  }
  if (group_start >= 0) Fail(pattern, static_cast<size_t>(group_start), "'{' is never closed by '}'");
  return out;
}

GlobPattern::GlobPattern(std::string_view pattern)
    : pattern_(pattern), regex_(GlobToRegex(pattern)) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_dot_nl(true);
  re_ = std::make_unique<re2::RE2>(regex_, options);
  if (!re_->ok()) {
    ThrowInvalid("exclude pattern '" + pattern_ + "' is invalid: " + re_->error());
  }
}

GlobPattern::~GlobPattern() = default;
GlobPattern::GlobPattern(GlobPattern&&) noexcept = default;
GlobPattern& GlobPattern::operator=(GlobPattern&&) noexcept = default;

bool GlobPattern::Matches(std::string_view path) const {
  return RE2::FullMatch(re2::StringPiece(path.data(), path.size()), *re_);
}

}  // namespace basin::crawler
