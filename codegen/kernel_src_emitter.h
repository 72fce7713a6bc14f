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
/// tests: a program for a userspace harness (conformance/kernel-src,
/// conformance/kvm-vfio), a module for a kmod harness
/// (conformance/genirq-kmod, irqbypass-kmod: `#define main`).
GeneratedFile emit_steps_program(const TestPlan& plan, const Binding& binding,
                                 const std::string& model_path);

/// A Makefile that builds every *_test.c of its folder against a userspace
/// steps harness (HARNESS: the folder its build script made).
GeneratedFile steps_makefile(const std::string& harness);

/// A steps suite for a userspace harness: the kernel-src target's, around
/// the real irqbypass.c (conformance/kernel-src), or the one a host-kvm
/// binding names that drives the running kernel (conformance/kvm-vfio).
/// The steps program and the Makefile that links it with the harness's
/// library.
std::vector<GeneratedFile> emit_userspace_steps(const TestPlan& plan, const Binding& binding,
                                                const Binding::Variant& variant,
                                                const std::string& model_path);

}  // namespace codegen
