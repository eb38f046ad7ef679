#include "sql/exec/hash_join.hpp"

#include <algorithm>
#include <atomic>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "sql/exec/hash_keys.hpp"
#include "sql/exec/hash_row_store.hpp"
#include "sql/exec/selection.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;

const char* HashJoinKindName(HashJoinKind kind) {
  switch (kind) {
    case HashJoinKind::kInner: return "INNER";
    case HashJoinKind::kLeft: return "LEFT";
    case HashJoinKind::kRight: return "RIGHT";
    case HashJoinKind::kFull: return "FULL";
    case HashJoinKind::kSemi: return "SEMI";
    case HashJoinKind::kAnti: return "ANTI";
    case HashJoinKind::kAntiNullAware: return "ANTI NULL-AWARE";
    case HashJoinKind::kMark: return "MARK";
    case HashJoinKind::kSingle: return "SINGLE";
    case HashJoinKind::kIntersectAll: return "INTERSECT ALL";
    case HashJoinKind::kExceptAll: return "EXCEPT ALL";
    case HashJoinKind::kUnionAll: return "UNION ALL";
  }
  return "?";
}

namespace {

constexpr size_t kBatch = columnar::kChunkRows;
// Chain pointers (bucket heads, `next` entries) hold id + 1 in the low 48 bits (0: end of
// chain) and the top 16 bits of the pointed-to row's hash, so a probe skips most rows of a
// chain without touching them.
constexpr uint64_t kNoRow = 0;
constexpr uint64_t kIdMask = (uint64_t{1} << 48) - 1;
inline uint64_t SaltOf(uint64_t hash) { return hash >> 48; }
inline uint64_t Pointer(uint64_t id, uint64_t hash) { return (SaltOf(hash) << 48) | (id + 1); }

bool EmitsPairs(HashJoinKind kind) {
  return kind == HashJoinKind::kInner || kind == HashJoinKind::kLeft ||
         kind == HashJoinKind::kRight || kind == HashJoinKind::kFull ||
         kind == HashJoinKind::kSingle;
}

struct JoinLocal : LocalSinkState {
  std::unique_ptr<RowStore> store;
  std::vector<uint64_t> hashes;     // per stored row
  std::vector<uint8_t> null_keys;   // per stored row: a non-null-equal key is NULL
  std::unique_ptr<ExprInputs::State> keys;
  std::vector<uint64_t> chunk_hashes;
  std::vector<uint8_t> chunk_nulls;
  std::vector<uint32_t> sel;
  bool has_null_key = false;
  size_t reserved = 0;
};

struct JoinGlobal : GlobalSinkState {
  std::vector<std::unique_ptr<JoinLocal>> locals;
  // After Finalize.
  std::vector<SegmentColumn> columns;  // per store column
  std::vector<uint32_t> segment_sizes;
  // Per segment: its rows' hashes and NULL-key flags, in the worker's arrays.
  std::vector<const uint64_t*> segment_hashes;
  std::vector<const uint8_t*> segment_null_keys;
  std::vector<uint64_t> next;    // per id: chain pointer to the next row
  // Keeps every store's string bytes alive for output vectors that point into them.
  std::shared_ptr<const void> strings;
  std::vector<uint64_t> buckets;
  uint64_t mask = 0;
  std::vector<uint8_t> matched;  // per id
  size_t rows = 0;
  bool has_null_key = false;

  // The id after `id` in storage order, + 1; kNoRow past the end.
  uint64_t NextInOrder(uint64_t id) const {
    uint64_t segment = id >> RowStore::kSegmentShift;
    uint64_t row = (id & (RowStore::kSegmentRows - 1)) + 1;
    while (segment < segment_sizes.size()) {
      if (row < segment_sizes[segment]) return ((segment << RowStore::kSegmentShift) | row) + 1;
      ++segment;
      row = 0;
    }
    return kNoRow;
  }
  uint64_t FirstInOrder() const {
    for (uint64_t s = 0; s < segment_sizes.size(); ++s) {
      if (segment_sizes[s] > 0) return (s << RowStore::kSegmentShift) + 1;
    }
    return kNoRow;
  }
};

struct FinalSource : GlobalSourceState {
  std::atomic<size_t> next_segment{0};
};

}  // namespace

