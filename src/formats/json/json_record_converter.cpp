#include "formats/json/json_record_converter.hpp"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "common/error.hpp"
#include "formats/json/json_numbers.hpp"
#include "formats/json/json_text.hpp"
#include "types/date_time.hpp"

namespace basin::formats::json {

using columnar::Vector;
using simdjson::dom::element;
using simdjson::dom::element_type;
using types::LogicalType;
using types::PhysicalType;
using types::TypeId;

namespace {

// Deeper nesting than this is refused by the parser: it bounds recursion here and in
// inference, and no real data set comes close.
constexpr size_t kMaxDepth = 256;
// Longest value text quoted in an error message.
constexpr size_t kMaxQuotedText = 60;

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

FieldPlan BuildPlan(const LogicalType& type, std::string path, bool case_insensitive,
                    uint32_t& struct_count) {
  FieldPlan plan;
  plan.type = type;
  switch (type.id()) {
    case TypeId::kList:
      plan.children.push_back(
          BuildPlan(type.element(), path + "[]", case_insensitive, struct_count));
      break;
    case TypeId::kMap:
      plan.children.push_back(BuildPlan(type.key(), path + ".key", case_insensitive, struct_count));
      plan.children.push_back(
          BuildPlan(type.value(), path + ".value", case_insensitive, struct_count));
      break;
    case TypeId::kStruct: {
      plan.struct_id = struct_count++;
      const auto& fields = type.fields();
      for (uint32_t i = 0; i < fields.size(); ++i) {
        std::string child_path = path.empty() ? fields[i].name : path + "." + fields[i].name;
        plan.children.push_back(
            BuildPlan(fields[i].type, child_path, case_insensitive, struct_count));
        plan.names.push_back(fields[i].name);
        plan.by_name.emplace(fields[i].name, i);  // a repeated name keeps its first field
        if (case_insensitive) plan.by_lower_name.emplace(Lower(fields[i].name), i);
      }
      break;
    }
    default: break;
  }
  plan.path = std::move(path);
  return plan;
}

bool FitsInteger(int64_t value, PhysicalType physical) {
  switch (physical) {
    case PhysicalType::kInt8: return value >= INT8_MIN && value <= INT8_MAX;
    case PhysicalType::kInt16: return value >= INT16_MIN && value <= INT16_MAX;
    case PhysicalType::kInt32: return value >= INT32_MIN && value <= INT32_MAX;
    default: return true;
  }
}

void StoreInteger(Vector& out, size_t row, int64_t value) {
  switch (out.physical()) {
    case PhysicalType::kInt8: out.data<int8_t>()[row] = static_cast<int8_t>(value); break;
    case PhysicalType::kInt16: out.data<int16_t>()[row] = static_cast<int16_t>(value); break;
    case PhysicalType::kInt32: out.data<int32_t>()[row] = static_cast<int32_t>(value); break;
    default: out.data<int64_t>()[row] = value; break;
  }
}

// Grows a child vector (amortised doubling) so that `rows` rows exist.
void EnsureRows(Vector& vector, size_t rows) {
  if (vector.size() < rows) vector.Resize(std::max({rows, vector.size() * 2, size_t{64}}));
}

// Shrinks a vector filled past its final size (children grow ahead) to exactly `rows`.
void TrimVector(Vector& vector, size_t rows) {
  vector.Resize(rows);
  if (vector.physical() == PhysicalType::kList) {
    TrimVector(vector.child(0), static_cast<size_t>(vector.offsets()[rows]));
  } else if (vector.physical() == PhysicalType::kStruct) {
    for (size_t i = 0; i < vector.child_count(); ++i) TrimVector(vector.child(i), rows);
  }
}

std::string_view TypeName(element_type type) {
  switch (type) {
    case element_type::ARRAY: return "array";
    case element_type::OBJECT: return "object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "number";
    case element_type::STRING: return "string";
    case element_type::BOOL: return "boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "value";
}

std::string Quote(std::string_view text) {
  std::string quoted;
  AppendJsonString(quoted, text.substr(0, kMaxQuotedText));
  if (text.size() > kMaxQuotedText) quoted.insert(quoted.size() - 1, "...");
  return quoted;
}

}  // namespace

FieldPlan BuildRecordPlan(const types::Schema& schema, bool case_insensitive,
                          uint32_t& struct_count) {
  std::vector<types::StructField> fields;
  for (const auto& field : schema.fields()) fields.push_back({field.name, field.type});
  // An empty schema is a struct with no fields: every record reads as an empty row.
  FieldPlan plan;
  plan.type = fields.empty() ? LogicalType::Varchar() : LogicalType::Struct(fields);
  plan.struct_id = struct_count++;
  for (uint32_t i = 0; i < fields.size(); ++i) {
    plan.children.push_back(
        BuildPlan(fields[i].type, fields[i].name, case_insensitive, struct_count));
    plan.names.push_back(fields[i].name);
    plan.by_name.emplace(fields[i].name, i);
    if (case_insensitive) plan.by_lower_name.emplace(Lower(fields[i].name), i);
  }
  return plan;
}

bool ParseRecord(simdjson::dom::parser& parser, const RecordView& record, bool exact_numbers,
                 std::string& scratch, const std::string& path, JsonLayout layout, element& root) {
  std::string_view text(record.data, record.size);
  bool rewritten = exact_numbers && RewriteInexactNumbers(text, kJsonPadding, scratch);
  if (rewritten) text = std::string_view(scratch.data(), scratch.size() - kJsonPadding);
  auto error = parser.parse(text.data(), text.size(), false).get(root);
  if (error && !rewritten && RewriteInexactNumbers(text, kJsonPadding, scratch)) {
    rewritten = true;
    error = parser.parse(scratch.data(), scratch.size() - kJsonPadding, false).get(root);
  }
  if (error) {
    ThrowCorrupt(path + ": " + DescribePosition(record.position, layout) +
                 ": not valid JSON: " + simdjson::error_message(error));
  }
  return rewritten;
}

RecordConverter::RecordConverter(const FieldPlan& plan, uint32_t struct_count,
                                 std::vector<int> column_of_field, ConvertSettings settings)
    : plan_(plan),
      column_of_field_(std::move(column_of_field)),
      settings_(std::move(settings)),
      parser_(std::make_unique<simdjson::dom::parser>()),
      seen_(struct_count) {
  if (parser_->allocate(64 * 1024, kMaxDepth) != simdjson::SUCCESS) {
    throw Error(ErrorCode::kResourceExhausted, "out of memory allocating a JSON parser");
  }
  // Size each struct's scratch once; plans never change while converting.
  std::vector<const FieldPlan*> pending{&plan_};
  while (!pending.empty()) {
    const FieldPlan* node = pending.back();
    pending.pop_back();
    if (node == &plan_ || node->type.id() == TypeId::kStruct) {
      seen_[node->struct_id].assign(node->names.size(), 0);
    }
    for (const auto& child : node->children) pending.push_back(&child);
  }
}

RecordConverter::~RecordConverter() = default;

void RecordConverter::Begin(columnar::DataChunk& chunk, size_t capacity) {
  chunk_ = &chunk;
  capacity_ = capacity;
  rows_ = 0;
  for (auto& column : chunk.columns()) {
    column.Reset();
    column.Resize(capacity);
  }
}

void RecordConverter::Finish() {
  for (auto& column : chunk_->columns()) TrimVector(column, rows_);
  chunk_->SetSizeOnly(rows_);
}

void RecordConverter::Append(const RecordView& record) {
  if (rows_ >= capacity_) ThrowInternal("JSON converter: chunk is full");
  position_ = record.position;
  element root;
  rewritten_ = ParseRecord(*parser_, record, settings_.exact_numbers, rewrite_scratch_,
                           settings_.path, settings_.layout, root);
  Vector* columns = chunk_->columns().data();
  size_t row = rows_++;
  if (root.type() == element_type::OBJECT) {
    ConvertObject(root.get_object().value_unsafe(), plan_, columns, column_of_field_.data(), row);
    return;
  }
  if (root.type() != element_type::NULL_VALUE && !settings_.ignore_errors) {
    ThrowInvalid(settings_.path + ": " + DescribePosition(position_, settings_.layout) +
                 ": expected a JSON object (one record), found " + Describe(root));
  }
  for (size_t i = 0; i < plan_.children.size(); ++i) {
    if (column_of_field_[i] >= 0) SetNullRow(plan_.children[i], columns[column_of_field_[i]], row);
  }
}

void RecordConverter::ConvertObject(const simdjson::dom::object& object, const FieldPlan& plan,
                                    Vector* base, const int* column_of_field, size_t row) {
  const uint64_t visit = ++visit_;
  uint64_t* seen = seen_[plan.struct_id].data();
  const uint32_t field_count = static_cast<uint32_t>(plan.children.size());
  uint32_t expected = 0;  // keys usually come in schema order: try the next field first
  for (simdjson::dom::key_value_pair pair : object) {
    uint32_t field;
    if (expected < field_count && plan.names[expected] == pair.key) {
      field = expected;
    } else if (auto found = plan.by_name.find(pair.key); found != plan.by_name.end()) {
      field = found->second;
    } else if (auto lower = plan.by_lower_name.empty() ? plan.by_lower_name.end()
                                                       : plan.by_lower_name.find(Lower(pair.key));
               lower != plan.by_lower_name.end()) {
      field = lower->second;
    } else {
      continue;  // a key the schema does not have
    }
    expected = field + 1;
    if (seen[field] == visit) continue;  // a repeated key: the first one wins
    seen[field] = visit;
    int column = column_of_field ? column_of_field[field] : static_cast<int>(field);
    if (column < 0) continue;
    ConvertValue(pair.value, plan.children[field], base[column], row);
  }
  for (uint32_t field = 0; field < field_count; ++field) {
    if (seen[field] == visit) continue;
    int column = column_of_field ? column_of_field[field] : static_cast<int>(field);
    if (column >= 0) SetNullRow(plan.children[field], base[column], row);
  }
}

void RecordConverter::SetNullRow(const FieldPlan& plan, Vector& out, size_t row) {
  out.SetNull(row);
  switch (out.physical()) {
    case PhysicalType::kList: out.offsets()[row + 1] = out.offsets()[row]; break;
    case PhysicalType::kStruct:
      for (size_t i = 0; i < plan.children.size(); ++i) {
        SetNullRow(plan.children[i], out.child(i), row);
      }
      break;
    default: break;
  }
}

void RecordConverter::Mismatch(const FieldPlan& plan, Vector& out, size_t row,
                               const std::string& found) {
  if (settings_.ignore_errors) {
    SetNullRow(plan, out, row);
    return;
  }
  ThrowInvalid(settings_.path + ": " + DescribePosition(position_, settings_.layout) +
               ": column '" + plan.path + "' has type " + plan.type.ToString() +
               " but the value is " + found + settings_.mismatch_hint);
}

void RecordConverter::ConvertValue(const element& value, const FieldPlan& plan, Vector& out,
                                   size_t row) {
  const element_type type = value.type();
  if (type == element_type::NULL_VALUE) {
    SetNullRow(plan, out, row);
    return;
  }
  // Rows of a map that failed are written again, so a row may still carry an old NULL bit.
  out.validity().SetValid(row);
  if (type == element_type::STRING) {
    std::string_view text = value.get_string().value_unsafe();
    bool marked = rewritten_ && IsMarkedNumber(text);
    ConvertString(marked ? MarkedNumberText(text) : text, marked, plan, out, row);
    return;
  }
  switch (plan.type.id()) {
    case TypeId::kBoolean:
      if (type != element_type::BOOL) break;
      out.data<uint8_t>()[row] = value.get_bool().value_unsafe() ? 1 : 0;
      return;
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt: {
      int64_t integer;
      if (type == element_type::INT64) {
        integer = value.get_int64().value_unsafe();
      } else if (type == element_type::DOUBLE) {
        // 2.0 reads as an integer; 2.5 does not.
        double number = value.get_double().value_unsafe();
        if (!(number >= -0x1p63 && number < 0x1p63) || number != std::trunc(number)) break;
        integer = static_cast<int64_t>(number);
      } else {
        break;
      }
      if (!FitsInteger(integer, out.physical())) break;
      StoreInteger(out, row, integer);
      return;
    }
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double number;
      if (type == element_type::INT64) {
        number = static_cast<double>(value.get_int64().value_unsafe());
      } else if (type == element_type::UINT64) {
        number = static_cast<double>(value.get_uint64().value_unsafe());
      } else if (type == element_type::DOUBLE) {
        number = value.get_double().value_unsafe();
      } else {
        break;
      }
      if (out.physical() == PhysicalType::kFloat) {
        out.data<float>()[row] = static_cast<float>(number);
      } else {
        out.data<double>()[row] = number;
      }
      return;
    }
    case TypeId::kDecimal: {
      std::optional<__int128> decimal;
      if (type == element_type::INT64 || type == element_type::UINT64) {
        char digits[24];
        auto end =
            type == element_type::INT64
                ? std::to_chars(digits, digits + sizeof(digits), value.get_int64().value_unsafe())
                      .ptr
                : std::to_chars(digits, digits + sizeof(digits), value.get_uint64().value_unsafe())
                      .ptr;
        decimal = types::ParseDecimal(std::string_view(digits, end - digits), plan.type.precision(),
                                      plan.type.scale());
      } else if (type == element_type::DOUBLE) {
        decimal = DoubleToDecimal(value.get_double().value_unsafe(), plan.type.precision(),
                                  plan.type.scale());
      } else {
        break;
      }
      if (!decimal) break;
      if (out.physical() == PhysicalType::kInt64) {
        out.data<int64_t>()[row] = static_cast<int64_t>(*decimal);
      } else {
        out.data<__int128>()[row] = *decimal;
      }
      return;
    }
    case TypeId::kVarchar: {
      text_scratch_.clear();
      AppendJsonText(text_scratch_, value);
      out.SetString(row, text_scratch_);
      return;
    }
    case TypeId::kList: ConvertList(value, plan, out, row); return;
    case TypeId::kMap: ConvertMap(value, plan, out, row); return;
    case TypeId::kStruct:
      if (type != element_type::OBJECT) break;
      ConvertObject(value.get_object().value_unsafe(), plan, &out.child(0), nullptr, row);
      return;
    default: break;  // BINARY, DATE, TIME, TIMESTAMP come only from strings
  }
  Mismatch(plan, out, row, Describe(value));
}

void RecordConverter::ConvertString(std::string_view text, bool marked, const FieldPlan& plan,
                                    Vector& out, size_t row) {
  out.validity().SetValid(row);
  switch (plan.type.id()) {
    case TypeId::kVarchar: out.SetString(row, text); return;
    case TypeId::kBoolean:
      if (marked || (text != "true" && text != "false")) break;
      out.data<uint8_t>()[row] = text == "true" ? 1 : 0;
      return;
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt: {
      auto integer = ParseInt64Text(text);
      if (!integer || !FitsInteger(*integer, out.physical())) break;
      StoreInteger(out, row, *integer);
      return;
    }
    case TypeId::kFloat:
    case TypeId::kDouble: {
      auto number = ParseDoubleText(text);
      if (!number) break;
      if (out.physical() == PhysicalType::kFloat) {
        out.data<float>()[row] = static_cast<float>(*number);
      } else {
        out.data<double>()[row] = *number;
      }
      return;
    }
    case TypeId::kDecimal: {
      auto decimal = ParseDecimalText(text, plan.type.precision(), plan.type.scale());
      if (!decimal) break;
      if (out.physical() == PhysicalType::kInt64) {
        out.data<int64_t>()[row] = static_cast<int64_t>(*decimal);
      } else {
        out.data<__int128>()[row] = *decimal;
      }
      return;
    }
    case TypeId::kBinary:
      if (marked || !DecodeBlobText(text, text_scratch_)) break;
      out.SetString(row, text_scratch_);
      return;
    case TypeId::kDate: {
      auto days = marked ? std::nullopt : ParseDateText(text);
      if (!days) break;
      out.data<int32_t>()[row] = *days;
      return;
    }
    case TypeId::kTimestamp: {
      auto micros = marked ? std::nullopt : ParseTimestampText(text);
      if (!micros) break;
      out.data<int64_t>()[row] = *micros;
      return;
    }
    case TypeId::kTime: {
      auto micros = marked ? std::nullopt : types::ParseTime(text);
      if (!micros) break;
      out.data<int64_t>()[row] = *micros;
      return;
    }
    default: break;  // nested types never come from a string
  }
  Mismatch(plan, out, row, marked ? "number " + std::string(text) : "string " + Quote(text));
}

void RecordConverter::ConvertList(const element& value, const FieldPlan& plan, Vector& out,
                                  size_t row) {
  if (value.type() != element_type::ARRAY) {
    Mismatch(plan, out, row, Describe(value));
    return;
  }
  const int64_t begin = out.offsets()[row];
  auto entry = static_cast<size_t>(begin);
  Vector& child = out.child(0);
  const FieldPlan& element_plan = plan.children[0];
  simdjson::dom::array items = value.get_array().value_unsafe();
  for (element item : items) {
    EnsureRows(child, entry + 1);
    ConvertValue(item, element_plan, child, entry++);
  }
  out.offsets()[row + 1] = static_cast<int64_t>(entry);
}

void RecordConverter::ConvertMap(const element& value, const FieldPlan& plan, Vector& out,
                                 size_t row) {
  const int64_t begin = out.offsets()[row];
  auto entry = static_cast<size_t>(begin);
  Vector& entries = out.child(0);
  bool ok = true;
  if (value.type() == element_type::OBJECT) {
    // {"k": v, ...}: keys are strings, converted to the key type.
    simdjson::dom::object fields = value.get_object().value_unsafe();
    for (simdjson::dom::key_value_pair pair : fields) {
      EnsureRows(entries, entry + 1);
      ok = ConvertMapEntry(pair.key, nullptr, &pair.value, plan, entries, entry++);
      if (!ok) break;
    }
  } else if (value.type() == element_type::ARRAY) {
    // [{"key": k, "value": v}, ...]: how maps with non-string keys are written.
    simdjson::dom::array items = value.get_array().value_unsafe();
    for (element item : items) {
      element key;
      element item_value;
      if (item.type() != element_type::OBJECT || item["key"].get(key) != simdjson::SUCCESS ||
          key.type() == element_type::NULL_VALUE) {
        ok = false;
        break;
      }
      bool has_value = item["value"].get(item_value) == simdjson::SUCCESS;
      EnsureRows(entries, entry + 1);
      ok = ConvertMapEntry({}, &key, has_value ? &item_value : nullptr, plan, entries, entry++);
      if (!ok) break;
    }
  } else {
    ok = false;
  }
  if (!ok) {
    out.offsets()[row + 1] = begin;  // drop the entries of a map that failed
    Mismatch(plan, out, row, Describe(value));
    return;
  }
  out.offsets()[row + 1] = static_cast<int64_t>(entry);
}

bool RecordConverter::ConvertMapEntry(std::string_view key_text, const element* key,
                                      const element* value, const FieldPlan& plan, Vector& entries,
                                      size_t entry) {
  // Keys convert leniently here so that a bad key fails the whole map (NULL keys are not
  // allowed), which the caller reports.
  Vector& keys = entries.child(0);
  const FieldPlan& key_plan = plan.children[0];
  bool ignore_errors = settings_.ignore_errors;
  settings_.ignore_errors = true;
  if (key == nullptr) {
    ConvertString(key_text, false, key_plan, keys, entry);
  } else {
    ConvertValue(*key, key_plan, keys, entry);
  }
  settings_.ignore_errors = ignore_errors;
  if (keys.IsNull(entry)) {
    keys.validity().SetValid(entry);
    return false;
  }
  if (value == nullptr) {
    SetNullRow(plan.children[1], entries.child(1), entry);
  } else {
    ConvertValue(*value, plan.children[1], entries.child(1), entry);
  }
  return true;
}

std::string RecordConverter::Describe(const element& value) const {
  std::string text;
  AppendJsonText(text, value);
  if (text.size() > kMaxQuotedText) text = text.substr(0, kMaxQuotedText) + "...";
  return std::string(TypeName(value.type())) + " " + text;
}

void RecordConverter::AppendJsonText(std::string& out, const element& value) const {
  switch (value.type()) {
    case element_type::ARRAY: {
      out += '[';
      bool first = true;
      simdjson::dom::array items = value.get_array().value_unsafe();
      for (element item : items) {
        if (!first) out += ',';
        first = false;
        AppendJsonText(out, item);
      }
      out += ']';
      return;
    }
    case element_type::OBJECT: {
      out += '{';
      bool first = true;
      simdjson::dom::object fields = value.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair pair : fields) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, pair.key);
        out += ':';
        AppendJsonText(out, pair.value);
      }
      out += '}';
      return;
    }
    case element_type::INT64:
    case element_type::UINT64: {
      char digits[24];
      auto end =
          value.type() == element_type::INT64
              ? std::to_chars(digits, digits + sizeof(digits), value.get_int64().value_unsafe()).ptr
              : std::to_chars(digits, digits + sizeof(digits), value.get_uint64().value_unsafe())
                    .ptr;
      out.append(digits, end);
      return;
    }
    case element_type::DOUBLE: AppendJsonDouble(out, value.get_double().value_unsafe()); return;
    case element_type::STRING: {
      std::string_view text = value.get_string().value_unsafe();
      if (rewritten_ && IsMarkedNumber(text)) {
        out += MarkedNumberText(text);
      } else {
        AppendJsonString(out, text);
      }
      return;
    }
    case element_type::BOOL: out += value.get_bool().value_unsafe() ? "true" : "false"; return;
    case element_type::NULL_VALUE: out += "null"; return;
  }
}

}  // namespace basin::formats::json
