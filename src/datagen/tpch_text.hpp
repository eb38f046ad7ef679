#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "datagen/random.hpp"

namespace basin::datagen::tpch {

// The pseudo-text every TPC-H comment column is cut from (clause 4.2.2.10): sentences made by
// the specification's small grammar (noun phrases, verb phrases, prepositional phrases and
// terminators over fixed word lists), concatenated into one immutable pool. A comment is a
// substring of the pool, so comment vectors point into it instead of copying.
class TextPool {
 public:
  // The process-wide pool (kPoolBytes, built on first use, the same bytes on every run).
  static const TextPool& Get();

  // Builds a pool of `bytes` bytes from the grammar, seeded by `seed`.
  TextPool(size_t bytes, uint64_t seed);

  // "text string[min, max]": a random length in [min, max], at a random offset.
  // REQUIRES: max_length <= size().
  std::string_view Substring(Random& random, int64_t min_length, int64_t max_length) const {
    auto length = static_cast<size_t>(random.Uniform(min_length, max_length));
    auto offset =
        static_cast<size_t>(random.Uniform(0, static_cast<int64_t>(text_->size()) - max_length));
    return std::string_view(*text_).substr(offset, length);
  }

  size_t size() const { return text_->size(); }
  std::string_view text() const { return *text_; }
  // The buffer, for StringHeap::KeepAlive, so vectors can point into it.
  const std::shared_ptr<const std::string>& buffer() const { return text_; }

  static constexpr size_t kPoolBytes = 16 << 20;

 private:
  std::shared_ptr<const std::string> text_;
};

// "v-string[min, max]": `length` random characters of a 64-symbol alphabet (letters, digits,
// ',' and '.'), written to `out`.
void FillRandomCharacters(Random& random, char* out, size_t length);

}  // namespace basin::datagen::tpch
