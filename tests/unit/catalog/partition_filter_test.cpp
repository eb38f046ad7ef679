#include "catalog/partition_filter.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::CodeOf;
using testing::Col;

// Every combination of these partition values, and a filter checked against a predicate
// written directly in C++ over the same values.
struct Row {
  int year;
  std::string month;  // "01".."12"
  std::string region;
  int n;  // 7, 10, 100: orders differ between numbers and strings
};

const std::vector<Column> kKeys = {Col("year", "int"), Col("month", "string"),
                                   Col("region", "string"), Col("n", "bigint"), Col("s", "string")};

std::vector<Row> AllRows() {
  std::vector<Row> rows;
  for (int year = 2019; year <= 2025; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (const char* region : {"eu-west", "us-east", "ap-south", "o'hare"}) {
        for (int n : {7, 10, 100}) {
          char text[3];
          std::snprintf(text, sizeof text, "%02d", month);
          rows.push_back({year, text, region, n});
        }
      }
    }
  }
  return rows;
}

std::vector<std::string> ValuesOf(const Row& row) {
  // Key s holds the same text as n, so the two show numeric against string order.
  return {std::to_string(row.year), row.month, row.region, std::to_string(row.n),
          std::to_string(row.n)};
}

void ExpectSelects(const std::string& expression, const std::function<bool(const Row&)>& oracle) {
  PartitionFilter filter(expression, kKeys);
  size_t selected = 0;
  for (const Row& row : AllRows()) {
    bool expected = oracle(row);
    selected += expected;
    ASSERT_EQ(filter.Matches(ValuesOf(row)), expected)
        << expression << " on year=" << row.year << " month=" << row.month
        << " region=" << row.region << " n=" << row.n;
  }
  // Guard against an oracle that selects nothing or everything by mistake.
  EXPECT_GT(selected, 0u) << expression;
}

TEST(PartitionFilter, ComparisonsOfEveryKind) {
  ExpectSelects("year = '2024'", [](const Row& r) { return r.year == 2024; });
  ExpectSelects("year = 2024", [](const Row& r) { return r.year == 2024; });
  ExpectSelects("year <> 2024", [](const Row& r) { return r.year != 2024; });
  ExpectSelects("year != 2024", [](const Row& r) { return r.year != 2024; });
  ExpectSelects("year < 2021", [](const Row& r) { return r.year < 2021; });
  ExpectSelects("year <= 2021", [](const Row& r) { return r.year <= 2021; });
  ExpectSelects("year > 2023", [](const Row& r) { return r.year > 2023; });
  ExpectSelects("year >= 2023", [](const Row& r) { return r.year >= 2023; });
  ExpectSelects("month > '03'", [](const Row& r) { return r.month > "03"; });
  ExpectSelects("'2022' < year", [](const Row& r) { return r.year > 2022; });
  ExpectSelects("'06' >= month", [](const Row& r) { return r.month <= "06"; });
}

TEST(PartitionFilter, IntegerKeysCompareAsNumbersAndStringKeysAsStrings) {
  ExpectSelects("n > 9", [](const Row& r) { return r.n > 9; });
  ExpectSelects("n > '9'", [](const Row& r) { return r.n > 9; });
  // As strings "7" > "5" but "10" and "100" are not.
  ExpectSelects("s > '5'", [](const Row& r) { return r.n == 7; });
  ExpectSelects("n > 5", [](const Row&) { return true; });
  ExpectSelects("s < '2'", [](const Row& r) { return std::to_string(r.n) < "2"; });
  ExpectSelects("n BETWEEN 8 AND 99", [](const Row& r) { return r.n >= 8 && r.n <= 99; });
  ExpectSelects("s BETWEEN '1' AND '5'", [](const Row& r) {
    std::string s = std::to_string(r.n);  // "10" and "100", not "7"
    return s >= "1" && s <= "5";
  });
  ExpectSelects("n = '007'", [](const Row& r) { return r.n == 7; });
}

