// basin sql: Athena-style SQL over the catalogued lake, from -c, -f, stdin or an interactive
// shell.
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "cli/commands.hpp"
#include "cli/json_value.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "formats/csv/csv_writer.hpp"
#include "formats/file_format.hpp"
#include "sql/engine/session.hpp"
#include "sql/parser/parser.hpp"

namespace basin::cli {

namespace {

struct SqlArgs {
  std::string command;
  std::string file;
  std::string database = "default";
  std::string output = "table";
  std::string out;
  size_t threads = 0;
  std::string memory_limit;
};

// "8GB", "512MB", "100000" (bytes) → bytes.
size_t ParseByteSize(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::string unit = text.substr(digits);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  size_t shift = 0;
  if (unit == "KB" || unit == "K") {
    shift = 10;
  } else if (unit == "MB" || unit == "M") {
    shift = 20;
  } else if (unit == "GB" || unit == "G") {
    shift = 30;
  } else if (unit == "TB" || unit == "T") {
    shift = 40;
  } else if (!unit.empty() && unit != "B") {
    digits = 0;
  }
  if (digits == 0 || digits > 12) {
    ThrowInvalid("--memory-limit takes a size such as 512MB or 8GB, not '" + text + "'");
  }
  return static_cast<size_t>(std::stoull(text.substr(0, digits))) << shift;
}

// CSV on stdout: a header line, then the rows of each chunk, built in one buffer per chunk.
// NULL is an empty field; an empty string is quoted (AppendCsvField), so the two differ.
void PrintCsvHeader(const std::vector<std::string>& names) {
  std::string line;
  for (size_t c = 0; c < names.size(); ++c) {
    if (c > 0) line += ',';
    formats::csv::AppendCsvField(line, names[c]);
  }
  line += '\n';
  std::cout << line;
}

void PrintCsvRows(const columnar::DataChunk& chunk) {
  std::string text;
  for (size_t r = 0; r < chunk.size(); ++r) {
    for (size_t c = 0; c < chunk.column_count(); ++c) {
      if (c > 0) text += ',';
      bool is_null = false;
      std::string cell = sql::CellText(chunk.column(c), r, &is_null);
      if (!is_null) formats::csv::AppendCsvField(text, cell);
    }
    text += '\n';
  }
  std::cout << text;
}

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.2f %s", value, units[unit]);
  return text;
}

nlohmann::ordered_json RowsAsJson(const sql::StatementResult& result) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& chunk : result.chunks) {
    for (size_t r = 0; r < chunk.size(); ++r) {
      nlohmann::ordered_json row = nlohmann::ordered_json::object();
      for (size_t c = 0; c < chunk.column_count(); ++c) {
        row[result.column_names[c]] = ValueToJson(chunk.column(c).GetValue(r));
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

void WriteParquet(const sql::StatementResult& result, const std::string& path) {
  types::Schema schema;
  for (size_t c = 0; c < result.column_names.size(); ++c) {
    schema.Add(types::Field{result.column_names[c], result.column_types[c], true});
  }
  auto writer = formats::CreateFileWriter(path, formats::FileFormat::kParquet, schema);
  for (const auto& chunk : result.chunks) writer->Write(chunk);
  writer->Finish();
}

// CSV, JSON and Parquet output stream: rows are printed (written) as the query produces them,
// so big results never sit in memory. The aligned table needs every row first.
class CsvSink : public sql::ResultSink {
 public:
  void Begin(const std::vector<std::string>& names,
             const std::vector<types::LogicalType>&) override {
    PrintCsvHeader(names);
  }
  void Chunk(const columnar::DataChunk& chunk) override { PrintCsvRows(chunk); }
};

// One JSON array of row objects, written row by row.
class JsonSink : public sql::ResultSink {
 public:
  ~JsonSink() override {
    if (begun_) std::cout << "]\n";
  }
  void Begin(const std::vector<std::string>& names,
             const std::vector<types::LogicalType>&) override {
    names_ = names;
    begun_ = true;
    std::cout << "[";
  }
  void Chunk(const columnar::DataChunk& chunk) override {
    for (size_t r = 0; r < chunk.size(); ++r) {
      nlohmann::ordered_json row = nlohmann::ordered_json::object();
      for (size_t c = 0; c < chunk.column_count(); ++c) {
        row[names_[c]] = ValueToJson(chunk.column(c).GetValue(r));
      }
      std::cout << (first_ ? "" : ",") << row.dump();
      first_ = false;
    }
  }

 private:
  std::vector<std::string> names_;
  bool begun_ = false;
  bool first_ = true;
};

class ParquetSink : public sql::ResultSink {
 public:
  explicit ParquetSink(std::string path) : path_(std::move(path)) {}
  void Begin(const std::vector<std::string>& names,
             const std::vector<types::LogicalType>& types) override {
    types::Schema schema;
    for (size_t c = 0; c < names.size(); ++c) schema.Add(types::Field{names[c], types[c], true});
    writer_ = formats::CreateFileWriter(path_, formats::FileFormat::kParquet, schema);
  }
  void Chunk(const columnar::DataChunk& chunk) override { writer_->Write(chunk); }
  // Publishes the file; a sink destroyed without Finish (a failed query) leaves nothing.
  void Finish() {
    if (writer_) writer_->Finish();
  }

 private:
  std::string path_;
  std::unique_ptr<formats::FileWriter> writer_;
};

// Prints one statement's result in the chosen form; statistics go to stderr for people.
void PrintResult(const sql::StatementResult& result, const SqlArgs& args,
                 const GlobalOptions& options) {
  if (options.json) {
    nlohmann::ordered_json document = {{"statement_type", result.statement_type}};
    if (!result.query_id.empty()) document["query_id"] = result.query_id;
    if (result.has_result) {
      nlohmann::ordered_json columns = nlohmann::ordered_json::array();
      for (size_t c = 0; c < result.column_names.size(); ++c) {
        columns.push_back(
            {{"name", result.column_names[c]}, {"type", result.column_types[c].ToString()}});
      }
      document["columns"] = columns;
      document["rows"] = RowsAsJson(result);
      document["row_count"] = result.row_count;
    }
    if (!result.message.empty()) document["message"] = result.message;
    document["elapsed_seconds"] = result.elapsed_seconds;
    document["bytes_scanned"] = result.bytes_scanned;
    std::cout << document.dump(2) << "\n";
    return;
  }
  if (!result.has_result) {
    // Only the table form is for people; CSV / JSON on stdout stay clean for scripts.
    (args.output == "table" ? std::cout : std::cerr) << result.message << "\n";
    return;
  }
  if (result.streamed) {
    // Already printed by the sink.
  } else if (args.output == "csv") {
    PrintCsvHeader(result.column_names);
    for (const auto& chunk : result.chunks) PrintCsvRows(chunk);
  } else if (args.output == "json") {
    std::cout << RowsAsJson(result).dump() << "\n";
  } else if (args.output == "parquet") {
    WriteParquet(result, args.out);
  } else {
    PrintTable(std::cout, result.column_names, result.RowsAsText(), 200);
  }
  std::cerr << "(" << result.row_count << (result.row_count == 1 ? " row" : " rows") << ", "
            << std::fixed;
  std::cerr.precision(3);
  std::cerr << result.elapsed_seconds << " s, " << HumanBytes(result.bytes_scanned)
            << " scanned";
  if (!result.query_id.empty()) std::cerr << ", query id " << result.query_id;
  std::cerr << ")\n";
}

// Runs a script statement by statement, printing each result; the first error stops it,
// naming the statement's number and line.
void RunScript(sql::Session& session, const std::string& text, const SqlArgs& args,
               const GlobalOptions& options) {
  std::vector<sql::StatementPtr> statements = sql::ParseScript(text);
  for (size_t i = 0; i < statements.size(); ++i) {
    try {
      // Query rows stream for the machine formats; --json documents and tables need them all.
      std::unique_ptr<sql::ResultSink> sink;
      ParquetSink* parquet = nullptr;
      if (!options.json && statements[i]->kind == sql::StatementKind::kQuery) {
        if (args.output == "csv") {
          sink = std::make_unique<CsvSink>();
        } else if (args.output == "json") {
          sink = std::make_unique<JsonSink>();
        } else if (args.output == "parquet") {
          auto owned = std::make_unique<ParquetSink>(args.out);
          parquet = owned.get();
          sink = std::move(owned);
        }
      }
      sql::StatementResult result = session.ExecuteStatement(*statements[i], text, sink.get());
      if (parquet != nullptr) parquet->Finish();
      sink.reset();
      PrintResult(result, args, options);
    } catch (const Error& error) {
      if (statements.size() == 1) throw;
      throw Error(error.code(), "statement " + std::to_string(i + 1) + " (line " +
                                    std::to_string(statements[i]->pos.line) +
                                    "): " + error.what());
    }
  }
}

// True when `text` holds a statement ended by ';' outside strings, quoted names and comments.
bool StatementComplete(const std::string& text) {
  char quote = 0;
  bool ended = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      ended = false;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == ';') {
      ended = true;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      ended = false;
    }
  }
  return ended && quote == 0;
}

void RunShell(sql::Session& session, const std::filesystem::path& home, const SqlArgs& args,
              const GlobalOptions& options) {
  std::ofstream history(home / "sql_history", std::ios::app);
  std::cerr << "basin sql " << BASIN_VERSION << ": end statements with ';', quit with \\q or "
            << "Ctrl-D\n";
  std::string buffer;
  std::string line;
  while (true) {
    std::cerr << (buffer.empty() ? session.current_database() + "> " : "    -> ") << std::flush;
    if (!std::getline(std::cin, line)) break;
    if (buffer.empty() && (line == "\\q" || line == "quit" || line == "exit")) break;
    buffer += line + "\n";
    if (!StatementComplete(buffer)) continue;
    history << buffer << std::flush;
    try {
      RunScript(session, buffer, args, options);
    } catch (const Error& error) {
      std::cerr << "basin: " << ErrorCodeName(error.code()) << ": " << error.what() << "\n";
    }
    buffer.clear();
  }
  std::cerr << "\n";
}

void RunSql(const SqlArgs& args, const GlobalOptions& options) {
  if (!args.command.empty() && !args.file.empty()) ThrowInvalid("give either -c or -f, not both");
  if (args.output != "table" && args.output != "csv" && args.output != "json" &&
      args.output != "parquet") {
    ThrowInvalid("--output takes table, csv, json or parquet, not '" + args.output + "'");
  }
  if (args.output == "parquet" && args.out.empty()) {
    ThrowInvalid("--output parquet needs --out FILE");
  }
  std::filesystem::path home = catalog::ResolveBasinHome(options.home);
  auto catalog = catalog::OpenHomeCatalog(home.string());
  sql::SessionOptions session_options;
  session_options.database = args.database;
  session_options.save_results = true;
  session_options.threads = args.threads;
  if (!args.memory_limit.empty()) {
    session_options.memory_limit_bytes = ParseByteSize(args.memory_limit);
  }
  sql::Session session(home, *catalog, session_options);
  if (!args.command.empty()) {
    RunScript(session, args.command, args, options);
  } else if (!args.file.empty()) {
    std::ifstream in(args.file, std::ios::binary);
    if (!in) ThrowIO("cannot read " + args.file);
    std::stringstream text;
    text << in.rdbuf();
    RunScript(session, text.str(), args, options);
  } else if (isatty(STDIN_FILENO)) {
    RunShell(session, home, args, options);
  } else {
    std::stringstream text;
    text << std::cin.rdbuf();
    RunScript(session, text.str(), args, options);
  }
}

}  // namespace

