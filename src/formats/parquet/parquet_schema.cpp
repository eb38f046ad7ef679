#include "formats/parquet/parquet_schema.hpp"

#include <utility>

#include "common/error.hpp"

namespace basin::formats::parquet {

namespace {

using types::LogicalType;
using Kind = LogicalTypeAnnotation::Kind;

struct RawNode {
  const SchemaElement* element = nullptr;
  std::vector<RawNode> children;
};

bool IsLeaf(const SchemaElement& e) {
  return e.type.has_value() && e.num_children.value_or(0) == 0;
}

FieldRepetitionType Repetition(const SchemaElement& e) {
  return e.repetition_type.value_or(FieldRepetitionType::kRequired);
}

class SchemaBuilder {
 public:
  SchemaBuilder(const FileMetaData& metadata, const std::string& file)
      : elements_(metadata.schema), file_(file) {}

  ParquetSchema Build() {
    if (elements_.empty()) Fail("", "the footer has no schema");
    size_t index = 0;
    RawNode root = Parse(index, 0);
    if (index != elements_.size()) {
      Fail("", "the schema has " + std::to_string(elements_.size() - index) +
                   " elements outside the root's tree");
    }
    if (root.children.empty()) Fail("", "the schema has no columns");
    ParquetSchema result;
    leaves_ = &result.leaves;
    for (size_t i = 0; i < root.children.size(); ++i) {
      field_ = i;
      const RawNode& child = root.children[i];
      SchemaNode node = Convert(child, "", 0, 0, 0, 0, false, 1);
      // A bare repeated field is a list that is empty, never NULL.
      bool nullable = Repetition(*child.element) == FieldRepetitionType::kOptional;
      result.schema.Add(types::Field{node.name, node.type, nullable});
      result.fields.push_back(std::move(node));
    }
    return result;
  }

 private:
  [[noreturn]] void Fail(const std::string& column, const std::string& what) const {
    ThrowCorrupt(file_ + ": invalid Parquet schema" +
                 (column.empty() ? std::string() : " at column '" + column + "'") + ": " + what);
  }

  RawNode Parse(size_t& index, int depth) {
    if (depth > kMaxSchemaDepth) {
      Fail("", "nesting deeper than " + std::to_string(kMaxSchemaDepth) + " levels");
    }
    if (index >= elements_.size()) {
      Fail("", "the schema ends inside a group that claims more children");
    }
    RawNode node;
    node.element = &elements_[index++];
    if (IsLeaf(*node.element) && depth > 0) return node;
    int32_t children = node.element->num_children.value_or(0);
    if (children < 0 || static_cast<size_t>(children) > elements_.size() - index) {
      Fail(node.element->name, "group claims " + std::to_string(children) + " children, " +
                                   std::to_string(elements_.size() - index) + " elements remain");
    }
    node.children.reserve(static_cast<size_t>(children));
    for (int32_t i = 0; i < children; ++i) node.children.push_back(Parse(index, depth + 1));
    return node;
  }

