#pragma once

// Runs a shell job's command line: `/bin/sh -c COMMAND JOB_NAME --key value …` in a process
// group of its own, with extra environment variables, its stdout and stderr captured together
// (only the last `output_limit_bytes` are kept). The caller's `should_stop` is asked about
// every 100 ms; once it says yes the whole group gets SIGTERM, and SIGKILL if it is still
// there `kill_grace_millis` later. Never throws for what the command does (a non-zero exit or
// a signal is in the outcome); throws IOError when the command cannot be started. The group
// is led by a small guard process that gets the shell's outcome as its own and kills the
// group when the thread that called this dies (PR_SET_PDEATHSIG), so a runner killed with
// SIGKILL does not leave the command running. (Processes that leave the group escape it.)

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace basin::etl {

struct ShellCommand {
  std::string command_line;
  std::string name;                              // $0 of the shell
  std::vector<std::string> arguments;            // $1 …
  std::map<std::string, std::string> environment;  // added to (or replacing in) this process's
  size_t output_limit_bytes = size_t{1} << 20;
  int64_t kill_grace_millis = 5000;
};

struct ShellOutcome {
  bool exited = false;  // ended by exit (else by a signal)
  int exit_code = 0;    // when exited
  int signal = 0;       // when killed by a signal
  bool stopped = false;  // should_stop said yes and the group was signalled
  std::string output;    // the last output_limit_bytes of stdout + stderr
  int64_t output_dropped_bytes = 0;  // earlier output not kept
  int64_t peak_memory_bytes = 0;     // the largest resident size among the waited processes
};

// `on_output` (optional) sees the output as it arrives, in pieces of any size.
ShellOutcome RunShellCommand(const ShellCommand& command, const std::function<bool()>& should_stop,
                             const std::function<void(std::string_view)>& on_output = {});

// The environment variable name of a job argument: BASIN_ARG_ and the key upper-cased, with
// leading dashes dropped and other characters than A-Z, 0-9 as '_' ("--day-of" → BASIN_ARG_DAY_OF).
std::string ArgumentVariable(std::string_view key);

}  // namespace basin::etl
