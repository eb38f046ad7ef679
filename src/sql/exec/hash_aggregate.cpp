#include "sql/exec/hash_aggregate.hpp"

#include <algorithm>
#include <atomic>
#include <bit>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "sql/exec/hash_group_table.hpp"
#include "sql/exec/hash_state_arena.hpp"
#include "sql/exec/hash_keys.hpp"
#include "sql/exec/hash_sort_key.hpp"
#include "sql/exec/selection.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;

namespace {

// The groups of one grouping set, with their states.
struct GroupedStates {
  explicit GroupedStates(std::vector<LogicalType> key_types) : table(std::move(key_types)) {}
  GroupTable table;
  std::vector<uint8_t*> states;  // per group
  StateArena arena;
  // Per aggregate: the distinct (keys…, arguments…) tuples of a DISTINCT aggregate.
  std::vector<std::unique_ptr<GroupTable>> distinct;
  // Per aggregate with ORDER BY: its buffered (keys…, order keys…, arguments…) rows.
  std::vector<std::unique_ptr<RowStore>> ordered;
  bool states_live = true;  // false once destroyed or handed over

  size_t MemoryBytes() const {
    size_t bytes = table.MemoryBytes() + arena.MemoryBytes() + states.capacity() * 8;
    for (const auto& d : distinct) {
      if (d) bytes += d->MemoryBytes();
    }
    for (const auto& o : ordered) {
      if (o) bytes += o->MemoryBytes();
    }
    return bytes;
  }
};

struct AggLocal : LocalSinkState {
  std::vector<std::unique_ptr<GroupedStates>> sets;
  std::unique_ptr<ExprInputs::State> inputs;
  std::vector<uint64_t> hashes, distinct_hashes;
  std::vector<uint32_t> group_ids, scratch_ids;
  std::vector<uint8_t*> state_ptrs;
  std::vector<Vector> filtered_args;
  size_t reserved = 0;
};

struct AggGlobal : GlobalSinkState {
  // Keeps its own copy of the aggregates: the operator's members may be gone when the sink
  // state (owned by the operator's base) is destroyed.
  explicit AggGlobal(const HashAggregate& op) : aggregates(op.aggregates()) {}
  ~AggGlobal() override {
    for (auto& local : locals) {
      for (auto& set : local->sets) DestroyStates(*set);
    }
    for (auto& set_partitions : partitions) {
      for (auto& part : set_partitions) DestroyStates(*part);
    }
  }
  void DestroyStates(GroupedStates& groups) {
    if (!groups.states_live) return;
    groups.states_live = false;
    for (const auto& aggregate : aggregates) {
      if (!aggregate.function->destroy) continue;
      for (uint8_t* state : groups.states) aggregate.function->destroy(state + aggregate.state_offset);
    }
  }

  std::vector<HashAggregate::Aggregate> aggregates;
  std::vector<std::unique_ptr<AggLocal>> locals;
  std::vector<StateArena> kept_arenas;
  // After Finalize: per grouping set, its hash partitions.
  std::vector<std::vector<std::unique_ptr<GroupedStates>>> partitions;
  size_t partition_shift = 64;  // partition = hash >> shift (0 partitions bits: shift 64)
  struct Morsel {
    uint32_t set;
    uint32_t partition;
    uint32_t segment;
  };
  std::vector<Morsel> morsels;
};

struct AggSource : GlobalSourceState {
  std::atomic<size_t> next{0};
};

uint32_t PartitionOf(uint64_t hash, size_t shift) {
  return shift >= 64 ? 0 : static_cast<uint32_t>(hash >> shift);
}

}  // namespace

HashAggregate::HashAggregate(std::vector<LogicalType> types, ExprInputs inputs,
                             size_t group_count, std::vector<std::vector<uint32_t>> grouping_sets,
                             std::vector<Aggregate> aggregates)
    : PhysicalOperator(std::move(types)),
      inputs_(std::move(inputs)),
      group_count_(group_count),
      grouping_sets_(std::move(grouping_sets)),
      aggregates_(std::move(aggregates)) {
  for (auto& aggregate : aggregates_) {
    size_t align = std::max<size_t>(aggregate.function->state_align, 1);
    state_align_ = std::max(state_align_, align);
    state_size_ = (state_size_ + align - 1) / align * align;
    aggregate.state_offset = state_size_;
    state_size_ += aggregate.function->state_size;
  }
  if (state_align_ > alignof(std::max_align_t)) {
    ThrowInternal("aggregate state alignment above max_align_t");
  }
}

