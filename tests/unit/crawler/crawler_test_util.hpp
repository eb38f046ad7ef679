#pragma once

// Helpers of the crawler tests: scratch folders and lake files written through formats/.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "formats/file_format.hpp"

namespace basin::crawler::testing {

// A fresh directory under $TMPDIR, removed with everything in it at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "basin-crawler-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& relative) const { return (path_ / relative).string(); }

 private:
  std::filesystem::path path_;
};

inline void WriteText(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Writes `csv_text` (with a header) as a Parquet file at `path`, types inferred by the CSV
// reader.
inline void WriteParquet(const std::string& path, const std::string& csv_text) {
  std::string staging = path + ".source.csv";
  WriteText(staging, csv_text);
  auto reader = formats::OpenFileReader(staging, formats::FileFormat::kCsv);
  auto writer = formats::CreateFileWriter(path, formats::FileFormat::kParquet, reader->schema());
  columnar::DataChunk chunk;
  while (reader->Next(chunk)) writer->Write(chunk);
  writer->Finish();
  std::filesystem::remove(staging);
}

}  // namespace basin::crawler::testing