TEST(PartitionFilter, AndOrNotAndParentheses) {
  ExpectSelects("year = '2024' AND month > '03'",
                [](const Row& r) { return r.year == 2024 && r.month > "03"; });
  ExpectSelects("year = 2019 OR year = 2025",
                [](const Row& r) { return r.year == 2019 || r.year == 2025; });
  ExpectSelects("NOT year = 2019", [](const Row& r) { return r.year != 2019; });
  ExpectSelects("year = 2020 OR year = 2021 AND month = '01'",
                [](const Row& r) { return r.year == 2020 || (r.year == 2021 && r.month == "01"); });
  ExpectSelects("(year = 2020 OR year = 2021) AND month = '01'",
                [](const Row& r) { return (r.year == 2020 || r.year == 2021) && r.month == "01"; });
  ExpectSelects("NOT (year > 2020 AND region = 'eu-west') AND n = 10", [](const Row& r) {
    return !(r.year > 2020 && r.region == "eu-west") && r.n == 10;
  });
  ExpectSelects("not not year = 2022", [](const Row& r) { return r.year == 2022; });
  ExpectSelects("((((year = 2022))))", [](const Row& r) { return r.year == 2022; });
  ExpectSelects("year=2022 and(month='02'or month='03')", [](const Row& r) {
    return r.year == 2022 && (r.month == "02" || r.month == "03");
  });
}

TEST(PartitionFilter, InBetweenLike) {
  ExpectSelects("month IN ('01', '02', '12')",
                [](const Row& r) { return r.month == "01" || r.month == "02" || r.month == "12"; });
  ExpectSelects("year NOT IN (2019, 2020)",
                [](const Row& r) { return r.year != 2019 && r.year != 2020; });
  ExpectSelects("year BETWEEN 2020 AND 2022",
                [](const Row& r) { return r.year >= 2020 && r.year <= 2022; });
  ExpectSelects("year NOT BETWEEN 2020 AND 2022",
                [](const Row& r) { return r.year < 2020 || r.year > 2022; });
  ExpectSelects("month BETWEEN '03' AND '05'",
                [](const Row& r) { return r.month >= "03" && r.month <= "05"; });
  ExpectSelects("region LIKE 'eu-%'", [](const Row& r) { return r.region.rfind("eu-", 0) == 0; });
  ExpectSelects("region LIKE '%-%t'", [](const Row& r) {
    return r.region.find('-') != std::string::npos && r.region.back() == 't';
  });
  ExpectSelects("region LIKE '__-%'",
                [](const Row& r) { return r.region.size() > 2 && r.region[2] == '-'; });
  ExpectSelects("region NOT LIKE '%s%'",
                [](const Row& r) { return r.region.find('s') == std::string::npos; });
  ExpectSelects("region = 'o''hare'", [](const Row& r) { return r.region == "o'hare"; });
  ExpectSelects("month LIKE '1_'", [](const Row& r) { return r.month[0] == '1'; });
  ExpectSelects("region LIKE '%'", [](const Row&) { return true; });
}

TEST(PartitionFilter, KeywordsAndKeysAreCaseInsensitiveAndKeysMayBeQuoted) {
  ExpectSelects("YEAR = 2024 and Month In ('01')",
                [](const Row& r) { return r.year == 2024 && r.month == "01"; });
  ExpectSelects("\"year\" = 2024 AND `month` = '02'",
                [](const Row& r) { return r.year == 2024 && r.month == "02"; });
}

TEST(PartitionFilter, EmptyExpressionMatchesEverything) {
  PartitionFilter filter("   ", kKeys);
  EXPECT_TRUE(filter.matches_all());
  EXPECT_TRUE(filter.Matches(ValuesOf(AllRows().front())));
}

TEST(PartitionFilter, LikeMatchesCharactersNotBytesAndHonoursEscape) {
  std::vector<Column> keys = {Col("k", "string")};
  auto matches = [&](const std::string& expression, const std::string& value) {
    return PartitionFilter(expression, keys).Matches(std::vector<std::string>{value});
  };
  EXPECT_TRUE(matches("k LIKE 'caf_'", "café"));
  EXPECT_FALSE(matches("k LIKE 'caf__'", "café"));
  EXPECT_TRUE(matches("k LIKE '%é'", "café"));
  EXPECT_TRUE(matches("k LIKE '100!%' ESCAPE '!'", "100%"));
  EXPECT_FALSE(matches("k LIKE '100!%' ESCAPE '!'", "1000"));
  EXPECT_TRUE(matches("k LIKE 'a%b%c'", "a--b--b--c"));
  EXPECT_FALSE(matches("k LIKE 'a%b%c'", "a--c--b"));
  EXPECT_TRUE(matches("k LIKE '%aa'", "aaa"));
  EXPECT_FALSE(matches("k LIKE '_'", ""));
  EXPECT_TRUE(matches("k LIKE ''", ""));
}

