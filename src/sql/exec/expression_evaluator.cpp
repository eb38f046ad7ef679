#include "sql/exec/expression_evaluator.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "common/error.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;
using types::PhysicalType;
using types::Value;

// ---- Compilation --------------------------------------------------------------------------

namespace {

void MergeColumns(std::vector<uint32_t>& into, const std::vector<uint32_t>& from) {
  std::vector<uint32_t> merged;
  merged.reserve(into.size() + from.size());
  std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(merged));
  into = std::move(merged);
}

std::shared_ptr<const InSet> BuildInSet(const PhysicalType physical,
                                        const std::vector<BoundExprPtr>& items) {
  auto set = std::make_shared<InSet>();
  for (size_t i = 1; i < items.size(); ++i) {
    const Value& value = items[i]->constant;
    if (value.is_null()) {
      set->has_null = true;
      continue;
    }
    switch (physical) {
      case PhysicalType::kBool:
      case PhysicalType::kInt8:
      case PhysicalType::kInt16:
      case PhysicalType::kInt32:
      case PhysicalType::kInt64:
        set->integers.push_back(value.type().id() == types::TypeId::kDecimal
                                    ? static_cast<int64_t>(value.decimal_value())
                                    : value.int_value());
        break;
      case PhysicalType::kInt128: set->wides.push_back(value.decimal_value()); break;
      case PhysicalType::kFloat:
      case PhysicalType::kDouble: set->doubles.push_back(value.double_value()); break;
      case PhysicalType::kString: set->strings.push_back(value.string_value()); break;
      case PhysicalType::kList:
      case PhysicalType::kStruct: set->others.push_back(value); break;
    }
  }
  std::sort(set->integers.begin(), set->integers.end());
  std::sort(set->wides.begin(), set->wides.end());
  std::sort(set->doubles.begin(), set->doubles.end());
  std::sort(set->strings.begin(), set->strings.end());
  return set;
}

}  // namespace

PhysicalExprPtr CompileExpression(const BoundExpr& expr, const std::vector<ColumnBinding>& layout) {
  auto node = std::make_unique<PhysicalExpr>();
  node->kind = expr.kind;
  node->type = expr.type;
  node->function = expr.function;
  node->negated = expr.negated;
  node->try_cast = expr.try_cast;
  node->text = expr.text.empty() ? expr.ToString() : expr.text;
  switch (expr.kind) {
    case BoundExprKind::kColumn: {
      auto it = std::find(layout.begin(), layout.end(), expr.binding);
      if (it == layout.end()) {
        ThrowInternal("column #" + std::to_string(expr.binding.table) + "." +
                      std::to_string(expr.binding.column) + " (" + node->text +
                      ") is not among the operator's input columns");
      }
      node->column = static_cast<uint32_t>(it - layout.begin());
      node->columns_used.push_back(node->column);
      return node;
    }
    case BoundExprKind::kConstant: node->constant = expr.constant; return node;
    case BoundExprKind::kFunction:
      if (!expr.function) ThrowInternal("function call without a resolved function: " + node->text);
      break;
    case BoundExprKind::kInList: {
      bool constant_items = expr.children.size() > 1;
      for (size_t i = 1; i < expr.children.size(); ++i) {
        constant_items = constant_items && expr.children[i]->kind == BoundExprKind::kConstant;
      }
      if (constant_items) {
        node->in_set = BuildInSet(expr.children[0]->type.physical(), expr.children);
        node->children.push_back(CompileExpression(*expr.children[0], layout));
        node->columns_used = node->children[0]->columns_used;
        return node;
      }
      break;
    }
    default: break;
  }
  for (const auto& child : expr.children) {
    node->children.push_back(CompileExpression(*child, layout));
    MergeColumns(node->columns_used, node->children.back()->columns_used);
  }
  return node;
}

PhysicalExprPtr ColumnExpression(uint32_t column, types::LogicalType type) {
  auto node = std::make_unique<PhysicalExpr>();
  node->kind = BoundExprKind::kColumn;
  node->type = std::move(type);
  node->column = column;
  node->columns_used.push_back(column);
  node->text = "#" + std::to_string(column);
  return node;
}

// ---- Evaluation state -------------------------------------------------------------------

