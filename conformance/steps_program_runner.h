// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <optional>
#include <string>

#include "conformance/program_runner.h"

namespace conformance {

/// A userspace steps harness that drives the running kernel
/// (conformance/kvm-vfio): `HARNESS/build.sh OUTDIR` makes
/// OUTDIR/include/harness.h and one OUTDIR/lib*-harness.a with the C API of
/// kernel-src's harness.h, and a generated steps program is compiled against
/// them and run. The harness is built at the first run of each runner, so a
/// changed harness is never stale.
class StepsProgramRunner : public ProgramRunner {
 public:
  StepsProgramRunner(std::string harness_dir, std::string lib_dir);
  ProgramRun run(const std::string& test_c, int repeat) const override;

 private:
  /// The library, or nullopt with the build's output in `log`.
  std::optional<std::string> library(std::string& log) const;

  std::string harness_;
  std::string lib_dir_;
  mutable bool tried_ = false;
  mutable std::optional<std::string> library_;
  mutable std::string build_log_;
};

}  // namespace conformance
