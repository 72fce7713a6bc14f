// SPDX-License-Identifier: GPL-2.0
#pragma once

// Term DAGs to Z3 expressions (bit-vectors: on these models Spacer did
// better with them than with an integer encoding), for the SMT backend and
// the CHC queries alike. Included by the Z3 backend files only.

#include <z3++.h>

#include <unordered_map>

#include "solver/smt/term.h"

namespace solver::backend {

class Z3Translator {
 public:
  Z3Translator(z3::context& ctx, const smt::TermManager& terms) : ctx_(ctx), terms_(terms) {}

  z3::expr operator()(smt::Term root);

 private:
  z3::expr build(smt::Term t);

  z3::context& ctx_;
  const smt::TermManager& terms_;
  std::unordered_map<smt::Term, z3::expr> cache_;
};

}  // namespace solver::backend
