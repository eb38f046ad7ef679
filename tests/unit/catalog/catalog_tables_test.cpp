// Databases, tables, versions and search through the public Catalog API.
#include <gtest/gtest.h>

#include "catalog/catalog.hpp"
#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::CatalogTest;
using testing::CodeOf;
using testing::Col;
using testing::MakeTable;

TEST_F(CatalogTest, DatabasesCreateGetUpdateListDelete) {
  Database database;
  database.name = "Lake_Two";
  database.description = "second";
  database.location_uri = "s3://bucket/two/";
  database.parameters = {{"owner", "data-team"}};
  int64_t before = NowMillis();
  catalog_->CreateDatabase(database);

  Database stored = catalog_->GetDatabase("lake_two");
  EXPECT_EQ(stored.name, "lake_two");
  EXPECT_EQ(stored.description, "second");
  EXPECT_EQ(stored.location_uri, "s3://bucket/two/");
  EXPECT_EQ(stored.parameters.at("owner"), "data-team");
  EXPECT_GE(stored.create_time, before);
  EXPECT_LE(stored.create_time, NowMillis());

  Database changed = stored;
  changed.description = "renamed description";
  changed.parameters.clear();
  catalog_->UpdateDatabase("LAKE_TWO", changed);
  Database updated = catalog_->GetDatabase("lake_two");
  EXPECT_EQ(updated.description, "renamed description");
  EXPECT_TRUE(updated.parameters.empty());
  EXPECT_EQ(updated.create_time, stored.create_time);

  auto all = catalog_->GetDatabases().items;
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "lake_two");
  EXPECT_EQ(all[1].name, "movies");

  catalog_->DeleteDatabase("lake_two");
  EXPECT_EQ(CodeOf([&] { catalog_->GetDatabase("lake_two"); }), ErrorCode::kNotFound);
  EXPECT_EQ(catalog_->GetDatabases().items.size(), 1u);
}

TEST_F(CatalogTest, DatabaseErrors) {
  Database duplicate;
  duplicate.name = "MOVIES";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateDatabase(duplicate); }), ErrorCode::kAlreadyExists);
  std::string message;
  EXPECT_EQ(CodeOf([&] { catalog_->GetDatabase("nope"); }, &message), ErrorCode::kNotFound);
  EXPECT_NE(message.find("'nope'"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog_->DeleteDatabase("nope"); }), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] { catalog_->UpdateDatabase("nope", Database{}); }), ErrorCode::kNotFound);
  Database bad;
  bad.name = "bad name";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateDatabase(bad); }), ErrorCode::kInvalidInput);
}

