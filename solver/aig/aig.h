// SPDX-License-Identifier: GPL-2.0
#pragma once

// An and-inverter graph with latches: the bit-level form of a transition
// system that hardware model checkers (ABC, the AIGER tools) read. Literals
// follow AIGER: 2 * variable + negation, variable 0 the constant false.
// Gates are hashed structurally and simplified locally, so equal logic is
// one gate.

#include <cstdint>
#include <ostream>
#include <unordered_map>
#include <vector>

namespace solver::aig {

using Lit = std::uint32_t;
constexpr Lit kFalse = 0;
constexpr Lit kTrue = 1;
inline Lit negate(Lit a) {
  return a ^ 1u;
}

class Aig {
 public:
  Lit add_input();
  /// A latch whose value is 0 initially; its next value is set later.
  Lit add_latch();
  void set_next(Lit latch, Lit next);
  void add_bad(Lit bad) { bad_.push_back(bad); }

  Lit mk_and(Lit a, Lit b);
  Lit mk_or(Lit a, Lit b) { return negate(mk_and(negate(a), negate(b))); }
  Lit mk_xor(Lit a, Lit b);
  Lit mk_ite(Lit c, Lit t, Lit e);
  Lit mk_and(const std::vector<Lit>& lits);
  Lit mk_or(const std::vector<Lit>& lits);

  std::size_t latch_count() const { return latches_.size(); }
  /// The latch's index among the latches (its place in the AIGER file).
  std::size_t latch_index(Lit latch) const { return latch_index_.at(latch >> 1); }
  std::size_t and_count() const { return ands_.size(); }

  /// Binary AIGER 1.9 (inputs, latches reset to 0, bad-state outputs, and
  /// the gates in the cone of the latches and outputs).
  void write_aiger(std::ostream& out) const;

 private:
  struct Gate {
    std::uint32_t var;
    Lit a, b;
  };
  enum class Kind : std::uint8_t { Constant, Input, Latch, And };
  std::uint32_t new_var(Kind k);

  std::vector<Kind> kind_{Kind::Constant};
  std::vector<std::uint32_t> inputs_;
  std::vector<std::uint32_t> latches_;
  std::vector<Lit> next_;
  std::unordered_map<std::uint32_t, std::size_t> latch_index_;
  std::vector<Gate> ands_;
  std::unordered_map<std::uint64_t, Lit> strash_;
  std::vector<Lit> bad_;
};

}  // namespace solver::aig
