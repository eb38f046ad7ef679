#include "formats/parquet/parquet_schema_writer.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/error.hpp"
#include "types/decimal.hpp"

namespace basin::formats::parquet {

using types::LogicalType;
using types::TypeId;
using Kind = LogicalTypeAnnotation::Kind;

namespace {

LogicalTypeAnnotation Annotation(Kind kind) {
  LogicalTypeAnnotation annotation;
  annotation.kind = kind;
  return annotation;
}

// Fills the primitive part of a leaf's SchemaElement.
void DescribePrimitive(const LogicalType& type, SchemaElement& element) {
  element.type = PhysicalTypeFor(type);
  switch (type.id()) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt: {
      bool tiny = type.id() == TypeId::kTinyInt;
      element.converted_type = tiny ? ConvertedType::kInt8 : ConvertedType::kInt16;
      auto annotation = Annotation(Kind::kInteger);
      annotation.bit_width = tiny ? 8 : 16;
      annotation.is_signed = true;
      element.logical_type = annotation;
      break;
    }
    case TypeId::kDecimal: {
      if (type.precision() > types::kMaxInt64DecimalPrecision) {
        element.type_length = DecimalByteWidth(type.precision());
      }
      element.converted_type = ConvertedType::kDecimal;
      element.scale = type.scale();
      element.precision = type.precision();
      auto annotation = Annotation(Kind::kDecimal);
      annotation.decimal_scale = type.scale();
      annotation.decimal_precision = type.precision();
      element.logical_type = annotation;
      break;
    }
    case TypeId::kVarchar:
      element.converted_type = ConvertedType::kUtf8;
      element.logical_type = Annotation(Kind::kString);
      break;
    case TypeId::kDate:
      element.converted_type = ConvertedType::kDate;
      element.logical_type = Annotation(Kind::kDate);
      break;
    case TypeId::kTime:
    case TypeId::kTimestamp: {
      // Basin's TIME and TIMESTAMP carry no zone (Hive's TIMESTAMP), hence
      // isAdjustedToUTC = false: DuckDB reads TIMESTAMP, Spark TIMESTAMP_NTZ (3.4+) or
      // TIMESTAMP, Trino timestamp(6). The converted type is kept for readers that predate
      // logical types, as DuckDB and Spark also write it.
      bool time = type.id() == TypeId::kTime;
      element.converted_type = time ? ConvertedType::kTimeMicros : ConvertedType::kTimestampMicros;
      auto annotation = Annotation(time ? Kind::kTime : Kind::kTimestamp);
      annotation.is_adjusted_to_utc = false;
      annotation.unit = TimeUnit::kMicros;
      element.logical_type = annotation;
      break;
    }
    default: break;
  }
}

SchemaElement Group(const std::string& name, FieldRepetitionType repetition, int32_t children) {
  SchemaElement element;
  element.name = name;
  element.repetition_type = repetition;
  element.num_children = children;
  return element;
}

class SchemaMapper {
 public:
  explicit SchemaMapper(WriterSchema& out) : out_(out) {}

  void AddField(const std::string& name, const LogicalType& type, bool nullable,
                size_t field_index) {
    field_index_ = field_index;
    path_.clear();
    steps_.assign(1, {nullable ? LevelStep::kOptional : LevelStep::kRequired, 0});
    Add(name, type, nullable ? FieldRepetitionType::kOptional : FieldRepetitionType::kRequired,
        nullable ? 1 : 0, 0, name);
  }

