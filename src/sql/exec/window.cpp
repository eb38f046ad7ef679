#include "sql/exec/window.hpp"

#include <algorithm>
#include <atomic>
#include <numeric>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "sql/exec/hash_keys.hpp"
#include "sql/exec/hash_row_store.hpp"
#include "sql/exec/hash_sort_key.hpp"
#include "sql/exec/window_functions.hpp"
#include "sql/exec/selection.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;
using types::PhysicalType;

namespace {

struct WindowLocal : LocalSinkState {
  std::unique_ptr<RowStore> store;
  std::unique_ptr<ExprInputs::State> inputs;
  size_t reserved = 0;
};

struct WindowGlobal : GlobalSinkState {
  std::vector<std::unique_ptr<RowStore>> stores;
  std::vector<SegmentColumn> columns;  // per store column, over every store
  std::vector<uint64_t> ids;           // output row → store row id
  std::vector<Vector> results;         // per function, in its spec's bucket order
  std::vector<std::vector<uint32_t>> positions;  // per spec: output row → position in results
  // Keeps the stores' string bytes alive for output vectors that point into them.
  std::shared_ptr<const void> strings;
};

struct WindowSource : GlobalSourceState {
  std::atomic<size_t> next{0};
};

}  // namespace

Window::Window(std::vector<LogicalType> types, ExprInputs inputs,
               std::vector<uint32_t> child_columns, std::vector<LogicalType> child_types,
               std::vector<Spec> specs, std::vector<Function> functions,
               std::vector<OutputColumn> outputs)
    : PhysicalOperator(std::move(types)),
      inputs_(std::move(inputs)),
      child_columns_(std::move(child_columns)),
      specs_(std::move(specs)),
      functions_(std::move(functions)),
      outputs_(std::move(outputs)) {
  for (uint32_t c : child_columns_) store_types_.push_back(child_types.at(c));
  for (size_t i = 0; i < inputs_.size(); ++i) store_types_.push_back(inputs_.type(i));
}

std::string Window::Describe() const {
  std::string text = "Window [";
  for (size_t i = 0; i < functions_.size(); ++i) {
    if (i > 0) text += ", ";
    text += functions_[i].text;
  }
  return text + "]";
}

std::unique_ptr<GlobalSinkState> Window::InitGlobalSink(ExecContext&) const {
  return std::make_unique<WindowGlobal>();
}

std::unique_ptr<LocalSinkState> Window::InitLocalSink(ExecContext&, GlobalSinkState&) const {
  auto local = std::make_unique<WindowLocal>();
  local->store = std::make_unique<RowStore>(store_types_);
  local->inputs = inputs_.MakeState();
  return local;
}

void Window::Sink(ExecContext& context, DataChunk& in, GlobalSinkState&,
                  LocalSinkState& local_state) const {
  auto& local = static_cast<WindowLocal&>(local_state);
  if (in.size() == 0) return;
  inputs_.Evaluate(in, *local.inputs);
  std::vector<const Vector*> columns;
  for (uint32_t c : child_columns_) columns.push_back(&in.column(c));
  for (const Vector* v : local.inputs->vectors()) columns.push_back(v);
  local.store->Append(columns, nullptr, in.size());
  size_t bytes = local.store->MemoryBytes();
  if (bytes > local.reserved) {
    context.Reserve(bytes - local.reserved, "window");
    local.reserved = bytes;
  }
}

void Window::Combine(ExecContext&, GlobalSinkState& global_state,
                     LocalSinkState& local_state) const {
  auto& global = static_cast<WindowGlobal&>(global_state);
  auto& local = static_cast<WindowLocal&>(local_state);
  global.stores.push_back(std::move(local.store));
}