struct HashJoin::Probe : OperatorState {
  std::unique_ptr<ExprInputs::State> keys;
  bool active = false;
  size_t rows = 0;
  std::vector<uint32_t> walking;  // rows whose chain has entries left
  std::vector<uint64_t> hashes, pointers;
  std::vector<uint8_t> found, null_key;
  std::vector<uint32_t> candidate_rows, keep, pair_rows, out_rows;
  std::vector<uint64_t> candidate_ids, pair_ids;
  DataChunk pairs;
  std::unique_ptr<ExpressionEvaluator> residual;
  Selection selection;
  std::vector<uint8_t> marks;
};

HashJoin::HashJoin(std::vector<LogicalType> types, Spec spec, std::vector<LogicalType> probe_types,
                   std::vector<LogicalType> build_types)
    : PhysicalOperator(std::move(types)), spec_(std::move(spec)), probe_types_(std::move(probe_types)) {
  for (size_t k = 0; k < spec_.build_keys.size(); ++k) store_types_.push_back(spec_.build_keys.type(k));
  for (uint32_t c : spec_.build_payload) store_types_.push_back(build_types.at(c));
  keep_null_keys_ = spec_.kind == HashJoinKind::kRight || spec_.kind == HashJoinKind::kFull ||
                    spec_.kind == HashJoinKind::kUnionAll;
  if (spec_.probe_keys.size() != spec_.build_keys.size()) ThrowInternal("join key count mismatch");
  for (const OutputColumn& output : spec_.outputs) {
    size_t from = 0;
    if (output.source == OutputColumn::kProbe) {
      auto at = std::find(spec_.probe_payload.begin(), spec_.probe_payload.end(), output.index);
      from = static_cast<size_t>(at - spec_.probe_payload.begin());
      if (at == spec_.probe_payload.end() && EmitsPairs(spec_.kind)) {
        ThrowInternal("join output column missing from the probe payload");
      }
    } else if (output.source == OutputColumn::kBuild) {
      from = spec_.probe_payload.size() + output.index;
    }
    pair_columns_.push_back(from);
  }
  for (size_t k = 0; k < spec_.probe_keys.size(); ++k) {
    if (spec_.probe_keys.type(k) != spec_.build_keys.type(k)) {
      ThrowInternal("join key " + std::to_string(k) + " compares " +
                    spec_.probe_keys.type(k).ToString() + " with " +
                    spec_.build_keys.type(k).ToString() + " (the binder must cast)");
    }
  }
}

std::string HashJoin::Describe() const {
  std::string text = std::string(spec_.probe_keys.size() == 0 && spec_.kind != HashJoinKind::kUnionAll
                                     ? "NestedLoopJoin "
                                     : "HashJoin ") +
                     HashJoinKindName(spec_.kind);
  if (!spec_.text.empty()) text += " [" + spec_.text + "]";
  return text;
}

// ---- Build -----------------------------------------------------------------------------------

std::unique_ptr<GlobalSinkState> HashJoin::InitGlobalSink(ExecContext&) const {
  return std::make_unique<JoinGlobal>();
}

std::unique_ptr<LocalSinkState> HashJoin::InitLocalSink(ExecContext&, GlobalSinkState&) const {
  auto local = std::make_unique<JoinLocal>();
  local->store = std::make_unique<RowStore>(store_types_);
  local->keys = spec_.build_keys.MakeState();
  return local;
}

