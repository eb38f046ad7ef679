// Basin side of the format benchmark: one case per process, timed inside, printed as one JSON
// line (the shape duckdb_bench.mjs prints for DuckDB).
//
//   format_bench read-parquet FILE                      decode every column
//   format_bench write-parquet INPUT OUTPUT [CODEC]     load INPUT, time only writing OUTPUT
//   format_bench read-csv FILE                          parse every column, types detected
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "formats/file_format.hpp"

namespace {

using basin::columnar::DataChunk;
using basin::formats::FileFormat;

uint64_t PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// User + system CPU time of all the process's threads, in seconds.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Reads every row of every column and drops it.
uint64_t ReadAll(const std::string& path, FileFormat format) {
  auto reader = basin::formats::OpenFileReader(path, format);
  DataChunk chunk;
  uint64_t rows = 0;
  while (reader->Next(chunk)) rows += chunk.size();
  return rows;
}

int Run(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: format_bench read-parquet FILE | write-parquet INPUT OUTPUT [CODEC] | "
                 "read-csv FILE\n";
    return 2;
  }
  std::string mode = argv[1];
  uint64_t rows = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  nlohmann::json extra = nlohmann::json::object();
  if (mode == "read-parquet" || mode == "read-csv") {
    double cpu_start = CpuSeconds();
    auto start = std::chrono::steady_clock::now();
    rows = ReadAll(argv[2], mode == "read-parquet" ? FileFormat::kParquet : FileFormat::kCsv);
    seconds = SecondsSince(start);
    cpu_seconds = CpuSeconds() - cpu_start;
  } else if (mode == "write-parquet" && argc >= 4) {
    // The table is loaded whole first, as DuckDB's side loads it into a table.
    auto reader = basin::formats::OpenFileReader(argv[2], FileFormat::kParquet);
    std::vector<DataChunk> chunks;
    DataChunk chunk(reader->schema(), 0);
    while (reader->Next(chunk)) {
      rows += chunk.size();
      chunks.push_back(std::move(chunk));
      chunk = DataChunk(reader->schema(), 0);
    }
    basin::formats::WriteOptions options;
    options.compression = argc >= 5 ? argv[4] : "snappy";
    extra["compression"] = options.compression;
    double cpu_start = CpuSeconds();
    auto start = std::chrono::steady_clock::now();
    auto writer =
        basin::formats::CreateFileWriter(argv[3], FileFormat::kParquet, reader->schema(), options);
    for (const auto& batch : chunks) writer->Write(batch);
    writer->Finish();
    seconds = SecondsSince(start);
    cpu_seconds = CpuSeconds() - cpu_start;
  } else {
    std::cerr << "format_bench: unknown mode " << mode << "\n";
    return 2;
  }
  nlohmann::json result = {{"engine", "basin"},
                           {"mode", mode},
                           {"rows", rows},
                           {"seconds", seconds},
                           {"cpu_seconds", cpu_seconds},
                           {"peak_rss_bytes", PeakRssBytes()}};
  result.update(extra);
  std::cout << result.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const basin::Error& error) {
    std::cerr << "format_bench: " << basin::ErrorCodeName(error.code()) << ": " << error.what()
              << "\n";
    return basin::ExitCodeFor(error.code());
  }
}
