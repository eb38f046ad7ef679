#include "sql/exec/scan_lake.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>

#include "common/error.hpp"
#include "formats/file_format.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "sql/exec/physical_planner.hpp"
#include "sql/exec/scan_common.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;
using formats::parquet::ColumnPredicate;
using formats::parquet::CompareOp;
using formats::parquet::ParquetFileReader;

namespace {

constexpr int kMissingColumn = -1;
constexpr int kPartitionColumn = -2;

// Re-throws a file's error with the file named, unless the message already does.
[[noreturn]] void RethrowNamingFile(const Error& error, const std::string& path) {
  std::string message = error.what();
  if (message.find(path) != std::string::npos) throw error;
  throw Error(error.code(), path + ": " + message);
}

std::string ParquetNameFor(const types::Schema& schema, const std::string& name, int* index) {
  auto found = schema.Find(name);
  *index = found ? static_cast<int>(*found) : kMissingColumn;
  return found ? schema[*found].name : name;
}

// Bytes read from storage: the query's "data scanned" and the live progress counters.
void CountBytes(ExecContext& context, uint64_t bytes) {
  context.bytes_scanned.fetch_add(bytes, std::memory_order_relaxed);
  if (const auto& progress = context.settings.progress) {
    progress->bytes_read.fetch_add(static_cast<int64_t>(bytes), std::memory_order_relaxed);
  }
}

// Rows read from a file, before the scan's filters.
void CountRows(ExecContext& context, const DataChunk& raw) {
  if (const auto& progress = context.settings.progress) {
    progress->rows_read.fetch_add(static_cast<int64_t>(raw.size()), std::memory_order_relaxed);
  }
}

}  // namespace

struct OpenParquet {
  size_t file = 0;
  std::shared_ptr<ParquetFileReader> reader;
  std::vector<size_t> columns;      // file columns read
  std::vector<int> file_column_of;  // per read column: position in the raw chunk, or < 0
  std::vector<ColumnPredicate> predicates;
  size_t row_groups = 0;
  std::atomic<size_t> done{0};
};

struct PhysicalLakeScan::Global : GlobalSourceState {
  std::mutex mutex;
  // QuerySettings::lake_scan_files of this table (ETL bookmarks): read only these files.
  const std::set<std::string>* only = nullptr;
  bool Skips(const std::string& path) const { return only != nullptr && !only->count(path); }
  size_t next_file = 0;
  std::shared_ptr<OpenParquet> current;
  size_t next_row_group = 0;
};

struct PhysicalLakeScan::Local : LocalSourceState {
  std::unique_ptr<formats::FileReader> reader;  // CSV / JSON file being read
  size_t file = 0;
  std::vector<int> file_column_of;
  DataChunk raw;
  ChunkFilter filter;
};

PhysicalLakeScan::PhysicalLakeScan(const LogicalScan& scan, LakeFileList files,
                                   std::vector<uint32_t> read_columns,
                                   std::vector<PhysicalExprPtr> filters,
                                   std::vector<ColumnPredicate> predicates)
    : PhysicalOperator(scan.types),
      source_(scan.source),
      label_(scan.source.database + "." + scan.source.table),
      files_(std::move(files)),
      data_columns_(scan.source.column_names.size() - scan.source.partition_key_count),
      read_columns_(std::move(read_columns)),
      output_columns_(scan.projection.size()),
      filters_(std::move(filters)),
      predicates_(std::move(predicates)) {
  if (!scan.alias.empty() && scan.alias != scan.source.table) label_ += " " + scan.alias;
}

std::string PhysicalLakeScan::Describe() const {
  static constexpr const char* kFormats[] = {"parquet", "csv", "json"};
  std::string text = "LakeScan " + label_ + " [" + kFormats[static_cast<int>(source_.format)] +
                     ", " + std::to_string(files_.files.size()) + " files";
  if (source_.partition_key_count > 0) {
    text += ", partitions " + std::to_string(files_.partitions_kept) + "/" +
            std::to_string(files_.partitions_total);
  }
  text += "] ";
  return text + DescribeScanColumnsAndFilters(source_.column_names, read_columns_, output_columns_,
                                              filters_);
}

