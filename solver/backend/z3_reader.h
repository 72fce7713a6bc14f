// SPDX-License-Identifier: GPL-2.0
#pragma once

// Z3 expressions back to terms: Spacer's invariants, so that another solver
// can re-check a CHC proof. Included by the Z3 backend files only.

#include <z3++.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "solver/smt/term.h"

namespace solver::backend {

class Z3Reader {
 public:
  /// Z3's bound variable i (an argument of a relation) becomes arguments[i]
  /// (0: none).
  Z3Reader(smt::TermManager& terms, std::vector<smt::Term> arguments)
      : terms_(terms), arguments_(std::move(arguments)) {}

  /// The term of `e`, or 0 when it uses an operation terms cannot express
  /// (`refused` names it).
  smt::Term operator()(const z3::expr& e, std::string& refused);

 private:
  smt::Term read(const z3::expr& e);
  smt::Term application(const z3::expr& e, const std::vector<smt::Term>& kids);
  smt::Term fold(smt::Op op, const std::vector<smt::Term>& kids);
  smt::Term comparison(Z3_decl_kind kind, smt::Term a, smt::Term b);
  smt::Term unsigned_less(smt::Term a, smt::Term b, bool or_equal);

  smt::TermManager& terms_;
  std::vector<smt::Term> arguments_;
  std::unordered_map<unsigned, smt::Term> cache_;  // by Z3's expression id
  std::string refused_;
};

}  // namespace solver::backend
