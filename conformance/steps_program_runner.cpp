// SPDX-License-Identifier: GPL-2.0
#include "conformance/steps_program_runner.h"

#include <filesystem>

#include "solver/subprocess.h"

namespace conformance {

using solver::CommandResult;
using solver::run_command;

namespace fs = std::filesystem;

StepsProgramRunner::StepsProgramRunner(std::string harness_dir, std::string lib_dir)
    : harness_(std::move(harness_dir)), lib_dir_(std::move(lib_dir)) {}

std::optional<std::string> StepsProgramRunner::library(std::string& log) const {
  if (!tried_) {
    tried_ = true;
    CommandResult b = run_command({harness_ + "/build.sh", lib_dir_});
    build_log_ = b.output;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(lib_dir_, ec)) {
      std::string name = e.path().filename().string();
      if (b.status == 0 && name.starts_with("lib") && name.ends_with("-harness.a")) {
        library_ = e.path().string();
      }
    }
    if (b.status == 0 && !library_) {
      build_log_ += harness_ + "/build.sh made no lib*-harness.a in " + lib_dir_ + "\n";
    }
  }
  log = build_log_;
  return library_;
}

ProgramRun StepsProgramRunner::run(const std::string& test_c, int repeat) const {
  ProgramRun r;
  std::optional<std::string> lib = library(r.log);
  if (!lib) {
    return r;
  }
  fs::path binary = fs::path(test_c).replace_extension("");
  CommandResult cc = run_command({"gcc", "-O1", "-g", "-Wall", "-I", lib_dir_ + "/include", test_c,
                                  *lib, "-pthread", "-o", binary.string()});
  if (cc.status != 0) {
    r.log = cc.output;
    return r;
  }
  r.built = true;
  r.log.clear();
  // The harness runs each test once; repeating is running the program
  // again, and the first run that does not pass is the one reported.
  for (int i = 0; i < std::max(1, repeat); ++i) {
    CommandResult t = run_command({binary.string()}, {}, 600);
    r.exit_status = t.status;
    r.ktap = parse_ktap(t.output);
    if (!r.ktap.valid || t.status != 0) {
      r.log = t.output;
      break;
    }
  }
  return r;
}

}  // namespace conformance
