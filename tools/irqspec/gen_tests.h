// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>

#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"

namespace irqspec {

/// `irqspec gen-tests MODEL --target TARGET -o DIR`: plans and emits a suite.
ExitCode run_gen_tests(const GenTestsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace irqspec
