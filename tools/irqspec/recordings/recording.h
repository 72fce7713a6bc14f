// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "solver/recorded_trace.h"

namespace irqspec::recordings {

/// One recorded trace of a file, with the name a report gives it: the
/// property whose counterexample it is, or the file itself.
struct NamedRecording {
  std::string name;
  solver::RecordedTrace trace;
};

}  // namespace irqspec::recordings
