// SPDX-License-Identifier: GPL-2.0
#pragma once

// The SMT engines: bounded model checking and k-induction over a
// TransitionSystem. Every counterexample is replayed by the TraceChecker
// before it is reported; a replay failure is an internal error.

#include <memory>
#include <string>
#include <vector>

#include "solver/backend/backend.h"
#include "solver/result.h"
#include "solver/semantics.h"
#include "solver/transition_system.h"
#include "solver/unroller.h"

namespace solver {

struct SmtOptions {
  std::string solver = "z3";
  std::string dump_prefix;  // non-empty: write every query to <prefix>-<role>.smt2
  Limits limits;
  int default_bound = 40;  // steps, when neither the check nor --depth names one
  int jobs = 1;            // independent solver queries run in parallel
};

/// Common verbs of every engine (as in Pono): set up, then decide what can be
/// decided within `bound` steps.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual void initialize() = 0;
  virtual std::vector<ObligationResult> check_until(int bound) = 0;
};

/// Bounded model checking: checks position 0, 1, 2, ... in one incremental
/// solver, so the first counterexample found for an obligation is a shortest.
/// Alongside, a second solver asks whether a loop-free path of the current
/// length exists from an initial state; once none does, every reachable
/// state has been seen (the completeness threshold) and what is still open
/// is proved.
class Bmc : public Engine {
 public:
  friend class ChcEngine;
  Bmc(const spec::Model& model, const TransitionSystem& ts, const SmtOptions& options);
  void initialize() override;
  std::vector<ObligationResult> check_until(int bound) override;
  /// Only the obligations marked in `wanted`; the others are left Unknown.
  std::vector<ObligationResult> check_until(int bound, const std::vector<bool>& wanted);

 private:
  friend class KInduction;
  /// Checks one position for the open obligations; false if the solver gave up.
  void check_position(int k, int bound, std::vector<ObligationResult>& results,
                      std::vector<bool>& open);
  Term bad_at(const ObligationTerms& o, int k);
  RawTrace extract(int steps);
  /// True when no loop-free path of `k` steps starts in an initial state.
  /// Checks lengths in order: call with k = 1, 2, 3, ...
  bool exhausted_at(int k);

  const spec::Model& model_;
  const TransitionSystem& ts_;
  SmtOptions options_;
  Semantics semantics_;
  Unroller unroller_;
  std::unique_ptr<backend::Backend> solver_;
  std::unique_ptr<backend::Backend> paths_;  // loop-free paths, for exhausted_at
  int asserted_steps_ = 0;                   // transitions asserted so far
  double deadline_ = 0;
};

/// k-induction with simple-path constraints (complete on finite models), run
/// together with BMC: the base case finds shortest counterexamples, the step
/// case proves. When a property is not k-inductive within the bound, the
/// step counterexample is kept in the result.
class KInduction : public Engine {
 public:
  KInduction(const spec::Model& model, const TransitionSystem& ts, const SmtOptions& options);
  void initialize() override;
  std::vector<ObligationResult> check_until(int bound) override;

 private:
  void add_step_frame(int k);

  const spec::Model& model_;
  const TransitionSystem& ts_;
  SmtOptions options_;
  Bmc base_;
  Unroller unroller_;
  std::unique_ptr<backend::Backend> step_;
  int step_frames_ = 0;
};

/// Reads a behaviour of `steps` steps out of a satisfying assignment of an
/// unrolled query (states at 0, inputs at 0..steps-1, executed choices).
RawTrace extract_trace(backend::Backend& solver, Unroller& unroller, const TransitionSystem& ts,
                       int steps);

/// Creates an engine: "bmc", "kind", "chc" or "auto".
std::unique_ptr<Engine> make_smt_engine(const std::string& kind, const spec::Model& model,
                                        const TransitionSystem& ts, const SmtOptions& options);

}  // namespace solver
