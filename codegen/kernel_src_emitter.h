// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "codegen/binding.h"
#include "codegen/test_plan.h"

namespace codegen {

struct GeneratedFile {
  std::string name;
  std::string content;
};

/// The `kernel-src` suite: one C file of KTAP tests for the userspace
/// harness around the real irqbypass.c (conformance/kernel-src/harness.h),
/// in kernel style, each step commented with the model step it replays, and
/// a Makefile. Every expected return value and callback comes from the plan.
std::vector<GeneratedFile> emit_kernel_src(const TestPlan& plan, const Binding& binding,
                                           const std::string& model_path);

}  // namespace codegen
