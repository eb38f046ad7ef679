// A shell command in its process group: exit status, captured output (bounded to its tail),
// environment and arguments, death by a signal, and a stop that reaches a command ignoring
// SIGTERM.
#include "etl/shell_job.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "common/process.hpp"

namespace basin::etl {
namespace {

ShellOutcome RunLine(const std::string& line, ShellCommand command = {}) {
  command.command_line = line;
  command.name = "test_job";
  return RunShellCommand(command, [] { return false; });
}

TEST(ShellJobTest, ExitStatusAndBothOutputStreams) {
  ShellOutcome ok = RunLine("echo out; echo err >&2");
  EXPECT_TRUE(ok.exited);
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_EQ(ok.output, "out\nerr\n");
  EXPECT_FALSE(ok.stopped);
  EXPECT_GT(ok.peak_memory_bytes, 0);

  ShellOutcome failed = RunLine("echo no; exit 7");
  EXPECT_TRUE(failed.exited);
  EXPECT_EQ(failed.exit_code, 7);
  EXPECT_EQ(failed.output, "no\n");
}

TEST(ShellJobTest, ArgumentsAndEnvironment) {
  ShellCommand command;
  command.arguments = {"--day", "mon day"};
  command.environment = {{"BASIN_ARG_DAY", "mon day"}, {"HOME", "/nowhere"}};
  ShellOutcome outcome = RunLine("echo \"$0|$1|$2|$#|$BASIN_ARG_DAY|$HOME\"", command);
  EXPECT_EQ(outcome.output, "test_job|--day|mon day|2|mon day|/nowhere\n");
  EXPECT_EQ(ArgumentVariable("--day-of"), "BASIN_ARG_DAY_OF");
  EXPECT_EQ(ArgumentVariable("Out.Path"), "BASIN_ARG_OUT_PATH");
}

TEST(ShellJobTest, OnlyTheTailOfALongOutputIsKept) {
  ShellCommand command;
  command.output_limit_bytes = 1000;
  std::string seen;
  command.command_line = "head -c 300000 /dev/zero | tr '\\0' a; echo END";
  ShellOutcome outcome = RunShellCommand(
      command, [] { return false; }, [&](std::string_view piece) { seen.append(piece); });
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.output.size(), 1000u);
  EXPECT_EQ(outcome.output.substr(996), "END\n");
  EXPECT_EQ(outcome.output_dropped_bytes, 300004 - 1000);
  // Everything went by the live callback.
  EXPECT_EQ(seen.size(), 300004u);
}

TEST(ShellJobTest, CommandDiesWithItsKilledRunner) {
  int report[2];
  ASSERT_EQ(pipe(report), 0);
  pid_t runner = fork();
  ASSERT_GE(runner, 0);
  if (runner == 0) {
    // The runner: passes the command's output (the pid of a process the shell started) on,
    // then waits for it for ever.
    close(report[0]);
    ShellCommand command;
    command.command_line = "sleep 120 & echo $!; wait";
    RunShellCommand(command, [] { return false; }, [&](std::string_view piece) {
      ssize_t ignored = write(report[1], piece.data(), piece.size());
      (void)ignored;
    });
    _exit(0);
  }
  close(report[1]);
  std::string line;
  char c = 0;
  while (read(report[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  close(report[0]);
  ASSERT_FALSE(line.empty());
  pid_t sleeper = static_cast<pid_t>(std::stol(line));
  int64_t start = ProcessStartTime(sleeper);
  ASSERT_GT(start, 0);
  ASSERT_TRUE(IsProcessAlive(sleeper, start));

  kill(runner, SIGKILL);  // no chance to stop anything
  waitpid(runner, nullptr, 0);
  // The kernel delivers the death signal; give it up to 20 s (the command would live 120 s).
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (IsProcessAlive(sleeper, start) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  bool alive = IsProcessAlive(sleeper, start);
  if (alive) SignalProcess(sleeper, start, SIGKILL);
  EXPECT_FALSE(alive) << "the command outlived its runner";
}

TEST(ShellJobTest, DeathByASignal) {
  ShellOutcome outcome = RunLine("kill -9 $$");
  EXPECT_FALSE(outcome.exited);
  EXPECT_EQ(outcome.signal, 9);
}

TEST(ShellJobTest, StopReachesTheWholeGroupAndKillsWhatIgnoresSigterm) {
  ShellCommand command;
  command.command_line = "trap '' TERM; echo waiting; sleep 30; echo never";
  command.kill_grace_millis = 200;
  bool asked = false;
  ShellOutcome outcome = RunShellCommand(command, [&] {
    // Stop once the command has started (its first line is out).
    return asked;
  }, [&](std::string_view piece) {
    if (piece.find("waiting") != std::string_view::npos) asked = true;
  });
  EXPECT_TRUE(outcome.stopped);
  EXPECT_FALSE(outcome.exited);
  EXPECT_EQ(outcome.signal, 9);
  EXPECT_EQ(outcome.output, "waiting\n");
}

TEST(ShellJobTest, AMissingCommandIsAFailureWithItsMessage) {
  ShellOutcome outcome = RunLine("no_such_command_basin_test");
  EXPECT_TRUE(outcome.exited);
  EXPECT_EQ(outcome.exit_code, 127);
  EXPECT_NE(outcome.output.find("no_such_command_basin_test"), std::string::npos);
}

}  // namespace
}  // namespace basin::etl
