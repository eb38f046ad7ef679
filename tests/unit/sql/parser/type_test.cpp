// Type names: parsing both spellings, printing, and resolving to LogicalType.
#include <gtest/gtest.h>

#include "parser_test_support.hpp"

namespace basin::sql {
namespace {

using types::LogicalType;

std::string Printed(std::string_view sql) { return ToSql(ParseType(sql)); }

TEST(TypeName, ParsesAndPrintsBothSpellings) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"INT", "int"},
      {"varchar", "varchar"},
      {"VARCHAR(255)", "varchar(255)"},
      {"decimal(10, 2)", "decimal(10,2)"},
      {"double precision", "double precision"},
      {"timestamp(6)", "timestamp(6)"},
      {"timestamp with time zone", "timestamp with time zone"},
      {"time(3) without time zone", "time(3)"},
      {"interval year to month", "interval year to month"},
      {"array(bigint)", "array(bigint)"},
      {"map(varchar, array(double))", "map(varchar, array(double))"},
      {"row(a int, b row(c varchar))", "row(a int, b row(c varchar))"},
      {"row(int, varchar)", "row(int, varchar)"},
      {"row(ts timestamp with time zone)", "row(ts timestamp with time zone)"},
      {"array<int>", "array<int>"},
      {"ARRAY < STRUCT < a : INT > >", "array<struct<a:int>>"},
      {"map<string, bigint>", "map<string,bigint>"},
      {"struct<`weird name`:int, from:string>", "struct<\"weird name\":int,\"from\":string>"},
      {"struct<>", "struct<>"},
  };
  for (const Case& c : cases) EXPECT_EQ(Printed(c.input), c.expected) << c.input;
  TypeName row = ParseType("row(a int, b varchar(3))");
  EXPECT_EQ(row.name, "row");
  ASSERT_EQ(row.fields.size(), 2u);
  EXPECT_EQ(row.fields[0].name.text, "a");
  EXPECT_EQ(row.fields[1].type.name, "varchar");
  EXPECT_EQ(row.fields[1].type.numbers, (std::vector<int64_t>{3}));
  EXPECT_FALSE(row.angle_brackets);
  EXPECT_TRUE(ParseType("array<int>").angle_brackets);
  EXPECT_TRUE(ParseType("timestamp(3) with time zone").with_time_zone);
}

