#pragma once

// Decodes one column chunk (one leaf column of one row group) from its bytes: page headers,
// decompression, definition/repetition levels, dictionary and data pages of every encoding,
// into a leaf Vector with one row per "slot" (see LeafColumn::slot_def) and NULLs set.
//
// String values are not copied: their views point into the page buffers (the chunk's own
// bytes when uncompressed, the decompressed page otherwise, the dictionary page for
// dictionary-encoded pages), which the vector's heap keeps alive.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/vector.hpp"
#include "formats/parquet/parquet_metadata.hpp"
#include "formats/parquet/parquet_schema.hpp"

namespace basin::formats::parquet {

// Most level entries (values and NULLs) one page may declare.
constexpr size_t kMaxPageValues = size_t{1} << 26;

// What ReadColumnChunk produces.
struct LeafData {
  explicit LeafData(const types::LogicalType& type) : values(type) {}
  explicit LeafData(columnar::Vector reused) : values(std::move(reused)) { values.Reset(); }
  columnar::Vector values;
  // Level entries, kept only when asked (nested columns need them to rebuild lists/structs).
  std::vector<uint8_t> def;
  std::vector<uint8_t> rep;
};

// Where the chunk comes from, for reading and for error messages.
struct ColumnChunkSource {
  const std::string& file;  // path, for messages
  const LeafColumn& leaf;
  const ColumnMetaData& meta;
  std::shared_ptr<uint8_t[]> bytes;  // the chunk's bytes, [offset, offset + size) of the file
  uint64_t offset = 0;
  size_t size = 0;
  int64_t row_group_rows = 0;  // rows the row group declares
  int64_t first_row = 0;       // file row of the row group's first row (for messages)
  // The bytes are scratch memory reused after this call: values must not point into them.
  bool bytes_are_scratch = false;
};

// True when the leaf's values may point into the chunk's bytes or page buffers (strings kept
// as views), so those buffers must live as long as the values; otherwise callers may pass
// reused scratch memory as the chunk's bytes.
bool KeepsPageBuffers(const LeafColumn& leaf);

// Decodes the chunk, into `reuse` (a vector of the leaf's type whose storage is recycled) when
// given. Throws Corrupt naming the file, column and byte offset for anything
// malformed (sizes or counts that lie, levels beyond their maximum, dictionary indexes out of
// range, invalid UTF-8, a row count differing from the row group's), Unsupported for unknown
// encodings and codecs.
LeafData ReadColumnChunk(const ColumnChunkSource& source, bool keep_levels,
                         columnar::Vector* reuse = nullptr);

}  // namespace basin::formats::parquet
