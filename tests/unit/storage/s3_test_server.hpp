#pragma once

// Test harness: a real S3-protocol server (s3rver from npm, tests/node/s3_server.mjs) on a free
// loopback port with a temporary data folder, and the Debian AWS CLI to cross-check it.
// The server reads commands on its stdin and exits when that pipe closes, so it stops with the
// test process even when a test crashes.

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace basin::storage::testing {

inline std::filesystem::path MakeTempDir(const std::string& tag) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / ("basin-" + tag + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

class S3TestServer {
 public:
  explicit S3TestServer(const std::vector<std::string>& buckets) {
    data_dir_ = MakeTempDir("s3rver");
    std::string script = std::string(BASIN_REPO_DIR) + "/tests/node/s3_server.mjs";
    std::vector<std::string> args = {"node", "--openssl-legacy-provider", script, "--dir",
                                     data_dir_.string()};
    for (const auto& bucket : buckets) {
      args.push_back("--bucket");
      args.push_back(bucket);
    }
    int to_child[2];
    int from_child[2];
    if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
      throw std::runtime_error("pipe failed");
    }
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      ::dup2(to_child[0], STDIN_FILENO);
      ::dup2(from_child[1], STDOUT_FILENO);
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execvp("node", argv.data());
      std::perror("exec node");
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    to_child_ = to_child[1];
    from_child_ = ::fdopen(from_child[0], "r");
    std::string ready = ReadLine();
    // {"port":N,"proxy_port":M}
    size_t port_at = ready.find("\"port\":");
    size_t proxy_at = ready.find("\"proxy_port\":");
    if (port_at == std::string::npos || proxy_at == std::string::npos) {
      Stop();
      throw std::runtime_error(
          "s3rver did not start (run scripts/install-deps.sh for node and tests/node "
          "packages); it said: " +
          ready);
    }
    port_ = std::stoi(ready.substr(port_at + 7));
    proxy_port_ = std::stoi(ready.substr(proxy_at + 13));
  }

  ~S3TestServer() { Stop(); }
  S3TestServer(const S3TestServer&) = delete;
  S3TestServer& operator=(const S3TestServer&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The same server behind the fault-injecting proxy.
  std::string proxy_endpoint() const { return "http://127.0.0.1:" + std::to_string(proxy_port_); }
  int port() const { return port_; }

  // Sends one command line ("fail 503 SlowDown 2", "stats", …) and returns the reply line.
  std::string Command(const std::string& line) {
    std::string text = line + "\n";
    if (::write(to_child_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      throw std::runtime_error("cannot talk to s3rver");
    }
    return ReadLine();
  }

  // A number from the "stats" reply, e.g. Stat("parts").
  long Stat(const std::string& name) {
    std::string stats = Command("stats");
    size_t at = stats.find("\"" + name + "\":");
    if (at == std::string::npos) throw std::runtime_error("no stat " + name + " in " + stats);
    return std::stol(stats.substr(at + name.size() + 3));
  }

 private:
  std::string ReadLine() {
    char buffer[4096];
    if (from_child_ == nullptr || std::fgets(buffer, sizeof(buffer), from_child_) == nullptr) {
      return "";
    }
    std::string line(buffer);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    return line;
  }

  void Stop() {
    if (to_child_ >= 0) ::close(to_child_);  // the server exits when its stdin closes
    to_child_ = -1;
    if (pid_ > 0) {
      int status = 0;
      for (int i = 0; i < 50 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) ::usleep(100'000);
      if (::waitpid(pid_, &status, WNOHANG) == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
      pid_ = -1;
    }
    if (from_child_ != nullptr) std::fclose(from_child_);
    from_child_ = nullptr;
    std::error_code ignored;
    std::filesystem::remove_all(data_dir_, ignored);
  }

  std::filesystem::path data_dir_;
  pid_t pid_ = -1;
  int to_child_ = -1;
  FILE* from_child_ = nullptr;
  int port_ = 0;
  int proxy_port_ = 0;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.output.append(buffer, n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The Debian AWS CLI when installed (scripts/install-deps.sh), else whatever `aws` is on PATH.
inline std::string AwsCli(const S3TestServer& server) {
  std::string binary = std::filesystem::exists("/usr/bin/aws") ? "/usr/bin/aws" : "aws";
  return binary + " --endpoint-url " + server.endpoint();
}

}  // namespace basin::storage::testing
