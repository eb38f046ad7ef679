// PART, PARTSUPP and SUPPLIER blocks (clause 4.2.3).
#include <algorithm>
#include <cstring>

#include "datagen/tpch_blocks.hpp"
#include "datagen/tpch_lists.hpp"

namespace basin::datagen::tpch {

namespace {

// P_NAME: five distinct colour words separated by single spaces.
std::string_view PartName(columnar::StringHeap& heap, Random& random) {
  auto colors = Colors();
  size_t picked[5];
  size_t length = 4;
  for (int i = 0; i < 5; ++i) {
    size_t index;
    bool repeated;
    do {
      index = static_cast<size_t>(random.Uniform(0, static_cast<int64_t>(colors.size()) - 1));
      repeated = std::find(picked, picked + i, index) != picked + i;
    } while (repeated);
    picked[i] = index;
    length += colors[index].size();
  }
  char* out = heap.Allocate(length);
  char* cursor = out;
  for (int i = 0; i < 5; ++i) {
    if (i > 0) *cursor++ = ' ';
    std::string_view word = colors[picked[i]];
    std::memcpy(cursor, word.data(), word.size());
    cursor += word.size();
  }
  return {out, length};
}

}  // namespace

void GeneratePartBlock(const Scale& scale, size_t block, std::vector<columnar::DataChunk>& out) {
  const TextPool& pool = TextPool::Get();
  BlockRange range = RangeOf(block, kBlockRows, scale.parts);
  Random random = Random::ForBlock(kPartStream, block);
  auto types = PartTypes();
  auto containers = Containers();
  auto manufacturers = Manufacturers();
  auto brands = Brands();

  size_t rows = static_cast<size_t>(range.end - range.first);
  ChunkFiller filler(Table::kPart, rows);
  auto* key = filler.Column<int32_t>(0);
  auto* name = filler.Strings(1);
  auto* mfgr = filler.Strings(2);
  auto* brand = filler.Strings(3);
  auto* type = filler.Strings(4);
  auto* size = filler.Column<int32_t>(5);
  auto* container = filler.Strings(6);
  auto* price = filler.Column<int64_t>(7);
  auto* comment = filler.Strings(8);
  auto& name_heap = filler.Heap(1);
  filler.PointIntoPool(8, pool);

  for (size_t r = 0; r < rows; ++r) {
    int64_t part_key = range.first + static_cast<int64_t>(r) + 1;
    key[r] = static_cast<int32_t>(part_key);
    name[r] = PartName(name_heap, random);
    auto m = static_cast<size_t>(random.Uniform(1, 5));
    auto n = static_cast<size_t>(random.Uniform(1, 5));
    mfgr[r] = manufacturers[m - 1];
    brand[r] = brands[(m - 1) * 5 + (n - 1)];
    type[r] = types[static_cast<size_t>(random.Uniform(0, static_cast<int64_t>(types.size()) - 1))];
    size[r] = static_cast<int32_t>(random.Uniform(1, 50));
    container[r] = containers[static_cast<size_t>(
        random.Uniform(0, static_cast<int64_t>(containers.size()) - 1))];
    price[r] = RetailPriceCents(part_key);
    comment[r] = pool.Substring(random, 5, 22);
  }
  out.push_back(filler.Finish(rows));
}

void GeneratePartSuppBlock(const Scale& scale, size_t block,
                           std::vector<columnar::DataChunk>& out) {
  const TextPool& pool = TextPool::Get();
  BlockRange range = RangeOf(block, kPartSuppBlockParts, scale.parts);
  Random random = Random::ForBlock(kPartSuppStream, block);

  size_t rows = static_cast<size_t>(range.end - range.first) * 4;
  ChunkFiller filler(Table::kPartSupp, rows);
  auto* part = filler.Column<int32_t>(0);
  auto* supplier = filler.Column<int32_t>(1);
  auto* available = filler.Column<int32_t>(2);
  auto* cost = filler.Column<int64_t>(3);
  auto* comment = filler.Strings(4);
  filler.PointIntoPool(4, pool);

  size_t r = 0;
  for (int64_t part_key = range.first + 1; part_key <= range.end; ++part_key) {
    for (int i = 0; i < 4; ++i, ++r) {
      part[r] = static_cast<int32_t>(part_key);
      supplier[r] = static_cast<int32_t>(PartSupplier(scale, part_key, i));
      available[r] = static_cast<int32_t>(random.Uniform(1, 9'999));
      cost[r] = random.Uniform(100, 100'000);
      comment[r] = pool.Substring(random, 49, 198);
    }
  }
  out.push_back(filler.Finish(rows));
}

void GenerateSupplierBlock(const Scale& scale,
                           const std::vector<Generator::SupplierRemark>& remarks, size_t block,
                           std::vector<columnar::DataChunk>& out) {
  const TextPool& pool = TextPool::Get();
  BlockRange range = RangeOf(block, kBlockRows, scale.suppliers);
  Random random = Random::ForBlock(kSupplierStream, block);

  size_t rows = static_cast<size_t>(range.end - range.first);
  ChunkFiller filler(Table::kSupplier, rows);
  auto* key = filler.Column<int32_t>(0);
  auto* name = filler.Strings(1);
  auto* address = filler.Strings(2);
  auto* nation = filler.Column<int32_t>(3);
  auto* phone = filler.Strings(4);
  auto* balance = filler.Column<int64_t>(5);
  auto* comment = filler.Strings(6);
  filler.PointIntoPool(6, pool);

  auto remark = std::lower_bound(
      remarks.begin(), remarks.end(), range.first + 1,
      [](const Generator::SupplierRemark& r, int64_t k) { return r.supplier_key < k; });
  for (size_t r = 0; r < rows; ++r) {
    int64_t supplier_key = range.first + static_cast<int64_t>(r) + 1;
    key[r] = static_cast<int32_t>(supplier_key);
    name[r] = KeyName(filler.Heap(1), "Supplier#", supplier_key);
    address[r] = RandomCharacters(filler.Heap(2), random, 10, 40);
    int64_t nation_key = random.Uniform(0, 24);
    nation[r] = static_cast<int32_t>(nation_key);
    phone[r] = PhoneNumber(filler.Heap(4), random, nation_key);
    balance[r] = random.Uniform(-99'999, 999'999);
    std::string_view text = pool.Substring(random, 25, 100);
    if (remark != remarks.end() && remark->supplier_key == supplier_key) {
      // "Customer" then, further on, "Complaints" or "Recommends", written over the comment
      // (at least 25 characters, room for both words).
      std::string_view second = remark->complaint ? "Complaints" : "Recommends";
      auto length = static_cast<int64_t>(text.size());
      char* copy = filler.Heap(6).Allocate(text.size());
      std::memcpy(copy, text.data(), text.size());
      int64_t first_at = random.Uniform(0, length - 18);
      int64_t second_at = random.Uniform(first_at + 8, length - 10);
      std::memcpy(copy + first_at, "Customer", 8);
      std::memcpy(copy + second_at, second.data(), second.size());
      text = {copy, text.size()};
      ++remark;
    }
    comment[r] = text;
  }
  out.push_back(filler.Finish(rows));
}

}  // namespace basin::datagen::tpch
