#pragma once

namespace basin::cli {

// Parses the command line, runs the command, prints errors, and returns the exit code:
// 0 on success, 2 for usage errors, basin::ExitCodeFor(code) for a basin::Error.
int RunCli(int argc, char** argv);

}  // namespace basin::cli