std::unique_ptr<GlobalSourceState> PhysicalLakeScan::InitGlobalSource(
    ExecContext& context) const {
  auto global = std::make_unique<Global>();
  const auto& restricted = context.settings.lake_scan_files;
  auto only = restricted.find(source_.database + "." + source_.table);
  if (only != restricted.end()) global->only = &only->second;
  return global;
}

std::unique_ptr<LocalSourceState> PhysicalLakeScan::InitLocalSource(ExecContext&,
                                                                    GlobalSourceState&) const {
  auto local = std::make_unique<Local>();
  local->filter = MakeScanFilter(filters_);
  return local;
}

size_t PhysicalLakeScan::MaxParallelism(GlobalSourceState&) const {
  size_t files = files_.files.size();
  if (files == 0) return 1;
  // A Parquet file's row groups are morsels of their own.
  return source_.format == LakeFormat::kParquet ? files * 16 : files;
}

void PhysicalLakeScan::Finish(const LakeFile& file, const std::vector<int>& file_column_of,
                              DataChunk& raw, Local& local, DataChunk& out) const {
  size_t rows = raw.size();
  const auto& column_types = source_.column_types;
  out = DataChunk();
  for (size_t i = 0; i < read_columns_.size(); ++i) {
    uint32_t position = read_columns_[i];
    const types::LogicalType& type = column_types[position];
    Vector column(type);
    int from = file_column_of[i];
    if (from == kPartitionColumn) {
      BroadcastValue(file.partition_values[position - data_columns_], rows, column);
      column.Resize(rows);
    } else if (from == kMissingColumn) {
      BroadcastValue(types::Value::Null(type), rows, column);
    } else {
      Vector& source = raw.column(static_cast<size_t>(from));
      if (source.type() == type) {
        std::swap(column, source);
      } else {
        try {
          CastVector(source, rows, column, false);
        } catch (const Error& error) {
          RethrowNamingFile(error, file.path + " (column " + source_.column_names[position] + ")");
        }
      }
    }
    out.AddColumn(std::move(column));
  }
  out.SetSizeOnly(rows);
  local.filter.Apply(out);
  auto& columns = out.columns();
  columns.erase(columns.begin() + static_cast<std::ptrdiff_t>(output_columns_), columns.end());
}

