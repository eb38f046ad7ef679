#include "common/thread_pool.hpp"

#include <atomic>
#include <memory>

namespace basin {

ThreadPool::ThreadPool(size_t threads) {
  for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_) worker.join();
}

ThreadPool& ThreadPool::Shared() {
  static ThreadPool pool(std::max<size_t>(1, std::thread::hardware_concurrency()));
  return pool;
}

void ThreadPool::Submit(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push(std::move(task));
  }
  wake_.notify_one();
}

void ThreadPool::WorkerLoop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop();
    }
    task();
  }
}

void ThreadPool::ParallelFor(size_t count, const std::function<void(size_t)>& body,
                             size_t max_parallelism) {
  if (count == 0) return;
  // Shared state lives on the heap: helpers may still be finishing their last check after the
  // caller has seen every item done.
  struct State {
    std::atomic<size_t> next{0};
    std::atomic<size_t> done{0};
    std::mutex mutex;
    std::condition_variable finished;
    std::exception_ptr error;
  };
  auto state = std::make_shared<State>();
  auto work = [state, count, &body] {
    for (;;) {
      size_t i = state->next.fetch_add(1);
      if (i >= count) return;
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(state->mutex);
        if (!state->error) state->error = std::current_exception();
      }
      if (state->done.fetch_add(1) + 1 == count) {
        std::lock_guard lock(state->mutex);
        state->finished.notify_all();
      }
    }
  };
  size_t helpers = std::min(count - 1, workers_.size());
  if (max_parallelism > 0) helpers = std::min(helpers, max_parallelism - 1);
  for (size_t i = 0; i < helpers; ++i) Submit(work);
  work();
  std::unique_lock lock(state->mutex);
  state->finished.wait(lock, [&] { return state->done.load() == count; });
  if (state->error) std::rethrow_exception(state->error);
}

}  // namespace basin
