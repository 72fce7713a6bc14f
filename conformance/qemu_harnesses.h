// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>

#include "codegen/suite_target.h"

namespace conformance {

/// Why the qemu target cannot run a suite inside a kernel, or "" if it can.
/// It builds KVM programs against conformance/host-kvm (arm64-kvm) and steps
/// suites into the test modules of conformance/irqbypass-kmod (which has
/// kernel-src's harness API) and genirq-kmod: a binding that names another
/// emitter or harness than its target's default has no way into a guest.
std::string qemu_refusal(codegen::SuiteTarget target, codegen::Emitter emitter,
                         const std::string& harness, const std::string& arch);

}  // namespace conformance
