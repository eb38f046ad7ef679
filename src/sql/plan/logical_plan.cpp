#include "sql/plan/logical_plan.hpp"

#include <cmath>
#include <string_view>

namespace basin::sql {

namespace {

std::string_view JoinKindName(JoinKind kind) {
  switch (kind) {
    case JoinKind::kInner: return "INNER";
    case JoinKind::kLeft: return "LEFT";
    case JoinKind::kRight: return "RIGHT";
    case JoinKind::kFull: return "FULL";
    case JoinKind::kSemi: return "SEMI";
    case JoinKind::kAnti: return "ANTI";
    case JoinKind::kAntiNullAware: return "ANTI NULL-AWARE";
    case JoinKind::kMark: return "MARK";
    case JoinKind::kSingle: return "SINGLE";
    case JoinKind::kCross: return "CROSS";
  }
  return "?";
}

std::string_view FormatName(LakeFormat format) {
  switch (format) {
    case LakeFormat::kParquet: return "parquet";
    case LakeFormat::kCsv: return "csv";
    case LakeFormat::kJson: return "json";
  }
  return "?";
}

std::string ExprList(const std::vector<BoundExprPtr>& exprs) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out += ", ";
    out += exprs[i]->ToString();
  }
  return out;
}

std::string OrderList(const std::vector<BoundOrder>& order) {
  std::string out;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0) out += ", ";
    out += order[i].expr->ToString();
    if (order[i].descending) out += " DESC";
    if (order[i].nulls_first) out += " NULLS FIRST";
  }
  return out;
}

std::string AggregateText(const BoundAggregate& aggregate) {
  std::string out = aggregate.function ? aggregate.function->name : "?";
  out += "(";
  if (aggregate.distinct) out += "DISTINCT ";
  if (aggregate.arguments.empty() && out.starts_with("count")) out += "*";
  out += ExprList(aggregate.arguments);
  if (!aggregate.order_by.empty()) out += " ORDER BY " + OrderList(aggregate.order_by);
  out += ")";
  if (aggregate.filter) out += " FILTER (WHERE " + aggregate.filter->ToString() + ")";
  return out;
}

std::string_view WindowKindName(WindowFunctionKind kind) {
  switch (kind) {
    case WindowFunctionKind::kAggregate: return "";
    case WindowFunctionKind::kRowNumber: return "row_number";
    case WindowFunctionKind::kRank: return "rank";
    case WindowFunctionKind::kDenseRank: return "dense_rank";
    case WindowFunctionKind::kPercentRank: return "percent_rank";
    case WindowFunctionKind::kCumeDist: return "cume_dist";
    case WindowFunctionKind::kNtile: return "ntile";
    case WindowFunctionKind::kLag: return "lag";
    case WindowFunctionKind::kLead: return "lead";
    case WindowFunctionKind::kFirstValue: return "first_value";
    case WindowFunctionKind::kLastValue: return "last_value";
    case WindowFunctionKind::kNthValue: return "nth_value";
  }
  return "?";
}

std::string WindowText(const BoundWindow& window) {
  std::string out = window.kind == WindowFunctionKind::kAggregate && window.aggregate
                        ? window.aggregate->name
                        : std::string(WindowKindName(window.kind));
  out += "(" + ExprList(window.arguments) + ") OVER (";
  bool space = false;
  if (!window.partition_by.empty()) {
    out += "PARTITION BY " + ExprList(window.partition_by);
    space = true;
  }
  if (!window.order_by.empty()) {
    if (space) out += " ";
    out += "ORDER BY " + OrderList(window.order_by);
  }
  out += ")";
  return out;
}

std::string Rows(double rows) {
  if (rows < 0) return {};
  return " rows~" + std::to_string(static_cast<int64_t>(std::llround(rows)));
}

