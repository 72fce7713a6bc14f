// SPDX-License-Identifier: GPL-2.0
#include "codegen/suite_target.h"

namespace codegen {

const char* to_string(SuiteTarget t) {
  switch (t) {
    case SuiteTarget::KernelSrc:
      return "kernel-src";
    case SuiteTarget::HostKvm:
      return "host-kvm";
    case SuiteTarget::Kmod:
      return "kmod";
  }
  return "?";
}

std::optional<SuiteTarget> parse_suite_target(std::string_view name) {
  for (SuiteTarget t : {SuiteTarget::KernelSrc, SuiteTarget::HostKvm, SuiteTarget::Kmod}) {
    if (name == to_string(t)) {
      return t;
    }
  }
  return std::nullopt;
}

const char* to_string(Emitter e) {
  switch (e) {
    case Emitter::Steps:
      return "steps";
    case Emitter::KvmProgram:
      return "kvm-program";
  }
  return "?";
}

std::optional<Emitter> parse_emitter(std::string_view name) {
  for (Emitter e : {Emitter::Steps, Emitter::KvmProgram}) {
    if (name == to_string(e)) {
      return e;
    }
  }
  return std::nullopt;
}

Emitter default_emitter(SuiteTarget t) {
  return t == SuiteTarget::HostKvm ? Emitter::KvmProgram : Emitter::Steps;
}

std::string emitter_mismatch(SuiteTarget t, Emitter e) {
  // A KVM program sets up its own VM and guest and settles after every
  // input; only the host-kvm harness does that.
  if (e == Emitter::KvmProgram && t != SuiteTarget::HostKvm) {
    return std::string("the kvm-program emitter writes programs for the host-kvm target, not ") +
           to_string(t);
  }
  return "";
}

std::optional<std::string> default_harness(SuiteTarget t, Emitter e, const std::string& arch) {
  switch (t) {
    case SuiteTarget::KernelSrc:
      return "conformance/kernel-src";
    case SuiteTarget::Kmod:
      return "conformance/genirq-kmod";
    case SuiteTarget::HostKvm:
      if (e == Emitter::KvmProgram) {
        return arch == "arm64" ? "conformance/arm64-kvm" : "conformance/host-kvm";
      }
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace codegen
