#include "cli/detached_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/error.hpp"

extern char** environ;

namespace basin::cli {

DetachedProcess StartDetachedBasin(const GlobalOptions& options,
                                   const std::vector<std::string>& arguments, bool report_pipe,
                                   std::string_view what) {
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::vector<std::string> argv_text = {self};
  if (!options.home.empty()) {
    argv_text.push_back("--home");
    argv_text.push_back(std::filesystem::absolute(options.home).string());
  }
  argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // Both ends close on exec; the child's copy at kDetachedReportFd (a dup2) stays open.
  int report[2] = {-1, -1};
  if (report_pipe && pipe2(report, O_CLOEXEC) != 0) {
    ThrowIO("cannot create a pipe: " + std::string(strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  if (report_pipe) posix_spawn_file_actions_adddup2(&actions, report[1], kDetachedReportFd);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
  DetachedProcess child;
  int rc = posix_spawn(&child.pid, self.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (report_pipe) close(report[1]);
  if (rc != 0) {
    if (report_pipe) close(report[0]);
    ThrowIO("could not start " + std::string(what) + ": " + std::string(strerror(rc)));
  }
  child.report_fd = report[0];
  return child;
}

}  // namespace basin::cli
