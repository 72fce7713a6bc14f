// SPDX-License-Identifier: GPL-2.0
#include "solver/backend/z3_translate.h"

#include "solver/smt/term_walk.h"

namespace solver::backend {

using smt::Op;

z3::expr Z3Translator::operator()(smt::Term root) {
  smt::post_order(
      terms_, root, [&](smt::Term t) { return cache_.count(t) > 0; },
      [&](smt::Term t) { cache_.emplace(t, build(t)); });
  return cache_.at(root);
}

z3::expr Z3Translator::build(smt::Term t) {
  const smt::Node& n = terms_.node(t);
  auto k = [&](std::size_t i) { return cache_.at(n.kids[i]); };
  switch (n.op) {
    case Op::True:
      return ctx_.bool_val(true);
    case Op::False:
      return ctx_.bool_val(false);
    case Op::BvConst:
      return ctx_.bv_val(smt::bv_bits(n.value, n.width), n.width);
    case Op::Var:
      return n.width == 0 ? ctx_.bool_const(terms_.var_name(t).c_str())
                          : ctx_.bv_const(terms_.var_name(t).c_str(), n.width);
    case Op::Not:
      return !k(0);
    case Op::And:
    case Op::Or: {
      z3::expr_vector v(ctx_);
      for (std::size_t i = 0; i < n.kids.size(); ++i) {
        v.push_back(k(i));
      }
      return n.op == Op::And ? z3::mk_and(v) : z3::mk_or(v);
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
      return k(0) / k(1);  // bvsdiv (signed in z3++): C's truncation
    case Op::Srem:
      return z3::srem(k(0), k(1));
    case Op::Neg:
      return -k(0);
    case Op::Slt:
      return k(0) < k(1);
    case Op::Sle:
      return k(0) <= k(1);
    case Op::Extract:
      return k(0).extract(static_cast<unsigned>(smt::extract_hi(n)),
                          static_cast<unsigned>(smt::extract_lo(n)));
  }
  return ctx_.bool_val(false);
}

}  // namespace solver::backend