struct ExpressionEvaluator::State {
  explicit State(const PhysicalExpr& e) : expr(e), result(e.type) {
    for (const auto& child : e.children) children.push_back(std::make_unique<State>(*child));
    part_rows.resize(e.children.size() + 1);
  }
  const PhysicalExpr& expr;
  Vector result;
  std::vector<std::unique_ptr<State>> children;
  DataChunk sub;  // the input rows this node is evaluated on, when only some rows reach it
  std::vector<const Vector*> args;
  Selection remaining, if_true, if_false, undecided;
  std::vector<Selection> part_rows;
  std::vector<const Vector*> parts;
};

namespace {

using State = ExpressionEvaluator::State;

const Vector& Eval(State& s, DataChunk& input);

// Evaluates `s` on the rows `rows` of `input` only; the result's row i belongs to rows[i].
const Vector& EvalOn(State& s, DataChunk& input, const Selection& rows) {
  if (rows.size() == input.size()) return Eval(s, input);  // ascending and complete: all rows
  DataChunk& sub = s.sub;
  if (sub.column_count() != input.column_count()) InitChunk(sub, ChunkTypes(input));
  for (uint32_t column : s.expr.columns_used) {
    GatherVector(input.column(column), rows.data(), rows.size(), sub.column(column));
  }
  sub.SetSizeOnly(rows.size());
  return Eval(s, sub);
}

void SetAllNull(Vector& out, size_t rows) {
  out.Reset();
  out.Resize(rows);
  uint64_t* words = out.validity().MutableWords();
  std::memset(words, 0, ((rows + 63) / 64) * sizeof(uint64_t));
}

const Vector& EvalConstant(State& s, size_t rows) {
  Vector& result = s.result;
  if (rows > result.size() || result.size() == 0) {
    BroadcastValue(s.expr.constant, std::max<size_t>(rows, 1), result);
  } else if (rows < result.size()) {
    // Shrinking keeps the values and validity of the first rows.
    result.Resize(rows);
  }
  return result;
}

const Vector& EvalFunction(State& s, DataChunk& input) {
  size_t rows = input.size();
  const ScalarFunction& function = *s.expr.function;
  s.args.clear();
  bool any_nulls = false;
  for (size_t i = 0; i < s.children.size(); ++i) {
    State& child = *s.children[i];
    if (function.null_in_null_out && child.expr.kind == BoundExprKind::kConstant &&
        child.expr.constant.is_null()) {
      SetAllNull(s.result, rows);
      return s.result;
    }
    const Vector& arg = Eval(child, input);
    any_nulls = any_nulls || !arg.validity().AllValid();
    s.args.push_back(&arg);
  }
  Vector& out = s.result;
  out.Reset();
  function.kernel(std::span<const Vector* const>(s.args.data(), s.args.size()), rows, out);
  if (out.size() != rows) {
    ThrowInternal("function " + function.name + " returned " + std::to_string(out.size()) +
                  " rows for " + std::to_string(rows));
  }
  if (function.null_in_null_out && any_nulls) {
    uint64_t* target = out.validity().MutableWords();
    size_t words = (rows + 63) / 64;
    for (const Vector* arg : s.args) {
      const uint64_t* in = arg->validity().words();
      if (in == nullptr) continue;
      for (size_t w = 0; w < words; ++w) target[w] &= in[w];
    }
  }
  return out;
}

const Vector& EvalCast(State& s, DataChunk& input) {
  const Vector& in = Eval(*s.children[0], input);
  if (in.type() == s.expr.type) return in;
  s.result.Reset();
  try {
    CastVector(in, input.size(), s.result, s.expr.try_cast);
  } catch (const Error& error) {
    // The value alone does not say where it came from: name the column cast (an ETL
    // ApplyMapping's CAST of a source column), when it has a name.
    const PhysicalExpr& value = *s.expr.children[0];
    if (value.kind != BoundExprKind::kColumn || value.text.empty() || value.text[0] == '#') throw;
    throw Error(error.code(), "column " + value.text + ": " + error.what());
  }
  return s.result;
}

const Vector& EvalNot(State& s, DataChunk& input) {
  size_t rows = input.size();
  const Vector& in = Eval(*s.children[0], input);
  Vector& out = s.result;
  out.Reset();
  out.Resize(rows);
  const uint8_t* a = in.data<uint8_t>();
  uint8_t* r = out.data<uint8_t>();
  for (size_t i = 0; i < rows; ++i) r[i] = a[i] ^ 1;
  if (const uint64_t* words = in.validity().words()) {
    std::memcpy(out.validity().MutableWords(), words, ((rows + 63) / 64) * sizeof(uint64_t));
  }
  return out;
}

const Vector& EvalIsNull(State& s, DataChunk& input) {
  size_t rows = input.size();
  const Vector& in = Eval(*s.children[0], input);
  Vector& out = s.result;
  out.Reset();
  out.Resize(rows);
  uint8_t* r = out.data<uint8_t>();
  uint8_t negated = s.expr.negated ? 1 : 0;
  const auto& validity = in.validity();
  for (size_t i = 0; i < rows; ++i) r[i] = static_cast<uint8_t>(!validity.IsValid(i)) ^ negated;
  return out;
}

// AND (`is_and`) or OR with three-valued logic. A row is decided once it is false (AND) or
// true (OR); later operands are evaluated only on the undecided rows.
const Vector& EvalLogical(State& s, DataChunk& input, bool is_and) {
  size_t rows = input.size();
  Vector& out = s.result;
  out.Reset();
  out.Resize(rows);
  uint8_t* r = out.data<uint8_t>();
  const uint8_t decided = is_and ? 0 : 1;
  {
    const Vector& first = Eval(*s.children[0], input);
    std::memcpy(r, first.data<uint8_t>(), rows);
    if (const uint64_t* words = first.validity().words()) {
      std::memcpy(out.validity().MutableWords(), words, ((rows + 63) / 64) * sizeof(uint64_t));
    }
  }
  auto& validity = out.validity();
  for (size_t c = 1; c < s.children.size(); ++c) {
    Selection& undecided = s.undecided;
    undecided.Clear();
    for (size_t i = 0; i < rows; ++i) {
      if (!(validity.IsValid(i) && r[i] == decided)) undecided.Append(static_cast<uint32_t>(i));
    }
    if (undecided.empty()) break;
    const Vector& next = EvalOn(*s.children[c], input, undecided);
    const uint8_t* v = next.data<uint8_t>();
    const auto& next_validity = next.validity();
    for (size_t i = 0; i < undecided.size(); ++i) {
      uint32_t row = undecided[i];
      if (!next_validity.IsValid(i)) {
        validity.SetInvalid(row);  // NULL unless a later operand decides
      } else if (v[i] == decided) {
        r[row] = decided;
        validity.SetValid(row);
      }
      // else: the operand is neutral; the row keeps its value (true for AND, or NULL)
    }
  }
  return out;
}

// Builds s.result from parts: parts[k] holds values for the rows part_rows[k] (in order; a
// later part overrides an earlier one for the same row). Rows in no part are NULL.
const Vector& Assemble(State& s, size_t rows, size_t part_count) {
  Vector& out = s.result;
  out.Reset();
  bool nested = out.physical() == PhysicalType::kList || out.physical() == PhysicalType::kStruct;
  if (!nested) {
    SetAllNull(out, rows);
    for (size_t k = 0; k < part_count; ++k) {
      if (!s.part_rows[k].empty()) ScatterVector(*s.parts[k], s.part_rows[k], out);
    }
    return out;
  }
  // Nested values append in row order.
  std::vector<std::pair<int32_t, uint32_t>> source(rows, {-1, 0});
  for (size_t k = 0; k < part_count; ++k) {
    const Selection& selected = s.part_rows[k];
    for (size_t i = 0; i < selected.size(); ++i) {
      source[selected[i]] = {static_cast<int32_t>(k), static_cast<uint32_t>(i)};
    }
  }
  for (size_t row = 0; row < rows; ++row) {
    auto [part, position] = source[row];
    if (part < 0) {
      out.Append(Value::Null(out.type()));
    } else {
      out.AppendFrom(*s.parts[part], position, position + 1);
    }
  }
  return out;
}

const Vector& EvalCase(State& s, DataChunk& input) {
  size_t rows = input.size();
  size_t branches = (s.children.size() - 1) / 2;
  s.parts.assign(branches + 1, nullptr);
  Selection& remaining = s.remaining;
  remaining = Selection::Identity(rows);
  size_t part_count = 0;
  for (size_t b = 0; b < branches && !remaining.empty(); ++b) {
    const Vector& condition = EvalOn(*s.children[2 * b], input, remaining);
    SplitTrue(condition, remaining, s.if_true, s.if_false);
    if (!s.if_true.empty()) {
      if (s.if_true.size() == rows) return Eval(*s.children[2 * b + 1], input);
      s.parts[part_count] = &EvalOn(*s.children[2 * b + 1], input, s.if_true);
      s.part_rows[part_count] = s.if_true;
      ++part_count;
    }
    std::swap(remaining, s.if_false);
  }
  if (!remaining.empty()) {
    State& otherwise = *s.children.back();
    if (remaining.size() == rows) return Eval(otherwise, input);
    s.parts[part_count] = &EvalOn(otherwise, input, remaining);
    s.part_rows[part_count] = remaining;
    ++part_count;
  }
  return Assemble(s, rows, part_count);
}

const Vector& EvalCoalesce(State& s, DataChunk& input) {
  size_t rows = input.size();
  s.parts.assign(s.children.size(), nullptr);
  Selection& remaining = s.remaining;
  remaining = Selection::Identity(rows);
  size_t part_count = 0;
  for (size_t c = 0; c < s.children.size() && !remaining.empty(); ++c) {
    const Vector& value = EvalOn(*s.children[c], input, remaining);
    if (c == 0 && value.validity().AllValid()) return value;
    s.parts[part_count] = &value;
    s.part_rows[part_count] = remaining;
    ++part_count;
    Selection& still_null = s.if_false;
    still_null.Clear();
    const auto& validity = value.validity();
    if (!validity.AllValid()) {
      for (size_t i = 0; i < remaining.size(); ++i) {
        if (!validity.IsValid(i)) still_null.Append(remaining[i]);
      }
    }
    std::swap(remaining, still_null);
  }
  return Assemble(s, rows, part_count);
}

bool SameValue(const Vector& a, size_t i, const Vector& b, size_t j) {
  switch (a.physical()) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8: return a.data<int8_t>()[i] == b.data<int8_t>()[j];
    case PhysicalType::kInt16: return a.data<int16_t>()[i] == b.data<int16_t>()[j];
    case PhysicalType::kInt32: return a.data<int32_t>()[i] == b.data<int32_t>()[j];
    case PhysicalType::kInt64: return a.data<int64_t>()[i] == b.data<int64_t>()[j];
    case PhysicalType::kInt128: return a.data<types::int128_t>()[i] == b.data<types::int128_t>()[j];
    case PhysicalType::kFloat: return a.data<float>()[i] == b.data<float>()[j];
    case PhysicalType::kDouble: return a.data<double>()[i] == b.data<double>()[j];
    case PhysicalType::kString:
      return a.data<std::string_view>()[i] == b.data<std::string_view>()[j];
    case PhysicalType::kList:
    case PhysicalType::kStruct: return a.GetValue(i) == b.GetValue(j);
  }
  return false;
}

