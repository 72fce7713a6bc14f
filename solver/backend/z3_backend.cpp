// SPDX-License-Identifier: GPL-2.0
#include <z3++.h>

#include "solver/backend/backend.h"
#include "solver/backend/z3_translate.h"
#include "solver/smt/term_walk.h"

namespace solver::backend {

std::unique_ptr<Backend> make_z3_backend(std::shared_ptr<smt::TermManager> terms);

namespace {

class Z3Backend : public Backend {
 public:
  explicit Z3Backend(std::shared_ptr<smt::TermManager> terms)
      : terms_(std::move(terms)), solver_((limit_memory(), ctx_), "QF_BV") {}

  /// A memory guard for every Z3 context: past it Z3 answers unknown (and
  /// unknown is never a pass), instead of taking the machine down.
  static void limit_memory() {
    static bool once = [] {
      z3::set_param("memory_max_size", static_cast<int>(kMemoryLimitMiB));
      return true;
    }();
    (void)once;
  }
  static constexpr unsigned kMemoryLimitMiB = 8192;

  std::string name() const override { return "z3"; }

  void assert_term(smt::Term t) override { solver_.add(translate_(t)); }
  void push() override { solver_.push(); }
  void pop() override { solver_.pop(); }

  SatResult check(double timeout_seconds) override {
    z3::params p(ctx_);
    p.set("timeout",
          timeout_seconds > 0 ? static_cast<unsigned>(timeout_seconds * 1000) + 1 : 4294967295u);
    solver_.set(p);
    switch (solver_.check()) {
      case z3::sat:
        model_ = std::make_unique<z3::model>(solver_.get_model());
        return SatResult::Sat;
      case z3::unsat:
        return SatResult::Unsat;
      default:
        return SatResult::Unknown;
    }
  }

  std::int64_t value(smt::Term t) override {
    z3::expr v = model_->eval(translate_(t), true);
    if (v.is_bool()) {
      return v.is_true() ? 1 : 0;
    }
    std::uint64_t u = 0;
    v.is_numeral_u64(u);
    return smt::bv_signed(u, terms_->width(t));
  }

  std::string reason_unknown() override { return solver_.reason_unknown(); }

 private:
  std::shared_ptr<smt::TermManager> terms_;
  z3::context ctx_;
  z3::solver solver_;
  Z3Translator translate_{ctx_, *terms_};
  std::unique_ptr<z3::model> model_;
};

}  // namespace

std::unique_ptr<Backend> make_z3_backend(std::shared_ptr<smt::TermManager> terms) {
  return std::make_unique<Z3Backend>(std::move(terms));
}

}  // namespace solver::backend
