// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/conform.h"

#include <filesystem>
#include <thread>

#include "conformance/host_kvm_target.h"
#include "conformance/kernel_src_runner.h"
#include "conformance/qemu_harnesses.h"
#include "conformance/qemu_runner.h"
#include "tools/irqspec/ci_cases.h"
#include "tools/irqspec/junit_report.h"
#include "tools/irqspec/matrix_report.h"
#include "tools/irqspec/sarif_report.h"
#include "tools/irqspec/suite_cache.h"

namespace irqspec {

namespace fs = std::filesystem;

namespace {

std::string work_dir(const ConformOptions& o) {
  return o.work_dir.empty() ? std::string(IRQSPEC_BUILD_DIR) + "/conform" : o.work_dir;
}

codegen::SuiteOptions suite_options_of(const ConformOptions& o) {
  codegen::SuiteOptions suite_options;
  suite_options.bound = o.bound;
  suite_options.harness_root = IRQSPEC_SOURCE_DIR;  // bindings name their harness in this tree
  return suite_options;
}

/// The models whose suites can run on the target (on arm64, irqbypass is
/// built into Debian's kernels and the virtual timer is the forwarded
/// interrupt; on x86 the KVM guest has a PIC and an IOAPIC). genirq_flows
/// runs as test modules against the kernel's own flow handlers on both.
std::vector<std::string> default_models(const ConformOptions& o) {
  if (o.target == "kernel-src") {
    return {"models/irqbypass.irqspec"};
  }
  if (o.target == "host-kvm") {
    return {"models/oneshot_forwarding.irqspec"};
  }
  if (o.arch == "arm64") {
    return {"models/oneshot_forwarding.irqspec", "models/gic_forwarding.irqspec",
            "models/genirq_flows.irqspec"};
  }
  return {"models/oneshot_forwarding.irqspec", "models/irqbypass.irqspec",
          "models/genirq_flows.irqspec"};
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

/// The kernels of `--kernel-image`, or Debian's of `--kernel`.
std::vector<conformance::QemuKernelSpec> qemu_kernels(const ConformOptions& o) {
  std::vector<conformance::QemuKernelSpec> specs;
  if (!o.kernel_image.empty()) {
    specs.push_back({o.arch, "", o.kernel_image, o.modules_dir, o.headers_dir, o.kernel_version});
    return specs;
  }
  for (const std::string& v : o.versions) {
    specs.push_back({o.arch, v, "", "", "", ""});
  }
  return specs;
}

/// Every suite of the model that runs inside a kernel: the KVM programs
/// of its host-kvm binding, and as test modules the steps suites of its
/// kernel-src binding (against irqbypass.ko) and of its kmod binding.
ExitCode qemu_suites(const std::string& model_path, const ConformOptions& o,
                     const codegen::SuiteOptions& suite_options,
                     std::vector<conformance::QemuSuite>& out, std::ostream& err) {
  using Kind = conformance::QemuSuite::Kind;
  std::size_t before = out.size();  // `out` holds the suites of the models before too
  for (codegen::SuiteTarget target :
       {codegen::SuiteTarget::HostKvm, codegen::SuiteTarget::KernelSrc,
        codegen::SuiteTarget::Kmod}) {
    if (!fs::exists(codegen::Binding::default_path(model_path, codegen::to_string(target)))) {
      continue;
    }
    std::vector<conformance::SuiteFiles> files;
    if (ExitCode c = prepare_suites(model_path, target, suite_options, work_dir(o), files, err);
        c != ExitCode::Ok) {
      return c;
    }
    std::optional<conformance::ModuleHarness> harness = conformance::module_harness(target);
    Kind kind = harness ? Kind::Module : Kind::KvmProgram;
    for (conformance::SuiteFiles& f : files) {
      if (kind == Kind::KvmProgram && f.variant.arch != o.arch && f.variant.skip.empty()) {
        f.variant.skip = "an " + f.variant.arch + " variant (these kernels are " + o.arch + ")";
        f.program.clear();
      }
      std::string refusal = conformance::qemu_refusal(target, f.emitter, f.harness, f.variant.arch);
      if (!refusal.empty() && f.variant.skip.empty()) {
        f.variant.skip = refusal;
        f.program.clear();
      }
      std::string id = fs::path(model_path).stem().string() + "." + f.check;
      out.push_back({kind, id, std::move(f), harness.value_or(conformance::ModuleHarness{})});
    }
  }
  if (out.size() == before) {
    err << "irqspec: error: " << model_path
        << " has no host-kvm, kernel-src or kmod binding: nothing to run inside a kernel\n";
    return ExitCode::BadInput;
  }
  return ExitCode::Ok;
}

/// Every model's suites run in one boot of each kernel (a boot is the
/// expensive part); the column is then split into one matrix per model.
ExitCode conform_qemu(const ConformOptions& o, const std::vector<std::string>& models,
                      std::vector<conformance::Matrix>& matrices, std::ostream& err) {
  codegen::SuiteOptions suite_options = suite_options_of(o);
  std::vector<conformance::QemuSuite> suites;
  std::vector<std::size_t> first;  // per model: its first suite
  for (const std::string& model_path : models) {
    first.push_back(suites.size());
    if (ExitCode c = qemu_suites(model_path, o, suite_options, suites, err); c != ExitCode::Ok) {
      return c;
    }
  }
  first.push_back(suites.size());
  conformance::QemuOptions qo;
  qo.conformance_dir = std::string(IRQSPEC_SOURCE_DIR) + "/conformance";
  qo.cache_dir = o.cache_dir.empty() ? std::string(IRQSPEC_BUILD_DIR) + "/qemu-cache" : o.cache_dir;
  qo.work_dir = (fs::path(work_dir(o)) / "qemu").string();
  qo.boot_timeout = o.boot_timeout;
  qo.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  qo.guest_commands = o.guest_commands;
  qo.trace_dir = o.record_trace;
  qo.trace_events = o.trace_events;
  conformance::QemuRunner runner(qo);
  matrices.assign(models.size(), conformance::Matrix{});
  for (std::size_t m = 0; m < models.size(); ++m) {
    matrices[m].target = o.target;
    matrices[m].model = models[m];
  }
  std::vector<conformance::QemuKernel> kernels;
  for (const conformance::QemuKernelSpec& spec : qemu_kernels(o)) {
    kernels.push_back(runner.prepare(spec));
  }
  for (const conformance::KernelColumn& column : runner.run(kernels, suites)) {
    for (std::size_t m = 0; m < models.size(); ++m) {
      conformance::KernelColumn part = column;
      part.cells.assign(column.cells.begin() + static_cast<std::ptrdiff_t>(first[m]),
                        column.cells.begin() + static_cast<std::ptrdiff_t>(first[m + 1]));
      matrices[m].kernels.push_back(std::move(part));
    }
  }
  return ExitCode::Ok;
}

/// The folder of the kernel-src harness the suites are built against: the
/// binding's (one binding, one harness; every suite says it).
std::string kernel_src_harness(const std::vector<conformance::SuiteFiles>& suites) {
  std::string harness = suites.empty() ? "" : suites.front().harness;
  if (harness.empty()) {
    harness = *codegen::default_harness(codegen::SuiteTarget::KernelSrc, codegen::Emitter::Steps,
                                        "x86_64");
  }
  return (fs::path(IRQSPEC_SOURCE_DIR) / harness).string();
}

/// One model on the kernels of the target.
ExitCode conform_model(const ConformOptions& o, const std::string& model_path,
                       conformance::Matrix& matrix, std::ostream& err) {
  matrix.target = o.target;
  matrix.model = model_path;
  std::string work = work_dir(o);
  codegen::SuiteOptions suite_options = suite_options_of(o);
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
    conformance::KernelSrcRunner runner(kernel_src_harness(suites), cache, work);
    matrix.kernels = conformance::run_kernel_src(runner, trees, suites);
    return ExitCode::Ok;
  }
  if (ExitCode c = prepare_suites(model_path, codegen::SuiteTarget::HostKvm, suite_options, work,
                                  suites, err);
      c != ExitCode::Ok) {
    return c;
  }
  matrix.kernels.push_back(conformance::run_host_kvm(
      IRQSPEC_SOURCE_DIR, (fs::path(work) / "host-kvm").string(), suites, o.repeat));
  return ExitCode::Ok;
}

}  // namespace

ConformRun conform(const ConformOptions& options, std::ostream& err) {
  ConformRun run;
  if (options.target != "kernel-src" && options.target != "host-kvm" && options.target != "qemu") {
    err << "irqspec: error: conform knows the targets kernel-src, host-kvm and qemu\n";
    run.setup = ExitCode::BadInput;
    return run;
  }
  if (options.target == "qemu" && !options.kernel_image.empty() && options.modules_dir.empty()) {
    err << "irqspec: error: --kernel-image needs --modules (its modules_install root)\n";
    run.setup = ExitCode::BadInput;
    return run;
  }
  if (options.target != "qemu" &&
      (!options.record_trace.empty() || !options.trace_events.empty())) {
    err << "irqspec: error: --record-trace and --trace-event are for --target qemu\n";
    run.setup = ExitCode::BadInput;
    return run;
  }
  if (!options.trace_events.empty() && options.record_trace.empty()) {
    err << "irqspec: error: --trace-event needs --record-trace DIR\n";
    run.setup = ExitCode::BadInput;
    return run;
  }
  if (!options.kernel_version.empty() && !codegen::parse_kernel_version(options.kernel_version)) {
    err << "irqspec: error: --kernel-version " << options.kernel_version
        << ": not a kernel version (write e.g. 6.1.192)\n";
    run.setup = ExitCode::BadInput;
    return run;
  }
  std::vector<std::string> models =
      options.models.empty() ? default_models(options) : options.models;
  if (options.target == "qemu") {
    run.setup = conform_qemu(options, models, run.matrices, err);
  }
  for (const std::string& model_path :
       options.target == "qemu" ? std::vector<std::string>{} : models) {
    if (run.setup != ExitCode::Ok) {
      break;
    }
    run.setup = conform_model(options, model_path, run.matrices.emplace_back(), err);
  }
  for (conformance::Matrix& matrix : run.matrices) {
    if (!options.expect_versions) {
      drop_expectations(matrix);
    }
  }
  return run;
}

ExitCode ConformRun::exit_code() const {
  if (setup != ExitCode::Ok) {
    return setup;
  }
  return exit_for(worst());
}

conformance::MatrixOutcome ConformRun::worst() const {
  conformance::MatrixOutcome worst = conformance::MatrixOutcome::Ok;
  for (const conformance::Matrix& matrix : matrices) {
    worst = std::min(worst, conformance::outcome_of(matrix));
  }
  return worst;
}

void write_conform(const ConformRun& run, OutputFormat format, bool verbose, std::ostream& out) {
  std::vector<CiCase> cases;
  nlohmann::json all = nlohmann::json::array();
  for (const conformance::Matrix& matrix : run.matrices) {
    if (format == OutputFormat::Json) {
      all.push_back(matrix_json(matrix));
    } else if (format == OutputFormat::Text) {
      print_matrix(matrix, verbose, out);
    } else {
      add_ci_cases(matrix, cases);
    }
  }
  // A kernel's console can print bytes that are not UTF-8.
  auto replace = nlohmann::json::error_handler_t::replace;
  if (format == OutputFormat::Json) {
    out << (all.size() == 1 ? all[0] : all).dump(2, ' ', false, replace) << "\n";
  } else if (format == OutputFormat::Junit) {
    write_junit(cases, out);
  } else if (format == OutputFormat::Sarif) {
    write_sarif(cases, out);
  } else {
    out << verdict_line(run.worst()) << "\n";
  }
}

ExitCode run_conform(const ConformOptions& options, std::ostream& out, std::ostream& err) {
  ConformRun run = conform(options, err);
  if (run.setup != ExitCode::Ok) {
    return run.setup;
  }
  write_conform(run, options.format, options.verbose, out);
  return run.exit_code();
}

}  // namespace irqspec