std::string HashAggregate::Describe() const {
  std::string text = "HashAggregate groups=" + std::to_string(group_count_);
  if (grouping_sets_.size() > 1) text += " sets=" + std::to_string(grouping_sets_.size());
  text += " [";
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    if (i > 0) text += ", ";
    text += aggregates_[i].text.empty() ? aggregates_[i].function->name : aggregates_[i].text;
  }
  return text + "]";
}

std::unique_ptr<GlobalSinkState> HashAggregate::InitGlobalSink(ExecContext&) const {
  return std::make_unique<AggGlobal>(*this);
}

std::unique_ptr<LocalSinkState> HashAggregate::InitLocalSink(ExecContext&,
                                                             GlobalSinkState&) const {
  auto local = std::make_unique<AggLocal>();
  local->inputs = inputs_.MakeState();
  for (const auto& set : grouping_sets_) {
    std::vector<LogicalType> key_types;
    for (uint32_t k : set) key_types.push_back(inputs_.type(k));
    auto groups = std::make_unique<GroupedStates>(key_types);
    groups->distinct.resize(aggregates_.size());
    groups->ordered.resize(aggregates_.size());
    for (size_t a = 0; a < aggregates_.size(); ++a) {
      if (!aggregates_[a].order_by.empty()) {
        std::vector<LogicalType> row = key_types;
        for (size_t o : aggregates_[a].order_by) row.push_back(inputs_.type(o));
        for (size_t arg : aggregates_[a].arguments) row.push_back(inputs_.type(arg));
        groups->ordered[a] = std::make_unique<RowStore>(std::move(row));
        continue;
      }
      if (!aggregates_[a].distinct) continue;
      std::vector<LogicalType> tuple = key_types;
      for (size_t arg : aggregates_[a].arguments) tuple.push_back(inputs_.type(arg));
      groups->distinct[a] = std::make_unique<GroupTable>(std::move(tuple));
    }
    local->sets.push_back(std::move(groups));
  }
  for (const auto& aggregate : aggregates_) {
    for (size_t arg : aggregate.arguments) local->filtered_args.emplace_back(inputs_.type(arg));
  }
  return local;
}

void HashAggregate::Sink(ExecContext& context, DataChunk& in, GlobalSinkState&,
                         LocalSinkState& local_state) const {
  auto& local = static_cast<AggLocal&>(local_state);
  const size_t rows = in.size();
  if (rows == 0) return;
  inputs_.Evaluate(in, *local.inputs);
  auto vectors = local.inputs->vectors();
  local.hashes.resize(rows);
  local.group_ids.resize(rows);
  local.state_ptrs.resize(rows);
  for (size_t s = 0; s < grouping_sets_.size(); ++s) {
    GroupedStates& groups = *local.sets[s];
    std::vector<const Vector*> keys;
    for (uint32_t k : grouping_sets_[s]) keys.push_back(vectors[k]);
    HashColumns(keys, rows, local.hashes.data());
    size_t before = groups.table.size();
    groups.table.FindOrCreate(keys, local.hashes.data(), nullptr, rows, local.group_ids.data());
    for (size_t g = before; g < groups.table.size(); ++g) {
      uint8_t* state = state_size_ > 0 ? groups.arena.Allocate(state_size_) : nullptr;
      for (const auto& aggregate : aggregates_) aggregate.function->init(state + aggregate.state_offset);
      groups.states.push_back(state);
    }
    size_t filtered_base = 0;
    for (size_t a = 0; a < aggregates_.size(); ++a) {
      const Aggregate& aggregate = aggregates_[a];
      const size_t arg_count = aggregate.arguments.size();
      Selection selection;
      const bool filtered = aggregate.filter >= 0;
      if (filtered) selection = SelectTrue(*vectors[static_cast<size_t>(aggregate.filter)], rows);
      if (!aggregate.order_by.empty()) {
        std::vector<const Vector*> row = keys;
        for (size_t o : aggregate.order_by) row.push_back(vectors[o]);
        for (size_t arg : aggregate.arguments) row.push_back(vectors[arg]);
        groups.ordered[a]->Append(row, filtered ? selection.data() : nullptr,
                                  filtered ? selection.size() : rows);
      } else if (aggregate.distinct) {
        std::vector<const Vector*> tuple = keys;
        for (size_t arg : aggregate.arguments) tuple.push_back(vectors[arg]);
        local.distinct_hashes.resize(rows);
        HashColumns(tuple, rows, local.distinct_hashes.data());
        size_t count = filtered ? selection.size() : rows;
        local.scratch_ids.resize(count);
        groups.distinct[a]->FindOrCreate(tuple, local.distinct_hashes.data(),
                                         filtered ? selection.data() : nullptr, count,
                                         local.scratch_ids.data());
      } else if (filtered) {
        const size_t count = selection.size();
        std::vector<const Vector*> args;
        for (size_t i = 0; i < arg_count; ++i) {
          Vector& target = local.filtered_args[filtered_base + i];
          GatherVectorCopy(*vectors[aggregate.arguments[i]], selection.data(), count, target);
          args.push_back(&target);
        }
        for (size_t i = 0; i < count; ++i) {
          local.state_ptrs[i] = groups.states[local.group_ids[selection[i]]] + aggregate.state_offset;
        }
        if (count > 0) aggregate.function->update(args, count, local.state_ptrs.data());
      } else {
        std::vector<const Vector*> args;
        for (size_t arg : aggregate.arguments) args.push_back(vectors[arg]);
        for (size_t i = 0; i < rows; ++i) {
          local.state_ptrs[i] = groups.states[local.group_ids[i]] + aggregate.state_offset;
          __builtin_prefetch(local.state_ptrs[i], 1);
        }
        aggregate.function->update(args, rows, local.state_ptrs.data());
      }
      filtered_base += arg_count;
    }
  }
  size_t bytes = 0;
  for (const auto& groups : local.sets) bytes += groups->MemoryBytes();
  if (bytes > local.reserved) {
    context.Reserve(bytes - local.reserved, "hash aggregate");
    local.reserved = bytes;
  }
}

