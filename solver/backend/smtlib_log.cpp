// SPDX-License-Identifier: GPL-2.0
// A Backend decorator that writes every command as SMT-LIB2.

#include <fstream>
#include <unordered_set>

#include "solver/backend/backend.h"
#include "solver/clock.h"
#include "solver/smt/term_walk.h"

namespace solver::backend {
namespace {

class SmtlibLog : public Backend {
 public:
  SmtlibLog(std::unique_ptr<Backend> inner, std::shared_ptr<smt::TermManager> terms,
            const std::string& path)
      : inner_(std::move(inner)), terms_(std::move(terms)), out_(path) {
    out_ << "; irqspec query, solved by " << inner_->name() << "\n"
         << "(set-option :global-declarations true)\n(set-option :produce-models true)\n"
         << "(set-logic QF_BV)\n";
  }

  std::string name() const override { return inner_->name(); }

  void assert_term(smt::Term t) override {
    define(t);
    out_ << "(assert t" << t << ")\n";
    inner_->assert_term(t);
  }
  void push() override {
    out_ << "(push 1)\n";
    inner_->push();
  }
  void pop() override {
    // Definitions survive the pop: the file sets :global-declarations.
    out_ << "(pop 1)\n";
    inner_->pop();
  }
  SatResult check(double timeout_seconds) override {
    out_ << "(check-sat)\n";
    double start = now_seconds();
    SatResult r = inner_->check(timeout_seconds);
    // The answer and the solver's time: a dump is also a profile.
    out_ << "; "
         << (r == SatResult::Sat     ? "sat"
             : r == SatResult::Unsat ? "unsat"
                                     : "unknown")
         << " " << now_seconds() - start << " s\n";
    out_.flush();
    return r;
  }
  std::int64_t value(smt::Term t) override { return inner_->value(t); }
  std::string reason_unknown() override { return inner_->reason_unknown(); }

 private:
  // Named intermediate terms, defined in dependency order before first use.
  void define(smt::Term root) {
    smt::post_order(
        *terms_, root, [&](smt::Term t) { return defined_.count(t) > 0; },
        [&](smt::Term t) {
          if (terms_->node(t).op == smt::Op::Var && !declared_.count(t)) {
            out_ << "(declare-fun |" << terms_->var_name(t) << "| () " << terms_->sort_smtlib(t)
                 << ")\n";
            declared_.insert(t);
          }
          out_ << "(define-fun t" << t << " () " << terms_->sort_smtlib(t) << " "
               << terms_->to_smtlib(t) << ")\n";
          defined_.insert(t);
        });
  }

  std::unique_ptr<Backend> inner_;
  std::shared_ptr<smt::TermManager> terms_;
  std::ofstream out_;
  std::unordered_set<smt::Term> defined_;
  std::unordered_set<smt::Term> declared_;
};

}  // namespace

std::unique_ptr<Backend> with_smtlib_log(std::unique_ptr<Backend> inner,
                                         std::shared_ptr<smt::TermManager> terms,
                                         const std::string& path) {
  return std::make_unique<SmtlibLog>(std::move(inner), std::move(terms), path);
}

}  // namespace solver::backend
