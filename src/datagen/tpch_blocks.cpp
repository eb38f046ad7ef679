#include "datagen/tpch_blocks.hpp"

#include "datagen/tpch_lists.hpp"

namespace basin::datagen::tpch {

namespace {

// Writes `value` as exactly `digits` decimal digits ending just before `end`.
void WriteDigits(char* end, int64_t value, int digits) {
  for (int i = 0; i < digits; ++i) {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

std::string_view KeyName(columnar::StringHeap& heap, std::string_view prefix, int64_t key) {
  int digits = 9;
  for (int64_t limit = 1'000'000'000; key >= limit && digits < 19; limit *= 10) ++digits;
  size_t length = prefix.size() + static_cast<size_t>(digits);
  char* out = heap.Allocate(length);
  prefix.copy(out, prefix.size());
  WriteDigits(out + length, key, digits);
  return {out, length};
}

std::string_view PhoneNumber(columnar::StringHeap& heap, Random& random, int64_t nation_key) {
  char* out = heap.Allocate(15);
  WriteDigits(out + 2, nation_key + 10, 2);
  out[2] = '-';
  WriteDigits(out + 6, random.Uniform(100, 999), 3);
  out[6] = '-';
  WriteDigits(out + 10, random.Uniform(100, 999), 3);
  out[10] = '-';
  WriteDigits(out + 15, random.Uniform(1000, 9999), 4);
  return {out, 15};
}

std::string_view RandomCharacters(columnar::StringHeap& heap, Random& random, int64_t min_length,
                                  int64_t max_length) {
  auto length = static_cast<size_t>(random.Uniform(min_length, max_length));
  char* out = heap.Allocate(length);
  FillRandomCharacters(random, out, length);
  return {out, length};
}

void GenerateNationTable(std::vector<columnar::DataChunk>& out) {
  const TextPool& pool = TextPool::Get();
  Random random = Random::ForBlock(kNationStream, 0);
  auto nations = Nations();
  ChunkFiller filler(Table::kNation, nations.size());
  auto* key = filler.Column<int32_t>(0);
  auto* name = filler.Strings(1);
  auto* region = filler.Column<int32_t>(2);
  auto* comment = filler.Strings(3);
  filler.PointIntoPool(3, pool);
  for (size_t i = 0; i < nations.size(); ++i) {
    key[i] = static_cast<int32_t>(i);
    name[i] = nations[i].name;
    region[i] = nations[i].region_key;
    comment[i] = pool.Substring(random, 31, 114);
  }
  out.push_back(filler.Finish(nations.size()));
}

void GenerateRegionTable(std::vector<columnar::DataChunk>& out) {
  const TextPool& pool = TextPool::Get();
  Random random = Random::ForBlock(kRegionStream, 0);
  auto regions = Regions();
  ChunkFiller filler(Table::kRegion, regions.size());
  auto* key = filler.Column<int32_t>(0);
  auto* name = filler.Strings(1);
  auto* comment = filler.Strings(2);
  filler.PointIntoPool(2, pool);
  for (size_t i = 0; i < regions.size(); ++i) {
    key[i] = static_cast<int32_t>(i);
    name[i] = regions[i];
    comment[i] = pool.Substring(random, 31, 115);
  }
  out.push_back(filler.Finish(regions.size()));
}

}  // namespace basin::datagen::tpch
