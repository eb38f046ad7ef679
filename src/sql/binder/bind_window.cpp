// The window calls (OVER) of one SELECT: named windows, ranking / value / aggregate window
// functions typed and cast, frames; one LogicalWindow over the (aggregated) plan.
#include <optional>
#include <string>

#include "common/error.hpp"
#include "sql/binder/select_binder.hpp"

namespace basin::sql {

namespace {

using types::LogicalType;

std::optional<WindowFunctionKind> RankingKind(std::string_view name) {
  if (name == "row_number") return WindowFunctionKind::kRowNumber;
  if (name == "rank") return WindowFunctionKind::kRank;
  if (name == "dense_rank") return WindowFunctionKind::kDenseRank;
  if (name == "percent_rank") return WindowFunctionKind::kPercentRank;
  if (name == "cume_dist") return WindowFunctionKind::kCumeDist;
  if (name == "ntile") return WindowFunctionKind::kNtile;
  if (name == "lag") return WindowFunctionKind::kLag;
  if (name == "lead") return WindowFunctionKind::kLead;
  if (name == "first_value") return WindowFunctionKind::kFirstValue;
  if (name == "last_value") return WindowFunctionKind::kLastValue;
  if (name == "nth_value") return WindowFunctionKind::kNthValue;
  return std::nullopt;
}

}  // namespace

void SelectBinder::BindWindows(const std::vector<const FunctionCall*>& windows) {
  auto window = std::make_unique<LogicalWindow>();
  window->table_index = binder_.context().NextTableIndex();
  for (const FunctionCall* call : windows) {
    std::string name = JoinName(call->name);
    // A named window (OVER w, or OVER (w ORDER BY …)) supplies what the call leaves out.
    const WindowSpec* spec = call->over.get();
    const WindowSpec* base = nullptr;
    if (spec->base_window) {
      std::string base_name = spec->base_window->Name();
      for (const auto& named : body_.windows) {
        if (named.name.Name() == base_name) base = &named.spec;
      }
      if (base == nullptr) {
        binder_.Fail(spec->base_window->pos, "window '" + base_name + "' is not defined");
      }
    }
    const auto& partition_by =
        !spec->partition_by.empty() || base == nullptr ? spec->partition_by : base->partition_by;
    const auto& order_by =
        !spec->order_by.empty() || base == nullptr ? spec->order_by : base->order_by;
    const auto& frame = spec->frame || base == nullptr ? spec->frame : base->frame;

    BoundWindow bound;
    for (const auto& p : partition_by) {
      bound.partition_by.push_back(BindAfterAggregation(*p, "PARTITION BY"));
    }
    for (const auto& o : order_by) {
      BoundOrder order;
      order.expr = BindAfterAggregation(*o.expr, "a window's ORDER BY");
      order.descending = o.order == SortOrder::kDescending;
      order.nulls_first = o.nulls == NullsOrder::kFirst;
      bound.order_by.push_back(std::move(order));
    }
    for (const auto& arg : call->args) {
      bound.arguments.push_back(BindAfterAggregation(*arg, "a window function's arguments"));
    }
    bound.ignore_nulls = call->null_treatment == NullTreatment::kIgnoreNulls;
    auto ranking = RankingKind(name);
    if (ranking) {
      bound.kind = *ranking;
      switch (*ranking) {
        case WindowFunctionKind::kRowNumber:
        case WindowFunctionKind::kRank:
        case WindowFunctionKind::kDenseRank:
        case WindowFunctionKind::kNtile: bound.type = LogicalType::BigInt(); break;
        case WindowFunctionKind::kPercentRank:
        case WindowFunctionKind::kCumeDist: bound.type = LogicalType::Double(); break;
        default:
          if (bound.arguments.empty()) binder_.Fail(call->pos, name + " needs an argument");
          bound.type = bound.arguments[0]->type;
          for (size_t i = 1; i < bound.arguments.size(); ++i) {
            if (i == 1 && bound.arguments[1]->type.IsInteger()) {
              bound.arguments[1] =
                  CastIfNeeded(std::move(bound.arguments[1]), LogicalType::BigInt());
            } else if (i == 2) {
              bound.arguments[2] = binder_.Coerce(std::move(bound.arguments[2]), bound.type,
                                                  call->pos, "the default of " + name);
            }
          }
          break;
      }
      if (*ranking == WindowFunctionKind::kNtile && !bound.arguments.empty()) {
        bound.arguments[0] = CastIfNeeded(std::move(bound.arguments[0]), LogicalType::BigInt());
      }
    } else {
      std::vector<types::LogicalType> argument_types;
      for (const auto& arg : bound.arguments) argument_types.push_back(arg->type);
      try {
        bound.aggregate = std::make_shared<const AggregateFunction>(
            ResolveAggregateFunction(name, argument_types));
      } catch (const Error& error) {
        if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kNotFound) {
          throw;
        }
        binder_.Fail(call->pos, error.what());
      }
      for (size_t i = 0; i < bound.arguments.size() && i < bound.aggregate->arguments.size(); ++i) {
        bound.arguments[i] =
            CastIfNeeded(std::move(bound.arguments[i]), bound.aggregate->arguments[i]);
      }
      bound.type = bound.aggregate->result;
    }
    if (bound.order_by.empty()) {
      bound.frame.unit = FrameUnitKind::kRows;
      bound.frame.start = FrameBoundType::kUnboundedPreceding;
      bound.frame.end = FrameBoundType::kUnboundedFollowing;
    }
    if (frame) {
      auto convert = [&](const FrameBound& b, FrameBoundType& type, int64_t& offset) {
        type = static_cast<FrameBoundType>(b.kind);
        if (b.offset) {
          if (!IsOrdinal(*b.offset)) {
            binder_.Fail(b.offset->pos, "a frame offset must be an integer literal");
          }
          offset = OrdinalValue(*b.offset);
        }
      };
      bound.frame.unit = static_cast<FrameUnitKind>(frame->unit);
      convert(frame->start, bound.frame.start, bound.frame.start_offset);
      if (frame->end) {
        convert(*frame->end, bound.frame.end, bound.frame.end_offset);
      } else {
        bound.frame.end = FrameBoundType::kCurrentRow;
      }
    }
    bound.text = name;
    uint32_t index = static_cast<uint32_t>(window->windows.size());
    replacements_[call] = MakeColumn({window->table_index, index}, bound.type, name);
    window->windows.push_back(std::move(bound));
  }
  window->bindings = plan_->bindings;
  window->types = plan_->types;
  window->names = plan_->names;
  window->names.resize(window->bindings.size());
  for (uint32_t j = 0; j < window->windows.size(); ++j) {
    window->bindings.push_back({window->table_index, j});
    window->types.push_back(window->windows[j].type);
    window->names.push_back(window->windows[j].text);
  }
  window->estimated_rows = plan_->estimated_rows;
  window->children.push_back(std::move(plan_));
  plan_ = std::move(window);
}

}  // namespace basin::sql
