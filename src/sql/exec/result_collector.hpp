#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

// The sink at the root of every plan: keeps the result chunks (accounted to the memory
// limit), or hands each to a callback. With one worker (ordered results) chunks keep their
// order; the callback is never called concurrently.
class ResultCollector : public PhysicalOperator {
 public:
  using ChunkCallback = std::function<void(columnar::DataChunk&)>;
  ResultCollector(std::vector<types::LogicalType> types, ChunkCallback callback);

  std::string Describe() const override { return "Result"; }
  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> InitGlobalSink(ExecContext&) const override;
  std::unique_ptr<LocalSinkState> InitLocalSink(ExecContext&, GlobalSinkState&) const override;
  void Sink(ExecContext&, columnar::DataChunk& in, GlobalSinkState&,
            LocalSinkState&) const override;
  void Combine(ExecContext&, GlobalSinkState&, LocalSinkState&) const override;

  // The collected chunks, in order, once finalized (empty with a callback).
  static std::vector<columnar::DataChunk> TakeChunks(GlobalSinkState& state);
  static uint64_t RowCount(GlobalSinkState& state);

 private:
  ChunkCallback callback_;
};

}  // namespace basin::sql
