// SPDX-License-Identifier: GPL-2.0
#pragma once

namespace irqspec {

/// Exit status of every command (verify-specs, gen-tests, conform, gate): the CLI contract.
enum class ExitCode : int {
  Ok = 0,            // every check met its expectations
  Unmet = 1,         // an expectation unmet: an unexpected violation, or an expected one not found
  BadInput = 2,      // bad input or usage; diagnostics were printed
  Inconclusive = 3,  // unknown, timeout, or only `bounded` where `holds` was expected
  Internal = 70,     // irqspec contradicted itself (a trace failed replay); EX_SOFTWARE
};

inline int to_int(ExitCode c) {
  return static_cast<int>(c);
}

}  // namespace irqspec
