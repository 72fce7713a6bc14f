// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <optional>
#include <string>

#include "codegen/kernel_versions.h"
#include "conformance/program_runner.h"

namespace conformance {

/// Builds conformance/host-kvm's harness once, then compiles and runs
/// generated KVM-selftest-style programs against the running kernel.
class HostKvmRunner : public ProgramRunner {
 public:
  HostKvmRunner(std::string harness_dir, std::string work_dir);
  /// `repeat` > 1: every test runs that many times (IRQSPEC_REPEAT).
  ProgramRun run(const std::string& test_c, int repeat) const override;

 private:
  std::string harness_;
  std::string work_;
};

/// The host's architecture as the bindings name it: "x86_64", "arm64".
std::string host_arch();

/// The running kernel's release (uname -r) and the version it starts with.
std::optional<codegen::KernelVersion> running_kernel(std::string& release);

}  // namespace conformance
