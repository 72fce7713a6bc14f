// SPDX-License-Identifier: GPL-2.0
#include "solver/aig/safety_circuit.h"

#include <unordered_set>

#include "solver/aig/bitblast.h"
#include "solver/smt/term_walk.h"

namespace solver::aig {
namespace {

using smt::Op;
using smt::Term;

bool mentions_any(const smt::TermManager& tm, Term t, const std::unordered_set<Term>& vars) {
  std::unordered_set<Term> seen;
  bool found = false;
  smt::post_order(
      tm, t, [&](Term u) { return found || seen.count(u) != 0; },
      [&](Term u) {
        seen.insert(u);
        found = found || vars.count(u) != 0;
      });
  return found;
}

/// `var = constant` as a conjunct of init: the variable and its value's bits.
bool fixed_value(const smt::TermManager& tm, Term c, Term& var, std::uint64_t& value) {
  const smt::Node& n = tm.node(c);
  if (n.op == Op::Var && tm.is_bool(c)) {
    var = c, value = 1;
    return true;
  }
  if (n.op == Op::Not && tm.node(n.kids[0]).op == Op::Var) {
    var = n.kids[0], value = 0;
    return true;
  }
  if (n.op != Op::Eq) {
    return false;
  }
  for (int side = 0; side < 2; ++side) {
    Term v = n.kids[side], k = n.kids[1 - side];
    if (tm.node(v).op == Op::Var && tm.is_const(k)) {
      var = v, value = static_cast<std::uint64_t>(tm.const_value(k));
      return true;
    }
  }
  return false;
}

class CircuitBuilder {
 public:
  CircuitBuilder(const TransitionSystem& ts, SafetyCircuit& c)
      : ts_(ts), tm_(*ts.terms), c_(c), blaster_(tm_, c.aig), first_frame_(tm_, c.aig) {}

  void build(std::size_t obligation, const std::vector<Term>& assumed);

 private:
  std::vector<Term> initial_constraints();
  void bind_state(const std::unordered_map<Term, std::uint64_t>& fixed);
  Bits widened(Bits stored, std::int64_t lo, int w);
  std::vector<Term> bind_next();
  int width(Term t) const { return tm_.is_bool(t) ? 1 : tm_.width(t); }

  const TransitionSystem& ts_;
  const smt::TermManager& tm_;
  SafetyCircuit& c_;
  BitBlaster blaster_;                // a frame: the state's bits as they are in it
  BitBlaster first_frame_;            // the first frame: fixed bits constants, open bits inputs
  std::vector<Bits> latch_bits_;      // per state variable: its latches (as stored)
  std::vector<std::uint64_t> flip_;   // per state variable: bits stored inverted
  std::vector<std::int64_t> offset_;  // ... the low end of its range
  Lit started_ = kFalse;
  bool opened_ = false;  // a bit comes from an input in the first frame
};

// init's conjuncts that fix a variable become the latches' reset values;
// the rest are constraints on the first frame.
std::vector<Term> CircuitBuilder::initial_constraints() {
  std::vector<Term> all = smt::conjuncts(tm_, ts_.init), rest;
  std::unordered_map<Term, std::uint64_t> fixed;
  for (Term t : all) {
    Term var = 0;
    std::uint64_t value = 0;
    if (fixed_value(tm_, t, var, value) && fixed.count(var) == 0) {
      fixed[var] = value;
    } else {
      rest.push_back(t);
    }
  }
  bind_state(fixed);
  return rest;
}

// A slot's range lo .. hi from the domain's `lo <= x` and `x <= hi`.
std::unordered_map<Term, std::pair<std::int64_t, std::int64_t>> ranges(const smt::TermManager& tm,
                                                                       Term domain) {
  std::vector<Term> all = smt::conjuncts(tm, domain);
  std::unordered_map<Term, std::pair<std::int64_t, std::int64_t>> low, high, both;
  for (Term t : all) {
    const smt::Node& n = tm.node(t);
    if (n.op != Op::Sle) {
      continue;
    }
    Term a = n.kids[0], b = n.kids[1];
    if (tm.is_const(a) && tm.node(b).op == Op::Var) {
      low[b].first = tm.const_value(a);
      both[b].first = 1;
    } else if (tm.is_const(b) && tm.node(a).op == Op::Var) {
      high[a].first = tm.const_value(b);
      both[a].second = 1;
    }
  }
  std::unordered_map<Term, std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& [var, seen] : both) {
    if (seen.first && seen.second && low[var].first <= high[var].first) {
      out[var] = {low[var].first, high[var].first};
    }
  }
  return out;
}

int bits_for(std::uint64_t span) {
  int k = 1;
  while (k < 63 && (span >> k) != 0) {
    ++k;
  }
  return k;
}

void CircuitBuilder::bind_state(const std::unordered_map<Term, std::uint64_t>& fixed) {
  Aig& aig = c_.aig;
  started_ = aig.add_latch();
  c_.latches.push_back({LatchMeaning::Kind::Started});
  aig.set_next(started_, kTrue);
  auto range = ranges(tm_, ts_.domain);
  for (std::size_t s = 0; s < ts_.state.size(); ++s) {
    Term x = ts_.state[s];
    auto r = range.find(x);
    std::int64_t lo = r == range.end() ? 0 : r->second.first;
    int k = r == range.end() ? width(x) : std::min(width(x), bits_for(r->second.second - lo));
    auto it = fixed.find(x);
    std::uint64_t start = it == fixed.end() ? 0 : it->second - static_cast<std::uint64_t>(lo);
    Bits stored, value, first;
    for (int b = 0; b < k; ++b) {
      Lit latch = aig.add_latch();
      bool one = (start >> b) & 1;
      c_.latches.push_back({LatchMeaning::Kind::StateBit, s, b, lo, one});
      stored.push_back(latch);
      if (it != fixed.end()) {
        value.push_back(one ? negate(latch) : latch);
        first.push_back(one ? kTrue : kFalse);
      } else {
        first.push_back(aig.add_input());
        value.push_back(aig.mk_ite(started_, latch, first.back()));
        opened_ = true;
      }
    }
    latch_bits_.push_back(stored);
    flip_.push_back(start);
    offset_.push_back(lo);
    blaster_.bind(x, widened(value, lo, width(x)));
    first_frame_.bind(x, widened(first, lo, width(x)));
  }
}

// lo + the stored bits, at the slot's width.
Bits CircuitBuilder::widened(Bits stored, std::int64_t lo, int w) {
  if (static_cast<int>(stored.size()) == w && lo == 0) {
    return stored;
  }
  stored.resize(w, kFalse);
  return blaster_.add(stored, BitBlaster::constant(lo, w));
}

// A slot's next value is its equation in trans, where one side is X' alone
// and the other is over X, I and next values already known (a monitor reads
// the new state); what is left over are constraints, and an X' without an
// equation is a free input.
std::vector<Term> CircuitBuilder::bind_next() {
  std::vector<Term> all = smt::conjuncts(tm_, ts_.trans);
  std::unordered_set<Term> unbound(ts_.next.begin(), ts_.next.end());
  std::vector<bool> used(all.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const smt::Node& n = tm_.node(all[i]);
      if (used[i] || n.op != Op::Eq || unbound.count(n.kids[0]) + unbound.count(n.kids[1]) != 1) {
        continue;
      }
      Term var = unbound.count(n.kids[0]) ? n.kids[0] : n.kids[1];
      Term value = var == n.kids[0] ? n.kids[1] : n.kids[0];
      if (mentions_any(tm_, value, unbound)) {
        continue;
      }
      blaster_.bind(var, blaster_.bits(value));
      unbound.erase(var);
      used[i] = progress = true;
    }
  }
  for (Term var : unbound) {
    Bits free;
    for (int b = 0; b < width(var); ++b) {
      free.push_back(c_.aig.add_input());
    }
    blaster_.bind(var, free);
  }
  std::vector<Term> rest;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!used[i]) {
      rest.push_back(all[i]);
    }
  }
  return rest;
}

