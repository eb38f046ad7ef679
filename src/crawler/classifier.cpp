#include "crawler/classifier.hpp"

#include <simdjson.h>

#include <algorithm>

#include "common/error.hpp"
#include "common/utf8.hpp"
#include "crawler/json_path.hpp"
#include "crawler/schema_merge.hpp"
#include "formats/csv/csv_reader.hpp"
#include "formats/json/json_reader.hpp"
#include "formats/json/json_type_inference.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "storage/file_system.hpp"
#include "storage/memory_file.hpp"

namespace basin::crawler {

namespace {

using catalog::Classifier;
using catalog::ClassifierKind;

// Share of sampled lines a Grok pattern must match for its classifier to accept a file.
constexpr double kGrokMatchShare = 0.9;

// The text a classifier looks at: the start of the file cut at a line end.
struct Sample {
  std::string text;
  uint64_t file_size = 0;
  bool whole = false;  // text is the entire file
};

// Records found in the sample scaled up to the file's size.
int64_t Estimate(const Sample& sample, int64_t records) {
  if (sample.whole || sample.text.empty()) return records;
  double scaled = static_cast<double>(records) * static_cast<double>(sample.file_size) /
                  static_cast<double>(sample.text.size());
  return static_cast<int64_t>(scaled + 0.5);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool TryGrok(const GrokPattern& grok, const Classifier& definition, const Sample& sample,
             FileClassification& result) {
  size_t lines = 0;
  size_t matched = 0;
  std::string_view text = sample.text;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    ++lines;
    if (grok.Matches(line)) ++matched;
  }
  if (lines == 0 || static_cast<double>(matched) < kGrokMatchShare * static_cast<double>(lines)) {
    return false;
  }
  result.classification = definition.classification;
  result.columns = grok.columns();
  result.record_count = Estimate(sample, static_cast<int64_t>(lines));
  result.grok_pattern = definition.grok_pattern;
  result.custom_patterns = definition.custom_patterns;
  return true;
}

// Reads the CSV sample fully (so every sampled row is checked for a consistent field count).
bool TryCsv(const Sample& sample, const formats::csv::CsvReadOptions& options,
            const std::vector<std::string>& names, bool allow_single_column,
            FileClassification& result) {
  try {
    auto file = std::make_shared<storage::MemoryFile>("sample", sample.text);
    auto reader = formats::csv::OpenCsvReader(file, options);
    const auto& layout = reader->layout();
    if (layout.schema.size() < 2 && !allow_single_column) return false;
    int64_t rows = 0;
    columnar::DataChunk chunk;
    while (reader->Next(chunk)) rows += static_cast<int64_t>(chunk.size());
    result.columns = ColumnsOf(layout.schema);
    if (!names.empty()) {
      if (names.size() != result.columns.size()) return false;
      for (size_t i = 0; i < names.size(); ++i) result.columns[i].name = Lower(names[i]);
    }
    result.classification = "csv";
    result.delimiter = layout.dialect.delimiter;
    result.quote = layout.dialect.quote;
    result.has_header = layout.has_header;
    result.record_count = Estimate(sample, rows);
    return true;
  } catch (const Error&) {
    return false;
  }
}

bool TryCustomCsv(const Classifier& definition, const Sample& sample, FileClassification& result) {
  formats::csv::CsvReadOptions options;
  options.parallel = false;
  if (!definition.delimiter.empty()) options.delimiter = definition.delimiter[0];
  if (!definition.quote_symbol.empty()) options.quote = definition.quote_symbol[0];
  switch (definition.contains_header) {
    case catalog::CsvHeaderOption::kPresent: options.header = formats::csv::HeaderMode::kYes; break;
    case catalog::CsvHeaderOption::kAbsent: options.header = formats::csv::HeaderMode::kNo; break;
    case catalog::CsvHeaderOption::kUnknown: break;
  }
  return TryCsv(sample, options, definition.header, definition.allow_single_column, result);
}

// Records at the JSON path, over every document of the text (one, or one per line).
bool TryJsonPath(const Classifier& definition, const Sample& sample, FileClassification& result) {
  JsonPath path(definition.json_path);
  formats::json::TypeInference inference(true);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(sample.text);
  simdjson::dom::document_stream documents;
  if (parser.parse_many(padded).get(documents) != simdjson::SUCCESS) return false;
  int64_t records = 0;
  std::vector<simdjson::dom::element> found;
  for (auto document : documents) {
    simdjson::dom::element root;
    if (document.get(root) != simdjson::SUCCESS) return false;
    found.clear();
    path.Select(root, found);
    for (const auto& record : found) {
      if (record.type() != simdjson::dom::element_type::OBJECT) return false;
      inference.ObserveRecord(record, false);
      ++records;
    }
  }
  if (records == 0) return false;
  result.classification = "json";
  result.columns = ColumnsOf(inference.Schema());
  result.record_count = records;
  result.json_path = definition.json_path;
  return true;
}

bool TryBuiltinJson(const Sample& sample, FileClassification& result) {
  size_t first = sample.text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos || (sample.text[first] != '{' && sample.text[first] != '[')) {
    return false;
  }
  formats::ReadOptions options;
  options.json.sample_rows = size_t{1} << 30;  // the whole sample informs the types
  auto reader = formats::json::OpenJsonReader(
      std::make_unique<storage::MemoryFile>("sample", sample.text), options);
  int64_t rows = 0;
  columnar::DataChunk chunk;
  while (reader->Next(chunk)) rows += static_cast<int64_t>(chunk.size());
  if (reader->schema().size() == 0) return false;
  result.classification = "json";
  result.columns = ColumnsOf(reader->schema());
  result.record_count = Estimate(sample, rows);
  return true;
}

FileClassification Classify(std::unique_ptr<storage::ReadableFile> file,
                            const std::vector<CustomClassifier>& custom) {
  FileClassification result;
  const std::string path = file->path();
  uint64_t size = file->size();
  if (size == 0) {
    result.reason = "empty file";
    return result;
  }
  std::string head = file->ReadString(0, static_cast<size_t>(std::min<uint64_t>(size, 4)));
  if (size >= 12 && head == "PAR1" && file->ReadString(size - 4, 4) == "PAR1") {
    storage::ReadableFile* raw = file.release();
    std::unique_ptr<storage::ReadableFile> owned(raw);
    auto reader = std::make_unique<formats::parquet::ParquetFileReader>(std::move(owned));
    result.classification = "parquet";
    result.columns = ColumnsOf(reader->schema());
    result.record_count = reader->num_rows();
    const auto& groups = reader->metadata().row_groups;
    if (!groups.empty() && !groups[0].columns.empty() && groups[0].columns[0].meta_data) {
      std::string codec = Lower(formats::parquet::CodecName(groups[0].columns[0].meta_data->codec));
      result.compression = codec == "uncompressed" ? "none" : codec;
    }
    return result;
  }
  if (head.size() >= 2 && static_cast<uint8_t>(head[0]) == 0x1f &&
      static_cast<uint8_t>(head[1]) == 0x8b) {
    result.reason = "gzip-compressed; compressed text files are not classified yet";
    return result;
  }
  if (head == std::string("\x28\xb5\x2f\xfd", 4)) {
    result.reason = "zstd-compressed; compressed text files are not classified yet";
    return result;
  }

  Sample sample;
  sample.file_size = size;
  sample.text = file->ReadString(0, static_cast<size_t>(std::min<uint64_t>(size, kSampleBytes)));
  sample.whole = sample.text.size() == size;
  // A JSON array, or JSON that a JSON-path classifier will look into, is read whole (up to
  // kMaxJsonDocumentBytes): a cut document does not parse.
  size_t first = sample.text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  char opening = first == std::string::npos ? '\0' : sample.text[first];
  bool needs_document = opening == '[';
  for (const auto& classifier : custom) {
    needs_document |= classifier.definition().kind == ClassifierKind::kJson && opening == '{';
  }
  if (!sample.whole && needs_document && size <= kMaxJsonDocumentBytes) {
    sample.text = file->ReadString(0, static_cast<size_t>(size));
    sample.whole = true;
  }
  if (!sample.whole) {
    size_t last = sample.text.rfind('\n');
    if (last == std::string::npos) {
      result.reason = "no line break in the first " + std::to_string(kSampleBytes) + " bytes";
      return result;
    }
    sample.text.resize(last + 1);
  }
  if (sample.text.find('\0') != std::string::npos || !IsValidUtf8(sample.text)) {
    result.reason = "binary content (not UTF-8 text), and no Parquet magic";
    return result;
  }

  for (const auto& classifier : custom) {
    const Classifier& definition = classifier.definition();
    FileClassification candidate;
    bool accepted = false;
    switch (definition.kind) {
      case ClassifierKind::kGrok: accepted = TryGrok(*classifier.grok(), definition, sample, candidate); break;
      case ClassifierKind::kCsv: accepted = TryCustomCsv(definition, sample, candidate); break;
      case ClassifierKind::kJson: accepted = TryJsonPath(definition, sample, candidate); break;
    }
    if (accepted) {
      candidate.classifier = definition.name;
      return candidate;
    }
  }
  try {
    if (TryBuiltinJson(sample, result)) return result;
  } catch (const Error& error) {
    FileClassification failed;
    failed.reason = std::string("starts like JSON but does not parse: ") + error.what();
    failed.failed = true;
    return failed;
  }
  formats::csv::CsvReadOptions options;
  options.parallel = false;
  FileClassification csv;
  if (TryCsv(sample, options, {}, false, csv)) return csv;
  result.reason = "no classifier recognised it (not Parquet, JSON, or CSV with 2+ consistent columns)";
  return result;
}

}  // namespace

