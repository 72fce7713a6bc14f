// SPDX-License-Identifier: GPL-2.0
#include "conformance/host_kvm_runner.h"

#include <sys/utsname.h>

#include <filesystem>

#include "solver/subprocess.h"

namespace conformance {

using solver::CommandResult;
using solver::run_command;

namespace fs = std::filesystem;

HostKvmRunner::HostKvmRunner(std::string harness_dir, std::string work_dir)
    : harness_(std::move(harness_dir)), work_(std::move(work_dir)) {}

ProgramRun HostKvmRunner::run(const std::string& test_c, int repeat) const {
  ProgramRun r;
  fs::path lib_dir = fs::path(work_) / "host-kvm-harness";
  fs::path lib = lib_dir / "libkvm-harness.a";
  if (!fs::exists(lib)) {
    CommandResult b = run_command({harness_ + "/build.sh", lib_dir.string()});
    if (b.status != 0) {
      r.log = b.output;
      return r;
    }
  }
  fs::path binary = fs::path(test_c).replace_extension("");
  // kvm_harness.h includes the architecture-independent kh_common.h.
  std::string common = (fs::path(harness_) / ".." / "common").string();
  CommandResult cc = run_command({"gcc", "-O2", "-g", "-std=gnu11", "-Wall", "-I", harness_, "-I",
                                  common, test_c, lib.string(), "-o", binary.string()});
  if (cc.status != 0) {
    r.log = cc.output;
    return r;
  }
  r.built = true;
  CommandResult t =
      run_command({binary.string()}, {{"IRQSPEC_REPEAT", std::to_string(repeat)}}, 600);
  r.exit_status = t.status;
  r.ktap = parse_ktap(t.output);
  if (!r.ktap.valid || t.status != 0) {
    r.log = t.output;
  }
  return r;
}

std::string host_arch() {
  struct utsname u;
  if (uname(&u) != 0) {
    return "?";
  }
  std::string machine = u.machine;
  return machine == "aarch64" ? "arm64" : machine;
}

std::optional<codegen::KernelVersion> running_kernel(std::string& release) {
  struct utsname u;
  if (uname(&u) != 0) {
    return std::nullopt;
  }
  release = u.release;
  return codegen::parse_kernel_version(release);
}

}  // namespace conformance
