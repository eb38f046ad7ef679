#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace basin::columnar {

// Which rows of a vector are non-NULL: one bit per row, 1 = valid. An empty mask means every
// row is valid, so columns without NULLs cost nothing.
class Validity {
 public:
  bool AllValid() const { return words_.empty(); }
  bool IsValid(size_t row) const {
    return words_.empty() || ((words_[row >> 6] >> (row & 63)) & 1);
  }
  // REQUIRES: row < the size given to the last Resize.
  void SetInvalid(size_t row) {
    if (words_.empty()) Materialize();
    words_[row >> 6] &= ~(uint64_t{1} << (row & 63));
  }
  void SetValid(size_t row) {
    if (!words_.empty()) words_[row >> 6] |= uint64_t{1} << (row & 63);
  }
  void Set(size_t row, bool valid) { valid ? SetValid(row) : SetInvalid(row); }
  // Keeps existing bits; new rows are valid.
  void Resize(size_t rows);
  // Back to "all valid" for `rows` rows.
  void Reset(size_t rows) {
    words_.clear();
    rows_ = rows;
  }
  size_t CountInvalid(size_t rows) const;
  // The raw words, or nullptr when all rows are valid.
  const uint64_t* words() const { return words_.empty() ? nullptr : words_.data(); }
  // Allocates the mask (all valid) so callers may write words directly.
  uint64_t* MutableWords() {
    if (words_.empty()) Materialize();
    return words_.data();
  }

 private:
  void Materialize() { words_.assign((rows_ + 63) / 64 + 1, ~uint64_t{0}); }

  size_t rows_ = 0;
  std::vector<uint64_t> words_;
};

}  // namespace basin::columnar
