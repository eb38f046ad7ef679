// Set operations (INTERSECT, EXCEPT, and UNION when folded into joins) as hash joins over
// every column with NULLs equal, plus a distinct aggregate for the non-ALL forms.

#include "common/error.hpp"
#include "sql/exec/hash_join.hpp"
#include "sql/exec/hash_operators.hpp"

namespace basin::sql {

using types::LogicalType;

namespace {

// Positional bindings (table, 0..n-1) for operators built without a logical plan.
ColumnLayout Positional(uint32_t table, size_t columns) {
  ColumnLayout layout;
  for (uint32_t i = 0; i < columns; ++i) layout.push_back({table, i});
  return layout;
}

// A join of two inputs with the same columns on every column, NULLs equal: the set operations.
PhysicalPtr MakeSetJoin(HashJoinKind kind, PhysicalPtr probe, PhysicalPtr build) {
  const std::vector<LogicalType> types = probe->types();
  if (build->types().size() != types.size()) {
    ThrowInternal("set operation inputs have different column counts");
  }
  const ColumnLayout probe_layout = Positional(0, types.size());
  const ColumnLayout build_layout = Positional(1, types.size());
  std::vector<BoundExprPtr> owned;
  std::vector<const BoundExpr*> probe_keys, build_keys;
  HashJoin::Spec spec;
  spec.kind = kind;
  for (uint32_t i = 0; i < types.size(); ++i) {
    spec.outputs.push_back({HashJoin::OutputColumn::kProbe, i});
    spec.probe_payload.push_back(i);
    if (kind == HashJoinKind::kUnionAll) {
      spec.build_payload.push_back(i);
      continue;
    }
    owned.push_back(MakeColumn(probe_layout[i], types[i]));
    probe_keys.push_back(owned.back().get());
    owned.push_back(MakeColumn(build_layout[i], types[i]));
    build_keys.push_back(owned.back().get());
    spec.null_equal.push_back(true);
  }
  spec.probe_keys = ExprInputs(probe_keys, probe_layout);
  spec.build_keys = ExprInputs(build_keys, build_layout);
  auto build_types = build->types();
  auto op = std::make_unique<HashJoin>(types, std::move(spec), types, build_types);
  op->children.push_back(std::move(probe));
  op->children.push_back(std::move(build));
  return op;
}

}  // namespace

PhysicalPtr MakeSetOperation(const LogicalSetOperation& set_operation,
                             std::vector<PhysicalPtr> children) {
  if (children.empty()) ThrowInternal("set operation without inputs");
  HashJoinKind kind = HashJoinKind::kUnionAll;
  switch (set_operation.op) {
    case SetOperationKind::kUnion: kind = HashJoinKind::kUnionAll; break;
    case SetOperationKind::kIntersect:
      kind = set_operation.all ? HashJoinKind::kIntersectAll : HashJoinKind::kSemi;
      break;
    case SetOperationKind::kExcept:
      kind = set_operation.all ? HashJoinKind::kExceptAll : HashJoinKind::kAnti;
      break;
  }
  PhysicalPtr result = std::move(children[0]);
  for (size_t i = 1; i < children.size(); ++i) {
    result = MakeSetJoin(kind, std::move(result), std::move(children[i]));
  }
  if (!set_operation.all) result = MakeDistinct(std::move(result));
  return result;
}

}  // namespace basin::sql
