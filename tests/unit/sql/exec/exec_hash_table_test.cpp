// The hash building blocks: key hashing, the row store, the group table.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "sql/exec/hash_group_table.hpp"
#include "sql/exec/hash_keys.hpp"
#include "sql/exec/hash_row_store.hpp"

namespace basin::sql {
namespace {

using columnar::Vector;
using types::LogicalType;
using types::Value;

std::string LongString(int64_t k) {
  return "a fairly long key string number " + std::to_string(k) + " with padding";
}

TEST(HashKeys, EqualValuesHashEqualAcrossVectors) {
  Vector a(LogicalType::Double());
  Vector b(LogicalType::Double());
  a.Append(Value::Double(0.0));
  a.Append(Value::Double(std::nan("")));
  a.Append(Value::Null(LogicalType::Double()));
  b.Append(Value::Double(-0.0));
  b.Append(Value::Double(-std::nan("")));
  b.Append(Value::Null(LogicalType::Double()));
  uint64_t ha[3], hb[3];
  HashColumn(a, 3, ha, false);
  HashColumn(b, 3, hb, false);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(ha[i], hb[i]) << i;
    EXPECT_TRUE(KeyValuesEqual(a, i, b, i)) << i;
  }
  EXPECT_NE(ha[0], ha[2]);
  EXPECT_FALSE(KeyValuesEqual(a, 0, b, 1));
  EXPECT_FALSE(KeyValuesEqual(a, 0, b, 2));
}

TEST(HashKeys, StringsAndNestedValues) {
  Vector a(LogicalType::Varchar());
  a.Append(Value::Varchar(LongString(1)));
  a.Append(Value::Varchar(LongString(2)));
  a.Append(Value::Varchar(""));
  uint64_t h[3];
  HashColumn(a, 3, h, false);
  EXPECT_NE(h[0], h[1]);
  auto list_type = LogicalType::List(LogicalType::Integer());
  Vector l(list_type);
  l.Append(Value::Nested(list_type, {Value::Int(1), Value::Int(2)}));
  l.Append(Value::Nested(list_type, {Value::Int(1), Value::Int(2)}));
  l.Append(Value::Nested(list_type, {Value::Int(2), Value::Int(1)}));
  HashColumn(l, 3, h, false);
  EXPECT_EQ(h[0], h[1]);
  EXPECT_NE(h[0], h[2]);
  EXPECT_TRUE(KeyValuesEqual(l, 0, l, 1));
  EXPECT_FALSE(KeyValuesEqual(l, 0, l, 2));
}

TEST(RowStore, AppendAcrossSegmentsAndGather) {
  RowStore store({LogicalType::BigInt(), LogicalType::Varchar()});
  const size_t n = RowStore::kSegmentRows * 2 + 100;
  Vector ints(LogicalType::BigInt());
  Vector strs(LogicalType::Varchar());
  for (size_t i = 0; i < n; ++i) {
    if (i % 7 == 0) {
      ints.Append(Value::Null(LogicalType::BigInt()));
    } else {
      ints.Append(Value::BigInt(static_cast<int64_t>(i)));
    }
    strs.Append(Value::Varchar(LongString(static_cast<int64_t>(i))));
  }
  const Vector* cols[] = {&ints, &strs};
  // Every other row, in two appends.
  std::vector<uint32_t> sel;
  for (uint32_t i = 0; i < n; i += 2) sel.push_back(i);
  size_t half = sel.size() / 2;
  EXPECT_EQ(store.Append(cols, sel.data(), half), 0u);
  EXPECT_EQ(store.Append(cols, sel.data() + half, sel.size() - half), half);
  ASSERT_EQ(store.size(), sel.size());
  std::vector<uint64_t> ids = {store.size() - 1, 0, RowStore::kNullRow, 1500};
  Vector out_i(LogicalType::BigInt());
  Vector out_s(LogicalType::Varchar());
  store.GatherAppend(0, ids.data(), ids.size(), out_i);
  store.GatherAppend(1, ids.data(), ids.size(), out_s);
  for (size_t k = 0; k < ids.size(); ++k) {
    if (ids[k] == RowStore::kNullRow) {
      EXPECT_TRUE(out_i.IsNull(k));
      EXPECT_TRUE(out_s.IsNull(k));
      continue;
    }
    uint32_t src = sel[ids[k]];
    EXPECT_EQ(out_i.GetValue(k), ints.GetValue(src));
    EXPECT_EQ(out_s.GetValue(k), strs.GetValue(src));
  }
}

// Random keys with many duplicates, NULLs and two columns; the group ids must agree with a
// std::map oracle: same key ⇔ same id, ids dense in order of first appearance.
TEST(GroupTable, MatchesMapOracleWithNullsAndCollisions) {
  GroupTable table({LogicalType::Integer(), LogicalType::Varchar()});
  std::map<std::pair<std::string, std::string>, uint32_t> oracle;
  std::mt19937_64 rng(42);
  for (int chunk = 0; chunk < 60; ++chunk) {
    Vector k1(LogicalType::Integer());
    Vector k2(LogicalType::Varchar());
    const size_t rows = 2048;
    for (size_t i = 0; i < rows; ++i) {
      int64_t a = static_cast<int64_t>(rng() % 3000);
      if (a % 97 == 0) {
        k1.Append(Value::Null(LogicalType::Integer()));
      } else {
        k1.Append(Value::Int(static_cast<int32_t>(a)));
      }
      int64_t b = static_cast<int64_t>(rng() % 5);
      if (b == 4) {
        k2.Append(Value::Null(LogicalType::Varchar()));
      } else {
        k2.Append(Value::Varchar(LongString(b)));
      }
    }
    const Vector* keys[] = {&k1, &k2};
    std::vector<uint64_t> hashes(rows);
    HashColumns(keys, rows, hashes.data());
    std::vector<uint32_t> ids(rows);
    table.FindOrCreate(keys, hashes.data(), nullptr, rows, ids.data());
    for (size_t i = 0; i < rows; ++i) {
      auto key = std::make_pair(k1.GetValue(i).ToString(), k2.GetValue(i).ToString());
      auto [it, inserted] = oracle.emplace(key, static_cast<uint32_t>(oracle.size()));
      ASSERT_EQ(ids[i], it->second) << "chunk " << chunk << " row " << i;
    }
  }
  EXPECT_EQ(table.size(), oracle.size());
  // Find agrees, and reports absent keys.
  Vector k1(LogicalType::Integer());
  Vector k2(LogicalType::Varchar());
  k1.Append(Value::Int(5));
  k2.Append(Value::Varchar(LongString(1)));
  k1.Append(Value::Int(5));
  k2.Append(Value::Varchar("absent"));
  const Vector* keys[] = {&k1, &k2};
  uint64_t hashes[2];
  HashColumns(keys, 2, hashes);
  uint32_t ids[2];
  table.Find(keys, hashes, nullptr, 2, ids);
  EXPECT_EQ(ids[0], oracle.at({"5", LongString(1)}));
  EXPECT_EQ(ids[1], GroupTable::kNoGroup);
}

TEST(GroupTable, HighCardinalityGrowsAndKeepsIds) {
  GroupTable table({LogicalType::BigInt()});
  const size_t total = 300000;
  std::vector<uint32_t> ids(2048);
  std::vector<uint64_t> hashes(2048);
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t base = 0; base < total; base += 2048) {
      size_t rows = std::min<size_t>(2048, total - base);
      Vector k(LogicalType::BigInt());
      k.Resize(rows);
      for (size_t i = 0; i < rows; ++i) {
        k.data<int64_t>()[i] = static_cast<int64_t>((base + i) * 7919 % total);
      }
      const Vector* keys[] = {&k};
      HashColumns(keys, rows, hashes.data());
      size_t created = table.FindOrCreate(keys, hashes.data(), nullptr, rows, ids.data());
      EXPECT_EQ(created, pass == 0 ? rows : 0u);
      for (size_t i = 0; i < rows; ++i) {
        ASSERT_EQ(ids[i], pass == 0 ? base + i : base + i);
      }
    }
  }
  EXPECT_EQ(table.size(), total);
}

TEST(GroupTable, NoKeyColumnsIsOneGroup) {
  GroupTable table({});
  std::vector<uint64_t> hashes(10);
  HashColumns({}, 10, hashes.data());
  std::vector<uint32_t> ids(10);
  EXPECT_EQ(table.FindOrCreate({}, hashes.data(), nullptr, 10, ids.data()), 1u);
  for (uint32_t id : ids) EXPECT_EQ(id, 0u);
  EXPECT_EQ(table.size(), 1u);
}

}  // namespace
}  // namespace basin::sql
