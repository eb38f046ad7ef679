#pragma once

#include <cstdint>

namespace basin::datagen {

// A small, fast, deterministic random stream (SplitMix64). Generators give every table, column
// group and block of rows its own stream, seeded from their identity, so the values of a row do
// not depend on which thread made it or on what else was generated.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}

  // The stream for one (stream id, block) pair: unrelated seeds for neighbouring blocks.
  static Random ForBlock(uint64_t stream, uint64_t block) {
    return Random(Mix(Mix(stream ^ 0x6A09E667F3BCC909ull) + block));
  }

  uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ull;
    return Mix(state_);
  }

  // Uniform in [low, high], both inclusive. REQUIRES: low <= high.
  int64_t Uniform(int64_t low, int64_t high) {
    uint64_t range = static_cast<uint64_t>(high - low) + 1;
    // Multiply-high maps 64 random bits onto the range without a division; the bias is below
    // 2^-40 for every range a generator uses.
    uint64_t scaled = static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * range) >> 64);
    return low + static_cast<int64_t>(scaled);
  }

  // The SplitMix64 finaliser: a bijective mix of all 64 bits.
  static uint64_t Mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

}  // namespace basin::datagen
