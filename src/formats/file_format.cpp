#include "formats/file_format.hpp"

#include <algorithm>
#include <cctype>

#include "common/error.hpp"
#include "formats/csv/csv_reader.hpp"
#include "formats/csv/csv_writer.hpp"
#include "formats/json/json_reader.hpp"
#include "formats/json/json_writer.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "formats/parquet/parquet_writer.hpp"
#include "storage/file_system.hpp"

namespace basin::formats {

std::string_view FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kParquet: return "parquet";
    case FileFormat::kCsv: return "csv";
    case FileFormat::kJson: return "json";
  }
  return "parquet";
}

static std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

FileFormat ParseFileFormat(std::string_view name) {
  std::string lower = Lower(name);
  if (lower == "parquet") return FileFormat::kParquet;
  if (lower == "csv") return FileFormat::kCsv;
  if (lower == "json") return FileFormat::kJson;
  ThrowInvalid("unknown format '" + std::string(name) + "': choose parquet, csv or json");
}

std::optional<FileFormat> FormatFromExtension(std::string_view path) {
  std::string lower = Lower(path);
  for (std::string_view compressed : {".gz", ".zst"}) {
    if (lower.ends_with(compressed)) lower.resize(lower.size() - compressed.size());
  }
  if (lower.ends_with(".parquet") || lower.ends_with(".parq")) return FileFormat::kParquet;
  if (lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt")) {
    return FileFormat::kCsv;
  }
  if (lower.ends_with(".json") || lower.ends_with(".jsonl") || lower.ends_with(".ndjson")) {
    return FileFormat::kJson;
  }
  return std::nullopt;
}

FileFormat DetectFileFormat(const std::string& path) {
  auto file = storage::FileSystemFor(path).OpenForRead(path);
  uint64_t size = file->size();
  if (size >= 8) {
    std::string head = file->ReadString(0, 4);
    std::string tail = file->ReadString(size - 4, 4);
    if (head == "PAR1" && tail == "PAR1") return FileFormat::kParquet;
  }
  std::string start = file->ReadString(0, static_cast<size_t>(std::min<uint64_t>(size, 4096)));
  size_t first = start.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (start[first] == '{' || start[first] == '[')) {
    return FileFormat::kJson;
  }
  if (auto by_extension = FormatFromExtension(path)) return *by_extension;
  return FileFormat::kCsv;
}

std::unique_ptr<FileReader> OpenFileReader(const std::string& path, FileFormat format,
                                           const ReadOptions& options) {
  switch (format) {
    case FileFormat::kParquet: return parquet::OpenParquetReader(path, options);
    case FileFormat::kCsv: return csv::OpenCsvReader(path, options);
    case FileFormat::kJson: return json::OpenJsonReader(path, options);
  }
  ThrowInternal("unknown file format");
}

std::unique_ptr<FileWriter> CreateFileWriter(const std::string& path, FileFormat format,
                                             const types::Schema& schema,
                                             const WriteOptions& options) {
  switch (format) {
    case FileFormat::kParquet: return parquet::CreateParquetWriter(path, schema, options);
    case FileFormat::kCsv: return csv::CreateCsvWriter(path, schema, options);
    case FileFormat::kJson: return json::CreateJsonWriter(path, schema, options);
  }
  ThrowInternal("unknown file format");
}

}  // namespace basin::formats