 private:
  // Adds the node `name` of `type`, whose step (optional or required) the caller pushed;
  // `definition` and `repetition` are the levels a value at this node has.
  void Add(const std::string& name, const LogicalType& type, FieldRepetitionType repetition_type,
           uint16_t definition, uint16_t repetition, const std::string& display) {
    path_.push_back(name);
    switch (type.id()) {
      case TypeId::kList: {
        auto list = Group(name, repetition_type, 1);
        list.converted_type = ConvertedType::kList;
        list.logical_type = Annotation(Kind::kList);
        out_.elements.push_back(std::move(list));
        out_.elements.push_back(Group("list", FieldRepetitionType::kRepeated, 1));
        path_.push_back("list");
        steps_.push_back({LevelStep::kRepeated, 0});
        steps_.push_back({LevelStep::kOptional, 0});
        Add("element", type.element(), FieldRepetitionType::kOptional, definition + 2,
            repetition + 1, display + ".list.element");
        steps_.pop_back();
        steps_.pop_back();
        path_.pop_back();
        break;
      }
      case TypeId::kMap: {
        auto map = Group(name, repetition_type, 1);
        map.converted_type = ConvertedType::kMap;
        map.logical_type = Annotation(Kind::kMap);
        out_.elements.push_back(std::move(map));
        out_.elements.push_back(Group("key_value", FieldRepetitionType::kRepeated, 2));
        path_.push_back("key_value");
        steps_.push_back({LevelStep::kRepeated, 0});
        steps_.push_back({LevelStep::kField, 0});
        steps_.push_back({LevelStep::kRequired, 0});
        Add("key", type.key(), FieldRepetitionType::kRequired, definition + 1, repetition + 1,
            display + ".key_value.key");
        steps_.pop_back();
        steps_.back().field = 1;
        steps_.push_back({LevelStep::kOptional, 0});
        Add("value", type.value(), FieldRepetitionType::kOptional, definition + 2, repetition + 1,
            display + ".key_value.value");
        steps_.pop_back();
        steps_.pop_back();
        steps_.pop_back();
        path_.pop_back();
        break;
      }
      case TypeId::kStruct: {
        const auto& fields = type.fields();
        if (fields.empty()) {
          ThrowUnsupported("column " + display +
                           " is a STRUCT without fields, which Parquet cannot store");
        }
        out_.elements.push_back(Group(name, repetition_type, static_cast<int32_t>(fields.size())));
        for (size_t i = 0; i < fields.size(); ++i) {
          steps_.push_back({LevelStep::kField, static_cast<uint32_t>(i)});
          steps_.push_back({LevelStep::kOptional, 0});
          Add(fields[i].name, fields[i].type, FieldRepetitionType::kOptional, definition + 1,
              repetition, display + "." + fields[i].name);
          steps_.pop_back();
          steps_.pop_back();
        }
        break;
      }
      default: {
        SchemaElement element;
        element.name = name;
        element.repetition_type = repetition_type;
        DescribePrimitive(type, element);
        out_.elements.push_back(std::move(element));
        WriterLeaf leaf;
        leaf.path = path_;
        leaf.display_name = display;
        leaf.type = type;
        leaf.field_index = field_index_;
        leaf.steps = steps_;
        leaf.max_definition_level = definition;
        leaf.max_repetition_level = repetition;
        out_.leaves.push_back(std::move(leaf));
        break;
      }
    }
    path_.pop_back();
  }

  WriterSchema& out_;
  size_t field_index_ = 0;
  std::vector<std::string> path_;
  std::vector<LevelStep> steps_;
};

std::string Lower(const std::string& text) {
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

}  // namespace

int DecimalByteWidth(int precision) {
  types::int128_t largest = types::PowerOfTen(precision) - 1;
  for (int width = 1; width < 16; ++width) {
    types::int128_t limit = types::int128_t{1} << (8 * width - 1);
    if (largest < limit) return width;
  }
  return 16;
}

Type PhysicalTypeFor(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean: return Type::kBoolean;
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kDate: return Type::kInt32;
    case TypeId::kBigInt:
    case TypeId::kTime:
    case TypeId::kTimestamp: return Type::kInt64;
    case TypeId::kFloat: return Type::kFloat;
    case TypeId::kDouble: return Type::kDouble;
    case TypeId::kDecimal:
      if (type.precision() <= 9) return Type::kInt32;
      if (type.precision() <= types::kMaxInt64DecimalPrecision) return Type::kInt64;
      return Type::kFixedLenByteArray;
    case TypeId::kVarchar:
    case TypeId::kBinary: return Type::kByteArray;
    default: ThrowInternal("no Parquet physical type for nested type " + type.ToString());
  }
}

WriterSchema BuildWriterSchema(const types::Schema& schema) {
  if (schema.size() == 0) ThrowInvalid("a Parquet file needs at least one column");
  std::set<std::string> names;
  for (const auto& field : schema.fields()) {
    if (field.name.empty()) ThrowInvalid("a Parquet column needs a name");
    // Readers match column names case-insensitively (Spark, Trino, DuckDB), so names that
    // differ only by case would be ambiguous.
    if (!names.insert(Lower(field.name)).second) {
      ThrowInvalid("column name '" + field.name + "' appears twice; Parquet columns need " +
                   "distinct names (compared without case)");
    }
  }
  WriterSchema out;
  SchemaElement root;
  root.name = "schema";
  root.repetition_type = FieldRepetitionType::kRequired;
  root.num_children = static_cast<int32_t>(schema.size());
  out.elements.push_back(std::move(root));
  SchemaMapper mapper(out);
  for (size_t i = 0; i < schema.size(); ++i) {
    mapper.AddField(schema[i].name, schema[i].type, schema[i].nullable, i);
  }
  return out;
}

}  // namespace basin::formats::parquet
