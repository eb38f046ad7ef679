#include "columnar/validity.hpp"

namespace basin::columnar {

void Validity::Resize(size_t rows) {
  rows_ = rows;
  if (!words_.empty()) words_.resize((rows + 63) / 64 + 1, ~uint64_t{0});
}

size_t Validity::CountInvalid(size_t rows) const {
  if (words_.empty()) return 0;
  size_t invalid = 0;
  size_t full_words = rows / 64;
  for (size_t i = 0; i < full_words; ++i) invalid += 64 - __builtin_popcountll(words_[i]);
  for (size_t row = full_words * 64; row < rows; ++row) invalid += IsValid(row) ? 0 : 1;
  return invalid;
}

}  // namespace basin::columnar
