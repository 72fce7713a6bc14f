// SPDX-License-Identifier: GPL-2.0
#pragma once

namespace solver {

/// What an engine concluded about one obligation.
enum class Verdict {
  Proved,    // holds in every reachable state, for every depth
  Violated,  // a counterexample was found (and replayed)
  Bounded,   // no violation up to some depth; not proved
  Unknown,   // the engine gave up (timeout, memory, solver unknown); never a pass
};

inline const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::Proved:
      return "proved";
    case Verdict::Violated:
      return "violated";
    case Verdict::Bounded:
      return "bounded";
    case Verdict::Unknown:
      return "unknown";
  }
  return "?";
}

}  // namespace solver
