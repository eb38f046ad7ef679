#include "formats/parquet/parquet_writer.hpp"

#include <algorithm>
#include <cctype>
#include <climits>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "formats/parquet/parquet_schema_writer.hpp"
#include "formats/parquet/thrift_compact.hpp"

namespace basin::formats::parquet {

namespace {

constexpr std::string_view kMagic = "PAR1";
// Rows handed to the column writers per parallel step: enough to amortise the step, few
// enough that the row group byte limit is checked often.
constexpr size_t kRowsPerStep = 16 * columnar::kChunkRows;

bool IsWritableCodec(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
    case CompressionCodec::kSnappy:
    case CompressionCodec::kGzip:
    case CompressionCodec::kZstd:
    case CompressionCodec::kLz4Raw: return true;
    default: return false;
  }
}

}  // namespace

CompressionCodec ParseCompressionCodec(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "snappy") return CompressionCodec::kSnappy;
  if (lower == "zstd") return CompressionCodec::kZstd;
  if (lower == "gzip") return CompressionCodec::kGzip;
  if (lower == "lz4_raw" || lower == "lz4") return CompressionCodec::kLz4Raw;
  if (lower == "none" || lower == "uncompressed") return CompressionCodec::kUncompressed;
  ThrowInvalid("unknown Parquet compression '" + std::string(name) +
               "': choose snappy, zstd, gzip, lz4_raw or none");
}

std::string CreatedBy() { return std::string("basin version ") + BASIN_VERSION; }

ParquetFileWriter::ParquetFileWriter(std::unique_ptr<storage::WritableFile> file,
                                     types::Schema schema, ParquetWriteOptions options)
    : file_(std::move(file)), schema_(std::move(schema)), options_(std::move(options)) {
  const std::string& path = file_->path();
  if (options_.row_group_rows == 0) ThrowInvalid(path + ": row group size must be at least 1 row");
  if (options_.page_bytes == 0) ThrowInvalid(path + ": page size must be at least 1 byte");
  if (!IsWritableCodec(options_.codec)) {
    ThrowInvalid(path + ": cannot write compression codec " +
                 std::string(CodecName(options_.codec)) +
                 ": choose snappy, zstd, gzip, lz4_raw or none");
  }
  WriterSchema mapped = BuildWriterSchema(schema_);
  schema_elements_ = std::move(mapped.elements);
  leaves_ = std::move(mapped.leaves);

  ColumnWriterOptions column_options;
  column_options.codec = options_.codec;
  column_options.compression_level = options_.compression_level;
  column_options.page_bytes = options_.page_bytes;
  column_options.dictionary_page_bytes = options_.dictionary_page_bytes;
  column_options.dictionary = options_.dictionary;
  for (const WriterLeaf& leaf : leaves_) {
    writers_.push_back(ColumnChunkWriter::Make(leaf, column_options));
  }
  level_builders_.resize(leaves_.size());
  levels_.resize(leaves_.size());
  file_->Append(kMagic);
}

ParquetFileWriter::~ParquetFileWriter() = default;

std::unique_ptr<ParquetFileWriter> ParquetFileWriter::Create(const std::string& path,
                                                             types::Schema schema,
                                                             ParquetWriteOptions options) {
  auto file = storage::FileSystemFor(path).Create(path);
  return std::make_unique<ParquetFileWriter>(std::move(file), std::move(schema),
                                             std::move(options));
}

void ParquetFileWriter::CheckUsable() const {
  if (finished_) ThrowInternal(file_->path() + ": Parquet writer used after Finish()");
  if (failed_) {
    ThrowInvalid(file_->path() + ": an earlier write failed; the file will not be published");
  }
}

void ParquetFileWriter::Write(const columnar::DataChunk& chunk) {
  CheckUsable();
  const std::string& path = file_->path();
  if (chunk.column_count() != schema_.size()) {
    ThrowInvalid(path + ": a chunk of " + std::to_string(chunk.column_count()) +
                 " columns was written to a file of " + std::to_string(schema_.size()));
  }
  for (size_t i = 0; i < schema_.size(); ++i) {
    const auto& column = chunk.column(i);
    if (column.type() != schema_[i].type) {
      ThrowInvalid(path + ": column " + schema_[i].name + " is " + schema_[i].type.ToString() +
                   " but the chunk holds " + column.type().ToString());
    }
    if (column.size() < chunk.size()) {
      ThrowInternal(path + ": column " + schema_[i].name + " has " + std::to_string(column.size()) +
                    " rows in a chunk of " + std::to_string(chunk.size()));
    }
  }
  try {
    size_t offset = 0;
    while (offset < chunk.size()) {
      size_t rows =
          std::min({chunk.size() - offset, options_.row_group_rows - rows_in_group_, kRowsPerStep});
      WriteRows(chunk, offset, offset + rows);
      offset += rows;
      size_t buffered = 0;
      for (const auto& writer : writers_) buffered += writer->buffered_bytes();
      if (rows_in_group_ >= options_.row_group_rows || buffered >= options_.row_group_bytes) {
        FlushRowGroup();
      }
    }
  } catch (...) {
    failed_ = true;
    throw;
  }
}

