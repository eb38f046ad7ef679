// basin schema | head | convert: looking at and converting single lake files.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/json_value.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "formats/file_format.hpp"

namespace basin::cli {

namespace {

struct FileArgs {
  std::string input;
  std::string output;
  std::string input_format;
  std::string output_format;
  std::string compression;
  std::vector<std::string> columns;
  size_t rows = 10;
  size_t row_group_rows = 0;
};

formats::FileFormat InputFormat(const FileArgs& args) {
  return args.input_format.empty() ? formats::DetectFileFormat(args.input)
                                   : formats::ParseFileFormat(args.input_format);
}

void RunSchema(const FileArgs& args, const GlobalOptions& options) {
  auto reader = formats::OpenFileReader(args.input, InputFormat(args));
  const auto& schema = reader->schema();
  if (options.json) {
    nlohmann::ordered_json columns = nlohmann::ordered_json::array();
    for (const auto& field : schema.fields()) {
      columns.push_back(
          {{"name", field.name}, {"type", field.type.ToString()}, {"nullable", field.nullable}});
    }
    nlohmann::ordered_json document = {{"file", args.input}, {"columns", columns}};
    std::cout << document.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& field : schema.fields()) {
    rows.push_back({field.name, field.type.ToString(), field.nullable ? "yes" : "no"});
  }
  PrintTable(std::cout, {"column", "type", "nullable"}, rows, 200);
}

void RunHead(const FileArgs& args, const GlobalOptions& options) {
  formats::ReadOptions read_options;
  read_options.columns = args.columns;
  auto reader = formats::OpenFileReader(args.input, InputFormat(args), read_options);
  const auto& schema = reader->schema();
  std::vector<std::vector<std::string>> rows;
  nlohmann::ordered_json json_rows = nlohmann::ordered_json::array();
  columnar::DataChunk chunk;
  while (rows.size() < args.rows && json_rows.size() < args.rows && reader->Next(chunk)) {
    for (size_t r = 0; r < chunk.size() && std::max(rows.size(), json_rows.size()) < args.rows;
         ++r) {
      std::vector<std::string> row;
      nlohmann::ordered_json json_row = nlohmann::ordered_json::object();
      for (size_t c = 0; c < chunk.column_count(); ++c) {
        types::Value value = chunk.column(c).GetValue(r);
        if (options.json) {
          json_row[schema[c].name] = ValueToJson(value);
        } else {
          row.push_back(value.ToString());
        }
      }
      if (options.json) {
        json_rows.push_back(std::move(json_row));
      } else {
        rows.push_back(std::move(row));
      }
    }
  }
  if (options.json) {
    std::cout << json_rows.dump(2) << "\n";
    return;
  }
  std::vector<std::string> headers;
  for (const auto& field : schema.fields()) headers.push_back(field.name);
  PrintTable(std::cout, headers, rows);
}

void RunConvert(const FileArgs& args, const GlobalOptions& options) {
  formats::FileFormat output_format;
  if (!args.output_format.empty()) {
    output_format = formats::ParseFileFormat(args.output_format);
  } else if (auto by_extension = formats::FormatFromExtension(args.output)) {
    output_format = *by_extension;
  } else {
    ThrowInvalid("cannot tell the output format from '" + args.output +
                 "': give --format parquet|csv|json or a .parquet/.csv/.json name");
  }
  formats::ReadOptions read_options;
  read_options.columns = args.columns;
  auto reader = formats::OpenFileReader(args.input, InputFormat(args), read_options);
  formats::WriteOptions write_options;
  write_options.compression = args.compression;
  if (args.row_group_rows > 0) write_options.row_group_rows = args.row_group_rows;
  auto writer =
      formats::CreateFileWriter(args.output, output_format, reader->schema(), write_options);
  columnar::DataChunk chunk;
  uint64_t rows = 0;
  while (reader->Next(chunk)) {
    writer->Write(chunk);
    rows += chunk.size();
  }
  writer->Finish();
  if (options.json) {
    std::cout << nlohmann::json{{"input", args.input},
                                {"output", args.output},
                                {"format", formats::FileFormatName(output_format)},
                                {"rows", rows}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "wrote " << rows << " rows to " << args.output << " ("
              << formats::FileFormatName(output_format) << ")\n";
  }
}

}  // namespace

void AddFileCommands(CLI::App& app, GlobalOptions& options) {
  auto args = std::make_shared<FileArgs>();

  auto* schema = app.add_subcommand("schema", "Show the columns and types of a Parquet, CSV or JSON file");
  schema->add_option("FILE", args->input, "The file to inspect")->required();
  schema->add_option("--input-format", args->input_format,
                     "parquet, csv or json (default: detected from the content)");
  schema->footer("Example: basin schema lake/movie_rental/film/part-0.parquet --json");
  schema->callback([args, &options] { RunSchema(*args, options); });

  auto* head = app.add_subcommand("head", "Print the first rows of a Parquet, CSV or JSON file");
  head->add_option("FILE", args->input, "The file to read")->required();
  head->add_option("-n,--rows", args->rows, "How many rows (default 10)");
  head->add_option("--columns", args->columns, "Only these columns (comma-separated)")
      ->delimiter(',');
  head->add_option("--input-format", args->input_format,
                   "parquet, csv or json (default: detected from the content)");
  head->footer("Example: basin head film.parquet -n 5 --columns film_id,title");
  head->callback([args, &options] { RunHead(*args, options); });

  auto* convert = app.add_subcommand("convert", "Convert a file between Parquet, CSV and JSON");
  convert->add_option("IN", args->input, "The file to read")->required();
  convert->add_option("OUT", args->output, "The file to write (published only when complete)")
      ->required();
  convert->add_option("--format", args->output_format,
                      "Output format: parquet, csv or json (default: from OUT's extension)");
  convert->add_option("--input-format", args->input_format,
                      "parquet, csv or json (default: detected from the content)");
  convert->add_option("--compression", args->compression,
                      "Parquet: snappy (default), zstd, gzip, lz4_raw or none");
  convert->add_option("--row-group-rows", args->row_group_rows,
                      "Parquet: rows per row group (default 1048576)");
  convert->add_option("--columns", args->columns, "Only these columns (comma-separated)")
      ->delimiter(',');
  convert->footer(
      "Examples:\n"
      "  basin convert film.csv film.parquet\n"
      "  basin convert film.parquet film.json --format json\n"
      "  basin convert rental.csv rental.parquet --compression zstd");
  convert->callback([args, &options] { RunConvert(*args, options); });
}

}  // namespace basin::cli
