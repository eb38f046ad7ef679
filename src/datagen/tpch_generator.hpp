#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "datagen/tpch_tables.hpp"

namespace basin::datagen::tpch {

// Generates the TPC-H tables of one scale factor as DataChunks, from the specification's
// rules (clause 4.2): key ranges, value distributions, the text grammar and every join
// relationship. Not byte-compatible with dbgen; the shapes are what the 22 queries rely on.
//
// Each table is cut into blocks of driving rows (2,048 parts, suppliers, customers or orders;
// 512 parts for PARTSUPP, whose rows come four per part). A block draws from its own random
// streams, seeded by table, column group and block number, so a block's rows are the same
// whichever thread makes them, and generation runs in parallel with deterministic output.
// ORDERS and LINEITEM share their blocks: both replay the same line draws, which is how
// O_TOTALPRICE and O_ORDERSTATUS agree with the lines without generating them twice at once.
//
// Strings point into static lists, the shared comment pool or the chunk's own heap: no
// per-value allocation. Thread-safe: every method is const.
class Generator {
 public:
  // Throws InvalidInput for a scale factor outside 0.001..10000.
  explicit Generator(double scale_factor);

  const Scale& scale() const { return scale_; }

  size_t BlockCount(Table table) const;
  // Appends block `block`'s rows, in key order, to `out` as chunks of at most kChunkRows rows.
  // REQUIRES: block < BlockCount(table).
  void GenerateBlock(Table table, size_t block, std::vector<columnar::DataChunk>& out) const;

  // Receives a table's chunks in order; may move from the chunk.
  using ChunkSink = std::function<void(columnar::DataChunk&)>;
  // Generates a whole table on ThreadPool::Shared() and hands its chunks to `sink` in table
  // order, on the calling thread. Blocks are made in waves of a few per thread, so memory
  // stays bounded however slow the sink is. An exception from the sink stops generation.
  void Generate(Table table, const ChunkSink& sink) const;
  // The whole table in memory (tests, small scale factors).
  std::vector<columnar::DataChunk> GenerateAll(Table table) const;

  // SUPPLIER rows whose comment carries "Customer…Complaints" (true) or
  // "Customer…Recommends" (false): sorted by key.
  struct SupplierRemark {
    int64_t supplier_key;
    bool complaint;
  };
  const std::vector<SupplierRemark>& supplier_remarks() const { return supplier_remarks_; }

 private:
  Scale scale_;
  std::vector<SupplierRemark> supplier_remarks_;
};

}  // namespace basin::datagen::tpch