void ParquetFileWriter::WriteRows(const columnar::DataChunk& chunk, size_t begin, size_t end) {
  // rows_written_ counts the chunk's rows before `begin`, so this is the file row of row 0.
  uint64_t row_base = rows_written_ - begin;
  ThreadPool::Shared().ParallelFor(leaves_.size(), [&](size_t i) {
    const WriterLeaf& leaf = leaves_[i];
    const columnar::Vector& column = chunk.column(leaf.field_index);
    for (size_t slice = begin; slice < end; slice += columnar::kChunkRows) {
      size_t slice_end = std::min(end, slice + columnar::kChunkRows);
      level_builders_[i].Build(leaf, column, slice, slice_end, row_base, levels_[i]);
      writers_[i]->Append(levels_[i]);
    }
  });
  rows_in_group_ += end - begin;
  rows_written_ += end - begin;
}

void ParquetFileWriter::FlushRowGroup() {
  if (rows_in_group_ == 0) return;
  std::vector<EncodedColumnChunk> chunks(leaves_.size());
  ThreadPool::Shared().ParallelFor(leaves_.size(),
                                   [&](size_t i) { chunks[i] = writers_[i]->Finish(); });
  RowGroup group;
  group.num_rows = static_cast<int64_t>(rows_in_group_);
  group.file_offset = static_cast<int64_t>(file_->position());
  int64_t compressed = 0;
  for (auto& chunk : chunks) {
    auto start = static_cast<int64_t>(file_->position());
    ColumnChunk column;
    column.file_offset = start;
    ColumnMetaData& meta = column.meta_data.emplace(std::move(chunk.metadata));
    if (!chunk.dictionary_page.empty()) meta.dictionary_page_offset = start;
    meta.data_page_offset = start + static_cast<int64_t>(chunk.dictionary_page.size());
    file_->Append(chunk.dictionary_page);
    file_->Append(chunk.data_pages);
    group.total_byte_size += meta.total_uncompressed_size;
    compressed += meta.total_compressed_size;
    group.columns.push_back(std::move(column));
  }
  group.total_compressed_size = compressed;
  if (row_groups_.size() <= static_cast<size_t>(INT16_MAX)) {
    group.ordinal = static_cast<int16_t>(row_groups_.size());
  }
  row_groups_.push_back(std::move(group));
  rows_in_group_ = 0;
}

uint64_t ParquetFileWriter::EstimatedSize() const {
  uint64_t bytes = file_ ? file_->position() : 0;
  for (const auto& writer : writers_) bytes += writer->buffered_bytes();
  return bytes;
}

void ParquetFileWriter::Finish() {
  CheckUsable();
  try {
    FlushRowGroup();
    FileMetaData meta;
    meta.version = 1;
    meta.schema = schema_elements_;
    meta.num_rows = static_cast<int64_t>(rows_written_);
    meta.row_groups = std::move(row_groups_);
    for (const auto& [key, value] : options_.key_value_metadata) {
      meta.key_value_metadata.push_back(KeyValue{key, value});
    }
    meta.created_by = CreatedBy();
    // TYPE_ORDER for every leaf tells readers that min_value/max_value follow the type's
    // sort order (without it they must ignore them).
    meta.column_orders.assign(leaves_.size(), ColumnOrder{true});
    ThriftCompactWriter writer;
    meta.Write(writer);
    const std::string& footer = writer.buffer();
    if (footer.size() > UINT32_MAX) ThrowInvalid(file_->path() + ": footer exceeds 4 GiB");
    auto length = static_cast<uint32_t>(footer.size());
    char length_bytes[4];
    for (int b = 0; b < 4; ++b) length_bytes[b] = static_cast<char>(length >> (8 * b));
    file_->Append(footer);
    file_->Append(std::string_view(length_bytes, 4));
    file_->Append(kMagic);
    file_->Commit();
    finished_ = true;
  } catch (...) {
    failed_ = true;
    throw;
  }
}

std::unique_ptr<FileWriter> CreateParquetWriter(const std::string& path,
                                                const types::Schema& schema,
                                                const WriteOptions& options) {
  ParquetWriteOptions parquet_options;
  if (!options.compression.empty()) {
    parquet_options.codec = ParseCompressionCodec(options.compression);
  }
  parquet_options.row_group_rows = options.row_group_rows;
  return ParquetFileWriter::Create(path, schema, std::move(parquet_options));
}

}  // namespace basin::formats::parquet
