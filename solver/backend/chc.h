// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "solver/backend/backend.h"

namespace solver::backend {

/// A safety question as constrained Horn clauses over one invariant Inv(X):
///   init(X) -> Inv(X);  Inv(X) & trans(X,I,X') -> Inv(X');  Inv(X) & [trans] & bad -> false.
struct ChcQuery {
  struct Bad {
    smt::Term condition = 0;  // over X, I, X'
    bool uses_step = true;    // conjoin trans with it
  };
  std::vector<smt::Term> state, next, inputs;
  smt::Term init = 0, trans = 0;
  std::vector<Bad> bad;  // any of them reachable: Violated
};

enum class ChcResult { Holds, Violated, Unknown };

/// The invariant Spacer found, Inv's interpretation over the query's state,
/// for the proof's re-check. It lives in a term manager of its own: queries
/// run in parallel, and the shared one is only read while they do.
struct ChcInvariant {
  std::shared_ptr<smt::TermManager> terms;
  smt::Term term = 0;   // 0: not readable back into terms,
  std::string refused;  // because of this operation
};

struct ChcAnswer {
  ChcResult result = ChcResult::Unknown;
  std::string reason;                       // Unknown: why
  std::shared_ptr<ChcInvariant> invariant;  // Holds
  bool ran_out = false;                     // Unknown because its time limit passed
};

/// Z3's CHC engine (Spacer). It proves; counterexamples come from BMC.
/// `dump_path` non-empty: the Horn clauses are also written there (SMT-LIB2).
ChcAnswer z3_chc(const std::shared_ptr<smt::TermManager>& terms, const ChcQuery& query,
                 double timeout_seconds, const std::string& dump_path = "");

}  // namespace solver::backend
