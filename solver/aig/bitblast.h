// SPDX-License-Identifier: GPL-2.0
#pragma once

// Terms to gates: every bit of a term as a literal of an AIG, with the
// SMT-LIB semantics of each operation (two's complement, division by zero
// as bvsdiv/bvsrem define it), so that a proof about the gates is one
// about the terms, and an SMT solver can re-check it.

#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "solver/aig/aig.h"
#include "solver/smt/term.h"

namespace solver::aig {

using Bits = std::vector<Lit>;  // least significant first; a Bool is one bit

class BitBlaster {
 public:
  BitBlaster(const smt::TermManager& terms, Aig& aig) : tm_(terms), aig_(aig) {}

  /// What a variable's bits are (inputs or latches of the AIG, or gates).
  void bind(smt::Term var, Bits bits) { memo_[var] = std::move(bits); }
  const Bits& bits(smt::Term t);
  Lit bit(smt::Term boolean) { return bits(boolean).at(0); }
  /// a + b (+ carry), modulo 2^width of a.
  Bits add(const Bits& a, const Bits& b, Lit carry = kFalse);
  static Bits constant(std::int64_t value, int width);

 private:
  Bits blast(smt::Term t);
  Bits junction(const smt::Node& n);
  Bits arith(const smt::Node& n);
  Lit equal(const Bits& a, const Bits& b);
  Bits inverted(const Bits& a);
  Bits negated(const Bits& a);
  Bits multiply(const Bits& a, const Bits& b);
  Lit unsigned_less(const Bits& a, const Bits& b);
  void divide_unsigned(const Bits& a, const Bits& b, Bits& quotient, Bits& remainder);
  Bits divide_signed(const Bits& a, const Bits& b, bool remainder);
  Bits select(Lit c, const Bits& t, const Bits& e);

  const smt::TermManager& tm_;
  Aig& aig_;
  std::unordered_map<smt::Term, Bits> memo_;
};

}  // namespace solver::aig
