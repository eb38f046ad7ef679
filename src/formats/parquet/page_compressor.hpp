#pragma once

#include <string>
#include <string_view>

#include "formats/parquet/parquet_metadata.hpp"

namespace basin::formats::parquet {

// Compresses the pages of a column chunk writer. Unlike the one-shot Compress() of
// compression.hpp it honours a ZSTD level and keeps its output buffer and ZSTD context per
// thread, shared by all writers that run on the thread: a column writes hundreds of pages, and
// a wide table has hundreds of columns, which must not each hold a context and a page buffer.
class PageCompressor {
 public:
  // `level` is the ZSTD level (0: ZSTD's default, 3); ignored by the other codecs. Throws
  // InvalidInput for a level ZSTD does not have.
  PageCompressor(CompressionCodec codec, int level);

  // The compressed form of `input`: `input` itself for UNCOMPRESSED, else a view of this
  // thread's buffer, valid until the next Compress on the same thread.
  std::string_view Compress(std::string_view input) const;

 private:
  CompressionCodec codec_;
  int level_;
};

}  // namespace basin::formats::parquet
