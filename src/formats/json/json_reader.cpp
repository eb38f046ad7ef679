#include "formats/json/json_reader.hpp"

#include <simdjson.h>

#include <deque>
#include <exception>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "formats/json/json_record_converter.hpp"
#include "formats/json/json_record_splitter.hpp"
#include "formats/json/json_type_inference.hpp"

namespace basin::formats::json {

namespace {

using types::LogicalType;
using types::TypeId;

// A chunk also ends once its records reach this many bytes, so huge records do not pile up.
constexpr size_t kMaxChunkBytes = size_t{16} << 20;
// Decimals wider than this lose digits as doubles: such columns read numbers from their text.
constexpr int kDoubleExactDigits = 15;

bool NeedsExactNumbers(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kDecimal: return type.precision() > kDoubleExactDigits;
    case TypeId::kList: return NeedsExactNumbers(type.element());
    case TypeId::kMap: return NeedsExactNumbers(type.key()) || NeedsExactNumbers(type.value());
    case TypeId::kStruct:
      for (const auto& field : type.fields()) {
        if (NeedsExactNumbers(field.type)) return true;
      }
      return false;
    default: return false;
  }
}

// Records copied out of the splitter's buffer so that several chunks convert in parallel.
struct RecordBatch {
  std::string bytes;                // the records back to back, then padding
  std::vector<RecordView> records;  // data holds the offset into bytes until Seal()
  std::vector<size_t> offsets;

  void Clear() {
    bytes.clear();
    records.clear();
    offsets.clear();
  }
  void Add(const RecordView& record) {
    offsets.push_back(bytes.size());
    bytes.append(record.data, record.size);
    records.push_back(record);
  }
  // Points the views into `bytes` once it no longer grows.
  void Seal() {
    bytes.append(kJsonPadding, ' ');
    for (size_t i = 0; i < records.size(); ++i) records[i].data = bytes.data() + offsets[i];
  }
};

class JsonReader final : public FileReader {
 public:
  JsonReader(std::unique_ptr<storage::ReadableFile> file, const ReadOptions& options)
      : file_(std::move(file)),
        options_(options.json),
        splitter_(*file_, options_.layout, options_.max_record_bytes) {
    bool explicit_schema = options_.schema.has_value();
    if (explicit_schema) {
      file_schema_ = *options_.schema;
    } else {
      InferSchema();
    }
    std::vector<int> column_of_field = Project(options.columns);
    plan_ = BuildRecordPlan(file_schema_, explicit_schema, struct_count_);
    ConvertSettings settings;
    settings.path = file_->path();
    settings.layout = splitter_.layout();
    settings.ignore_errors = options_.ignore_errors;
    for (const auto& field : schema_.fields()) {
      settings.exact_numbers = settings.exact_numbers || NeedsExactNumbers(field.type);
    }
    settings.mismatch_hint =
        explicit_schema
            ? " (set ignore_errors to read values that do not fit as NULL)"
            : " (types were inferred from the first " + std::to_string(sampled_) +
                  " records: raise sample_rows, give an explicit schema, or set ignore_errors)";
    size_t slots = std::max<size_t>(1, ThreadPool::Shared().thread_count());
    for (size_t i = 0; i < slots; ++i) {
      converters_.push_back(
          std::make_unique<RecordConverter>(plan_, struct_count_, column_of_field, settings));
      batches_.emplace_back();
    }
  }

  const types::Schema& schema() const override { return schema_; }

  bool Next(columnar::DataChunk& chunk) override {
    if (ready_.empty()) ConvertBatches();
    if (ready_.empty()) return false;
    Result result = std::move(ready_.front());
    ready_.pop_front();
    if (result.error) {
      ready_.clear();
      done_ = true;
      std::rethrow_exception(result.error);
    }
    std::swap(chunk, result.chunk);
    if (Matches(result.chunk)) spare_.push_back(std::move(result.chunk));
    return true;
  }

 private:
  struct Result {
    columnar::DataChunk chunk;
    std::exception_ptr error;
  };

