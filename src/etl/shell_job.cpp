// A shell job's command in a process group of its own, its output captured.
#include "etl/shell_job.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
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

// What the kernel sends the guard when the runner's thread dies (PR_SET_PDEATHSIG).
constexpr int kRunnerDied = SIGUSR2;

// The shell, forked by the guard: /bin/sh or exit 127.
[[noreturn]] void ExecShell(int output_fd, char** argv, char** env) {
  // Signals the runner handles or the guard blocks back to their defaults, none blocked.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  for (int signal : {SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGCHLD, kRunnerDied}) {
    sigaction(signal, &default_action, nullptr);
  }
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, nullptr);
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(output_fd, 1) < 0 || dup2(output_fd, 2) < 0) {
    _exit(127);
  }
  execve("/bin/sh", argv, env);
  static const char kMessage[] = "basin: cannot run /bin/sh for the job's command\n";
  ssize_t ignored = write(2, kMessage, sizeof(kMessage) - 1);
  (void)ignored;
  _exit(127);
}

// The forked child: a guard leading the command's process group. It starts the shell, ends
// as the shell ended (same exit code or signal, so the runner sees the command's outcome),
// and kills the whole group when the runner dies — even by SIGKILL, which the runner cannot
// act on — so nothing the command started keeps running unwatched. Async-signal-safe calls
// only (the runner has other threads).
[[noreturn]] void RunGuard(int output_fd, pid_t runner, char** argv, char** env) {
  // Its own process group, so a stop reaches every process the command starts.
  setpgid(0, 0);
  // Blocked before anything can send them: SIGCHLD and kRunnerDied are waited for below; a
  // stop's SIGTERM is for the shell (the guard follows it out).
  sigset_t blocked;
  sigemptyset(&blocked);
  for (int signal : {SIGCHLD, kRunnerDied, SIGTERM, SIGINT, SIGHUP}) sigaddset(&blocked, signal);
  sigprocmask(SIG_BLOCK, &blocked, nullptr);
  prctl(PR_SET_PDEATHSIG, kRunnerDied);
  // The runner may have died before that took effect: then the guard was reparented already.
  if (getppid() != runner) _exit(127);
  pid_t shell = fork();
  if (shell < 0) _exit(127);
  if (shell == 0) ExecShell(output_fd, argv, env);
  close(output_fd);

  sigset_t awaited;
  sigemptyset(&awaited);
  sigaddset(&awaited, SIGCHLD);
  sigaddset(&awaited, kRunnerDied);
  while (true) {
    siginfo_t info;
    int signal = sigwaitinfo(&awaited, &info);
    if (signal == kRunnerDied) {
      kill(0, SIGKILL);  // the whole group, the guard with it
      _exit(137);
    }
    int status = 0;
    if (waitpid(shell, &status, WNOHANG) != shell) continue;
    if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
      int by = WTERMSIG(status);
      struct sigaction default_action {};
      default_action.sa_handler = SIG_DFL;
      sigemptyset(&default_action.sa_mask);
      sigaction(by, &default_action, nullptr);
      sigset_t one;
      sigemptyset(&one);
      sigaddset(&one, by);
      sigprocmask(SIG_UNBLOCK, &one, nullptr);
      kill(getpid(), by);
      _exit(128 + by);
    }
  }
}

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
  std::vector<std::string> argv_text = {"/bin/sh", "-c", command.command_line, command.name};
  argv_text.insert(argv_text.end(), command.arguments.begin(), command.arguments.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text = Environment(command.environment);
  std::vector<char*> env;
  for (auto& entry : env_text) env.push_back(entry.data());
  env.push_back(nullptr);

  // fork rather than posix_spawn: the child is a guard that must learn when this process dies
  // (PR_SET_PDEATHSIG), so a runner killed with SIGKILL does not leave the command running
  // with nobody to stop it (see RunGuard).
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    int error = errno;
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    ThrowIO("cannot start /bin/sh for the job's command: " + std::string(strerror(error)));
  }
  if (pid == 0) RunGuard(pipe_fds[1], parent, argv.data(), env.data());
  // Also from this side, so the group exists before any stop signals it (fails harmlessly
  // once the child has exec'd).
  setpgid(pid, pid);
  close(pipe_fds[1]);
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