void HashAggregate::Combine(ExecContext&, GlobalSinkState& global_state,
                            LocalSinkState& local_state) const {
  auto& global = static_cast<AggGlobal&>(global_state);
  auto& local = static_cast<AggLocal&>(local_state);
  auto moved = std::make_unique<AggLocal>();
  moved->sets = std::move(local.sets);
  global.locals.push_back(std::move(moved));
}

namespace {

// Merges the groups of `sources` whose hash falls in `partition` into `target`, combining
// states (DISTINCT aggregates excepted: their states are filled from the distinct tuples).
void MergePartition(const HashAggregate& op, std::vector<GroupedStates*>& sources,
                    const std::vector<std::vector<std::vector<uint32_t>>>& lists,
                    uint32_t partition, GroupedStates& target) {
  // Without destroy functions a state is plain bytes, so it can change owner by address (the
  // sources' arenas outlive the partitions).
  bool adopt = op.state_size() > 0;
  for (const auto& aggregate : op.aggregates()) adopt &= !aggregate.function->destroy;
  std::vector<uint32_t> sel, ids;
  std::vector<const Vector*> keys;
  for (size_t l = 0; l < sources.size(); ++l) {
    GroupedStates& source = *sources[l];
    const RowStore& store = source.table.store();
    const auto& list = lists[l][partition];
    size_t i = 0;
    while (i < list.size()) {
      const size_t segment = list[i] >> RowStore::kSegmentShift;
      sel.clear();
      while (i < list.size() && (list[i] >> RowStore::kSegmentShift) == segment) {
        sel.push_back(list[i] & (RowStore::kSegmentRows - 1));
        ++i;
      }
      keys.clear();
      for (size_t c = 0; c < store.column_count(); ++c) keys.push_back(&store.Column(segment, c));
      const uint64_t* hashes = &source.table.hashes()[segment << RowStore::kSegmentShift];
      ids.resize(sel.size());
      size_t before = target.table.size();
      target.table.FindOrCreate(keys, hashes, sel.data(), sel.size(), ids.data());
      if (adopt) {
        // States that own nothing move by address: a new group takes the source's state.
        target.states.resize(target.table.size());
      } else {
        for (size_t g = before; g < target.table.size(); ++g) {
          uint8_t* state = op.state_size() > 0 ? target.arena.Allocate(op.state_size()) : nullptr;
          for (const auto& aggregate : op.aggregates()) aggregate.function->init(state + aggregate.state_offset);
          target.states.push_back(state);
        }
      }
      for (size_t k = 0; k < sel.size(); ++k) {
        uint8_t* from = source.states[(segment << RowStore::kSegmentShift) + sel[k]];
        if (adopt && ids[k] >= before) {
          target.states[ids[k]] = from;
          continue;
        }
        uint8_t* to = target.states[ids[k]];
        for (const auto& aggregate : op.aggregates()) {
          if (aggregate.distinct || !aggregate.order_by.empty()) continue;
          aggregate.function->combine(from + aggregate.state_offset, to + aggregate.state_offset);
        }
      }
    }
  }
}

}  // namespace

