#include "sql/parser/lexer.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace basin::sql {
namespace {

std::vector<TokenKind> Kinds(std::string_view sql) {
  std::vector<TokenKind> kinds;
  for (const Token& token : Tokenize(sql)) kinds.push_back(token.kind);
  return kinds;
}

std::string LexError(std::string_view sql) {
  try {
    Tokenize(sql);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    return error.what();
  }
  return "";
}

TEST(Lexer, WordsAreUpperCasedAndKeepTheirRawText) {
  std::vector<Token> tokens = Tokenize("select My_Col1 _x");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[0].value, "SELECT");
  EXPECT_EQ(tokens[1].value, "MY_COL1");
  EXPECT_EQ(tokens[1].raw, "My_Col1");
  EXPECT_EQ(tokens[2].raw, "_x");
  EXPECT_EQ(tokens[3].kind, TokenKind::kEnd);
}

TEST(Lexer, StringsAndQuotedIdentifiersUnescapeDoubledQuotes) {
  std::vector<Token> tokens = Tokenize(R"('it''s' "a ""b""" `c``d` X'0aFF' '')");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kString);
  EXPECT_EQ(tokens[0].value, "it's");
  EXPECT_EQ(tokens[1].kind, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(tokens[1].value, "a \"b\"");
  EXPECT_EQ(tokens[2].kind, TokenKind::kBackquotedIdentifier);
  EXPECT_EQ(tokens[2].value, "c`d");
  EXPECT_EQ(tokens[3].kind, TokenKind::kBinaryString);
  EXPECT_EQ(tokens[3].value, "0aFF");
  EXPECT_EQ(tokens[4].kind, TokenKind::kString);
  EXPECT_EQ(tokens[4].value, "");
}

TEST(Lexer, BackslashIsAnOrdinaryCharacterInStrings) {
  std::vector<Token> tokens = Tokenize(R"('a\' 'b')");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].value, "a\\");
  EXPECT_EQ(tokens[1].value, "b");
}

TEST(Lexer, Numbers) {
  EXPECT_EQ(Kinds("42 1.5 .5 5. 1e3 1.5E-2 2e+7"),
            (std::vector<TokenKind>{TokenKind::kInteger, TokenKind::kDecimal, TokenKind::kDecimal,
                                    TokenKind::kDecimal, TokenKind::kDouble, TokenKind::kDouble,
                                    TokenKind::kDouble, TokenKind::kEnd}));
  EXPECT_EQ(Tokenize("1.5E-2")[0].value, "1.5E-2");
  // A dot after a name is punctuation, not the start of a number.
  EXPECT_EQ(Kinds("t.a"), (std::vector<TokenKind>{TokenKind::kWord, TokenKind::kDot,
                                                  TokenKind::kWord, TokenKind::kEnd}));
}

TEST(Lexer, Operators) {
  EXPECT_EQ(Kinds("<> != <= >= < > = || + - * / % ? -> : ; [ ] ( ) , ."),
            (std::vector<TokenKind>{
                TokenKind::kNe,           TokenKind::kNe,        TokenKind::kLe,
                TokenKind::kGe,           TokenKind::kLt,        TokenKind::kGt,
                TokenKind::kEq,           TokenKind::kConcat,    TokenKind::kPlus,
                TokenKind::kMinus,        TokenKind::kStar,      TokenKind::kSlash,
                TokenKind::kPercent,      TokenKind::kParameter, TokenKind::kArrow,
                TokenKind::kColon,        TokenKind::kSemicolon, TokenKind::kLeftBracket,
                TokenKind::kRightBracket, TokenKind::kLeftParen, TokenKind::kRightParen,
                TokenKind::kComma,        TokenKind::kDot,       TokenKind::kEnd}));
}

TEST(Lexer, CommentsAreSkipped) {
  EXPECT_EQ(Kinds("a -- comment ; b\n/* multi\nline */ c"),
            (std::vector<TokenKind>{TokenKind::kWord, TokenKind::kWord, TokenKind::kEnd}));
  EXPECT_EQ(Tokenize("a /* x */ b")[1].value, "B");
  EXPECT_EQ(Kinds("-- only a comment"), (std::vector<TokenKind>{TokenKind::kEnd}));
  // A minus followed by a minus is a comment, so "1--1" is just 1.
  EXPECT_EQ(Kinds("1--1"), (std::vector<TokenKind>{TokenKind::kInteger, TokenKind::kEnd}));
}

TEST(Lexer, PositionsCountLinesAndCodePoints) {
  std::vector<Token> tokens = Tokenize("select\n  'é', x\n\tfrom");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].pos.line, 1u);
  EXPECT_EQ(tokens[0].pos.column, 1u);
  EXPECT_EQ(tokens[1].pos.line, 2u);
  EXPECT_EQ(tokens[1].pos.column, 3u);
  EXPECT_EQ(tokens[1].pos.offset, 9u);
  // 'é' is three code points wide although é takes two bytes.
  EXPECT_EQ(tokens[2].pos.column, 6u);
  EXPECT_EQ(tokens[3].pos.column, 8u);
  EXPECT_EQ(tokens[4].pos.line, 3u);
  EXPECT_EQ(tokens[4].pos.column, 2u);
}

TEST(Lexer, UnterminatedStringNamesTheLineItStartedOn) {
  std::string message = LexError("select 1,\n  'abc\n\n from t");
  EXPECT_NE(message.find("unterminated string literal starting at line 2, column 3"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("  'abc\n    ^"), std::string::npos) << message;
}

TEST(Lexer, OtherMalformedInput) {
  EXPECT_NE(LexError("a /* never closed")
                .find("unterminated comment starting at line 1, "
                      "column 3"),
            std::string::npos);
  EXPECT_NE(LexError("\"abc").find("unterminated quoted identifier"), std::string::npos);
  EXPECT_NE(LexError("`abc").find("unterminated back-quoted identifier"), std::string::npos);
  EXPECT_NE(LexError("\"\"").find("cannot be empty"), std::string::npos);
  EXPECT_NE(LexError("select 1abc").find("identifiers must not start with a digit"),
            std::string::npos);
  EXPECT_NE(LexError("select 1.5x").find("malformed number"), std::string::npos);
  EXPECT_NE(LexError("X'0g'").find("non-hexadecimal"), std::string::npos);
  EXPECT_NE(LexError("X'abc'").find("odd number"), std::string::npos);
  EXPECT_NE(LexError("a | b").find("unexpected character '|'"), std::string::npos);
  EXPECT_NE(LexError("a # b").find("unexpected character '#'"), std::string::npos);
  EXPECT_NE(LexError("select é").find("unexpected character U+00E9"), std::string::npos);
  EXPECT_NE(LexError("a\n  & b").find("line 2, column 3"), std::string::npos);
}

}  // namespace
}  // namespace basin::sql
