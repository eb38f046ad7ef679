// The SQL lexer: one pass over the bytes, positions tracked as it goes.
#include "sql/parser/lexer.hpp"

#include <cstdio>

#include "sql/parser/syntax_error.hpp"

namespace basin::sql {
namespace {

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return IsLetter(c) || IsDigit(c) || c == '_'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

class Lexer {
 public:
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  std::vector<Token> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpaceAndComments();
      Token token;
      token.pos = pos_;
      if (AtEnd()) {
        token.kind = TokenKind::kEnd;
        tokens.push_back(std::move(token));
        return tokens;
      }
      LexToken(token);
      token.raw = sql_.substr(token.pos.offset, pos_.offset - token.pos.offset);
      tokens.push_back(std::move(token));
    }
  }

 private:
  bool AtEnd() const { return pos_.offset >= sql_.size(); }
  char Peek(size_t ahead = 0) const {
    size_t at = pos_.offset + ahead;
    return at < sql_.size() ? sql_[at] : '\0';
  }

  // Moves one byte forward, keeping line and column (in code points) up to date.
  void Step() {
    char c = sql_[pos_.offset++];
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++pos_.column;
    }
  }
  void Step(size_t n) {
    for (size_t i = 0; i < n; ++i) Step();
  }

  [[noreturn]] void Fail(SourcePos at, const std::string& what, std::string_view hint = {}) {
    ThrowSyntaxError(sql_, at, what, hint);
  }

  static std::string Where(SourcePos at) {
    return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
  }

  void SkipSpaceAndComments() {
    while (!AtEnd()) {
      char c = Peek();
      if (IsSpace(c)) {
        Step();
      } else if (c == '-' && Peek(1) == '-') {
        while (!AtEnd() && Peek() != '\n') Step();
      } else if (c == '/' && Peek(1) == '*') {
        SourcePos start = pos_;
        Step(2);
        while (!(Peek() == '*' && Peek(1) == '/')) {
          if (AtEnd())
            Fail(start, "unterminated comment starting at " + Where(start), "close it with */");
          Step();
        }
        Step(2);
      } else {
        return;
      }
    }
  }

  void LexToken(Token& token) {
    char c = Peek();
    if ((c == 'x' || c == 'X') && Peek(1) == '\'') return LexBinaryString(token);
    if (IsLetter(c) || c == '_') return LexWord(token);
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return LexNumber(token);
    switch (c) {
      case '\'':
        token.kind = TokenKind::kString;
        token.value = LexQuoted('\'', "string literal");
        return;
      case '"':
        token.kind = TokenKind::kQuotedIdentifier;
        token.value = LexQuoted('"', "quoted identifier");
        if (token.value.empty()) Fail(token.pos, "a quoted identifier cannot be empty");
        return;
      case '`':
        token.kind = TokenKind::kBackquotedIdentifier;
        token.value = LexQuoted('`', "back-quoted identifier");
        if (token.value.empty()) Fail(token.pos, "a quoted identifier cannot be empty");
        return;
      default: break;
    }
    token.kind = LexOperator();
  }

  void LexWord(Token& token) {
    token.kind = TokenKind::kWord;
    while (IsWordChar(Peek())) {
      token.value += ToUpper(Peek());
      Step();
    }
  }

  void LexNumber(Token& token) {
    size_t start = pos_.offset;
    token.kind = TokenKind::kInteger;
    while (IsDigit(Peek())) Step();
    if (Peek() == '.' && !(Peek(1) == '.')) {
      token.kind = TokenKind::kDecimal;
      Step();
      while (IsDigit(Peek())) Step();
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      token.kind = TokenKind::kDouble;
      Step(2);
      while (IsDigit(Peek())) Step();
    }
    if (IsWordChar(Peek())) {
      if (token.kind == TokenKind::kInteger) {
        Fail(token.pos, "identifiers must not start with a digit",
             "surround the identifier with double quotes");
      }
      Fail(token.pos, "malformed number");
    }
    token.value = std::string(sql_.substr(start, pos_.offset - start));
  }

  void LexBinaryString(Token& token) {
    token.kind = TokenKind::kBinaryString;
    Step();  // X
    SourcePos quote = pos_;
    token.value = LexQuoted('\'', "binary string literal");
    std::string digits;
    for (char d : token.value) {
      if (IsSpace(d)) continue;
      if (!IsHexDigit(d)) Fail(quote, "binary string literal contains a non-hexadecimal character");
      digits += d;
    }
    if (digits.size() % 2 != 0) {
      Fail(quote, "binary string literal has an odd number of hexadecimal digits");
    }
    token.value = std::move(digits);
  }

  // Reads a literal delimited by `quote`, where a doubled quote stands for one.
  std::string LexQuoted(char quote, const char* what) {
    SourcePos start = pos_;
    Step();
    std::string value;
    while (true) {
      if (AtEnd()) {
        Fail(start, std::string("unterminated ") + what + " starting at " + Where(start),
             std::string("close it with ") + quote + " (write " + quote + quote +
                 " for a quote inside it)");
      }
      char c = Peek();
      if (c == quote) {
        if (Peek(1) != quote) break;
        Step();
      }
      value += c;
      Step();
    }
    Step();
    return value;
  }

  TokenKind LexOperator() {
    SourcePos start = pos_;
    char c = Peek();
    char next = Peek(1);
    auto two = [&](TokenKind kind) {
      Step(2);
      return kind;
    };
    auto one = [&](TokenKind kind) {
      Step();
      return kind;
    };
    switch (c) {
      case '(': return one(TokenKind::kLeftParen);
      case ')': return one(TokenKind::kRightParen);
      case '[': return one(TokenKind::kLeftBracket);
      case ']': return one(TokenKind::kRightBracket);
      case ',': return one(TokenKind::kComma);
      case '.': return one(TokenKind::kDot);
      case ';': return one(TokenKind::kSemicolon);
      case ':': return one(TokenKind::kColon);
      case '?': return one(TokenKind::kParameter);
      case '+': return one(TokenKind::kPlus);
      case '*': return one(TokenKind::kStar);
      case '/': return one(TokenKind::kSlash);
      case '%': return one(TokenKind::kPercent);
      case '=': return one(TokenKind::kEq);
      case '-': return next == '>' ? two(TokenKind::kArrow) : one(TokenKind::kMinus);
      case '<':
        if (next == '=') return two(TokenKind::kLe);
        if (next == '>') return two(TokenKind::kNe);
        return one(TokenKind::kLt);
      case '>': return next == '=' ? two(TokenKind::kGe) : one(TokenKind::kGt);
      case '!':
        if (next == '=') return two(TokenKind::kNe);
        break;
      case '|':
        if (next == '|') return two(TokenKind::kConcat);
        Fail(start, "unexpected character '|'", "string concatenation is written ||");
      default: break;
    }
    Fail(start, "unexpected character " + DescribeCharacter());
  }

  // 'c' for printable ASCII, U+XXXX otherwise.
  std::string DescribeCharacter() const {
    unsigned char c = static_cast<unsigned char>(Peek());
    if (c >= 0x21 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    uint32_t code = c;
    size_t length = 1;
    if (c >= 0xF0) {
      code = c & 0x07;
      length = 4;
    } else if (c >= 0xE0) {
      code = c & 0x0F;
      length = 3;
    } else if (c >= 0xC0) {
      code = c & 0x1F;
      length = 2;
    }
    for (size_t i = 1; i < length; ++i) {
      unsigned char part = static_cast<unsigned char>(Peek(i));
      if ((part & 0xC0) != 0x80) {
        code = c;
        break;
      }
      code = (code << 6) | (part & 0x3F);
    }
    char buffer[16];
    std::snprintf(buffer, sizeof(buffer), "U+%04X", static_cast<unsigned>(code));
    return buffer;
  }

  std::string_view sql_;
  SourcePos pos_;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view sql) { return Lexer(sql).Run(); }

}  // namespace basin::sql
