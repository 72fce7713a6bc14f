// SPDX-License-Identifier: GPL-2.0
#include "solver/aig/bitblast.h"

#include <algorithm>
#include <string>

#include "solver/smt/term_walk.h"

namespace solver::aig {

using smt::Op;
using smt::Term;

const Bits& BitBlaster::bits(Term t) {
  auto it = memo_.find(t);
  if (it != memo_.end()) {
    return it->second;
  }
  smt::post_order(
      tm_, t, [&](Term u) { return memo_.count(u) != 0; },
      [&](Term u) { memo_.emplace(u, blast(u)); });
  return memo_.at(t);
}

Bits BitBlaster::blast(Term t) {
  const smt::Node& n = tm_.node(t);
  switch (n.op) {
    case Op::True:
      return {kTrue};
    case Op::False:
      return {kFalse};
    case Op::BvConst:
      return constant(n.value, n.width);
    case Op::Var:
      throw std::runtime_error("variable " + tm_.var_name(t) + " has no bits in the circuit");
    case Op::Not:
      return {negate(memo_.at(n.kids[0])[0])};
    case Op::And:
    case Op::Or:
      return junction(n);
    case Op::Ite:
      return select(memo_.at(n.kids[0])[0], memo_.at(n.kids[1]), memo_.at(n.kids[2]));
    case Op::Eq:
      return {equal(memo_.at(n.kids[0]), memo_.at(n.kids[1]))};
    case Op::Extract: {
      const Bits& a = memo_.at(n.kids[0]);
      return Bits(a.begin() + smt::extract_lo(n), a.begin() + smt::extract_hi(n) + 1);
    }
    default:
      return arith(n);
  }
}

Bits BitBlaster::constant(std::int64_t value, int width) {
  Bits out(width);
  for (int i = 0; i < width; ++i) {
    out[i] = (static_cast<std::uint64_t>(value) >> std::min(i, 63)) & 1 ? kTrue : kFalse;
  }
  return out;
}

Bits BitBlaster::junction(const smt::Node& n) {
  std::vector<Lit> lits;
  for (Term k : n.kids) {
    lits.push_back(memo_.at(k)[0]);
  }
  return {n.op == Op::And ? aig_.mk_and(lits) : aig_.mk_or(lits)};
}

Bits BitBlaster::arith(const smt::Node& n) {
  const Bits& a = memo_.at(n.kids[0]);
  if (n.op == Op::Neg) {
    return negated(a);
  }
  const Bits& b = memo_.at(n.kids[1]);
  switch (n.op) {
    case Op::Add:
      return add(a, b, kFalse);
    case Op::Sub:
      return add(a, inverted(b), kTrue);
    case Op::Mul:
      return multiply(a, b);
    case Op::Sdiv:
      return divide_signed(a, b, false);
    case Op::Srem:
      return divide_signed(a, b, true);
    case Op::Slt:
    case Op::Sle: {
      // Signed order is the unsigned order with the sign bits flipped.
      Bits x = a, y = b;
      x.back() = negate(x.back());
      y.back() = negate(y.back());
      return {n.op == Op::Slt ? unsigned_less(x, y) : negate(unsigned_less(y, x))};
    }
    default:
      throw std::runtime_error("no bit-level form for operation " +
                               std::to_string(static_cast<int>(n.op)));
  }
}

Lit BitBlaster::equal(const Bits& a, const Bits& b) {
  std::vector<Lit> same;
  for (std::size_t i = 0; i < a.size(); ++i) {
    same.push_back(negate(aig_.mk_xor(a[i], b[i])));
  }
  return aig_.mk_and(same);
}

Bits BitBlaster::add(const Bits& a, const Bits& b, Lit carry) {
  Bits sum(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    Lit half = aig_.mk_xor(a[i], b[i]);
    sum[i] = aig_.mk_xor(half, carry);
    carry = aig_.mk_or(aig_.mk_and(a[i], b[i]), aig_.mk_and(half, carry));
  }
  return sum;
}

Bits BitBlaster::inverted(const Bits& a) {
  Bits out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    out[i] = negate(a[i]);
  }
  return out;
}

Bits BitBlaster::negated(const Bits& a) {
  return add(inverted(a), Bits(a.size(), kFalse), kTrue);
}

Bits BitBlaster::multiply(const Bits& a, const Bits& b) {
  Bits product(a.size(), kFalse);
  for (std::size_t i = 0; i < b.size(); ++i) {
    Bits partial(a.size(), kFalse);
    for (std::size_t j = 0; j + i < a.size(); ++j) {
      partial[j + i] = aig_.mk_and(a[j], b[i]);
    }
    product = add(product, partial, kFalse);
  }
  return product;
}

// a < b: the subtraction a - b borrows out of the top bit.
Lit BitBlaster::unsigned_less(const Bits& a, const Bits& b) {
  Lit borrow = kFalse;
  for (std::size_t i = 0; i < a.size(); ++i) {
    Lit differ = aig_.mk_xor(a[i], b[i]);
    borrow = aig_.mk_or(aig_.mk_and(negate(a[i]), b[i]), aig_.mk_and(negate(differ), borrow));
  }
  return borrow;
}

Bits BitBlaster::select(Lit c, const Bits& t, const Bits& e) {
  Bits out(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    out[i] = aig_.mk_ite(c, t[i], e[i]);
  }
  return out;
}

// Restoring division on w + 1 bits (the shifted remainder needs one more).
// By zero: every quotient bit 1 and the remainder a, as bvudiv/bvurem say.
void BitBlaster::divide_unsigned(const Bits& a, const Bits& b, Bits& quotient, Bits& remainder) {
  std::size_t w = a.size();
  Bits divisor(b);
  divisor.push_back(kFalse);
  Bits rem(w + 1, kFalse);
  quotient.assign(w, kFalse);
  for (std::size_t i = w; i-- > 0;) {
    rem.insert(rem.begin(), a[i]);
    rem.pop_back();
    Lit fits = negate(unsigned_less(rem, divisor));
    quotient[i] = fits;
    rem = select(fits, add(rem, inverted(divisor), kTrue), rem);
  }
  remainder.assign(rem.begin(), rem.begin() + w);
}

// bvsdiv and bvsrem: divide the magnitudes; the quotient is negative when
// the signs differ, the remainder takes the dividend's sign.
Bits BitBlaster::divide_signed(const Bits& a, const Bits& b, bool remainder) {
  Lit a_negative = a.back();
  Lit b_negative = b.back();
  Bits q, r;
  divide_unsigned(select(a_negative, negated(a), a), select(b_negative, negated(b), b), q, r);
  if (remainder) {
    return select(a_negative, negated(r), r);
  }
  return select(aig_.mk_xor(a_negative, b_negative), negated(q), q);
}

}  // namespace solver::aig
