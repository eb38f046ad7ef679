#include "formats/parquet/dictionary_builder.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <random>

namespace basin::formats::parquet {
namespace {

TEST(DictionaryBuilderTest, AssignsIndicesInFirstSeenOrder) {
  FixedDictionary<int64_t> dictionary;
  std::vector<int64_t> values = {5, -1, 5, 7, -1, 5, std::numeric_limits<int64_t>::min()};
  std::vector<uint32_t> indices(values.size());
  dictionary.Insert(values.data(), values.size(), indices.data());
  EXPECT_EQ(indices, (std::vector<uint32_t>{0, 1, 0, 2, 1, 0, 3}));
  EXPECT_EQ(dictionary.values(),
            (std::vector<int64_t>{5, -1, 7, std::numeric_limits<int64_t>::min()}));
}

TEST(DictionaryBuilderTest, ManyDistinctValuesSurviveGrowth) {
  FixedDictionary<int32_t> dictionary;
  std::mt19937 random(3);
  std::map<int32_t, uint32_t> expected;
  std::vector<int32_t> values(200000);
  for (auto& v : values) v = static_cast<int32_t>(random() % 50000) * 7919;
  std::vector<uint32_t> indices(values.size());
  // In several batches, as pages arrive.
  for (size_t begin = 0; begin < values.size(); begin += 2048) {
    size_t count = std::min<size_t>(2048, values.size() - begin);
    dictionary.Insert(values.data() + begin, count, indices.data() + begin);
  }
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(dictionary.values()[indices[i]], values[i]);
    auto [it, inserted] = expected.emplace(values[i], indices[i]);
    ASSERT_EQ(it->second, indices[i]);
  }
  EXPECT_EQ(dictionary.size(), expected.size());
}

TEST(DictionaryBuilderTest, FloatsAreKeyedByBits) {
  FixedDictionary<double> dictionary;
  double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> values = {0.0, -0.0, nan, nan, 0.0};
  std::vector<uint32_t> indices(values.size());
  dictionary.Insert(values.data(), values.size(), indices.data());
  EXPECT_EQ(indices, (std::vector<uint32_t>{0, 1, 2, 2, 0}));
  EXPECT_TRUE(std::signbit(dictionary.values()[1]));
}

TEST(DictionaryBuilderTest, WideDecimals) {
  FixedDictionary<__int128> dictionary;
  __int128 big = static_cast<__int128>(1) << 100;
  std::vector<__int128> values = {big, -big, big, big + 1};
  std::vector<uint32_t> indices(values.size());
  dictionary.Insert(values.data(), values.size(), indices.data());
  EXPECT_EQ(indices, (std::vector<uint32_t>{0, 1, 0, 2}));
}

TEST(DictionaryBuilderTest, StringsArePlainEncoded) {
  StringDictionary dictionary;
  std::vector<std::string_view> values = {"ab", "", "ab", "c", ""};
  std::vector<uint32_t> indices(values.size());
  dictionary.Insert(values.data(), values.size(), indices.data());
  EXPECT_EQ(indices, (std::vector<uint32_t>{0, 1, 0, 2, 1}));
  EXPECT_EQ(dictionary.size(), 3u);
  EXPECT_EQ(dictionary.value(0), "ab");
  EXPECT_EQ(dictionary.value(1), "");
  EXPECT_EQ(dictionary.plain(), std::string("\x02\0\0\0ab\0\0\0\0\x01\0\0\0c", 15));
  dictionary.Clear();
  EXPECT_EQ(dictionary.size(), 0u);
  EXPECT_TRUE(dictionary.plain().empty());
}

TEST(DictionaryBuilderTest, ManyDistinctStrings) {
  StringDictionary dictionary;
  std::vector<std::string> storage;
  for (int i = 0; i < 50000; ++i) storage.push_back("value number " + std::to_string(i % 20000));
  std::vector<std::string_view> values(storage.begin(), storage.end());
  std::vector<uint32_t> indices(values.size());
  dictionary.Insert(values.data(), values.size(), indices.data());
  EXPECT_EQ(dictionary.size(), 20000u);
  for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ(dictionary.value(indices[i]), values[i]);
}

}  // namespace
}  // namespace basin::formats::parquet
