// basin jobs …: ETL job definitions, runs and their records.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "catalog/names.hpp"
#include "cli/commands.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "etl/compiler.hpp"
#include "etl/dag.hpp"
#include "etl/raw_copy.hpp"
#include "etl/script.hpp"
#include "types/date_time.hpp"

namespace basin::cli {

namespace {

using nlohmann::json;

struct JobArgs {
  std::string name;
  std::string description;
  std::string from_table;
  std::string to;
  std::string target_table;
  std::string compression;
  std::string dag_file;
  std::vector<std::string> arguments;  // k=v
  std::vector<std::string> tags;       // k=v
  int64_t timeout = 0;
  int64_t max_retries = -1;
  int64_t max_concurrent_runs = 0;
  int64_t worker_threads = -1;
  std::string bookmark;
  std::string shell;  // a shell job's command line
  int64_t run_id = 0;
  int64_t limit = 20;
};

std::string Time(int64_t millis) {
  if (millis == 0) return "";
  return types::FormatTimestamp((millis / 1000) * types::kMicrosPerSecond);
}

std::string Duration(int64_t millis) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f s", static_cast<double>(millis) / 1000.0);
  return text;
}

std::map<std::string, std::string> KeyValues(const std::vector<std::string>& items,
                                             std::string_view what) {
  std::map<std::string, std::string> map;
  for (const auto& item : items) {
    size_t equals = item.find('=');
    if (equals == std::string::npos || equals == 0) {
      ThrowInvalid(std::string(what) + " '" + item + "' is not KEY=VALUE");
    }
    map[item.substr(0, equals)] = item.substr(equals + 1);
  }
  return map;
}

// A lake path as given, made absolute when local (the job may run from another folder).
std::string LakePath(const std::string& path) {
  if (path.rfind("s3://", 0) == 0) return path;
  std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
  if (absolute.back() != '/') absolute.push_back('/');
  return absolute;
}

// A table name from the last folder of a path: lower case, other characters as '_'.
std::string TableNameFromPath(const std::string& path) {
  std::string trimmed = path;
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.pop_back();
  std::string last = trimmed.substr(trimmed.find_last_of('/') + 1);
  std::string name;
  for (char c : last) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    name.push_back((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
  }
  if (name.empty()) ThrowInvalid("cannot name a table after the path " + path + ": use --target-table");
  return name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kNotFound, "cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A DAG file: JSON when it starts with '{' or '[' (its errors then say where: line, column
// and byte offset), YAML otherwise.
etl::Dag ParseDagFile(const std::string& path) {
  std::string text = ReadFile(path);
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (text[first] != '{' && text[first] != '[')) {
    try {
      return etl::ParseDagText(text);
    } catch (const Error& error) {
      throw Error(error.code(), path + ": " + error.what());
    }
  }
  json parsed;
  try {
    parsed = json::parse(text);
  } catch (const json::parse_error& error) {
    // nlohmann's message has the line and column; error.byte is 1-based.
    ThrowInvalid(path + ": the job DAG is not valid JSON (byte offset " +
                 std::to_string(error.byte == 0 ? 0 : error.byte - 1) + "): " + error.what());
  }
  try {
    return etl::DagFromJson(parsed);  // validated
  } catch (const Error& error) {
    throw Error(error.code(), path + ": " + error.what());
  }
}

// The options given on the command line replace the job's.
void ApplyArgs(const CLI::App& command, const JobArgs& args, catalog::Job& job) {
  if (command.count("--description")) job.description = args.description;
  if (command.count("--arg")) job.default_arguments = KeyValues(args.arguments, "argument");
  if (command.count("--tag")) job.tags = KeyValues(args.tags, "tag");
  if (command.count("--timeout")) job.timeout_minutes = args.timeout;
  if (command.count("--max-retries")) job.max_retries = args.max_retries;
  if (command.count("--max-concurrent-runs")) job.max_concurrent_runs = args.max_concurrent_runs;
  if (command.count("--worker-threads")) job.worker_threads = args.worker_threads;
  if (command.count("--bookmark")) job.bookmark_option = catalog::ParseBookmarkOption(args.bookmark);
  if (command.count("--shell")) {
    job.command = catalog::JobCommand::kShell;
    job.script = args.shell;
    job.dag.clear();
  }
  if (command.count("--dag-file")) {
    etl::Dag dag = ParseDagFile(args.dag_file);
    job.command = catalog::JobCommand::kEtl;
    job.dag = etl::DagToText(dag);
  }
}

void PrintJob(const catalog::Job& job) {
  std::vector<std::vector<std::string>> rows = {
      {"name", job.name},
      {"description", job.description},
      {"type", std::string(catalog::JobCommandName(job.command))},
      {"timeout", std::to_string(job.timeout_minutes) + " min"},
      {"max retries", std::to_string(job.max_retries)},
      {"max concurrent runs", std::to_string(job.max_concurrent_runs)},
      {"worker threads", job.worker_threads == 0 ? "every core" : std::to_string(job.worker_threads)},
      {"bookmark", std::string(catalog::BookmarkOptionName(job.bookmark_option))},
      {"created", Time(job.created_on)},
      {"modified", Time(job.last_modified_on)}};
  for (const auto& [key, value] : job.default_arguments) rows.push_back({"argument " + key, value});
  for (const auto& [key, value] : job.tags) rows.push_back({"tag " + key, value});
  PrintTable(std::cout, {"field", "value"}, rows, 100);
  if (job.command == catalog::JobCommand::kEtl) {
    etl::Dag dag = etl::ParseDag(job.dag);
    std::vector<std::vector<std::string>> nodes;
    for (const auto& node : dag.nodes) {
      std::string inputs;
      for (const auto& input : node.inputs) inputs += (inputs.empty() ? "" : ", ") + input;
      nodes.push_back({node.id, std::string(etl::NodeKindName(node.kind)), inputs, node.name});
    }
    std::cout << "\n";
    PrintTable(std::cout, {"node", "type", "inputs", "name"}, nodes, 80);
    std::cout << "\nSQL:\n" << etl::CompileQuery(dag) << "\n";
  } else {
    std::cout << "\ncommand: " << job.script << "\n";
  }
}

void RunCreate(const CLI::App& command, const JobArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Job job;
  job.name = args.name;
  if (!args.from_table.empty()) {
    if (args.to.empty()) ThrowInvalid("--from-table needs --to PATH, the target folder");
    catalog::QualifiedName source = catalog::ParseQualifiedName(args.from_table);
    etl::RawCopySpec spec;
    spec.source_database = source.database;
    spec.source_table = source.table;
    spec.path = LakePath(args.to);
    if (args.target_table.empty()) {
      spec.target_database = source.database;
      spec.target_table = TableNameFromPath(spec.path);
    } else {
      catalog::QualifiedName target = catalog::ParseQualifiedName(args.target_table);
      spec.target_database = target.database;
      spec.target_table = target.table;
    }
    spec.compression = args.compression;
    etl::Dag dag = etl::RawCopyDag(catalog->GetTable(source.database, source.table), spec);
    job.dag = etl::DagToText(dag);
    job.description = "Raw copy of " + args.from_table + " to " + spec.path;
  } else if (args.dag_file.empty() && args.shell.empty()) {
    ThrowInvalid("give --from-table DB.T --to PATH, --dag-file FILE or --shell 'COMMAND'");
  }
  ApplyArgs(command, args, job);
  catalog->CreateJob(job);
  catalog::Job created = catalog->GetJob(args.name);
  if (options.json) {
    std::cout << json{{"Job", catalog::ToJson(created)}}.dump(2) << "\n";
  } else {
    std::cout << "created " << catalog::JobCommandName(created.command) << " job " << created.name
              << (created.description.empty() ? "" : " (" + created.description + ")") << "\n";
  }
}

void RunUpdate(const CLI::App& command, const JobArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Job job = catalog->GetJob(args.name);
  ApplyArgs(command, args, job);
  catalog->UpdateJob(args.name, job);
  catalog::Job updated = catalog->GetJob(args.name);
  if (options.json) {
    std::cout << json{{"Job", catalog::ToJson(updated)}}.dump(2) << "\n";
  } else {
    std::cout << "updated job " << updated.name << "\n";
  }
}

std::vector<std::string> RunRow(const catalog::JobRun& run) {
  int64_t end = run.completed_on != 0 ? run.completed_on : catalog::NowMillis();
  return {std::to_string(run.id),
          std::to_string(run.attempt),
          std::string(catalog::JobRunStateName(run.state)),
          Time(run.started_on),
          Duration(end - run.started_on),
          std::to_string(run.rows_read),
          std::to_string(run.rows_written),
          std::to_string(run.files_written),
          std::to_string(run.bytes_written),
          run.error_message};
}

const std::vector<std::string> kRunHeaders = {"run",          "attempt", "state",
                                              "started",      "duration", "rows read",
                                              "rows written", "files",   "bytes written",
                                              "error"};

void RunList(const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  auto jobs = catalog->GetJobs();
  if (options.json) {
    json list = json::array();
    for (const auto& job : jobs) list.push_back(catalog::ToJson(job));
    std::cout << json{{"Jobs", list}}.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& job : jobs) {
    auto runs = catalog->GetJobRuns(job.name, 1);
    std::string last;
    if (!runs.empty()) {
      last = std::string(catalog::JobRunStateName(runs[0].state)) + " " + Time(runs[0].started_on);
    }
    rows.push_back({job.name, std::string(catalog::JobCommandName(job.command)), job.description, last});
  }
  PrintTable(std::cout, {"job", "type", "description", "last run"}, rows, 70);
}

void RunShow(const JobArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Job job = catalog->GetJob(args.name);
  if (options.json) {
    std::cout << json{{"Job", catalog::ToJson(job)}}.dump(2) << "\n";
  } else {
    PrintJob(job);
    PrintJobBookmarks(*catalog, job.name);  // jobs_bookmark_commands.cpp
  }
}

void RunDelete(const JobArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->DeleteJob(args.name);
  if (options.json) {
    std::cout << json{{"JobName", catalog::NormalizeName("job name", args.name)}}.dump(2) << "\n";
  } else {
    std::cout << "deleted job " << args.name << " (its output and tables stay)\n";
  }
}

void RunScript(const JobArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Job job = catalog->GetJob(args.name);
  if (job.command != catalog::JobCommand::kEtl) {
    std::cout << job.script << "\n";
    return;
  }
  etl::Dag dag = etl::ParseDag(job.dag);
  std::string statement;
  try {
    statement = etl::CompileJob(dag, *catalog).statement;
  } catch (const Error& error) {
    // The script still shows the DAG; the reason a run would fail goes to stderr.
    std::cerr << "note: a run would fail now: " << error.what() << "\n";
  }
  std::cout << etl::JobScript(job.name, dag, statement);
}

void PrintRunDetails(const catalog::JobRun& run) {
  PrintTable(std::cout, kRunHeaders, {RunRow(run)}, 80);
  char compute[32];
  std::snprintf(compute, sizeof(compute), "%.2f", run.compute_seconds);
  std::vector<std::vector<std::string>> metrics = {
      {"duration", run.completed_on != 0 ? Duration(run.completed_on - run.started_on) : ""},
      {"compute seconds", compute},
      {"peak memory bytes", std::to_string(run.peak_memory_bytes)},
      {"rows read", std::to_string(run.rows_read)},
      {"bytes read", std::to_string(run.bytes_read)},
      {"timeout", std::to_string(run.timeout_minutes) + " min"},
      {"process", std::to_string(run.process_id)}};
  if (run.previous_run_id != 0) {
    metrics.push_back({"retry of run", std::to_string(run.previous_run_id)});
  }
  if (run.exit_code != 0) metrics.push_back({"exit code", std::to_string(run.exit_code)});
  for (const auto& [key, value] : run.arguments) metrics.push_back({"argument " + key, value});
  std::cout << "\n";
  PrintTable(std::cout, {"metric", "value"}, metrics, 100);
  if (!run.error_message.empty()) std::cout << "\nerror: " << run.error_message << "\n";
  if (!run.log.empty()) std::cout << "\nlog:\n" << run.log;
}

void RunRuns(const JobArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  if (args.run_id != 0) {
    catalog::JobRun run = catalog->GetJobRun(args.run_id);
    if (run.job_name != catalog::NormalizeName("job name", args.name)) {
      throw Error(ErrorCode::kNotFound, "job run " + std::to_string(args.run_id) +
                                            " is not a run of job " + args.name);
    }
    if (options.json) {
      std::cout << json{{"JobRun", catalog::ToJson(run)}}.dump(2) << "\n";
    } else {
      PrintRunDetails(run);
    }
    return;
  }
  auto runs = catalog->GetJobRuns(args.name, args.limit);
  if (options.json) {
    json list = json::array();
    for (const auto& run : runs) list.push_back(catalog::ToJson(run));
    std::cout << json{{"JobRuns", list}}.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& run : runs) rows.push_back(RunRow(run));
  PrintTable(std::cout, kRunHeaders, rows, 60);
}

void AddJobOptions(CLI::App* command, JobArgs& args) {
  command->add_option("--description", args.description, "What it is for");
  command->add_option("--dag-file,--file", args.dag_file,
                      "The DAG as a JSON or YAML file (see src/etl/dag.hpp)");
  command->add_option("--shell", args.shell,
                      "A shell job: the command line /bin/sh runs (arguments in $@ and "
                      "BASIN_ARG_<KEY>)");
  command->add_option("--arg", args.arguments, "Default argument KEY=VALUE (repeatable)");
  command->add_option("--tag", args.tags, "Tag KEY=VALUE (repeatable)");
  command->add_option("--timeout", args.timeout, "Minutes a run may take (default 2880)");
  command->add_option("--max-retries", args.max_retries, "Retries of a failed run (0-10)");
  command->add_option("--max-concurrent-runs", args.max_concurrent_runs,
                      "Runs at once (default 1)");
  command->add_option("--worker-threads", args.worker_threads, "Threads of a run (0: every core)");
  command->add_option("--bookmark,--bookmarks", args.bookmark, "enable, disable (default) or pause");
}

}  // namespace

void AddJobsCommands(CLI::App& app, GlobalOptions& options) {
  auto args = std::make_shared<JobArgs>();
  auto* noun = app.add_subcommand("jobs", "ETL jobs: copy and refine catalogued data into the lake");
  noun->require_subcommand(1);
  noun->footer(
      "Examples:\n"
      "  basin jobs create copy_payment --from-table aurora_movie_rental.movies_payment \\\n"
      "      --to lake/movie_rental/payment\n"
      "  basin jobs run copy_payment --wait          # here, to its end, with a progress bar\n"
      "  basin jobs run copy_payment                 # in the background: prints the run id\n"
      "  basin jobs runs copy_payment                # its runs, newest first\n"
      "  basin jobs runs copy_payment --run 3        # one run's metrics and log\n"
      "  basin jobs stop copy_payment                # STOPPING, then STOPPED; nothing written\n"
      "  basin jobs create export --shell 'tar czf /backup/lake.tgz \"$BASIN_LAKE\"'");

  auto* create = noun->add_subcommand("create", "Create a job");
  create->add_option("NAME", args->name, "Lower case a-z, 0-9 and _")->required();
  create->add_option("--from-table", args->from_table, "Raw copy: the source table DB.T");
  create->add_option("--to", args->to, "Raw copy: the target folder (local path or s3://…)");
  create->add_option("--target-table", args->target_table,
                     "Raw copy: the catalog table DB.T the run creates or appends to "
                     "(default: the source's database, named after the folder)");
  create->add_option("--compression", args->compression, "Raw copy: Parquet codec (snappy, zstd, …)");
  AddJobOptions(create, *args);
  create->footer(
      "Examples:\n"
      "  basin jobs create copy_payment --from-table aurora_movie_rental.movies_payment \\\n"
      "      --to lake/movie_rental/payment\n"
      "  basin jobs create refine --dag-file refine.json\n"
      "  basin jobs create export --shell 'aws s3 sync \"$BASIN_LAKE/movie_rental\" s3://bucket/'\n"
      "  basin jobs create nightly --shell './nightly.sh \"$@\"' --arg day=today --timeout 30 \\\n"
      "      --max-retries 2\n"
      "A shell job runs its command with /bin/sh -c; the arguments come as --KEY VALUE in $@ and\n"
      "as BASIN_ARG_<KEY>, with BASIN_HOME, BASIN_CATALOG, BASIN_LAKE, BASIN_JOB_NAME and\n"
      "BASIN_JOB_RUN_ID; its output (the last 1 MiB) is the run's log, exit status 0 SUCCEEDED.");
  create->callback([args, create, &options] { RunCreate(*create, *args, options); });

  auto* update = noun->add_subcommand("update", "Change a job (given options replace)");
  update->add_option("NAME", args->name, "The job")->required();
  AddJobOptions(update, *args);
  update->callback([args, update, &options] { RunUpdate(*update, *args, options); });

  auto* list = noun->add_subcommand("list", "List the jobs");
  list->callback([&options] { RunList(options); });

  auto* show = noun->add_subcommand("show", "Show a job, its DAG and its SQL");
  show->add_option("NAME", args->name, "The job")->required();
  show->callback([args, &options] { RunShow(*args, options); });

  auto* script = noun->add_subcommand("script", "The job as a SQL script, a comment block per node");
  script->add_option("NAME", args->name, "The job")->required();
  script->callback([args, &options] { RunScript(*args, options); });
  AddJobsDiagramCommand(noun, options);  // jobs diagram (jobs_diagram_command.cpp)
  AddJobsBookmarkCommands(noun, options);  // jobs reset-bookmark (jobs_bookmark_commands.cpp)

  AddJobsRunCommands(noun, options);  // jobs run, jobs stop (jobs_run_commands.cpp)

  auto* runs = noun->add_subcommand("runs", "The job's runs, newest first");
  runs->add_option("NAME", args->name, "The job")->required();
  runs->add_option("--run", args->run_id, "Show this run with its log");
  runs->add_option("--limit", args->limit, "At most this many runs (default 20)");
  runs->callback([args, &options] { RunRuns(*args, options); });

  auto* remove = noun->add_subcommand("delete", "Delete a job and its run records");
  remove->add_option("NAME", args->name, "The job")->required();
  remove->callback([args, &options] { RunDelete(*args, options); });
}

}  // namespace basin::cli
