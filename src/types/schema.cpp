#include "types/schema.hpp"

#include <strings.h>

namespace basin::types {

std::optional<size_t> Schema::Find(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    const std::string& candidate = fields_[i].name;
    if (candidate.size() == name.size() &&
        strncasecmp(candidate.data(), name.data(), name.size()) == 0) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace basin::types
