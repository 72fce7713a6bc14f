// SPDX-License-Identifier: GPL-2.0
#include "codegen/suite_pipeline.h"

#include "codegen/host_kvm_emitter.h"
#include "codegen/planner.h"

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
  if (name == "kernel-src") {
    return SuiteTarget::KernelSrc;
  }
  if (name == "host-kvm") {
    return SuiteTarget::HostKvm;
  }
  if (name == "kmod") {
    return SuiteTarget::Kmod;
  }
  return std::nullopt;
}

SuitePipeline::SuitePipeline(std::string model_path, SuiteTarget target, SuiteOptions options)
    : model_path_(std::move(model_path)), target_(target), options_(std::move(options)) {}

SuitePipeline::~SuitePipeline() = default;

SuiteStatus SuitePipeline::open(const std::string& binding_path, std::ostream& err) {
  std::string path =
      binding_path.empty() ? Binding::default_path(model_path_, to_string(target_)) : binding_path;
  std::string error;
  if (!Binding::load(path, binding_, error)) {
    err << "irqspec: error: " << error << "\n";
    return SuiteStatus::BadInput;
  }
  // Another target's actions and events mean other calls and log lines.
  if (binding_.target != to_string(target_)) {
    err << path << ": error: a binding for the " << binding_.target << " target, not "
        << to_string(target_) << "\n";
    return SuiteStatus::BadInput;
  }
  doc_ = spec::Document::open(model_path_, err);
  return doc_ ? SuiteStatus::Ok : SuiteStatus::BadInput;
}

std::vector<std::string> SuitePipeline::checks() const {
  std::vector<std::string> names;
  for (const auto& [check, variant] : binding_.variants) {
    names.push_back(check);
  }
  return names;
}

std::vector<GeneratedFile> SuitePipeline::emit(const TestPlan& plan,
                                               const Binding::Variant& variant,
                                               Suite& suite) const {
  switch (target_) {
    case SuiteTarget::KernelSrc:
      suite.tests = plan.cases.size();
      return emit_kernel_src(plan, binding_, model_path_);
    case SuiteTarget::Kmod:
      suite.tests = plan.cases.size();
      return {emit_steps_program(plan, binding_, model_path_)};
    case SuiteTarget::HostKvm: {
      HostKvmSuite emitted =
          emit_host_kvm(plan, binding_, variant, model_path_, options_.from_counterexample);
      suite.tests = static_cast<std::size_t>(emitted.tests);
      suite.notes.insert(suite.notes.end(), emitted.notes.begin(), emitted.notes.end());
      return emitted.files;
    }
  }
  return {};
}

SuiteStatus SuitePipeline::build(const std::string& check, Suite& out, std::ostream& err) {
  auto variant = binding_.variants.find(check);
  out = Suite{};
  out.check = check;
  out.variant = variant != binding_.variants.end() ? variant->second : Binding::Variant{};
  out.model = doc_->elaborate(check, options_.settings, err);
  if (!out.model) {
    return SuiteStatus::BadInput;
  }
  std::vector<std::string> problems = binding_.validate(*out.model);
  for (const std::string& p : problems) {
    err << binding_.path << ": error: " << p << "\n";
  }
  if (!problems.empty()) {
    return SuiteStatus::BadInput;
  }
  PlannerOptions planner;
  planner.bound = options_.bound;
  planner.solver = options_.solver;
  planner.line_of = doc_->line_mapper();
  planner.internal_first = binding_.internal_first;
  try {
    TestPlan plan = Planner(out.model, planner).plan();
    out.goals = plan.goals.size();
    out.covered = plan.goals.size() - plan.unreached.size();
    for (const TestCase& c : plan.cases) {
      if (c.expected_failure >= 0 &&
          out.model->obligations[c.expected_failure].kind == spec::ObligationKind::Assert) {
        out.reproducers.push_back(c.name);
      }
    }
    for (const UnreachedGoal& u : plan.unreached) {
      out.notes.push_back("not covered: " + u.goal.description + ": " + u.reason);
    }
    out.files = emit(plan, out.variant, out);
  } catch (const std::exception& e) {
    err << "irqspec: internal error: " << e.what() << "\n";
    return SuiteStatus::InternalError;
  }
  return SuiteStatus::Ok;
}

}  // namespace codegen
