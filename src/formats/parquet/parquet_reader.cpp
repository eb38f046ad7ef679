#include "formats/parquet/parquet_reader.hpp"

#include <algorithm>
#include <cstring>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "formats/parquet/column_reader.hpp"
#include "formats/parquet/levels.hpp"
#include "formats/parquet/thrift_compact.hpp"

namespace basin::formats::parquet {

namespace {

constexpr char kMagic[] = "PAR1";
constexpr char kEncryptedMagic[] = "PARE";

// This thread's reusable buffer of at least `size` bytes. Buffers up to kMaxScratchBytes are
// kept between calls; larger ones are one-offs, so a huge chunk is not held forever.
std::shared_ptr<uint8_t[]> ScratchBuffer(size_t size) {
  constexpr size_t kMaxScratchBytes = size_t{64} << 20;
  thread_local std::shared_ptr<uint8_t[]> scratch;
  thread_local size_t scratch_size = 0;
  if (size > kMaxScratchBytes) return std::shared_ptr<uint8_t[]>(new uint8_t[size]);
  if (scratch_size < size) {
    scratch_size = std::min(kMaxScratchBytes, std::max(size, scratch_size * 2));
    scratch.reset(new uint8_t[scratch_size]);
  }
  return scratch;
}

uint32_t LoadLittleEndian32(const char* p) {
  uint32_t value;
  std::memcpy(&value, p, 4);
  return value;
}

}  // namespace

ParquetFileReader::ParquetFileReader(std::unique_ptr<storage::ReadableFile> file)
    : file_(std::move(file)) {
  ReadFooter();
}

std::unique_ptr<ParquetFileReader> ParquetFileReader::Open(const std::string& path) {
  return std::make_unique<ParquetFileReader>(storage::FileSystemFor(path).OpenForRead(path));
}

void ParquetFileReader::ReadFooter() {
  const std::string& name = path();
  uint64_t size = file_->size();
  if (size < 12) {
    ThrowCorrupt(name + ": " + std::to_string(size) +
                 " bytes is too small for a Parquet file (magic, footer length and magic take 12)");
  }
  size_t tail_size = static_cast<size_t>(std::min<uint64_t>(size, kFooterReadSize));
  std::string tail = file_->ReadString(size - tail_size, tail_size);
  std::string_view end_magic(tail.data() + tail_size - 4, 4);
  if (end_magic == kEncryptedMagic) {
    ThrowUnsupported(name + ": the Parquet footer is encrypted; encrypted files are not supported");
  }
  if (end_magic != kMagic) {
    ThrowCorrupt(name + ": not a Parquet file: the last 4 bytes (at byte offset " +
                 std::to_string(size - 4) + ") are not the magic PAR1");
  }
  std::string head = tail_size == size ? tail.substr(0, 4) : file_->ReadString(0, 4);
  if (head != kMagic) {
    ThrowCorrupt(name + ": not a Parquet file: the first 4 bytes are not the magic PAR1");
  }
  uint64_t metadata_length = LoadLittleEndian32(tail.data() + tail_size - 8);
  if (metadata_length > size - 12) {
    ThrowCorrupt(name + ": the footer length " + std::to_string(metadata_length) +
                 " at byte offset " + std::to_string(size - 8) + " runs beyond the " +
                 std::to_string(size) + "-byte file");
  }
  metadata_offset_ = size - 8 - metadata_length;
  std::string exact;
  std::string_view bytes;
  if (metadata_length + 8 <= tail_size) {
    bytes = std::string_view(tail).substr(tail_size - 8 - metadata_length, metadata_length);
  } else {
    exact = file_->ReadString(metadata_offset_, static_cast<size_t>(metadata_length));
    bytes = exact;
  }
  ThriftCompactReader reader(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), name,
      metadata_offset_);
  metadata_.Read(reader);
  if (metadata_.encrypted) {
    ThrowUnsupported(name + ": the file uses Parquet modular encryption, which is not supported");
  }
  schema_ = BuildParquetSchema(metadata_, name);

  int64_t first_row = 0;
  for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
    const RowGroup& group = metadata_.row_groups[g];
    std::string where = name + ": row group " + std::to_string(g);
    if (group.columns.size() != schema_.leaves.size()) {
      ThrowCorrupt(where + " has " + std::to_string(group.columns.size()) +
                   " column chunks, the schema has " + std::to_string(schema_.leaves.size()) +
                   " leaf columns");
    }
    if (group.num_rows < 0 || group.num_rows > INT64_MAX - first_row) {
      ThrowCorrupt(where + " declares " + std::to_string(group.num_rows) + " rows");
    }
    first_rows_.push_back(first_row);
    first_row += group.num_rows;
  }
}