void HashJoin::Sink(ExecContext& context, DataChunk& in, GlobalSinkState&,
                    LocalSinkState& local_state) const {
  auto& local = static_cast<JoinLocal&>(local_state);
  const size_t rows = in.size();
  if (rows == 0) return;
  spec_.build_keys.Evaluate(in, *local.keys);
  auto keys = local.keys->vectors();
  std::vector<const Vector*> columns(keys.begin(), keys.end());
  for (uint32_t c : spec_.build_payload) columns.push_back(&in.column(c));
  local.chunk_hashes.resize(rows);
  HashColumns(keys, rows, local.chunk_hashes.data());
  local.chunk_nulls.assign(rows, 0);
  bool any_null = false;
  for (size_t k = 0; k < keys.size(); ++k) {
    if (spec_.null_equal[k]) continue;
    const Vector* key = keys[k];
    any_null |= MarkNullRows(std::span<const Vector* const>(&key, 1), rows,
                             local.chunk_nulls.data());
  }
  local.has_null_key |= any_null;
  local.sel.clear();
  for (uint32_t r = 0; r < rows; ++r) {
    if (keep_null_keys_ || !local.chunk_nulls[r]) local.sel.push_back(r);
  }
  if (local.sel.empty()) return;
  local.store->Append(columns, local.sel.data(), local.sel.size());
  for (uint32_t r : local.sel) {
    local.hashes.push_back(local.chunk_hashes[r]);
    local.null_keys.push_back(local.chunk_nulls[r]);
  }
  size_t bytes = local.store->MemoryBytes() + local.hashes.capacity() * 9;
  if (bytes > local.reserved) {
    context.Reserve(bytes - local.reserved, "hash join build");
    local.reserved = bytes;
  }
}

void HashJoin::Combine(ExecContext&, GlobalSinkState& global_state,
                       LocalSinkState& local_state) const {
  auto& global = static_cast<JoinGlobal&>(global_state);
  auto& local = static_cast<JoinLocal&>(local_state);
  auto moved = std::make_unique<JoinLocal>();
  moved->store = std::move(local.store);
  moved->hashes = std::move(local.hashes);
  moved->null_keys = std::move(local.null_keys);
  moved->has_null_key = local.has_null_key;
  global.locals.push_back(std::move(moved));
}

void HashJoin::Finalize(ExecContext& context, GlobalSinkState& global_state) const {
  auto& global = static_cast<JoinGlobal&>(global_state);
  global.columns.assign(store_types_.size(), {});
  size_t segments = 0;
  for (const auto& local : global.locals) {
    segments += local->store->segment_count();
    global.has_null_key |= local->has_null_key;
    global.rows += local->store->size();
  }
  const size_t ids = segments << RowStore::kSegmentShift;
  global.segment_sizes.reserve(segments);
  auto strings = std::make_shared<std::vector<std::shared_ptr<const void>>>();
  for (auto& local : global.locals) {
    for (size_t c = spec_.build_keys.size(); c < store_types_.size(); ++c) {
      if (store_types_[c].physical() != types::PhysicalType::kString) continue;
      for (size_t s = 0; s < local->store->segment_count(); ++s) {
        strings->push_back(local->store->ShareStrings(s, c));
      }
    }
  }
  global.strings = std::move(strings);
  for (const auto& local : global.locals) {
    const RowStore& store = *local->store;
    for (size_t c = 0; c < store_types_.size(); ++c) store.CollectSegments(c, global.columns[c]);
    for (size_t s = 0; s < store.segment_count(); ++s) {
      global.segment_sizes.push_back(static_cast<uint32_t>(store.SegmentSize(s)));
      global.segment_hashes.push_back(&local->hashes[s << RowStore::kSegmentShift]);
      global.segment_null_keys.push_back(&local->null_keys[s << RowStore::kSegmentShift]);
    }
  }
  if (HasFinalSource() || spec_.kind == HashJoinKind::kIntersectAll ||
      spec_.kind == HashJoinKind::kExceptAll) {
    global.matched.assign(ids, 0);
  }
  context.Reserve(ids, "hash join directory");
  if (spec_.build_keys.size() == 0 || spec_.kind == HashJoinKind::kUnionAll) return;
  size_t bucket_count = 1024;
  while (bucket_count < global.rows) bucket_count *= 2;
  global.buckets.assign(bucket_count, kNoRow);
  global.mask = bucket_count - 1;
  global.next.assign(ids, kNoRow);
  context.Reserve(bucket_count * 8 + ids * 8, "hash join directory");
  ThreadPool::Shared().ParallelFor(segments, [&](size_t segment) {
    const size_t base = segment << RowStore::kSegmentShift;
    const uint64_t* hashes = global.segment_hashes[segment];
    const uint8_t* null_keys = global.segment_null_keys[segment];
    for (size_t r = 0; r < global.segment_sizes[segment]; ++r) {
      if (null_keys[r]) continue;  // never matches
      const uint64_t id = base + r;
      const uint64_t pointer = Pointer(id, hashes[r]);
      std::atomic_ref<uint64_t> head(global.buckets[hashes[r] & global.mask]);
      uint64_t old = head.load(std::memory_order_relaxed);
      do {
        global.next[id] = old;
      } while (!head.compare_exchange_weak(old, pointer, std::memory_order_release,
                                           std::memory_order_relaxed));
    }
  });
}

