// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "solver/clock.h"
#include "solver/trace.h"
#include "solver/verdict.h"

namespace solver {

class Progress;
namespace backend {
struct ChcInvariant;
}

/// Resource limits for one verification job.
struct Limits {
  std::optional<int> depth;               // stop after this many steps: `bounded`
  double timeout_seconds = 0;             // 0: none; running out gives `unknown`
  std::uint64_t max_states = 20'000'000;  // explicit engine: `bounded` beyond it
  // Explicit engine: ways through one step (its chooses) it enumerates, a few
  // seconds' worth, before it gives up with `unknown`.
  std::uint64_t max_step_paths = std::uint64_t{1} << 20;
  std::uint64_t max_memory_bytes = std::uint64_t{8} << 30;
  /// Where the engines say what they are doing (progress lines); may be null.
  std::shared_ptr<Progress> progress;
};

/// An engine's answer for one obligation.
struct ObligationResult {
  int obligation = -1;
  Verdict verdict = Verdict::Unknown;
  /// Violated: trace length. Proved: the depth at which the search closed.
  /// Bounded: the depth verified. Unknown: the depth reached.
  int depth = 0;
  std::optional<Trace> trace;  // replayed counterexample, for Violated
  std::string failure;         // what failed at the end of the trace
  std::string reason;          // why Bounded or Unknown
  std::string engine;
  double seconds = 0;
  std::uint64_t states = 0;     // explicit engine: states stored
  bool internal_error = false;  // the engine's answer failed its own re-check
  /// k-induction: states (possibly unreachable) from which the property
  /// breaks after `depth` steps although it held before: what to strengthen.
  std::optional<Trace> step_counterexample;
  /// A proof's re-checked certificate, in the model's terms: which
  /// invariants form the inductive invariant, who re-checked it.
  std::string certificate;
  /// A CHC proof's inductive invariant as Spacer found it, for the re-check.
  std::shared_ptr<const backend::ChcInvariant> invariant;
  std::string invariant_text;  // ... once re-checked, in the model's words
};

}  // namespace solver