std::vector<size_t> ParquetFileReader::ResolveColumns(const std::vector<std::string>& names) const {
  std::vector<size_t> columns;
  for (const auto& name : names) {
    auto index = schema().Find(name);
    if (!index) {
      std::string known;
      for (const auto& field : schema().fields()) known += (known.empty() ? "" : ", ") + field.name;
      ThrowInvalid(path() + ": no column named '" + name + "' (columns: " + known + ")");
    }
    columns.push_back(*index);
  }
  return columns;
}

void ParquetFileReader::ChunkRange(size_t row_group, size_t leaf, uint64_t& offset,
                                   size_t& size) const {
  const ColumnChunk& chunk = metadata_.row_groups[row_group].columns[leaf];
  std::string where = path() + ": row group " + std::to_string(row_group) + ", column '" +
                      schema_.leaves[leaf].path + "'";
  if (chunk.file_path) {
    ThrowUnsupported(where + " is stored in another file ('" + *chunk.file_path +
                     "'); external column chunks are not supported");
  }
  if (!chunk.meta_data) ThrowCorrupt(where + " has no column metadata");
  const ColumnMetaData& meta = *chunk.meta_data;
  if (meta.type != schema_.leaves[leaf].physical) {
    ThrowCorrupt(where + " holds " + std::string(TypeName(meta.type)) +
                 " values, the schema says " +
                 std::string(TypeName(schema_.leaves[leaf].physical)));
  }
  int64_t start = meta.data_page_offset;
  // Writers that have no dictionary sometimes store 0 here; only an earlier offset counts.
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  int64_t length = meta.total_compressed_size;
  if (start < 4 || length < 0 || static_cast<uint64_t>(start) > metadata_offset_ ||
      static_cast<uint64_t>(length) > metadata_offset_ - static_cast<uint64_t>(start)) {
    ThrowCorrupt(where + ": the column chunk's range (" + std::to_string(length) +
                 " bytes at byte offset " + std::to_string(start) +
                 ") is not inside the file's data (bytes 4 to " + std::to_string(metadata_offset_) +
                 ")");
  }
  offset = static_cast<uint64_t>(start);
  size = static_cast<size_t>(length);
}