TEST(PartitionFilter, TypedKeys) {
  std::vector<Column> keys = {Col("d", "date"), Col("amount", "decimal(10,2)"),
                              Col("ts", "timestamp"), Col("small", "tinyint")};
  auto matches = [&](const std::string& expression, std::vector<std::string> values) {
    return PartitionFilter(expression, keys).Matches(values);
  };
  std::vector<std::string> row = {"2024-03-07", "12.50", "2024-03-07 10:00:00", "5"};
  EXPECT_TRUE(matches("d > '2024-03-06'", row));
  EXPECT_TRUE(matches("d = DATE '2024-03-07'", row));
  EXPECT_FALSE(matches("d < '2024-03-07'", row));
  EXPECT_TRUE(matches("amount = 12.5", row));
  EXPECT_TRUE(matches("amount > 12.499", row));
  EXPECT_FALSE(matches("amount > 12.5001", row));
  EXPECT_TRUE(matches("amount BETWEEN 9.99 AND 100", row));
  EXPECT_TRUE(matches("ts >= TIMESTAMP '2024-03-07 09:59:59'", row));
  EXPECT_TRUE(matches("ts < '2024-03-08'", row));
  EXPECT_TRUE(matches("small < 10", row));
  // A key named like a keyword is still a key.
  std::vector<Column> date_key = {Col("date", "string")};
  EXPECT_TRUE(PartitionFilter("date = '2024-01-01'", date_key)
                  .Matches(std::vector<std::string>{"2024-01-01"}));
}

TEST(PartitionFilter, DecimalLiteralsBeyondThePrecisionAreRefused) {
  std::vector<Column> keys = {Col("amount", "decimal(10,2)")};
  std::string digits(40, '1');
  EXPECT_EQ(CodeOf([&] { PartitionFilter("amount IS NULL OR amount = 0." + digits, keys); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] { PartitionFilter("amount = " + digits, keys); }), ErrorCode::kInvalidInput);
}

// Random strings over the filter's vocabulary: each either compiles or is InvalidInput, and a
// compiled filter evaluates without trouble.
TEST(PartitionFilter, RandomExpressionsNeverFailOtherwise) {
  const std::vector<std::string> vocabulary = {
      "year", "month", "n",    "=",      "<>",  "<",      ">=",
      "(",    ")",     "AND",  "OR",     "NOT", "IN",     "BETWEEN",
      "LIKE", "IS",    "NULL", "ESCAPE", ",",   "'2024'", "'0%'",
      "2024", "-1",    "1.5",  "'",      "\"",  "DATE",   "'2024-01-01'",
      "`",    "#",     "é"};
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  std::vector<std::string> row = ValuesOf(AllRows()[77]);
  size_t compiled = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string expression;
    size_t length = 1 + next() % 12;
    for (size_t t = 0; t < length; ++t) expression += vocabulary[next() % vocabulary.size()] + " ";
    try {
      PartitionFilter filter(expression, kKeys);
      filter.Matches(row);
      ++compiled;
    } catch (const Error& error) {
      ASSERT_EQ(error.code(), ErrorCode::kInvalidInput) << expression << ": " << error.what();
    }
  }
  EXPECT_GT(compiled, 0u);
}

