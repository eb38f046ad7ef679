#pragma once

// Classifying one lake file by its content, as Glue's classifiers do: the crawler's custom
// classifiers first, in the crawler's order, then the built-ins — Parquet (the PAR1 magic at
// both ends; the schema and row count from the footer), JSON (a first '{' or '['; records
// sampled), CSV (valid UTF-8 text whose sampled rows split into a consistent number of
// fields, at least two). A file no classifier accepts is UNKNOWN with the reason, never
// guessed. Only the footer (Parquet) or the first kSampleBytes (text) are read.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "catalog/crawler_types.hpp"
#include "crawler/grok.hpp"

namespace basin::crawler {

// Bytes of a text file read to classify it and infer its schema (Glue reads the first 1 MB).
inline constexpr size_t kSampleBytes = size_t{1} << 20;
// A JSON array or a JSON-path classifier needs the whole document; larger files are UNKNOWN.
inline constexpr size_t kMaxJsonDocumentBytes = size_t{64} << 20;

inline constexpr std::string_view kUnknown = "UNKNOWN";

// What a classifier learnt about one file.
struct FileClassification {
  std::string classification = std::string(kUnknown);  // parquet, csv, json, a grok one…
  std::string classifier;                  // the custom classifier's name; empty: built-in
  std::vector<catalog::Column> columns;
  int64_t record_count = 0;  // exact for Parquet and whole samples, else estimated
  std::string compression = "none";        // parquet: the first column chunk's codec
  // CSV: how it splits.
  char delimiter = ',';
  char quote = '"';
  bool has_header = false;
  // JSON classifier: the JSON path of the records.
  std::string json_path;
  // Grok: the pattern, for the table's SerDe.
  std::string grok_pattern;
  std::string custom_patterns;
  // Why the file is UNKNOWN (empty when classified), and whether that is an error to report
  // (corrupt or unreadable), not just an unrecognised format.
  std::string reason;
  bool failed = false;
};

// A custom classifier compiled once per crawl (a Grok pattern is compiled here, so an invalid
// pattern fails the crawl's start, not each file).
class CustomClassifier {
 public:
  explicit CustomClassifier(catalog::Classifier definition);
  const catalog::Classifier& definition() const { return definition_; }
  const GrokPattern* grok() const { return grok_.get(); }

 private:
  catalog::Classifier definition_;
  std::shared_ptr<GrokPattern> grok_;
};

// Checks a classifier definition (delimiter and quote one character, a JSON path that parses,
// a Grok pattern that compiles); InvalidInput naming the problem.
void ValidateClassifier(const catalog::Classifier& classifier);

// Classifies the file at `path` (`size` bytes). Never throws for the file's content: an
// unreadable or corrupt file is UNKNOWN with failed set and the reason.
FileClassification ClassifyFile(const std::string& path, uint64_t size,
                                const std::vector<CustomClassifier>& custom);

// The same over bytes in memory (tests; `bytes` is the whole file).
FileClassification ClassifyBytes(const std::string& path, const std::string& bytes,
                                 const std::vector<CustomClassifier>& custom);

}  // namespace basin::crawler