template <typename T, typename Key>
bool Contains(const std::vector<Key>& sorted, T value) {
  return std::binary_search(sorted.begin(), sorted.end(), static_cast<Key>(value));
}

bool SetContains(const InSet& set, const Vector& v, size_t i) {
  switch (v.physical()) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8: return Contains(set.integers, v.data<int8_t>()[i]);
    case PhysicalType::kInt16: return Contains(set.integers, v.data<int16_t>()[i]);
    case PhysicalType::kInt32: return Contains(set.integers, v.data<int32_t>()[i]);
    case PhysicalType::kInt64: return Contains(set.integers, v.data<int64_t>()[i]);
    case PhysicalType::kInt128: return Contains(set.wides, v.data<types::int128_t>()[i]);
    case PhysicalType::kFloat: return Contains(set.doubles, v.data<float>()[i]);
    case PhysicalType::kDouble: return Contains(set.doubles, v.data<double>()[i]);
    case PhysicalType::kString: {
      std::string_view key = v.data<std::string_view>()[i];
      auto it = std::lower_bound(set.strings.begin(), set.strings.end(), key,
                                 [](const std::string& a, std::string_view b) { return a < b; });
      return it != set.strings.end() && *it == key;
    }
    case PhysicalType::kList:
    case PhysicalType::kStruct: {
      Value value = v.GetValue(i);
      return std::find(set.others.begin(), set.others.end(), value) != set.others.end();
    }
  }
  return false;
}

