#include "catalog/like_pattern.hpp"

namespace basin::catalog {

namespace {

// Bytes of the UTF-8 sequence starting at text[i] (1 for a stray continuation byte).
size_t CharacterLength(std::string_view text, size_t i) {
  auto lead = static_cast<unsigned char>(text[i]);
  size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return std::min(length, text.size() - i);
}

// Start positions of characters from `pos` to the end of the text, inclusive.
size_t NextStart(std::string_view text, size_t pos) {
  return pos < text.size() ? pos + CharacterLength(text, pos) : pos + 1;
}

}  // namespace

LikePattern::LikePattern(std::string_view pattern, std::optional<char> escape) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    Segment& segment = segments_.back();
    if (escape && c == *escape && i + 1 < pattern.size()) {
      c = pattern[++i];
    } else if (c == '%') {
      segments_.emplace_back();
      continue;
    } else if (c == '_') {
      segment.push_back({true, {}});
      continue;
    }
    if (segment.empty() || segment.back().any_one) segment.push_back({false, {}});
    segment.back().literal.push_back(c);
  }
}

bool LikePattern::Matches(std::string_view text) const {
  // Where `segment` matches at text[pos…]: the end position, or nullopt.
  auto match_at = [&](size_t pos, const Segment& segment) -> std::optional<size_t> {
    for (const auto& item : segment) {
      if (item.any_one) {
        if (pos >= text.size()) return std::nullopt;
        pos += CharacterLength(text, pos);
      } else {
        if (pos + item.literal.size() > text.size() ||
            text.compare(pos, item.literal.size(), item.literal) != 0) {
          return std::nullopt;
        }
        pos += item.literal.size();
      }
    }
    return pos;
  };

  auto first_end = match_at(0, segments_.front());
  if (!first_end) return false;
  if (segments_.size() == 1) return *first_end == text.size();
  size_t pos = *first_end;
  // Segments between two %: the leftmost match leaves the most room for the rest.
  for (size_t s = 1; s + 1 < segments_.size(); ++s) {
    bool found = false;
    for (size_t start = pos; start <= text.size(); start = NextStart(text, start)) {
      if (auto end = match_at(start, segments_[s])) {
        pos = *end;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  // The last segment must end exactly at the end of the text.
  for (size_t start = pos; start <= text.size(); start = NextStart(text, start)) {
    auto end = match_at(start, segments_.back());
    if (end && *end == text.size()) return true;
  }
  return false;
}

}  // namespace basin::catalog