  void InferSchema() {
    TypeInference inference(options_.detect_dates);
    simdjson::dom::parser parser;
    if (parser.allocate(64 * 1024, 256) != simdjson::SUCCESS) {
      throw Error(ErrorCode::kResourceExhausted, "out of memory allocating a JSON parser");
    }
    std::string scratch;
    size_t limit = options_.sample_rows == 0 ? SIZE_MAX : options_.sample_rows;
    RecordView record;
    while (sampled_ < limit && splitter_.Next(record)) {
      ++sampled_;
      simdjson::dom::element root;
      bool rewritten =
          ParseRecord(parser, record, false, scratch, file_->path(), splitter_.layout(), root);
      auto type = root.type();
      if (type != simdjson::dom::element_type::OBJECT &&
          type != simdjson::dom::element_type::NULL_VALUE && !options_.ignore_errors) {
        ThrowInvalid(file_->path() + ": " + DescribePosition(record.position, splitter_.layout()) +
                     ": expected a JSON object (one record) but found " +
                     (type == simdjson::dom::element_type::ARRAY ? "an array" : "a scalar") +
                     "; Basin reads JSON files whose records are objects");
      }
      inference.ObserveRecord(root, rewritten);
    }
    file_schema_ = inference.Schema();
    splitter_.Rewind();
  }

  // Chooses the output columns; returns the chunk column of each file field (-1: not read).
  std::vector<int> Project(const std::vector<std::string>& columns) {
    std::vector<int> column_of_field(file_schema_.size(), -1);
    if (columns.empty()) {
      schema_ = file_schema_;
      for (size_t i = 0; i < column_of_field.size(); ++i) column_of_field[i] = static_cast<int>(i);
      return column_of_field;
    }
    for (const auto& name : columns) {
      auto index = file_schema_.Find(name);
      if (!index) {
        std::string known;
        for (const auto& field : file_schema_.fields()) {
          known += (known.empty() ? "" : ", ") + field.name;
        }
        ThrowInvalid(file_->path() + ": no column '" + name +
                     "' in the JSON file (columns: " + (known.empty() ? "none" : known) + ")");
      }
      if (column_of_field[*index] >= 0) {
        ThrowInvalid(file_->path() + ": column '" + name + "' is requested twice");
      }
      column_of_field[*index] = static_cast<int>(schema_.size());
      schema_.Add(file_schema_[*index]);
    }
    return column_of_field;
  }

  bool Matches(const columnar::DataChunk& chunk) const {
    if (chunk.column_count() != schema_.size()) return false;
    for (size_t i = 0; i < schema_.size(); ++i) {
      if (chunk.column(i).type() != schema_[i].type) return false;
    }
    return true;
  }

  // Cuts up to one chunk's worth of records per converter, converts them in parallel, and
  // queues the chunks in file order (an error stops the queue at its chunk).
  void ConvertBatches() {
    if (done_) return;
    size_t count = 0;
    for (auto& batch : batches_) {
      batch.Clear();
      RecordView record;
      while (batch.records.size() < columnar::kChunkRows && batch.bytes.size() < kMaxChunkBytes &&
             splitter_.Next(record)) {
        batch.Add(record);
      }
      if (batch.records.empty()) {
        done_ = true;
        break;
      }
      batch.Seal();
      ++count;
    }
    if (count == 0) return;
    std::vector<Result> results(count);
    for (auto& result : results) {
      if (!spare_.empty()) {
        result.chunk = std::move(spare_.back());
        spare_.pop_back();
      } else {
        result.chunk = columnar::DataChunk(schema_, 0);
      }
    }
    auto convert = [&](size_t i) {
      try {
        RecordConverter& converter = *converters_[i];
        converter.Begin(results[i].chunk, batches_[i].records.size());
        for (const auto& record : batches_[i].records) converter.Append(record);
        converter.Finish();
      } catch (...) {
        results[i].error = std::current_exception();
      }
    };
    if (count == 1) {
      convert(0);
    } else {
      ThreadPool::Shared().ParallelFor(count, convert);
    }
    for (auto& result : results) {
      bool failed = result.error != nullptr;
      ready_.push_back(std::move(result));
      if (failed) break;
    }
  }

  std::unique_ptr<storage::ReadableFile> file_;
  JsonReadOptions options_;
  RecordSplitter splitter_;
  types::Schema file_schema_;  // every column of the file
  types::Schema schema_;       // the columns read
  size_t sampled_ = 0;
  uint32_t struct_count_ = 0;
  FieldPlan plan_;
  std::vector<std::unique_ptr<RecordConverter>> converters_;
  std::vector<RecordBatch> batches_;
  std::deque<Result> ready_;
  std::vector<columnar::DataChunk> spare_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<FileReader> OpenJsonReader(std::unique_ptr<storage::ReadableFile> file,
                                           const ReadOptions& options) {
  return std::make_unique<JsonReader>(std::move(file), options);
}

std::unique_ptr<FileReader> OpenJsonReader(const std::string& path, const ReadOptions& options) {
  return OpenJsonReader(storage::FileSystemFor(path).OpenForRead(path), options);
}

}  // namespace basin::formats::json
