#include <gtest/gtest.h>

#include <map>
#include <set>

#include "datagen/movie_rental.hpp"

namespace basin::datagen {
namespace {

const GeneratedTable& Find(const std::vector<GeneratedTable>& tables, const std::string& name) {
  for (const auto& table : tables) {
    if (table.name == name) return table;
  }
  throw std::runtime_error("no table " + name);
}

std::set<int64_t> Keys(const GeneratedTable& table, const std::string& column) {
  size_t index = *table.schema.Find(column);
  std::set<int64_t> keys;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    keys.insert(table.rows.column(index).GetValue(r).int_value());
  }
  return keys;
}

TEST(MovieRental, HasTheWalkthroughTablesWithConsistentSizes) {
  auto tables = GenerateMovieRental();
  for (const char* name : {"film", "category", "film_category", "customer", "rental", "payment",
                           "actor", "film_actor", "inventory"}) {
    const auto& table = Find(tables, name);
    EXPECT_GT(table.rows.size(), 0u) << name;
    for (size_t c = 0; c < table.rows.column_count(); ++c) {
      EXPECT_EQ(table.rows.column(c).size(), table.rows.size()) << name << " column " << c;
    }
  }
  EXPECT_EQ(Find(tables, "film").rows.size(), 1000u);
  EXPECT_EQ(Find(tables, "category").rows.size(), 16u);
  EXPECT_EQ(Find(tables, "rental").rows.size(), Find(tables, "payment").rows.size());
}

TEST(MovieRental, ForeignKeysPointAtExistingRows) {
  auto tables = GenerateMovieRental();
  auto films = Keys(Find(tables, "film"), "film_id");
  auto categories = Keys(Find(tables, "category"), "category_id");
  auto customers = Keys(Find(tables, "customer"), "customer_id");
  auto inventory = Keys(Find(tables, "inventory"), "inventory_id");
  auto rentals = Keys(Find(tables, "rental"), "rental_id");
  auto subset = [](const std::set<int64_t>& child, const std::set<int64_t>& parent) {
    for (int64_t key : child) {
      if (!parent.count(key)) return false;
    }
    return true;
  };
  EXPECT_TRUE(subset(Keys(Find(tables, "film_category"), "film_id"), films));
  EXPECT_TRUE(subset(Keys(Find(tables, "film_category"), "category_id"), categories));
  EXPECT_TRUE(subset(Keys(Find(tables, "inventory"), "film_id"), films));
  EXPECT_TRUE(subset(Keys(Find(tables, "rental"), "inventory_id"), inventory));
  EXPECT_TRUE(subset(Keys(Find(tables, "rental"), "customer_id"), customers));
  EXPECT_TRUE(subset(Keys(Find(tables, "payment"), "rental_id"), rentals));
  EXPECT_EQ(Keys(Find(tables, "film"), "film_id").size(), Find(tables, "film").rows.size());
}

TEST(MovieRental, SameScaleGivesSameRowsAndScaleGrowsThem) {
  auto first = GenerateMovieRental();
  auto second = GenerateMovieRental();
  const auto& a = Find(first, "payment").rows;
  const auto& b = Find(second, "payment").rows;
  ASSERT_EQ(a.size(), b.size());
  for (size_t r = 0; r < a.size(); r += 97) {
    for (size_t c = 0; c < a.column_count(); ++c) {
      EXPECT_EQ(a.column(c).GetValue(r), b.column(c).GetValue(r));
    }
  }
  EXPECT_EQ(Find(GenerateMovieRental(2), "film").rows.size(), 2000u);
}

TEST(MovieRental, NullableColumnsHoldSomeNulls) {
  auto tables = GenerateMovieRental();
  const auto& rental = Find(tables, "rental");
  size_t return_date = *rental.schema.Find("return_date");
  EXPECT_GT(rental.rows.column(return_date).validity().CountInvalid(rental.rows.size()), 0u);
  EXPECT_TRUE(rental.schema[return_date].nullable);
}

}  // namespace
}  // namespace basin::datagen
