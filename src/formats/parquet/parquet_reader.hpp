#pragma once

// Reading Parquet files.
//
// ParquetFileReader opens a file through storage::ReadableFile and reads only byte ranges: the
// footer (the last 64 KiB speculatively, then the exact metadata if it is longer) and, per row
// group, the column chunks a query projects, so one column of a wide file costs that column's
// bytes (bytes_read() tells). The column chunks of a row group are fetched and decoded in
// parallel on ThreadPool::Shared(), then nested columns are assembled from their leaves.
//
// ParquetScan is the FileReader over it: Next() returns one whole row group per call (row
// groups are the unit of parallel decoding, and a row group decoded in one piece needs no
// slicing or copying), skipping row groups that statistics rule out for the predicates given.
// Chunks therefore usually hold more than kChunkRows rows (DuckDB writes ~122880-row groups).
//
// Values are decoded straight into Vector buffers; strings are views into the page buffers,
// which the vectors' heaps keep alive, so a chunk stays valid after the reader is gone.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "formats/file_format.hpp"
#include "formats/parquet/parquet_metadata.hpp"
#include "formats/parquet/parquet_schema.hpp"
#include "formats/parquet/row_group_filter.hpp"
#include "storage/file_system.hpp"

namespace basin::formats::parquet {

// Bytes read from the end of a file in the first request (footer plus metadata, usually).
constexpr size_t kFooterReadSize = 64 * 1024;

class ParquetFileReader {
 public:
  // Reads and checks the footer. Throws Corrupt naming the file and byte offset for a wrong
  // magic, a truncated file, a metadata length beyond the file, corrupt metadata or schema;
  // Unsupported for encrypted files and column chunks stored in other files.
  explicit ParquetFileReader(std::unique_ptr<storage::ReadableFile> file);
  // Opens `path` on its file system (local or object store).
  static std::unique_ptr<ParquetFileReader> Open(const std::string& path);

  const std::string& path() const { return file_->path(); }
  const FileMetaData& metadata() const { return metadata_; }
  const ParquetSchema& parquet_schema() const { return schema_; }
  // All top-level columns.
  const types::Schema& schema() const { return schema_.schema; }
  int64_t num_rows() const { return metadata_.num_rows; }
  size_t row_group_count() const { return metadata_.row_groups.size(); }
  int64_t row_group_rows(size_t index) const { return metadata_.row_groups.at(index).num_rows; }
  // Bytes fetched from the file so far.
  uint64_t bytes_read() const { return file_->bytes_read(); }

  // Indexes of the named top-level columns (case-insensitive); InvalidInput for a name the
  // file lacks.
  std::vector<size_t> ResolveColumns(const std::vector<std::string>& names) const;

  // Replaces `chunk` with the rows of row group `index`: one vector per entry of `columns`
  // (indexes into schema()), every row of the group. With no columns, the chunk has no vectors
  // but still the row count.
  void ReadRowGroup(size_t index, const std::vector<size_t>& columns, columnar::DataChunk& chunk);

  // False when the statistics of row group `index` prove no row satisfies all `predicates`
  // (conjunction). Predicates on nested columns or without usable statistics never exclude.
  bool RowGroupMayMatch(size_t index, const std::vector<ColumnPredicate>& predicates) const;

 private:
  void ReadFooter();
  // The file byte range of a column chunk, checked against the file.
  void ChunkRange(size_t row_group, size_t leaf, uint64_t& offset, size_t& size) const;

  std::unique_ptr<storage::ReadableFile> file_;
  FileMetaData metadata_;
  ParquetSchema schema_;
  uint64_t metadata_offset_ = 0;     // where the footer's metadata starts; data lies before it
  std::vector<int64_t> first_rows_;  // file row of each row group's first row
};

// The FileReader over a ParquetFileReader (see the header comment).
class ParquetScan : public FileReader {
 public:
  ParquetScan(std::unique_ptr<ParquetFileReader> reader, std::vector<size_t> columns,
              std::vector<ColumnPredicate> predicates = {});

  const types::Schema& schema() const override { return schema_; }
  // Fills `chunk` with the next row group that may match the predicates.
  bool Next(columnar::DataChunk& chunk) override;

  size_t skipped_row_groups() const { return skipped_row_groups_; }
  ParquetFileReader& reader() { return *reader_; }

 private:
  std::unique_ptr<ParquetFileReader> reader_;
  std::vector<size_t> columns_;
  std::vector<ColumnPredicate> predicates_;
  types::Schema schema_;
  size_t next_row_group_ = 0;
  size_t skipped_row_groups_ = 0;
};

// Opens a PARQUET file for streaming reads through the common FileReader interface (a
// ParquetScan over the columns `options` names, all when none).
std::unique_ptr<FileReader> OpenParquetReader(const std::string& path, const ReadOptions& options);

}  // namespace basin::formats::parquet
