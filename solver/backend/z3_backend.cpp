// SPDX-License-Identifier: GPL-2.0
#include <z3++.h>

#include <algorithm>

#include "solver/backend/backend.h"
#include "solver/backend/failure_guard.h"
#include "solver/backend/z3_translate.h"
#include "solver/resources.h"
#include "solver/smt/term_walk.h"

namespace solver::backend {

std::unique_ptr<Backend> make_z3_backend(std::shared_ptr<smt::TermManager> terms);

namespace {

class Z3Backend : public Backend {
 public:
  explicit Z3Backend(std::shared_ptr<smt::TermManager> terms)
      : terms_(std::move(terms)), solver_(ctx_, "QF_BV") {}

  std::string name() const override { return "z3"; }

  void assert_term(smt::Term t) override {
    guard_.run([&] { solver_.add(translate_(t)); });
  }
  void push() override {
    guard_.run([&] { solver_.push(); });
  }
  void pop() override {
    guard_.run([&] { solver_.pop(); });
  }

  SatResult check(double timeout_seconds) override {
    if (guard_.failed()) {
      return SatResult::Unknown;
    }
    SatResult result = SatResult::Unknown;
    Resources::Interruption interruption(Resources::process(), [this] { ctx_.interrupt(); });
    guard_.run([&] {
      z3::params p(ctx_);
      p.set("timeout",
            timeout_seconds > 0 ? static_cast<unsigned>(timeout_seconds * 1000) + 1 : 4294967295u);
      solver_.set(p);
      switch (solver_.check()) {
        case z3::sat:
          model_ = std::make_unique<z3::model>(solver_.get_model());
          result = SatResult::Sat;
          break;
        case z3::unsat:
          result = SatResult::Unsat;
          break;
        default:
          reason_ = solver_.reason_unknown();
      }
    });
    return result;
  }

  std::int64_t value(smt::Term t) override {
    std::uint64_t u = 0;
    guard_.run([&] {
      z3::expr v = model_->eval(translate_(t), true);
      if (v.is_bool()) {
        u = v.is_true() ? 1 : 0;
      } else {
        v.is_numeral_u64(u);
      }
    });
    return terms_->is_bool(t) ? static_cast<std::int64_t>(u) : smt::bv_signed(u, terms_->width(t));
  }

  std::string reason_unknown() override { return guard_.reason(reason_); }

 private:
  std::shared_ptr<smt::TermManager> terms_;
  z3::context ctx_;
  z3::solver solver_;
  Z3Translator translate_{ctx_, *terms_};
  std::unique_ptr<z3::model> model_;
  std::string reason_;  // of the last Unknown
  FailureGuard guard_{"z3"};
};

}  // namespace

void limit_solver_memory(std::uint64_t bytes) {
  z3::set_param("memory_max_size", static_cast<int>(std::max<std::uint64_t>(bytes >> 20, 1)));
}

std::unique_ptr<Backend> make_z3_backend(std::shared_ptr<smt::TermManager> terms) {
  return std::make_unique<Z3Backend>(std::move(terms));
}

}  // namespace solver::backend