TEST(TypeName, ResolvesToLogicalTypes) {
  EXPECT_EQ(ToLogicalType(ParseType("boolean")), LogicalType::Boolean());
  EXPECT_EQ(ToLogicalType(ParseType("tinyint")), LogicalType::TinyInt());
  EXPECT_EQ(ToLogicalType(ParseType("smallint")), LogicalType::SmallInt());
  EXPECT_EQ(ToLogicalType(ParseType("integer")), LogicalType::Integer());
  EXPECT_EQ(ToLogicalType(ParseType("int")), LogicalType::Integer());
  EXPECT_EQ(ToLogicalType(ParseType("bigint")), LogicalType::BigInt());
  EXPECT_EQ(ToLogicalType(ParseType("real")), LogicalType::Float());
  EXPECT_EQ(ToLogicalType(ParseType("float")), LogicalType::Float());
  EXPECT_EQ(ToLogicalType(ParseType("double")), LogicalType::Double());
  EXPECT_EQ(ToLogicalType(ParseType("double precision")), LogicalType::Double());
  EXPECT_EQ(ToLogicalType(ParseType("decimal(12,2)")), LogicalType::Decimal(12, 2));
  EXPECT_EQ(ToLogicalType(ParseType("decimal(20)")), LogicalType::Decimal(20, 0));
  EXPECT_EQ(ToLogicalType(ParseType("decimal")), LogicalType::Decimal(38, 0));
  EXPECT_EQ(ToLogicalType(ParseType("varchar(10)")), LogicalType::Varchar());
  EXPECT_EQ(ToLogicalType(ParseType("string")), LogicalType::Varchar());
  EXPECT_EQ(ToLogicalType(ParseType("char(2)")), LogicalType::Varchar());
  EXPECT_EQ(ToLogicalType(ParseType("varbinary")), LogicalType::Binary());
  EXPECT_EQ(ToLogicalType(ParseType("date")), LogicalType::Date());
  EXPECT_EQ(ToLogicalType(ParseType("time")), LogicalType::Time());
  EXPECT_EQ(ToLogicalType(ParseType("timestamp(3)")), LogicalType::Timestamp());
  EXPECT_EQ(ToLogicalType(ParseType("array(bigint)")), LogicalType::List(LogicalType::BigInt()));
  EXPECT_EQ(ToLogicalType(ParseType("map(varchar, double)")),
            LogicalType::Map(LogicalType::Varchar(), LogicalType::Double()));
  EXPECT_EQ(ToLogicalType(ParseType("row(a int, b varchar)")),
            LogicalType::Struct({{"a", LogicalType::Integer()}, {"b", LogicalType::Varchar()}}));
  EXPECT_EQ(
      ToLogicalType(ParseType("row(int, double)")),
      LogicalType::Struct({{"field0", LogicalType::Integer()}, {"field1", LogicalType::Double()}}));
  // Hive's spellings give what types::ParseHiveType gives for the same string.
  for (const char* hive : {"array<struct<a:int,b:string>>", "map<string,array<bigint>>",
                           "decimal(10,2)", "struct<`x y`:date>", "struct<>"}) {
    EXPECT_EQ(ToLogicalType(ParseType(hive)), types::ParseHiveType(hive)) << hive;
  }
  // A bare decimal is decimal(10,0) in Hive DDL, as Hive has it, and decimal(38,0) elsewhere.
  StatementPtr table = ParseStatement("create external table t (a decimal, b array<decimal>)");
  const auto& columns = table->As<CreateTableStatement>().columns;
  EXPECT_EQ(ToLogicalType(columns[0].type), LogicalType::Decimal(10, 0));
  EXPECT_EQ(ToLogicalType(columns[1].type), LogicalType::List(LogicalType::Decimal(10, 0)));
  ExprPtr cast = ParseExpression("cast(x as decimal)");
  EXPECT_EQ(ToLogicalType(cast->As<CastExpr>().type), LogicalType::Decimal(38, 0));
}

TEST(TypeName, RejectsWhatBasinCannotHold) {
  auto code_of = [](std::string_view sql) {
    try {
      ToLogicalType(ParseType(sql));
    } catch (const Error& error) {
      return error.code();
    }
    return ErrorCode::kInternal;
  };
  EXPECT_EQ(code_of("decimal(39,0)"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("decimal(5,6)"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("varchar(0)"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("int(3)"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("array(int, int)"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("map<int>"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("widget"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("timestamp with time zone"), ErrorCode::kUnsupported);
  EXPECT_EQ(code_of("interval day to second"), ErrorCode::kUnsupported);
  EXPECT_EQ(code_of("uuid"), ErrorCode::kUnsupported);
  // The message says where the type was written.
  try {
    ToLogicalType(ParseType("array(\n  decimal(50,1))"));
    ADD_FAILURE();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("line 2, column 3"), std::string::npos)
        << error.what();
  }
}

TEST(TypeName, SyntaxErrors) {
  EXPECT_THROW(ParseType(""), Error);
  EXPECT_THROW(ParseType("array<int"), Error);
  EXPECT_THROW(ParseType("struct<a int>"), Error);
  EXPECT_THROW(ParseType("decimal(10,"), Error);
  EXPECT_THROW(ParseType("int extra"), Error);
  EXPECT_THROW(ParseType("interval day to"), Error);
  EXPECT_THROW(ParseType("'text'"), Error);
}

}  // namespace
}  // namespace basin::sql
