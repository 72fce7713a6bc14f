// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/conform.h"

#include <filesystem>

#include "conformance/host_kvm_runner.h"
#include "conformance/kernel_src_runner.h"
#include "tools/irqspec/matrix_report.h"
#include "tools/irqspec/suite_cache.h"

namespace irqspec {

namespace fs = std::filesystem;

namespace {

std::string work_dir(const ConformOptions& o) {
  return o.work_dir.empty() ? std::string(IRQSPEC_BUILD_DIR) + "/conform" : o.work_dir;
}

std::vector<std::string> default_models(const std::string& target) {
  if (target == "kernel-src") {
    return {"models/irqbypass.irqspec"};
  }
  if (target == "host-kvm") {
    return {"models/oneshot_forwarding.irqspec"};
  }
  return {"models/oneshot_forwarding.irqspec", "models/irqbypass.irqspec"};
}

/// The trees of `--source`, or Debian's linux-source packages of `--kernel`.
bool kernel_trees(const ConformOptions& o, std::vector<conformance::KernelTree>& trees,
                  std::ostream& err) {
  for (const std::string& dir : o.sources) {
    conformance::KernelTree t;
    std::string error;
    if (!conformance::locate_tree(dir, work_dir(o), t, error)) {
      err << "irqspec: error: --source " << error << "\n";
      return false;
    }
    if (!o.kernel_version.empty()) {
      t.kernel_version = o.kernel_version;
    }
    trees.push_back(t);
  }
  if (trees.empty()) {
    for (const std::string& v : o.versions) {
      trees.push_back({"linux-source-" + v, v, "", "", ""});
    }
  }
  return true;
}

/// Without expectations the matrix is only reported (a patched kernel
/// whose version says nothing about its behaviour).
void drop_expectations(conformance::Matrix& m) {
  for (conformance::KernelColumn& k : m.kernels) {
    for (conformance::Cell& c : k.cells) {
      c.expected = conformance::Expected::None;
    }
  }
}

ExitCode exit_for(conformance::MatrixOutcome o) {
  switch (o) {
    case conformance::MatrixOutcome::Ok:
      return ExitCode::Ok;
    case conformance::MatrixOutcome::Unmet:
    case conformance::MatrixOutcome::Failed:
      return ExitCode::Unmet;
    case conformance::MatrixOutcome::Inconclusive:
      return ExitCode::Inconclusive;
  }
  return ExitCode::Internal;
}

const char* verdict_line(conformance::MatrixOutcome o) {
  switch (o) {
    case conformance::MatrixOutcome::Ok:
      return "conform: every variant met its expectation";
    case conformance::MatrixOutcome::Unmet:
      return "conform: a kernel does not do what the binding says it does (UNEXPECTED above)";
    case conformance::MatrixOutcome::Failed:
      return "conform: a kernel failed (see its problem above)";
    case conformance::MatrixOutcome::Inconclusive:
      return "conform: inconclusive: something could not be built, booted or run";
  }
  return "";
}

/// One model on the kernels of the target.
ExitCode conform_model(const ConformOptions& o, const std::string& model_path,
                       conformance::Matrix& matrix, std::ostream& err) {
  matrix.target = o.target;
  matrix.model = model_path;
  std::string work = work_dir(o);
  codegen::SuiteOptions suite_options;
  suite_options.bound = o.bound;
  std::vector<conformance::SuiteFiles> suites;
  if (o.target == "kernel-src") {
    std::vector<conformance::KernelTree> trees;
    if (!kernel_trees(o, trees, err)) {
      return ExitCode::BadInput;
    }
    if (ExitCode c = prepare_suites(model_path, codegen::SuiteTarget::KernelSrc, suite_options,
                                    work, suites, err);
        c != ExitCode::Ok) {
      return c;
    }
    std::string cache =
        o.cache_dir.empty() ? std::string(IRQSPEC_BUILD_DIR) + "/kernel-src-cache" : o.cache_dir;
    conformance::KernelSrcRunner runner(std::string(IRQSPEC_SOURCE_DIR) + "/conformance/kernel-src",
                                        cache, work);
    matrix.kernels = conformance::run_kernel_src(runner, trees, suites);
    return ExitCode::Ok;
  }
  if (ExitCode c = prepare_suites(model_path, codegen::SuiteTarget::HostKvm, suite_options, work,
                                  suites, err);
      c != ExitCode::Ok) {
    return c;
  }
  conformance::HostKvmRunner runner(std::string(IRQSPEC_SOURCE_DIR) + "/conformance/host-kvm",
                                    (fs::path(work) / "host-kvm").string());
  matrix.kernels.push_back(conformance::run_host_kvm(runner, suites, o.repeat));
  return ExitCode::Ok;
}

}  // namespace

ExitCode run_conform(const ConformOptions& options, std::ostream& out, std::ostream& err) {
  if (options.target != "kernel-src" && options.target != "host-kvm") {
    err << "irqspec: error: conform knows the targets kernel-src and host-kvm\n";
    return ExitCode::BadInput;
  }
  if (!options.kernel_version.empty() && !codegen::parse_kernel_version(options.kernel_version)) {
    err << "irqspec: error: --kernel-version " << options.kernel_version
        << ": not a kernel version (write e.g. 6.1.192)\n";
    return ExitCode::BadInput;
  }
  std::vector<std::string> models =
      options.models.empty() ? default_models(options.target) : options.models;
  nlohmann::json all = nlohmann::json::array();
  conformance::MatrixOutcome worst = conformance::MatrixOutcome::Ok;
  for (const std::string& model_path : models) {
    conformance::Matrix matrix;
    if (ExitCode c = conform_model(options, model_path, matrix, err); c != ExitCode::Ok) {
      return c;
    }
    if (!options.expect_versions) {
      drop_expectations(matrix);
    }
    worst = std::min(worst, conformance::outcome_of(matrix));
    if (options.format == OutputFormat::Json) {
      all.push_back(matrix_json(matrix));
    } else {
      print_matrix(matrix, options.verbose, out);
    }
  }
  if (options.format == OutputFormat::Json) {
    out << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
  } else {
    out << verdict_line(worst) << "\n";
  }
  return exit_for(worst);
}

}  // namespace irqspec
