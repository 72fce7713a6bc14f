// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>
#include <vector>

#include "conformance/matrix.h"
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

/// The matrices of a conformance run, before they are reported.
struct ConformRun {
  ExitCode setup = ExitCode::Ok;  // not Ok: the run stopped early (said on err)
  std::vector<conformance::Matrix> matrices;
  conformance::MatrixOutcome worst() const;
  ExitCode exit_code() const;
};

/// The run of run_conform without its report.
ConformRun conform(const ConformOptions& options, std::ostream& err);

/// The report of a run in `format` (text: the matrices and a verdict line).
void write_conform(const ConformRun& run, OutputFormat format, bool verbose, std::ostream& out);

}  // namespace irqspec