// x IN (…): true on a match; else NULL when x or an item is NULL; else false. NOT IN negates
// (NULL stays NULL).
const Vector& EvalInList(State& s, DataChunk& input) {
  size_t rows = input.size();
  const Vector& value = Eval(*s.children[0], input);
  Vector& out = s.result;
  out.Reset();
  out.Resize(rows);
  uint8_t* r = out.data<uint8_t>();
  auto& validity = out.validity();
  const auto& value_validity = value.validity();
  const uint8_t negated = s.expr.negated ? 1 : 0;
  if (s.expr.in_set) {
    const InSet& set = *s.expr.in_set;
    for (size_t i = 0; i < rows; ++i) {
      if (!value_validity.IsValid(i)) {
        validity.SetInvalid(i);
        continue;
      }
      bool found = SetContains(set, value, i);
      if (!found && set.has_null) {
        validity.SetInvalid(i);
        continue;
      }
      r[i] = static_cast<uint8_t>(found) ^ negated;
    }
    return out;
  }
  s.args.clear();
  for (size_t c = 1; c < s.children.size(); ++c) s.args.push_back(&Eval(*s.children[c], input));
  for (size_t i = 0; i < rows; ++i) {
    if (!value_validity.IsValid(i)) {
      validity.SetInvalid(i);
      continue;
    }
    bool found = false;
    bool saw_null = false;
    for (const Vector* item : s.args) {
      if (item->IsNull(i)) {
        saw_null = true;
      } else if (SameValue(value, i, *item, i)) {
        found = true;
        break;
      }
    }
    if (!found && saw_null) {
      validity.SetInvalid(i);
      continue;
    }
    r[i] = static_cast<uint8_t>(found) ^ negated;
  }
  return out;
}

