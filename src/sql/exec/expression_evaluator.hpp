#pragma once

// Vectorized evaluation of bound expressions over DataChunks.
//
// The physical planner compiles each BoundExpr against the column layout of the chunks the
// operator receives (CompileExpression): column bindings become column positions, constant IN
// lists become sorted sets. The compiled PhysicalExpr is immutable and shared by every worker;
// each worker owns an ExpressionEvaluator with the scratch vectors of one evaluation.
//
// Semantics: SQL three-valued logic for AND/OR/NOT; a NULL argument of a null-in-null-out
// function gives NULL (the evaluator ANDs the argument validity into the result, so kernels
// that forget still agree). CASE, COALESCE and the right side of AND/OR are evaluated only on
// the rows that reach them: `CASE WHEN x <> 0 THEN 10 / x END` never divides by zero.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "columnar/vector.hpp"
#include "sql/exec/selection.hpp"
#include "sql/plan/bound_expression.hpp"

namespace basin::sql {

// A constant IN list as sorted values of the storage type of the tested expression.
struct InSet {
  std::vector<int64_t> integers;       // BOOLEAN, integers, DATE, TIME, TIMESTAMP, DECIMAL<=18
  std::vector<types::int128_t> wides;  // DECIMAL>18
  std::vector<double> doubles;         // REAL, DOUBLE
  std::vector<std::string> strings;    // VARCHAR, VARBINARY
  std::vector<types::Value> others;    // nested types (slow path)
  bool has_null = false;               // a NULL in the list: "no match" becomes NULL
};

// A bound expression resolved against a column layout.
struct PhysicalExpr {
  BoundExprKind kind = BoundExprKind::kConstant;
  types::LogicalType type;
  uint32_t column = 0;                             // kColumn: position in the input chunk
  types::Value constant;                           // kConstant
  std::shared_ptr<const ScalarFunction> function;  // kFunction
  std::vector<std::unique_ptr<PhysicalExpr>> children;
  bool negated = false;
  bool try_cast = false;
  std::shared_ptr<const InSet> in_set;  // kInList with constant items: children = {value}
  // Input columns this subtree reads (sorted, unique): what a partial evaluation gathers.
  std::vector<uint32_t> columns_used;
  std::string text;
};

using PhysicalExprPtr = std::unique_ptr<PhysicalExpr>;

// Resolves `expr` against `layout` (the binding of each input column, in order). Throws
// Internal when a binding is not in the layout.
PhysicalExprPtr CompileExpression(const BoundExpr& expr, const std::vector<ColumnBinding>& layout);
// An expression that reads input column `column` as is.
PhysicalExprPtr ColumnExpression(uint32_t column, types::LogicalType type);

// Evaluates one compiled expression; one per worker (it holds scratch vectors).
class ExpressionEvaluator {
 public:
  explicit ExpressionEvaluator(const PhysicalExpr& expr);
  ~ExpressionEvaluator();
  ExpressionEvaluator(ExpressionEvaluator&&) noexcept;
  ExpressionEvaluator& operator=(ExpressionEvaluator&&) noexcept;

  const PhysicalExpr& expr() const { return *expr_; }

  // The value of the expression for every row of `input`. The result is borrowed: an input
  // column itself for a column reference, else a scratch vector; it stays valid until the next
  // call or until `input` changes. It may hold more rows than input.size() (a constant):
  // read only the first input.size(). `input` is mutable only so strings can be shared.
  const columnar::Vector& Evaluate(columnar::DataChunk& input);

  // Moves the value into `out` (same type; its old buffers are recycled as scratch), exactly
  // input.size() rows. For projections.
  void EvaluateInto(columnar::DataChunk& input, columnar::Vector& out);

  // For a BOOLEAN expression: the rows where it is true.
  void Select(columnar::DataChunk& input, Selection& out);

  struct State;

 private:
  const PhysicalExpr* expr_;
  std::unique_ptr<State> state_;
};

// A conjunction of filter expressions applied to chunks: keeps the rows where every conjunct
// is true, evaluating each conjunct only on the rows the previous ones kept.
class ChunkFilter {
 public:
  ChunkFilter() = default;
  explicit ChunkFilter(const std::vector<const PhysicalExpr*>& conjuncts);
  bool empty() const { return evaluators_.empty(); }
  // Replaces `chunk` by its rows that pass (zero-copy strings).
  void Apply(columnar::DataChunk& chunk);

 private:
  std::vector<ExpressionEvaluator> evaluators_;
  Selection selection_;
  columnar::DataChunk scratch_;
};

}  // namespace basin::sql
