// Deep copies of logical plans whose every table index is fresh, so the copy can sit in the
// same plan as the original (decorrelation joins a subquery with a copy of the outer query).
#include "sql/binder/plan_clone.hpp"

#include "common/error.hpp"

namespace basin::sql {

namespace {

class Cloner {
 public:
  explicit Cloner(BindContext& context) : context_(context) {}

  std::unordered_map<uint32_t, uint32_t>& remap() { return remap_; }

  uint32_t Fresh(uint32_t old_index) {
    uint32_t index = context_.NextTableIndex();
    remap_[old_index] = index;
    return index;
  }

  ColumnBinding Map(ColumnBinding binding) const {
    auto it = remap_.find(binding.table);
    if (it != remap_.end()) binding.table = it->second;
    return binding;
  }

  BoundExprPtr Expr(const BoundExprPtr& expr) const {
    if (!expr) return nullptr;
    BoundExprPtr copy = expr->Clone();
    Remap(*copy);
    return copy;
  }

  std::vector<BoundExprPtr> Exprs(const std::vector<BoundExprPtr>& exprs) const {
    std::vector<BoundExprPtr> out;
    for (const auto& e : exprs) out.push_back(Expr(e));
    return out;
  }

  std::vector<BoundOrder> Orders(const std::vector<BoundOrder>& orders) const {
    std::vector<BoundOrder> out;
    for (const auto& o : orders) out.push_back({Expr(o.expr), o.descending, o.nulls_first});
    return out;
  }

  LogicalPtr Clone(const LogicalOperator& op) {
    std::vector<LogicalPtr> children;
    for (const auto& child : op.children) children.push_back(Clone(*child));
    LogicalPtr copy;
    switch (op.kind) {
      case LogicalKind::kScan: {
        const auto& scan = op.As<LogicalScan>();
        auto c = std::make_unique<LogicalScan>();
        c->source = scan.source;
        c->table_index = Fresh(scan.table_index);
        c->projection = scan.projection;
        c->filters = Exprs(scan.filters);
        c->alias = scan.alias;
        copy = std::move(c);
        break;
      }
      case LogicalKind::kValues: {
        const auto& values = op.As<LogicalValues>();
        auto c = std::make_unique<LogicalValues>();
        c->table_index = Fresh(values.table_index);
        for (const auto& row : values.rows) c->rows.push_back(Exprs(row));
        copy = std::move(c);
        break;
      }
      case LogicalKind::kFilter: {
        auto c = std::make_unique<LogicalFilter>();
        c->conjuncts = Exprs(op.As<LogicalFilter>().conjuncts);
        copy = std::move(c);
        break;
      }
      case LogicalKind::kProject: {
        const auto& project = op.As<LogicalProject>();
        auto c = std::make_unique<LogicalProject>();
        c->expressions = Exprs(project.expressions);
        c->table_index = Fresh(project.table_index);
        copy = std::move(c);
        break;
      }
      case LogicalKind::kAggregate: {
        const auto& aggregate = op.As<LogicalAggregate>();
        auto c = std::make_unique<LogicalAggregate>();
        c->groups = Exprs(aggregate.groups);
        for (const auto& a : aggregate.aggregates) {
          BoundAggregate b;
          b.function = a.function;
          b.arguments = Exprs(a.arguments);
          b.distinct = a.distinct;
          b.filter = Expr(a.filter);
          b.order_by = Orders(a.order_by);
          b.text = a.text;
          c->aggregates.push_back(std::move(b));
        }
        c->grouping_sets = aggregate.grouping_sets;
        c->group_index = Fresh(aggregate.group_index);
        c->aggregate_index = Fresh(aggregate.aggregate_index);
        copy = std::move(c);
        break;
      }
      case LogicalKind::kJoin: {
        const auto& join = op.As<LogicalJoin>();
        auto c = std::make_unique<LogicalJoin>();
        c->join_kind = join.join_kind;
        c->left_keys = Exprs(join.left_keys);
        c->right_keys = Exprs(join.right_keys);
        c->null_equal = join.null_equal;
        c->residual = Expr(join.residual);
        c->mark_binding = join.mark_binding;
        if (join.join_kind == JoinKind::kMark) {
          c->mark_binding = {Fresh(join.mark_binding.table), join.mark_binding.column};
        }
        copy = std::move(c);
        break;
      }
      case LogicalKind::kSort: {
        auto c = std::make_unique<LogicalSort>();
        c->order_by = Orders(op.As<LogicalSort>().order_by);
        copy = std::move(c);
        break;
      }
      case LogicalKind::kLimit: {
        auto c = std::make_unique<LogicalLimit>();
        c->limit = op.As<LogicalLimit>().limit;
        c->offset = op.As<LogicalLimit>().offset;
        copy = std::move(c);
        break;
      }
      case LogicalKind::kSetOperation: {
        const auto& set = op.As<LogicalSetOperation>();
        auto c = std::make_unique<LogicalSetOperation>();
        c->op = set.op;
        c->all = set.all;
        c->table_index = Fresh(set.table_index);
        copy = std::move(c);
        break;
      }
      case LogicalKind::kWindow: {
        const auto& window = op.As<LogicalWindow>();
        auto c = std::make_unique<LogicalWindow>();
        for (const auto& w : window.windows) {
          BoundWindow b;
          b.kind = w.kind;
          b.aggregate = w.aggregate;
          b.arguments = Exprs(w.arguments);
          b.partition_by = Exprs(w.partition_by);
          b.order_by = Orders(w.order_by);
          b.frame = w.frame;
          b.ignore_nulls = w.ignore_nulls;
          b.type = w.type;
          b.text = w.text;
          c->windows.push_back(std::move(b));
        }
        c->table_index = Fresh(window.table_index);
        copy = std::move(c);
        break;
      }
      case LogicalKind::kEmpty: copy = std::make_unique<LogicalEmpty>(); break;
      case LogicalKind::kWrite: ThrowInternal("a write cannot be copied");
    }
    copy->children = std::move(children);
    for (const auto& binding : op.bindings) copy->bindings.push_back(Map(binding));
    copy->types = op.types;
    copy->names = op.names;
    copy->estimated_rows = op.estimated_rows;
    return copy;
  }

 private:
  void Remap(BoundExpr& expr) const {
    if (expr.kind == BoundExprKind::kColumn) expr.binding = Map(expr.binding);
    for (auto& child : expr.children) Remap(*child);
  }

  BindContext& context_;
  std::unordered_map<uint32_t, uint32_t> remap_;
};

}  // namespace

LogicalPtr ClonePlanWithNewTables(const LogicalOperator& plan, BindContext& context,
                                  std::unordered_map<uint32_t, uint32_t>& remap) {
  Cloner cloner(context);
  LogicalPtr copy = cloner.Clone(plan);
  remap = std::move(cloner.remap());
  return copy;
}

}  // namespace basin::sql
