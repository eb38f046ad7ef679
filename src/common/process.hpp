#pragma once

// Telling whether a recorded process is still the one that was recorded.
//
// A run record keeps its process id; `kill(pid, 0)` alone is not enough to trust it: a killed
// process that nobody reaps stays a zombie (PID 1 in a container often does not reap), and a
// pid is reused once it is. So a record also keeps the process's start time (field 22 of
// /proc/PID/stat, in clock ticks since boot), and a process is alive only when it runs (not
// a zombie) and started at that time. Linux-only beyond plain `kill(pid, 0)`.

#include <cstdint>

namespace basin {

// The start time of process `pid` (clock ticks since boot), 0 when there is no such process
// or it cannot be read.
int64_t ProcessStartTime(int64_t pid);

// Whether `pid` runs and is not a zombie; when `start_time` is non-zero, also that it started
// then (else it is another process that reused the pid). A process of another user counts.
bool IsProcessAlive(int64_t pid, int64_t start_time);

// Sends `signal` to `pid` only when IsProcessAlive(pid, start_time); through a pidfd where the
// kernel has one, so the pid cannot be reused between the check and the signal. Returns
// whether the signal was sent.
bool SignalProcess(int64_t pid, int64_t start_time, int signal);

}  // namespace basin
