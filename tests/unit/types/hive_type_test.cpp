#include <gtest/gtest.h>

#include "common/error.hpp"
#include "types/logical_type.hpp"

namespace basin::types {
namespace {

TEST(HiveType, PrintsAndParsesEveryTypeBackToItself) {
  std::vector<LogicalType> types = {
      LogicalType::Boolean(),
      LogicalType::TinyInt(),
      LogicalType::SmallInt(),
      LogicalType::Integer(),
      LogicalType::BigInt(),
      LogicalType::Float(),
      LogicalType::Double(),
      LogicalType::Decimal(10, 2),
      LogicalType::Decimal(38, 0),
      LogicalType::Varchar(),
      LogicalType::Binary(),
      LogicalType::Date(),
      LogicalType::Time(),
      LogicalType::Timestamp(),
      LogicalType::List(LogicalType::Integer()),
      LogicalType::Map(LogicalType::Varchar(), LogicalType::BigInt()),
      LogicalType::Struct({{"a", LogicalType::Integer()},
                           {"b", LogicalType::List(LogicalType::Struct(
                                     {{"c", LogicalType::Decimal(5, 1)}}))}}),
  };
  for (const auto& type : types) {
    EXPECT_EQ(ParseHiveType(type.ToString()), type) << type.ToString();
  }
}

TEST(HiveType, SpellingsMatchGlue) {
  EXPECT_EQ(LogicalType::Integer().ToString(), "int");
  EXPECT_EQ(LogicalType::Varchar().ToString(), "string");
  EXPECT_EQ(LogicalType::Decimal(10, 2).ToString(), "decimal(10,2)");
  EXPECT_EQ(LogicalType::List(LogicalType::Struct({{"a", LogicalType::Integer()}})).ToString(),
            "array<struct<a:int>>");
  EXPECT_EQ(LogicalType::Map(LogicalType::Varchar(), LogicalType::BigInt()).ToString(),
            "map<string,bigint>");
}

TEST(HiveType, AcceptsSynonymsCaseAndSpaces) {
  EXPECT_EQ(ParseHiveType("INTEGER"), LogicalType::Integer());
  EXPECT_EQ(ParseHiveType("varchar(255)"), LogicalType::Varchar());
  EXPECT_EQ(ParseHiveType("char(3)"), LogicalType::Varchar());
  EXPECT_EQ(ParseHiveType("decimal"), LogicalType::Decimal(10, 0));
  EXPECT_EQ(ParseHiveType(" Array < Map< string , int > > "),
            LogicalType::List(LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer())));
  EXPECT_EQ(ParseHiveType("struct<`weird name`:int>"),
            LogicalType::Struct({{"weird name", LogicalType::Integer()}}));
  EXPECT_EQ(ParseHiveType("struct<>"), LogicalType::Struct({}));
}

TEST(HiveType, RejectsMalformedStringsWithPosition) {
  for (const char* bad : {"", "int8", "array<int", "map<string>", "decimal(39,0)",
                          "decimal(5,6)", "struct<a int>", "int extra", "char",
                          "uniontype<int,string>"}) {
    try {
      ParseHiveType(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput) << bad;
      EXPECT_NE(std::string(error.what()).find("offset"), std::string::npos) << error.what();
    }
  }
}

TEST(HiveType, RejectsAbsurdNesting) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "array<";
  deep += "int";
  for (int i = 0; i < 100; ++i) deep += ">";
  EXPECT_THROW(ParseHiveType(deep), Error);
}

TEST(LogicalType, PhysicalStorageFollowsPrecision) {
  EXPECT_EQ(LogicalType::Decimal(18, 2).physical(), PhysicalType::kInt64);
  EXPECT_EQ(LogicalType::Decimal(19, 2).physical(), PhysicalType::kInt128);
  EXPECT_EQ(LogicalType::Date().physical(), PhysicalType::kInt32);
  EXPECT_EQ(LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer()).physical(),
            PhysicalType::kList);
  EXPECT_THROW(LogicalType::Decimal(0, 0), Error);
  EXPECT_THROW(LogicalType::Decimal(10, 11), Error);
}

}  // namespace
}  // namespace basin::types
