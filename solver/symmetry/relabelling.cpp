// SPDX-License-Identifier: GPL-2.0
#include "solver/symmetry/relabelling.h"

#include <algorithm>

#include "solver/smt/term_walk.h"

namespace solver {

Relabelling::Relabelling(const spec::Model& model, const TransitionSystem& ts, Unroller& unroller,
                         const SymmetryClass& c, std::vector<spec::Value> rho, int last)
    : tm_(*ts.terms), lo_(c.lo), hi_(c.hi), rho_(std::move(rho)) {
  for (std::size_t slot = 0; slot < static_cast<std::size_t>(ts.model_slots); ++slot) {
    relabel_slot(model, unroller, c, slot, last);
  }
}

// Slot A[k] of the relabelled state is read from A[rho^-1(k)] in every
// dimension of the class (arrays are row-major, outermost index first).
void Relabelling::relabel_slot(const spec::Model& model, Unroller& unroller, const SymmetryClass& c,
                               std::size_t slot, int last) {
  int var = model.slots[slot].var;
  const spec::StateVar& v = model.vars[var];
  std::vector<const spec::Type*> dims;
  for (const spec::Type* t = v.type; t->kind == spec::TypeKind::Array; t = t->element) {
    dims.push_back(t->index);
  }
  std::int64_t offset = static_cast<std::int64_t>(slot) - v.first_slot, from = 0, stride = 1;
  for (int d = static_cast<int>(dims.size()) - 1; d >= 0; --d) {
    std::int64_t size = static_cast<std::int64_t>(dims[d]->domain_size());
    std::int64_t k = offset % size;
    offset /= size;
    bool permuted = std::count(c.indices.begin(), c.indices.end(), std::make_pair(var, d)) > 0;
    from += stride * (permuted ? inverse(k + dims[d]->lo) - dims[d]->lo : k);
    stride *= size;
  }
  bool valued = std::count(c.values.begin(), c.values.end(), var) > 0;
  for (int p = 0; p <= last; ++p) {
    Term x = unroller.state_at(slot, p);
    moved_[x] = unroller.state_at(v.first_slot + from, p);
    if (valued) {
      valued_.insert(x);
    }
  }
}

spec::Value Relabelling::inverse(spec::Value v) const {
  for (spec::Value u = lo_; u <= hi_; ++u) {
    if (rho_[u - lo_] == v) {
      return u;
    }
  }
  return v;
}

Term Relabelling::target(Term var) const {
  auto it = moved_.find(var);
  return it == moved_.end() ? var : it->second;
}

// rho(x) for a bit-vector x: a case per value rho moves.
Term Relabelling::rho_of(Term x) {
  Term result = x;
  for (spec::Value v = lo_; v <= hi_; ++v) {
    if (rho_[v - lo_] != v) {
      result = tm_.mk_ite(tm_.mk_eq(x, tm_.mk_bv(v, tm_.width(x))),
                          tm_.mk_bv(rho_[v - lo_], tm_.width(x)), result);
    }
  }
  return result;
}

// rho(a) == rho(b) is a == b; rho(a) == c is a == rho^-1(c).
Term Relabelling::equality(Term a, Term b) {
  bool va = valued_.count(a) > 0, vb = valued_.count(b) > 0;
  if (va && vb) {
    return tm_.mk_eq(target(a), target(b));
  }
  if (vb) {
    std::swap(a, b);
    std::swap(va, vb);
  }
  if (va && tm_.node(b).op == smt::Op::BvConst) {
    spec::Value c = tm_.const_value(b);
    return tm_.mk_eq(target(a), tm_.mk_bv(c >= lo_ && c <= hi_ ? inverse(c) : c, tm_.width(b)));
  }
  return 0;
}

// c <= rho(x) is c <= x when c is not above the class (rho moves values
// only inside it), and likewise for the other comparisons with a literal
// outside the class's range: the domain constraints of the relabelled slots.
Term Relabelling::comparison(const smt::Node& n) {
  Term a = n.kids[0], b = n.kids[1];
  bool strict = n.op == smt::Op::Slt;
  if (valued_.count(a) > 0 && tm_.node(b).op == smt::Op::BvConst) {
    spec::Value c = tm_.const_value(b);
    if (strict ? c > hi_ : c >= hi_) {
      return tm_.mk_arith(n.op, target(a), b);
    }
  }
  if (valued_.count(b) > 0 && tm_.node(a).op == smt::Op::BvConst) {
    spec::Value c = tm_.const_value(a);
    if (strict ? c < lo_ : c <= lo_) {
      return tm_.mk_arith(n.op, a, target(b));
    }
  }
  return 0;
}

Term Relabelling::apply(Term t) {
  smt::post_order(
      tm_, t, [&](Term cur) { return memo_.count(cur) > 0; },
      [&](Term cur) {
        const smt::Node& n = tm_.node(cur);
        if (n.op == smt::Op::Var) {
          memo_[cur] = valued_.count(cur) ? rho_of(target(cur)) : target(cur);
          return;
        }
        if (n.kids.empty()) {
          memo_[cur] = cur;
          return;
        }
        Term direct = n.op == smt::Op::Eq ? equality(n.kids[0], n.kids[1])
                      : n.op == smt::Op::Sle || n.op == smt::Op::Slt ? comparison(n)
                                                                     : 0;
        if (direct != 0) {
          memo_[cur] = direct;
          return;
        }
        std::vector<Term> kids;
        for (Term k : tm_.node(cur).kids) {
          kids.push_back(memo_.at(k));
        }
        memo_[cur] = tm_.remake(cur, kids);
      });
  return memo_.at(t);
}

std::vector<Relabelling> generators(const spec::Model& model, const TransitionSystem& ts,
                                    Unroller& unroller, const SymmetryClass& c, int last) {
  std::vector<spec::Value> swap, cycle;
  for (spec::Value v = c.lo; v <= c.hi; ++v) {
    swap.push_back(v == c.lo ? c.lo + 1 : v == c.lo + 1 ? c.lo : v);
    cycle.push_back(v == c.hi ? c.lo : v + 1);
  }
  std::vector<Relabelling> sigmas;
  sigmas.emplace_back(model, ts, unroller, c, swap, last);
  if (c.hi - c.lo > 1) {
    sigmas.emplace_back(model, ts, unroller, c, cycle, last);
  }
  return sigmas;
}

}  // namespace solver
