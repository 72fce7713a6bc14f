// SPDX-License-Identifier: GPL-2.0
#pragma once

// Every engine of irqspec behind one interface, with the verbs Pono's
// engines have: set up, then decide what can be decided within a bound.
// One factory builds them from an EngineKind.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "solver/backend/backend.h"
#include "solver/result.h"
#include "solver/transition_system.h"
#include "spec/model.h"

namespace solver {

enum class EngineKind {
  Auto,        // the portfolio: k-induction, explicit search, CHC, deep k-induction
  Explicit,    // breadth-first state exploration: the reference
  Bmc,         // bounded model checking (proves at the completeness threshold)
  KInduction,  // k-induction with BMC as its base case
  Chc,         // constrained Horn clauses (Z3's Spacer)
  Pdr,         // IC3/PDR on the bit-blasted circuit (ABC's pdr)
};

/// Every engine, in the order --help lists them.
const std::vector<EngineKind>& engine_kinds();
const char* to_string(EngineKind k);  // "auto", "explicit", "bmc", "kind", "chc", "pdr"
std::optional<EngineKind> parse_engine_kind(std::string_view name);
/// Whether the engine proves the invariants of a model together, so that
/// every invariant helps as a lemma (k-induction, and auto which starts with it).
bool uses_lemmas(EngineKind k);

struct EngineOptions {
  std::string solver = "z3";
  std::string dump_prefix;  // non-empty: write every query to <prefix>-<role>.smt2
  Limits limits;
  int default_bound = 40;  // steps, when neither the check nor --depth names one
  int jobs = 1;            // independent solver queries run in parallel
  bool symmetry = true;    // k-induction asks one instance per orbit (solver/symmetry/)
  /// k-induction asks depth 1 action by action from a step of this many
  /// terms. A smaller step is cheap whole: the split's extra queries
  /// (actions times candidates) cost more than they save. Measured: the
  /// library's steps have at most 1275 terms, and split they took `auto`
  /// from 0.92 s to 1.15 s; irqbypass with N = 4 (2236 terms) from 1.22 s
  /// to 0.77 s.
  std::size_t split_from_terms = 2000;
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual void initialize() = 0;
  /// One result per obligation of the transition system, in its order.
  virtual std::vector<ObligationResult> check_until(int bound) = 0;
};

std::unique_ptr<Engine> make_engine(EngineKind kind, const spec::Model& model,
                                    const TransitionSystem& ts, const EngineOptions& options);

/// A solver for one role of an engine ("bmc", "step", "paths"), logging
/// its queries when the options ask for a dump. Throws if the build has no
/// such solver.
std::unique_ptr<backend::Backend> open_solver(const EngineOptions& options,
                                              const TransitionSystem& ts, const std::string& role);

/// The engine's name in reports: "bmc/z3", "kind/cvc5".
std::string engine_label(EngineKind kind, const EngineOptions& options);

}  // namespace solver
