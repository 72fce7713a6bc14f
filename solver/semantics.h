// SPDX-License-Identifier: GPL-2.0
#pragma once

// The reference semantics of irqspec, executed directly on the IR: the one
// definition every engine's answers are replayed against.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "solver/trace.h"
#include "spec/model.h"

namespace solver {

/// A failed assert or run-time error while evaluating or executing.
struct RuntimeError {
  int obligation = -1;  // the assert's obligation, or the model's runtime obligation
  std::string message;
  spec::SourceLoc loc;
};

/// What the last step did, for `happens`, `did` and `returned`.
struct StepView {
  const StepInput* input = nullptr;
  const std::vector<EventOccurrence>* events = nullptr;
  std::optional<Value> result;
};

/// One way a step can end.
struct StepOutcome {
  enum class Status { Ok, Error };
  Status status = Status::Ok;
  std::vector<Value> post;  // model slots
  std::vector<EventOccurrence> events;
  std::optional<Value> result;
  std::vector<Value> choices;
  RuntimeError error;
};

class Semantics {
 public:
  explicit Semantics(const spec::Model& model);

  const spec::Model& model() const { return model_; }

  /// Every initial state (model slots), in a fixed order. `visit` returns
  /// false to stop early. Errors in `init` constraints are reported through
  /// `on_error` with the offending state.
  void initial_states(
      const std::function<bool(const std::vector<Value>&)>& visit,
      const std::function<void(const std::vector<Value>&, const RuntimeError&)>& on_error) const;

  /// Enumerates parameter tuples of an action in lexicographic order.
  void parameter_tuples(int action,
                        const std::function<bool(const std::vector<Value>&)>& visit) const;

  /// Evaluates the guard; nullopt and `error` set if evaluation fails.
  std::optional<bool> guard(int action, const std::vector<Value>& params, const Value* state,
                            RuntimeError& error) const;

  /// Called every kPollPaths ways through a step with the number tried so
  /// far (blocked ones too); returns false to stop the enumeration.
  using PathPoll = std::function<bool(std::uint64_t paths)>;
  static constexpr std::uint64_t kPollPaths = 1024;

  /// Runs an enabled action from `state` with `params`, once for every way its
  /// `choose` statements can be resolved (a `choose` without a value ends that
  /// way silently). `visit` returns false to stop. A step with choices in
  /// loops can have more ways than can be enumerated, most of them blocked,
  /// so `poll` (when given) can stop it too. False if stopped early.
  bool execute(int action, const std::vector<Value>& params, const Value* state,
               const std::function<bool(StepOutcome&&)>& visit, const PathPoll& poll = {}) const;

  /// Every step enabled in `state`: each action, each parameter tuple whose
  /// guard holds (a guard that cannot be evaluated enables nothing), each
  /// way through its chooses. `visit` gets the input, its choices filled in,
  /// and the outcome; `poll` is execute's, told the action. False if either
  /// stopped it.
  using StepVisit = std::function<bool(const StepInput&, StepOutcome&&)>;
  using StepPoll = std::function<bool(int action, std::uint64_t paths)>;
  bool enabled_steps(const Value* state, const StepVisit& visit, const StepPoll& poll = {}) const;

  /// Why a step is not enumerated: "a step of A has more than N ways
  /// through its choose statements".
  std::string too_many_ways(int action, std::uint64_t limit) const;

  /// Runs one step with the given choices; nullopt if the choices do not
  /// describe a way the step can go (disabled guard, unsatisfiable choice).
  std::optional<StepOutcome> replay_step(const StepInput& input, const Value* state) const;

  /// Evaluates an invariant; nullopt and `error` set on a run-time error.
  std::optional<bool> invariant(int obligation, const Value* state, RuntimeError& error) const;

  /// Evaluates a property at a position. `old_monitors` is nullptr at the
  /// initial position; `new_monitors` receives the monitor values to carry.
  std::optional<bool> property(int obligation, const Value* state, const StepView* step,
                               const Value* old_monitors, Value* new_monitors,
                               RuntimeError& error) const;

  /// Formats a scalar slot value for traces.
  std::string format_slot(int slot, Value v) const;

 private:
  struct Context;
  struct Execution;
  Value eval(const spec::Expr* e, Context& ctx) const;
  Value eval_operator(const spec::Expr* e, Context& ctx) const;
  Value eval_quantifier(const spec::Expr* e, Context& ctx) const;
  Value happens(const spec::Expr* e, Context& ctx) const;
  Value did(const spec::Expr* e, Context& ctx) const;
  Value returned(const spec::Expr* e, Context& ctx) const;
  Value element_slot(const spec::Expr* e, Context& ctx) const;
  bool run_block(const std::vector<spec::Stmt>& body, Execution& ex) const;
  bool run(const spec::Stmt& s, Execution& ex) const;
  bool run_loop(const spec::Stmt& s, Execution& ex) const;
  bool run_call(const spec::Stmt& s, Execution& ex) const;
  bool run_choose(const spec::Stmt& s, Execution& ex) const;
  void assign(const spec::Stmt& s, Execution& ex) const;
  void start_execution(const spec::Action& a, const std::vector<Value>& params, const Value* state,
                       Execution& ex) const;
  static bool next_choice_prefix(const Execution& ex, std::vector<int>& prefix);

  const spec::Model& model_;
  // Scratch frames, reused across calls (a Semantics is used by one thread).
  mutable std::vector<Value> guard_frame_;
  mutable std::vector<Value> formula_frame_;
};

}  // namespace solver
