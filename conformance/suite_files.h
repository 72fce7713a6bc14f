// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "codegen/binding.h"

namespace conformance {

/// A generated suite written to disk, ready for a target to build and run.
struct SuiteFiles {
  std::string check;
  codegen::Binding::Variant variant;
  codegen::Emitter emitter = codegen::Emitter::Steps;  // what wrote `program`
  std::string harness;  // what it is built against: a folder of the irqspec tree
  std::string program;  // the generated test program's C file; empty when skipped
  std::size_t tests = 0;
  std::vector<std::string> notes;
  std::vector<std::string> reproducers;  // tests whose last step is an expected failure
};

}  // namespace conformance
