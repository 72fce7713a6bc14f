// SPDX-License-Identifier: GPL-2.0
#pragma once

// Internal to solver::lower: the lowering of one model, split by concern
// over expressions.cpp, statements.cpp, monitors.cpp and assembly.cpp.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "solver/lowering.h"

namespace solver::lowering {

using smt::Op;
using smt::TermManager;
using spec::Expr;
using spec::ExprKind;
using spec::Stmt;
using spec::StmtKind;

/// A lowered expression: its value and the condition under which evaluating
/// it fails (range, division by zero), following C's short-circuit order.
struct Lowered {
  Term value;
  Term error;
};

struct EmitSite {
  Term executed;
  int event;
  std::vector<Term> args;
};

/// One action's step, symbolically.
struct ActionTerms {
  Term selected = 0;
  Term params_ok = 0;  // parameters inside their types
  Term guard_error = 0;
  Term choices_ok = 0;     // every executed `choose` picked a value satisfying `where`
  Term complete = 0;       // the step runs to the end: enabled, not blocked, no error
  std::vector<Term> post;  // model slots after the step
  std::vector<EmitSite> emits;
  Term result = 0;
  std::map<int, Term> errors;  // obligation -> the step fails for it
};

/// Symbolic execution state of an action body.
struct Exec {
  std::vector<Term> state;
  std::vector<Term> frame;
  Term alive;
  std::vector<Term> break_stack;  // per enclosing loop: paths that broke out
  std::map<int, Term> errors;
  std::vector<EmitSite> emits;
  std::vector<ChooseOccurrence> choices;
  std::vector<Term> choice_constraints;
  Term result;
  Term returned;  // paths that ended at a `return` (they complete the step)
  std::vector<CoverageSite> sites;
  std::vector<LoopOrder> loops;
  /// Per procedure call being inlined: the paths that left it by `return`,
  /// and the value they returned (0: none yet).
  struct ProcExit {
    Term returned;
    Term result;
  };
  std::vector<ProcExit> proc_exits;
  /// Names the call being inlined in coverage sites, innermost first:
  /// " (in __connect from line 220)".
  std::string context;
};

/// Lowers one model; one object per call of solver::lower.
class Lowerer {
 public:
  Lowerer(const spec::Model& m, TermManager& tm, int width) : m_(m), tm_(tm), w_(width) {}

  TransitionSystem run(const std::vector<int>& obligations);

 private:
  // Values and sorts.
  int width_of(const spec::Type* t) const { return t->is_bool() ? 0 : w_; }
  Term constant(const spec::Type* t, spec::Value v) {
    return t->is_bool() ? tm_.mk_bool(v != 0) : tm_.mk_bv(v, w_);
  }
  Term in_type(Term x, const spec::Type* t) {
    if (t->is_bool()) {
      return tm_.mk_true();
    }
    return tm_.mk_and(tm_.mk_arith(Op::Sle, tm_.mk_bv(t->lo, w_), x),
                      tm_.mk_arith(Op::Sle, x, tm_.mk_bv(t->hi, w_)));
  }

  // Expressions (expressions.cpp).
  struct Env {
    const std::vector<Term>* state = nullptr;
    std::vector<Term>* frame = nullptr;
    const std::vector<ActionTerms>* step = nullptr;  // properties: the last step
    const std::vector<Term>* old_monitors = nullptr;
    const std::vector<Term>* new_monitors = nullptr;
    bool initial = false;
  };
  Lowered expr(const Expr* e, Env& env);
  void record_loop_order(const spec::Stmt& s, Exec& ex);
  Lowered logic(const Expr* e, Env& env);
  Lowered comparison(const Expr* e, Env& env);
  Lowered arithmetic(const Expr* e, Env& env);
  Lowered element(const Expr* e, Env& env);
  Lowered temporal(const Expr* e, Env& env);
  Lowered quantifier(const Expr* e, Env& env);
  Term read_element(const spec::StateVar& var, const std::vector<Term>& indices,
                    const std::vector<Term>& state, std::size_t level, std::int64_t offset,
                    const spec::Type* t);
  Term step_atom(const Expr* e, Env& env, Term& error);

  // Statements (statements.cpp).
  void exec_block(const std::vector<Stmt>& body, Exec& ex);
  void exec(const Stmt& s, Exec& ex);
  void let(const Stmt& s, Exec& ex);
  void branch(const Stmt& s, Exec& ex);
  void loop(const Stmt& s, Exec& ex);
  void choose(const Stmt& s, Exec& ex);
  void emit(const Stmt& s, Exec& ex);
  void give_result(const Stmt& s, Exec& ex);
  void check_assert(const Stmt& s, Exec& ex);
  /// Coverage sites where one condition of a && / || chain alone decides
  /// it (unique-cause condition coverage, nested chains included): tests
  /// that tell the parts of a condition apart.
  void decision_sites(const Expr* cond, Env& env, Term reached, const std::string& where,
                      spec::SourceLoc loc, std::vector<CoverageSite>& sites);
  void fail(Exec& ex, int obligation, Term condition);
  void assign(const Stmt& s, Exec& ex);
  void call(const Stmt& s, Exec& ex);
  void proc_return(const Stmt& s, Exec& ex);
  ActionTerms lower_action(const spec::Action& a, ActionInputs& inputs);

  // Properties and obligations (monitors.cpp).
  void lower_monitors(const spec::Obligation& o, Env& env, std::vector<Term>& values, Term& error);
  ObligationTerms lower_obligation(int o, TransitionSystem& ts, std::vector<Term>& init,
                                   std::vector<Term>& trans);
  void lower_property(const spec::Obligation& ob, int o, TransitionSystem& ts,
                      std::vector<Term>& init, std::vector<Term>& trans, ObligationTerms& terms);

  // The whole system (assembly.cpp).
  void declare_state(const std::vector<int>& obligations, TransitionSystem& ts);
  std::vector<Term> initial_states(const TransitionSystem& ts);
  void lower_actions(TransitionSystem& ts);
  void lower_covers(TransitionSystem& ts);
  std::vector<Term> transition(const TransitionSystem& ts);

  /// A statement's line, for coverage descriptions (the model keeps only
  /// offsets; `line_of_` maps them when the caller supplies the source).
  std::string line_of(spec::SourceLoc loc) const {
    return line_of_ ? std::to_string(line_of_(loc)) : "@" + std::to_string(loc.offset);
  }
  /// The line, and the procedure calls it is inlined in.
  std::string line_in(const Exec& ex, spec::SourceLoc loc) const {
    return line_of(loc) + ex.context;
  }

 public:
  std::function<int(spec::SourceLoc)> line_of_;
  /// How far run() got, in actions and obligations: what a model found too
  /// large is estimated from.
  int parts_done_ = 0;
  int parts_total_ = 0;

 private:
  const spec::Model& m_;
  TermManager& tm_;
  int w_;
  std::vector<std::vector<Term>> action_params_;  // input variables per action
  std::vector<Term> state_;                       // X
  std::vector<CoverageSite> coverage_;
  std::vector<ActionTerms> actions_;  // per action: its step, symbolically
  std::map<int, std::pair<std::size_t, std::size_t>> monitor_range_;  // obligation -> [first, end)
  int fresh_ = 0;
};

/// One bit-vector width for every integer of the model: every static
/// interval, plus action ids, without overflow.
int bit_width_for(const spec::Model& m);

}  // namespace solver::lowering
