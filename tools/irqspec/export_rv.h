// SPDX-License-Identifier: GPL-2.0
#pragma once

// `irqspec export --rv MODEL --check C`: the model's event automaton as the
// DOT the kernel's dot2k / rvgen turns into an RV monitor; with --monitor
// DIR, the monitor itself, its handlers bound to tracepoints by
// models/NAME.rv.json.

#include <ostream>
#include <string>
#include <vector>

#include "spec/checker.h"
#include "tools/irqspec/exit_codes.h"

namespace irqspec {

struct ExportOptions {
  std::string model;
  std::string check;
  std::vector<spec::ConstSetting> settings;
  bool rv = false;
  bool actions = false;  // actions are events of the automaton too
  std::string output;    // "" : standard output; dot2k names the monitor after the file
  std::string monitor;   // a folder for the whole monitor (NAME.c, NAME.h...); "" : none
  std::string binding;   // the tracepoint binding; "" : models/NAME.rv.json
  std::string name;      // the monitor's name; "" : MODEL_CHECK
};

ExitCode run_export(const ExportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace irqspec
