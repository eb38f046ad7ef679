#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "formats/parquet/level_builder.hpp"
#include "formats/parquet/parquet_metadata.hpp"

namespace basin::formats::parquet {

struct ColumnWriterOptions {
  CompressionCodec codec = CompressionCodec::kSnappy;
  int compression_level = 0;  // ZSTD level; 0 is ZSTD's default
  // A data page is closed once its encoded values reach this size (checked after each slice
  // of rows, so a page may overshoot by one slice) or kPageEntryLimit entries.
  size_t page_bytes = size_t{1} << 20;
  // The dictionary of a column chunk may grow to this many PLAIN bytes; past it the rest of
  // the chunk is written PLAIN.
  size_t dictionary_page_bytes = size_t{1} << 20;
  bool dictionary = true;
};

// Entries (values, NULLs, empty lists) after which a page is closed whatever its size, so the
// buffered dictionary indices of low-cardinality columns stay small.
constexpr size_t kPageEntryLimit = size_t{1} << 17;

// One encoded column chunk: its pages and metadata. Page offsets in the metadata are relative
// to the start of the chunk (dictionary page first); the file writer shifts them. The pages
// are views of the column writer's buffers, valid until its next Append or Finish (the
// buffers are reused, so row groups do not keep allocating fresh memory).
struct EncodedColumnChunk {
  std::string_view dictionary_page;  // header and body; empty when no page uses the dictionary
  std::string_view data_pages;       // headers and bodies of the data pages
  ColumnMetaData metadata;
};

// Encodes one leaf column of a row group into pages (v1 data pages, RLE/bit-packed levels,
// RLE_DICTIONARY with PLAIN fallback per chunk, PLAIN otherwise), compresses them, and
// collects statistics. Slices of rows arrive as LeafLevels; pages close at slice boundaries,
// so every page starts at a row. One writer per leaf; not thread-safe, but writers of
// different leaves run in parallel.
class ColumnChunkWriter {
 public:
  static std::unique_ptr<ColumnChunkWriter> Make(const WriterLeaf& leaf,
                                                 const ColumnWriterOptions& options);
  virtual ~ColumnChunkWriter() = default;

  // Adds the entries of one slice of rows. Throws InvalidInput for a value Parquet cannot
  // hold (a byte array of 2 GiB or more).
  virtual void Append(const LeafLevels& levels) = 0;
  // Bytes held for the current row group (pages, page being built, dictionary).
  virtual size_t buffered_bytes() const = 0;
  // Closes the row group's chunk and returns it; the writer is then ready for the next one
  // (its next Append invalidates the returned pages).
  virtual EncodedColumnChunk Finish() = 0;
};

}  // namespace basin::formats::parquet
