#include "formats/json/json_writer.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "formats/json/json_encoder.hpp"
#include "storage/file_system.hpp"

namespace basin::formats::json {

namespace {

// Encoded bytes are handed to the file in pieces of about this size.
constexpr size_t kFlushBytes = size_t{1} << 20;
// Fewer rows than this per thread are not worth a parallel slice.
constexpr size_t kMinSliceRows = 256;

class JsonWriter final : public FileWriter {
 public:
  JsonWriter(const std::string& path, const types::Schema& schema, const WriteOptions& options)
      : schema_(schema), encoder_(schema), array_(options.json.layout == JsonLayout::kArray) {
    if (!options.compression.empty() && options.compression != "none") {
      ThrowUnsupported("JSON files are written uncompressed; compression '" + options.compression +
                       "' is not supported (use none)");
    }
    file_ = storage::FileSystemFor(path).Create(path);
    buffer_.reserve(kFlushBytes + kFlushBytes / 4);
    if (array_) buffer_ += '[';
  }

  void Write(const columnar::DataChunk& chunk) override {
    if (finished_) ThrowInternal(file_->path() + ": JSON writer used after Finish()");
    if (chunk.column_count() != schema_.size()) {
      ThrowInvalid(file_->path() + ": chunk has " + std::to_string(chunk.column_count()) +
                   " columns but the JSON file has " + std::to_string(schema_.size()));
    }
    for (size_t i = 0; i < schema_.size(); ++i) {
      if (chunk.column(i).type() != schema_[i].type) {
        ThrowInvalid(file_->path() + ": column '" + schema_[i].name + "' is " +
                     schema_[i].type.ToString() + " but the chunk holds " +
                     chunk.column(i).type().ToString());
      }
    }
    // Big chunks are encoded in parallel slices, appended in order.
    size_t rows = chunk.size();
    size_t slices = std::min(ThreadPool::Shared().thread_count(), rows / kMinSliceRows);
    if (slices <= 1) {
      EncodeRows(chunk, 0, rows, buffer_);
    } else {
      slices_.resize(slices);
      ThreadPool::Shared().ParallelFor(slices, [&](size_t i) {
        slices_[i].clear();
        EncodeRows(chunk, rows * i / slices, rows * (i + 1) / slices, slices_[i]);
      });
      for (const auto& slice : slices_) buffer_ += slice;
    }
    rows_ += rows;
    if (buffer_.size() >= kFlushBytes) Flush();
  }

  uint64_t EstimatedSize() const override {
    return (file_ ? file_->position() : 0) + buffer_.size();
  }

  void Finish() override {
    if (finished_) return;
    if (array_) buffer_ += "\n]\n";
    Flush();
    file_->Commit();
    finished_ = true;
  }

 private:
  // Rows [begin, end) of the chunk, each with the separator that goes before or after it.
  void EncodeRows(const columnar::DataChunk& chunk, size_t begin, size_t end,
                  std::string& out) const {
    for (size_t row = begin; row < end; ++row) {
      if (array_) out += rows_ + row == 0 ? "\n" : ",\n";
      encoder_.AppendRow(chunk, row, out);
      if (!array_) out += '\n';
    }
  }

  void Flush() {
    file_->Append(buffer_);
    buffer_.clear();
  }

  types::Schema schema_;
  JsonEncoder encoder_;
  bool array_;
  std::unique_ptr<storage::WritableFile> file_;
  std::string buffer_;
  std::vector<std::string> slices_;
  uint64_t rows_ = 0;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<FileWriter> CreateJsonWriter(const std::string& path, const types::Schema& schema,
                                             const WriteOptions& options) {
  return std::make_unique<JsonWriter>(path, schema, options);
}

}  // namespace basin::formats::json
