#pragma once

// Helpers for driving the hash operators directly in tests: sink chunks through several
// simulated workers, read a source out, and small aggregate functions written here (so the
// operator tests do not depend on the function library).

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "sql/exec/physical_operator.hpp"
#include "sql/exec/selection.hpp"
#include "sql/functions/function.hpp"

namespace basin::sql::testing {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;
using types::Value;

// A child operator that is never run: only its types matter to the factories.
struct StubOperator : PhysicalOperator {
  explicit StubOperator(std::vector<LogicalType> t) : PhysicalOperator(std::move(t)) {}
  std::string Describe() const override { return "stub"; }
};

inline DataChunk MakeChunk(const std::vector<LogicalType>& types,
                           const std::vector<std::vector<Value>>& rows) {
  DataChunk chunk;
  InitChunk(chunk, types);
  for (const auto& row : rows) {
    for (size_t c = 0; c < types.size(); ++c) chunk.column(c).Append(row[c]);
  }
  chunk.SetSizeOnly(rows.size());
  return chunk;
}

// Sinks `chunks` into `op` round-robin over `workers` local states, combines, finalizes and
// installs the sink state.
inline void RunSink(PhysicalOperator& op, ExecContext& context, std::vector<DataChunk>& chunks,
                    size_t workers) {
  auto global = op.InitGlobalSink(context);
  std::vector<std::unique_ptr<LocalSinkState>> locals;
  for (size_t w = 0; w < workers; ++w) locals.push_back(op.InitLocalSink(context, *global));
  for (size_t i = 0; i < chunks.size(); ++i) {
    op.Sink(context, chunks[i], *global, *locals[i % workers]);
  }
  for (auto& local : locals) op.Combine(context, *global, *local);
  op.Finalize(context, *global);
  op.sink_state = std::move(global);
}

// Every row a source produces, each as the text of its values joined by '|', sorted.
inline std::vector<std::string> ReadSourceRows(PhysicalOperator& op, ExecContext& context) {
  auto global = op.InitGlobalSource(context);
  auto local = op.InitLocalSource(context, *global);
  std::vector<std::string> rows;
  DataChunk out;
  while (op.GetChunk(context, *global, *local, out)) {
    for (size_t r = 0; r < out.size(); ++r) {
      std::string line;
      for (size_t c = 0; c < out.column_count(); ++c) {
        if (c > 0) line += "|";
        line += out.column(c).GetValue(r).ToString();
      }
      rows.push_back(line);
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Rows of one chunk as text, in order.
inline std::vector<std::string> ChunkRows(const DataChunk& chunk) {
  std::vector<std::string> rows;
  for (size_t r = 0; r < chunk.size(); ++r) {
    std::string line;
    for (size_t c = 0; c < chunk.column_count(); ++c) {
      if (c > 0) line += "|";
      line += chunk.column(c).GetValue(r).ToString();
    }
    rows.push_back(line);
  }
  return rows;
}

// count(*) or count(x) (non-NULL x).
inline std::shared_ptr<const AggregateFunction> TestCount(bool star) {
  auto f = std::make_shared<AggregateFunction>();
  f->name = "count";
  if (!star) f->arguments = {LogicalType::BigInt()};
  f->result = LogicalType::BigInt();
  f->state_size = 8;
  f->state_align = 8;
  f->init = [](uint8_t* s) { *reinterpret_cast<int64_t*>(s) = 0; };
  f->update = [star](std::span<const Vector* const> args, size_t rows, uint8_t* const* states) {
    for (size_t i = 0; i < rows; ++i) {
      if (star || !args[0]->IsNull(i)) ++*reinterpret_cast<int64_t*>(states[i]);
    }
  };
  f->combine = [](const uint8_t* a, uint8_t* b) {
    *reinterpret_cast<int64_t*>(b) += *reinterpret_cast<const int64_t*>(a);
  };
  f->finalize = [](uint8_t* const* states, size_t count, Vector& out) {
    for (size_t i = 0; i < count; ++i) {
      out.data<int64_t>()[i] = *reinterpret_cast<const int64_t*>(states[i]);
    }
  };
  return f;
}

// sum(bigint): NULL when no non-NULL input.
inline std::shared_ptr<const AggregateFunction> TestSum() {
  struct State {
    int64_t sum;
    bool any;
  };
  auto f = std::make_shared<AggregateFunction>();
  f->name = "sum";
  f->arguments = {LogicalType::BigInt()};
  f->result = LogicalType::BigInt();
  f->state_size = sizeof(State);
  f->state_align = alignof(State);
  f->init = [](uint8_t* s) { *reinterpret_cast<State*>(s) = State{0, false}; };
  f->update = [](std::span<const Vector* const> args, size_t rows, uint8_t* const* states) {
    const int64_t* v = args[0]->data<int64_t>();
    for (size_t i = 0; i < rows; ++i) {
      if (args[0]->IsNull(i)) continue;
      auto* s = reinterpret_cast<State*>(states[i]);
      s->sum += v[i];
      s->any = true;
    }
  };
  f->combine = [](const uint8_t* a, uint8_t* b) {
    auto* from = reinterpret_cast<const State*>(a);
    auto* to = reinterpret_cast<State*>(b);
    to->sum += from->sum;
    to->any |= from->any;
  };
  f->finalize = [](uint8_t* const* states, size_t count, Vector& out) {
    for (size_t i = 0; i < count; ++i) {
      auto* s = reinterpret_cast<const State*>(states[i]);
      if (s->any) {
        out.data<int64_t>()[i] = s->sum;
      } else {
        out.SetNull(i);
      }
    }
  };
  return f;
}

}  // namespace basin::sql::testing
