#include "sql/exec/hash_expression_inputs.hpp"

#include "common/error.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;

size_t FindBinding(const ColumnLayout& layout, ColumnBinding binding) {
  for (size_t i = 0; i < layout.size(); ++i) {
    if (layout[i] == binding) return i;
  }
  ThrowInternal("column binding (" + std::to_string(binding.table) + ", " +
                std::to_string(binding.column) + ") is not in the operator's input");
}

ExprInputs::ExprInputs(const std::vector<const BoundExpr*>& expressions,
                       const ColumnLayout& layout) {
  entries_.reserve(expressions.size());
  for (const BoundExpr* expression : expressions) {
    Entry entry;
    entry.type = expression->type;
    if (expression->kind == BoundExprKind::kColumn) {
      entry.column = static_cast<int64_t>(FindBinding(layout, expression->binding));
    } else {
      entry.compiled = CompileExpression(*expression, layout);
    }
    entries_.push_back(std::move(entry));
  }
}

ExprInputs::ExprInputs(ExprInputs&&) noexcept = default;
ExprInputs& ExprInputs::operator=(ExprInputs&&) noexcept = default;
ExprInputs::~ExprInputs() = default;

std::unique_ptr<ExprInputs::State> ExprInputs::MakeState() const {
  auto state = std::make_unique<State>();
  state->vectors_.assign(entries_.size(), nullptr);
  for (const Entry& entry : entries_) {
    state->evaluators_.push_back(
        entry.compiled ? std::make_unique<ExpressionEvaluator>(*entry.compiled) : nullptr);
  }
  return state;
}

void ExprInputs::Evaluate(DataChunk& input, State& state) const {
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& entry = entries_[i];
    if (entry.column >= 0) {
      state.vectors_[i] = &input.column(static_cast<size_t>(entry.column));
      continue;
    }
    state.vectors_[i] = &state.evaluators_[i]->Evaluate(input);
  }
}

}  // namespace basin::sql
