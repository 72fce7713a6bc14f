// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/conform.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "codegen/kernel_src_emitter.h"
#include "codegen/planner.h"
#include "conformance/kernel_src_runner.h"
#include "tools/irqspec/model_loader.h"

namespace irqspec {

namespace fs = std::filesystem;

namespace {

/// Bumped whenever the planner or an emitter changes what it generates.
constexpr const char* kGeneratorVersion = "kernel-src-3";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void print_run(const conformance::TreeRun& run, const std::string& suite, bool verbose,
               std::ostream& out) {
  const conformance::KtapReport& k = run.ktap;
  if (!run.built) {
    out << "  " << run.tree.label << ": could not build the harness or the tests\n";
    std::string log = run.log.size() > 4000 ? run.log.substr(run.log.size() - 4000) : run.log;
    out << log << "\n";
    return;
  }
  out << "  " << run.kernel << ": " << k.passed() << "/" << k.results.size() << " passed";
  if (k.failed() > 0) {
    out << ", " << k.failed() << " FAILED";
  }
  out << "  (" << suite << ")\n";
  for (const conformance::KtapResult& r : k.results) {
    out << "    " << (r.ok ? "ok" : "not ok") << " " << r.number << " " << r.name;
    if (!r.directive.empty()) {
      out << " # " << r.directive;
    }
    out << "\n";
    if (!r.ok || verbose) {
      for (const std::string& d : r.diagnostics) {
        out << "      " << d << "\n";
      }
    }
  }
  if (!k.valid) {
    out << "    the test program did not print KTAP: " << k.error << "\n" << run.log << "\n";
  }
}

}  // namespace

ExitCode run_conform(const ConformOptions& options, std::ostream& out, std::ostream& err) {
  if (options.target == "host-kvm") {
    return run_conform_host_kvm(options, out, err);
  }
  if (options.target != "kernel-src") {
    err << "irqspec: error: conform knows the targets kernel-src and host-kvm\n";
    return ExitCode::BadInput;
  }
  std::vector<std::string> models = options.models;
  if (models.empty()) {
    models.push_back("models/irqbypass.irqspec");
  }
  std::string work =
      options.work_dir.empty() ? std::string(IRQSPEC_BUILD_DIR) + "/conform" : options.work_dir;
  std::string cache = options.cache_dir.empty()
                          ? std::string(IRQSPEC_BUILD_DIR) + "/kernel-src-cache"
                          : options.cache_dir;
  fs::create_directories(work);
  conformance::KernelSrcRunner runner(std::string(IRQSPEC_SOURCE_DIR) + "/conformance/kernel-src",
                                      cache, work);
  std::vector<conformance::KernelTree> trees;
  for (const std::string& dir : options.sources) {
    conformance::KernelTree t;
    std::string error;
    if (!conformance::locate_tree(dir, work, t, error)) {
      err << "irqspec: error: --source " << error << "\n";
      return ExitCode::BadInput;
    }
    trees.push_back(t);
  }
  if (trees.empty()) {
    for (const std::string& v : options.versions) {
      trees.push_back({"linux-source-" + v, v, "", ""});
    }
  }

  bool failed = false, broken = false;
  for (const std::string& model_path : models) {
    std::string binding_path = default_binding_path(model_path, options.target);
    codegen::Binding binding;
    std::string error;
    if (!codegen::Binding::load(binding_path, binding, error)) {
      err << "irqspec: error: " << error << "\n";
      return ExitCode::BadInput;
    }
    auto model = load_bound_model(model_path, binding.check, {}, binding, binding_path, err);
    if (!model) {
      return ExitCode::BadInput;
    }
    // The suite depends only on the model, the binding and the options: a
    // suite generated from the same inputs is reused (mutation runs test one
    // suite against many trees).
    fs::path dir = fs::path(work) / model->name;
    fs::create_directories(dir);
    std::string key = std::to_string(
        std::hash<std::string>{}(read_text(model_path) + "\n" + read_text(binding_path) + "\n" +
                                 std::to_string(options.bound) + "\n" + kGeneratorVersion));
    std::string test_c = (dir / (model->name + "_" + model->check.name + "_test.c")).string();
    std::size_t tests = 0;
    if (read_text((dir / "suite.key").string()) == key && fs::exists(test_c)) {
      tests = std::stoul(read_text((dir / "suite.tests").string()));
    } else {
      codegen::PlannerOptions popts;
      popts.bound = options.bound;
      popts.line_of = line_mapper(model_path);
      codegen::TestPlan plan;
      try {
        plan = codegen::Planner(model, popts).plan();
      } catch (const std::exception& e) {
        err << "irqspec: internal error: " << e.what() << "\n";
        return ExitCode::Internal;
      }
      for (const codegen::GeneratedFile& f : codegen::emit_kernel_src(plan, binding, model_path)) {
        std::ofstream(dir / f.name) << f.content;
      }
      tests = plan.cases.size();
      std::ofstream(dir / "suite.tests") << tests;
      std::ofstream(dir / "suite.key") << key;
    }
    std::string suite =
        model->name + " " + model->check.name + ", " + std::to_string(tests) + " generated tests";
    out << "kernel-src: " << model_path << " (check " << model->check.name << "): " << tests
        << " tests from the model, in " << test_c << "\n";
    for (const conformance::KernelTree& tree : trees) {
      conformance::TreeRun run = runner.run(tree, test_c);
      print_run(run, suite, options.verbose, out);
      if (!run.built || !run.ktap.valid) {
        broken = true;
      } else if (run.ktap.failed() > 0 || run.exit_status != 0) {
        failed = true;
      }
    }
  }
  if (failed) {
    out << "conform: the implementation diverges from the model (see the failing steps above)\n";
    return ExitCode::Unmet;
  }
  if (broken) {
    out << "conform: could not build or run every tree\n";
    return ExitCode::Inconclusive;
  }
  out << "conform: every generated test passed\n";
  return ExitCode::Ok;
}

}  // namespace irqspec
