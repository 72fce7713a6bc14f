// SPDX-License-Identifier: GPL-2.0
#include "conformance/host_kvm_target.h"

#include <filesystem>
#include <map>
#include <memory>

#include "conformance/host_kvm_runner.h"
#include "conformance/steps_program_runner.h"

namespace conformance {

namespace fs = std::filesystem;

namespace {

/// One runner per harness, made when a suite first needs it: a harness's
/// library is built once for all the suites that use it.
class Runners {
 public:
  Runners(std::string source_dir, std::string work)
      : source_(std::move(source_dir)), work_(std::move(work)) {}

  const ProgramRunner& of(const SuiteFiles& s) {
    std::unique_ptr<ProgramRunner>& r = runners_[s.harness];
    if (!r) {
      std::string dir = (fs::path(source_) / s.harness).string();
      if (s.emitter == codegen::Emitter::KvmProgram) {
        r = std::make_unique<HostKvmRunner>(dir, work_);
      } else {
        fs::path lib = fs::path(work_) / (fs::path(s.harness).filename().string() + "-harness");
        r = std::make_unique<StepsProgramRunner>(dir, lib.string());
      }
    }
    return *r;
  }

 private:
  std::string source_;
  std::string work_;
  std::map<std::string, std::unique_ptr<ProgramRunner>> runners_;
};

Cell run_suite(Runners& runners, const KernelColumn& column, const SuiteFiles& s, int repeat) {
  Cell cell;
  cell.variant = s.check;
  cell.notes = s.notes;
  cell.expected_why = s.variant.kernels.text();
  if (s.program.empty() || s.variant.arch != host_arch()) {
    cell.status = CellStatus::Skipped;
    cell.reason = s.program.empty()
                      ? s.variant.skip
                      : "an " + s.variant.arch + " variant; this host is " + host_arch();
    return cell;
  }
  cell.expected = expectation_for(s.variant.kernels, column.version);
  ProgramRun run = runners.of(s).run(s.program, repeat);
  if (!run.built) {
    cell.status = CellStatus::Broken;
    cell.reason = "could not build the test program:\n" + run.log;
    return cell;
  }
  judge_cell(run.ktap, cell);
  if (cell.status == CellStatus::Broken) {
    cell.reason += "\n" + run.log;
  } else if (s.emitter == codegen::Emitter::Steps && cell.status == CellStatus::Conforms &&
             run.exit_status != 0) {
    // A steps harness exits 0 when a test passed and none failed (as
    // kernel-src's): every test passed, yet the program failed.
    cell.status = CellStatus::Broken;
    cell.reason =
        "the test program exited with status " + std::to_string(run.exit_status) + "\n" + run.log;
  }
  return cell;
}

}  // namespace

KernelColumn run_host_kvm(const std::string& source_dir, const std::string& work,
                          const std::vector<SuiteFiles>& suites, int repeat) {
  KernelColumn column;
  column.label = "running kernel";
  column.version = running_kernel(column.kernel);
  column.arch = "host";
  Runners runners(source_dir, work);
  for (const SuiteFiles& s : suites) {
    column.cells.push_back(run_suite(runners, column, s, repeat));
  }
  return column;
}

}  // namespace conformance
