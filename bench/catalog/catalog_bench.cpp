// Catalog operations per second on this machine, and the process time (user + sys) of
// `basin catalog table DB.T` against a catalog of 10,000 tables, which must stay under 20 ms:
// every query, job and crawler starts by resolving tables this way.
//
//   catalog_bench --dir SCRATCH --basin PATH/TO/basin [--tables 10000] [--partitions 10000]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.hpp"

namespace {

using basin::catalog::Catalog;
using Clock = std::chrono::steady_clock;

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

basin::catalog::Table BenchTable(const std::string& name, bool partitioned) {
  basin::catalog::Table table;
  table.name = name;
  for (int c = 0; c < 12; ++c) {
    table.storage_descriptor.columns.push_back({"column_" + std::to_string(c),
                                                c % 3 == 0   ? "bigint"
                                                : c % 3 == 1 ? "string"
                                                             : "decimal(10,2)",
                                                "",
                                                {}});
  }
  table.storage_descriptor.location = "/lake/bench/" + name + "/";
  table.storage_descriptor.input_format =
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
  table.storage_descriptor.serde_info.serialization_library =
      "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
  if (partitioned) table.partition_keys = {{"year", "int", "", {}}, {"day", "string", "", {}}};
  table.parameters = {{"classification", "parquet"}, {"recordCount", "100000"}};
  return table;
}

void Report(const char* operation, size_t count, double seconds) {
  std::printf("  %-44s %9zu ops %8.3f s %11.0f ops/s\n", operation, count, seconds,
              static_cast<double>(count) / seconds);
}

// Process time of one run of `basin --home HOME ARGS…`, from the child's rusage.
double ChildProcessMillis(const std::string& basin, const std::string& home,
                          std::vector<std::string> args) {
  std::fflush(stdout);  // or the child would write our buffered output again
  pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen("/dev/null", "w", stdout)) _exit(126);
    std::vector<char*> argv = {const_cast<char*>(basin.c_str()), const_cast<char*>("--home"),
                               const_cast<char*>(home.c_str())};
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(basin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "basin %s failed (status %d)\n", args.back().c_str(), status);
    std::exit(1);
  }
  auto millis = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
  return millis(usage.ru_utime) + millis(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir, basin;
  size_t table_count = 10'000, partition_count = 10'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--dir")
      dir = argv[i + 1];
    else if (flag == "--basin")
      basin = argv[i + 1];
    else if (flag == "--tables")
      table_count = std::stoul(argv[i + 1]);
    else if (flag == "--partitions")
      partition_count = std::stoul(argv[i + 1]);
  }
  if (dir.empty() || basin.empty()) {
    std::fprintf(stderr, "usage: catalog_bench --dir SCRATCH --basin BASIN [--tables N]\n");
    return 2;
  }
  std::printf("Catalog benchmark: %u cores, %s\n", std::thread::hardware_concurrency(),
              CpuModel().c_str());
  std::string home = dir + "/home";
  std::filesystem::create_directories(home);
  Catalog catalog(std::filesystem::path(home) / Catalog::kFileName);
  basin::catalog::Database database;
  database.name = "bench";
  catalog.CreateDatabase(database);

  auto start = Clock::now();
  for (size_t i = 0; i < table_count; ++i) {
    catalog.CreateTable("bench", BenchTable("t" + std::to_string(10000 + i), false));
  }
  auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  Report("create table (one transaction each)", table_count, seconds());

  std::mt19937 random(42);
  size_t gets = 20'000;
  start = Clock::now();
  for (size_t i = 0; i < gets; ++i) {
    catalog.GetTable("bench", "t" + std::to_string(10000 + random() % table_count));
  }
  Report("get table", gets, seconds());

  size_t updates = 2'000;
  start = Clock::now();
  for (size_t i = 0; i < updates; ++i) {
    catalog.UpdateTable("bench", "t" + std::to_string(10000 + random() % table_count),
                        [&](basin::catalog::Table& t) { t.parameters["n"] = std::to_string(i); });
  }
  Report("update table (read-modify-write, new version)", updates, seconds());

  start = Clock::now();
  size_t found = 0;
  for (int i = 0; i < 20; ++i) {
    basin::catalog::TableSearch search;
    search.name_pattern = "t1" + std::to_string(i % 10) + "*";
    search.parameters = {{"classification", std::string("parquet")}};
    found += catalog.SearchTables(search).items.size();
  }
  Report("search tables (glob + parameter, ~1000 hits)", 20, seconds());

  catalog.CreateTable("bench", BenchTable("partitioned", true));
  std::vector<basin::catalog::Partition> partitions;
  for (size_t i = 0; i < partition_count; ++i) {
    basin::catalog::Partition partition;
    partition.values = {std::to_string(2000 + i / 400), "d" + std::to_string(1000 + i % 400)};
    partitions.push_back(std::move(partition));
  }
  start = Clock::now();
  for (size_t first = 0; first < partitions.size(); first += 1000) {
    size_t count = std::min<size_t>(1000, partitions.size() - first);
    catalog.BatchCreatePartitions("bench", "partitioned",
                                  std::span(partitions).subspan(first, count));
  }
  Report("create partitions (batches of 1000)", partition_count, seconds());

  // Scans all 10,000 partitions and returns 500 of them, in pages of 1000 as Glue clients ask.
  const std::string filter = "year >= 2020 AND day < 'd1100'";
  size_t listings = 20, returned = 0;
  start = Clock::now();
  for (size_t i = 0; i < listings; ++i) {
    basin::catalog::PartitionQuery query{filter, {1000, ""}};
    do {
      auto page = catalog.GetPartitions("bench", "partitioned", query);
      returned += page.items.size();
      query.page.next_token = page.next_token;
    } while (!query.page.next_token.empty());
  }
  double list_seconds = seconds();
  Report("list 10,000 partitions with a filter", listings, list_seconds);
  std::printf("    (%zu partitions returned per listing; %.0f partitions scanned/s)\n",
              returned / listings, static_cast<double>(partition_count * listings) / list_seconds);

  // Process time of the CLI against the 10,000-table catalog.
  // `basin --version` is the floor: process start, dynamic loading, building the CLI.
  std::vector<double> runs, floor;
  for (int i = 0; i < 30; ++i) {
    runs.push_back(ChildProcessMillis(
        basin, home, {"catalog", "table", "bench.t" + std::to_string(10000 + 37 * i)}));
    floor.push_back(ChildProcessMillis(basin, home, {"--version"}));
  }
  std::sort(runs.begin(), runs.end());
  std::sort(floor.begin(), floor.end());
  double median = runs[runs.size() / 2];
  std::printf("\n`basin catalog table bench.tNNNNN` on %zu tables, user+sys per process:\n",
              table_count);
  std::printf("  median %.1f ms, max %.1f ms over %zu runs (limit 20 ms): %s\n", median,
              runs.back(), runs.size(), median < 20.0 ? "PASS" : "FAIL");
  std::printf("  (`basin --version`: median %.1f ms)\n", floor[floor.size() / 2]);
  return median < 20.0 && found > 0 ? 0 : 1;
}
