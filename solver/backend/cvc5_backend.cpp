// SPDX-License-Identifier: GPL-2.0
#include <cvc5/cvc5.h>

#include <unordered_map>

#include "solver/backend/backend.h"
#include "solver/backend/failure_guard.h"
#include "solver/smt/term_walk.h"

namespace solver::backend {

std::unique_ptr<Backend> make_cvc5_backend(std::shared_ptr<smt::TermManager> terms);

namespace {

using smt::Op;

class Cvc5Backend : public Backend {
 public:
  explicit Cvc5Backend(std::shared_ptr<smt::TermManager> terms) : terms_(std::move(terms)) {
    solver_.setOption("produce-models", "true");
    solver_.setOption("incremental", "true");
    solver_.setLogic("QF_BV");
  }

  std::string name() const override { return "cvc5"; }

  void assert_term(smt::Term t) override {
    guard_.run([&] { solver_.assertFormula(translate(t)); });
  }
  void push() override {
    guard_.run([&] { solver_.push(); });
  }
  void pop() override {
    guard_.run([&] { solver_.pop(); });
  }

  // cvc5 1.0 cannot be interrupted: a stop reaches it at its next check.
  SatResult check(double timeout_seconds) override {
    if (Resources::process().stopped()) {
      return SatResult::Unknown;
    }
    SatResult result = SatResult::Unknown;
    guard_.run([&] {
      solver_.setOption(
          "tlimit-per",
          std::to_string(timeout_seconds > 0 ? static_cast<long>(timeout_seconds * 1000) + 1 : 0));
      cvc5::Result r = solver_.checkSat();
      if (r.isSat()) {
        result = SatResult::Sat;
      } else if (r.isUnsat()) {
        result = SatResult::Unsat;
      } else {
        reason_ = r.toString();
      }
    });
    return result;
  }

  std::int64_t value(smt::Term t) override {
    std::uint64_t u = 0;
    guard_.run([&] {
      cvc5::Term v = solver_.getValue(translate(t));
      if (terms_->is_bool(t)) {
        u = v.getBooleanValue() ? 1 : 0;
        return;
      }
      for (char c : v.getBitVectorValue(2)) {
        u = (u << 1) | (c == '1');
      }
    });
    return terms_->is_bool(t) ? static_cast<std::int64_t>(u) : smt::bv_signed(u, terms_->width(t));
  }

  std::string reason_unknown() override { return guard_.reason(reason_); }

 private:
  cvc5::Term translate(smt::Term root) {
    smt::post_order(
        *terms_, root, [&](smt::Term t) { return cache_.count(t) > 0; },
        [&](smt::Term t) { cache_.emplace(t, build(t)); });
    return cache_.at(root);
  }

  cvc5::Term build(smt::Term t) {
    const smt::Node& n = terms_->node(t);
    std::vector<cvc5::Term> kids;
    for (smt::Term k : n.kids) {
      kids.push_back(cache_.at(k));
    }
    switch (n.op) {
      case Op::True:
        return solver_.mkTrue();
      case Op::False:
        return solver_.mkFalse();
      case Op::BvConst:
        return solver_.mkBitVector(n.width, smt::bv_bits(n.value, n.width));
      case Op::Var:
        return solver_.mkConst(
            n.width == 0 ? solver_.getBooleanSort() : solver_.mkBitVectorSort(n.width),
            terms_->var_name(t));
      case Op::Not:
        return solver_.mkTerm(cvc5::Kind::NOT, kids);
      case Op::And:
        return solver_.mkTerm(cvc5::Kind::AND, kids);
      case Op::Or:
        return solver_.mkTerm(cvc5::Kind::OR, kids);
      case Op::Ite:
        return solver_.mkTerm(cvc5::Kind::ITE, kids);
      case Op::Eq:
        return solver_.mkTerm(cvc5::Kind::EQUAL, kids);
      case Op::Add:
        return solver_.mkTerm(cvc5::Kind::BITVECTOR_ADD, kids);
      case Op::Sub:
        return solver_.mkTerm(cvc5::Kind::BITVECTOR_SUB, kids);
      case Op::Mul:
        return solver_.mkTerm(cvc5::Kind::BITVECTOR_MULT, kids);
      case Op::Sdiv:
        return solver_.mkTerm(cvc5::Kind::BITVECTOR_SDIV, kids);
      case Op::Srem:
        return solver_.mkTerm(cvc5::Kind::BITVECTOR_SREM, kids);
      case Op::Neg:
        return solver_.mkTerm(cvc5::Kind::BITVECTOR_NEG, kids);
      case Op::Slt:
        return solver_.mkTerm(cvc5::Kind::BITVECTOR_SLT, kids);
      case Op::Sle:
        return solver_.mkTerm(cvc5::Kind::BITVECTOR_SLE, kids);
      case Op::Extract: {
        cvc5::Op extract = solver_.mkOp(cvc5::Kind::BITVECTOR_EXTRACT,
                                        {static_cast<std::uint32_t>(smt::extract_hi(n)),
                                         static_cast<std::uint32_t>(smt::extract_lo(n))});
        return solver_.mkTerm(extract, kids);
      }
    }
    return solver_.mkFalse();
  }

  std::shared_ptr<smt::TermManager> terms_;
  cvc5::Solver solver_;
  std::unordered_map<smt::Term, cvc5::Term> cache_;
  std::string reason_;
  FailureGuard guard_{"cvc5"};
};

}  // namespace

std::unique_ptr<Backend> make_cvc5_backend(std::shared_ptr<smt::TermManager> terms) {
  return std::make_unique<Cvc5Backend>(std::move(terms));
}

}  // namespace solver::backend