namespace {

// Sorts the buffered rows of an ORDER BY aggregate and updates their groups' states in that
// order (an update call goes through its rows in order).
void FeedOrdered(const HashAggregate::Aggregate& aggregate, size_t key_count,
                 const std::vector<RowStore*>& stores,
                 std::vector<std::unique_ptr<GroupedStates>>& partitions, size_t shift) {
  if (stores.empty()) return;
  const std::vector<LogicalType>& types = stores[0]->types();
  std::vector<SegmentColumn> columns(types.size());
  std::vector<uint64_t> ids;
  for (RowStore* store : stores) {
    const uint64_t first = columns[0].size();
    for (size_t c = 0; c < types.size(); ++c) store->CollectSegments(c, columns[c]);
    for (size_t seg = 0; seg < store->segment_count(); ++seg) {
      const uint64_t base = (first + seg) << RowStore::kSegmentShift;
      for (size_t r = 0; r < store->SegmentSize(seg); ++r) ids.push_back(base + r);
    }
  }
  const size_t rows = ids.size();
  if (rows == 0) return;
  std::vector<Vector> flat;
  for (size_t c = 0; c < types.size(); ++c) {
    flat.emplace_back(types[c]);
    GatherSegments(columns[c], types[c], ids.data(), rows, flat.back());
  }
  // Each row's group state.
  std::vector<const Vector*> keys;
  for (size_t c = 0; c < key_count; ++c) keys.push_back(&flat[c]);
  std::vector<uint64_t> hashes(rows);
  HashColumns(keys, rows, hashes.data());
  std::vector<uint8_t*> states(rows);
  std::vector<uint32_t> group_ids(rows);
  for (size_t p = 0; p < partitions.size(); ++p) {
    std::vector<uint32_t> sel;
    for (uint32_t r = 0; r < rows; ++r) {
      if (PartitionOf(hashes[r], shift) == p) sel.push_back(r);
    }
    if (sel.empty()) continue;
    partitions[p]->table.Find(keys, hashes.data(), sel.data(), sel.size(), group_ids.data());
    for (size_t k = 0; k < sel.size(); ++k) {
      if (group_ids[k] == GroupTable::kNoGroup) ThrowInternal("ordered row without its group");
      states[sel[k]] = partitions[p]->states[group_ids[k]] + aggregate.state_offset;
    }
  }
  std::vector<SortKey> sort_keys;
  for (size_t o = 0; o < aggregate.order_by.size(); ++o) {
    const Vector& v = flat[key_count + o];
    sort_keys.push_back({&v, ComparatorFor(v.physical()), aggregate.descending[o],
                         aggregate.nulls_first[o]});
  }
  std::vector<uint32_t> order(rows);
  for (uint32_t r = 0; r < rows; ++r) order[r] = r;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    for (const SortKey& key : sort_keys) {
      int c = key.Compare(x, y);
      if (c != 0) return c < 0;
    }
    return false;
  });
  std::vector<Vector> args;
  std::vector<const Vector*> arg_ptrs;
  const size_t first_arg = key_count + aggregate.order_by.size();
  for (size_t c = first_arg; c < types.size(); ++c) {
    args.emplace_back(types[c]);
    AppendRows(args.back(), flat[c], order.data(), rows);
  }
  for (const Vector& v : args) arg_ptrs.push_back(&v);
  std::vector<uint8_t*> sorted_states(rows);
  for (size_t i = 0; i < rows; ++i) sorted_states[i] = states[order[i]];
  aggregate.function->update(arg_ptrs, rows, sorted_states.data());
}

}  // namespace

