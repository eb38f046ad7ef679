#include "catalog/partition_filter.hpp"

#include <charconv>
#include <limits>
#include <optional>

#include "catalog/like_pattern.hpp"
#include "common/error.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"
#include "types/logical_type.hpp"

namespace basin::catalog {

using types::int128_t;

namespace {

// Nesting deeper than this is refused rather than recursed into: expressions arrive over the
// network, and the parser must not run out of stack.
constexpr int kMaxDepth = 200;

enum class Truth : uint8_t { kFalse, kTrue, kUnknown };

Truth And(Truth a, Truth b) {
  if (a == Truth::kFalse || b == Truth::kFalse) return Truth::kFalse;
  if (a == Truth::kTrue && b == Truth::kTrue) return Truth::kTrue;
  return Truth::kUnknown;
}
Truth Or(Truth a, Truth b) {
  if (a == Truth::kTrue || b == Truth::kTrue) return Truth::kTrue;
  if (a == Truth::kFalse && b == Truth::kFalse) return Truth::kFalse;
  return Truth::kUnknown;
}
Truth Not(Truth a) {
  if (a == Truth::kUnknown) return a;
  return a == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
}
Truth From(bool value) { return value ? Truth::kTrue : Truth::kFalse; }

bool IsNullValue(std::string_view value) { return value == kHiveDefaultPartition; }

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || ptr != end || begin == end) return std::nullopt;
  return value;
}

int FractionDigits(std::string_view text) {
  size_t dot = text.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

// A value of a typed key as one comparable number: the integer, the decimal unscaled at
// `scale`, days since the epoch, or microseconds since the epoch.
std::optional<int128_t> ParseTyped(KeyKind kind, int scale, std::string_view text) {
  switch (kind) {
    case KeyKind::kInteger:
      if (auto value = ParseInteger(text)) return *value;
      return std::nullopt;
    case KeyKind::kDecimal: return types::ParseDecimal(text, types::kMaxDecimalPrecision, scale);
    case KeyKind::kDate:
      if (auto days = types::ParseDate(text)) return *days;
      return std::nullopt;
    case KeyKind::kTimestamp:
      if (auto micros = types::ParseTimestamp(text)) return *micros;
      if (auto days = types::ParseDate(text)) return int128_t{*days} * types::kMicrosPerDay;
      return std::nullopt;
    case KeyKind::kString:
    case KeyKind::kUnsupported: return std::nullopt;
  }
  return std::nullopt;
}

std::string_view KindName(KeyKind kind) {
  switch (kind) {
    case KeyKind::kString: return "string";
    case KeyKind::kInteger: return "integer";
    case KeyKind::kDecimal: return "decimal";
    case KeyKind::kDate: return "date";
    case KeyKind::kTimestamp: return "timestamp";
    case KeyKind::kUnsupported: return "unsupported";
  }
  return "?";
}

size_t Utf8Length(std::string_view text, size_t i) {
  auto lead = static_cast<uint8_t>(text[i]);
  size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return std::min(length, text.size() - i);
}

// ---- tokens ----

struct Token {
  enum class Type { kEnd, kWord, kQuotedName, kString, kNumber, kSymbol };
  Type type = Type::kEnd;
  std::string text;
  size_t offset = 0;  // byte offset in the expression
};

}  // namespace

struct PartitionFilter::Node {
  enum class Kind { kAnd, kOr, kNot, kCompare, kIn, kBetween, kLike, kIsNull };
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe };
  struct Literal {
    std::string text;
    size_t offset = 0;
    int128_t number = 0;  // typed keys: the value, once bound
  };

  Kind kind;
  // AND and OR hold every operand of a chain (a AND b AND c is one node), so the tree is only
  // as deep as the parentheses and NOTs, which the parser bounds. NOT holds one.
  std::vector<std::unique_ptr<Node>> children;
  size_t key = 0;
  KeyKind key_kind = KeyKind::kString;
  int scale = 0;  // decimal keys: the scale values are compared at
  Op op = Op::kEq;
  bool negated = false;
  std::vector<Literal> literals;  // compare: 1, in: n, between: low and high, like: pattern
  LikePattern like;               // kLike
};