CustomClassifier::CustomClassifier(catalog::Classifier definition)
    : definition_(std::move(definition)) {
  ValidateClassifier(definition_);
  if (definition_.kind == ClassifierKind::kGrok) {
    grok_ = std::make_shared<GrokPattern>(definition_.grok_pattern, definition_.custom_patterns);
  }
}

void ValidateClassifier(const catalog::Classifier& classifier) {
  switch (classifier.kind) {
    case ClassifierKind::kCsv:
      if (classifier.delimiter.size() > 1) {
        ThrowInvalid("CSV classifier " + classifier.name + ": the delimiter must be one character");
      }
      if (classifier.quote_symbol.size() > 1) {
        ThrowInvalid("CSV classifier " + classifier.name + ": the quote symbol must be one character");
      }
      if (!classifier.delimiter.empty() && classifier.delimiter == classifier.quote_symbol) {
        ThrowInvalid("CSV classifier " + classifier.name + ": delimiter and quote must differ");
      }
      break;
    case ClassifierKind::kJson:
      if (classifier.json_path.empty()) {
        ThrowInvalid("JSON classifier " + classifier.name + " needs a JSON path such as $[*]");
      }
      JsonPath{classifier.json_path};
      break;
    case ClassifierKind::kGrok:
      if (classifier.classification.empty()) {
        ThrowInvalid("Grok classifier " + classifier.name +
                     " needs a classification (the format name it reports, such as apache_log)");
      }
      GrokPattern(classifier.grok_pattern, classifier.custom_patterns);
      break;
  }
}

FileClassification ClassifyFile(const std::string& path, uint64_t size,
                                const std::vector<CustomClassifier>& custom) {
  (void)size;
  try {
    return Classify(storage::FileSystemFor(path).OpenForRead(path), custom);
  } catch (const Error& error) {
    FileClassification result;
    result.reason = error.what();
    result.failed = true;
    return result;
  }
}

FileClassification ClassifyBytes(const std::string& path, const std::string& bytes,
                                 const std::vector<CustomClassifier>& custom) {
  try {
    return Classify(std::make_unique<storage::MemoryFile>(path, bytes), custom);
  } catch (const Error& error) {
    FileClassification result;
    result.reason = error.what();
    result.failed = true;
    return result;
  }
}

}  // namespace basin::crawler
