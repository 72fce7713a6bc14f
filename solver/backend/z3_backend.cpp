// SPDX-License-Identifier: GPL-2.0
#include <z3++.h>

#include <unordered_map>

#include "solver/backend/backend.h"

namespace solver::backend {

std::unique_ptr<Backend> make_z3_backend(std::shared_ptr<smt::TermManager> terms);

namespace {

using smt::Op;

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

  void assert_term(smt::Term t) override { solver_.add(translate(t)); }
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
    z3::expr v = model_->eval(translate(t), true);
    if (v.is_bool()) {
      return v.is_true() ? 1 : 0;
    }
    std::uint64_t u = 0;
    v.is_numeral_u64(u);
    int w = terms_->width(t);
    if (w < 64 && (u >> (w - 1)) & 1) {
      u |= ~((std::uint64_t{1} << w) - 1);
    }
    return static_cast<std::int64_t>(u);
  }

  std::string reason_unknown() override { return solver_.reason_unknown(); }

 private:
  z3::expr translate(smt::Term root) {
    // Iterative, so deep terms cannot exhaust the stack.
    std::vector<std::pair<smt::Term, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [t, expanded] = stack.back();
      stack.pop_back();
      if (cache_.count(t)) {
        continue;
      }
      const smt::Node& n = terms_->node(t);
      if (!expanded && !n.kids.empty()) {
        stack.push_back({t, true});
        for (smt::Term k : n.kids) {
          if (!cache_.count(k)) {
            stack.push_back({k, false});
          }
        }
        continue;
      }
      cache_.emplace(t, build(t));
    }
    return cache_.at(root);
  }

  z3::expr build(smt::Term t) {
    const smt::Node& n = terms_->node(t);
    auto k = [&](std::size_t i) { return cache_.at(n.kids[i]); };
    switch (n.op) {
      case Op::True:
        return ctx_.bool_val(true);
      case Op::False:
        return ctx_.bool_val(false);
      case Op::BvConst: {
        std::uint64_t u = static_cast<std::uint64_t>(n.value);
        if (n.width < 64) {
          u &= (std::uint64_t{1} << n.width) - 1;
        }
        return ctx_.bv_val(u, n.width);
      }
      case Op::Var:
        return n.width == 0 ? ctx_.bool_const(terms_->var_name(t).c_str())
                            : ctx_.bv_const(terms_->var_name(t).c_str(), n.width);
      case Op::Not:
        return !k(0);
      case Op::And: {
        z3::expr_vector v(ctx_);
        for (std::size_t i = 0; i < n.kids.size(); ++i) {
          v.push_back(k(i));
        }
        return z3::mk_and(v);
      }
      case Op::Or: {
        z3::expr_vector v(ctx_);
        for (std::size_t i = 0; i < n.kids.size(); ++i) {
          v.push_back(k(i));
        }
        return z3::mk_or(v);
      }
      case Op::Ite:
        return z3::ite(k(0), k(1), k(2));
      case Op::Eq:
        return k(0) == k(1);
      case Op::Add:
        return k(0) + k(1);
      case Op::Sub:
        return k(0) - k(1);
      case Op::Mul:
        return k(0) * k(1);
      case Op::Sdiv:
        return k(0) / k(1);  // signed for bit-vectors in z3++
      case Op::Srem:
        return z3::srem(k(0), k(1));
      case Op::Neg:
        return -k(0);
      case Op::Slt:
        return k(0) < k(1);
      case Op::Sle:
        return k(0) <= k(1);
    }
    return ctx_.bool_val(false);
  }

  std::shared_ptr<smt::TermManager> terms_;
  z3::context ctx_;
  z3::solver solver_;
  std::unique_ptr<z3::model> model_;
  std::unordered_map<smt::Term, z3::expr> cache_;
};

}  // namespace

std::unique_ptr<Backend> make_z3_backend(std::shared_ptr<smt::TermManager> terms) {
  return std::make_unique<Z3Backend>(std::move(terms));
}

}  // namespace solver::backend
