// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <optional>
#include <string>

#include "conformance/ktap.h"
#include "conformance/matrix.h"
#include "conformance/suite_files.h"

namespace conformance {

struct ProgramRun {
  bool built = false;
  std::string log;  // build output or raw program output when something went wrong
  KtapReport ktap;
  int exit_status = -1;  // 0 pass, 1 fail, 4 all skipped (kselftest)
};

/// Builds conformance/host-kvm's harness once, then compiles and runs
/// generated KVM-selftest-style programs against the running kernel.
class HostKvmRunner {
 public:
  HostKvmRunner(std::string harness_dir, std::string work_dir);
  /// `repeat` > 1: every test runs that many times (IRQSPEC_REPEAT).
  ProgramRun run(const std::string& test_c, int repeat = 1) const;

 private:
  std::string harness_;
  std::string work_;
};

/// Runs every suite against the running kernel's KVM: one column of the
/// matrix, with the expectations the running kernel's version gives.
KernelColumn run_host_kvm(const HostKvmRunner& runner, const std::vector<SuiteFiles>& suites,
                          int repeat);

/// The host's architecture as the bindings name it: "x86_64", "arm64".
std::string host_arch();

/// The running kernel's release (uname -r) and the version it starts with.
std::optional<codegen::KernelVersion> running_kernel(std::string& release);

}  // namespace conformance
