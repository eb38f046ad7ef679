#pragma once

// GroupTable: a linear-probing hash table mapping key tuples to dense group ids 0, 1, 2 …,
// the core of GROUP BY, DISTINCT, set operations and the distinct-aggregate dedupe.
//
// Each slot is one uint64: the upper 32 bits of the key's hash (a salt that rejects most
// mismatches without touching the keys) and group id + 1 (0 = empty). Keys live column-wise
// in a RowStore whose row id is the group id; lookups are vectorized: a pass over a chunk
// claims empty slots for new groups and collects salt-matching candidates, the new groups'
// keys are appended in one batch, then candidates are compared a key column at a time, and
// the mismatches probe on. NULL keys equal NULL keys (GROUP BY semantics).
//
// Not thread-safe: each worker fills its own table; tables are merged afterwards.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "columnar/vector.hpp"
#include "sql/exec/hash_row_store.hpp"

namespace basin::sql {

class GroupTable {
 public:
  static constexpr uint32_t kNoGroup = ~uint32_t{0};

  explicit GroupTable(std::vector<types::LogicalType> key_types);
  GroupTable(GroupTable&&) noexcept = default;
  GroupTable& operator=(GroupTable&&) noexcept = default;

  // For each i in [0, count): the group of row r = sel ? sel[i] : i of `keys` (whose hash is
  // hashes[r]), created when new, written to group_ids[i]. Returns how many groups were new.
  size_t FindOrCreate(std::span<const columnar::Vector* const> keys, const uint64_t* hashes,
                      const uint32_t* sel, size_t count, uint32_t* group_ids);
  // Like FindOrCreate without creating: kNoGroup where the key is absent.
  void Find(std::span<const columnar::Vector* const> keys, const uint64_t* hashes,
            const uint32_t* sel, size_t count, uint32_t* group_ids) const;

  size_t size() const { return store_.size(); }
  const RowStore& store() const { return store_; }
  uint64_t GroupHash(uint32_t group) const { return hashes_[group]; }
  // Every group's hash, indexed by group id.
  const uint64_t* hashes() const { return hashes_.data(); }
  size_t MemoryBytes() const {
    return store_.MemoryBytes() + entries_.capacity() * 8 + hashes_.capacity() * 8;
  }

 private:
  void Grow(size_t min_groups);

  RowStore store_;
  std::vector<uint64_t> entries_;
  std::vector<uint64_t> hashes_;  // per group
  uint64_t mask_ = 0;
  // Scratch, kept to avoid allocating per chunk.
  std::vector<uint64_t> slots_;
  std::vector<uint32_t> remaining_, next_remaining_, candidates_, probe_rows_, keep_, new_rows_;
  std::vector<uint64_t> candidate_ids_;
  std::vector<uint8_t> matched_;
};

}  // namespace basin::sql
