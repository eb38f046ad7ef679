// A shell job's command in a process group of its own, its output captured.
#include "etl/shell_job.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "common/error.hpp"

extern char** environ;

namespace basin::etl {

namespace {

using Clock = std::chrono::steady_clock;

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// How long output is still read after the command exited: a process it left in the
// background may hold the pipe open for ever.
constexpr int64_t kDrainMillis = 1000;

// This process's environment with `extra` added or replacing.
std::vector<std::string> Environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> entries;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    size_t equals = text.find('=');
    if (equals != std::string_view::npos && extra.count(std::string(text.substr(0, equals)))) {
      continue;
    }
    entries.emplace_back(text);
  }
  for (const auto& [key, value] : extra) entries.push_back(key + "=" + value);
  return entries;
}

// Keeps the tail of the output: trims when it reaches twice the limit, so trimming is rare.
void Append(ShellOutcome& outcome, std::string_view piece, size_t limit) {
  outcome.output.append(piece);
  if (outcome.output.size() >= 2 * limit) {
    size_t drop = outcome.output.size() - limit;
    outcome.output.erase(0, drop);
    outcome.output_dropped_bytes += static_cast<int64_t>(drop);
  }
}

class SpawnSetup {
 public:
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions_);
    posix_spawnattr_init(&attributes_);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions_);
    posix_spawnattr_destroy(&attributes_);
  }
  posix_spawn_file_actions_t actions_;
  posix_spawnattr_t attributes_;
};

}  // namespace

std::string ArgumentVariable(std::string_view key) {
  while (!key.empty() && key.front() == '-') key.remove_prefix(1);
  std::string name = "BASIN_ARG_";
  for (char c : key) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    name.push_back((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
  }
  return name;
}

ShellOutcome RunShellCommand(const ShellCommand& command, const std::function<bool()>& should_stop,
                             const std::function<void(std::string_view)>& on_output) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) ThrowIO("cannot create a pipe: " + std::string(strerror(errno)));
  SpawnSetup setup;
  posix_spawn_file_actions_addopen(&setup.actions_, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&setup.actions_, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&setup.actions_, pipe_fds[1], 2);
  // Its own process group, so a stop reaches every process the command starts; signals this
  // process handles (a run's SIGTERM) are back to their defaults there.
  posix_spawnattr_setpgroup(&setup.attributes_, 0);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int signal : {SIGTERM, SIGINT, SIGPIPE, SIGHUP}) sigaddset(&defaults, signal);
  posix_spawnattr_setsigdefault(&setup.attributes_, &defaults);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&setup.attributes_, &empty);
  posix_spawnattr_setflags(&setup.attributes_,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<std::string> argv_text = {"/bin/sh", "-c", command.command_line, command.name};
  argv_text.insert(argv_text.end(), command.arguments.begin(), command.arguments.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text = Environment(command.environment);
  std::vector<char*> env;
  for (auto& entry : env_text) env.push_back(entry.data());
  env.push_back(nullptr);

  pid_t pid = 0;
  int rc = posix_spawn(&pid, "/bin/sh", &setup.actions_, &setup.attributes_, argv.data(),
                       env.data());
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    ThrowIO("cannot start /bin/sh for the job's command: " + std::string(strerror(rc)));
  }

  ShellOutcome outcome;
  bool pipe_open = true;
  bool exited = false;
  bool killed = false;
  int status = 0;
  struct rusage usage {};
  Clock::time_point stop_time;
  Clock::time_point exit_time;
  char buffer[65536];
  while (true) {
    if (!outcome.stopped && should_stop && should_stop()) {
      outcome.stopped = true;
      stop_time = Clock::now();
      kill(-pid, SIGTERM);
    }
    if (outcome.stopped && !killed && MillisSince(stop_time) >= command.kill_grace_millis) {
      killed = true;
      kill(-pid, SIGKILL);
    }
    if (!exited) {
      pid_t done = wait4(pid, &status, WNOHANG, &usage);
      if (done == pid) {
        exited = true;
        exit_time = Clock::now();
      }
    }
    if (exited && (!pipe_open || MillisSince(exit_time) >= kDrainMillis)) break;
    if (!pipe_open) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    struct pollfd poll_fd {pipe_fds[0], POLLIN, 0};
    int ready = poll(&poll_fd, 1, 100);
    if (ready <= 0) continue;  // timeout, or EINTR from a signal: look again
    ssize_t got = read(pipe_fds[0], buffer, sizeof(buffer));
    if (got > 0) {
      std::string_view piece(buffer, static_cast<size_t>(got));
      Append(outcome, piece, command.output_limit_bytes);
      if (on_output) on_output(piece);
    } else if (got == 0 || errno != EINTR) {
      pipe_open = false;
    }
  }
  close(pipe_fds[0]);
  // Whatever the command left running in its group goes with it when it was stopped.
  if (outcome.stopped) kill(-pid, SIGKILL);
  if (outcome.output.size() > command.output_limit_bytes) {
    size_t drop = outcome.output.size() - command.output_limit_bytes;
    outcome.output.erase(0, drop);
    outcome.output_dropped_bytes += static_cast<int64_t>(drop);
  }
  if (WIFEXITED(status)) {
    outcome.exited = true;
    outcome.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    outcome.signal = WTERMSIG(status);
  }
  outcome.peak_memory_bytes = static_cast<int64_t>(usage.ru_maxrss) * 1024;
  return outcome;
}

}  // namespace basin::etl