TEST(PartitionFilter, NullPartitionIsUnknownInComparisons) {
  std::vector<Column> keys = {Col("k", "int")};
  std::vector<std::string> null_row = {std::string(kHiveDefaultPartition)};
  auto matches = [&](const std::string& expression) {
    return PartitionFilter(expression, keys).Matches(null_row);
  };
  EXPECT_FALSE(matches("k = 1"));
  EXPECT_FALSE(matches("NOT k = 1"));
  EXPECT_FALSE(matches("k <> 1"));
  EXPECT_FALSE(matches("k NOT IN (1, 2)"));
  EXPECT_TRUE(matches("k IS NULL"));
  EXPECT_FALSE(matches("k IS NOT NULL"));
  EXPECT_TRUE(matches("k = 1 OR k IS NULL"));
  EXPECT_FALSE(matches("NOT (k = 1 AND k IS NULL)"));     // NOT(unknown AND true) is unknown
  EXPECT_TRUE(matches("NOT (k = 1 AND k IS NOT NULL)"));  // NOT(unknown AND false) is true
  EXPECT_TRUE(PartitionFilter("k IS NOT NULL", keys).Matches(std::vector<std::string>{"3"}));
}

TEST(PartitionFilter, RejectsBadExpressionsWithPositions) {
  struct Case {
    const char* expression;
    const char* expected;  // part of the message
  };
  for (const Case& c : std::vector<Case>{
           {"year = ", "ended"},
           {"year = 'x", "unterminated"},
           {"yeer = 2024", "'yeer' is not a partition key"},
           {"year == 2024", "character 7"},
           {"year = 'abc'", "is not a integer value"},
           {"year = 20.5", "is not a integer value"},
           {"(year = 2024", "expected ')'"},
           {"year = 2024)", "unexpected ')'"},
           {"year = 2024 AND", "ended"},
           {"year IN ()", "expected a value"},
           {"year BETWEEN 1", "expected AND"},
           {"year = month", "not with another key"},
           {"year LIKE 5", "quoted pattern"},
           {"year # 1", "unexpected character '#'"},
           {"year IS 5", "expected NULL"},
           {"12abc = year", "malformed number"},
       }) {
    std::string message;
    EXPECT_EQ(CodeOf([&] { PartitionFilter(c.expression, kKeys); }, &message),
              ErrorCode::kInvalidInput)
        << c.expression;
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.expression << ": " << message;
    EXPECT_NE(message.find("at character"), std::string::npos) << message;
  }
}

TEST(PartitionFilter, RejectsKeysOfTypesFiltersCannotCompare) {
  std::vector<Column> keys = {Col("f", "double")};
  std::string message;
  EXPECT_EQ(CodeOf([&] { PartitionFilter("f = 1", keys); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("double"), std::string::npos) << message;
}

TEST(PartitionFilter, RefusesDeepNestingButTakesLongChains) {
  std::string deep = std::string(5000, '(') + "year = 1" + std::string(5000, ')');
  EXPECT_EQ(CodeOf([&] { PartitionFilter(deep, kKeys); }), ErrorCode::kInvalidInput);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_EQ(CodeOf([&] { PartitionFilter(nots + "year = 1", kKeys); }), ErrorCode::kInvalidInput);
  // 20,000 ORs are one flat node: no deep recursion when evaluating or destroying it.
  std::string chain = "year = 0";
  for (int i = 0; i < 20000; ++i) chain += " OR year = " + std::to_string(2019 + i % 3);
  ExpectSelects(chain, [](const Row& r) { return r.year >= 2019 && r.year <= 2021; });
}

TEST(PartitionValues, ChecksValuesAgainstKeyTypes) {
  CheckPartitionValue(Col("y", "int"), "2024");
  CheckPartitionValue(Col("y", "int"), "-5");
  CheckPartitionValue(Col("y", "int"), kHiveDefaultPartition);
  CheckPartitionValue(Col("d", "date"), "2024-02-29");
  CheckPartitionValue(Col("m", "decimal(4,1)"), "123.4");
  CheckPartitionValue(Col("s", "string"), "anything at all");
  for (auto [type, value] : std::vector<std::pair<const char*, const char*>>{
           {"int", "abc"},
           {"int", "2147483648"},
           {"tinyint", "128"},
           {"smallint", "-32769"},
           {"bigint", "1.5"},
           {"date", "2023-02-29"},
           {"decimal(4,1)", "12345"},
           {"timestamp", "yesterday"},
       }) {
    EXPECT_EQ(CodeOf([&] { CheckPartitionValue(Col("k", type), value); }), ErrorCode::kInvalidInput)
        << type << " " << value;
  }
}

}  // namespace
}  // namespace basin::catalog
