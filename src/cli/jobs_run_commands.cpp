// basin jobs run | stop: a job's runs in the background or the foreground, and stopping them.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "catalog/names.hpp"
#include "cli/commands.hpp"
#include "cli/detached_process.hpp"
#include "common/error.hpp"
#include "etl/job_runner.hpp"
#include "etl/run_control.hpp"

namespace basin::cli {

namespace {

using nlohmann::json;

struct RunArgs {
  std::string name;
  std::vector<std::string> arguments;  // k=v
  bool wait = false;
  bool quiet = false;
  int64_t timeout_minutes = 0;
  double timeout_seconds = 0;
  int report_fd = -1;  // the background run's pipe to the process that started it
  int64_t run_id = 0;
};

std::map<std::string, std::string> Arguments(const std::vector<std::string>& items) {
  std::map<std::string, std::string> map;
  for (const auto& item : items) {
    size_t equals = item.find('=');
    if (equals == std::string::npos || equals == 0) {
      ThrowInvalid("argument '" + item + "' is not KEY=VALUE");
    }
    map[item.substr(0, equals)] = item.substr(equals + 1);
  }
  return map;
}

std::string Seconds(int64_t millis) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f s", static_cast<double>(millis) / 1000.0);
  return text;
}

std::string Bytes(int64_t bytes) {
  char text[32];
  if (bytes < (int64_t{1} << 20)) {
    std::snprintf(text, sizeof(text), "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(text, sizeof(text), "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  }
  return text;
}

// Set by SIGTERM (`basin jobs stop`) or SIGINT (Ctrl-C) while a run works in this process.
std::atomic<bool> stop_requested{false};
extern "C" void OnStopSignal(int) { stop_requested.store(true); }

void CatchStopSignals() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

// The run's log lines on stderr and, on a terminal, a status line below them redrawn five
// times a second from the engine's counters: rows and bytes read, the read rate, rows written.
class ProgressDisplay {
 public:
  ProgressDisplay(bool show, bool terminal, std::shared_ptr<sql::QueryProgress> counters)
      : show_(show), terminal_(terminal), counters_(std::move(counters)),
        start_(std::chrono::steady_clock::now()) {
    if (show_ && terminal_) thread_ = std::thread([this] { Redraw(); });
  }
  ~ProgressDisplay() { Finish(); }

  // Stops redrawing and clears the status line (before the summary is printed).
  void Finish() {
    {
      std::lock_guard lock(mutex_);
      if (done_) return;
      done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (show_ && terminal_) std::cerr << "\r\033[K" << std::flush;
  }

  void Line(std::string_view line) {
    if (!show_) return;
    std::lock_guard lock(mutex_);
    if (terminal_) std::cerr << "\r\033[K";
    std::cerr << line << "\n";
    if (terminal_ && !done_) std::cerr << Status() << std::flush;
  }

 private:
  std::string Status() const {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    int64_t rows = counters_->rows_read.load();
    char text[200];
    std::snprintf(text, sizeof(text),
                  "[%02d:%02d] read %lld rows, %s (%.0f rows/s); wrote %lld rows, %s",
                  static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60,
                  static_cast<long long>(rows), Bytes(counters_->bytes_read.load()).c_str(),
                  seconds > 0 ? static_cast<double>(rows) / seconds : 0.0,
                  static_cast<long long>(counters_->rows_written.load()),
                  Bytes(counters_->bytes_written.load()).c_str());
    return text;
  }

  void Redraw() {
    std::unique_lock lock(mutex_);
    while (!done_) {
      std::cerr << "\r\033[K" << Status() << std::flush;
      wake_.wait_for(lock, std::chrono::milliseconds(200));
    }
  }

  bool show_;
  bool terminal_;
  std::shared_ptr<sql::QueryProgress> counters_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

void WriteAll(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

void PrintOutcome(const catalog::JobRun& run, const RunArgs& args, const GlobalOptions& options) {
  if (options.json) {
    std::cout << json{{"JobRun", catalog::ToJson(run)}}.dump(2) << "\n";
  } else if (!args.quiet) {
    std::cout << "run " << run.id << (run.attempt > 0 ? " (attempt " + std::to_string(run.attempt) + ")" : "")
              << " " << catalog::JobRunStateName(run.state) << " in "
              << Seconds(run.completed_on - run.started_on) << ": " << run.rows_read
              << " rows read, " << run.rows_written << " rows, " << run.files_written
              << " files, " << run.bytes_written << " bytes written\n";
  }
  switch (run.state) {
    case catalog::JobRunState::kSucceeded:
      return;
    case catalog::JobRunState::kStopped:
      throw Error(ErrorCode::kCancelled, "job run " + std::to_string(run.id) + " was stopped");
    case catalog::JobRunState::kTimeout:
      throw Error(ErrorCode::kTimeout,
                  "job run " + std::to_string(run.id) + " timed out: " + run.error_message);
    default:
      throw Error(ErrorCode::kIOError,
                  "job run " + std::to_string(run.id) + " failed: " + run.error_message);
  }
}

// The run in this process, to its end (retries included).
void RunHere(const RunArgs& args, const GlobalOptions& options) {
  std::filesystem::path home = catalog::ResolveBasinHome(options.home);
  auto catalog = catalog::OpenHomeCatalog(home.string());
  CatchStopSignals();
  etl::RunJobOptions run_options;
  run_options.arguments = Arguments(args.arguments);
  run_options.stop = &stop_requested;
  run_options.timeout_minutes = args.timeout_minutes;
  run_options.timeout_seconds = args.timeout_seconds;
  run_options.counters = std::make_shared<sql::QueryProgress>();
  ProgressDisplay display(!args.quiet && !options.json, isatty(STDERR_FILENO) != 0,
                          run_options.counters);
  run_options.progress = [&display](std::string_view line) { display.Line(line); };
  int report_fd = args.report_fd;
  run_options.on_started = [&report_fd](int64_t id) {
    if (report_fd < 0) return;
    WriteAll(report_fd, "started " + std::to_string(id) + "\n");
    close(report_fd);
    report_fd = -1;
  };
  catalog::JobRun run;
  try {
    run = etl::RunJob(*catalog, home, args.name, run_options);
    display.Finish();
  } catch (const std::exception& error) {
    display.Finish();
    if (report_fd >= 0) {
      auto* basin_error = dynamic_cast<const Error*>(&error);
      ErrorCode code = basin_error != nullptr ? basin_error->code() : ErrorCode::kInternal;
      WriteAll(report_fd, "error " + std::to_string(static_cast<int>(code)) + " " +
                              error.what() + "\n");
      close(report_fd);
    }
    throw;
  }
  PrintOutcome(run, args, options);
}

// Starts `basin jobs run NAME --wait --quiet` as a detached process (a session of its own,
// so it outlives this one) and prints the run id it reports through a pipe once its run is
// recorded — or throws the error that kept it from starting (ConcurrentRunsExceeded, …).
void StartInBackground(const RunArgs& args, const GlobalOptions& options) {
  std::vector<std::string> arguments = {"jobs", "run", args.name, "--wait", "--quiet",
                                        "--report-fd", std::to_string(kDetachedReportFd)};
  for (const auto& argument : args.arguments) {
    arguments.push_back("--arg");
    arguments.push_back(argument);
  }
  if (args.timeout_minutes > 0) {
    arguments.push_back("--timeout");
    arguments.push_back(std::to_string(args.timeout_minutes));
  }
  if (args.timeout_seconds > 0) {
    arguments.push_back("--timeout-seconds");
    arguments.push_back(std::to_string(args.timeout_seconds));
  }
  DetachedProcess child = StartDetachedBasin(options, arguments, true, "the run's process");
  std::string reply;
  char buffer[4096];
  while (true) {
    ssize_t n = read(child.report_fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    reply.append(buffer, static_cast<size_t>(n));
  }
  close(child.report_fd);
  while (!reply.empty() && reply.back() == '\n') reply.pop_back();
  if (reply.rfind("started ", 0) == 0) {
    std::string id = reply.substr(8);
    if (options.json) {
      std::cout << json{{"JobRunId", std::stoll(id)}}.dump(2) << "\n";
    } else {
      std::cout << "started run " << id << " of job " << args.name << " (process " << child.pid
                << "; basin jobs runs " << args.name << " --run " << id << " to follow it)\n";
    }
    return;
  }
  if (reply.rfind("error ", 0) == 0) {
    size_t space = reply.find(' ', 6);
    int code = std::atoi(reply.substr(6, space - 6).c_str());
    std::string message = space == std::string::npos ? "" : reply.substr(space + 1);
    if (code < static_cast<int>(ErrorCode::kInvalidInput) ||
        code > static_cast<int>(ErrorCode::kInternal)) {
      code = static_cast<int>(ErrorCode::kInternal);
    }
    throw Error(static_cast<ErrorCode>(code), message);
  }
  ThrowIO("the run's process (" + std::to_string(child.pid) + ") ended before recording its run");
}

void RunRun(const RunArgs& args, const GlobalOptions& options) {
  if (args.timeout_minutes < 0 || args.timeout_seconds < 0) {
    ThrowInvalid("a timeout must be positive");
  }
  Arguments(args.arguments);  // bad KEY=VALUE fails here, not in the background
  if (args.wait) {
    RunHere(args, options);
  } else {
    StartInBackground(args, options);
  }
}

void RunStop(const RunArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  std::vector<int64_t> ids = etl::StopJobRuns(*catalog, args.name, args.run_id);
  if (args.wait) {
    // A stopped run ends within the engine's next chunk or the shell's kill grace.
    auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    for (int64_t id : ids) {
      while (catalog::IsActive(catalog->GetJobRun(id).state)) {
        if (std::chrono::steady_clock::now() > give_up) {
          throw Error(ErrorCode::kTimeout, "job run " + std::to_string(id) + " is still stopping");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }
  if (options.json) {
    json list = json::array();
    for (int64_t id : ids) {
      catalog::JobRun run = catalog->GetJobRun(id);
      list.push_back({{"JobRunId", id}, {"JobRunState", catalog::JobRunStateName(run.state)}});
    }
    std::cout << json{{"SuccessfulSubmissions", list}}.dump(2) << "\n";
    return;
  }
  for (int64_t id : ids) {
    std::cout << "run " << id << " " << catalog::JobRunStateName(catalog->GetJobRun(id).state)
              << "\n";
  }
}

}  // namespace

void AddJobsRunCommands(CLI::App* jobs, GlobalOptions& options) {
  auto args = std::make_shared<RunArgs>();
  auto* run = jobs->add_subcommand("run", "Run a job: in the background (prints the run id), "
                                          "or with --wait to its end");
  run->add_option("NAME", args->name, "The job")->required();
  run->add_option("--arg", args->arguments, "Run argument KEY=VALUE overriding a default");
  run->add_flag("--wait", args->wait,
                "Run here to the end: log lines (and a progress bar on a terminal) on stderr, "
                "a summary on stdout; Ctrl-C stops the run");
  run->add_flag("--quiet", args->quiet, "No log lines or summary");
  run->add_option("--timeout", args->timeout_minutes,
                  "Minutes this run may take, overriding the job's timeout");
  // For tests: a timeout below a minute.
  run->add_option("--timeout-seconds", args->timeout_seconds)->group("");
  run->add_option("--report-fd", args->report_fd)->group("");
  run->footer(
      "A run that fails is retried up to the job's --max-retries times, each retry a new run\n"
      "(attempt 1, 2, …). Past its timeout a run ends TIMEOUT; `basin jobs stop` ends it\n"
      "STOPPED. Either way it writes nothing. Exit status: 0 SUCCEEDED, else non-zero.\n"
      "Examples:\n"
      "  basin jobs run copy_payment                  # background: prints the run id\n"
      "  basin jobs runs copy_payment                 # follow it\n"
      "  basin jobs run copy_payment --wait           # here, with a progress bar\n"
      "  basin jobs run nightly --wait --arg day=2024-05-01 --timeout 30");
  run->callback([args, &options] { RunRun(*args, options); });

  auto* stop = jobs->add_subcommand("stop", "Stop a job's active runs (STOPPING, then STOPPED)");
  stop->add_option("NAME", args->name, "The job")->required();
  stop->add_option("--run", args->run_id, "Only this run");
  stop->add_flag("--wait", args->wait, "Wait until the runs have ended");
  stop->footer(
      "The run's process gets SIGTERM; an etl run's statement is cancelled (its files are\n"
      "removed), a shell job's process group gets SIGTERM, then SIGKILL 5 s later.\n"
      "Examples:\n"
      "  basin jobs stop copy_payment\n"
      "  basin jobs stop copy_payment --run 42 --wait");
  stop->callback([args, &options] { RunStop(*args, options); });
}

}  // namespace basin::cli
