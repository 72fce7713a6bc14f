// SPDX-License-Identifier: GPL-2.0
#include <filesystem>
#include <fstream>

#include "codegen/host_kvm_emitter.h"
#include "codegen/planner.h"
#include "conformance/host_kvm_runner.h"
#include "tools/irqspec/conform.h"
#include "tools/irqspec/model_loader.h"

namespace irqspec {

namespace fs = std::filesystem;

ExitCode run_conform_host_kvm(const ConformOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<std::string> models = options.models;
  if (models.empty()) {
    models.push_back("models/oneshot_forwarding.irqspec");
  }
  std::string work =
      (fs::path(options.work_dir.empty() ? std::string(IRQSPEC_BUILD_DIR) + "/conform"
                                         : options.work_dir) /
       "host-kvm")
          .string();
  fs::create_directories(work);
  conformance::HostKvmRunner runner(std::string(IRQSPEC_SOURCE_DIR) + "/conformance/host-kvm",
                                    work);
  bool unmet = false, ran = false, broken = false;
  for (const std::string& model_path : models) {
    std::string binding_path = default_binding_path(model_path, "host-kvm");
    codegen::Binding binding;
    std::string error;
    if (!codegen::Binding::load(binding_path, binding, error)) {
      err << "irqspec: error: " << error << "\n";
      return ExitCode::BadInput;
    }
    out << "host-kvm: " << model_path << ", against the running kernel's KVM\n";
    for (const auto& [check, variant] : binding.variants) {
      if (!variant.skip.empty()) {
        out << "  " << check << ": skipped (" << variant.skip << ")\n";
        continue;
      }
      auto model = load_bound_model(model_path, check, {}, binding, binding_path, err);
      if (!model) {
        return ExitCode::BadInput;
      }
      codegen::PlannerOptions popts;
      popts.bound = options.bound;
      popts.line_of = line_mapper(model_path);
      codegen::HostKvmSuite suite;
      try {
        codegen::TestPlan plan = codegen::Planner(model, popts).plan();
        suite = codegen::emit_host_kvm(plan, binding, variant, model_path, false);
      } catch (const std::exception& e) {
        err << "irqspec: internal error: " << e.what() << "\n";
        return ExitCode::Internal;
      }
      fs::path file = fs::path(work) / suite.files.front().name;
      std::ofstream(file) << suite.files.front().content;
      conformance::ProgramRun run = runner.run(file.string(), options.repeat);
      const conformance::KtapReport& k = run.ktap;
      std::string verdict;
      if (!run.built) {
        out << "  " << check << ": could not build\n" << run.log << "\n";
        broken = true;
        continue;
      }
      if (!k.skip_all.empty() || (k.valid && k.skipped() == static_cast<int>(k.results.size()))) {
        std::string why = !k.skip_all.empty()
                              ? k.skip_all
                              : (k.results.empty() ? "" : k.results.front().directive);
        out << "  " << check << ": skipped (" << why << ")\n";
        continue;
      }
      if (!k.valid) {
        out << "  " << check << ": the program did not print KTAP\n" << run.log << "\n";
        broken = true;
        continue;
      }
      ran = true;
      bool diverges = k.failed() > 0;
      out << "  " << check << ": " << (diverges ? "diverges" : "conforms") << " (" << k.passed()
          << " passed, " << k.failed() << " failed, " << k.skipped() << " skipped of "
          << k.results.size() << " tests from the model)";
      if (variant.expect != "report") {
        bool met = (variant.expect == "diverges") == diverges;
        out << (met ? "" : "  UNEXPECTED: the binding expects \"" + variant.expect + "\"");
        unmet = unmet || !met;
      }
      if (!variant.why.empty()) {
        out << "\n    (" << variant.why << ")";
      }
      out << "\n";
      for (const conformance::KtapResult& r : k.results) {
        if (r.skipped && options.verbose) {
          out << "    skipped " << r.name << ": " << r.directive << "\n";
        }
        if (r.ok) {
          continue;
        }
        out << "    not ok " << r.name << "\n";
        for (const std::string& d : r.diagnostics) {
          out << "      " << d << "\n";
        }
      }
      for (const std::string& note : suite.notes) {
        out << "    note: " << note << "\n";
      }
    }
  }
  if (unmet) {
    out << "conform: a variant did not meet its expectation\n";
    return ExitCode::Unmet;
  }
  if (broken) {
    out << "conform: a variant could not be built or run (see above)\n";
    return ExitCode::Inconclusive;
  }
  if (!ran) {
    out << "conform: nothing could run here (see the reasons above)\n";
    return ExitCode::Inconclusive;
  }
  out << "conform: every variant that ran met its expectation\n";
  return ExitCode::Ok;
}

}  // namespace irqspec
