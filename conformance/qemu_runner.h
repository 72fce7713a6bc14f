// SPDX-License-Identifier: GPL-2.0
#pragma once

// The qemu target: real kernels (Debian's packages, or a developer's build)
// booted under QEMU with a generated initramfs; inside, the generated KVM
// programs run against the kernel's own KVM, and the generated steps suites
// run as test modules: kernel-src suites against its own irqbypass.ko, kmod
// suites against its genirq flow handlers. The scripts that fetch, pack and
// boot are in conformance/qemu (see its NOTES.md).

#include <optional>
#include <string>
#include <vector>

#include "codegen/suite_pipeline.h"
#include "conformance/matrix.h"
#include "conformance/qemu_output.h"
#include "conformance/suite_files.h"

namespace conformance {

/// Which kernel to boot.
struct QemuKernelSpec {
  std::string arch = "x86_64";  // x86_64 | arm64
  std::string debian;           // "6.1", "6.12": Debian's packages; empty: a developer's build
  std::string image;            // a developer's build: the kernel image
  std::string modules;          // its `make modules_install INSTALL_MOD_PATH=` root
  std::string headers;          // its build tree, for test modules
  std::string version;          // its version for the expectations; empty: none
};

/// A kernel ready to boot, or why it is not.
struct QemuKernel {
  QemuKernelSpec spec;
  std::string label;  // "Debian 6.1", or the image's path
  std::string image;
  std::string modules;  // a lib/modules/KREL tree
  std::string headers;  // KDIR for test modules
  std::string release;  // uname -r
  std::string version;  // what the expectations use; empty: none
  bool ok = false;
  std::string problem;
};

/// What builds a generated steps suite into a test module:
/// conformance/DIR/build-module.sh KDIR TEST_C OUTDIR [ARCH] makes
/// OUTDIR/MODULE.ko. Every suite of a harness is a module of that one name,
/// so a boot loads them one at a time, with rmmod in between.
struct ModuleHarness {
  std::string dir;     // under conformance/: "irqbypass-kmod"
  std::string module;  // its Kbuild's obj-m: "irqspec_irqbypass_test"
};

/// The harness that runs a target's suites as modules, if it has one:
/// kernel-src suites against irqbypass.ko (irqbypass-kmod), kmod suites
/// against the genirq flow handlers (genirq-kmod).
std::optional<ModuleHarness> module_harness(codegen::SuiteTarget target);

/// A suite as something to run inside the kernel.
struct QemuSuite {
  enum class Kind { KvmProgram, Module };
  Kind kind = Kind::KvmProgram;
  std::string id;         // unique among the suites of a run: "irqbypass.era_c"
  SuiteFiles files;       // a module's crash tests are its reproducers
  ModuleHarness harness;  // Module: what builds it
};

struct QemuOptions {
  std::string conformance_dir;  // the source tree's conformance/
  std::string cache_dir;        // fetched kernels, busybox, tools
  std::string work_dir;         // payloads, builds, logs
  int boot_timeout = 600;       // seconds for one boot
  int item_timeout = 300;       // seconds for one program or module inside it
  int jobs = 1;                 // boots run at the same time
  /// Shell commands run in the guest of the main boot after the test
  /// programs, before the test modules (a module's expected crash ends what
  /// irqbypass can do): what a developer wants to see there
  /// (`conform --guest-command`).
  std::vector<std::string> guest_commands;
  /// Not empty: record these tracepoints ("SYSTEM:EVENT", or "SYSTEM:EVENT
  /// FILTER" with an ftrace filter) while the KVM programs run, and write
  /// each test's trace to trace_dir/CHECK/KERNEL/TEST.ftrace (`conform
  /// --record-trace`; conformance/qemu/NOTES.md, "Kernel traces").
  std::string trace_dir;
  std::vector<std::string> trace_events;
};

/// The tracepoints `conform --record-trace` records by default: KVM's
/// irqfd, irqchip, LAPIC and injection events, the guest's port and MMIO
/// accesses, host interrupt handlers, the irqfd work being queued, and
/// eventfd reads.
std::vector<std::string> default_trace_events();

/// The file a test's trace goes to: DIR/CHECK/KERNEL/TEST.ftrace.
std::string trace_file(const std::string& dir, const std::string& check, const std::string& kernel,
                       const std::string& test);

struct QemuBoot;
struct QemuPayload;
struct QemuKernelRun;

class QemuRunner {
 public:
  explicit QemuRunner(QemuOptions options);

  /// Fetches Debian's kernel (cached) or checks a developer's files.
  QemuKernel prepare(const QemuKernelSpec& spec) const;

  /// Builds each kernel's payload, boots every kernel (more than once when
  /// several suites end in crashes: a crash leaves irqbypass unusable until
  /// reboot; the boots of all kernels share `jobs`), and judges every suite:
  /// one column of the matrix per kernel, in the order of `kernels`.
  std::vector<KernelColumn> run(const std::vector<QemuKernel>& kernels,
                                const std::vector<QemuSuite>& suites) const;

 private:
  bool build_payload(const QemuKernel& kernel, const std::vector<QemuSuite>& suites,
                     QemuPayload& payload, std::string& problem) const;
  std::vector<QemuBoot> plan_boots(const std::vector<QemuSuite>& suites,
                                   const QemuPayload& payload) const;
  void plan_modules(std::vector<const QemuSuite*> modules, const QemuPayload& payload,
                    QemuBoot& main, std::vector<QemuBoot>& boots) const;
  void start(QemuKernelRun& r, const std::vector<QemuSuite>& suites) const;
  void boot(const QemuKernel& kernel, QemuBoot& b) const;
  void boot_all(std::vector<QemuKernelRun>& runs) const;
  KernelColumn finish(QemuKernelRun& r, const std::vector<QemuSuite>& suites) const;
  void write_traces(QemuKernelRun& r, const std::vector<QemuSuite>& suites) const;
  std::string build_kvm_program(const QemuKernel& kernel, const std::string& test_c,
                                std::string& log) const;
  std::string build_module(const QemuKernel& kernel, const QemuSuite& suite,
                           std::string& log) const;

  QemuOptions o_;
};

}  // namespace conformance
