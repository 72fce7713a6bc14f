// SPDX-License-Identifier: GPL-2.0
// run_command: output, exit status, a missing program, the timeout, and a
// command that does not outlive us when we are killed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "solver/subprocess.h"

namespace {

using solver::run_command;

TEST(Subprocess, CapturesOutputAndStatus) {
  solver::CommandResult r = run_command({"sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.output, "out\nerr\n");
}

TEST(Subprocess, PassesEnvironment) {
  solver::CommandResult r = run_command({"sh", "-c", "echo $IRQSPEC_T"}, {{"IRQSPEC_T", "x"}});
  EXPECT_EQ(r.output, "x\n");
}

TEST(Subprocess, MissingProgramIs127) {
  solver::CommandResult r = run_command({"irqspec-no-such-program"});
  EXPECT_EQ(r.status, 127);
  EXPECT_NE(r.output.find("irqspec-no-such-program"), std::string::npos);
}

TEST(Subprocess, TimeoutKillsTheCommand) {
  solver::CommandResult r = run_command({"sleep", "30"}, {}, 0.5);
  EXPECT_EQ(r.status, 128 + SIGKILL);
  EXPECT_NE(r.output.find("timed out"), std::string::npos);
}

bool alive(pid_t pid) {
  // A zombie is dead; init reaps the orphan soon after.
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, name, state;
  return stat >> pid_field >> name >> state && state != "Z";
}

// The command of a process killed with SIGKILL dies with it (no timeout of
// ours can run then): a killed `verify-specs --engine pdr` left ABC running.
TEST(Subprocess, CommandDiesWithItsCaller) {
  char pattern[] = "/tmp/irqspec-subprocess-XXXXXX";
  int fd = mkstemp(pattern);
  ASSERT_GE(fd, 0);
  close(fd);
  std::string pid_file = pattern;
  pid_t caller = fork();
  ASSERT_GE(caller, 0);
  if (caller == 0) {
    run_command({"sh", "-c", "echo $$ > " + pid_file + "; exec sleep 30"});
    _exit(0);
  }
  pid_t command = 0;
  for (int i = 0; i < 500 && command == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::ifstream(pid_file) >> command;
  }
  ASSERT_GT(command, 0);
  ASSERT_TRUE(alive(command));
  kill(caller, SIGKILL);
  waitpid(caller, nullptr, 0);
  for (int i = 0; i < 500 && alive(command); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(alive(command)) << "sleep " << command << " outlived its caller";
  kill(command, SIGKILL);
  std::remove(pid_file.c_str());
}

}  // namespace
