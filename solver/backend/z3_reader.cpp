// SPDX-License-Identifier: GPL-2.0
#include "solver/backend/z3_reader.h"

namespace solver::backend {

using smt::Op;
using smt::Term;

Term Z3Reader::operator()(const z3::expr& e, std::string& refused) {
  refused_.clear();
  Term t = read(e);
  refused = refused_;
  return refused_.empty() ? t : 0;
}

// Invariants are conjunctions of short clauses: the recursion stays shallow.
Term Z3Reader::read(const z3::expr& e) {
  if (auto it = cache_.find(e.id()); it != cache_.end()) {
    return it->second;
  }
  Term t = 0;
  if (e.is_var()) {
    unsigned i = Z3_get_index_value(e.ctx(), e);
    if (i < arguments_.size() && arguments_[i] != 0) {
      t = arguments_[i];
    } else {
      refused_ = "a variable beyond the relation's arguments";
    }
  } else if (e.is_app()) {
    std::vector<Term> kids;
    for (unsigned i = 0; i < e.num_args() && refused_.empty(); ++i) {
      kids.push_back(read(e.arg(i)));
    }
    t = refused_.empty() ? application(e, kids) : 0;
  } else {
    refused_ = "a quantifier";
  }
  if (!refused_.empty()) {
    return 0;
  }
  cache_.emplace(e.id(), t);
  return t;
}

Term Z3Reader::fold(Op op, const std::vector<Term>& kids) {
  Term t = kids.at(0);
  for (std::size_t i = 1; i < kids.size(); ++i) {
    t = terms_.mk_arith(op, t, kids[i]);
  }
  return t;
}

// a <u b exactly when a + 2^(w-1) <s b + 2^(w-1): the offset swaps the halves.
Term Z3Reader::unsigned_less(Term a, Term b, bool or_equal) {
  int w = terms_.width(a);
  Term offset = terms_.mk_bv(std::int64_t{1} << (w - 1), w);
  return terms_.mk_arith(or_equal ? Op::Sle : Op::Slt, terms_.mk_arith(Op::Add, a, offset),
                         terms_.mk_arith(Op::Add, b, offset));
}

Term Z3Reader::comparison(Z3_decl_kind kind, Term a, Term b) {
  switch (kind) {
    case Z3_OP_SLEQ:
      return terms_.mk_arith(Op::Sle, a, b);
    case Z3_OP_SLT:
      return terms_.mk_arith(Op::Slt, a, b);
    case Z3_OP_SGEQ:
      return terms_.mk_arith(Op::Sle, b, a);
    case Z3_OP_SGT:
      return terms_.mk_arith(Op::Slt, b, a);
    case Z3_OP_ULEQ:
      return unsigned_less(a, b, true);
    case Z3_OP_ULT:
      return unsigned_less(a, b, false);
    case Z3_OP_UGEQ:
      return unsigned_less(b, a, true);
    default:  // Z3_OP_UGT
      return unsigned_less(b, a, false);
  }
}

Term Z3Reader::application(const z3::expr& e, const std::vector<Term>& k) {
  smt::TermManager& tm = terms_;
  z3::func_decl d = e.decl();
  auto parameter = [&](unsigned i) { return Z3_get_decl_int_parameter(e.ctx(), d, i); };
  switch (d.decl_kind()) {
    case Z3_OP_TRUE:
      return tm.mk_true();
    case Z3_OP_FALSE:
      return tm.mk_false();
    case Z3_OP_BNUM:
      return tm.mk_bv(static_cast<std::int64_t>(e.get_numeral_uint64()),
                      static_cast<int>(e.get_sort().bv_size()));
    case Z3_OP_AND:
      return tm.mk_and(k);
    case Z3_OP_OR:
      return tm.mk_or(k);
    case Z3_OP_NOT:
      return tm.mk_not(k[0]);
    case Z3_OP_IMPLIES:
      return tm.mk_implies(k[0], k[1]);
    case Z3_OP_IFF:
    case Z3_OP_EQ:
      return tm.mk_eq(k[0], k[1]);
    case Z3_OP_XOR:
      return tm.mk_not(tm.mk_eq(k[0], k[1]));
    case Z3_OP_DISTINCT: {
      std::vector<Term> pairs;
      for (std::size_t i = 0; i < k.size(); ++i) {
        for (std::size_t j = i + 1; j < k.size(); ++j) {
          pairs.push_back(tm.mk_not(tm.mk_eq(k[i], k[j])));
        }
      }
      return tm.mk_and(pairs);
    }
    case Z3_OP_ITE:
      return tm.mk_ite(k[0], k[1], k[2]);
    case Z3_OP_BADD:
      return fold(Op::Add, k);
    case Z3_OP_BSUB:
      return fold(Op::Sub, k);
    case Z3_OP_BMUL:
      return fold(Op::Mul, k);
    case Z3_OP_BNEG:
      return tm.mk_neg(k[0]);
    case Z3_OP_BNOT:  // ~a = -a - 1
      return tm.mk_arith(Op::Sub, tm.mk_neg(k[0]), tm.mk_bv(1, tm.width(k[0])));
    case Z3_OP_BSDIV:
    case Z3_OP_BSDIV_I:
      return tm.mk_arith(Op::Sdiv, k[0], k[1]);
    case Z3_OP_BSREM:
    case Z3_OP_BSREM_I:
      return tm.mk_arith(Op::Srem, k[0], k[1]);
    case Z3_OP_SLEQ:
    case Z3_OP_SLT:
    case Z3_OP_SGEQ:
    case Z3_OP_SGT:
    case Z3_OP_ULEQ:
    case Z3_OP_ULT:
    case Z3_OP_UGEQ:
    case Z3_OP_UGT:
      return comparison(d.decl_kind(), k[0], k[1]);
    case Z3_OP_EXTRACT:
      return tm.mk_extract(k[0], parameter(0), parameter(1));
    case Z3_OP_BIT2BOOL: {
      int bit = parameter(0);
      return tm.mk_eq(tm.mk_extract(k[0], bit, bit), tm.mk_bv(1, 1));
    }
    default:
      refused_ = d.name().str();
      return 0;
  }
}

}  // namespace solver::backend
