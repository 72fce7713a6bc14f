// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"

namespace irqspec {

struct GateOptions {
  std::vector<std::string> paths;  // models to verify (default: models/)
  std::vector<std::string> targets{"kernel-src", "host-kvm", "qemu"};
  std::vector<std::string> sources;  // kernel-src: trees to check instead of the packages
  double timeout_seconds = 0;
  int jobs = 0;
  OutputFormat format = OutputFormat::Text;  // text, junit or sarif
};

/// `irqspec gate`: verify-specs (never accepting `bounded`), then every
/// conformance target. Fails closed: the exit status is the worst of the
/// parts, with inconclusive (3) above success.
ExitCode run_gate(const GateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace irqspec
