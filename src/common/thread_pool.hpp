#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace basin {

// The process's shared worker pool, sized to the machine's cores. Work is submitted as tasks;
// callers never spawn threads of their own (DESIGN.md, "Threads").
class ThreadPool {
 public:
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // The shared pool (one thread per core, at least one).
  static ThreadPool& Shared();

  size_t thread_count() const { return workers_.size(); }

  // Runs body(i) for i in [0, count) on the pool and the calling thread, and returns when all
  // are done. The first exception thrown by any body is rethrown here after the others finish.
  // Safe to call from inside a pool task (the caller works through the items itself).
  void ParallelFor(size_t count, const std::function<void(size_t)>& body,
                   size_t max_parallelism = 0);

 private:
  void Submit(std::function<void()> task);
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::queue<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace basin
