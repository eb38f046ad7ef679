#pragma once

// Internal to the TPC-H generator: the per-table block fillers and what they share.

#include <string_view>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "datagen/random.hpp"
#include "datagen/tpch_generator.hpp"
#include "datagen/tpch_tables.hpp"
#include "datagen/tpch_text.hpp"

namespace basin::datagen::tpch {

// Driving rows per block: parts, suppliers, customers or orders (orders feed LINEITEM too).
constexpr int64_t kBlockRows = 2048;
// PARTSUPP blocks hold the four suppliers of this many parts, one full chunk.
constexpr int64_t kPartSuppBlockParts = 512;

// Random stream identities: one per table and group of columns that can be generated alone.
enum Stream : uint64_t {
  kPartStream = 1,
  kPartSuppStream,
  kSupplierStream,
  kCustomerStream,
  kOrderDateStream,  // O_ORDERDATE, needed by ORDERS and LINEITEM
  kOrderStream,      // the other ORDERS columns
  kLineStream,       // line counts, keys, amounts, dates, flags: needed by ORDERS and LINEITEM
  kLineTextStream,   // L_SHIPINSTRUCT, L_SHIPMODE, L_COMMENT
  kNationStream,
  kRegionStream,
  kRemarkStream,  // which suppliers carry the Complaints / Recommends remarks
};

// A chunk filled through raw column pointers, then sized once.
class ChunkFiller {
 public:
  ChunkFiller(Table table, size_t capacity)
      : chunk_(TableSchema(table), capacity), capacity_(capacity) {}

  size_t capacity() const { return capacity_; }
  template <typename T>
  T* Column(size_t column) {
    return chunk_.column(column).data<T>();
  }
  std::string_view* Strings(size_t column) { return Column<std::string_view>(column); }
  columnar::StringHeap& Heap(size_t column) { return chunk_.column(column).heap(); }
  // Lets `column` point into the comment pool without copying.
  void PointIntoPool(size_t column, const TextPool& pool) { Heap(column).KeepAlive(pool.buffer()); }

  columnar::DataChunk Finish(size_t rows) {
    chunk_.SetSize(rows);
    return std::move(chunk_);
  }

 private:
  columnar::DataChunk chunk_;
  size_t capacity_;
};

// Writes `prefix` and `key` zero-padded to at least 9 digits ("Supplier#000000042") into
// `heap`.
std::string_view KeyName(columnar::StringHeap& heap, std::string_view prefix, int64_t key);
// "CC-LLL-LLL-LLLL" with CC = nation_key + 10 (clause 4.2.2.9).
std::string_view PhoneNumber(columnar::StringHeap& heap, Random& random, int64_t nation_key);
// A v-string[min, max] in `heap`.
std::string_view RandomCharacters(columnar::StringHeap& heap, Random& random, int64_t min_length,
                                  int64_t max_length);

// Rows of block `block` [first, end) of a table whose blocks hold `per_block` driving rows.
struct BlockRange {
  int64_t first;  // 0-based index of the first driving row
  int64_t end;
};
inline BlockRange RangeOf(size_t block, int64_t per_block, int64_t total) {
  int64_t first = static_cast<int64_t>(block) * per_block;
  return {first, std::min(total, first + per_block)};
}

void GeneratePartBlock(const Scale& scale, size_t block, std::vector<columnar::DataChunk>& out);
void GeneratePartSuppBlock(const Scale& scale, size_t block, std::vector<columnar::DataChunk>& out);
void GenerateSupplierBlock(const Scale& scale,
                           const std::vector<Generator::SupplierRemark>& remarks, size_t block,
                           std::vector<columnar::DataChunk>& out);
void GenerateCustomerBlock(const Scale& scale, size_t block, std::vector<columnar::DataChunk>& out);
// ORDERS or LINEITEM rows of one block of orders (`table` says which).
void GenerateOrderBlock(const Scale& scale, Table table, size_t block,
                        std::vector<columnar::DataChunk>& out);
void GenerateNationTable(std::vector<columnar::DataChunk>& out);
void GenerateRegionTable(std::vector<columnar::DataChunk>& out);

}  // namespace basin::datagen::tpch