  SchemaNode Convert(const RawNode& raw, const std::string& prefix, int def_parent, int rep_parent,
                     int slot_def, int slot_rep, bool as_element, int depth) {
    const SchemaElement& e = *raw.element;
    std::string path = prefix.empty() ? e.name : prefix + "." + e.name;
    if (depth > kMaxSchemaDepth) Fail(path, "nesting too deep");
    SchemaNode node;
    node.name = e.name;
    node.first_leaf = leaves_->size();
    node.slot_def = static_cast<uint8_t>(slot_def);
    node.slot_rep = static_cast<uint8_t>(slot_rep);
    FieldRepetitionType repetition = Repetition(e);

    if (!as_element && repetition == FieldRepetitionType::kRepeated) {
      // A repeated field without a LIST annotation: a list of required elements.
      int def = def_parent + 1;
      int rep = rep_parent + 1;
      node.kind = SchemaNode::Kind::kList;
      node.valid_def = static_cast<uint8_t>(def_parent);
      node.elem_def = static_cast<uint8_t>(def);
      node.elem_rep = static_cast<uint8_t>(rep);
      node.children.push_back(Convert(raw, prefix, def, rep, def, rep, true, depth + 1));
      node.type = LogicalType::List(node.children[0].type);
      node.leaf_count = leaves_->size() - node.first_leaf;
      return node;
    }

    int def = def_parent;
    if (!as_element && repetition == FieldRepetitionType::kOptional) ++def;
    int rep = rep_parent;
    node.valid_def = static_cast<uint8_t>(def);

    if (IsLeaf(e)) {
      node.kind = SchemaNode::Kind::kLeaf;
      node.leaf = leaves_->size();
      LeafColumn leaf;
      leaf.path = path;
      leaf.physical = *e.type;
      leaf.type_length = e.type_length.value_or(0);
      leaf.max_def = static_cast<uint8_t>(def);
      leaf.max_rep = static_cast<uint8_t>(rep);
      leaf.slot_def = static_cast<uint8_t>(slot_def);
      leaf.field = field_;
      MapLeafType(e, path, leaf);
      node.type = leaf.type;
      leaves_->push_back(std::move(leaf));
      node.leaf_count = 1;
      return node;
    }
    if (raw.children.empty()) Fail(path, "a group without fields");

    const bool list_annotated = (e.logical_type && e.logical_type->kind == Kind::kList) ||
                                (!e.logical_type && e.converted_type == ConvertedType::kList);
    const bool map_annotated =
        (e.logical_type && e.logical_type->kind == Kind::kMap) ||
        (!e.logical_type && (e.converted_type == ConvertedType::kMap ||
                             e.converted_type == ConvertedType::kMapKeyValue));
    const bool one_repeated_child =
        raw.children.size() == 1 &&
        Repetition(*raw.children[0].element) == FieldRepetitionType::kRepeated;

    if (list_annotated && one_repeated_child) {
      const RawNode& repeated = raw.children[0];
      node.kind = SchemaNode::Kind::kList;
      node.elem_def = static_cast<uint8_t>(def + 1);
      node.elem_rep = static_cast<uint8_t>(rep + 1);
      // Backward compatibility: the repeated field is itself the element when it is primitive,
      // has several fields, or carries one of the legacy two-level names.
      const SchemaElement& r = *repeated.element;
      bool repeated_is_element = IsLeaf(r) || repeated.children.size() != 1 || r.name == "array" ||
                                 r.name == e.name + "_tuple";
      if (repeated_is_element) {
        node.children.push_back(
            Convert(repeated, path, def + 1, rep + 1, def + 1, rep + 1, true, depth + 1));
      } else {
        node.children.push_back(Convert(repeated.children[0], path + "." + r.name, def + 1, rep + 1,
                                        def + 1, rep + 1, false, depth + 2));
      }
      node.type = LogicalType::List(node.children[0].type);
    } else if (map_annotated && one_repeated_child && !IsLeaf(*raw.children[0].element) &&
               raw.children[0].children.size() == 2) {
      const RawNode& entries = raw.children[0];
      node.kind = SchemaNode::Kind::kList;
      node.elem_def = static_cast<uint8_t>(def + 1);
      node.elem_rep = static_cast<uint8_t>(rep + 1);
      SchemaNode entry =
          Convert(entries, path, def + 1, rep + 1, def + 1, rep + 1, true, depth + 1);
      entry.children[0].name = "key";
      entry.children[1].name = "value";
      node.type = LogicalType::Map(entry.children[0].type, entry.children[1].type);
      entry.type = node.type.MapEntryType();
      node.children.push_back(std::move(entry));
    } else {
      node.kind = SchemaNode::Kind::kStruct;
      std::vector<types::StructField> fields;
      for (const RawNode& child : raw.children) {
        node.children.push_back(
            Convert(child, path, def, rep, slot_def, slot_rep, false, depth + 1));
        fields.push_back(types::StructField{node.children.back().name, node.children.back().type});
      }
      node.type = LogicalType::Struct(std::move(fields));
    }
    node.leaf_count = leaves_->size() - node.first_leaf;
    return node;
  }

