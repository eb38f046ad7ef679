// Partitions through the public Catalog API: create, batch atomicity, filters, pages.
#include <gtest/gtest.h>

#include <set>

#include "catalog/catalog.hpp"
#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::CatalogTest;
using testing::CodeOf;
using testing::Col;
using testing::MakeTable;

Partition P(std::vector<std::string> values) {
  Partition partition;
  partition.values = std::move(values);
  return partition;
}

class PartitionsTest : public CatalogTest {
 protected:
  PartitionsTest() {
    catalog_->CreateTable("movies",
                          MakeTable("rental", {Col("year", "int"), Col("month", "string")}));
  }

  std::vector<std::vector<std::string>> ValuesOf(const std::string& expression,
                                                 int64_t page_size = 0) {
    std::vector<std::vector<std::string>> out;
    PartitionQuery query{expression, {page_size, ""}};
    do {
      auto page = catalog_->GetPartitions("movies", "rental", query);
      if (page_size > 0) {
        EXPECT_LE(static_cast<int64_t>(page.items.size()), page_size);
      }
      for (const auto& partition : page.items) out.push_back(partition.values);
      query.page.next_token = page.next_token;
    } while (!query.page.next_token.empty());
    return out;
  }
};

TEST_F(PartitionsTest, CreateGetUpdateDelete) {
  Partition partition = P({"2024", "03"});
  partition.parameters = {{"recordCount", "17"}};
  catalog_->CreatePartition("movies", "rental", partition);

  Partition stored =
      catalog_->GetPartition("movies", "rental", std::vector<std::string>{"2024", "03"});
  EXPECT_EQ(stored.values, (std::vector<std::string>{"2024", "03"}));
  EXPECT_EQ(stored.database_name, "movies");
  EXPECT_EQ(stored.table_name, "rental");
  EXPECT_EQ(stored.parameters.at("recordCount"), "17");
  EXPECT_GT(stored.creation_time, 0);
  // No storage descriptor given: the table's, at the Hive location under the table's.
  Table table = catalog_->GetTable("movies", "rental");
  EXPECT_EQ(stored.storage_descriptor.columns, table.storage_descriptor.columns);
  EXPECT_EQ(stored.storage_descriptor.input_format, table.storage_descriptor.input_format);
  EXPECT_EQ(stored.storage_descriptor.location, "/lake/rental/year=2024/month=03/");

  Partition changed = stored;
  changed.parameters["recordCount"] = "18";
  changed.storage_descriptor.location = "/elsewhere/";
  catalog_->UpdatePartition("movies", "rental", stored.values, changed);
  Partition updated = catalog_->GetPartition("movies", "rental", stored.values);
  EXPECT_EQ(updated.parameters.at("recordCount"), "18");
  EXPECT_EQ(updated.storage_descriptor.location, "/elsewhere/");
  EXPECT_EQ(updated.creation_time, stored.creation_time);

  // An update may move the partition to new values.
  Partition moved = updated;
  moved.values = {"2024", "04"};
  catalog_->UpdatePartition("movies", "rental", stored.values, moved);
  EXPECT_EQ(ValuesOf(""), (std::vector<std::vector<std::string>>{{"2024", "04"}}));

  catalog_->DeletePartition("movies", "rental", std::vector<std::string>{"2024", "04"});
  EXPECT_TRUE(ValuesOf("").empty());
}

TEST_F(PartitionsTest, ExplicitLocationAndEscapedValues) {
  Partition own = P({"2024", "05"});
  own.storage_descriptor.location = "/custom/place/";
  catalog_->CreatePartition("movies", "rental", own);
  EXPECT_EQ(catalog_->GetPartition("movies", "rental", own.values).storage_descriptor.location,
            "/custom/place/");
  catalog_->CreatePartition("movies", "rental", P({"2024", "a/b=c"}));
  EXPECT_EQ(catalog_->GetPartition("movies", "rental", std::vector<std::string>{"2024", "a/b=c"})
                .storage_descriptor.location,
            "/lake/rental/year=2024/month=a%2Fb%3Dc/");
}