namespace {

using Node = PartitionFilter::Node;

bool Satisfies(Node::Op op, int comparison) {
  switch (op) {
    case Node::Op::kEq: return comparison == 0;
    case Node::Op::kNe: return comparison != 0;
    case Node::Op::kLt: return comparison < 0;
    case Node::Op::kLe: return comparison <= 0;
    case Node::Op::kGt: return comparison > 0;
    case Node::Op::kGe: return comparison >= 0;
  }
  return false;
}

Node::Op Flipped(Node::Op op) {
  switch (op) {
    case Node::Op::kLt: return Node::Op::kGt;
    case Node::Op::kLe: return Node::Op::kGe;
    case Node::Op::kGt: return Node::Op::kLt;
    case Node::Op::kGe: return Node::Op::kLe;
    default: return op;
  }
}

struct KeyInfo {
  std::string name;
  std::string type;
  KeyKind kind;
  int scale;  // decimal: max of the key's scale and its literals' fraction digits
};

class Parser {
 public:
  Parser(std::string_view text, std::vector<KeyInfo>& keys) : text_(text), keys_(keys) {
    Advance();
  }

  std::unique_ptr<Node> Parse() {
    auto root = ParseOr(0);
    if (token_.type != Token::Type::kEnd) Fail("unexpected '" + token_.text + "'", token_);
    Bind(*root);
    return root;
  }

 private:
  [[noreturn]] void Fail(const std::string& what, size_t offset) const {
    size_t character = 1;
    for (size_t i = 0; i < offset && i < text_.size(); ++i) {
      character += (static_cast<uint8_t>(text_[i]) & 0xC0) != 0x80;
    }
    ThrowInvalid("partition filter \"" + std::string(text_) + "\": " + what + " at character " +
                 std::to_string(character));
  }
  [[noreturn]] void Fail(const std::string& what, const Token& token) const {
    Fail(what, token.offset);
  }

  // ---- tokenizer ----

