#include "crawler/include_path.hpp"

#include <vector>

#include "common/error.hpp"

namespace basin::crawler {

IncludePath::IncludePath(std::string_view text) : text_(text) {
  std::vector<std::string_view> levels;
  size_t start = 0;
  for (;;) {
    size_t slash = text.find('/', start);
    levels.push_back(text.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  bool empty_level = false;
  for (auto level : levels) empty_level |= level.empty();
  if (levels.size() < 2 || levels.size() > 3 || empty_level) {
    ThrowInvalid("include path '" + std::string(text) +
                 "' must be database/table or database/schema/table, each level a name or a "
                 "LIKE pattern with %: movies/%, movies/public/%, movies/public/customer");
  }
  database_ = catalog::LikePattern(levels[0], std::nullopt);
  if (levels.size() == 3) schema_ = catalog::LikePattern(levels[1], std::nullopt);
  table_ = catalog::LikePattern(levels.back(), std::nullopt);
}

}  // namespace basin::crawler