void ParquetFileReader::ReadRowGroup(size_t index, const std::vector<size_t>& columns,
                                     columnar::DataChunk& chunk) {
  if (index >= metadata_.row_groups.size()) {
    ThrowInvalid(path() + ": row group " + std::to_string(index) +
                 " does not exist (the file has " + std::to_string(metadata_.row_groups.size()) +
                 ")");
  }
  const RowGroup& group = metadata_.row_groups[index];
  // The vectors of the chunk the caller passes back are recycled for flat columns, so a scan
  // loop does not fault in fresh memory for every row group.
  std::vector<columnar::Vector> old = std::move(chunk.columns());
  chunk = columnar::DataChunk();
  struct Task {
    size_t leaf;
    bool keep_levels;
    int64_t bytes;
    columnar::Vector* reuse;
  };
  std::vector<Task> tasks;
  std::vector<bool> wanted(schema_.leaves.size(), false);
  for (size_t k = 0; k < columns.size(); ++k) {
    size_t column = columns[k];
    if (column >= schema_.fields.size())
      ThrowInvalid(path() + ": no column " + std::to_string(column));
    const SchemaNode& node = schema_.fields[column];
    for (size_t leaf = node.first_leaf; leaf < node.first_leaf + node.leaf_count; ++leaf) {
      if (wanted[leaf]) continue;
      wanted[leaf] = true;
      const ColumnChunk& meta = group.columns[leaf];
      bool flat = node.kind == SchemaNode::Kind::kLeaf;
      columnar::Vector* reuse =
          flat && k < old.size() && old[k].type() == node.type ? &old[k] : nullptr;
      tasks.push_back(
          {leaf, !flat, meta.meta_data ? meta.meta_data->total_compressed_size : 0, reuse});
    }
  }
  // Largest chunks first, so no thread is left decoding a big column alone at the end.
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const Task& a, const Task& b) { return a.bytes > b.bytes; });
  std::vector<std::unique_ptr<LeafData>> decoded(schema_.leaves.size());
  ThreadPool::Shared().ParallelFor(tasks.size(), [&](size_t t) {
    const Task& task = tasks[t];
    uint64_t offset;
    size_t size;
    ChunkRange(index, task.leaf, offset, size);
    const LeafColumn& leaf = schema_.leaves[task.leaf];
    const ColumnMetaData& meta = *group.columns[task.leaf].meta_data;
    // Values of string columns may point into an uncompressed chunk's bytes, which must then
    // be their own; any other chunk is read into this thread's reusable scratch.
    bool scratch_bytes = !(KeepsPageBuffers(leaf) && meta.codec == CompressionCodec::kUncompressed);
    std::shared_ptr<uint8_t[]> bytes =
        scratch_bytes ? ScratchBuffer(size)
                      : std::shared_ptr<uint8_t[]>(new uint8_t[std::max<size_t>(size, 1)]);
    file_->ReadAt(offset, size, bytes.get());
    ColumnChunkSource source{path(),       leaf, meta,           std::move(bytes),
                             offset,       size, group.num_rows, first_rows_[index],
                             scratch_bytes};
    decoded[task.leaf] =
        std::make_unique<LeafData>(ReadColumnChunk(source, task.keep_levels, task.reuse));
  });

  std::vector<LeafData*> leaves(decoded.size());
  std::vector<bool> used(decoded.size(), false);
  for (size_t column : columns) {
    const SchemaNode& node = schema_.fields[column];
    bool reused = used[node.first_leaf];
    for (size_t leaf = node.first_leaf; leaf < node.first_leaf + node.leaf_count; ++leaf) {
      leaves[leaf] = decoded[leaf].get();
      used[leaf] = true;
    }
    columnar::Vector vector(node.type);
    if (reused) {
      // The same column twice: copy the first one's vector.
      const columnar::Vector& first = chunk.column(
          static_cast<size_t>(std::find(columns.begin(), columns.end(), column) - columns.begin()));
      vector.AppendFrom(first, 0, first.size());
    } else {
      vector = AssembleField(node, leaves, path());
    }
    if (vector.size() != static_cast<size_t>(group.num_rows)) {
      ThrowCorrupt(path() + ": row group " + std::to_string(index) + ", column '" + node.name +
                   "' has " + std::to_string(vector.size()) + " rows, the row group declares " +
                   std::to_string(group.num_rows));
    }
    chunk.AddColumn(std::move(vector));
  }
  chunk.SetSizeOnly(static_cast<size_t>(group.num_rows));
}

bool ParquetFileReader::RowGroupMayMatch(size_t index,
                                         const std::vector<ColumnPredicate>& predicates) const {
  const RowGroup& group = metadata_.row_groups.at(index);
  for (const auto& predicate : predicates) {
    size_t column = ResolveColumns({predicate.column})[0];
    const SchemaNode& node = schema_.fields[column];
    if (node.kind != SchemaNode::Kind::kLeaf) continue;
    const ColumnChunk& chunk = group.columns[node.leaf];
    if (!chunk.meta_data) continue;
    if (!ChunkMayMatch(metadata_, schema_.leaves[node.leaf], node.leaf, *chunk.meta_data,
                       group.num_rows, predicate.op, predicate.value)) {
      return false;
    }
  }
  return true;
}

ParquetScan::ParquetScan(std::unique_ptr<ParquetFileReader> reader, std::vector<size_t> columns,
                         std::vector<ColumnPredicate> predicates)
    : reader_(std::move(reader)), columns_(std::move(columns)), predicates_(std::move(predicates)) {
  for (size_t column : columns_) schema_.Add(reader_->schema()[column]);
  for (const auto& predicate : predicates_) reader_->ResolveColumns({predicate.column});
}

bool ParquetScan::Next(columnar::DataChunk& chunk) {
  while (next_row_group_ < reader_->row_group_count()) {
    size_t index = next_row_group_++;
    if (reader_->row_group_rows(index) == 0) continue;
    if (!predicates_.empty() && !reader_->RowGroupMayMatch(index, predicates_)) {
      ++skipped_row_groups_;
      continue;
    }
    reader_->ReadRowGroup(index, columns_, chunk);
    return true;
  }
  chunk = columnar::DataChunk();
  return false;
}

std::unique_ptr<FileReader> OpenParquetReader(const std::string& path, const ReadOptions& options) {
  auto reader = ParquetFileReader::Open(path);
  std::vector<size_t> columns;
  if (options.columns.empty()) {
    for (size_t i = 0; i < reader->schema().size(); ++i) columns.push_back(i);
  } else {
    columns = reader->ResolveColumns(options.columns);
  }
  return std::make_unique<ParquetScan>(std::move(reader), std::move(columns));
}

}  // namespace basin::formats::parquet
