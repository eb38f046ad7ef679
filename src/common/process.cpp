// Process liveness from /proc/PID/stat: state and start time.
#include "common/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace basin {

namespace {

struct StatFields {
  char state = 0;
  int64_t start_time = 0;
};

// Reads state (field 3) and starttime (field 22) of /proc/PID/stat. False when the process
// does not exist or the file cannot be read or parsed.
bool ReadStat(int64_t pid, StatFields& out) {
  if (pid <= 0) return false;
  std::string path = "/proc/" + std::to_string(pid) + "/stat";
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buffer[1024];
  ssize_t got = 0;
  while (true) {
    got = read(fd, buffer, sizeof(buffer) - 1);
    if (got >= 0 || errno != EINTR) break;
  }
  close(fd);
  if (got <= 0) return false;
  std::string_view text(buffer, static_cast<size_t>(got));
  // Field 2 (comm) is in parentheses and may hold spaces or ')': fields resume after the
  // last ')'.
  size_t close_paren = text.rfind(')');
  if (close_paren == std::string_view::npos) return false;
  text.remove_prefix(close_paren + 1);
  // Fields 3, 4, … separated by single spaces.
  int field = 2;
  while (!text.empty()) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    size_t end = text.find(' ');
    std::string_view value = text.substr(0, end);
    ++field;
    if (field == 3) {
      if (value.empty()) return false;
      out.state = value.front();
    } else if (field == 22) {
      int64_t number = 0;
      for (char c : value) {
        if (c < '0' || c > '9') return false;
        number = number * 10 + (c - '0');
      }
      out.start_time = number;
      return true;
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end);
  }
  return false;
}

bool KillSaysAlive(int64_t pid) {
  return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

int64_t ProcessStartTime(int64_t pid) {
  StatFields fields;
  if (!ReadStat(pid, fields)) return 0;
  return fields.start_time;
}

bool IsProcessAlive(int64_t pid, int64_t start_time) {
  if (pid <= 0) return false;
  StatFields fields;
  if (!ReadStat(pid, fields)) {
    // No /proc (not Linux, or not mounted): all that can be told is whether the pid exists.
    if (access("/proc/self/stat", R_OK) != 0) return KillSaysAlive(pid);
    return false;
  }
  // Z: a zombie, X: dead — neither will ever finish a run.
  if (fields.state == 'Z' || fields.state == 'X') return false;
  return start_time == 0 || fields.start_time == start_time;
}

bool SignalProcess(int64_t pid, int64_t start_time, int signal) {
  if (pid <= 0) return false;
#if defined(SYS_pidfd_open) && defined(SYS_pidfd_send_signal)
  // The pidfd pins the process: once open, the checks below and the signal concern the same
  // one even if it exits and its pid is reused meanwhile.
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, static_cast<pid_t>(pid), 0));
  if (pidfd >= 0) {
    bool sent = IsProcessAlive(pid, start_time) &&
                syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0) == 0;
    close(pidfd);
    return sent;
  }
  if (errno == ESRCH) return false;
#endif
  return IsProcessAlive(pid, start_time) && kill(static_cast<pid_t>(pid), signal) == 0;
}

}  // namespace basin