// ---- Probe -----------------------------------------------------------------------------------

std::unique_ptr<OperatorState> HashJoin::InitOperatorState(ExecContext&) const {
  auto probe = std::make_unique<Probe>();
  probe->keys = spec_.probe_keys.MakeState();
  std::vector<LogicalType> pair_types;
  for (uint32_t c : spec_.probe_payload) pair_types.push_back(probe_types_[c]);
  for (size_t b = 0; b < spec_.build_payload.size(); ++b) {
    pair_types.push_back(store_types_[spec_.build_keys.size() + b]);
  }
  InitChunk(probe->pairs, pair_types);
  if (spec_.residual) probe->residual = std::make_unique<ExpressionEvaluator>(*spec_.residual);
  probe->candidate_rows.resize(kBatch);
  probe->candidate_ids.resize(kBatch);
  probe->keep.resize(kBatch);
  return probe;
}

void HashJoin::StartProbe(DataChunk& in, Probe& probe) const {
  const auto& global = static_cast<const JoinGlobal&>(*sink_state);
  const size_t rows = in.size();
  probe.active = true;
  probe.rows = rows;
  probe.walking.clear();
  probe.found.assign(rows, 0);
  probe.null_key.assign(rows, 0);
  probe.pointers.assign(rows, kNoRow);
  if (spec_.kind == HashJoinKind::kUnionAll) return;
  if (spec_.probe_keys.size() == 0) {
    const uint64_t first = global.FirstInOrder();
    if (first == kNoRow) return;
    for (uint32_t r = 0; r < rows; ++r) {
      probe.pointers[r] = first;
      probe.walking.push_back(r);
    }
    return;
  }
  spec_.probe_keys.Evaluate(in, *probe.keys);
  auto keys = probe.keys->vectors();
  probe.hashes.resize(rows);
  HashColumns(keys, rows, probe.hashes.data());
  for (size_t k = 0; k < keys.size(); ++k) {
    if (spec_.null_equal[k]) continue;
    const Vector* key = keys[k];
    MarkNullRows(std::span<const Vector* const>(&key, 1), rows, probe.null_key.data());
  }
  if (global.buckets.empty()) return;
  for (uint32_t r = 0; r < rows; ++r) {
    __builtin_prefetch(&global.buckets[probe.hashes[r] & global.mask]);
  }
  for (uint32_t r = 0; r < rows; ++r) {
    if (probe.null_key[r]) continue;
    const uint64_t head = global.buckets[probe.hashes[r] & global.mask];
    probe.pointers[r] = head;
    if (head != kNoRow) probe.walking.push_back(r);
  }
}