  LogicalType Decimal(const std::string& path, int precision, int scale) {
    if (precision < 1 || precision > types::kMaxDecimalPrecision || scale < 0 ||
        scale > precision) {
      if (precision > types::kMaxDecimalPrecision) {
        ThrowUnsupported(file_ + ": column '" + path + "' is DECIMAL(" + std::to_string(precision) +
                         "," + std::to_string(scale) + "); Basin supports precision up to 38");
      }
      Fail(path, "DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) +
                     ") is not a valid decimal");
    }
    return LogicalType::Decimal(precision, scale);
  }

  // Picks the Basin type and value conversion of a leaf from its physical type and
  // annotations (the LogicalType annotation wins over the legacy ConvertedType).
  void MapLeafType(const SchemaElement& e, const std::string& path, LeafColumn& leaf) {
    const LogicalTypeAnnotation* logical = e.logical_type ? &*e.logical_type : nullptr;
    Kind kind = logical ? logical->kind : Kind::kNone;
    // The legacy annotation counts only without a LogicalType; -1 stands for "none".
    const ConvertedType converted =
        !logical && e.converted_type ? *e.converted_type : static_cast<ConvertedType>(-1);
    auto is = [&](Kind k, ConvertedType c) { return kind == k || converted == c; };
    bool is_decimal = kind == Kind::kDecimal || converted == ConvertedType::kDecimal;
    int precision = kind == Kind::kDecimal ? logical->decimal_precision : e.precision.value_or(0);
    int scale = kind == Kind::kDecimal ? logical->decimal_scale : e.scale.value_or(0);
    auto set = [&](LogicalType type, ValueConversion conversion) {
      leaf.type = std::move(type);
      leaf.conversion = conversion;
    };

    switch (leaf.physical) {
      case Type::kBoolean: set(LogicalType::Boolean(), ValueConversion::kNone); return;
      case Type::kInt32: {
        if (is_decimal) {
          LogicalType type = Decimal(path, precision, scale);
          set(type, precision > types::kMaxInt64DecimalPrecision ? ValueConversion::kInt32ToInt128
                                                                 : ValueConversion::kInt32ToInt64);
          return;
        }
        if (is(Kind::kDate, ConvertedType::kDate)) {
          set(LogicalType::Date(), ValueConversion::kNone);
          return;
        }
        if (is(Kind::kTime, ConvertedType::kTimeMillis)) {
          set(LogicalType::Time(), ValueConversion::kMillisToMicros32);
          return;
        }
        int bits = 32;
        bool is_signed = true;
        if (kind == Kind::kInteger) {
          bits = logical->bit_width;
          is_signed = logical->is_signed;
        } else {
          switch (converted) {
            case ConvertedType::kInt8: bits = 8; break;
            case ConvertedType::kInt16: bits = 16; break;
            case ConvertedType::kUint8: bits = 8, is_signed = false; break;
            case ConvertedType::kUint16: bits = 16, is_signed = false; break;
            case ConvertedType::kUint32: bits = 32, is_signed = false; break;
            default: break;
          }
        }
        if (is_signed && bits == 8) {
          set(LogicalType::TinyInt(), ValueConversion::kInt32ToInt8);
        } else if ((is_signed && bits == 16) || (!is_signed && bits == 8)) {
          set(LogicalType::SmallInt(), ValueConversion::kInt32ToInt16);
        } else if (!is_signed && bits == 32) {
          set(LogicalType::BigInt(), ValueConversion::kUint32ToInt64);
        } else {
          set(LogicalType::Integer(), ValueConversion::kNone);
        }
        return;
      }
      case Type::kInt64: {
        if (is_decimal) {
          LogicalType type = Decimal(path, precision, scale);
          set(type, precision > types::kMaxInt64DecimalPrecision ? ValueConversion::kInt64ToInt128
                                                                 : ValueConversion::kNone);
          return;
        }
        bool is_time = is(Kind::kTime, ConvertedType::kTimeMicros);
        bool is_timestamp = kind == Kind::kTimestamp ||
                            converted == ConvertedType::kTimestampMillis ||
                            converted == ConvertedType::kTimestampMicros;
        if (is_time || is_timestamp) {
          TimeUnit unit = TimeUnit::kMicros;
          if (kind == Kind::kTime || kind == Kind::kTimestamp) {
            unit = logical->unit;
          } else if (converted == ConvertedType::kTimestampMillis) {
            unit = TimeUnit::kMillis;
          }
          ValueConversion conversion = unit == TimeUnit::kMillis  ? ValueConversion::kMillisToMicros
                                       : unit == TimeUnit::kNanos ? ValueConversion::kNanosToMicros
                                                                  : ValueConversion::kNone;
          set(is_time ? LogicalType::Time() : LogicalType::Timestamp(), conversion);
          return;
        }
        bool is_unsigned =
            (kind == Kind::kInteger && !logical->is_signed) || converted == ConvertedType::kUint64;
        if (is_unsigned) {
          set(LogicalType::Decimal(20, 0), ValueConversion::kUint64ToInt128);
        } else {
          set(LogicalType::BigInt(), ValueConversion::kNone);
        }
        return;
      }
      case Type::kInt96: set(LogicalType::Timestamp(), ValueConversion::kInt96ToMicros); return;
      case Type::kFloat: set(LogicalType::Float(), ValueConversion::kNone); return;
      case Type::kDouble: set(LogicalType::Double(), ValueConversion::kNone); return;
      case Type::kByteArray:
      case Type::kFixedLenByteArray: {
        bool fixed = leaf.physical == Type::kFixedLenByteArray;
        if (fixed && (leaf.type_length <= 0 || leaf.type_length > (1 << 20))) {
          Fail(path, "FIXED_LEN_BYTE_ARRAY length " + std::to_string(leaf.type_length) +
                         " is out of range");
        }
        if (is_decimal) {
          set(Decimal(path, precision, scale), ValueConversion::kDecimalBytes);
          return;
        }
        if (kind == Kind::kUuid) {
          if (!fixed || leaf.type_length != 16) Fail(path, "UUID must be a 16-byte fixed array");
          set(LogicalType::Varchar(), ValueConversion::kUuid);
          return;
        }
        if (kind == Kind::kFloat16) {
          if (!fixed || leaf.type_length != 2) Fail(path, "FLOAT16 must be a 2-byte fixed array");
          set(LogicalType::Float(), ValueConversion::kFloat16);
          return;
        }
        if (is(Kind::kString, ConvertedType::kUtf8) || is(Kind::kEnum, ConvertedType::kEnum) ||
            is(Kind::kJson, ConvertedType::kJson)) {
          set(LogicalType::Varchar(), ValueConversion::kUtf8);
          return;
        }
        set(LogicalType::Binary(), ValueConversion::kBinary);  // BSON, INTERVAL, none
        return;
      }
    }
    Fail(path, "unknown physical type " + std::to_string(static_cast<int>(leaf.physical)));
  }

  const std::vector<SchemaElement>& elements_;
  const std::string& file_;
  std::vector<LeafColumn>* leaves_ = nullptr;
  size_t field_ = 0;
};

}  // namespace

ParquetSchema BuildParquetSchema(const FileMetaData& metadata, const std::string& file) {
  return SchemaBuilder(metadata, file).Build();
}

}  // namespace basin::formats::parquet
