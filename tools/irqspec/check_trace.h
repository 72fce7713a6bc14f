// SPDX-License-Identifier: GPL-2.0
#pragma once

// `irqspec check-trace MODEL --check C TRACE`: is a recorded trace a
// behaviour of the model? TRACE is irqspec's own JSON (verify-specs
// --format json as it is), an ITF trace, or a kernel ftrace log read through
// a binding (--binding, default MODEL's folder/NAME.ftrace.json).

#include <ostream>
#include <string>
#include <vector>

#include "spec/checker.h"
#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"

namespace irqspec {

struct CheckTraceOptions {
  std::string model;
  std::string check;  // "" : the model's only check, or its implicit one
  std::vector<spec::ConstSetting> settings;
  std::string trace;
  std::string binding;  // ftrace logs
  OutputFormat format = OutputFormat::Text;
  double timeout_seconds = 0;
  std::uint64_t max_states = 2'000'000;
};

/// 0: every trace is a behaviour; 1: one is not; 2: bad input; 3: the
/// search ran out of its limits; 70: an explaining behaviour did not replay.
ExitCode run_check_trace(const CheckTraceOptions& options, std::ostream& out, std::ostream& err);

}  // namespace irqspec
