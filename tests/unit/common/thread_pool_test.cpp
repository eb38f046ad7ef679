#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "common/error.hpp"
#include "common/thread_pool.hpp"

namespace basin {
namespace {

TEST(ThreadPool, ParallelForRunsEveryIndexOnce) {
  ThreadPool pool(3);
  std::vector<std::atomic<int>> hits(1000);
  pool.ParallelFor(hits.size(), [&](size_t i) { hits[i]++; });
  for (auto& hit : hits) EXPECT_EQ(hit.load(), 1);
}

TEST(ThreadPool, RethrowsTheFirstErrorAfterAllFinish) {
  ThreadPool pool(2);
  std::atomic<int> done{0};
  EXPECT_THROW(pool.ParallelFor(100,
                                [&](size_t i) {
                                  done++;
                                  if (i == 42) ThrowCorrupt("bad item 42");
                                }),
               Error);
  EXPECT_EQ(done.load(), 100);
}

TEST(ThreadPool, NestedParallelForDoesNotDeadlock) {
  ThreadPool pool(2);
  std::atomic<int> total{0};
  pool.ParallelFor(8, [&](size_t) { pool.ParallelFor(8, [&](size_t) { total++; }); });
  EXPECT_EQ(total.load(), 64);
}

TEST(Error, CodesHaveNamesAndDistinctExitCodes) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kCorrupt), "Corrupt");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kResourceExhausted), "ResourceExhausted");
  EXPECT_NE(ExitCodeFor(ErrorCode::kNotFound), ExitCodeFor(ErrorCode::kInvalidInput));
  EXPECT_GT(ExitCodeFor(ErrorCode::kInvalidInput), 2);
}

}  // namespace
}  // namespace basin
