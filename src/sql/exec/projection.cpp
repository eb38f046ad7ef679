#include "sql/exec/projection.hpp"

#include <map>
#include <utility>

namespace basin::sql {

namespace {

std::vector<types::LogicalType> TypesOf(const std::vector<PhysicalExprPtr>& expressions) {
  std::vector<types::LogicalType> types;
  for (const auto& expression : expressions) types.push_back(expression->type);
  return types;
}

struct ProjectionState : OperatorState {
  std::vector<ExpressionEvaluator> evaluators;
};

}  // namespace

PhysicalProjection::PhysicalProjection(std::vector<PhysicalExprPtr> expressions)
    : PhysicalOperator(TypesOf(expressions)), expressions_(std::move(expressions)) {
  std::map<uint32_t, int> references;
  for (const auto& expression : expressions_) {
    if (expression->kind == BoundExprKind::kColumn) ++references[expression->column];
  }
  for (const auto& expression : expressions_) {
    bool movable =
        expression->kind == BoundExprKind::kColumn && references[expression->column] == 1;
    move_from_.push_back(movable ? static_cast<int>(expression->column) : -1);
  }
}

std::string PhysicalProjection::Describe() const {
  std::string text = "Project [";
  for (size_t i = 0; i < expressions_.size(); ++i) {
    if (i > 0) text += ", ";
    text += expressions_[i]->text;
  }
  return text + "]";
}

std::unique_ptr<OperatorState> PhysicalProjection::InitOperatorState(ExecContext&) const {
  auto state = std::make_unique<ProjectionState>();
  for (const auto& expression : expressions_) state->evaluators.emplace_back(*expression);
  return state;
}

OperatorResult PhysicalProjection::Execute(ExecContext&, columnar::DataChunk& in,
                                           columnar::DataChunk& out, OperatorState& state) const {
  auto& evaluators = static_cast<ProjectionState&>(state).evaluators;
  if (out.column_count() != expressions_.size()) InitChunk(out, types());
  // Computed columns first: they may read the columns that are then moved.
  for (size_t i = 0; i < expressions_.size(); ++i) {
    if (move_from_[i] < 0) evaluators[i].EvaluateInto(in, out.column(i));
  }
  for (size_t i = 0; i < expressions_.size(); ++i) {
    if (move_from_[i] >= 0) std::swap(out.column(i), in.column(static_cast<size_t>(move_from_[i])));
  }
  out.SetSizeOnly(in.size());
  return OperatorResult::kNeedMoreInput;
}

}  // namespace basin::sql
