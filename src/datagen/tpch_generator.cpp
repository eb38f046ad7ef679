#include "datagen/tpch_generator.hpp"

#include <algorithm>
#include <unordered_set>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "datagen/tpch_blocks.hpp"

namespace basin::datagen::tpch {

namespace {

size_t BlocksOf(int64_t rows, int64_t per_block) {
  return static_cast<size_t>((rows + per_block - 1) / per_block);
}

}  // namespace

Generator::Generator(double scale_factor) : scale_(scale_factor) {
  // SF x 5 suppliers get each remark, chosen once for the whole table (clause 4.2.3).
  Random random = Random::ForBlock(kRemarkStream, 0);
  std::unordered_set<int64_t> taken;
  for (int64_t i = 0; i < 2 * scale_.complaint_suppliers; ++i) {
    int64_t key;
    do {
      key = random.Uniform(1, scale_.suppliers);
    } while (!taken.insert(key).second);
    supplier_remarks_.push_back({key, i % 2 == 0});
  }
  std::sort(supplier_remarks_.begin(), supplier_remarks_.end(),
            [](const SupplierRemark& a, const SupplierRemark& b) {
              return a.supplier_key < b.supplier_key;
            });
}

size_t Generator::BlockCount(Table table) const {
  switch (table) {
    case Table::kPart: return BlocksOf(scale_.parts, kBlockRows);
    case Table::kSupplier: return BlocksOf(scale_.suppliers, kBlockRows);
    case Table::kPartSupp: return BlocksOf(scale_.parts, kPartSuppBlockParts);
    case Table::kCustomer: return BlocksOf(scale_.customers, kBlockRows);
    case Table::kOrders:
    case Table::kLineItem: return BlocksOf(scale_.orders, kBlockRows);
    case Table::kNation:
    case Table::kRegion: return 1;
  }
  return 0;
}

void Generator::GenerateBlock(Table table, size_t block,
                              std::vector<columnar::DataChunk>& out) const {
  if (block >= BlockCount(table)) {
    ThrowInternal("TPC-H block " + std::to_string(block) + " of " + std::string(TableName(table)) +
                  " does not exist");
  }
  switch (table) {
    case Table::kPart: GeneratePartBlock(scale_, block, out); return;
    case Table::kSupplier: GenerateSupplierBlock(scale_, supplier_remarks_, block, out); return;
    case Table::kPartSupp: GeneratePartSuppBlock(scale_, block, out); return;
    case Table::kCustomer: GenerateCustomerBlock(scale_, block, out); return;
    case Table::kOrders:
    case Table::kLineItem: GenerateOrderBlock(scale_, table, block, out); return;
    case Table::kNation: GenerateNationTable(out); return;
    case Table::kRegion: GenerateRegionTable(out); return;
  }
}

void Generator::Generate(Table table, const ChunkSink& sink) const {
  ThreadPool& pool = ThreadPool::Shared();
  const size_t blocks = BlockCount(table);
  // Waves of blocks: the pool makes a wave, then this thread hands it to the sink. Making rows
  // is much cheaper than writing them, and a sink that writes files gets the whole pool for
  // its own parallel work instead of competing with generators blocked on it.
  const size_t wave = 8 * (pool.thread_count() + 1);
  std::vector<std::vector<columnar::DataChunk>> made(wave);
  for (size_t first = 0; first < blocks; first += wave) {
    size_t count = std::min(wave, blocks - first);
    pool.ParallelFor(count, [&](size_t i) { GenerateBlock(table, first + i, made[i]); });
    for (size_t i = 0; i < count; ++i) {
      for (auto& chunk : made[i]) sink(chunk);
      made[i].clear();
    }
  }
}

std::vector<columnar::DataChunk> Generator::GenerateAll(Table table) const {
  std::vector<columnar::DataChunk> chunks;
  Generate(table, [&](columnar::DataChunk& chunk) { chunks.push_back(std::move(chunk)); });
  return chunks;
}

}  // namespace basin::datagen::tpch