  void Advance() {
    size_t i = position_;
    while (i < text_.size() &&
           (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r')) {
      ++i;
    }
    token_ = Token{};
    token_.offset = i;
    if (i >= text_.size()) {
      position_ = i;
      return;
    }
    char c = text_[i];
    auto is_word = [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '_' || (static_cast<uint8_t>(ch) >= 0x80);
    };
    auto is_digit = [](char ch) { return ch >= '0' && ch <= '9'; };
    if (c == '\'' || c == '"' || c == '`') {
      // '…' is a string; "…" and `…` are quoted key names. A doubled quote is one quote.
      token_.type = c == '\'' ? Token::Type::kString : Token::Type::kQuotedName;
      size_t j = i + 1;
      for (;; ++j) {
        if (j >= text_.size()) Fail("unterminated quote", i);
        if (text_[j] == c) {
          if (j + 1 < text_.size() && text_[j + 1] == c) {
            token_.text.push_back(c);
            ++j;
            continue;
          }
          break;
        }
        token_.text.push_back(text_[j]);
      }
      position_ = j + 1;
      return;
    }
    if (is_digit(c) || (c == '-' && i + 1 < text_.size() && is_digit(text_[i + 1])) ||
        (c == '.' && i + 1 < text_.size() && is_digit(text_[i + 1]))) {
      token_.type = Token::Type::kNumber;
      size_t j = i + (c == '-' ? 1 : 0);
      bool dot = false;
      while (j < text_.size() && (is_digit(text_[j]) || (text_[j] == '.' && !dot))) {
        dot = dot || text_[j] == '.';
        ++j;
      }
      if (j < text_.size() && is_word(text_[j])) Fail("malformed number", i);
      token_.text = std::string(text_.substr(i, j - i));
      position_ = j;
      return;
    }
    if (is_word(c)) {
      token_.type = Token::Type::kWord;
      size_t j = i;
      while (j < text_.size() && is_word(text_[j])) ++j;
      token_.text = std::string(text_.substr(i, j - i));
      position_ = j;
      return;
    }
    token_.type = Token::Type::kSymbol;
    for (std::string_view symbol : {"<>", "!=", "<=", ">=", "=", "<", ">", "(", ")", ","}) {
      if (text_.substr(i, symbol.size()) == symbol) {
        token_.text = std::string(symbol);
        position_ = i + symbol.size();
        return;
      }
    }
    Fail("unexpected character '" + std::string(text_.substr(i, Utf8Length(text_, i))) + "'", i);
  }

  bool IsKeyword(std::string_view keyword) const {
    if (token_.type != Token::Type::kWord || token_.text.size() != keyword.size()) return false;
    for (size_t i = 0; i < keyword.size(); ++i) {
      char c = token_.text[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c != keyword[i]) return false;
    }
    return true;
  }
  bool AcceptKeyword(std::string_view keyword) {
    if (!IsKeyword(keyword)) return false;
    Advance();
    return true;
  }
  void ExpectKeyword(std::string_view keyword) {
    if (!AcceptKeyword(keyword)) Fail("expected " + std::string(keyword) + Found(), token_);
  }
  bool AcceptSymbol(std::string_view symbol) {
    if (token_.type != Token::Type::kSymbol || token_.text != symbol) return false;
    Advance();
    return true;
  }
  void ExpectSymbol(std::string_view symbol) {
    if (!AcceptSymbol(symbol)) Fail("expected '" + std::string(symbol) + "'" + Found(), token_);
  }
  std::string Found() const {
    return token_.type == Token::Type::kEnd ? " but the expression ended"
                                            : " but found '" + token_.text + "'";
  }

  // ---- grammar ----

  std::unique_ptr<Node> ParseOr(int depth) {
    if (depth > kMaxDepth) Fail("the expression nests too deeply", token_);
    auto first = ParseAnd(depth);
    if (!IsKeyword("OR")) return first;
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::kOr;
    node->children.push_back(std::move(first));
    while (AcceptKeyword("OR")) node->children.push_back(ParseAnd(depth));
    return node;
  }

  std::unique_ptr<Node> ParseAnd(int depth) {
    auto first = ParseNot(depth);
    if (!IsKeyword("AND")) return first;
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::kAnd;
    node->children.push_back(std::move(first));
    while (AcceptKeyword("AND")) node->children.push_back(ParseNot(depth));
    return node;
  }

  std::unique_ptr<Node> ParseNot(int depth) {
    if (depth > kMaxDepth) Fail("the expression nests too deeply", token_);
    if (AcceptKeyword("NOT")) {
      auto node = std::make_unique<Node>();
      node->kind = Node::Kind::kNot;
      node->children.push_back(ParseNot(depth + 1));
      return node;
    }
    if (AcceptSymbol("(")) {
      auto inner = ParseOr(depth + 1);
      ExpectSymbol(")");
      return inner;
    }
    return ParsePredicate();
  }

  std::optional<Node::Op> AcceptComparison() {
    static constexpr std::pair<std::string_view, Node::Op> kOps[] = {
        {"=", Node::Op::kEq},  {"<>", Node::Op::kNe}, {"!=", Node::Op::kNe}, {"<", Node::Op::kLt},
        {"<=", Node::Op::kLe}, {">", Node::Op::kGt},  {">=", Node::Op::kGe}};
    for (const auto& [symbol, op] : kOps) {
      if (AcceptSymbol(symbol)) return op;
    }
    return std::nullopt;
  }

  // DATE '…' and TIMESTAMP '…' are literals; a key may still be named date.
  bool AtTypedLiteral() const {
    if (!IsKeyword("DATE") && !IsKeyword("TIMESTAMP")) return false;
    size_t i = position_;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    return i < text_.size() && text_[i] == '\'';
  }

  bool AtLiteral() const {
    return token_.type == Token::Type::kString || token_.type == Token::Type::kNumber ||
           AtTypedLiteral();
  }

  bool AtKey() const {
    return token_.type == Token::Type::kQuotedName ||
           (token_.type == Token::Type::kWord && !AtLiteral());
  }

  Node::Literal ParseLiteral() {
    if (AtTypedLiteral()) {
      // DATE '2024-01-01' is the string itself; the key's type decides how it compares.
      Advance();
      if (token_.type != Token::Type::kString) Fail("expected a quoted date or time", token_);
    }
    if (token_.type != Token::Type::kString && token_.type != Token::Type::kNumber) {
      Fail("expected a value such as '2024' or 12" + Found(), token_);
    }
    Node::Literal literal{token_.text, token_.offset, 0};
    Advance();
    return literal;
  }

  size_t ParseKey() {
    Token name = token_;
    if (!AtKey()) Fail("expected a partition key name" + Found(), token_);
    Advance();
    std::string lower = name.text;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (size_t k = 0; k < keys_.size(); ++k) {
      if (keys_[k].name == lower) {
        if (keys_[k].kind == KeyKind::kUnsupported) {
          Fail("partition key '" + lower + "' has type " + keys_[k].type +
                   ", which filters cannot compare (string, char, varchar, tinyint, smallint, "
                   "int, bigint, decimal, date and timestamp keys can be filtered)",
               name);
        }
        return k;
      }
    }
    std::string known;
    for (const auto& key : keys_) known += (known.empty() ? "" : ", ") + key.name;
    Fail("'" + name.text + "' is not a partition key" +
             (known.empty() ? std::string(" (the table has no partition keys)")
                            : " (the keys are " + known + ")"),
         name);
  }

  void NoteLiteral(size_t key, const Node::Literal& literal) {
    if (keys_[key].kind == KeyKind::kDecimal) {
      int digits = FractionDigits(literal.text);
      if (digits > types::kMaxDecimalPrecision) {
        Fail("'" + literal.text + "' has more digits after the point than a decimal can hold",
             literal.offset);
      }
      keys_[key].scale = std::max(keys_[key].scale, digits);
    }
  }

  std::unique_ptr<Node> ParsePredicate() {
    auto node = std::make_unique<Node>();
    if (AtLiteral()) {
      // 'x' < key: the same comparison seen from the key's side.
      Node::Literal literal = ParseLiteral();
      Token at = token_;
      auto op = AcceptComparison();
      if (!op) Fail("expected a comparison such as = or <" + Found(), at);
      node->kind = Node::Kind::kCompare;
      node->key = ParseKey();
      node->op = Flipped(*op);
      NoteLiteral(node->key, literal);
      node->literals.push_back(std::move(literal));
      return node;
    }
    node->key = ParseKey();
    if (auto op = AcceptComparison()) {
      node->kind = Node::Kind::kCompare;
      node->op = *op;
      if (AtKey()) Fail("compare a partition key with a value, not with another key", token_);
      node->literals.push_back(ParseLiteral());
      NoteLiteral(node->key, node->literals.back());
      return node;
    }
    if (AcceptKeyword("IS")) {
      node->kind = Node::Kind::kIsNull;
      node->negated = AcceptKeyword("NOT");
      ExpectKeyword("NULL");
      return node;
    }
    node->negated = AcceptKeyword("NOT");
    if (AcceptKeyword("IN")) {
      node->kind = Node::Kind::kIn;
      ExpectSymbol("(");
      do {
        node->literals.push_back(ParseLiteral());
        NoteLiteral(node->key, node->literals.back());
      } while (AcceptSymbol(","));
      ExpectSymbol(")");
    } else if (AcceptKeyword("BETWEEN")) {
      node->kind = Node::Kind::kBetween;
      node->literals.push_back(ParseLiteral());
      ExpectKeyword("AND");
      node->literals.push_back(ParseLiteral());
      NoteLiteral(node->key, node->literals[0]);
      NoteLiteral(node->key, node->literals[1]);
    } else if (AcceptKeyword("LIKE")) {
      node->kind = Node::Kind::kLike;
      if (token_.type != Token::Type::kString) Fail("LIKE needs a quoted pattern", token_);
      Node::Literal pattern = ParseLiteral();
      std::optional<char> escape;
      if (AcceptKeyword("ESCAPE")) {
        if (token_.type != Token::Type::kString || token_.text.size() != 1) {
          Fail("ESCAPE needs a single quoted character", token_);
        }
        escape = token_.text[0];
        Advance();
      }
      node->like = LikePattern(pattern.text, escape);
      node->literals.push_back(std::move(pattern));
    } else {
      Fail("expected =, <>, <, <=, >, >=, IN, BETWEEN, LIKE or IS" + Found(), token_);
    }
    return node;
  }

  // Gives each comparison its key's type and turns its literals into that type.
  void Bind(Node& node) {
    for (auto& child : node.children) Bind(*child);
    if (node.kind == Node::Kind::kAnd || node.kind == Node::Kind::kOr ||
        node.kind == Node::Kind::kNot) {
      return;
    }
    const KeyInfo& key = keys_[node.key];
    node.key_kind = key.kind;
    node.scale = key.scale;
    if (node.kind == Node::Kind::kLike || key.kind == KeyKind::kString) return;
    for (auto& literal : node.literals) {
      auto number = ParseTyped(key.kind, key.scale, literal.text);
      if (!number) {
        Fail("'" + literal.text + "' is not a " + std::string(KindName(key.kind)) +
                 " value, as partition key '" + key.name + "' (" + key.type + ") needs",
             literal.offset);
      }
      literal.number = *number;
    }
  }

  std::string_view text_;
  std::vector<KeyInfo>& keys_;
  size_t position_ = 0;
  Token token_;
};

Truth Evaluate(const Node& node, std::span<const std::string> values) {
  switch (node.kind) {
    case Node::Kind::kAnd: {
      Truth result = Truth::kTrue;
      for (const auto& child : node.children) {
        result = And(result, Evaluate(*child, values));
        if (result == Truth::kFalse) break;
      }
      return result;
    }
    case Node::Kind::kOr: {
      Truth result = Truth::kFalse;
      for (const auto& child : node.children) {
        result = Or(result, Evaluate(*child, values));
        if (result == Truth::kTrue) break;
      }
      return result;
    }
    case Node::Kind::kNot: return Not(Evaluate(*node.children[0], values));
    default: break;
  }
  const std::string& value = values[node.key];
  bool is_null = IsNullValue(value);
  if (node.kind == Node::Kind::kIsNull) return From(is_null != node.negated);
  if (is_null) return Truth::kUnknown;
  if (node.kind == Node::Kind::kLike) {
    bool match = node.like.Matches(value);
    return From(match != node.negated);
  }
  // Compare returns <0, 0, >0 for value versus literal i.
  std::optional<int128_t> number;
  if (node.key_kind != KeyKind::kString) {
    number = ParseTyped(node.key_kind, node.scale, value);
    if (!number) return Truth::kUnknown;  // not a value of the key's type: as NULL
  }
  auto compare = [&](const Node::Literal& literal) {
    if (!number) return value.compare(literal.text);
    return *number < literal.number ? -1 : *number > literal.number ? 1 : 0;
  };
  switch (node.kind) {
    case Node::Kind::kCompare: return From(Satisfies(node.op, compare(node.literals[0])));
    case Node::Kind::kIn: {
      bool found = false;
      for (const auto& literal : node.literals) {
        if (compare(literal) == 0) {
          found = true;
          break;
        }
      }
      return From(found != node.negated);
    }
    case Node::Kind::kBetween: {
      bool inside = compare(node.literals[0]) >= 0 && compare(node.literals[1]) <= 0;
      return From(inside != node.negated);
    }
    default: return Truth::kUnknown;
  }
}

}  // namespace

KeyKind KindOfKey(const Column& key) {
  types::LogicalType type = types::ParseHiveType(key.type);
  switch (type.id()) {
    case types::TypeId::kVarchar: return KeyKind::kString;
    case types::TypeId::kTinyInt:
    case types::TypeId::kSmallInt:
    case types::TypeId::kInteger:
    case types::TypeId::kBigInt: return KeyKind::kInteger;
    case types::TypeId::kDecimal: return KeyKind::kDecimal;
    case types::TypeId::kDate: return KeyKind::kDate;
    case types::TypeId::kTimestamp: return KeyKind::kTimestamp;
    default: return KeyKind::kUnsupported;
  }
}

void CheckPartitionValue(const Column& key, std::string_view value) {
  if (IsNullValue(value)) return;
  types::LogicalType type = types::ParseHiveType(key.type);
  auto fail = [&] {
    ThrowInvalid("partition value '" + std::string(value) + "' is not a value of key '" + key.name +
                 "' (" + key.type + ")");
  };
  switch (type.id()) {
    case types::TypeId::kTinyInt:
    case types::TypeId::kSmallInt:
    case types::TypeId::kInteger:
    case types::TypeId::kBigInt: {
      auto number = ParseInteger(value);
      if (!number) fail();
      int64_t limit = type.id() == types::TypeId::kTinyInt    ? 127
                      : type.id() == types::TypeId::kSmallInt ? 32767
                      : type.id() == types::TypeId::kInteger  ? 2147483647
                                                              : std::numeric_limits<int64_t>::max();
      if (*number > limit || *number < -limit - 1) fail();
      return;
    }
    case types::TypeId::kDecimal:
      if (!types::ParseDecimal(value, type.precision(), std::max(type.scale(), 0))) fail();
      return;
    case types::TypeId::kDate:
      if (!types::ParseDate(value)) fail();
      return;
    case types::TypeId::kTimestamp:
      if (!ParseTyped(KeyKind::kTimestamp, 0, value)) fail();
      return;
    default: return;
  }
}

PartitionFilter::PartitionFilter(std::string_view expression,
                                 const std::vector<Column>& partition_keys) {
  bool blank = true;
  for (char c : expression) blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
  if (blank) return;
  std::vector<KeyInfo> keys;
  for (const auto& key : partition_keys) {
    KeyKind kind = KindOfKey(key);
    int scale = 0;
    if (kind == KeyKind::kDecimal) scale = types::ParseHiveType(key.type).scale();
    keys.push_back({key.name, key.type, kind, scale});
  }
  root_ = Parser(expression, keys).Parse();
}

PartitionFilter::~PartitionFilter() = default;
PartitionFilter::PartitionFilter(PartitionFilter&&) noexcept = default;
PartitionFilter& PartitionFilter::operator=(PartitionFilter&&) noexcept = default;

bool PartitionFilter::Matches(std::span<const std::string> values) const {
  if (root_ == nullptr) return true;
  return Evaluate(*root_, values) == Truth::kTrue;
}

}  // namespace basin::catalog
