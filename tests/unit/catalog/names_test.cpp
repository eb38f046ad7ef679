#include "catalog/names.hpp"

#include <gtest/gtest.h>

#include "catalog_test_util.hpp"
#include "common/error.hpp"

namespace basin::catalog {
namespace {

using testing::CodeOf;

TEST(Names, FoldsUpperCaseToLowerCase) {
  EXPECT_EQ(NormalizeName("table name", "Film_Actor2"), "film_actor2");
  EXPECT_EQ(NormalizeName("table name", "ABC"), "abc");
  EXPECT_EQ(NormalizeName("table name", "_"), "_");
}

TEST(Names, RejectsOtherCharactersNamingThemAndTheirPosition) {
  std::string message;
  EXPECT_EQ(CodeOf([] { NormalizeName("database name", "movie-rental"); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("'-'"), std::string::npos) << message;
  EXPECT_NE(message.find("position 6"), std::string::npos) << message;
  EXPECT_NE(message.find("database name"), std::string::npos) << message;

  EXPECT_EQ(CodeOf([] { NormalizeName("table name", "café"); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("'é'"), std::string::npos) << message;
  EXPECT_NE(message.find("position 4"), std::string::npos) << message;

  for (const char* bad : {"a b", "a.b", "a/b", "a\tb", "\xff", "x*", ""}) {
    EXPECT_EQ(CodeOf([&] { NormalizeName("table name", bad); }), ErrorCode::kInvalidInput) << bad;
  }
}

TEST(Names, LimitsLengthTo255Characters) {
  EXPECT_EQ(NormalizeName("table name", std::string(255, 'a')).size(), 255u);
  std::string message;
  EXPECT_EQ(CodeOf([] { NormalizeName("table name", std::string(256, 'a')); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("256"), std::string::npos) << message;
}

TEST(Names, ColumnNamesFoldCaseButKeepSpacesAndUnicode) {
  EXPECT_EQ(NormalizeColumnName("First Name"), "first name");
  EXPECT_EQ(NormalizeColumnName("Prix_€"), "prix_€");
  EXPECT_EQ(CodeOf([] { NormalizeColumnName(""); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { NormalizeColumnName("a\nb"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { NormalizeColumnName("bad\xc3"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { NormalizeColumnName(std::string(256, 'x')); }), ErrorCode::kInvalidInput);
  // 255 two-byte characters are 255 characters, not 510.
  std::string long_unicode;
  for (int i = 0; i < 255; ++i) long_unicode += "é";
  EXPECT_EQ(NormalizeColumnName(long_unicode), long_unicode);
}

TEST(Names, QualifiedNames) {
  QualifiedName name = ParseQualifiedName("Movies.Film");
  EXPECT_EQ(name.database, "movies");
  EXPECT_EQ(name.table, "film");
  for (const char* bad : {"film", "a.b.c", ".film", "movies.", "mo-vies.film"}) {
    EXPECT_EQ(CodeOf([&] { ParseQualifiedName(bad); }), ErrorCode::kInvalidInput) << bad;
  }
}

TEST(Names, CheckTextAcceptsUtf8AndRejectsBrokenSequences) {
  CheckText("x", "plain, tabs\tand\nnew lines, ünïcødé, 😀");
  for (const char* bad : {"\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\x01"}) {
    EXPECT_EQ(CodeOf([&] { CheckText("x", bad); }), ErrorCode::kInvalidInput) << bad;
  }
}

}  // namespace
}  // namespace basin::catalog
