// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/gen_tests.h"

#include <filesystem>
#include <fstream>

#include "codegen/kernel_src_emitter.h"
#include "codegen/planner.h"
#include "tools/irqspec/model_loader.h"

namespace irqspec {

namespace fs = std::filesystem;

ExitCode run_gen_tests(const GenTestsOptions& options, std::ostream& out, std::ostream& err) {
  if (options.target != "kernel-src") {
    err << "irqspec: error: gen-tests knows the target kernel-src (host-kvm and qemu-kernel "
           "are not generated yet)\n";
    return ExitCode::BadInput;
  }
  std::string binding_path = options.binding.empty()
                                 ? default_binding_path(options.model, options.target)
                                 : options.binding;
  codegen::Binding binding;
  std::string error;
  if (!codegen::Binding::load(binding_path, binding, error)) {
    err << "irqspec: error: " << error << "\n";
    return ExitCode::BadInput;
  }
  std::string check = options.check.empty() ? binding.check : options.check;
  auto model = load_model(options.model, check, options.settings, err);
  if (!model) {
    return ExitCode::BadInput;
  }
  std::vector<std::string> problems = binding.validate(*model);
  if (!problems.empty()) {
    for (const std::string& p : problems) {
      err << binding_path << ": error: " << p << "\n";
    }
    return ExitCode::BadInput;
  }
  codegen::PlannerOptions popts;
  popts.bound = options.bound;
  popts.line_of = line_mapper(options.model);
  popts.solver = options.solver;
  codegen::TestPlan plan;
  try {
    plan = codegen::Planner(model, popts).plan();
  } catch (const std::exception& e) {
    err << "irqspec: internal error: " << e.what() << "\n";
    return ExitCode::Internal;
  }
  std::vector<codegen::GeneratedFile> files =
      codegen::emit_kernel_src(plan, binding, options.model);
  fs::create_directories(options.out_dir);
  for (const codegen::GeneratedFile& f : files) {
    std::ofstream o(fs::path(options.out_dir) / f.name);
    o << f.content;
    if (!o) {
      err << "irqspec: error: cannot write " << (fs::path(options.out_dir) / f.name).string()
          << "\n";
      return ExitCode::BadInput;
    }
  }
  out << options.out_dir << ": " << plan.cases.size() << " tests for " << model->name << " (check "
      << model->check.name << "), covering " << plan.goals.size() - plan.unreached.size() << " of "
      << plan.goals.size() << " goals\n";
  for (const codegen::UnreachedGoal& u : plan.unreached) {
    out << "  not covered: " << u.goal.description << ": " << u.reason << "\n";
  }
  return ExitCode::Ok;
}

}  // namespace irqspec
