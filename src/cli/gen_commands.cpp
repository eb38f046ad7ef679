// basin gen tpch: the TPC-H tables at a scale factor, as lake files.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "datagen/tpch_generator.hpp"
#include "formats/file_format.hpp"

namespace basin::cli {

namespace {

struct TpchArgs {
  double scale_factor = 1;
  std::string format = "parquet";
  std::string out;
  std::vector<std::string> tables;
  std::string compression;
  size_t row_group_rows = 0;
};

void RunGenTpch(const TpchArgs& args, const GlobalOptions& options) {
  using datagen::tpch::Table;
  formats::FileFormat format = formats::ParseFileFormat(args.format);
  std::vector<Table> tables;
  if (args.tables.empty()) {
    tables.assign(datagen::tpch::AllTables().begin(), datagen::tpch::AllTables().end());
  } else {
    for (const auto& name : args.tables) tables.push_back(datagen::tpch::ParseTable(name));
  }
  datagen::tpch::Generator generator(args.scale_factor);
  formats::WriteOptions write_options;
  write_options.compression = args.compression;
  if (args.row_group_rows > 0) write_options.row_group_rows = args.row_group_rows;
  // TPC-H's flat files are '|'-separated; so are ours, with a header row.
  write_options.csv.delimiter = '|';
  write_options.csv.header = true;

  std::string extension(formats::FileFormatName(format));
  nlohmann::json written = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  double total_seconds = 0;
  const bool show_progress = !options.json && isatty(STDERR_FILENO);
  for (Table table : tables) {
    std::string name(datagen::tpch::TableName(table));
    std::string path = (std::filesystem::path(args.out) / name / (name + "." + extension)).string();
    auto start = std::chrono::steady_clock::now();
    auto writer =
        formats::CreateFileWriter(path, format, datagen::tpch::TableSchema(table), write_options);
    uint64_t row_count = 0;
    uint64_t chunks = 0;
    const auto expected = static_cast<double>(generator.scale().RowCount(table));
    generator.Generate(table, [&](columnar::DataChunk& chunk) {
      writer->Write(chunk);
      row_count += chunk.size();
      if (show_progress && ++chunks % 64 == 0) {
        std::fprintf(stderr, "\r%s: %llu rows (%.0f%%)", name.c_str(),
                     static_cast<unsigned long long>(row_count),
                     std::min(99.0, 100.0 * static_cast<double>(row_count) / expected));
      }
    });
    writer->Finish();
    if (show_progress) std::fprintf(stderr, "\r\033[K");
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    total_seconds += seconds;
    written.push_back({{"table", name}, {"rows", row_count}, {"seconds", seconds}, {"path", path}});
    char time_text[32];
    std::snprintf(time_text, sizeof(time_text), "%.2f", seconds);
    rows.push_back({name, std::to_string(row_count), time_text, path});
  }
  if (options.json) {
    std::cout << nlohmann::json{{"scale_factor", args.scale_factor},
                                {"format", extension},
                                {"seconds", total_seconds},
                                {"tables", written}}
                     .dump(2)
              << "\n";
  } else {
    PrintTable(std::cout, {"table", "rows", "seconds", "file"}, rows, 200);
  }
}

}  // namespace

void AddGenCommands(CLI::App& app, GlobalOptions& options) {
  auto* gen = app.add_subcommand("gen", "Generate test data sets");
  gen->require_subcommand(1);

  auto args = std::make_shared<TpchArgs>();
  auto* tpch = gen->add_subcommand(
      "tpch", "TPC-H-shaped tables (part, supplier, partsupp, customer, orders, lineitem, …)");
  tpch->add_option("--sf", args->scale_factor,
                   "Scale factor, 0.001 to 10000 (default 1: 6 million lineitem rows)");
  tpch->add_option("--format", args->format, "parquet (default), csv ('|'-separated) or json");
  tpch->add_option("--out", args->out, "Folder to write DIR/<table>/<table>.<format> into")
      ->required();
  tpch->add_option("--tables", args->tables, "Only these tables (comma-separated)")->delimiter(',');
  tpch->add_option("--compression", args->compression,
                   "Parquet: snappy (default), zstd, gzip, lz4_raw or none");
  tpch->add_option("--row-group-rows", args->row_group_rows,
                   "Parquet: rows per row group (default 1048576)");
  tpch->footer(
      "Examples:\n"
      "  basin gen tpch --sf 0.1 --out data/tpch\n"
      "  basin gen tpch --sf 1 --format csv --tables lineitem,orders --out data/tpch-csv");
  tpch->callback([args, &options] { RunGenTpch(*args, options); });
}

}  // namespace basin::cli