void AddSqlCommand(CLI::App& app, GlobalOptions& options) {
  auto args = std::make_shared<SqlArgs>();
  CLI::App* command = app.add_subcommand(
      "sql", "Run SQL (Athena's dialect) over the catalogued lake");
  command->footer(
      "Examples:\n"
      "  basin sql -c \"SHOW TABLES\"\n"
      "  basin sql --database movies -c \"SELECT count(*) FROM film\"\n"
      "  basin sql -f report.sql --output csv > report.csv\n"
      "  basin sql                                   # interactive shell\n"
      "Each query's result is also saved as <home>/results/<query id>.csv.");
  command->add_option("-c,--command", args->command, "SQL to run (one or more statements)");
  command->add_option("-f,--file", args->file, "Script of statements separated by ';'");
  command->add_option("--database", args->database, "Current database (default: default)");
  command->add_option("--output", args->output, "Result format: table, csv, json, parquet");
  command->add_option("--out", args->out, "File for --output parquet");
  command->add_option("--threads", args->threads, "Worker threads per query (default: all cores)");
  command->add_option("--memory-limit", args->memory_limit,
                      "Memory a query may hold, e.g. 2GB (default: 8GB); more is "
                      "ResourceExhausted");
  command->callback([args, &options] { RunSql(*args, options); });
}

}  // namespace basin::cli
