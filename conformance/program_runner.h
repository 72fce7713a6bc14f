// SPDX-License-Identifier: GPL-2.0
#pragma once

// A generated test program built against a harness and run on the running
// kernel, whatever the harness: the host-kvm target has one runner per
// harness API (KVM programs, userspace steps harnesses).

#include <string>

#include "conformance/ktap.h"

namespace conformance {

struct ProgramRun {
  bool built = false;
  std::string log;  // build output or raw program output when something went wrong
  KtapReport ktap;
  int exit_status = -1;  // 0 pass, 1 fail, 4 all skipped (kselftest)
};

class ProgramRunner {
 public:
  virtual ~ProgramRunner() = default;
  /// Builds `test_c` against the harness and runs it; `repeat` > 1: every
  /// test that many times, and it passes only if every run passes.
  virtual ProgramRun run(const std::string& test_c, int repeat) const = 0;
};

}  // namespace conformance
