#include "formats/json/json_type_inference.hpp"

#include <simdjson.h>

#include "formats/json/json_numbers.hpp"
#include "formats/json/json_string_map.hpp"
#include "formats/json/json_text.hpp"

namespace basin::formats::json {

using types::LogicalType;

// What a column looks like so far. The numeric kinds are ordered: widening takes the larger.
enum class InferredKind : uint8_t {
  kUnknown,  // only NULLs seen
  kBoolean,
  kBigInt,
  kHugeInt,  // an integer past int64: DECIMAL(38,0)
  kDouble,
  kString,
  kList,
  kStruct,
  kMap,   // an object with too many distinct keys to be a struct: MAP(VARCHAR, value)
  kJson,  // mixed: VARCHAR holding each value's text
};

namespace {

using Kind = InferredKind;

// A nested object with more distinct keys than this across the sample is a map (keys as data,
// like ids), as DuckDB's map_inference_threshold does; top-level keys always stay columns.
constexpr size_t kMapThreshold = 200;

bool IsNumeric(Kind kind) {
  return kind == Kind::kBigInt || kind == Kind::kHugeInt || kind == Kind::kDouble;
}

bool IsNonFiniteText(std::string_view text) {
  return text == "NaN" || text == "Infinity" || text == "-Infinity";
}

// The kind of a marked number's token (see json_numbers.hpp).
Kind KindOfToken(std::string_view token) {
  if (!IsIntegerToken(token)) return Kind::kDouble;  // also NaN and the infinities
  if (ParseInt64Text(token)) return Kind::kBigInt;
  size_t digits = token.size() - (token[0] == '-' ? 1 : 0);
  return digits <= static_cast<size_t>(types::kMaxDecimalPrecision) ? Kind::kHugeInt
                                                                    : Kind::kDouble;
}

}  // namespace

struct TypeInference::Node {
  Kind kind = Kind::kUnknown;
  // kString: whether every string so far reads as an ISO date, an ISO timestamp, or a
  // non-finite number ("NaN" strings in a number column keep it a number).
  bool all_dates = true;
  bool all_timestamps = true;
  bool all_non_finite = true;
  std::unique_ptr<Node> element;  // kList: the element; kMap: the value
  // kStruct: fields in first-seen order.
  std::vector<std::string> names;
  std::vector<std::unique_ptr<Node>> fields;
  StringMap<size_t> index;

  void BecomeJson() {
    kind = Kind::kJson;
    element.reset();
    names.clear();
    fields.clear();
    index.clear();
  }
};

TypeInference::TypeInference(bool detect_dates)
    : detect_dates_(detect_dates), root_(std::make_unique<Node>()) {
  root_->kind = Kind::kStruct;
}

TypeInference::~TypeInference() = default;

void TypeInference::ObserveRecord(const simdjson::dom::element& record, bool rewritten) {
  rewritten_ = rewritten;
  if (record.type() == simdjson::dom::element_type::OBJECT) Observe(*root_, record);
}

void TypeInference::Observe(Node& node, const simdjson::dom::element& value) {
  using simdjson::dom::element_type;
  if (node.kind == Kind::kJson) return;
  switch (value.type()) {
    case element_type::NULL_VALUE: return;
    case element_type::BOOL:
      if (node.kind == Kind::kUnknown) node.kind = Kind::kBoolean;
      if (node.kind != Kind::kBoolean) node.BecomeJson();
      return;
    case element_type::INT64: ObserveNumber(node, Kind::kBigInt); return;
    case element_type::UINT64: ObserveNumber(node, Kind::kHugeInt); return;
    case element_type::DOUBLE: ObserveNumber(node, Kind::kDouble); return;
    case element_type::STRING: {
      std::string_view text = value.get_string().value_unsafe();
      if (rewritten_ && IsMarkedNumber(text)) {
        ObserveNumber(node, KindOfToken(MarkedNumberText(text)));
      } else {
        ObserveString(node, text);
      }
      return;
    }
    case element_type::ARRAY: {
      if (node.kind == Kind::kUnknown) {
        node.kind = Kind::kList;
        node.element = std::make_unique<Node>();
      }
      if (node.kind != Kind::kList) {
        node.BecomeJson();
        return;
      }
      simdjson::dom::array items = value.get_array().value_unsafe();
      for (simdjson::dom::element item : items) {
        Observe(*node.element, item);
      }
      return;
    }
    case element_type::OBJECT: {
      if (node.kind == Kind::kUnknown) node.kind = Kind::kStruct;
      if (node.kind == Kind::kMap) {
        simdjson::dom::object fields = value.get_object().value_unsafe();
        for (simdjson::dom::key_value_pair field : fields) Observe(*node.element, field.value);
        return;
      }
      if (node.kind != Kind::kStruct) {
        node.BecomeJson();
        return;
      }
      simdjson::dom::object fields = value.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair field : fields) {
        auto found = node.index.find(field.key);
        size_t i;
        if (found != node.index.end()) {
          i = found->second;
        } else {
          i = node.fields.size();
          node.names.emplace_back(field.key);
          node.fields.push_back(std::make_unique<Node>());
          node.index.emplace(std::string(field.key), i);
        }
        Observe(*node.fields[i], field.value);
      }
      if (&node != root_.get() && node.fields.size() > kMapThreshold) BecomeMap(node);
      return;
    }
  }
}

