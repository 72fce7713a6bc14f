// SPDX-License-Identifier: GPL-2.0
#pragma once

// The targets a binding can be for, the emitters that write their suites,
// and what a binding gets when it names neither an emitter nor a harness.
// Only names and defaults live here: how a harness is built and run is
// conformance/'s business.

#include <optional>
#include <string>
#include <string_view>

namespace codegen {

/// What a suite's C drives, and so which binding describes it
/// (models/NAME.kernel-src.json, NAME.host-kvm.json, NAME.kmod.json).
/// kernel-src links a steps program with a userspace harness around kernel
/// source, kmod builds one into a test module that drives the running
/// kernel, host-kvm runs a program against the running kernel's /dev/kvm.
enum class SuiteTarget { KernelSrc, HostKvm, Kmod };
const char* to_string(SuiteTarget t);
std::optional<SuiteTarget> parse_suite_target(std::string_view name);

/// Which emitter writes a binding's suites (its "emitter" field).
enum class Emitter {
  /// One C function per test that calls the harness step by step (h_step,
  /// h_expect_int, H_EXPECT_LOG): any harness with kernel-src's harness.h API.
  Steps,
  /// host-kvm only: a KVM-selftest-style program per variant whose log is
  /// compared with every log the model allows (conformance/host-kvm's API).
  KvmProgram,
};
const char* to_string(Emitter e);
std::optional<Emitter> parse_emitter(std::string_view name);

/// The emitter of a target's bindings that do not name one.
Emitter default_emitter(SuiteTarget t);

/// Why `e` cannot write suites for `t`, or "" if it can.
std::string emitter_mismatch(SuiteTarget t, Emitter e);

/// The harness folder (relative to the irqspec tree) of a binding that
/// names none; nullopt when the target has no harness of that emitter's API
/// (host-kvm steps suites: conformance/host-kvm is the KVM programs').
/// `arch` picks the KVM programs' harness (x86_64 or arm64).
std::optional<std::string> default_harness(SuiteTarget t, Emitter e, const std::string& arch);

}  // namespace codegen
