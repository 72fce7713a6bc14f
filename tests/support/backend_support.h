// SPDX-License-Identifier: GPL-2.0
#pragma once

// Tests that run once per solver of the build (z3, and cvc5 when built),
// as Pono's engine tests do, and a small satisfiability question about the
// terms of a lowered model.

#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "solver/backend/backend.h"
#include "solver/lowering.h"
#include "solver/verifier.h"
#include "tests/support/spec_support.h"

namespace irqspec_test {

/// Every solver of this build, for INSTANTIATE_TEST_SUITE_P.
inline std::vector<std::string> built_solvers() {
  return solver::backend::available_solvers();
}

/// Test names from the solver: `Solvers/Backend.PushPop/cvc5`.
inline std::string solver_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

/// A model and its transition system for the given obligations (all of
/// them when `obligations` is empty).
struct LoweredModel {
  std::unique_ptr<Loaded> loaded;
  solver::TransitionSystem ts;

  const spec::Model& model() const { return *loaded->model; }
};

inline LoweredModel lower_text(const std::string& text, std::vector<int> obligations = {}) {
  LoweredModel l;
  l.loaded = load(text);
  EXPECT_EQ(l.loaded->diagnostics_text(), "") << text;
  if (!l.loaded->model) {
    return l;
  }
  if (obligations.empty()) {
    for (std::size_t i = 0; i < l.loaded->model->obligations.size(); ++i) {
      obligations.push_back(static_cast<int>(i));
    }
  }
  l.ts = solver::lower(*l.loaded->model, obligations);
  return l;
}

/// Whether the conjunction of `terms` is satisfiable, asked of `solver`.
/// Every obligation of one check of a library model, decided by `engine`
/// with its proofs re-checked; `names` gets the obligations' names.
inline std::vector<solver::ObligationResult> certified_library_check(
    const std::string& model, const std::string& check, solver::EngineKind engine,
    std::vector<std::string>& names) {
  LoadOptions options;
  options.check = check;
  auto loaded = load(read_file(source_dir() + "/models/" + model), options);
  EXPECT_TRUE(loaded->model) << loaded->diagnostics_text();
  if (!loaded->model) {
    return {};
  }
  std::vector<int> all;
  for (std::size_t i = 0; i < loaded->model->obligations.size(); ++i) {
    all.push_back(static_cast<int>(i));
    names.push_back(loaded->model->obligations[i].name);
  }
  solver::VerifyRequest request;
  request.engine = engine;
  request.certify = true;
  request.jobs = 2;
  return solver::verify_obligations(*loaded->model, all, request);
}

inline solver::backend::SatResult check_terms(const std::shared_ptr<solver::smt::TermManager>& tm,
                                              std::initializer_list<solver::smt::Term> terms,
                                              const std::string& solver = "z3") {
  std::unique_ptr<solver::backend::Backend> b = solver::backend::make_backend(solver, tm);
  for (solver::smt::Term t : terms) {
    b->assert_term(t);
  }
  return b->check(60);
}

}  // namespace irqspec_test

namespace solver::backend {
/// Lets GoogleTest print answers by name.
inline void PrintTo(SatResult r, std::ostream* os) {
  *os << (r == SatResult::Sat ? "sat" : r == SatResult::Unsat ? "unsat" : "unknown");
}
}  // namespace solver::backend