void Window::Finalize(ExecContext& context, GlobalSinkState& global_state) const {
  auto& global = static_cast<WindowGlobal&>(global_state);
  global.columns.assign(store_types_.size(), {});
  auto strings = std::make_shared<std::vector<std::shared_ptr<const void>>>();
  for (auto& store : global.stores) {
    for (size_t c = 0; c < child_columns_.size(); ++c) {
      if (store_types_[c].physical() != PhysicalType::kString) continue;
      for (size_t seg = 0; seg < store->segment_count(); ++seg) {
        strings->push_back(store->ShareStrings(seg, c));
      }
    }
  }
  global.strings = std::move(strings);
  for (const auto& store : global.stores) {
    const size_t first_segment = global.columns.empty() ? 0 : global.columns[0].size();
    for (size_t c = 0; c < store_types_.size(); ++c) store->CollectSegments(c, global.columns[c]);
    for (size_t s = 0; s < store->segment_count(); ++s) {
      const uint64_t base = uint64_t{first_segment + s} << RowStore::kSegmentShift;
      for (size_t r = 0; r < store->SegmentSize(s); ++r) global.ids.push_back(base + r);
    }
  }
  const size_t n = global.ids.size();
  const size_t first_input = child_columns_.size();
  global.results.clear();
  for (const auto& function : functions_) global.results.emplace_back(function.type);
  global.positions.assign(specs_.size(), std::vector<uint32_t>(n));
  context.Reserve(n * (4 * specs_.size() + 16 * functions_.size()), "window");

  for (size_t s = 0; s < specs_.size(); ++s) {
    const Spec& spec = specs_[s];
    // Partition hashes, and buckets by hash so partitions never straddle buckets.
    std::vector<uint64_t> hashes(n);
    size_t bucket_count = 1;
    if (!spec.partition_by.empty()) {
      while (bucket_count < 64 && bucket_count * 16384 < n) bucket_count *= 2;
      std::vector<uint64_t> chunk_hashes(RowStore::kSegmentRows);
      size_t row = 0;
      const size_t segments = global.columns.empty() ? 0 : global.columns[0].size();
      for (size_t segment = 0; segment < segments; ++segment) {
        std::vector<const Vector*> keys;
        for (size_t p : spec.partition_by) keys.push_back(global.columns[first_input + p][segment]);
        const size_t rows = keys[0]->size();
        HashColumns(keys, rows, chunk_hashes.data());
        std::copy(chunk_hashes.begin(), chunk_hashes.begin() + rows, hashes.begin() + row);
        row += rows;
      }
    }
    std::vector<std::vector<uint32_t>> bucket_rows(bucket_count);
    for (uint32_t i = 0; i < n; ++i) {
      bucket_rows[bucket_count == 1 ? 0 : (hashes[i] >> 40) & (bucket_count - 1)].push_back(i);
    }
    std::vector<size_t> spec_functions;
    for (size_t f = 0; f < functions_.size(); ++f) {
      if (functions_[f].spec == s) spec_functions.push_back(f);
    }
    // Per bucket: its sorted rows and each function's results in that order.
    std::vector<std::vector<uint32_t>> sorted_rows(bucket_count);
    std::vector<std::vector<Vector>> parts(bucket_count);
    ThreadPool::Shared().ParallelFor(bucket_count, [&](size_t b) {
      const std::vector<uint32_t>& rows = bucket_rows[b];
      const size_t m = rows.size();
      std::vector<uint64_t> ids(m);
      for (size_t i = 0; i < m; ++i) ids[i] = global.ids[rows[i]];
      auto gather = [&](size_t input, const std::vector<uint64_t>& which) {
        Vector v(inputs_.type(input));
        GatherSegments(global.columns[first_input + input], inputs_.type(input), which.data(),
                       which.size(), v);
        return v;
      };
      std::vector<Vector> partition_keys, order_keys;
      for (size_t p : spec.partition_by) partition_keys.push_back(gather(p, ids));
      for (const auto& key : spec.order_by) order_keys.push_back(gather(key.input, ids));
      std::vector<SortKey> partition_sort, order_sort;
      for (const Vector& v : partition_keys) {
        partition_sort.push_back({&v, ComparatorFor(v.physical()), false, false});
      }
      for (size_t i = 0; i < order_keys.size(); ++i) {
        const Vector& v = order_keys[i];
        order_sort.push_back({&v, ComparatorFor(v.physical()), spec.order_by[i].descending,
                              spec.order_by[i].nulls_first});
      }
      std::vector<uint32_t> perm(m);
      std::iota(perm.begin(), perm.end(), 0);
      std::vector<uint64_t> bucket_hashes(m);
      for (size_t i = 0; i < m; ++i) bucket_hashes[i] = hashes[rows[i]];
      std::sort(perm.begin(), perm.end(), [&](uint32_t a, uint32_t c) {
        if (bucket_hashes[a] != bucket_hashes[c]) return bucket_hashes[a] < bucket_hashes[c];
        for (const SortKey& key : partition_sort) {
          int r = key.Compare(a, c);
          if (r != 0) return r < 0;
        }
        for (const SortKey& key : order_sort) {
          int r = key.Compare(a, c);
          if (r != 0) return r < 0;
        }
        return a < c;
      });
      SortedBucket bucket;
      bucket.rows = m;
      bucket.order = perm;
      bucket.partition_start.resize(m);
      bucket.partition_end.resize(m);
      bucket.peer_start.resize(m);
      bucket.peer_end.resize(m);
      bucket.group_number.resize(m);
      bucket.group_base.resize(m);
      uint32_t partition_start = 0, peer_start = 0, group = 0, base = 0;
      for (size_t k = 0; k < m; ++k) {
        bool new_partition = k == 0;
        bool new_peer = k == 0;
        if (k > 0) {
          const uint32_t a = perm[k - 1], c = perm[k];
          if (bucket_hashes[a] != bucket_hashes[c]) {
            new_partition = true;
          } else {
            for (const SortKey& key : partition_sort) {
              if (key.Compare(a, c) != 0) {
                new_partition = true;
                break;
              }
            }
          }
          new_peer = new_partition;
          if (!new_peer) {
            for (const SortKey& key : order_sort) {
              if (key.Compare(a, c) != 0) {
                new_peer = true;
                break;
              }
            }
          }
        }
        if (new_partition) {
          partition_start = static_cast<uint32_t>(k);
          group = 0;
          base = static_cast<uint32_t>(bucket.group_starts.size());
        } else if (new_peer) {
          ++group;
        }
        if (new_peer) {
          peer_start = static_cast<uint32_t>(k);
          bucket.group_starts.push_back(peer_start);
        }
        bucket.partition_start[k] = partition_start;
        bucket.peer_start[k] = peer_start;
        bucket.group_number[k] = group;
        bucket.group_base[k] = base;
      }
      uint32_t partition_end = static_cast<uint32_t>(m), peer_end = static_cast<uint32_t>(m);
      for (size_t k = m; k-- > 0;) {
        bucket.partition_end[k] = partition_end;
        bucket.peer_end[k] = peer_end;
        if (bucket.peer_start[k] == k) peer_end = static_cast<uint32_t>(k);
        if (bucket.partition_start[k] == k) partition_end = static_cast<uint32_t>(k);
      }
      // Sorted-order ids, for gathering arguments and the RANGE key.
      std::vector<uint64_t> sorted_ids(m);
      sorted_rows[b].resize(m);
      for (size_t k = 0; k < m; ++k) {
        sorted_ids[k] = ids[perm[k]];
        sorted_rows[b][k] = rows[perm[k]];
      }
      Vector range_key(LogicalType::BigInt());
      if (!spec.order_by.empty()) {
        range_key = gather(spec.order_by[0].input, sorted_ids);
        bucket.order_key = &range_key;
        bucket.order_descending = spec.order_by[0].descending;
      }
      for (size_t f : spec_functions) {
        const Function& function = functions_[f];
        std::vector<Vector> args;
        for (size_t a : function.arguments) args.push_back(gather(a, sorted_ids));
        parts[b].emplace_back(function.type);
        ComputeFunction(function, bucket, args, parts[b].back());
      }
    });
    // Concatenate the buckets' results; remember where each output row's value went.
    for (size_t b = 0; b < bucket_count; ++b) {
      for (size_t i = 0; i < spec_functions.size(); ++i) {
        Vector& result = global.results[spec_functions[i]];
        const size_t base = result.size();
        AppendRows(result, parts[b][i], nullptr, parts[b][i].size());
        if (i == 0) {
          for (size_t k = 0; k < sorted_rows[b].size(); ++k) {
            global.positions[s][sorted_rows[b][k]] = static_cast<uint32_t>(base + k);
          }
        }
      }
    }
  }
}

