// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

namespace solver {

struct CommandResult {
  int status = -1;     // exit status, or 128 + signal
  std::string output;  // stdout and stderr, interleaved
};

/// Runs argv (no shell) with extra environment variables, capturing output.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {},
                          double timeout_seconds = 600);

}  // namespace solver