TEST_F(CatalogTest, DatabasesPage) {
  for (const char* name : {"d1", "d2", "d3", "d4"}) {
    Database database;
    database.name = name;
    catalog_->CreateDatabase(database);
  }
  std::vector<std::string> seen;
  PageRequest page{2, ""};
  int pages = 0;
  do {
    auto result = catalog_->GetDatabases(page);
    EXPECT_LE(result.items.size(), 2u);
    for (const auto& database : result.items) seen.push_back(database.name);
    page.next_token = result.next_token;
    ++pages;
  } while (!page.next_token.empty());
  EXPECT_EQ(seen, (std::vector<std::string>{"d1", "d2", "d3", "d4", "movies"}));
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(CodeOf([&] { catalog_->GetDatabases({1, "zz"}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] { catalog_->GetDatabases({-1, ""}); }), ErrorCode::kInvalidInput);
}

TEST_F(CatalogTest, CreateAndGetTableKeepsEveryField) {
  Table table = MakeTable("Film", {Col("Year", "string")});
  table.description = "films";
  table.owner = "ops";
  table.storage_descriptor.columns[0].comment = "primary key";
  table.storage_descriptor.serde_info.serialization_library = "lib";
  table.storage_descriptor.serde_info.parameters = {{"k", "v"}};
  table.parameters[std::string(kRecordCountKey)] = "1000";
  table.parameters[std::string(kSizeKey)] = "123456";
  table.parameters[std::string(kObjectCountKey)] = "3";
  table.parameters[std::string(kAverageRecordSizeKey)] = "123";
  table.parameters["free"] = "form";
  table.created_by = "crawler:lake";
  catalog_->CreateTable("Movies", table);

  Table stored = catalog_->GetTable("movies", "FILM");
  EXPECT_EQ(stored.name, "film");
  EXPECT_EQ(stored.database_name, "movies");
  EXPECT_EQ(stored.version_id, 1);
  EXPECT_EQ(stored.partition_keys.at(0).name, "year");
  EXPECT_GT(stored.create_time, 0);
  EXPECT_EQ(stored.update_time, stored.create_time);
  // Everything else comes back as given.
  Table expected = table;
  expected.name = "film";
  expected.database_name = "movies";
  expected.partition_keys[0].name = "year";
  expected.version_id = 1;
  expected.create_time = stored.create_time;
  expected.update_time = stored.update_time;
  EXPECT_EQ(stored, expected);
}

TEST_F(CatalogTest, TableErrors) {
  catalog_->CreateTable("movies", MakeTable("film"));
  std::string message;
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", MakeTable("FILM")); }, &message),
            ErrorCode::kAlreadyExists);
  EXPECT_NE(message.find("movies.film"), std::string::npos) << message;

  EXPECT_EQ(CodeOf([&] { catalog_->GetTable("movies", "actor"); }, &message), ErrorCode::kNotFound);
  EXPECT_NE(message.find("movies.actor"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog_->GetTable("nodb", "film"); }, &message), ErrorCode::kNotFound);
  EXPECT_NE(message.find("database 'nodb'"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("nodb", MakeTable("x")); }), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] { catalog_->DeleteTable("movies", "actor"); }), ErrorCode::kNotFound);

  Table bad_type = MakeTable("bad");
  bad_type.storage_descriptor.columns[1].type = "array<int";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", bad_type); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("title"), std::string::npos) << message;

  Table no_type = MakeTable("bad");
  no_type.storage_descriptor.columns[1].type = "";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", no_type); }), ErrorCode::kInvalidInput);

  Table duplicate_column = MakeTable("bad", {Col("ID", "int")});
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", duplicate_column); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("'id'"), std::string::npos) << message;

  Table bad_count = MakeTable("bad");
  bad_count.parameters[std::string(kRecordCountKey)] = "-3";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", bad_count); }), ErrorCode::kInvalidInput);

  Table view = MakeTable("v");
  view.table_type = TableType::kVirtualView;
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", view); }), ErrorCode::kInvalidInput);

  Table jdbc = MakeTable("j");
  jdbc.table_type = TableType::kJdbcTable;
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", jdbc); }), ErrorCode::kInvalidInput);
  jdbc.connection_name = "missing";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", jdbc); }), ErrorCode::kNotFound);

  Table bad_name = MakeTable("film-2");
  EXPECT_EQ(CodeOf([&] { catalog_->CreateTable("movies", bad_name); }), ErrorCode::kInvalidInput);

  // None of the failures left anything behind.
  auto tables = catalog_->GetTables("movies").items;
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].name, "film");
  EXPECT_EQ(catalog_->GetTableVersions("movies", "film").items.size(), 1u);
}

TEST_F(CatalogTest, ViewsKeepTheirText) {
  Table view;
  view.name = "recent";
  view.table_type = TableType::kVirtualView;
  view.view_original_text = "SELECT * FROM film WHERE year > 2020";
  view.view_expanded_text = "SELECT film.* FROM movies.film WHERE film.year > 2020";
  view.storage_descriptor.columns = {Col("id", "int")};
  catalog_->CreateTable("movies", view);
  Table stored = catalog_->GetTable("movies", "recent");
  EXPECT_EQ(stored.table_type, TableType::kVirtualView);
  EXPECT_EQ(stored.view_original_text, view.view_original_text);
  EXPECT_EQ(stored.view_expanded_text, view.view_expanded_text);
}

