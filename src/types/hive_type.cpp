// Hive type strings: printing LogicalType and parsing what the Glue catalog stores.
#include <cctype>

#include "common/error.hpp"
#include "types/logical_type.hpp"

namespace basin::types {

std::string LogicalType::ToString() const {
  switch (id_) {
    case TypeId::kBoolean: return "boolean";
    case TypeId::kTinyInt: return "tinyint";
    case TypeId::kSmallInt: return "smallint";
    case TypeId::kInteger: return "int";
    case TypeId::kBigInt: return "bigint";
    case TypeId::kFloat: return "float";
    case TypeId::kDouble: return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::kVarchar: return "string";
    case TypeId::kBinary: return "binary";
    case TypeId::kDate: return "date";
    case TypeId::kTime: return "time";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kList: return "array<" + element().ToString() + ">";
    case TypeId::kMap: return "map<" + key().ToString() + "," + value().ToString() + ">";
    case TypeId::kStruct: {
      std::string text = "struct<";
      for (size_t i = 0; i < children_->size(); ++i) {
        if (i > 0) text += ",";
        text += (*children_)[i].name + ":" + (*children_)[i].type.ToString();
      }
      return text + ">";
    }
  }
  return "string";
}

namespace {

// Recursive-descent parser over a Hive type string; positions in errors are 0-based offsets.
class HiveTypeParser {
 public:
  explicit HiveTypeParser(std::string_view text) : text_(text) {}

  LogicalType ParseAll() {
    LogicalType type = ParseType();
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    return type;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    ThrowInvalid("invalid Hive type '" + std::string(text_) + "' at offset " +
                 std::to_string(pos_) + ": " + what);
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool Consume(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void Expect(char c) {
    if (!Consume(c)) Fail(std::string("expected '") + c + "'");
  }

  std::string Word() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    if (start == pos_) Fail("expected a type name");
    std::string word(text_.substr(start, pos_ - start));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return word;
  }

  // A struct field name: an identifier, or anything back-quoted.
  std::string FieldName() {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '`') {
      size_t end = text_.find('`', pos_ + 1);
      if (end == std::string_view::npos) Fail("unterminated back-quoted field name");
      std::string name(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return name;
    }
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ':' && text_[pos_] != ',' &&
           text_[pos_] != '>' && !std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    if (start == pos_) Fail("expected a field name");
    return std::string(text_.substr(start, pos_ - start));
  }

  int Number() {
    SkipSpace();
    size_t start = pos_;
    int value = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      if (value > 100000) Fail("number too large");
      value = value * 10 + (text_[pos_] - '0');
      ++pos_;
    }
    if (start == pos_) Fail("expected a number");
    return value;
  }

  LogicalType ParseType() {
    if (++depth_ > kMaxDepth) Fail("types nested deeper than 64 levels");
    size_t word_start = pos_;
    std::string name = Word();
    LogicalType type;
    if (name == "boolean") {
      type = LogicalType::Boolean();
    } else if (name == "tinyint") {
      type = LogicalType::TinyInt();
    } else if (name == "smallint") {
      type = LogicalType::SmallInt();
    } else if (name == "int" || name == "integer") {
      type = LogicalType::Integer();
    } else if (name == "bigint") {
      type = LogicalType::BigInt();
    } else if (name == "float" || name == "real") {
      type = LogicalType::Float();
    } else if (name == "double") {
      type = LogicalType::Double();
    } else if (name == "string") {
      type = LogicalType::Varchar();
    } else if (name == "varchar" || name == "char") {
      // The length is a constraint Hive enforces on write; Basin keeps the text as is.
      if (Consume('(')) {
        Number();
        Expect(')');
      } else if (name == "char") {
        Fail("char needs a length, as in char(10)");
      }
      type = LogicalType::Varchar();
    } else if (name == "binary") {
      type = LogicalType::Binary();
    } else if (name == "date") {
      type = LogicalType::Date();
    } else if (name == "time") {
      type = LogicalType::Time();
    } else if (name == "timestamp") {
      type = LogicalType::Timestamp();
    } else if (name == "decimal" || name == "numeric") {
      int precision = 10;  // Hive's default for a bare decimal
      int scale = 0;
      if (Consume('(')) {
        precision = Number();
        if (Consume(',')) scale = Number();
        Expect(')');
      }
      if (precision < 1 || precision > kMaxDecimalPrecision || scale > precision) {
        Fail("decimal(" + std::to_string(precision) + "," + std::to_string(scale) +
             ") needs 1 <= precision <= 38 and scale <= precision");
      }
      type = LogicalType::Decimal(precision, scale);
    } else if (name == "array") {
      Expect('<');
      LogicalType element = ParseType();
      Expect('>');
      type = LogicalType::List(std::move(element));
    } else if (name == "map") {
      Expect('<');
      LogicalType key = ParseType();
      Expect(',');
      LogicalType value = ParseType();
      Expect('>');
      type = LogicalType::Map(std::move(key), std::move(value));
    } else if (name == "struct") {
      Expect('<');
      std::vector<StructField> fields;
      if (!Consume('>')) {
        do {
          std::string field_name = FieldName();
          Expect(':');
          fields.push_back({std::move(field_name), ParseType()});
        } while (Consume(','));
        Expect('>');
      }
      type = LogicalType::Struct(std::move(fields));
    } else {
      pos_ = word_start;
      Fail("unknown type '" + name + "'");
    }
    --depth_;
    return type;
  }

  static constexpr int kMaxDepth = 64;
  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

LogicalType ParseHiveType(std::string_view text) { return HiveTypeParser(text).ParseAll(); }

}  // namespace basin::types