// Walks the chains of all walking rows one step per round, so the rows' (random) loads
// overlap instead of waiting on each other, until kBatch candidates are collected.
size_t HashJoin::CollectCandidates(Probe& probe) const {
  const auto& global = static_cast<const JoinGlobal&>(*sink_state);
  const bool no_keys = spec_.probe_keys.size() == 0;
  size_t count = 0;
  while (!probe.walking.empty() && count < kBatch) {
    size_t kept = 0;
    for (size_t w = 0; w < probe.walking.size(); ++w) {
      const uint32_t r = probe.walking[w];
      uint64_t pointer = probe.pointers[r];
      if (pointer == kNoRow) continue;  // finished early (a semi join's first match)
      if (count == kBatch) {
        probe.walking[kept++] = r;
        continue;
      }
      const uint64_t id = (pointer & kIdMask) - 1;
      if (no_keys) {
        pointer = global.NextInOrder(id);
        probe.candidate_rows[count] = r;
        probe.candidate_ids[count] = id;
        ++count;
      } else {
        const bool same = (pointer >> 48) == SaltOf(probe.hashes[r]);
        pointer = global.next[id];
        probe.candidate_rows[count] = r;
        probe.candidate_ids[count] = id;
        count += same ? 1 : 0;
      }
      probe.pointers[r] = pointer;
      if (pointer != kNoRow) probe.walking[kept++] = r;
    }
    probe.walking.resize(kept);
  }
  return count;
}

void HashJoin::PrepareOut(DataChunk& out) const {
  if (out.column_count() != types().size()) {
    InitChunk(out, types());
  } else {
    out.Reset();
  }
}

// Output of probe rows `rows` of `in`, build columns NULL, marks (when given) in the mark
// column.
void HashJoin::EmitProbeRows(DataChunk& in, const std::vector<uint32_t>& rows,
                             const std::vector<uint8_t>* marks, Probe&, DataChunk& out) const {
  PrepareOut(out);
  const size_t count = rows.size();
  for (size_t j = 0; j < spec_.outputs.size(); ++j) {
    const OutputColumn& output = spec_.outputs[j];
    Vector& column = out.column(j);
    switch (output.source) {
      case OutputColumn::kProbe:
        GatherVector(in.column(output.index), rows.data(), count, column);
        break;
      case OutputColumn::kBuild:
        column.Resize(count);
        for (size_t i = 0; i < count; ++i) column.SetNull(i);
        break;
      case OutputColumn::kMark:
        column.Resize(count);
        for (size_t i = 0; i < count; ++i) {
          uint8_t mark = (*marks)[i];
          if (mark == 2) {
            column.SetNull(i);
            column.data<uint8_t>()[i] = 0;
          } else {
            column.data<uint8_t>()[i] = mark;
          }
        }
        break;
    }
  }
  out.SetSize(count);
}

