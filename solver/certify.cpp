// SPDX-License-Identifier: GPL-2.0
#include "solver/certify.h"

#include "solver/backend/backend.h"
#include "solver/backend/chc.h"
#include "solver/certificate.h"
#include "solver/invariant_text.h"

namespace solver {
namespace {

/// The other solver of this build, to re-check `engine_solver`'s proofs.
std::string other_solver(const std::string& engine_solver) {
  for (const std::string& s : backend::available_solvers()) {
    if (s != engine_solver) {
      return s;
    }
  }
  return engine_solver;  // a fresh instance of the same solver
}

std::string checked_by(const CertificateCheck& c) {
  return "re-checked by " + c.solver + " (" + std::to_string(c.queries) + " queries, " +
         seconds_text(c.seconds) + ")";
}

/// The proof stands with its certificate, or falls with the reason.
void settle(ObligationResult& r, const CertificateCheck& c, const std::string& certificate,
            const std::string& what) {
  if (c.failure.empty()) {
    r.certificate = certificate;
    return;
  }
  r.verdict = Verdict::Unknown;
  r.internal_error = !c.unknown;
  r.reason = std::string(c.unknown ? "proof not re-checked: " : "internal error: ") + "the " +
             what + " failed its re-check by " + c.solver + ": " + c.failure;
}

void certify_induction(const spec::Model& model, const TransitionSystem& ts,
                       const std::string& solver, std::vector<ObligationResult>& results,
                       double timeout_seconds) {
  std::vector<std::size_t> proved;
  std::string names;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (proved_by_one_induction(ts, i, results[i])) {
      proved.push_back(i);
      names += (names.empty() ? "" : " && ") + model.obligations[ts.obligations[i].obligation].name;
    }
  }
  if (proved.empty()) {
    return;
  }
  CertificateCheck c = check_inductive_invariant(model, ts, proved, solver, timeout_seconds);
  for (std::size_t i : proved) {
    settle(results[i], c, "inductive invariant " + names + "; " + checked_by(c),
           "certificate of the proof by induction");
  }
}

/// The invariant Spacer or ABC's pdr found, read back into the system's
/// terms (the engine's queries ran in parallel, each in a term manager of
/// its own).
void certify_found(const spec::Model& model, const TransitionSystem& ts, const std::string& solver,
                   std::size_t i, ObligationResult& r, double timeout_seconds) {
  const backend::ChcInvariant* found = r.invariant.get();
  bool pdr = r.engine.rfind("pdr/", 0) == 0;
  std::string prover = pdr ? "abc pdr" : "z3 spacer";
  std::string what = pdr ? "certificate of the PDR proof" : "certificate of the CHC proof";
  CertificateCheck c;
  c.solver = solver;
  if (found == nullptr || found->term == 0) {
    c.unknown = true;
    c.failure = found == nullptr ? prover + " gave no invariant"
                : pdr            ? "abc pdr's invariant could not be read: " + found->refused
                                 : "z3 spacer's invariant uses " + found->refused +
                            ", which irqspec's terms do not express";
    settle(r, c, "", what);
    return;
  }
  Term invariant = ts.terms->import(*found->terms, found->term);
  c = check_found_invariant(model, ts, i, invariant, solver, timeout_seconds);
  if (c.failure.empty()) {
    r.invariant_text = invariant_text(model, ts, invariant);
  }
  settle(r, c,
         prover + "'s inductive invariant (" + std::to_string(found->terms->size()) + " terms); " +
             checked_by(c),
         what);
}

}  // namespace

bool proved_by_one_induction(const TransitionSystem& ts, std::size_t i, const ObligationResult& r) {
  return r.verdict == Verdict::Proved && r.depth == 1 && r.engine.rfind("kind/", 0) == 0 &&
         ts.obligations[i].kind == spec::ObligationKind::Invariant;
}

void certify_proofs(const spec::Model& model, const TransitionSystem& ts, const std::string& prover,
                    std::vector<ObligationResult>& results, double timeout_seconds) {
  std::string solver = other_solver(prover);
  certify_induction(model, ts, solver, results, timeout_seconds);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string& engine = results[i].engine;
    if (results[i].verdict == Verdict::Proved &&
        (engine.rfind("chc/", 0) == 0 || engine.rfind("pdr/", 0) == 0)) {
      certify_found(model, ts, solver, i, results[i], timeout_seconds);
    }
  }
}

}  // namespace solver
