#pragma once

// Starting a `basin …` command as a detached process, for verbs that return while their work
// goes on (`crawlers run`, `jobs run` without --wait), as Glue's Start* calls do.

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"

namespace basin::cli {

// The descriptor a detached child reports on when it was started with a report pipe.
constexpr int kDetachedReportFd = 3;

struct DetachedProcess {
  pid_t pid = 0;
  int report_fd = -1;  // the read end of the child's kDetachedReportFd; the caller closes it
};

// Starts this basin binary with `arguments` (after `--home` when `options` names one) in a
// session of its own, so it outlives this process, with stdin, stdout and stderr on /dev/null.
// With `report_pipe` the child's kDetachedReportFd is the write end of a pipe whose read end
// is returned; the read sees end-of-file once the child closes it or ends. Throws IO naming
// `what` ("the crawl process") when the process cannot start.
DetachedProcess StartDetachedBasin(const GlobalOptions& options,
                                   const std::vector<std::string>& arguments, bool report_pipe,
                                   std::string_view what);

}  // namespace basin::cli