// The essentials of one operator, without its children.
std::string Describe(const LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kScan: {
      const auto& scan = op.As<LogicalScan>();
      std::string out = "Scan " + scan.source.database + "." + scan.source.table;
      if (!scan.alias.empty() && scan.alias != scan.source.table) out += " AS " + scan.alias;
      out += " [";
      out += scan.source.kind == SourceKind::kDatabase ? std::string_view("database")
                                                       : FormatName(scan.source.format);
      out += "] columns=[";
      for (size_t i = 0; i < scan.projection.size(); ++i) {
        if (i > 0) out += ", ";
        uint32_t column = scan.projection[i];
        out += column < scan.source.column_names.size() ? scan.source.column_names[column]
                                                        : std::string("?");
      }
      out += "]";
      if (!scan.filters.empty()) out += " filters=[" + ExprList(scan.filters) + "]";
      return out;
    }
    case LogicalKind::kValues: {
      const auto& values = op.As<LogicalValues>();
      return "Values rows=" + std::to_string(values.rows.size()) +
             " columns=" + std::to_string(op.types.size());
    }
    case LogicalKind::kFilter: return "Filter " + ExprList(op.As<LogicalFilter>().conjuncts);
    case LogicalKind::kProject: return "Project " + ExprList(op.As<LogicalProject>().expressions);
    case LogicalKind::kAggregate: {
      const auto& aggregate = op.As<LogicalAggregate>();
      std::string out = "Aggregate";
      if (!aggregate.groups.empty()) out += " groups=[" + ExprList(aggregate.groups) + "]";
      if (!aggregate.aggregates.empty()) {
        out += " aggregates=[";
        for (size_t i = 0; i < aggregate.aggregates.size(); ++i) {
          if (i > 0) out += ", ";
          out += AggregateText(aggregate.aggregates[i]);
        }
        out += "]";
      }
      if (!aggregate.grouping_sets.empty()) {
        out += " sets=" + std::to_string(aggregate.grouping_sets.size());
      }
      return out;
    }
    case LogicalKind::kJoin: {
      const auto& join = op.As<LogicalJoin>();
      std::string out = "Join " + std::string(JoinKindName(join.join_kind));
      if (!join.left_keys.empty()) {
        out += " keys=[";
        for (size_t i = 0; i < join.left_keys.size(); ++i) {
          if (i > 0) out += ", ";
          out += join.left_keys[i]->ToString();
          out +=
              i < join.null_equal.size() && join.null_equal[i] ? " IS NOT DISTINCT FROM " : " = ";
          out += join.right_keys[i]->ToString();
        }
        out += "]";
      }
      if (join.residual) out += " residual=" + join.residual->ToString();
      return out;
    }
    case LogicalKind::kSort: return "Sort " + OrderList(op.As<LogicalSort>().order_by);
    case LogicalKind::kLimit: {
      const auto& limit = op.As<LogicalLimit>();
      std::string out = "Limit ";
      out += limit.limit ? std::to_string(*limit.limit) : std::string("ALL");
      if (limit.offset != 0) out += " offset=" + std::to_string(limit.offset);
      return out;
    }
    case LogicalKind::kSetOperation: {
      const auto& set = op.As<LogicalSetOperation>();
      std::string out = set.op == SetOperationKind::kUnion       ? "Union"
                        : set.op == SetOperationKind::kIntersect ? "Intersect"
                                                                 : "Except";
      if (set.all) out += " ALL";
      return out;
    }
    case LogicalKind::kWindow: {
      const auto& window = op.As<LogicalWindow>();
      std::string out = "Window ";
      for (size_t i = 0; i < window.windows.size(); ++i) {
        if (i > 0) out += ", ";
        out += WindowText(window.windows[i]);
      }
      return out;
    }
    case LogicalKind::kEmpty: return "Empty";
    case LogicalKind::kWrite: {
      const auto& write = op.As<LogicalWrite>();
      return "Write " + std::string(FormatName(write.format)) + " " + write.location;
    }
  }
  return "?";
}

void Explain(const LogicalOperator& op, int depth, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  out += Describe(op);
  out += Rows(op.estimated_rows);
  out += '\n';
  for (const auto& child : op.children) Explain(*child, depth + 1, out);
}

}  // namespace

std::string ExplainLogical(const LogicalOperator& root) {
  std::string out;
  Explain(root, 0, out);
  return out;
}

}  // namespace basin::sql
