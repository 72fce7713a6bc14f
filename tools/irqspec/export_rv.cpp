// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/export_rv.h"

#include <fstream>

#include "codegen/rv_automaton.h"
#include "spec/front_end.h"

namespace irqspec {

ExitCode run_export(const ExportOptions& o, std::ostream& out, std::ostream& err) {
  if (!o.rv) {
    err << "irqspec: error: export: say what to export (--rv)\n";
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
  if (o.output.empty()) {
    out << dot;
    return ExitCode::Ok;
  }
  std::ofstream file(o.output);
  file << dot;
  file.close();
  if (!file) {
    err << "irqspec: error: cannot write " << o.output << "\n";
    return ExitCode::BadInput;
  }
  return ExitCode::Ok;
}

}  // namespace irqspec