void HashAggregate::Finalize(ExecContext&, GlobalSinkState& global_state) const {
  auto& global = static_cast<AggGlobal&>(global_state);
  size_t total = 0;
  for (const auto& local : global.locals) {
    for (const auto& set : local->sets) total = std::max(total, set->table.size());
  }
  total *= std::max<size_t>(global.locals.size(), 1);
  size_t partition_count = 1;
  if (global.locals.size() > 1) {
    while (partition_count < 64 && partition_count * 32768 < total) partition_count *= 2;
  }
  global.partition_shift = partition_count == 1 ? 64 : 64 - std::countr_zero(partition_count);
  const size_t shift = global.partition_shift;
  global.partitions.resize(grouping_sets_.size());

  for (size_t s = 0; s < grouping_sets_.size(); ++s) {
    auto& set_partitions = global.partitions[s];
    std::vector<GroupedStates*> sources;
    for (auto& local : global.locals) sources.push_back(local->sets[s].get());
    std::vector<LogicalType> key_types;
    for (uint32_t k : grouping_sets_[s]) key_types.push_back(inputs_.type(k));
    if (sources.size() == 1) {
      // One worker: its table is the result (partition_count is 1).
      set_partitions.push_back(std::move(global.locals[0]->sets[s]));
    } else {
      std::vector<std::vector<std::vector<uint32_t>>> lists(sources.size());
      ThreadPool::Shared().ParallelFor(sources.size(), [&](size_t l) {
        lists[l].resize(partition_count);
        const GroupedStates& source = *sources[l];
        for (uint32_t g = 0; g < source.table.size(); ++g) {
          lists[l][PartitionOf(source.table.GroupHash(g), shift)].push_back(g);
        }
      });
      for (size_t p = 0; p < partition_count; ++p) {
        auto part = std::make_unique<GroupedStates>(key_types);
        part->distinct.resize(aggregates_.size());
        part->ordered.resize(aggregates_.size());
        set_partitions.push_back(std::move(part));
      }
      ThreadPool::Shared().ParallelFor(partition_count, [&](size_t p) {
        MergePartition(*this, sources, lists, static_cast<uint32_t>(p), *set_partitions[p]);
      });
      // The sources' states were combined into the partitions: release what they own.
      for (GroupedStates* source : sources) global.DestroyStates(*source);
    }

    // DISTINCT aggregates: merge the tuple sets, then update each tuple's group once.
    for (size_t a = 0; a < aggregates_.size(); ++a) {
      const Aggregate& aggregate = aggregates_[a];
      if (!aggregate.distinct) continue;
      std::unique_ptr<GroupTable> merged;
      for (auto& local : global.locals) {
        auto& source_set = local->sets[s] ? local->sets[s] : set_partitions[0];
        std::unique_ptr<GroupTable>& table = source_set->distinct[a];
        if (!table) continue;
        if (!merged) {
          merged = std::move(table);
          continue;
        }
        const RowStore& store = table->store();
        std::vector<uint32_t> ids(RowStore::kSegmentRows);
        for (size_t segment = 0; segment < store.segment_count(); ++segment) {
          std::vector<const Vector*> columns;
          for (size_t c = 0; c < store.column_count(); ++c) columns.push_back(&store.Column(segment, c));
          merged->FindOrCreate(columns, &table->hashes()[segment << RowStore::kSegmentShift],
                               nullptr, store.SegmentSize(segment), ids.data());
        }
        table.reset();
      }
      if (!merged) continue;
      const RowStore& store = merged->store();
      const size_t key_count = grouping_sets_[s].size();
      std::vector<uint64_t> hashes(RowStore::kSegmentRows);
      std::vector<uint32_t> ids(RowStore::kSegmentRows);
      std::vector<uint32_t> sel;
      std::vector<uint8_t*> states(RowStore::kSegmentRows);
      for (size_t segment = 0; segment < store.segment_count(); ++segment) {
        const size_t rows = store.SegmentSize(segment);
        std::vector<const Vector*> keys, args;
        for (size_t c = 0; c < key_count; ++c) keys.push_back(&store.Column(segment, c));
        for (size_t c = key_count; c < store.column_count(); ++c) args.push_back(&store.Column(segment, c));
        HashColumns(keys, rows, hashes.data());
        for (size_t p = 0; p < set_partitions.size(); ++p) {
          sel.clear();
          for (uint32_t r = 0; r < rows; ++r) {
            if (PartitionOf(hashes[r], shift) == p) sel.push_back(r);
          }
          if (sel.empty()) continue;
          set_partitions[p]->table.Find(keys, hashes.data(), sel.data(), sel.size(), ids.data());
          for (size_t k = 0; k < sel.size(); ++k) {
            if (ids[k] == GroupTable::kNoGroup) ThrowInternal("distinct tuple without its group");
            states[sel[k]] = set_partitions[p]->states[ids[k]] + aggregate.state_offset;
          }
        }
        aggregate.function->update(args, rows, states.data());
      }
    }

    for (size_t a = 0; a < aggregates_.size(); ++a) {
      if (aggregates_[a].order_by.empty()) continue;
      std::vector<RowStore*> stores;
      for (auto& local : global.locals) {
        auto& source_set = local->sets[s] ? local->sets[s] : set_partitions[0];
        if (source_set->ordered[a]) stores.push_back(source_set->ordered[a].get());
      }
      FeedOrdered(aggregates_[a], grouping_sets_[s].size(), stores, set_partitions, shift);
    }

    // A set without keys outputs its one row even when no input arrived.
    if (grouping_sets_[s].empty() && set_partitions[0]->table.size() == 0) {
      GroupedStates& part = *set_partitions[0];
      uint64_t hash;
      HashColumns({}, 1, &hash);
      uint32_t id;
      part.table.FindOrCreate({}, &hash, nullptr, 1, &id);
      uint8_t* state = state_size_ > 0 ? part.arena.Allocate(state_size_) : nullptr;
      for (const auto& aggregate : aggregates_) aggregate.function->init(state + aggregate.state_offset);
      part.states.push_back(state);
    }
    for (uint32_t p = 0; p < set_partitions.size(); ++p) {
      size_t segments = set_partitions[p]->table.store().segment_count();
      for (uint32_t seg = 0; seg < segments; ++seg) {
        global.morsels.push_back({static_cast<uint32_t>(s), p, seg});
      }
    }
  }
  // The partitions may point at states in the workers' arenas: keep those alive.
  for (auto& local : global.locals) {
    for (auto& set : local->sets) {
      if (set) global.kept_arenas.push_back(std::move(set->arena));
    }
  }
  global.locals.clear();
}

