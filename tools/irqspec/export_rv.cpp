// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/export_rv.h"

#include <filesystem>
#include <fstream>

#include "codegen/rv_automaton.h"
#include "codegen/rv_monitor.h"
#include "spec/front_end.h"

namespace irqspec {

namespace {

bool write_text(const std::string& path, const std::string& text, std::ostream& err) {
  std::ofstream file(path);
  file << text;
  file.close();
  if (!file) {
    err << "irqspec: error: cannot write " << path << "\n";
    return false;
  }
  return true;
}

/// The binding, checked against the model; nullopt after saying why not.
std::optional<codegen::RvBinding> monitor_binding(const ExportOptions& o, const spec::Model& model,
                                                  std::ostream& err) {
  codegen::RvBinding binding;
  std::string path = o.binding.empty() ? codegen::RvBinding::default_path(o.model) : o.binding;
  std::string error;
  if (!codegen::RvBinding::load(path, binding, error)) {
    err << error << "\n";
    return std::nullopt;
  }
  std::vector<std::string> problems = binding.validate(model);
  if (binding.model != model.name) {
    problems.insert(problems.begin(), "a binding for model " + binding.model);
  }
  for (const std::string& p : problems) {
    err << path << ": error: " << p << "\n";
  }
  if (!problems.empty()) {
    return std::nullopt;
  }
  return binding;
}

/// --monitor DIR: the monitor's files, and where they go in a kernel tree.
ExitCode write_monitor(const ExportOptions& o, const spec::Model& model,
                       const codegen::RvAutomaton& automaton, std::ostream& out,
                       std::ostream& err) {
  std::optional<codegen::RvBinding> binding = monitor_binding(o, model, err);
  if (!binding) {
    return ExitCode::BadInput;
  }
  std::string name = o.name.empty() ? model.name + "_" + o.check : o.name;
  std::string error;
  std::optional<codegen::RvMonitor> monitor =
      codegen::rv_monitor(model, automaton, *binding, o.check, name, error);
  if (!monitor) {
    err << o.model << ": error: " << error << "\n";
    return ExitCode::BadInput;
  }
  std::error_code ec;
  std::filesystem::create_directories(o.monitor, ec);
  monitor->files[name + ".dot"] = codegen::rv_dot(automaton);
  for (const auto& [file, text] : monitor->files) {
    if (!write_text((std::filesystem::path(o.monitor) / file).string(), text, err)) {
      return ExitCode::BadInput;
    }
  }
  out << monitor->checklist;
  return ExitCode::Ok;
}

}  // namespace

ExitCode run_export(const ExportOptions& o, std::ostream& out, std::ostream& err) {
  if (!o.rv) {
    err << "irqspec: error: export: say what to export (--rv)\n";
    return ExitCode::BadInput;
  }
  if (!o.monitor.empty() && o.check.empty()) {
    err << "irqspec: error: --monitor: say which check's behaviour it follows (--check)\n";
    return ExitCode::BadInput;
  }
  std::unique_ptr<spec::Document> doc = spec::Document::open(o.model, err);
  if (!doc) {
    return ExitCode::BadInput;
  }
  if (!o.check.empty() && !doc->has_check(o.check)) {
    err << "irqspec: error: --check " << o.check << ": " << o.model << " has no such check\n";
    return ExitCode::BadInput;
  }
  std::shared_ptr<const spec::Model> model = doc->elaborate(o.check, o.settings, err);
  if (!model) {
    return ExitCode::BadInput;
  }
  codegen::RvOptions options;
  options.actions = o.actions;
  // Tracepoints show which event happened, not the model's arguments.
  options.arguments = o.monitor.empty();
  std::string error;
  std::optional<codegen::RvAutomaton> automaton = codegen::rv_automaton(*model, options, error);
  if (!automaton) {
    err << o.model << ": error: cannot export model " << model->name << ": " << error << "\n";
    return ExitCode::BadInput;
  }
  if (automaton->events.empty()) {
    err << o.model << ": error: model " << model->name
        << " emits no events: an RV monitor needs some (or pass --actions)\n";
    return ExitCode::BadInput;
  }
  std::string dot = codegen::rv_dot(*automaton);
  if (!o.monitor.empty()) {
    if (!o.output.empty() && !write_text(o.output, dot, err)) {
      return ExitCode::BadInput;
    }
    return write_monitor(o, *model, *automaton, out, err);
  }
  if (o.output.empty()) {
    out << dot;
    return ExitCode::Ok;
  }
  return write_text(o.output, dot, err) ? ExitCode::Ok : ExitCode::BadInput;
}

}  // namespace irqspec
