#include "datagen/tpch_text.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "datagen/random.hpp"

namespace basin::datagen::tpch {
namespace {

TEST(Random, UniformStaysInRangeAndCoversIt) {
  Random random(42);
  std::set<int64_t> seen;
  for (int i = 0; i < 10'000; ++i) {
    int64_t value = random.Uniform(-3, 3);
    ASSERT_GE(value, -3);
    ASSERT_LE(value, 3);
    seen.insert(value);
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(Random(7).Uniform(5, 5), 5);
}

TEST(Random, StreamsAreReproducibleAndIndependent) {
  Random a = Random::ForBlock(3, 10);
  Random b = Random::ForBlock(3, 10);
  Random c = Random::ForBlock(3, 11);
  Random d = Random::ForBlock(4, 10);
  uint64_t first = a.Next();
  EXPECT_EQ(first, b.Next());
  EXPECT_NE(first, c.Next());
  EXPECT_NE(first, d.Next());
}

TEST(TextPool, IsDeterministicSentencesOfGrammarWords) {
  TextPool one(64 << 10, 5);
  TextPool two(64 << 10, 5);
  TextPool other(64 << 10, 6);
  EXPECT_EQ(one.size(), 64u << 10);
  EXPECT_EQ(one.text(), two.text());
  EXPECT_NE(one.text(), other.text());
  std::string text(one.text());
  // Lower-case words, single spaces, sentence terminators; never the remark words Q16 looks
  // for, which only the supplier generator writes.
  for (char c : text) {
    bool allowed = (c >= 'a' && c <= 'z') || c == ' ' || c == ',' || c == '.' || c == ';' ||
                   c == ':' || c == '?' || c == '!' || c == '-' || c == 'T';
    ASSERT_TRUE(allowed) << "unexpected character " << c;
  }
  EXPECT_EQ(text.find("  "), std::string::npos);
  EXPECT_EQ(text.find("Customer"), std::string::npos);
  for (const char* word : {"special", "requests", "packages", "furiously", "the", "."}) {
    EXPECT_NE(text.find(word), std::string::npos) << word;
  }
}

TEST(TextPool, SubstringsHaveTheRequestedLengths) {
  const TextPool& pool = TextPool::Get();
  EXPECT_EQ(pool.size(), TextPool::kPoolBytes);
  Random random(1);
  std::set<size_t> lengths;
  for (int i = 0; i < 5'000; ++i) {
    std::string_view text = pool.Substring(random, 10, 43);
    ASSERT_GE(text.size(), 10u);
    ASSERT_LE(text.size(), 43u);
    ASSERT_GE(text.data(), pool.text().data());
    ASSERT_LE(text.data() + text.size(), pool.text().data() + pool.size());
    lengths.insert(text.size());
  }
  EXPECT_EQ(lengths.size(), 34u);
}

TEST(TextPool, RandomCharactersUseTheAlphabet) {
  Random random(9);
  std::string out(1000, '\0');
  FillRandomCharacters(random, out.data(), out.size());
  std::set<char> seen(out.begin(), out.end());
  EXPECT_GT(seen.size(), 60u);
  for (char c : out) {
    ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == ',' || c == '.') << c;
  }
}

}  // namespace
}  // namespace basin::datagen::tpch