bool PhysicalLakeScan::GetChunk(ExecContext& context, GlobalSourceState& global_state,
                                LocalSourceState& local_state, DataChunk& out) const {
  auto& global = static_cast<Global&>(global_state);
  auto& local = static_cast<Local&>(local_state);
  const auto& files = files_.files;
  while (!context.cancelled.load(std::memory_order_relaxed)) {
    // A CSV or JSON file this worker is reading.
    if (local.reader) {
      const LakeFile& file = files[local.file];
      bool more;
      try {
        more = local.reader->Next(local.raw);
      } catch (const Error& error) {
        RethrowNamingFile(error, file.path);
      }
      if (more) {
        CountRows(context, local.raw);
        Finish(file, local.file_column_of, local.raw, local, out);
        return true;
      }
      local.reader.reset();
      continue;
    }

    if (source_.format != LakeFormat::kParquet) {
      size_t index;
      {
        std::lock_guard lock(global.mutex);
        do {
          if (global.next_file >= files.size()) return false;
          index = global.next_file++;
        } while (global.Skips(files[index].path));
      }
      const LakeFile& file = files[index];
      formats::ReadOptions options;
      types::Schema schema;
      for (size_t c = 0; c < data_columns_; ++c) {
        schema.Add({source_.column_names[c], source_.column_types[c], true});
      }
      for (uint32_t position : read_columns_) {
        if (position < data_columns_) options.columns.push_back(source_.column_names[position]);
      }
      formats::FileFormat format;
      if (source_.format == LakeFormat::kCsv) {
        format = formats::FileFormat::kCsv;
        auto& csv = options.csv;
        csv.schema = schema;
        // Files are the morsels; with fewer files than workers, blocks of one file are too.
        csv.parallel = files.size() < context.threads();
        const auto& serde = source_.serde_parameters;
        auto get = [&](const char* key) -> const std::string* {
          auto it = serde.find(key);
          return it == serde.end() ? nullptr : &it->second;
        };
        if (auto* delim = get("field.delim"); delim && !delim->empty()) csv.delimiter = (*delim)[0];
        if (auto* delim = get("separatorChar"); delim && !delim->empty()) {
          csv.delimiter = (*delim)[0];
        }
        if (auto* quote = get("quoteChar"); quote && !quote->empty()) csv.quote = (*quote)[0];
        if (auto* escape = get("escapeChar"); escape && !escape->empty()) {
          csv.escape = (*escape)[0];
        }
        auto* skip = get("skip.header.line.count");
        csv.header =
            skip && *skip != "0" ? formats::csv::HeaderMode::kYes : formats::csv::HeaderMode::kNo;
        if (auto* null_format = get("serialization.null.format")) {
          csv.null_strings.push_back(*null_format);
        }
      } else {
        format = formats::FileFormat::kJson;
        options.json.schema = schema;
      }
      try {
        local.reader = formats::OpenFileReader(file.path, format, options);
      } catch (const Error& error) {
        RethrowNamingFile(error, file.path);
      }
      files_opened.fetch_add(1, std::memory_order_relaxed);
      CountBytes(context, file.size);
      const types::Schema& read_schema = local.reader->schema();
      local.file = index;
      local.file_column_of.assign(read_columns_.size(), kMissingColumn);
      for (size_t i = 0; i < read_columns_.size(); ++i) {
        uint32_t position = read_columns_[i];
        if (position >= data_columns_) {
          local.file_column_of[i] = kPartitionColumn;
        } else if (auto found = read_schema.Find(source_.column_names[position])) {
          local.file_column_of[i] = static_cast<int>(*found);
        }
      }
      continue;
    }

    // Parquet: claim the next row group, opening the next file when the current one is done.
    std::shared_ptr<OpenParquet> open;
    size_t row_group = 0;
    {
      std::lock_guard lock(global.mutex);
      while (!global.current || global.next_row_group >= global.current->row_groups) {
        if (global.next_file >= files.size()) return false;
        size_t index = global.next_file++;
        const LakeFile& file = files[index];
        if (global.Skips(file.path)) continue;
        auto entry = std::make_shared<OpenParquet>();
        entry->file = index;
        try {
          entry->reader = ParquetFileReader::Open(file.path);
        } catch (const Error& error) {
          RethrowNamingFile(error, file.path);
        }
        files_opened.fetch_add(1, std::memory_order_relaxed);
        const types::Schema& schema = entry->reader->schema();
        entry->file_column_of.assign(read_columns_.size(), kMissingColumn);
        for (size_t i = 0; i < read_columns_.size(); ++i) {
          uint32_t position = read_columns_[i];
          if (position >= data_columns_) {
            entry->file_column_of[i] = kPartitionColumn;
            continue;
          }
          int found;
          ParquetNameFor(schema, source_.column_names[position], &found);
          if (found >= 0) {
            entry->file_column_of[i] = static_cast<int>(entry->columns.size());
            entry->columns.push_back(static_cast<size_t>(found));
          }
        }
        for (const auto& predicate : predicates_) {
          int found;
          std::string name = ParquetNameFor(schema, predicate.column, &found);
          if (found >= 0) entry->predicates.push_back({name, predicate.op, predicate.value});
        }
        entry->row_groups = entry->reader->row_group_count();
        if (entry->row_groups == 0) {
          CountBytes(context, entry->reader->bytes_read());
          continue;
        }
        global.current = entry;
        global.next_row_group = 0;
      }
      open = global.current;
      row_group = global.next_row_group++;
    }
    const LakeFile& file = files[open->file];
    bool read = false;
    if (open->predicates.empty() || open->reader->RowGroupMayMatch(row_group, open->predicates)) {
      try {
        open->reader->ReadRowGroup(row_group, open->columns, local.raw);
      } catch (const Error& error) {
        RethrowNamingFile(error, file.path);
      }
      read = true;
    } else {
      row_groups_skipped.fetch_add(1, std::memory_order_relaxed);
    }
    if (open->done.fetch_add(1) + 1 == open->row_groups) {
      CountBytes(context, open->reader->bytes_read());
    }
    if (!read) continue;
    CountRows(context, local.raw);
    Finish(file, open->file_column_of, local.raw, local, out);
    return true;
  }
  return false;
}

