// basin schema | head | convert: looking at and converting single lake files.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/json_value.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "formats/csv/csv_reader.hpp"
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
  // CSV input dialect (detected when not given) and CSV output dialect.
  std::string delimiter;
  std::string header = "auto";
  std::vector<std::string> null_strings;
  bool skip_malformed = false;
  std::string out_delimiter = ",";
  bool no_header = false;
};

// "," or "|" as given; "\t" and "tab" for a tab.
char DelimiterChar(const std::string& text, const char* option) {
  if (text == "\\t" || text == "tab" || text == "\t") return '\t';
  if (text.size() != 1) {
    ThrowInvalid(std::string(option) + " takes one character (or tab), not '" + text + "'");
  }
  return text[0];
}

formats::ReadOptions ReadOptionsOf(const FileArgs& args) {
  formats::ReadOptions options;
  options.columns = args.columns;
  auto& csv = options.csv;
  if (!args.delimiter.empty()) csv.delimiter = DelimiterChar(args.delimiter, "--delimiter");
  if (args.header == "yes") {
    csv.header = formats::csv::HeaderMode::kYes;
  } else if (args.header == "no") {
    csv.header = formats::csv::HeaderMode::kNo;
  } else if (args.header != "auto") {
    ThrowInvalid("--header takes yes, no or auto, not '" + args.header + "'");
  }
  csv.null_strings = args.null_strings;
  if (args.skip_malformed) csv.on_malformed = formats::csv::MalformedRowPolicy::kSkip;
  return options;
}

// Rows a CSV reader dropped under --skip-malformed (0 for other readers).
uint64_t SkippedRows(const formats::FileReader& reader) {
  const auto* csv = dynamic_cast<const formats::csv::CsvReader*>(&reader);
  return csv == nullptr ? 0 : csv->skipped_rows();
}

// The CSV input options every reading command takes.
void AddCsvInputOptions(CLI::App* command, FileArgs& args) {
  command->add_option("--delimiter", args.delimiter,
                      "CSV: field separator, e.g. ',' '|' ';' tab (default: detected)");
  command->add_option("--header", args.header, "CSV: first row names the columns: yes, no, auto");
  command->add_option("--null", args.null_strings, "CSV: text that means NULL (repeatable)");
  command->add_flag("--skip-malformed", args.skip_malformed,
                    "CSV: skip and count rows that cannot be read instead of failing");
}

formats::FileFormat InputFormat(const FileArgs& args) {
  return args.input_format.empty() ? formats::DetectFileFormat(args.input)
                                   : formats::ParseFileFormat(args.input_format);
}

void RunSchema(const FileArgs& args, const GlobalOptions& options) {
  auto reader = formats::OpenFileReader(args.input, InputFormat(args), ReadOptionsOf(args));
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
  auto reader = formats::OpenFileReader(args.input, InputFormat(args), ReadOptionsOf(args));
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
  auto reader = formats::OpenFileReader(args.input, InputFormat(args), ReadOptionsOf(args));
  formats::WriteOptions write_options;
  write_options.csv.delimiter = DelimiterChar(args.out_delimiter, "--out-delimiter");
  write_options.csv.header = !args.no_header;
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
  uint64_t skipped = SkippedRows(*reader);
  if (options.json) {
    std::cout << nlohmann::json{{"input", args.input},
                                {"output", args.output},
                                {"format", formats::FileFormatName(output_format)},
                                {"rows", rows},
                                {"skipped_rows", skipped}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "wrote " << rows << " rows to " << args.output << " ("
              << formats::FileFormatName(output_format) << ")";
    if (skipped > 0) std::cout << ", skipped " << skipped << " malformed rows";
    std::cout << "\n";
  }
}

}  // namespace

void AddFileCommands(CLI::App& app, GlobalOptions& options) {
  auto args = std::make_shared<FileArgs>();

  auto* schema = app.add_subcommand("schema", "Show the columns and types of a Parquet, CSV or JSON file");
  schema->add_option("FILE", args->input, "The file to inspect")->required();
  schema->add_option("--input-format", args->input_format,
                     "parquet, csv or json (default: detected from the content)");
  AddCsvInputOptions(schema, *args);
  schema->footer("Example: basin schema lake/movie_rental/film/part-0.parquet --json");
  schema->callback([args, &options] { RunSchema(*args, options); });

  auto* head = app.add_subcommand("head", "Print the first rows of a Parquet, CSV or JSON file");
  head->add_option("FILE", args->input, "The file to read")->required();
  head->add_option("-n,--rows", args->rows, "How many rows (default 10)");
  head->add_option("--columns", args->columns, "Only these columns (comma-separated)")
      ->delimiter(',');
  head->add_option("--input-format", args->input_format,
                   "parquet, csv or json (default: detected from the content)");
  AddCsvInputOptions(head, *args);
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
  AddCsvInputOptions(convert, *args);
  convert->add_option("--out-delimiter", args->out_delimiter,
                      "CSV output: field separator (default ',')");
  convert->add_flag("--no-header", args->no_header, "CSV output: no header row");
  convert->footer(
      "Examples:\n"
      "  basin convert film.csv film.parquet\n"
      "  basin convert film.parquet film.json --format json\n"
      "  basin convert rental.csv rental.parquet --compression zstd\n"
      "  basin convert export.txt rental.parquet --delimiter tab --null NA --skip-malformed\n"
      "  basin convert film.parquet film.tsv --out-delimiter tab");
  convert->callback([args, &options] { RunConvert(*args, options); });
}

}  // namespace basin::cli
