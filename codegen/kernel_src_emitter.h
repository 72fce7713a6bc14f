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

/// A steps suite: one C file of KTAP tests, in kernel style, that call the
/// binding's harness step by step (`h_step`, `h_expect_int`, `H_EXPECT_LOG`)
/// and compare every result, callback and observed slot with the plan; each
/// step is commented with the model step it replays. Its `main` runs the
/// tests: a program for the userspace kernel-src harness, a module for a
/// kmod harness (conformance/genirq-kmod, irqbypass-kmod: `#define main`).
GeneratedFile emit_steps_program(const TestPlan& plan, const Binding& binding,
                                 const std::string& model_path);

/// The `kernel-src` suite: the steps program for the userspace harness
/// around the real irqbypass.c (conformance/kernel-src/harness.h), and a
/// Makefile that links it with the harness library.
std::vector<GeneratedFile> emit_kernel_src(const TestPlan& plan, const Binding& binding,
                                           const std::string& model_path);

}  // namespace codegen
