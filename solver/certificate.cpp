// SPDX-License-Identifier: GPL-2.0
#include "solver/certificate.h"

#include <algorithm>

#include "solver/backend/backend.h"
#include "solver/clock.h"
#include "solver/smt/term_walk.h"
#include "solver/unroller.h"

namespace solver {
namespace {

/// What a proof claims: `invariants` (over X) are together inductive and
/// rule out each of `safety`.
struct Claim {
  struct Part {
    Term term = 0;
    std::string name;
  };
  std::vector<Part> invariants;
  std::vector<std::pair<BadCondition, std::string>> safety;  // and the obligation's name
  // k-induction's frames range over the variables' types; Horn clauses
  // have no such assumption.
  bool assume_domain = false;
};

class Recheck {
 public:
  Recheck(const spec::Model& model, const TransitionSystem& ts, const std::string& solver,
          double timeout)
      : model_(model), ts_(ts), unroller_(ts), deadline_(Deadline::in(timeout)) {
    backend_ = backend::make_backend(solver, ts.terms);
    result_.solver = solver;
  }

  CertificateCheck run(const Claim& claim) {
    double start = now_seconds();
    if (!backend_) {
      result_.unknown = true;
      result_.failure = "solver " + result_.solver + " is not in this build";
      return result_;
    }
    initiation(claim);
    for_each_step(claim, [&](const std::string& action) { consecution(claim, action); });
    bool bad_steps = std::any_of(claim.safety.begin(), claim.safety.end(),
                                 [](const auto& s) { return s.first.uses_step; });
    if (bad_steps) {
      for_each_step(claim, [&](const std::string& action) { step_safety(claim, action); });
    }
    state_safety(claim);
    result_.seconds = now_seconds() - start;
    return result_;
  }

 private:
  /// False once a condition failed or could not be decided.
  bool unsat(Term query, const std::string& what) {
    if (!result_.failure.empty()) {
      return false;
    }
    backend_->push();
    backend_->assert_term(query);
    backend::SatResult r = backend_->check(deadline_.remaining());
    backend_->pop();
    ++result_.queries;
    if (r == backend::SatResult::Unsat) {
      return true;
    }
    result_.unknown = r != backend::SatResult::Sat;
    result_.failure = what + (result_.unknown ? ": " + backend_->reason_unknown() : "");
    return false;
  }

  void initiation(const Claim& claim) {
    backend_->push();
    backend_->assert_term(unroller_.at(ts_.init, 0));
    for (const Claim::Part& p : claim.invariants) {
      unsat(ts_.terms->mk_not(unroller_.at(p.term, 0)),
            "initiation: an initial state violates " + p.name);
    }
    backend_->pop();
  }

  /// Runs `check` once per action with the invariants assumed in the state
  /// before and that action's step asserted.
  template <class Check>
  void for_each_step(const Claim& claim, Check check) {
    backend_->push();
    if (claim.assume_domain) {
      backend_->assert_term(unroller_.at(ts_.domain, 0));
    }
    for (const Claim::Part& p : claim.invariants) {
      backend_->assert_term(unroller_.at(p.term, 0));
    }
    for (std::size_t a = 0; a < std::max<std::size_t>(ts_.actions.size(), 1); ++a) {
      backend_->push();
      backend_->assert_term(
          unroller_.at(ts_.actions.empty() ? ts_.trans : action_transition(ts_, a), 0));
      check(action_name(a));
      backend_->pop();
    }
    backend_->pop();
  }

  void consecution(const Claim& claim, const std::string& action) {
    for (const Claim::Part& p : claim.invariants) {
      unsat(ts_.terms->mk_not(unroller_.at(p.term, 1)),
            "consecution: a step of " + action + " from a state where all hold violates " + p.name);
    }
  }

  /// Within for_each_step: no step of `action` from where the invariants
  /// hold is a bad step.
  void step_safety(const Claim& claim, const std::string& action) {
    for (const auto& [bad, name] : claim.safety) {
      if (bad.uses_step) {
        unsat(unroller_.at(bad.condition, 0),
              "safety: a step of " + action + " where the invariant holds violates " + name);
      }
    }
  }

  /// No state where the invariants hold is a bad state.
  void state_safety(const Claim& claim) {
    backend_->push();
    for (const Claim::Part& p : claim.invariants) {
      backend_->assert_term(unroller_.at(p.term, 0));
    }
    for (const auto& [bad, name] : claim.safety) {
      if (!bad.uses_step) {
        unsat(unroller_.at(bad.condition, 0),
              "safety: a state where the invariant holds violates " + name);
      }
    }
    backend_->pop();
  }

  std::string action_name(std::size_t a) const {
    if (a >= model_.actions.size()) {
      return "the step";
    }
    return model_.actions[a].actor + "." + model_.actions[a].name;
  }

  const spec::Model& model_;
  const TransitionSystem& ts_;
  Unroller unroller_;
  Deadline deadline_;
  std::unique_ptr<backend::Backend> backend_;
  CertificateCheck result_;
};

std::string name_of(const spec::Model& model, const TransitionSystem& ts, std::size_t i) {
  return model.obligations[ts.obligations[i].obligation].name;
}

}  // namespace

CertificateCheck check_inductive_invariant(const spec::Model& model, const TransitionSystem& ts,
                                           const std::vector<std::size_t>& proved,
                                           const std::string& solver, double timeout_seconds) {
  Claim claim;
  claim.assume_domain = true;
  for (std::size_t i : proved) {
    claim.invariants.push_back(
        {ts.terms->mk_not(ts.obligations[i].bad_state), name_of(model, ts, i)});
  }
  return Recheck(model, ts, solver, timeout_seconds).run(claim);
}

CertificateCheck check_found_invariant(const spec::Model& model, const TransitionSystem& ts,
                                       std::size_t i, Term invariant, const std::string& solver,
                                       double timeout_seconds) {
  Claim claim;
  // Conjunct by conjunct (an invariant found assuming other proofs is their
  // conjunction): one query per part after the step is easier for the
  // solver than one for any part failing, as in k-induction.
  for (Term part : smt::conjuncts(*ts.terms, invariant)) {
    claim.invariants.push_back({part, "the invariant"});
  }
  claim.safety.push_back({bad_condition(ts, i), name_of(model, ts, i)});
  return Recheck(model, ts, solver, timeout_seconds).run(claim);
}

}  // namespace solver
