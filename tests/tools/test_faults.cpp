// SPDX-License-Identifier: GPL-2.0
// verify-specs under faults: a model too large for the SMT engines, a
// solver that runs out of memory, a user who presses Ctrl-C, bad options
// among good ones. Every one ends with a clear reason and a non-zero exit,
// never a crash, a hang or a verdict that was not computed.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/support/cli_support.h"

namespace irqspec_test {
namespace {

using Faults = CliFixture;

std::string model_path(const std::string& rel) {
  return source_dir() + "/" + rel;
}

TEST_F(Faults, ATooLargeModelIsRefusedQuicklyAsInconclusive) {
  // 300 producers: one step needs millions of terms. The lowering stops at
  // the memory limit's budget instead of exhausting the machine.
  CliResult r = run({"verify-specs", "--set", "NP=300", model_path("models/irqbypass.irqspec")});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("too large for the SMT engines"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--memory-limit"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(" met "), std::string::npos) << r.out;
}

TEST_F(Faults, RunningOutOfMemoryIsUnknownWithTheDepthReached) {
  CliResult r = run({"verify-specs", "--engine", "bmc", "--depth", "100000", "--memory-limit", "60",
                     model_path("tests/data/limits/hog.irqspec")});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("unknown"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("out of memory"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("limit of 60 MiB (--memory-limit)"), std::string::npos) << r.out;
}

/// Runs the binary, sends `sig` after `after`, and waits for it.
CliResult run_interrupted(const std::vector<std::string>& args, std::chrono::milliseconds after,
                          int sig, const std::filesystem::path& dir) {
  std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* o = std::freopen(out.c_str(), "w", stdout);
    FILE* e = std::freopen(err.c_str(), "w", stderr);
    (void)o;
    (void)e;
    std::vector<char*> argv{const_cast<char*>(IRQSPEC_BINARY)};
    for (const std::string& a : args) {
      argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    ::execv(IRQSPEC_BINARY, argv.data());
    ::_exit(127);
  }
  std::this_thread::sleep_for(after);
  ::kill(pid, sig);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  CliResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

TEST_F(Faults, CtrlCCancelsEveryEngineAndStillReports) {
  // Sixteen producers keep every engine busy for far longer than 2.5 s;
  // both worker threads are inside Z3 when the signal arrives.
  CliResult r = run_interrupted({"verify-specs", "--jobs", "2", "--progress", "0.5", "--set",
                                 "NP=16", model_path("models/irqbypass.irqspec")},
                                std::chrono::milliseconds(2500), SIGINT, dir_);
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  // The heartbeat said it was working before the signal came.
  EXPECT_NE(r.err.find("irqspec: still working after 0.5 s: 0 of 2 checks done; running"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("cancelled (SIGINT)"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("inconclusive"), std::string::npos) << r.out;
}

TEST_F(Faults, ProgressLinesSayTheEngineAndItsDepth) {
  CliResult r = run({"verify-specs", "--engine", "bmc", "--depth", "100000", "--timeout", "1.5",
                     "--progress", "0.4", model_path("tests/data/limits/hog.irqspec")});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("check default (bmc/z3, depth "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" of 100000, for "), std::string::npos) << r.err;
  CliResult quiet = run({"verify-specs", "--engine", "bmc", "--depth", "100000", "--timeout", "1.5",
                         "--progress", "0.4", "-q", model_path("tests/data/limits/hog.irqspec")});
  EXPECT_EQ(quiet.status, 3);
  EXPECT_EQ(quiet.err.find("still working"), std::string::npos) << quiet.err;
}

TEST_F(Faults, SigtermCancelsLikeCtrlC) {
  CliResult r = run_interrupted({"verify-specs", "--engine", "bmc", "--depth", "100000",
                                 model_path("tests/data/limits/hog.irqspec")},
                                std::chrono::milliseconds(500), SIGTERM, dir_);
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("cancelled (SIGTERM)"), std::string::npos) << r.out << r.err;
}

TEST_F(Faults, ABadOptionAmongGoodModelsChecksNothing) {
  // Refused before any check runs: no verdict lines, exit 2.
  for (const std::vector<std::string>& bad : {std::vector<std::string>{"--set", "NP=abc"},
                                              {"--set", "NP=-3"},
                                              {"--set", "NOPE=1"},
                                              {"--check", "nope"}}) {
    std::vector<std::string> args{"verify-specs"};
    args.insert(args.end(), bad.begin(), bad.end());
    args.push_back(model_path("models/irqbypass.irqspec"));
    args.push_back(model_path("models/oneshot_forwarding.irqspec"));
    CliResult r = run(args);
    EXPECT_EQ(r.status, 2) << bad[1] << "\n" << r.out << r.err;
    EXPECT_EQ(r.out.find("holds"), std::string::npos) << bad[1] << "\n" << r.out;
    EXPECT_NE(r.err.find("error"), std::string::npos) << bad[1] << "\n" << r.err;
  }
}

TEST_F(Faults, AFullDiskWhereTheSuiteGoesIsAnError) {
  // /dev/full answers every write with ENOSPC: the Makefile, written last,
  // lands on a full disk.
  std::filesystem::path out = dir_ / "suite";
  std::filesystem::create_directories(out);
  std::filesystem::create_symlink("/dev/full", out / "Makefile");
  CliResult r = run({"gen-tests", model_path("models/oneshot_forwarding.irqspec"), "--target",
                     "host-kvm", "-o", out.string()});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("cannot write " + (out / "Makefile").string() + ": No space left on device"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace irqspec_test