OperatorResult HashJoin::Execute(ExecContext&, DataChunk& in, DataChunk& out,
                                 OperatorState& state) const {
  auto& probe = static_cast<Probe&>(state);
  const auto& global = static_cast<const JoinGlobal&>(*sink_state);
  if (!probe.active) StartProbe(in, probe);
  const HashJoinKind kind = spec_.kind;
  while (!probe.walking.empty()) {
    const size_t candidates = CollectCandidates(probe);
    if (candidates == 0) continue;
    // Keys, a column at a time.
    size_t keep_count = candidates;
    for (size_t k = 0; k < candidates; ++k) probe.keep[k] = static_cast<uint32_t>(k);
    auto keys = probe.keys->vectors();
    for (size_t k = 0; k < spec_.probe_keys.size() && keep_count > 0; ++k) {
      MatchSegments(global.columns[k], store_types_[k], *keys[k], probe.candidate_rows.data(),
                    probe.candidate_ids.data(), probe.keep.data(), keep_count);
    }
    if (keep_count == 0) continue;
    probe.pair_rows.resize(keep_count);
    probe.pair_ids.resize(keep_count);
    for (size_t k = 0; k < keep_count; ++k) {
      probe.pair_rows[k] = probe.candidate_rows[probe.keep[k]];
      probe.pair_ids[k] = probe.candidate_ids[probe.keep[k]];
    }
    const bool emits = EmitsPairs(kind);
    size_t pair_count = keep_count;
    if (emits || probe.residual) {
      DataChunk& pairs = probe.pairs;
      for (size_t i = 0; i < spec_.probe_payload.size(); ++i) {
        GatherVector(in.column(spec_.probe_payload[i]), probe.pair_rows.data(), pair_count,
                     pairs.column(i));
      }
      const size_t key_count = spec_.build_keys.size();
      for (size_t b = 0; b < spec_.build_payload.size(); ++b) {
        Vector& column = pairs.column(spec_.probe_payload.size() + b);
        column.Reset();
        GatherSegments(global.columns[key_count + b], store_types_[key_count + b],
                       probe.pair_ids.data(), pair_count, column, &global.strings);
      }
      pairs.SetSizeOnly(pair_count);
      if (probe.residual) {
        probe.residual->Select(pairs, probe.selection);
        if (probe.selection.size() < pair_count) {
          DataChunk filtered;
          GatherChunk(pairs, probe.selection, filtered);
          std::swap(pairs, filtered);
          size_t kept = 0;
          for (size_t i = 0; i < probe.selection.size(); ++i) {
            probe.pair_rows[kept] = probe.pair_rows[probe.selection[i]];
            probe.pair_ids[kept] = probe.pair_ids[probe.selection[i]];
            ++kept;
          }
          pair_count = kept;
        }
      }
    }
    if (pair_count == 0) continue;
    switch (kind) {
      case HashJoinKind::kSingle:
        for (size_t i = 0; i < pair_count; ++i) {
          if (probe.found[probe.pair_rows[i]]) {
            ThrowInvalid("scalar subquery returned more than one row");
          }
          probe.found[probe.pair_rows[i]] = 1;
        }
        break;
      case HashJoinKind::kRight:
      case HashJoinKind::kFull: {
        auto& matched = const_cast<JoinGlobal&>(global).matched;
        for (size_t i = 0; i < pair_count; ++i) {
          probe.found[probe.pair_rows[i]] = 1;
          std::atomic_ref<uint8_t>(matched[probe.pair_ids[i]]).store(1, std::memory_order_relaxed);
        }
        break;
      }
      case HashJoinKind::kIntersectAll:
      case HashJoinKind::kExceptAll: {
        auto& matched = const_cast<JoinGlobal&>(global).matched;
        for (size_t i = 0; i < pair_count; ++i) {
          const uint32_t r = probe.pair_rows[i];
          if (probe.found[r]) continue;
          if (std::atomic_ref<uint8_t>(matched[probe.pair_ids[i]]).exchange(1) == 0) {
            probe.found[r] = 1;
            probe.pointers[r] = kNoRow;
          }
        }
        break;
      }
      default:
        for (size_t i = 0; i < pair_count; ++i) {
          probe.found[probe.pair_rows[i]] = 1;
          if (!emits) probe.pointers[probe.pair_rows[i]] = kNoRow;
        }
        break;
    }
    if (emits) {
      PrepareOut(out);
      DataChunk& pairs = probe.pairs;
      for (size_t j = 0; j < spec_.outputs.size(); ++j) {
        std::swap(out.column(j), pairs.column(pair_columns_[j]));
      }
      out.SetSizeOnly(pair_count);
      const bool tail = kind == HashJoinKind::kLeft || kind == HashJoinKind::kFull ||
                        kind == HashJoinKind::kSingle;
      if (probe.walking.empty() && !tail) {
        probe.active = false;
        return OperatorResult::kNeedMoreInput;
      }
      return OperatorResult::kHaveMoreOutput;
    }
  }

  // Every probe row has been walked: the per-row results.
  probe.active = false;
  probe.out_rows.clear();
  const size_t rows = probe.rows;
  switch (kind) {
    case HashJoinKind::kInner:
    case HashJoinKind::kRight:
      PrepareOut(out);
      out.SetSize(0);
      return OperatorResult::kNeedMoreInput;
    case HashJoinKind::kUnionAll:
      SliceChunk(in, 0, rows, out);
      return OperatorResult::kNeedMoreInput;
    case HashJoinKind::kLeft:
    case HashJoinKind::kFull:
    case HashJoinKind::kSingle:
    case HashJoinKind::kAnti:
    case HashJoinKind::kExceptAll:
      for (uint32_t r = 0; r < rows; ++r) {
        if (!probe.found[r]) probe.out_rows.push_back(r);
      }
      break;
    case HashJoinKind::kSemi:
    case HashJoinKind::kIntersectAll:
      for (uint32_t r = 0; r < rows; ++r) {
        if (probe.found[r]) probe.out_rows.push_back(r);
      }
      break;
    case HashJoinKind::kAntiNullAware:
      // NOT IN: no row survives a NULL on the build side; a NULL probe key is unknown unless
      // the build side is empty.
      if (global.rows == 0) {
        for (uint32_t r = 0; r < rows; ++r) probe.out_rows.push_back(r);
      } else if (!global.has_null_key) {
        for (uint32_t r = 0; r < rows; ++r) {
          if (!probe.found[r] && !probe.null_key[r]) probe.out_rows.push_back(r);
        }
      }
      break;
    case HashJoinKind::kMark:
      probe.marks.resize(rows);
      for (uint32_t r = 0; r < rows; ++r) {
        probe.out_rows.push_back(r);
        if (probe.found[r]) {
          probe.marks[r] = 1;
        } else if (global.rows > 0 && (probe.null_key[r] || global.has_null_key)) {
          probe.marks[r] = 2;  // NULL
        } else {
          probe.marks[r] = 0;
        }
      }
      EmitProbeRows(in, probe.out_rows, &probe.marks, probe, out);
      return OperatorResult::kNeedMoreInput;
  }
  EmitProbeRows(in, probe.out_rows, nullptr, probe, out);
  return OperatorResult::kNeedMoreInput;
}

