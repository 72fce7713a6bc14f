// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>

#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"

namespace irqspec {

/// `irqspec conform --target TARGET [MODEL...]`: generate every variant's
/// suite, build and run it on every kernel of the target, report the matrix.
/// Exit 0 when every cell met its expectation (a kernel the binding says
/// implements a variant conforms, any other diverges), 1 when one did not or
/// a kernel failed, 2 for bad input, 3 when something could not be built or
/// run, or nothing ran at all.
ExitCode run_conform(const ConformOptions& options, std::ostream& out, std::ostream& err);

}  // namespace irqspec
