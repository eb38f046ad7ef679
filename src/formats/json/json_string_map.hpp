#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace basin::formats::json {

// Hash that lets an unordered_map keyed by std::string be searched with a std::string_view
// (object keys come from the parser as views), without building a string per lookup.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

template <typename T>
using StringMap = std::unordered_map<std::string, T, StringViewHash, std::equal_to<>>;

}  // namespace basin::formats::json