void CircuitBuilder::build(std::size_t obligation, const std::vector<Term>& assumed) {
  Aig& aig = c_.aig;
  for (Term in : ts_.inputs) {
    Bits bits;
    for (int b = 0; b < width(in); ++b) {
      bits.push_back(aig.add_input());
    }
    blaster_.bind(in, bits);
  }
  std::vector<Lit> first_frame;
  for (Term t : initial_constraints()) {
    first_frame.push_back(first_frame_.bit(t));
  }
  Lit initial_ok = aig.mk_or(started_, aig.mk_and(first_frame));
  c_.open_first_frame = initial_ok != kTrue || opened_;
  std::vector<Lit> step;
  for (Term t : bind_next()) {
    step.push_back(blaster_.bit(t));
  }
  Lit step_ok = aig.mk_and(step);
  std::vector<Lit> known;
  for (Term t : assumed) {
    known.push_back(blaster_.bit(t));
  }
  Lit known_ok = aig.mk_and(known);
  for (std::size_t s = 0; s < ts_.state.size(); ++s) {
    Bits next = blaster_.bits(ts_.next[s]);
    if (offset_[s] != 0) {
      next = blaster_.add(next, BitBlaster::constant(-offset_[s], static_cast<int>(next.size())));
    }
    for (std::size_t b = 0; b < latch_bits_[s].size(); ++b) {
      bool one = (flip_[s] >> b) & 1;
      aig.set_next(latch_bits_[s][b], one ? negate(next[b]) : next[b]);
    }
  }
  Lit failed = aig.add_latch();
  c_.latches.push_back({LatchMeaning::Kind::Failed});
  aig.set_next(failed, aig.mk_or(failed, negate(aig.mk_and({initial_ok, step_ok, known_ok}))));
  BadCondition bad = bad_condition(ts_, obligation);
  Lit reached = aig.mk_and({negate(failed), initial_ok, known_ok});
  Lit bad_now = blaster_.bit(bad.condition);
  Lit hit = aig.add_latch();
  c_.latches.push_back({LatchMeaning::Kind::Hit});
  aig.set_next(hit,
               aig.mk_or(hit, aig.mk_and({reached, bad.uses_step ? step_ok : kTrue, bad_now})));
  aig.add_bad(hit);
}

}  // namespace

SafetyCircuit safety_circuit(const TransitionSystem& ts, std::size_t obligation,
                             const std::vector<Term>& assumed) {
  SafetyCircuit c;
  CircuitBuilder(ts, c).build(obligation, assumed);
  return c;
}

Term latch_term(smt::TermManager& tm, const TransitionSystem& ts, const LatchMeaning& m) {
  switch (m.kind) {
    case LatchMeaning::Kind::Started:
      return tm.mk_true();
    case LatchMeaning::Kind::Failed:
    case LatchMeaning::Kind::Hit:
      return tm.mk_false();
    case LatchMeaning::Kind::StateBit:
      break;
  }
  Term x = ts.state[m.state];
  int w = ts.terms->width(x);
  Term var = tm.mk_var(ts.terms->var_name(x), w);
  if (m.offset != 0) {
    var = tm.mk_arith(Op::Add, var, tm.mk_bv(-m.offset, w));
  }
  Term bit = tm.is_bool(var) ? var : tm.mk_eq(tm.mk_extract(var, m.bit, m.bit), tm.mk_bv(1, 1));
  return m.inverted ? tm.mk_not(bit) : bit;
}

}  // namespace solver::aig
