#include "common/process.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>


namespace basin {
namespace {

// A child running `sleep 60`, killed and reaped at the end.
class SleepingChild {
 public:
  SleepingChild() {
    pid_ = fork();
    if (pid_ == 0) {
      execl("/bin/sleep", "sleep", "60", static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~SleepingChild() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_;
};

TEST(ProcessTest, LiveChildIsAliveWithItsStartTime) {
  SleepingChild child;
  ASSERT_GT(child.pid(), 0);
  int64_t start = ProcessStartTime(child.pid());
  EXPECT_GT(start, 0);
  EXPECT_GE(start, ProcessStartTime(getpid()));  // started after this test process
  EXPECT_TRUE(IsProcessAlive(child.pid(), start));
  EXPECT_TRUE(IsProcessAlive(child.pid(), 0));  // start time unknown: the pid is enough
  // Another start time: the pid was reused by a different process.
  EXPECT_FALSE(IsProcessAlive(child.pid(), start + 1));
  EXPECT_FALSE(SignalProcess(child.pid(), start + 1, SIGKILL));
  EXPECT_TRUE(IsProcessAlive(child.pid(), start));  // the wrong-start signal was not sent
  EXPECT_TRUE(SignalProcess(child.pid(), start, SIGKILL));
  int status = 0;
  ASSERT_EQ(waitpid(child.pid(), &status, 0), child.pid());
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
}

TEST(ProcessTest, ZombieIsNotAlive) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(0);
  // Not reaped: it stays a zombie. Wait until the kernel says so.
  siginfo_t info{};
  ASSERT_EQ(waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT), 0);
  EXPECT_EQ(kill(pid, 0), 0);  // the pid still exists: kill(pid, 0) alone says alive
  EXPECT_FALSE(IsProcessAlive(pid, 0));
  EXPECT_FALSE(IsProcessAlive(pid, ProcessStartTime(pid)));
  EXPECT_FALSE(SignalProcess(pid, 0, SIGTERM));
  waitpid(pid, nullptr, 0);
}

TEST(ProcessTest, GoneOrInvalidPidIsNotAlive) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(0);
  waitpid(pid, nullptr, 0);
  EXPECT_FALSE(IsProcessAlive(pid, 0));
  EXPECT_EQ(ProcessStartTime(pid), 0);
  EXPECT_FALSE(IsProcessAlive(0, 0));
  EXPECT_FALSE(IsProcessAlive(-1, 0));
  EXPECT_EQ(ProcessStartTime(0), 0);
  // This very process is alive with its own start time.
  EXPECT_TRUE(IsProcessAlive(getpid(), ProcessStartTime(getpid())));
}

}  // namespace
}  // namespace basin