TEST_F(CatalogTest, UpdatesKeepVersions) {
  catalog_->CreateTable("movies", MakeTable("film"));
  Table v1 = catalog_->GetTable("movies", "film");

  Table second = v1;
  second.storage_descriptor.columns.push_back(Col("rating", "string"));
  EXPECT_EQ(catalog_->UpdateTable("movies", second), 2);
  Table third = catalog_->GetTable("movies", "film");
  third.description = "now with a description";
  EXPECT_EQ(catalog_->UpdateTable("movies", third, /*expected_version=*/2), 3);

  Table current = catalog_->GetTable("movies", "film");
  EXPECT_EQ(current.version_id, 3);
  EXPECT_EQ(current.description, "now with a description");
  EXPECT_EQ(current.storage_descriptor.columns.size(), 3u);
  EXPECT_EQ(current.create_time, v1.create_time);
  EXPECT_GE(current.update_time, v1.update_time);

  auto versions = catalog_->GetTableVersions("movies", "film").items;
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].version_id, 3);  // newest first; the first is the table
  EXPECT_EQ(versions[0].table, current);
  EXPECT_EQ(versions[1].version_id, 2);
  EXPECT_EQ(versions[2].version_id, 1);
  EXPECT_EQ(versions[2].table, v1);
  EXPECT_EQ(catalog_->GetTableVersion("movies", "film", 2).table.storage_descriptor.columns.size(),
            3u);
  EXPECT_EQ(catalog_->GetTableVersion("movies", "film", 1).table, v1);

  // Paging through versions.
  auto first_page = catalog_->GetTableVersions("movies", "film", {2, ""});
  ASSERT_EQ(first_page.items.size(), 2u);
  ASSERT_FALSE(first_page.next_token.empty());
  auto second_page = catalog_->GetTableVersions("movies", "film", {2, first_page.next_token});
  ASSERT_EQ(second_page.items.size(), 1u);
  EXPECT_EQ(second_page.items[0].version_id, 1);
  EXPECT_TRUE(second_page.next_token.empty());
}

TEST_F(CatalogTest, StaleExpectedVersionIsAConflictAndChangesNothing) {
  catalog_->CreateTable("movies", MakeTable("film"));
  Table read = catalog_->GetTable("movies", "film");
  Table theirs = read;
  theirs.description = "theirs";
  catalog_->UpdateTable("movies", theirs, 1);
  Table mine = read;
  mine.description = "mine";
  EXPECT_EQ(CodeOf([&] { catalog_->UpdateTable("movies", mine, 1); }), ErrorCode::kConflict);
  EXPECT_EQ(catalog_->GetTable("movies", "film").description, "theirs");
  EXPECT_EQ(catalog_->GetTableVersions("movies", "film").items.size(), 2u);
}

