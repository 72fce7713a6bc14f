// SPDX-License-Identifier: GPL-2.0
#include "solver/certificate.h"

#include "solver/backend/backend.h"
#include "solver/clock.h"
#include "solver/unroller.h"

namespace solver {
namespace {

class Recheck {
 public:
  Recheck(const spec::Model& model, const TransitionSystem& ts, const std::string& solver,
          double timeout)
      : model_(model), ts_(ts), unroller_(ts), deadline_(Deadline::in(timeout)) {
    backend_ = backend::make_backend(solver, ts.terms);
    result_.solver = solver;
  }

  CertificateCheck run(const std::vector<std::size_t>& proved) {
    double start = now_seconds();
    if (!backend_) {
      result_.unknown = true;
      result_.failure = "solver " + result_.solver + " is not in this build";
      return result_;
    }
    initiation(proved);
    consecution(proved);
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

  Term bad(std::size_t i, int k) { return unroller_.at(ts_.obligations[i].bad_state, k); }

  void initiation(const std::vector<std::size_t>& proved) {
    backend_->push();
    backend_->assert_term(unroller_.at(ts_.init, 0));
    backend_->assert_term(unroller_.at(ts_.domain, 0));
    for (std::size_t i : proved) {
      unsat(bad(i, 0), "initiation: an initial state violates " + name(i));
    }
    backend_->pop();
  }

  void consecution(const std::vector<std::size_t>& proved) {
    smt::TermManager& tm = *ts_.terms;
    backend_->push();
    backend_->assert_term(unroller_.at(ts_.domain, 0));
    for (std::size_t i : proved) {
      backend_->assert_term(tm.mk_not(bad(i, 0)));
    }
    for (std::size_t a = 0; a < std::max<std::size_t>(ts_.actions.size(), 1); ++a) {
      backend_->push();
      backend_->assert_term(
          unroller_.at(ts_.actions.empty() ? ts_.trans : action_transition(ts_, a), 0));
      for (std::size_t i : proved) {
        unsat(bad(i, 1), "consecution: a step of " + action_name(a) +
                             " from a state where all hold violates " + name(i));
      }
      backend_->pop();
    }
    backend_->pop();
  }

  std::string name(std::size_t i) const {
    return model_.obligations[ts_.obligations[i].obligation].name;
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

}  // namespace

CertificateCheck check_inductive_invariant(const spec::Model& model, const TransitionSystem& ts,
                                           const std::vector<std::size_t>& proved,
                                           const std::string& solver, double timeout_seconds) {
  return Recheck(model, ts, solver, timeout_seconds).run(proved);
}

}  // namespace solver