std::unique_ptr<GlobalSourceState> Window::InitGlobalSource(ExecContext&) const {
  return std::make_unique<WindowSource>();
}

size_t Window::MaxParallelism(GlobalSourceState&) const {
  if (!sink_state) return 1;
  const size_t rows = static_cast<const WindowGlobal&>(*sink_state).ids.size();
  return std::max<size_t>((rows + columnar::kChunkRows - 1) / columnar::kChunkRows, 1);
}

bool Window::GetChunk(ExecContext&, GlobalSourceState& source_state, LocalSourceState&,
                      DataChunk& out) const {
  auto& source = static_cast<WindowSource&>(source_state);
  const auto& global = static_cast<const WindowGlobal&>(*sink_state);
  const size_t morsel = source.next.fetch_add(1);
  const size_t start = morsel * columnar::kChunkRows;
  if (start >= global.ids.size()) return false;
  const size_t count = std::min(columnar::kChunkRows, global.ids.size() - start);
  if (out.column_count() != types().size()) {
    InitChunk(out, types());
  } else {
    out.Reset();
  }
  for (size_t j = 0; j < outputs_.size(); ++j) {
    const OutputColumn& output = outputs_[j];
    Vector& column = out.column(j);
    if (!output.window) {
      GatherSegments(global.columns[output.index], store_types_[output.index],
                     &global.ids[start], count, column, &global.strings);
    } else {
      const Function& function = functions_[output.index];
      AppendRows(column, global.results[output.index], &global.positions[function.spec][start],
                 count);
    }
  }
  out.SetSize(count);
  return true;
}