std::unique_ptr<GlobalSourceState> HashAggregate::InitGlobalSource(ExecContext&) const {
  return std::make_unique<AggSource>();
}

size_t HashAggregate::MaxParallelism(GlobalSourceState&) const {
  if (!sink_state) return 1;
  return std::max<size_t>(static_cast<AggGlobal&>(*sink_state).morsels.size(), 1);
}

bool HashAggregate::GetChunk(ExecContext&, GlobalSourceState& source_state, LocalSourceState&,
                             DataChunk& out) const {
  auto& source = static_cast<AggSource&>(source_state);
  auto& global = static_cast<AggGlobal&>(*sink_state);
  size_t index = source.next.fetch_add(1);
  if (index >= global.morsels.size()) return false;
  const auto& morsel = global.morsels[index];
  const GroupedStates& groups = *global.partitions[morsel.set][morsel.partition];
  const RowStore& store = groups.table.store();
  const size_t rows = store.SegmentSize(morsel.segment);
  if (out.column_count() != types().size()) {
    InitChunk(out, types());
  } else {
    out.Reset();
  }
  const auto& set = grouping_sets_[morsel.set];
  for (size_t g = 0; g < group_count_; ++g) {
    Vector& column = out.column(g);
    auto at = std::find(set.begin(), set.end(), static_cast<uint32_t>(g));
    if (at != set.end()) {
      AppendRows(column, store.Column(morsel.segment, static_cast<size_t>(at - set.begin())),
                 nullptr, rows);
    } else {
      column.Resize(rows);
      for (size_t r = 0; r < rows; ++r) column.SetNull(r);
    }
  }
  std::vector<uint8_t*> states(rows);
  const size_t base = size_t{morsel.segment} << RowStore::kSegmentShift;
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    const Aggregate& aggregate = aggregates_[a];
    for (size_t r = 0; r < rows; ++r) states[r] = groups.states[base + r] + aggregate.state_offset;
    Vector& column = out.column(group_count_ + a);
    column.Resize(rows);
    aggregate.function->finalize(states.data(), rows, column);
  }
  out.SetSize(rows);
  return true;
}

}  // namespace basin::sql