// ---- Final source: unmatched build rows ------------------------------------------------------

bool HashJoin::HasFinalSource() const {
  return spec_.kind == HashJoinKind::kRight || spec_.kind == HashJoinKind::kFull ||
         spec_.kind == HashJoinKind::kUnionAll;
}

std::unique_ptr<GlobalSourceState> HashJoin::InitGlobalSource(ExecContext&) const {
  return std::make_unique<FinalSource>();
}

size_t HashJoin::MaxParallelism(GlobalSourceState&) const {
  if (!sink_state) return 1;
  return std::max<size_t>(static_cast<const JoinGlobal&>(*sink_state).segment_sizes.size(), 1);
}

bool HashJoin::GetChunk(ExecContext&, GlobalSourceState& source_state, LocalSourceState&,
                        DataChunk& out) const {
  auto& source = static_cast<FinalSource&>(source_state);
  const auto& global = static_cast<const JoinGlobal&>(*sink_state);
  const size_t segment = source.next_segment.fetch_add(1);
  if (segment >= global.segment_sizes.size()) return false;
  std::vector<uint64_t> ids;
  const uint64_t base = uint64_t{segment} << RowStore::kSegmentShift;
  const bool all = spec_.kind == HashJoinKind::kUnionAll;
  for (uint64_t r = 0; r < global.segment_sizes[segment]; ++r) {
    auto& flag = const_cast<uint8_t&>(global.matched[base + r]);
    if (all || !std::atomic_ref<uint8_t>(flag).load(std::memory_order_relaxed)) {
      ids.push_back(base + r);
    }
  }
  PrepareOut(out);
  const size_t key_count = spec_.build_keys.size();
  for (size_t j = 0; j < spec_.outputs.size(); ++j) {
    const OutputColumn& output = spec_.outputs[j];
    Vector& column = out.column(j);
    size_t payload = output.index;
    if (all) payload = j;  // UNION ALL: the build side's columns line up with the output
    if (output.source == OutputColumn::kBuild || all) {
      GatherSegments(global.columns[key_count + payload], store_types_[key_count + payload],
                     ids.data(), ids.size(), column, &global.strings);
    } else {
      column.Resize(ids.size());
      for (size_t i = 0; i < ids.size(); ++i) column.SetNull(i);
    }
  }
  out.SetSize(ids.size());
  return true;
}

}  // namespace basin::sql