// ---- Planning ------------------------------------------------------------------------------

namespace {

std::optional<CompareOp> CompareOpOf(std::string_view name, bool flipped) {
  if (name == op::kEqual) return CompareOp::kEqual;
  if (name == op::kLess) return flipped ? CompareOp::kGreater : CompareOp::kLess;
  if (name == op::kLessEqual) return flipped ? CompareOp::kGreaterEqual : CompareOp::kLessEqual;
  if (name == op::kGreater) return flipped ? CompareOp::kLess : CompareOp::kGreater;
  if (name == op::kGreaterEqual) return flipped ? CompareOp::kLessEqual : CompareOp::kGreaterEqual;
  return std::nullopt;
}

}  // namespace

PhysicalPtr MakeLakeScan(const LogicalScan& scan, PlanningContext& context) {
  const TableSource& source = scan.source;
  if (source.kind != SourceKind::kLake) ThrowInternal("a lake scan of a database table");
  const size_t data_columns = source.column_names.size() - source.partition_key_count;
  std::vector<uint32_t> read_columns = scan.projection;
  std::vector<const BoundExpr*> row_filters;
  std::vector<PhysicalExprPtr> partition_filters;
  std::vector<ColumnBinding> all_columns;
  for (uint32_t i = 0; i < source.column_names.size(); ++i) {
    all_columns.push_back({scan.table_index, i});
  }
  for (const auto& filter : scan.filters) {
    std::vector<ColumnBinding> bindings;
    filter->CollectBindings(bindings);
    bool partition_only = !bindings.empty();
    for (const auto& binding : bindings) {
      if (binding.table != scan.table_index || binding.column >= source.column_names.size()) {
        ThrowInternal("scan filter " + filter->ToString() + " refers to another table");
      }
      partition_only = partition_only && binding.column >= data_columns;
      if (std::find(read_columns.begin(), read_columns.end(), binding.column) ==
          read_columns.end()) {
        read_columns.push_back(binding.column);
      }
    }
    if (partition_only) {
      partition_filters.push_back(CompileExpression(*filter, all_columns));
    } else {
      row_filters.push_back(filter.get());
    }
  }
  // Columns read only for partition filters need not be read at all.
  std::vector<uint32_t> needed(
      read_columns.begin(),
      read_columns.begin() + static_cast<std::ptrdiff_t>(scan.projection.size()));
  for (const BoundExpr* filter : row_filters) {
    std::vector<ColumnBinding> bindings;
    filter->CollectBindings(bindings);
    for (const auto& binding : bindings) {
      if (std::find(needed.begin(), needed.end(), binding.column) == needed.end()) {
        needed.push_back(binding.column);
      }
    }
  }
  read_columns = std::move(needed);
  std::vector<ColumnBinding> layout;
  for (uint32_t position : read_columns) layout.push_back({scan.table_index, position});

  std::vector<PhysicalExprPtr> filters;
  std::vector<ColumnPredicate> predicates;
  for (const BoundExpr* filter : row_filters) {
    filters.push_back(CompileExpression(*filter, layout));
    if (filter->kind != BoundExprKind::kFunction || filter->children.size() != 2 ||
        !filter->function) {
      continue;
    }
    const BoundExpr* left = filter->children[0].get();
    const BoundExpr* right = filter->children[1].get();
    bool flipped = false;
    if (left->kind == BoundExprKind::kConstant) {
      std::swap(left, right);
      flipped = true;
    }
    if (left->kind != BoundExprKind::kColumn || right->kind != BoundExprKind::kConstant ||
        left->binding.column >= data_columns) {
      continue;
    }
    if (auto compare = CompareOpOf(filter->function->name, flipped)) {
      predicates.push_back({source.column_names[left->binding.column], *compare, right->constant});
    }
  }
  std::vector<const PhysicalExpr*> partition_filter_ptrs;
  for (const auto& filter : partition_filters) partition_filter_ptrs.push_back(filter.get());
  LakeFileList files = ListLakeFiles(scan, context.catalog, partition_filter_ptrs);
  return std::make_unique<PhysicalLakeScan>(scan, std::move(files), std::move(read_columns),
                                            std::move(filters), std::move(predicates));
}

}  // namespace basin::sql
