#include "formats/csv/csv_reader.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "common/error.hpp"
#include "common/thread_pool.hpp"

namespace basin::formats::csv {

namespace {

constexpr size_t kDefaultBlockBytes = 2 << 20;
constexpr size_t kMaxBlockBytes = 64 << 20;
// Field spans one chunk's scan may hold (rows x columns): wide files get shorter chunks.
constexpr size_t kMaxChunkFields = 1 << 20;
// File bytes one read request fetches at least, so reads are split only when large.
constexpr size_t kMinReadBytes = 4 << 20;

// Where block `begin`'s first row would start if no quoted field spans the boundary: just past
// the first line break at or after begin - 1. `size` when there is none.
size_t GuessRowStart(const char* data, size_t size, size_t begin) {
  if (data[begin - 1] == '\n') return begin;
  const void* newline = std::memchr(data + begin, '\n', size - begin);
  return newline == nullptr ? size : static_cast<const char*>(newline) - data + 1;
}

}  // namespace

CsvReader::CsvReader(std::shared_ptr<storage::ReadableFile> file, const CsvReadOptions& options,
                     const std::vector<std::string>& columns)
    : file_(std::move(file)), options_(options) {
  if (options_.max_line_bytes == 0 || options_.max_line_bytes > kMaxFieldBytes) {
    ThrowInvalid(file_->path() + ": max_line_bytes must be between 1 and " +
                 std::to_string(kMaxFieldBytes));
  }
  layout_ = DetectLayout(*file_, options_);
  file_size_ = file_->size();
  position_ = layout_.data_offset;
  lines_before_ = layout_.lines_before_data;

  plan_.dialect = layout_.dialect;
  plan_.columns = layout_.schema.size();
  plan_.null_strings = options_.null_strings;
  plan_.policy = options_.on_malformed;
  plan_.max_line_bytes = options_.max_line_bytes;
  plan_.rows_per_chunk =
      std::clamp<size_t>(kMaxChunkFields / std::max<size_t>(plan_.columns, 1), 1,
                         columnar::kChunkRows);
  for (const auto& field : layout_.schema.fields()) {
    if (field.type.IsNested()) {
      ThrowUnsupported(file_->path() + ": column '" + field.name + "' has type " +
                       field.type.ToString() + ", which CSV cannot hold; read it as string");
    }
  }
  if (columns.empty()) {
    for (size_t c = 0; c < plan_.columns; ++c) plan_.projection.push_back(c);
    plan_.output_schema = layout_.schema;
  } else {
    for (const auto& name : columns) {
      auto index = layout_.schema.Find(name);
      if (!index) {
        std::string known;
        for (const auto& field : layout_.schema.fields()) {
          known += (known.empty() ? "" : ", ") + field.name;
        }
        ThrowInvalid(file_->path() + ": no column named '" + name + "' (columns: " + known + ")");
      }
      plan_.projection.push_back(*index);
      plan_.output_schema.Add(layout_.schema[*index]);
    }
  }
  block_bytes_ = options_.block_bytes > 0 ? std::min(options_.block_bytes, kMaxBlockBytes)
                                          : kDefaultBlockBytes;
  const size_t threads = options_.parallel ? ThreadPool::Shared().thread_count() : 1;
  batch_bytes_ = block_bytes_ * std::max<size_t>(8, 4 * threads);
  done_ = plan_.columns == 0;
}

bool CsvReader::Next(columnar::DataChunk& chunk) {
  while (next_ready_ == ready_.size()) {
    if (done_) return false;
    ready_.clear();
    next_ready_ = 0;
    LoadBatch();
  }
  chunk = std::move(ready_[next_ready_++]);
  return true;
}

void CsvReader::LoadBatch() {
  const uint64_t buffer_offset = position_ - carry_.size();
  const size_t to_read = static_cast<size_t>(std::min<uint64_t>(file_size_ - position_,
                                                                 batch_bytes_));
  const size_t size = carry_.size() + to_read;
  if (size == 0) {
    done_ = true;
    return;
  }
  std::shared_ptr<char[]> buffer = BatchBuffer(size + kScanPadding);
  char* data = buffer.get();
  std::memcpy(data, carry_.data(), carry_.size());
  std::memset(data + size, 0, kScanPadding);

  // Fetch the new bytes, in parallel when there are many.
  ThreadPool& pool = ThreadPool::Shared();
  const size_t max_parallel = options_.parallel ? 0 : 1;
  const size_t reads = std::clamp<size_t>(to_read / kMinReadBytes, 1,
                                          options_.parallel ? pool.thread_count() : 1);
  const size_t per_read = (to_read + reads - 1) / reads;
  char* target = data + carry_.size();
  const uint64_t file_offset = position_;
  pool.ParallelFor(
      reads,
      [&](size_t i) {
        size_t begin = std::min(to_read, i * per_read);
        size_t length = std::min(to_read, begin + per_read) - begin;
        if (length > 0) file_->ReadAt(file_offset + begin, length, target + begin);
      },
      max_parallel);
  position_ += to_read;
  const bool at_eof = position_ == file_size_;

  // Parse every block from a guessed row start, in parallel.
  const size_t blocks = std::max<size_t>(1, (size + block_bytes_ - 1) / block_bytes_);
  std::vector<size_t> bounds(blocks + 1);
  for (size_t k = 0; k < blocks; ++k) bounds[k] = k * (size / blocks);
  bounds[blocks] = size;
  std::vector<BlockResult> results(blocks);
  std::shared_ptr<const char[]> shared = buffer;
  pool.ParallelFor(
      blocks,
      [&](size_t k) {
        size_t start = k == 0 ? 0 : GuessRowStart(data, size, bounds[k]);
        if (start >= bounds[k + 1]) {
          results[k].start = SIZE_MAX;  // no row seems to start here
          return;
        }
        results[k] = ParseBlock(plan_, shared, size, at_eof, start, bounds[k + 1]);
      },
      max_parallel);

  // Keep the blocks in order, checking each guess against where the previous block ended.
  size_t expected = 0;
  uint64_t lines = 0;
  for (size_t k = 0; k < blocks; ++k) {
    if (expected >= bounds[k + 1]) continue;  // an earlier row runs over this whole block
    BlockResult& result = results[k];
    if (result.start != expected) {
      result = ParseBlock(plan_, shared, size, at_eof, expected, bounds[k + 1]);
    }
    if (result.error) Fail(*result.error, buffer_offset, lines_before_ + lines);
    skipped_ += result.skipped;
    lines += result.lines;
    for (auto& chunk : result.chunks) ready_.push_back(std::move(chunk));
    expected = result.end;
    if (result.incomplete) break;
  }
  results.clear();

  carry_.assign(data + std::min(expected, size), size - std::min(expected, size));
  lines_before_ += lines;
  if (carry_.size() > options_.max_line_bytes) {
    Fail(BlockError{expected, 0, 0,
                    "the row is longer than the " + std::to_string(options_.max_line_bytes) +
                        "-byte line limit (max_line_bytes)"},
         buffer_offset, lines_before_);
  }
  if (at_eof && carry_.empty()) done_ = true;
  if (at_eof && !carry_.empty()) {
    ThrowInternal(file_->path() + ": CSV rows left unparsed at the end of the file");
  }
}

std::shared_ptr<char[]> CsvReader::BatchBuffer(size_t size) {
  constexpr size_t kKeptBuffers = 3;
  for (auto& [buffer, capacity] : buffers_) {
    if (capacity >= size && buffer.use_count() == 1) {
      // The chunks that read this buffer are gone; see their last reads before writing.
      std::atomic_thread_fence(std::memory_order_acquire);
      return buffer;
    }
  }
  auto buffer = std::make_shared_for_overwrite<char[]>(size);
  if (buffers_.size() < kKeptBuffers) {
    buffers_.emplace_back(buffer, size);
  } else {
    // Replace a buffer still in use elsewhere; its chunks keep it alive on their own.
    buffers_[buffers_.size() - 1] = {buffer, size};
  }
  return buffer;
}

void CsvReader::Fail(const BlockError& error, uint64_t buffer_offset, uint64_t lines_before) {
  std::string where = file_->path() + ": line " + std::to_string(lines_before + error.line + 1);
  if (error.column > 0) {
    where += ", column " + std::to_string(error.column);
    if (error.column <= layout_.schema.size()) {
      where += " (" + layout_.schema[error.column - 1].name + ")";
    }
  }
  where += ", byte offset " + std::to_string(buffer_offset + error.offset);
  std::string message = where + ": " + error.what;
  if (error.type_mismatch && !options_.schema) {
    message += " (the type was inferred from the first " + std::to_string(options_.sample_rows) +
               " rows: give the column types, a larger sample, or skip malformed rows)";
  }
  ThrowInvalid(std::move(message));
}

std::unique_ptr<CsvReader> OpenCsvReader(std::shared_ptr<storage::ReadableFile> file,
                                         const CsvReadOptions& options,
                                         const std::vector<std::string>& columns) {
  return std::make_unique<CsvReader>(std::move(file), options, columns);
}

std::unique_ptr<FileReader> OpenCsvReader(const std::string& path, const ReadOptions& options) {
  std::shared_ptr<storage::ReadableFile> file = storage::FileSystemFor(path).OpenForRead(path);
  return OpenCsvReader(std::move(file), options.csv, options.columns);
}

}  // namespace basin::formats::csv
