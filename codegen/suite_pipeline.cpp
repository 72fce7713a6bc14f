// SPDX-License-Identifier: GPL-2.0
#include "codegen/suite_pipeline.h"

#include <filesystem>
#include <set>

#include "codegen/host_kvm_emitter.h"
#include "codegen/planner.h"

namespace codegen {

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
  if (!harnesses_exist(err)) {
    return SuiteStatus::BadInput;
  }
  doc_ = spec::Document::open(model_path_, err);
  return doc_ ? SuiteStatus::Ok : SuiteStatus::BadInput;
}

bool SuitePipeline::harnesses_exist(std::ostream& err) const {
  if (options_.harness_root.empty()) {
    return true;
  }
  // Per variant: a host-kvm default depends on the variant's architecture.
  std::set<std::string> harnesses;
  for (const auto& [check, variant] : binding_.variants) {
    harnesses.insert(binding_.harness_for(variant));
  }
  for (const std::string& h : harnesses) {
    if (!std::filesystem::is_directory(std::filesystem::path(options_.harness_root) / h)) {
      err << binding_.path << ": error: \"harness\": no folder " << h << " in "
          << options_.harness_root << "\n";
      return false;
    }
  }
  return true;
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
  if (binding_.emitter == Emitter::KvmProgram) {
    HostKvmSuite emitted =
        emit_host_kvm(plan, binding_, variant, model_path_, options_.from_counterexample);
    suite.tests = static_cast<std::size_t>(emitted.tests);
    suite.notes.insert(suite.notes.end(), emitted.notes.begin(), emitted.notes.end());
    return emitted.files;
  }
  suite.tests = plan.cases.size();
  // A module is built by its harness's own Kbuild: no Makefile of ours.
  if (target_ == SuiteTarget::Kmod) {
    return {emit_steps_program(plan, binding_, model_path_)};
  }
  return emit_userspace_steps(plan, binding_, variant, model_path_);
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