const Vector& Eval(State& s, DataChunk& input) {
  switch (s.expr.kind) {
    case BoundExprKind::kColumn: return input.column(s.expr.column);
    case BoundExprKind::kConstant: return EvalConstant(s, input.size());
    case BoundExprKind::kFunction: return EvalFunction(s, input);
    case BoundExprKind::kCast: return EvalCast(s, input);
    case BoundExprKind::kAnd: return EvalLogical(s, input, true);
    case BoundExprKind::kOr: return EvalLogical(s, input, false);
    case BoundExprKind::kNot: return EvalNot(s, input);
    case BoundExprKind::kIsNull: return EvalIsNull(s, input);
    case BoundExprKind::kCase: return EvalCase(s, input);
    case BoundExprKind::kCoalesce: return EvalCoalesce(s, input);
    case BoundExprKind::kInList: return EvalInList(s, input);
  }
  ThrowInternal("unknown expression kind");
}

}  // namespace

// ---- ExpressionEvaluator ------------------------------------------------------------------

ExpressionEvaluator::ExpressionEvaluator(const PhysicalExpr& expr)
    : expr_(&expr), state_(std::make_unique<State>(expr)) {}
ExpressionEvaluator::~ExpressionEvaluator() = default;
ExpressionEvaluator::ExpressionEvaluator(ExpressionEvaluator&&) noexcept = default;
ExpressionEvaluator& ExpressionEvaluator::operator=(ExpressionEvaluator&&) noexcept = default;

const Vector& ExpressionEvaluator::Evaluate(DataChunk& input) { return Eval(*state_, input); }

void ExpressionEvaluator::EvaluateInto(DataChunk& input, Vector& out) {
  size_t rows = input.size();
  const Vector& value = Eval(*state_, input);
  if (&value == &state_->result && expr_->kind != BoundExprKind::kConstant &&
      value.type() == out.type()) {
    std::swap(state_->result, out);
    out.Resize(rows);
    return;
  }
  out = CopyVector(const_cast<Vector&>(value), rows);
}

void ExpressionEvaluator::Select(DataChunk& input, Selection& out) {
  const Vector& value = Eval(*state_, input);
  out = SelectTrue(value, input.size());
}

// ---- ChunkFilter --------------------------------------------------------------------------

ChunkFilter::ChunkFilter(const std::vector<const PhysicalExpr*>& conjuncts) {
  for (const PhysicalExpr* conjunct : conjuncts) evaluators_.emplace_back(*conjunct);
}

void ChunkFilter::Apply(DataChunk& chunk) {
  for (auto& evaluator : evaluators_) {
    if (chunk.size() == 0) return;
    evaluator.Select(chunk, selection_);
    if (selection_.size() == chunk.size()) continue;
    GatherChunk(chunk, selection_, scratch_);
    std::swap(chunk, scratch_);
  }
}

}  // namespace basin::sql
