#include "sql/exec/write_sink.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>

#include "catalog/catalog_types.hpp"
#include "common/error.hpp"
#include "formats/file_format.hpp"
#include "sql/exec/scan_files.hpp"
#include "sql/exec/selection.hpp"
#include "sql/exec/staging_cleanup.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;

namespace {

std::string NewQueryId() {
  std::random_device device;
  std::mt19937_64 random(
      device() ^
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  uint64_t bits = random();
  for (int i = 0; i < 16; ++i) id += kHex[(bits >> (4 * i)) & 15];
  return id;
}

std::string WithSlash(std::string path) {
  if (!path.empty() && path.back() != '/') path += '/';
  return path;
}

struct OpenOutput {
  std::unique_ptr<formats::FileWriter> writer;
  std::string staging_path;
  std::string final_path;
  std::vector<std::string> partition_values;
  uint64_t rows = 0;
  uint64_t bytes_reported = 0;  // what the progress counters hold for this file so far
};

struct WriteGlobal : GlobalSinkState {
  std::string query_id = NewQueryId();
  std::string staging_root;
  std::atomic<size_t> next_worker{0};
  std::mutex mutex;
  std::vector<WrittenFile> staged;  // path = staging path until published
  std::vector<std::string> final_paths;
  uint64_t rows = 0;
  bool published = false;
  ~WriteGlobal() override {
    if (published || staging_root.empty()) return;
    try {
      storage::FileSystemFor(staging_root).Delete(staging_root);
    } catch (...) {
      // Best effort: a leftover hidden staging folder is skipped by scans.
    }
  }
};

struct WriteLocal : LocalSinkState {
  size_t worker = 0;
  size_t files = 0;
  std::map<std::string, OpenOutput> outputs;  // by partition folder ("" unpartitioned)
  // Files this worker finished (cut at the target size, or at the end), not yet combined.
  std::vector<WrittenFile> staged;
  std::vector<std::string> final_paths;
  uint64_t rows = 0;
  DataChunk part;
  DataChunk slice;
  std::vector<Vector> key_text;
};

// Finishes one file and records it as staged by `local`. The progress counters already hold
// the writer's running size estimate; the difference to the real size is added.
void CloseOutput(OpenOutput& output, WriteLocal& local, QueryProgress* progress) {
  output.writer->Finish();
  output.writer.reset();
  WrittenFile file;
  file.path = output.staging_path;
  file.rows = output.rows;
  file.bytes = storage::FileSystemFor(output.staging_path).Stat(output.staging_path).size;
  file.partition_values = output.partition_values;
  if (progress != nullptr) {
    progress->bytes_written.fetch_add(
        static_cast<int64_t>(file.bytes) - static_cast<int64_t>(output.bytes_reported),
        std::memory_order_relaxed);
  }
  local.rows += output.rows;
  local.staged.push_back(std::move(file));
  local.final_paths.push_back(std::move(output.final_path));
}

struct WriteSource : GlobalSourceState {
  std::atomic<bool> emitted{false};
};

}  // namespace

PhysicalWrite::PhysicalWrite(const LogicalWrite& write, std::vector<types::LogicalType> input_types,
                             std::shared_ptr<WriteReport> report)
    : PhysicalOperator({types::LogicalType::BigInt()}),
      location_(write.location),
      format_(write.format),
      compression_(write.compression),
      column_names_(write.column_names),
      input_types_(std::move(input_types)),
      partition_columns_(write.partition_columns),
      partition_locations_(write.partition_locations),
      report_(std::move(report)),
      staged_(write.staged) {
  if (column_names_.size() != input_types_.size()) {
    ThrowInternal("write of " + std::to_string(input_types_.size()) + " columns names " +
                  std::to_string(column_names_.size()));
  }
  if (partition_columns_ > input_types_.size())
    ThrowInternal("more partition columns than columns");
  std::lock_guard lock(report_->mutex);
  report_->partition_columns.assign(
      column_names_.end() - static_cast<std::ptrdiff_t>(partition_columns_), column_names_.end());
}

std::string PhysicalWrite::Describe() const {
  static constexpr const char* kFormats[] = {"parquet", "csv", "json"};
  std::string text =
      std::string("Write [") + kFormats[static_cast<int>(format_)] + "] " + location_;
  if (partition_columns_ > 0) {
    text += " partitioned by (";
    for (size_t i = column_names_.size() - partition_columns_; i < column_names_.size(); ++i) {
      if (i > column_names_.size() - partition_columns_) text += ", ";
      text += column_names_[i];
    }
    text += ")";
  }
  return text;
}

std::unique_ptr<GlobalSinkState> PhysicalWrite::InitGlobalSink(ExecContext&) const {
  auto global = std::make_unique<WriteGlobal>();
  global->staging_root = PrepareStagingFolder(location_, global->query_id);
  return global;
}

std::unique_ptr<LocalSinkState> PhysicalWrite::InitLocalSink(ExecContext&,
                                                             GlobalSinkState& global_state) const {
  auto& global = static_cast<WriteGlobal&>(global_state);
  auto local = std::make_unique<WriteLocal>();
  local->worker = global.next_worker.fetch_add(1);
  return local;
}

void PhysicalWrite::Sink(ExecContext& context, DataChunk& in, GlobalSinkState& global_state,
                         LocalSinkState& local_state) const {
  auto& global = static_cast<WriteGlobal&>(global_state);
  auto& local = static_cast<WriteLocal&>(local_state);
  size_t rows = in.size();
  if (rows == 0) return;
  size_t data_columns = input_types_.size() - partition_columns_;
  static constexpr const char* kExtensions[] = {".parquet", ".csv", ".json"};

  auto output_for = [&](const std::string& folder,
                        const std::vector<std::string>& values) -> OpenOutput& {
    auto it = local.outputs.find(folder);
    if (it != local.outputs.end()) return it->second;
    OpenOutput output;
    std::string name = global.query_id + "_" + std::to_string(local.worker) + "_" +
                       std::to_string(local.files++) + kExtensions[static_cast<int>(format_)];
    output.staging_path = global.staging_root + folder + name;
    output.final_path = WithSlash(location_) + folder + name;
    output.partition_values = values;
    types::Schema schema;
    for (size_t c = 0; c < data_columns; ++c) schema.Add({column_names_[c], input_types_[c], true});
    formats::WriteOptions options;
    if (format_ == LakeFormat::kParquet) {
      options.compression = compression_.empty()    ? "snappy"
                            : compression_ == "lz4" ? "lz4_raw"
                                                    : compression_;
    }
    formats::FileFormat format = format_ == LakeFormat::kParquet ? formats::FileFormat::kParquet
                                 : format_ == LakeFormat::kCsv   ? formats::FileFormat::kCsv
                                                                 : formats::FileFormat::kJson;
    if (format == formats::FileFormat::kCsv) options.csv.header = false;
    output.writer = formats::CreateFileWriter(output.staging_path, format, schema, options);
    return local.outputs.emplace(folder, std::move(output)).first->second;
  };

  // A worker cuts its file once it reaches the target size; the next rows of that folder
  // open a new one.
  int64_t target = context.settings.target_file_size_bytes > 0
                       ? context.settings.target_file_size_bytes
                       : kDefaultTargetFileSizeBytes;
  QueryProgress* progress = context.settings.progress.get();
  auto write_rows = [&](const std::string& folder, const std::vector<std::string>& values,
                        DataChunk& chunk) {
    // A chunk may be a whole row group of a Parquet scan; when it will not fit in the file's
    // remaining room it is written in slices, so the file is cut near its target. In-memory
    // bytes overstate encoded ones, so a slice sized by them lands before the target.
    double row_bytes = 0;
    if (chunk.size() > columnar::kChunkRows) {
      row_bytes = static_cast<double>(ChunkBytes(chunk)) / static_cast<double>(chunk.size());
    }
    size_t begin = 0;
    while (begin < chunk.size()) {
      OpenOutput& output = output_for(folder, values);
      uint64_t before = output.writer->EstimatedSize();
      size_t end = chunk.size();
      if (row_bytes > 0) {
        double room = static_cast<double>(target) - static_cast<double>(before);
        size_t fit = room > 0 ? static_cast<size_t>(room / row_bytes) : 0;
        end = std::min(end, begin + std::max(fit, columnar::kChunkRows));
      }
      if (begin == 0 && end == chunk.size()) {
        output.writer->Write(chunk);
      } else {
        SliceChunk(chunk, begin, end, local.slice);
        output.writer->Write(local.slice);
      }
      output.rows += end - begin;
      uint64_t after = output.writer->EstimatedSize();
      if (progress != nullptr) {
        progress->rows_written.fetch_add(static_cast<int64_t>(end - begin),
                                         std::memory_order_relaxed);
        progress->bytes_written.fetch_add(
            static_cast<int64_t>(after) - static_cast<int64_t>(output.bytes_reported),
            std::memory_order_relaxed);
        output.bytes_reported = after;
      }
      if (after >= static_cast<uint64_t>(target)) {
        CloseOutput(output, local, progress);
        local.outputs.erase(folder);
      }
      begin = end;
    }
  };

  if (partition_columns_ == 0) {
    write_rows("", {}, in);
    return;
  }
  // The folder of each row, from its partition values as text (cast once per chunk).
  local.key_text.clear();
  for (size_t k = 0; k < partition_columns_; ++k) {
    const Vector& column = in.column(data_columns + k);
    Vector text(types::LogicalType::Varchar());
    if (column.type().id() == types::TypeId::kVarchar) {
      text = CopyVector(in.column(data_columns + k), rows);
    } else {
      CastVector(column, rows, text, false);
    }
    local.key_text.push_back(std::move(text));
  }
  std::map<std::string, Selection> groups;
  std::string folder;
  for (size_t row = 0; row < rows; ++row) {
    folder.clear();
    for (size_t k = 0; k < partition_columns_; ++k) {
      const Vector& text = local.key_text[k];
      folder += column_names_[data_columns + k];
      folder += '=';
      folder += text.IsNull(row) ? std::string(catalog::kHiveDefaultPartition)
                                 : EscapePartitionValue(text.data<std::string_view>()[row]);
      folder += '/';
    }
    groups[folder].Append(static_cast<uint32_t>(row));
  }
  for (auto& [group_folder, selection] : groups) {
    std::vector<std::string> values;
    uint32_t first = selection[0];
    for (size_t k = 0; k < partition_columns_; ++k) {
      const Vector& text = local.key_text[k];
      values.push_back(text.IsNull(first) ? std::string(catalog::kHiveDefaultPartition)
                                          : std::string(text.data<std::string_view>()[first]));
    }
    InitChunk(local.part, std::vector<types::LogicalType>(
                              input_types_.begin(),
                              input_types_.begin() + static_cast<std::ptrdiff_t>(data_columns)));
    for (size_t c = 0; c < data_columns; ++c) {
      GatherVector(in.column(c), selection.data(), selection.size(), local.part.column(c));
    }
    local.part.SetSizeOnly(selection.size());
    write_rows(group_folder, values, local.part);
  }
}

void PhysicalWrite::Combine(ExecContext& context, GlobalSinkState& global_state,
                            LocalSinkState& local_state) const {
  auto& global = static_cast<WriteGlobal&>(global_state);
  auto& local = static_cast<WriteLocal&>(local_state);
  for (auto& [folder, output] : local.outputs) {
    CloseOutput(output, local, context.settings.progress.get());
  }
  local.outputs.clear();
  std::lock_guard lock(global.mutex);
  for (size_t i = 0; i < local.staged.size(); ++i) {
    global.staged.push_back(std::move(local.staged[i]));
    global.final_paths.push_back(std::move(local.final_paths[i]));
  }
  global.rows += local.rows;
  local.staged.clear();
  local.final_paths.clear();
  local.rows = 0;
}

void PhysicalWrite::Finalize(ExecContext&, GlobalSinkState& global_state) const {
  auto& global = static_cast<WriteGlobal&>(global_state);
  std::vector<StagedFile> files;
  for (size_t i = 0; i < global.staged.size(); ++i) {
    StagedFile staged;
    staged.staging_path = global.staged[i].path;
    staged.file = global.staged[i];
    staged.file.path = global.final_paths[i];
    // A partition the catalog keeps elsewhere gets its files there.
    if (!partition_locations_.empty() &&
        staged.staging_path.compare(0, global.staging_root.size(), global.staging_root) == 0) {
      std::string relative = staged.staging_path.substr(global.staging_root.size());
      size_t slash = relative.rfind('/');
      if (slash != std::string::npos) {
        auto mapped = partition_locations_.find(relative.substr(0, slash + 1));
        if (mapped != partition_locations_.end()) {
          staged.file.path = WithSlash(mapped->second) + relative.substr(slash + 1);
        }
      }
    }
    files.push_back(std::move(staged));
  }
  {
    std::lock_guard lock(report_->mutex);
    for (const auto& file : files) report_->files.push_back(file.file);
  }
  if (staged_ != nullptr) {
    // The statement publishes in its catalog commit; the staging folder is the StagedWrite's
    // from now on.
    staged_->location = location_;
    staged_->query_id = global.query_id;
    staged_->staging_root = global.staging_root;
    staged_->files = std::move(files);
    staged_->finalized = true;
    global.published = true;
    return;
  }
  std::vector<std::string> moved;
  try {
    for (const auto& file : files) {
      storage::FileSystemFor(file.staging_path).Move(file.staging_path, file.file.path);
      moved.push_back(file.file.path);
    }
  } catch (...) {
    // All or nothing: take back what this write already moved (the staging folder with the
    // rest goes with the global state).
    for (const auto& path : moved) {
      try {
        storage::FileSystemFor(path).Delete(path);
      } catch (...) {
      }
    }
    throw;
  }
  global.published = true;
  try {
    storage::FileSystemFor(global.staging_root).Delete(global.staging_root);
  } catch (const Error&) {
    // Empty staging folders are harmless: scans skip hidden folders.
  }
}

std::unique_ptr<GlobalSourceState> PhysicalWrite::InitGlobalSource(ExecContext&) const {
  return std::make_unique<WriteSource>();
}

bool PhysicalWrite::GetChunk(ExecContext&, GlobalSourceState& source_state, LocalSourceState&,
                             DataChunk& out) const {
  auto& source = static_cast<WriteSource&>(source_state);
  if (source.emitted.exchange(true)) return false;
  auto& global = static_cast<WriteGlobal&>(*sink_state);
  InitChunk(out, types());
  out.column(0).Append(types::Value::BigInt(static_cast<int64_t>(global.rows)));
  out.SetSizeOnly(1);
  return true;
}

}  // namespace basin::sql
