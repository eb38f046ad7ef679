#pragma once

// The expressions a hash operator reads from its input chunks (group keys, aggregate
// arguments, FILTER conditions, join keys, window partitions …), resolved once against the
// input's column layout and evaluated per chunk into a list of vectors. A plain column
// reference costs nothing: it points at the input's own column.

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "sql/exec/expression_evaluator.hpp"
#include "sql/exec/hash_operators.hpp"
#include "sql/plan/bound_expression.hpp"

namespace basin::sql {

// Immutable, shared by every worker.
class ExprInputs {
 public:
  ExprInputs() = default;
  // `layout` gives the binding of each input column. Throws Internal when an expression
  // refers to a binding that is not in the layout.
  ExprInputs(const std::vector<const BoundExpr*>& expressions, const ColumnLayout& layout);
  ExprInputs(ExprInputs&&) noexcept;
  ExprInputs& operator=(ExprInputs&&) noexcept;
  ~ExprInputs();

  size_t size() const { return entries_.size(); }
  const types::LogicalType& type(size_t i) const { return entries_[i].type; }
  // The input column an expression reads directly, or -1 when it is computed.
  int64_t column(size_t i) const { return entries_[i].column; }

  // Per-worker scratch for the computed expressions.
  class State {
   public:
    std::span<const columnar::Vector* const> vectors() const { return vectors_; }
    const columnar::Vector& operator[](size_t i) const { return *vectors_[i]; }

   private:
    friend class ExprInputs;
    std::vector<const columnar::Vector*> vectors_;
    std::vector<std::unique_ptr<ExpressionEvaluator>> evaluators_;  // null for columns
  };
  std::unique_ptr<State> MakeState() const;
  // Evaluates every expression over `input`; state.vectors() then points at the results.
  void Evaluate(columnar::DataChunk& input, State& state) const;

 private:
  struct Entry {
    types::LogicalType type;
    int64_t column = -1;
    std::shared_ptr<const PhysicalExpr> compiled;  // computed ones
  };
  std::vector<Entry> entries_;
};

// Position of `binding` in `layout`; throws Internal naming it when absent.
size_t FindBinding(const ColumnLayout& layout, ColumnBinding binding);

}  // namespace basin::sql
