#include "sql/exec/hash_group_table.hpp"

#include <algorithm>

namespace basin::sql {

using columnar::Vector;

namespace {
constexpr size_t kInitialSlots = 1024;
inline uint64_t Salt(uint64_t hash) { return hash >> 32; }
}  // namespace

GroupTable::GroupTable(std::vector<types::LogicalType> key_types)
    : store_(std::move(key_types)) {
  entries_.assign(kInitialSlots, 0);
  mask_ = kInitialSlots - 1;
}

void GroupTable::Grow(size_t min_groups) {
  // Keep the load at or below one half.
  size_t want = entries_.size();
  while (want < min_groups * 2) want *= 2;
  if (want == entries_.size()) return;
  entries_.assign(want, 0);
  mask_ = want - 1;
  for (size_t g = 0; g < hashes_.size(); ++g) {
    uint64_t h = hashes_[g];
    uint64_t slot = h & mask_;
    while (entries_[slot] != 0) slot = (slot + 1) & mask_;
    entries_[slot] = (Salt(h) << 32) | (g + 1);
  }
}

size_t GroupTable::FindOrCreate(std::span<const Vector* const> keys, const uint64_t* hashes,
                                const uint32_t* sel, size_t count, uint32_t* group_ids) {
  Grow(size() + count);
  slots_.resize(count);
  remaining_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    remaining_[i] = static_cast<uint32_t>(i);
    slots_[i] = hashes[sel ? sel[i] : i] & mask_;
    // The probe below waits on these loads otherwise: a table past the caches misses on
    // almost every row.
    __builtin_prefetch(&entries_[slots_[i]]);
  }
  size_t remaining = count;
  size_t created = 0;
  candidates_.resize(count);
  candidate_ids_.resize(count);
  probe_rows_.resize(count);
  keep_.resize(count);
  matched_.resize(count);
  new_rows_.resize(count);
  next_remaining_.resize(count);
  while (remaining > 0) {
    size_t candidate_count = 0;
    size_t new_count = 0;
    const size_t base = size();
    for (size_t k = 0; k < remaining; ++k) {
      const uint32_t i = remaining_[k];
      const uint32_t row = sel ? sel[i] : i;
      const uint64_t h = hashes[row];
      const uint64_t salt = Salt(h);
      uint64_t slot = slots_[i];
      while (true) {
        const uint64_t entry = entries_[slot];
        if (entry == 0) {
          const uint64_t group = base + new_count;
          entries_[slot] = (salt << 32) | (group + 1);
          group_ids[i] = static_cast<uint32_t>(group);
          new_rows_[new_count++] = row;
          hashes_.push_back(h);
          break;
        }
        if ((entry >> 32) == salt) {
          candidates_[candidate_count] = i;
          candidate_ids_[candidate_count] = (entry & 0xffffffffULL) - 1;
          probe_rows_[candidate_count] = row;
          ++candidate_count;
          break;
        }
        slot = (slot + 1) & mask_;
      }
      slots_[i] = slot;
    }
    if (new_count > 0) {
      store_.Append(keys, new_rows_.data(), new_count);
      created += new_count;
    }
    // Compare the candidates a key column at a time; survivors are matches.
    size_t keep_count = candidate_count;
    for (size_t k = 0; k < candidate_count; ++k) keep_[k] = static_cast<uint32_t>(k);
    for (size_t c = 0; c < keys.size() && keep_count > 0; ++c) {
      store_.MatchColumn(c, *keys[c], probe_rows_.data(), candidate_ids_.data(), keep_.data(),
                         keep_count);
    }
    std::fill(matched_.begin(), matched_.begin() + candidate_count, 0);
    for (size_t k = 0; k < keep_count; ++k) {
      const uint32_t c = keep_[k];
      matched_[c] = 1;
      group_ids[candidates_[c]] = static_cast<uint32_t>(candidate_ids_[c]);
    }
    size_t next = 0;
    for (size_t c = 0; c < candidate_count; ++c) {
      if (matched_[c]) continue;
      const uint32_t i = candidates_[c];
      slots_[i] = (slots_[i] + 1) & mask_;
      next_remaining_[next++] = i;
    }
    std::swap(remaining_, next_remaining_);
    remaining = next;
  }
  return created;
}

void GroupTable::Find(std::span<const Vector* const> keys, const uint64_t* hashes,
                      const uint32_t* sel, size_t count, uint32_t* group_ids) const {
  std::vector<uint64_t> slots(count);
  std::vector<uint32_t> remaining(count), next_remaining(count), candidates(count),
      probe_rows(count), keep(count);
  std::vector<uint64_t> candidate_ids(count);
  std::vector<uint8_t> matched(count);
  for (size_t i = 0; i < count; ++i) {
    remaining[i] = static_cast<uint32_t>(i);
    slots[i] = hashes[sel ? sel[i] : i] & mask_;
    __builtin_prefetch(&entries_[slots[i]]);
  }
  size_t remaining_count = count;
  while (remaining_count > 0) {
    size_t candidate_count = 0;
    for (size_t k = 0; k < remaining_count; ++k) {
      const uint32_t i = remaining[k];
      const uint32_t row = sel ? sel[i] : i;
      const uint64_t salt = Salt(hashes[row]);
      uint64_t slot = slots[i];
      while (true) {
        const uint64_t entry = entries_[slot];
        if (entry == 0) {
          group_ids[i] = kNoGroup;
          break;
        }
        if ((entry >> 32) == salt) {
          candidates[candidate_count] = i;
          candidate_ids[candidate_count] = (entry & 0xffffffffULL) - 1;
          probe_rows[candidate_count] = row;
          ++candidate_count;
          break;
        }
        slot = (slot + 1) & mask_;
      }
      slots[i] = slot;
    }
    size_t keep_count = candidate_count;
    for (size_t k = 0; k < candidate_count; ++k) keep[k] = static_cast<uint32_t>(k);
    for (size_t c = 0; c < keys.size() && keep_count > 0; ++c) {
      store_.MatchColumn(c, *keys[c], probe_rows.data(), candidate_ids.data(), keep.data(),
                         keep_count);
    }
    std::fill(matched.begin(), matched.begin() + candidate_count, 0);
    for (size_t k = 0; k < keep_count; ++k) {
      matched[keep[k]] = 1;
      group_ids[candidates[keep[k]]] = static_cast<uint32_t>(candidate_ids[keep[k]]);
    }
    size_t next = 0;
    for (size_t c = 0; c < candidate_count; ++c) {
      if (matched[c]) continue;
      const uint32_t i = candidates[c];
      slots[i] = (slots[i] + 1) & mask_;
      next_remaining[next++] = i;
    }
    std::swap(remaining, next_remaining);
    remaining_count = next;
  }
}

}  // namespace basin::sql