TEST_F(PartitionsTest, Errors) {
  catalog_->CreatePartition("movies", "rental", P({"2024", "03"}));
  std::string message;
  EXPECT_EQ(CodeOf(
                [&] {
                  catalog_->CreatePartition("movies", "rental", P({"2024", "03"}));
                },
                &message),
            ErrorCode::kAlreadyExists);
  EXPECT_NE(message.find("year=2024"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog_->CreatePartition("movies", "rental", P({"2024"})); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("2 partition keys"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] {
              catalog_->CreatePartition("movies", "rental", P({"a", "b", "c"}));
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] {
              catalog_->CreatePartition("movies", "rental", P({"twenty", "03"}));
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(
      CodeOf(
          [&] {
            catalog_->GetPartition("movies", "rental", std::vector<std::string>{"2020", "01"});
          },
          &message),
      ErrorCode::kNotFound);
  EXPECT_NE(message.find("movies.rental"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog_->CreatePartition("movies", "nope", P({"1"})); }),
            ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] {
              catalog_->DeletePartition("movies", "rental", std::vector<std::string>{"1", "1"});
            }),
            ErrorCode::kNotFound);
  Partition bad_column = P({"2024", "06"});
  bad_column.storage_descriptor.columns = {Col("x", "notatype")};
  EXPECT_EQ(CodeOf([&] { catalog_->CreatePartition("movies", "rental", bad_column); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ValuesOf("").size(), 1u);
}

TEST_F(PartitionsTest, BatchCreateIsAllOrNothing) {
  catalog_->CreatePartition("movies", "rental", P({"2020", "01"}));
  // The third partition already exists: nothing of the batch is written.
  std::vector<Partition> clash = {P({"2021", "01"}), P({"2021", "02"}), P({"2020", "01"})};
  EXPECT_EQ(CodeOf([&] { catalog_->BatchCreatePartitions("movies", "rental", clash); }),
            ErrorCode::kAlreadyExists);
  // The same partition twice in one batch.
  std::vector<Partition> twice = {P({"2022", "01"}), P({"2022", "01"})};
  EXPECT_EQ(CodeOf([&] { catalog_->BatchCreatePartitions("movies", "rental", twice); }),
            ErrorCode::kAlreadyExists);
  // A bad value at the end.
  std::vector<Partition> bad = {P({"2023", "01"}), P({"2023", "02"}), P({"x", "03"})};
  EXPECT_EQ(CodeOf([&] { catalog_->BatchCreatePartitions("movies", "rental", bad); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ValuesOf(""), (std::vector<std::vector<std::string>>{{"2020", "01"}}));

  std::vector<Partition> good = {P({"2021", "01"}), P({"2021", "02"}), P({"2022", "01"})};
  catalog_->BatchCreatePartitions("movies", "rental", good);
  EXPECT_EQ(ValuesOf("").size(), 4u);
}

TEST_F(PartitionsTest, BatchDeleteIsAllOrNothing) {
  std::vector<Partition> partitions = {P({"2021", "01"}), P({"2021", "02"}), P({"2022", "01"})};
  catalog_->BatchCreatePartitions("movies", "rental", partitions);
  std::vector<std::vector<std::string>> with_missing = {{"2021", "01"}, {"1999", "01"}};
  EXPECT_EQ(CodeOf([&] { catalog_->BatchDeletePartitions("movies", "rental", with_missing); }),
            ErrorCode::kNotFound);
  EXPECT_EQ(ValuesOf("").size(), 3u);
  std::vector<std::vector<std::string>> two = {{"2021", "01"}, {"2022", "01"}};
  catalog_->BatchDeletePartitions("movies", "rental", two);
  EXPECT_EQ(ValuesOf(""), (std::vector<std::vector<std::string>>{{"2021", "02"}}));
}

TEST_F(PartitionsTest, FiltersAreTypedAndPaged) {
  std::vector<Partition> partitions;
  std::set<std::vector<std::string>> expected_late;
  for (int year : {7, 10, 100, 2024}) {  // as strings "7" > "2024", as numbers it is not
    for (const char* month : {"01", "02", "10", "11"}) {
      partitions.push_back(P({std::to_string(year), month}));
      if (year >= 10 && std::string(month) > "02") {
        expected_late.insert({std::to_string(year), month});
      }
    }
  }
  catalog_->BatchCreatePartitions("movies", "rental", partitions);
  EXPECT_EQ(ValuesOf("").size(), 16u);
  for (int64_t page_size : {0, 1, 3, 5, 16, 100}) {
    auto late = ValuesOf("year >= 10 AND month > '02'", page_size);
    EXPECT_EQ(std::set<std::vector<std::string>>(late.begin(), late.end()), expected_late)
        << "page size " << page_size;
    EXPECT_EQ(late.size(), expected_late.size());
  }
  EXPECT_EQ(ValuesOf("year IN (7, 2024) AND month BETWEEN '02' AND '10'").size(), 4u);
  EXPECT_EQ(ValuesOf("NOT year = 7 OR month LIKE '1%'").size(), 14u);
  EXPECT_TRUE(ValuesOf("year > 5000").empty());
  // A page that ends exactly at the last match has no token.
  auto exact = catalog_->GetPartitions("movies", "rental", {"year = 7", {4, ""}});
  EXPECT_EQ(exact.items.size(), 4u);
  EXPECT_TRUE(exact.next_token.empty());

  EXPECT_EQ(CodeOf([&] { ValuesOf("day = 1"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] { ValuesOf("year = 'x'"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] {
              catalog_->GetPartitions("movies", "rental", {"", {5, "not hex"}});
            }),
            ErrorCode::kInvalidInput);
}

TEST_F(PartitionsTest, ValuesWithAnyBytesSortAndRoundTrip) {
  catalog_->CreateTable("movies", MakeTable("tagged", {Col("tag", "string")}));
  std::vector<std::string> tags = {"", "a", "a\x01", "ab", "b", "é", std::string(1, '\x02')};
  std::vector<Partition> partitions;
  for (const auto& tag : tags) partitions.push_back(P({tag}));
  // Control characters are refused as values…
  EXPECT_EQ(CodeOf([&] { catalog_->BatchCreatePartitions("movies", "tagged", partitions); }),
            ErrorCode::kInvalidInput);
  // …printable ones sort as byte strings.
  std::vector<std::string> printable = {"é", "b", "", "ab", "a", "a b"};
  partitions.clear();
  for (const auto& tag : printable) partitions.push_back(P({tag}));
  catalog_->BatchCreatePartitions("movies", "tagged", partitions);
  std::vector<std::string> listed;
  PartitionQuery query{"", {2, ""}};
  do {
    auto page = catalog_->GetPartitions("movies", "tagged", query);
    for (const auto& partition : page.items) listed.push_back(partition.values.at(0));
    query.page.next_token = page.next_token;
  } while (!query.page.next_token.empty());
  std::sort(printable.begin(), printable.end());
  EXPECT_EQ(listed, printable);
}

TEST_F(PartitionsTest, TenThousandPartitionsWithAFilter) {
  std::vector<Partition> partitions;
  for (int year = 2000; year < 2025; ++year) {
    for (int day = 1; day <= 400; ++day) {
      char month[3];
      std::snprintf(month, sizeof month, "%02d", (day - 1) / 34 + 1);
      partitions.push_back(
          P({std::to_string(year), std::string(month) + "-" + std::to_string(day)}));
    }
  }
  catalog_->BatchCreatePartitions("movies", "rental", partitions);
  size_t expected = 0;
  for (const auto& partition : partitions) {
    expected += std::stoi(partition.values[0]) >= 2020 && partition.values[1] < "03";
  }
  EXPECT_EQ(ValuesOf("year >= 2020 AND month < '03'", 1000).size(), expected);
  EXPECT_EQ(ValuesOf("", 1000).size(), 10000u);
}

}  // namespace
}  // namespace basin::catalog