void TypeInference::BecomeMap(Node& node) {
  auto value = std::make_unique<Node>();
  for (auto& field : node.fields) Merge(*value, *field);
  node.names.clear();
  node.fields.clear();
  node.index.clear();
  node.kind = Kind::kMap;
  node.element = std::move(value);
}

void TypeInference::Merge(Node& into, Node& from) {
  if (from.kind == Kind::kUnknown || into.kind == Kind::kJson) return;
  if (from.kind == Kind::kJson) {
    into.BecomeJson();
    return;
  }
  if (into.kind == Kind::kUnknown) {
    into = std::move(from);
    return;
  }
  switch (from.kind) {
    case Kind::kBoolean:
      if (into.kind != Kind::kBoolean) into.BecomeJson();
      return;
    case Kind::kBigInt:
    case Kind::kHugeInt:
    case Kind::kDouble: ObserveNumber(into, from.kind); return;
    case Kind::kString:
      if (IsNumeric(into.kind) && from.all_non_finite) {
        into.kind = Kind::kDouble;
      } else if (into.kind == Kind::kString) {
        into.all_dates = into.all_dates && from.all_dates;
        into.all_timestamps = into.all_timestamps && from.all_timestamps;
        into.all_non_finite = into.all_non_finite && from.all_non_finite;
      } else {
        into.BecomeJson();
      }
      return;
    case Kind::kList:
      if (into.kind != Kind::kList) {
        into.BecomeJson();
        return;
      }
      Merge(*into.element, *from.element);
      return;
    case Kind::kStruct:
    case Kind::kMap:
      if (into.kind == Kind::kStruct && from.kind == Kind::kStruct) {
        for (size_t f = 0; f < from.fields.size(); ++f) {
          auto found = into.index.find(from.names[f]);
          if (found == into.index.end()) {
            into.index.emplace(from.names[f], into.fields.size());
            into.names.push_back(std::move(from.names[f]));
            into.fields.push_back(std::move(from.fields[f]));
          } else {
            Merge(*into.fields[found->second], *from.fields[f]);
          }
        }
        if (into.fields.size() > kMapThreshold) BecomeMap(into);
        return;
      }
      if (into.kind != Kind::kStruct && into.kind != Kind::kMap) {
        into.BecomeJson();
        return;
      }
      if (into.kind == Kind::kStruct) BecomeMap(into);
      if (from.kind == Kind::kStruct) BecomeMap(from);
      Merge(*into.element, *from.element);
      return;
    default: into.BecomeJson(); return;
  }
}

void TypeInference::ObserveNumber(Node& node, InferredKind kind) {
  if (node.kind == Kind::kUnknown) {
    node.kind = kind;
  } else if (IsNumeric(node.kind)) {
    node.kind = std::max(node.kind, kind);
  } else if (node.kind == Kind::kString && node.all_non_finite) {
    node.kind = Kind::kDouble;
  } else {
    node.BecomeJson();
  }
}

void TypeInference::ObserveString(Node& node, std::string_view text) {
  bool non_finite = IsNonFiniteText(text);
  if (IsNumeric(node.kind)) {
    if (non_finite) {
      node.kind = Kind::kDouble;
    } else {
      node.BecomeJson();
    }
    return;
  }
  if (node.kind == Kind::kUnknown) {
    node.kind = Kind::kString;
    node.all_dates = node.all_timestamps = detect_dates_;
  } else if (node.kind != Kind::kString) {
    node.BecomeJson();
    return;
  }
  node.all_non_finite = node.all_non_finite && non_finite;
  if (node.all_dates && !ParseDateText(text)) node.all_dates = false;
  if (node.all_timestamps && !ParseTimestampText(text)) node.all_timestamps = false;
}

LogicalType TypeInference::TypeOf(const Node& node) const {
  switch (node.kind) {
    case Kind::kUnknown: return LogicalType::Varchar();
    case Kind::kBoolean: return LogicalType::Boolean();
    case Kind::kBigInt: return LogicalType::BigInt();
    case Kind::kHugeInt: return LogicalType::Decimal(types::kMaxDecimalPrecision, 0);
    case Kind::kDouble: return LogicalType::Double();
    case Kind::kString:
      if (node.all_dates) return LogicalType::Date();
      if (node.all_timestamps) return LogicalType::Timestamp();
      return LogicalType::Varchar();
    case Kind::kList: return LogicalType::List(TypeOf(*node.element));
    case Kind::kStruct: {
      if (node.fields.empty()) return LogicalType::Varchar();  // only {} seen: keep the text
      std::vector<types::StructField> fields;
      fields.reserve(node.fields.size());
      for (size_t i = 0; i < node.fields.size(); ++i) {
        fields.push_back({node.names[i], TypeOf(*node.fields[i])});
      }
      return LogicalType::Struct(std::move(fields));
    }
    case Kind::kMap: return LogicalType::Map(LogicalType::Varchar(), TypeOf(*node.element));
    case Kind::kJson: return LogicalType::Varchar();
  }
  return LogicalType::Varchar();
}

types::Schema TypeInference::Schema() const {
  types::Schema schema;
  for (size_t i = 0; i < root_->fields.size(); ++i) {
    schema.Add(types::Field{root_->names[i], TypeOf(*root_->fields[i])});
  }
  return schema;
}

}  // namespace basin::formats::json
