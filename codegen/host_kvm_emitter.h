// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "codegen/binding.h"
#include "codegen/kernel_src_emitter.h"
#include "codegen/test_plan.h"

namespace codegen {

struct HostKvmSuite {
  std::vector<GeneratedFile> files;
  int tests = 0;
  std::vector<std::string> notes;  // plan cases that could not become tests, and why
};

/// A KVM-selftest-style program for one check (variant) of a model: per test,
/// a fresh VM with the in-kernel irqchip, irqfd and resamplefd, the test's
/// input steps in order (each followed by kh_settle, the host's internal
/// steps), and the log compared with every log the model allows for those
/// inputs. After each step the log must still be the start of an allowed
/// one, so a failure names the first diverging step.
HostKvmSuite emit_host_kvm(const TestPlan& plan, const Binding& binding,
                           const Binding::Variant& variant, const std::string& model_path,
                           bool only_counterexamples);

}  // namespace codegen
