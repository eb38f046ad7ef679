#pragma once

// HashJoin: a sink for its build side (children[1]) and a streaming operator for its probe side
// (children[0]).
//
// Build: every worker appends its rows (evaluated key columns, then the build columns the
// join outputs or its residual reads) to its own RowStore with the rows' hashes. Finalize
// concatenates the stores without copying (SegmentColumn) and links rows into a chained hash
// directory (bucket heads + a `next` array), inserting in parallel with compare-and-swap.
// Output strings of build columns point into the stores (kept alive), never copied.
// Rows with a NULL in a key that is not null-equal never match; they are kept only when the
// join must output unmatched build rows (RIGHT, FULL).
//
// Probe: per input chunk, the rows' chains are walked one step per row per round (so the
// random loads of different rows overlap), collecting up to kChunkRows candidates whose 16-bit
// hash salt (kept in the chain pointer) matches; keys are compared a column at a time;
// the residual (if any) is evaluated on the gathered pair chunk. One probe chunk can yield
// many output chunks (kHaveMoreOutput). LEFT/FULL/SINGLE, SEMI/ANTI/MARK and the set-operation
// kinds then emit per-probe-row results from "found" flags. RIGHT/FULL mark matched build rows
// and, as a final source (HasFinalSource), emit the unmatched ones.
//
// Without equality keys (CROSS JOIN, or an ON with only non-equalities) every build row is a
// candidate for every probe row: a nested loop, still batch by batch.

#include <memory>
#include <string>
#include <vector>

#include "sql/exec/hash_expression_inputs.hpp"
#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

enum class HashJoinKind : uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kSemi,
  kAnti,
  kAntiNullAware,
  kMark,
  kSingle,
  // Set operations with multiplicity: each build row matches at most one probe row.
  kIntersectAll,  // probe rows that claimed a build row
  kExceptAll,     // probe rows that found none left to claim
  kUnionAll,      // probe rows pass through; the build rows follow as the final source
};

const char* HashJoinKindName(HashJoinKind kind);

class HashJoin : public PhysicalOperator {
 public:
  struct OutputColumn {
    enum Source : uint8_t { kProbe, kBuild, kMark } source = kProbe;
    uint32_t index = 0;  // probe column, or build payload column
  };

  struct Spec {
    HashJoinKind kind = HashJoinKind::kInner;
    ExprInputs probe_keys;  // over the probe child's columns
    ExprInputs build_keys;  // over the build child's columns
    std::vector<bool> null_equal;
    std::vector<uint32_t> build_payload;  // build child columns stored after the keys
    std::vector<uint32_t> probe_payload;  // probe child columns gathered into pair chunks
    std::vector<OutputColumn> outputs;
    // Over the pair chunk: probe_payload columns then build_payload columns. Null when none.
    std::shared_ptr<const PhysicalExpr> residual;
    std::string text;  // for Describe
  };

  HashJoin(std::vector<types::LogicalType> types, Spec spec,
           std::vector<types::LogicalType> probe_types, std::vector<types::LogicalType> build_types);

  std::string Describe() const override;
  HashJoinKind kind() const { return spec_.kind; }

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> InitGlobalSink(ExecContext&) const override;
  std::unique_ptr<LocalSinkState> InitLocalSink(ExecContext&, GlobalSinkState&) const override;
  void Sink(ExecContext&, columnar::DataChunk& in, GlobalSinkState&,
            LocalSinkState&) const override;
  void Combine(ExecContext&, GlobalSinkState&, LocalSinkState&) const override;
  void Finalize(ExecContext&, GlobalSinkState&) const override;

  std::unique_ptr<OperatorState> InitOperatorState(ExecContext&) const override;
  OperatorResult Execute(ExecContext&, columnar::DataChunk& in, columnar::DataChunk& out,
                         OperatorState&) const override;

  bool HasFinalSource() const override;
  std::unique_ptr<GlobalSourceState> InitGlobalSource(ExecContext&) const override;
  bool GetChunk(ExecContext&, GlobalSourceState&, LocalSourceState&,
                columnar::DataChunk& out) const override;
  size_t MaxParallelism(GlobalSourceState&) const override;

 private:
  struct Probe;
  void StartProbe(columnar::DataChunk& in, Probe& probe) const;
  size_t CollectCandidates(Probe& probe) const;
  void EmitProbeRows(columnar::DataChunk& in, const std::vector<uint32_t>& rows,
                     const std::vector<uint8_t>* marks, Probe& probe,
                     columnar::DataChunk& out) const;
  void PrepareOut(columnar::DataChunk& out) const;

  Spec spec_;
  std::vector<types::LogicalType> probe_types_;
  std::vector<types::LogicalType> store_types_;  // keys, then build payload
  bool keep_null_keys_ = false;                  // RIGHT/FULL: store rows with NULL keys too
  std::vector<size_t> pair_columns_;             // per output: its column in a pair chunk
};

}  // namespace basin::sql
