#pragma once

// Stopping job runs and ending them on time.
//
// A stop is recorded first (the run goes to STOPPING in the catalog), then the run's process
// gets SIGTERM. The process running it (`basin jobs run … --wait`) turns the signal into its
// RunJobOptions::stop flag; the RunWatch inside the runner also reads the catalog about once a
// second, so a stop is honoured even when the signal cannot be delivered. Either way the
// watch sets its cancel flag, which the SQL engine polls (the statement fails with Cancelled
// and leaves no files) and a shell job's loop polls (its process group is signalled).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "catalog/catalog.hpp"

namespace basin::etl {

// Why a watch cancelled its run.
enum class CancelReason { kNone, kStopped, kTimeout };

// A thread watching one run while it works: the stop flag, the deadline and the run's state
// in the catalog. Cheap: it wakes every 100 ms and reads the catalog every second.
class RunWatch {
 public:
  // `timeout` <= 0: no deadline. `stop` may be null.
  RunWatch(catalog::Catalog& catalog, int64_t run_id, const std::atomic<bool>* stop,
           std::chrono::milliseconds timeout);
  ~RunWatch();
  RunWatch(const RunWatch&) = delete;
  RunWatch& operator=(const RunWatch&) = delete;

  // Set once the run must end; what the engine and the shell loop poll.
  const std::atomic<bool>& cancel() const { return cancel_; }
  bool cancelled() const { return cancel_.load(); }
  CancelReason reason() const { return reason_.load(); }

 private:
  void Watch();
  void Cancel(CancelReason reason);

  catalog::Catalog& catalog_;
  int64_t run_id_;
  const std::atomic<bool>* stop_;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_;
  std::atomic<bool> cancel_{false};
  std::atomic<CancelReason> reason_{CancelReason::kNone};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

// Stops the job's active runs (only `run_id` when non-zero): each goes to STOPPING and its
// process gets SIGTERM; a run whose process is gone is marked STOPPED at once. Returns the
// runs asked to stop. NotFound for an unknown job or run, Conflict when `run_id` has ended
// or when the job has no active run.
std::vector<int64_t> StopJobRuns(catalog::Catalog& catalog, std::string_view job_name,
                                 int64_t run_id = 0);

}  // namespace basin::etl
