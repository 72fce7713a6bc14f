// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "codegen/suite_pipeline.h"
#include "conformance/suite_files.h"
#include "tools/irqspec/exit_codes.h"

namespace irqspec {

/// Generates the suites of every variant of a model's binding for a target
/// and writes them under `work`, or reuses the ones written before from the
/// same model, binding and options (a mutation run tests one suite against
/// many trees). Skipped variants come back with no program.
ExitCode prepare_suites(const std::string& model_path, codegen::SuiteTarget target,
                        const codegen::SuiteOptions& options, const std::string& work,
                        std::vector<conformance::SuiteFiles>& out, std::ostream& err);

}  // namespace irqspec
