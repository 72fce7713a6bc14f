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

/// The status of two outcomes together: the first of 70, 2, 1, 3, 0.
inline ExitCode worst_of(ExitCode a, ExitCode b) {
  auto rank = [](ExitCode c) {
    switch (c) {
      case ExitCode::Ok:
        return 0;
      case ExitCode::Inconclusive:
        return 1;
      case ExitCode::Unmet:
        return 2;
      case ExitCode::BadInput:
        return 3;
      case ExitCode::Internal:
        return 4;
    }
    return 4;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace irqspec
