#pragma once

// Vectorized hashing of key columns, shared by the hash aggregate, join, set operations and
// window partitioning. Hashes are computed a whole column at a time (one type switch per
// column, then a tight loop) and folded into one 64-bit hash per row.
//
// Equal keys hash equal under the engine's key equality: NULL equals NULL (callers that need
// "NULL never matches" filter those rows out first), -0.0 equals 0.0, every NaN equals every
// NaN, strings compare byte-wise.

#include <cstddef>
#include <cstdint>
#include <span>

#include "columnar/vector.hpp"

namespace basin::sql {

// Hashes rows [0, rows) of `column`. With `combine` false, writes hashes[i]; with true, mixes
// the column's hash into the existing hashes[i].
void HashColumn(const columnar::Vector& column, size_t rows, uint64_t* hashes, bool combine);

// Hashes rows [0, rows) of every column into hashes[0, rows). No columns: every hash is the
// same constant.
void HashColumns(std::span<const columnar::Vector* const> columns, size_t rows,
                 uint64_t* hashes);

// True when row `a_row` of `a` equals row `b_row` of `b` (same type) under key equality.
// The slow path for nested types; flat types have typed loops in the hash tables.
bool KeyValuesEqual(const columnar::Vector& a, size_t a_row, const columnar::Vector& b,
                    size_t b_row);

// Mask of the rows in [0, rows) where any of `columns` is NULL: sets has_null[i] to 1 for
// them (others untouched). Returns whether any row had a NULL.
bool MarkNullRows(std::span<const columnar::Vector* const> columns, size_t rows,
                  uint8_t* has_null);

inline uint64_t MixHash(uint64_t h) {
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  return h;
}

inline uint64_t CombineHash(uint64_t seed, uint64_t h) {
  return MixHash(seed * 0x9e3779b97f4a7c15ULL + h);
}

}  // namespace basin::sql
