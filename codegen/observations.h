// SPDX-License-Identifier: GPL-2.0
#pragma once

// What a target that settles by itself should log for a sequence of input
// steps: the model is run with those inputs, each followed by every maximal
// sequence of internal steps, and every resulting log is acceptable.

#include <set>
#include <string>
#include <vector>

#include "codegen/binding.h"
#include "solver/trace.h"

namespace codegen {

struct ObservableRun {
  bool ok = false;
  std::string problem;  // why no behaviour of the model matches the inputs
  /// Every acceptable log of the whole run.
  std::set<std::vector<std::string>> logs;
};

/// Runs `inputs` (input actions only) through the model's semantics.
ObservableRun observable_logs(const spec::Model& model, const Binding& binding,
                              const std::vector<solver::StepInput>& inputs);

}  // namespace codegen