// ---- Factory -----------------------------------------------------------------------------

PhysicalPtr MakeWindow(const LogicalWindow& logical, PhysicalPtr child,
                       const ColumnLayout& child_layout) {
  std::vector<const BoundExpr*> expressions;
  std::vector<std::string> expression_text;
  auto input_of = [&](const BoundExpr& expr) {
    std::string text = expr.ToString();
    for (size_t i = 0; i < expressions.size(); ++i) {
      if (expression_text[i] == text) return i;
    }
    expressions.push_back(&expr);
    expression_text.push_back(text);
    return expressions.size() - 1;
  };
  std::vector<Window::Spec> specs;
  std::vector<std::string> spec_keys;
  std::vector<Window::Function> functions;
  for (const BoundWindow& bound : logical.windows) {
    Window::Spec spec;
    std::string key;
    for (const auto& p : bound.partition_by) {
      spec.partition_by.push_back(input_of(*p));
      key += "p" + std::to_string(spec.partition_by.back()) + ",";
    }
    for (const auto& o : bound.order_by) {
      spec.order_by.push_back({input_of(*o.expr), o.descending, o.nulls_first});
      key += "o" + std::to_string(spec.order_by.back().input) + (o.descending ? "d" : "a") +
             (o.nulls_first ? "f" : "l") + ",";
    }
    auto at = std::find(spec_keys.begin(), spec_keys.end(), key);
    size_t spec_index = static_cast<size_t>(at - spec_keys.begin());
    if (at == spec_keys.end()) {
      spec_keys.push_back(key);
      specs.push_back(std::move(spec));
    }
    Window::Function function;
    function.kind = bound.kind;
    function.aggregate = bound.aggregate;
    function.frame = bound.frame;
    function.ignore_nulls = bound.ignore_nulls;
    function.type = bound.type;
    function.spec = spec_index;
    function.text = bound.text;
    for (const auto& argument : bound.arguments) function.arguments.push_back(input_of(*argument));
    if (function.kind == WindowFunctionKind::kAggregate && !function.aggregate) {
      ThrowInternal("aggregate window function without its aggregate");
    }
    functions.push_back(std::move(function));
  }
  std::vector<uint32_t> child_columns;
  std::vector<Window::OutputColumn> outputs;
  for (const ColumnBinding& binding : logical.bindings) {
    if (binding.table == logical.table_index &&
        std::find(child_layout.begin(), child_layout.end(), binding) == child_layout.end()) {
      outputs.push_back({true, binding.column});
      continue;
    }
    const uint32_t column = static_cast<uint32_t>(FindBinding(child_layout, binding));
    outputs.push_back({false, child_columns.size()});
    child_columns.push_back(column);
  }
  std::vector<LogicalType> types = logical.types;
  auto child_types = child->types();
  auto op = std::make_unique<Window>(std::move(types), ExprInputs(expressions, child_layout),
                                     std::move(child_columns), std::move(child_types),
                                     std::move(specs), std::move(functions), std::move(outputs));
  op->children.push_back(std::move(child));
  return op;
}

}  // namespace basin::sql
