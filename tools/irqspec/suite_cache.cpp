// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/suite_cache.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/irqspec/generated_files.h"

namespace irqspec {

namespace fs = std::filesystem;

namespace {

/// Bumped whenever the planner or an emitter changes what it generates.
constexpr const char* kGeneratorVersion = "suite-8";

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string cache_key(const std::string& model_path, const std::string& binding_path,
                      const std::string& check, const codegen::SuiteOptions& o) {
  std::string settings;
  for (const spec::ConstSetting& s : o.settings) {
    settings += s.name + "=" + s.value + ";";
  }
  return std::to_string(std::hash<std::string>{}(
      read_text(model_path) + "\n" + read_text(binding_path) + "\n" + check + "\n" +
      std::to_string(o.bound) + "\n" + o.solver + "\n" + settings + "\n" +
      (o.from_counterexample ? "cx" : "") + kGeneratorVersion));
}

/// A suite written before from the same inputs, if there is one.
bool reuse(const fs::path& dir, const std::string& key, conformance::SuiteFiles& s) {
  if (read_text(dir / "suite.key") != key) {
    return false;
  }
  std::istringstream meta(read_text(dir / "suite.meta"));
  std::string program;
  if (!(meta >> s.tests >> program) || !fs::exists(dir / program)) {
    return false;
  }
  s.program = (dir / program).string();
  std::string line;
  std::getline(meta, line);
  while (std::getline(meta, line)) {
    if (line.rfind("reproducer ", 0) == 0) {
      s.reproducers.push_back(line.substr(11));
    } else {
      s.notes.push_back(line);
    }
  }
  return true;
}

bool write(const fs::path& dir, const std::string& key, const codegen::Suite& suite,
           conformance::SuiteFiles& s, std::ostream& err) {
  // The key last, and only when everything else was written: a suite cut
  // short by a full disk is never found again as a cached one.
  std::error_code ec;
  fs::remove(dir / "suite.key", ec);
  std::string meta = std::to_string(suite.tests) + " " + suite.program().name + "\n";
  for (const std::string& n : suite.notes) {
    meta += n + "\n";
  }
  for (const std::string& r : suite.reproducers) {
    meta += "reproducer " + r + "\n";
  }
  if (!write_generated_files(dir.string(), suite.files, err) ||
      !write_text_file((dir / "suite.meta").string(), meta, err) ||
      !write_text_file((dir / "suite.key").string(), key, err)) {
    err << "irqspec: error: cannot write the suite into " << dir.string() << "\n";
    return false;
  }
  s.program = (dir / suite.program().name).string();
  s.tests = suite.tests;
  s.notes = suite.notes;
  s.reproducers = suite.reproducers;
  return true;
}

}  // namespace

ExitCode prepare_suites(const std::string& model_path, codegen::SuiteTarget target,
                        const codegen::SuiteOptions& options, const std::string& work,
                        std::vector<conformance::SuiteFiles>& out, std::ostream& err) {
  codegen::SuitePipeline pipeline(model_path, target, options);
  if (pipeline.open("", err) != codegen::SuiteStatus::Ok) {
    return ExitCode::BadInput;
  }
  for (const std::string& check : pipeline.checks()) {
    conformance::SuiteFiles s;
    s.check = check;
    s.variant = pipeline.binding().variants.at(check);
    s.emitter = pipeline.binding().emitter;
    s.harness = pipeline.binding().harness_for(s.variant);
    if (!s.variant.skip.empty()) {
      out.push_back(std::move(s));
      continue;
    }
    fs::path dir =
        fs::path(work) / fs::path(model_path).stem() / codegen::to_string(target) / check;
    std::string key = cache_key(model_path, pipeline.binding().path, check, options);
    if (!reuse(dir, key, s)) {
      codegen::Suite suite;
      if (codegen::SuiteStatus st = pipeline.build(check, suite, err);
          st != codegen::SuiteStatus::Ok) {
        return st == codegen::SuiteStatus::InternalError ? ExitCode::Internal : ExitCode::BadInput;
      }
      if (!write(dir, key, suite, s, err)) {
        return ExitCode::BadInput;
      }
    }
    out.push_back(std::move(s));
  }
  return ExitCode::Ok;
}

}  // namespace irqspec