TEST_F(CatalogTest, ReadModifyWriteUpdate) {
  catalog_->CreateTable("movies", MakeTable("film"));
  int64_t version = catalog_->UpdateTable(
      "movies", "film", [](Table& table) { table.parameters["recordCount"] = "42"; });
  EXPECT_EQ(version, 2);
  EXPECT_EQ(catalog_->GetTable("movies", "film").parameters.at("recordCount"), "42");
  // A change that throws, or renames, or breaks a rule, writes nothing.
  EXPECT_EQ(
      CodeOf([&] { catalog_->UpdateTable("movies", "film", [](Table&) { ThrowInvalid("no"); }); }),
      ErrorCode::kInvalidInput);
  EXPECT_EQ(
      CodeOf([&] { catalog_->UpdateTable("movies", "film", [](Table& t) { t.name = "other"; }); }),
      ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] {
              catalog_->UpdateTable("movies", "film",
                                    [](Table& t) { t.storage_descriptor.columns[0].type = "?"; });
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(catalog_->GetTable("movies", "film").version_id, 2);
  EXPECT_EQ(catalog_->GetTableVersions("movies", "film").items.size(), 2u);
}

TEST_F(CatalogTest, DeleteVersionsAllOrNothing) {
  catalog_->CreateTable("movies", MakeTable("film"));
  for (int i = 0; i < 4; ++i) {
    catalog_->UpdateTable("movies", "film", [&](Table& t) { t.description = std::to_string(i); });
  }
  // Versions 1..5; 5 is current.
  std::vector<int64_t> with_missing = {1, 2, 9};
  EXPECT_EQ(CodeOf([&] { catalog_->DeleteTableVersions("movies", "film", with_missing); }),
            ErrorCode::kNotFound);
  std::vector<int64_t> with_current = {1, 5};
  EXPECT_EQ(CodeOf([&] { catalog_->DeleteTableVersions("movies", "film", with_current); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(catalog_->GetTableVersions("movies", "film").items.size(), 5u);

  std::vector<int64_t> old = {1, 3};
  catalog_->DeleteTableVersions("movies", "film", old);
  std::vector<int64_t> ids;
  for (const auto& version : catalog_->GetTableVersions("movies", "film").items) {
    ids.push_back(version.version_id);
  }
  EXPECT_EQ(ids, (std::vector<int64_t>{5, 4, 2}));
  EXPECT_EQ(CodeOf([&] { catalog_->GetTableVersion("movies", "film", 1); }), ErrorCode::kNotFound);
  // Ids keep counting up after deletions.
  EXPECT_EQ(catalog_->UpdateTable("movies", "film", [](Table&) {}), 6);
}

TEST_F(CatalogTest, DeletingATableDeletesItsVersionsAndPartitions) {
  catalog_->CreateTable("movies", MakeTable("rental", {Col("year", "string")}));
  catalog_->UpdateTable("movies", "rental", [](Table& t) { t.description = "x"; });
  Partition partition;
  partition.values = {"2024"};
  catalog_->CreatePartition("movies", "rental", partition);
  catalog_->DeleteTable("movies", "rental");
  EXPECT_EQ(CodeOf([&] { catalog_->GetTableVersions("movies", "rental"); }), ErrorCode::kNotFound);
  // A new table of the same name starts over.
  catalog_->CreateTable("movies", MakeTable("rental", {Col("year", "string")}));
  EXPECT_EQ(catalog_->GetTable("movies", "rental").version_id, 1);
  EXPECT_EQ(catalog_->GetTableVersions("movies", "rental").items.size(), 1u);
  EXPECT_TRUE(catalog_->GetPartitions("movies", "rental").items.empty());
}

TEST_F(CatalogTest, DeletingADatabaseDeletesItsTables) {
  Database other;
  other.name = "other";
  catalog_->CreateDatabase(other);
  catalog_->CreateTable("other", MakeTable("t1"));
  catalog_->CreateTable("other", MakeTable("t2"));
  catalog_->CreateTable("movies", MakeTable("film"));
  catalog_->DeleteDatabase("other");
  EXPECT_EQ(CodeOf([&] { catalog_->GetTables("other"); }), ErrorCode::kNotFound);
  TableSearch everything;
  auto all = catalog_->SearchTables(everything).items;
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].name, "film");
}

TEST_F(CatalogTest, SearchByNamePatternAndParameters) {
  Database other;
  other.name = "lake";
  catalog_->CreateDatabase(other);
  for (const char* name : {"film", "film_actor", "film_category", "actor", "filmxactor"}) {
    Table table = MakeTable(name);
    table.parameters["classification"] =
        std::string(name).find("actor") != std::string::npos ? "postgresql" : "parquet";
    catalog_->CreateTable("movies", table);
  }
  Table lake_film = MakeTable("s3_film");
  lake_film.parameters["tier"] = "gold";
  catalog_->CreateTable("lake", lake_film);

  auto names = [&](const TableSearch& search) {
    std::vector<std::string> out;
    for (const auto& table : catalog_->SearchTables(search).items) {
      out.push_back(table.database_name + "." + table.name);
    }
    return out;
  };
  TableSearch glob;
  glob.name_pattern = "FILM_*";
  EXPECT_EQ(names(glob), (std::vector<std::string>{"movies.film_actor", "movies.film_category"}));
  TableSearch like;
  like.name_pattern = "film_actor";
  like.syntax = PatternSyntax::kLike;  // _ is any one character in LIKE
  EXPECT_EQ(names(like), (std::vector<std::string>{"movies.film_actor", "movies.filmxactor"}));
  TableSearch like_any;
  like_any.name_pattern = "%film%";
  like_any.syntax = PatternSyntax::kLike;
  EXPECT_EQ(names(like_any).size(), 5u);
  TableSearch in_database;
  in_database.database = "lake";
  EXPECT_EQ(names(in_database), (std::vector<std::string>{"lake.s3_film"}));

  TableSearch by_value;
  by_value.parameters = {{"classification", std::string("postgresql")}};
  EXPECT_EQ(names(by_value),
            (std::vector<std::string>{"movies.actor", "movies.film_actor", "movies.filmxactor"}));
  TableSearch by_key;
  by_key.parameters = {{"tier", std::nullopt}};
  EXPECT_EQ(names(by_key), (std::vector<std::string>{"lake.s3_film"}));
  TableSearch combined;
  combined.name_pattern = "film*";
  combined.parameters = {{"classification", std::string("parquet")}};
  EXPECT_EQ(names(combined), (std::vector<std::string>{"movies.film", "movies.film_category"}));

  // Parameters follow updates.
  catalog_->UpdateTable("movies", "film", [](Table& t) { t.parameters["classification"] = "csv"; });
  EXPECT_EQ(names(combined), (std::vector<std::string>{"movies.film_category"}));

  // Deprecated tables can be left out.
  catalog_->UpdateTable("movies", "film_category", [](Table& t) { t.deprecated = true; });
  combined.include_deprecated = false;
  EXPECT_TRUE(names(combined).empty());

  // Pages across databases.
  TableSearch all;
  std::vector<std::string> paged;
  PageRequest page{4, ""};
  do {
    auto result = catalog_->SearchTables(all, page);
    for (const auto& t : result.items) paged.push_back(t.database_name + "." + t.name);
    page.next_token = result.next_token;
  } while (!page.next_token.empty());
  EXPECT_EQ(paged, names(all));
  EXPECT_EQ(paged.size(), 6u);
  EXPECT_EQ(paged.front(), "lake.s3_film");
}

TEST_F(CatalogTest, TablesOfADatabasePage) {
  for (int i = 0; i < 25; ++i) {
    catalog_->CreateTable("movies", MakeTable("t" + std::to_string(100 + i)));
  }
  std::vector<std::string> seen;
  PageRequest page{10, ""};
  do {
    auto result = catalog_->GetTables("movies", page);
    for (const auto& table : result.items) seen.push_back(table.name);
    page.next_token = result.next_token;
  } while (!page.next_token.empty());
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(CodeOf([&] { catalog_->GetTables("nodb"); }), ErrorCode::kNotFound);
}

TEST_F(CatalogTest, ChangingPartitionKeyCountIsRefusedWhilePartitionsExist) {
  catalog_->CreateTable("movies", MakeTable("rental", {Col("year", "string")}));
  Partition partition;
  partition.values = {"2024"};
  catalog_->CreatePartition("movies", "rental", partition);
  EXPECT_EQ(CodeOf([&] {
              catalog_->UpdateTable("movies", "rental", [](Table& t) {
                t.partition_keys.push_back(Col("month", "string"));
              });
            }),
            ErrorCode::kInvalidInput);
  // Changing a key's comment is fine.
  catalog_->UpdateTable("movies", "rental",
                        [](Table& t) { t.partition_keys[0].comment = "calendar year"; });
  EXPECT_EQ(catalog_->GetTable("movies", "rental").partition_keys[0].comment, "calendar year");
}

TEST_F(CatalogTest, ReopenedCatalogKeepsEverything) {
  catalog_->CreateTable("movies", MakeTable("film"));
  Table before = catalog_->GetTable("movies", "film");
  catalog_.reset();
  Catalog reopened(db_path());
  EXPECT_EQ(reopened.GetTable("movies", "film"), before);
}

}  // namespace
}  // namespace basin::catalog
