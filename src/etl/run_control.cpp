// Stop requests and the watch that turns them (and timeouts) into a cancelled run.
#include "etl/run_control.hpp"

#include <signal.h>
#include <unistd.h>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "common/process.hpp"

namespace basin::etl {

namespace {

constexpr auto kTick = std::chrono::milliseconds(100);
constexpr int kTicksPerCatalogRead = 10;

}  // namespace

RunWatch::RunWatch(catalog::Catalog& catalog, int64_t run_id, const std::atomic<bool>* stop,
                   std::chrono::milliseconds timeout)
    : catalog_(catalog),
      run_id_(run_id),
      stop_(stop),
      deadline_(std::chrono::steady_clock::now() + timeout),
      has_deadline_(timeout.count() > 0),
      thread_([this] { Watch(); }) {}

RunWatch::~RunWatch() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RunWatch::Cancel(CancelReason reason) {
  CancelReason none = CancelReason::kNone;
  reason_.compare_exchange_strong(none, reason);
  cancel_.store(true);
}

void RunWatch::Watch() {
  std::unique_lock lock(mutex_);
  for (int tick = 1; !done_; ++tick) {
    wake_.wait_for(lock, kTick);
    if (done_ || cancel_.load()) continue;
    if (stop_ != nullptr && stop_->load()) {
      Cancel(CancelReason::kStopped);
    } else if (has_deadline_ && std::chrono::steady_clock::now() >= deadline_) {
      Cancel(CancelReason::kTimeout);
    } else if (tick % kTicksPerCatalogRead == 0) {
      try {
        if (catalog_.GetJobRun(run_id_).state == catalog::JobRunState::kStopping) {
          Cancel(CancelReason::kStopped);
        }
      } catch (const std::exception&) {
        // A busy or briefly unreadable catalog: look again next second.
      }
    }
  }
}

std::vector<int64_t> StopJobRuns(catalog::Catalog& catalog, std::string_view job_name,
                                 int64_t run_id) {
  std::string name = catalog::NormalizeName("job name", job_name);
  std::vector<catalog::JobRun> runs;
  if (run_id != 0) {
    catalog::JobRun run = catalog.GetJobRun(run_id);
    if (run.job_name != name) {
      throw Error(ErrorCode::kNotFound, "job run " + std::to_string(run_id) +
                                            " is not a run of job " + name);
    }
    if (!catalog::IsActive(run.state)) {
      throw Error(ErrorCode::kConflict, "job run " + std::to_string(run_id) + " already ended (" +
                                            std::string(catalog::JobRunStateName(run.state)) +
                                            ")");
    }
    runs.push_back(std::move(run));
  } else {
    for (auto& run : catalog.GetJobRuns(name)) {
      if (catalog::IsActive(run.state)) runs.push_back(std::move(run));
    }
    if (runs.empty()) throw Error(ErrorCode::kConflict, "job " + name + " has no active run");
  }
  std::vector<int64_t> stopped;
  for (catalog::JobRun& run : runs) {
    auto pid = static_cast<pid_t>(run.process_id);
    // A zombie or a process that reused the pid is not the run's: the run is over.
    bool alive = IsProcessAlive(pid, run.process_start_time);
    run.state = alive ? catalog::JobRunState::kStopping : catalog::JobRunState::kStopped;
    if (!alive) {
      run.completed_on = catalog::NowMillis();
      run.error_message = "stopped (its process had already ended)";
    }
    try {
      catalog.UpdateJobRun(run);
    } catch (const Error& error) {
      if (error.code() != ErrorCode::kConflict || run_id != 0) throw;
      continue;  // it ended meanwhile
    }
    // A run in this very process (a test, an embedding) sees the request in the catalog.
    // Signalled only while it is still the run's process (a pidfd pins it where possible).
    if (alive && pid != getpid()) SignalProcess(pid, run.process_start_time, SIGTERM);
    stopped.push_back(run.id);
  }
  return stopped;
}

}  // namespace basin::etl
