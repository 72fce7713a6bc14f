// SPDX-License-Identifier: GPL-2.0
#pragma once

// binding -> model -> plan -> emit: the one way a conformance suite is made,
// whichever command asks for it (gen-tests, conform, gate) and whatever
// runs it (a userspace harness, the running kernel, a kernel under QEMU).

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/binding.h"
#include "codegen/kernel_src_emitter.h"
#include "codegen/suite_target.h"
#include "codegen/test_plan.h"
#include "spec/checker.h"
#include "spec/front_end.h"

namespace codegen {

struct SuiteOptions {
  int bound = 12;  // longest test, in steps
  std::string solver = "z3";
  bool from_counterexample = false;  // host-kvm: only the reproducers
  std::vector<spec::ConstSetting> settings;
  /// The irqspec tree, where a binding's "harness" folder must be; empty:
  /// not checked.
  std::string harness_root;
};

/// One check of a model as a generated suite.
struct Suite {
  std::string check;
  Binding::Variant variant;
  std::shared_ptr<const spec::Model> model;
  std::vector<GeneratedFile> files;  // the test program first
  std::size_t tests = 0;
  std::size_t goals = 0;
  std::size_t covered = 0;
  std::vector<std::string> notes;  // uncovered goals, plan cases that could not become tests
  /// Tests that reproduce an expected assertion failure: their last step
  /// fails (for kernel-src, the real code crashes there).
  std::vector<std::string> reproducers;

  const GeneratedFile& program() const { return files.front(); }
};

enum class SuiteStatus { Ok, BadInput, InternalError };

class SuitePipeline {
 public:
  SuitePipeline(std::string model_path, SuiteTarget target, SuiteOptions options);
  ~SuitePipeline();

  /// Reads the model and its binding (beside the model unless
  /// `binding_path` is given), which must be a binding for this target
  /// whose harness exists (when SuiteOptions::harness_root says where).
  /// Problems are reported on `err`.
  SuiteStatus open(const std::string& binding_path, std::ostream& err);

  const std::string& model_path() const { return model_path_; }
  const Binding& binding() const { return binding_; }
  /// The checks the binding has suites for (skipped ones included; see
  /// Binding::Variant::skip).
  std::vector<std::string> checks() const;

  /// Elaborates `check`, validates the binding against it (every problem is
  /// reported), plans and emits its suite.
  SuiteStatus build(const std::string& check, Suite& out, std::ostream& err);

 private:
  bool harnesses_exist(std::ostream& err) const;
  std::vector<GeneratedFile> emit(const TestPlan& plan, const Binding::Variant& variant,
                                  Suite& suite) const;

  std::string model_path_;
  SuiteTarget target_;
  SuiteOptions options_;
  std::unique_ptr<spec::Document> doc_;
  Binding binding_;
};

}  // namespace codegen
