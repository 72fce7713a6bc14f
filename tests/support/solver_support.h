// SPDX-License-Identifier: GPL-2.0
#pragma once

// Runs the explicit engine on a small inline model and describes its answers
// in words: verdicts by obligation name, traces as `actor.action(p=1)`.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "solver/engines/explicit.h"
#include "solver/trace_view.h"
#include "tests/support/spec_support.h"

namespace solver {
/// Lets GoogleTest print verdicts by name.
inline void PrintTo(Verdict v, std::ostream* os) {
  *os << to_string(v);
}
}  // namespace solver

namespace irqspec_test {

struct Explored {
  std::unique_ptr<Loaded> loaded;
  std::vector<int> obligations;
  std::vector<solver::ObligationResult> results;

  const spec::Model& model() const { return *loaded->model; }

  const solver::ObligationResult& of(const std::string& name) const {
    for (std::size_t i = 0; i < obligations.size(); ++i) {
      if (model().obligations[obligations[i]].name == name) {
        return results[i];
      }
    }
    ADD_FAILURE() << "no result for " << name;
    static solver::ObligationResult none;
    return none;
  }

  solver::Verdict verdict(const std::string& name) const { return of(name).verdict; }

  /// The length of the counterexample, or -1 without one.
  int length(const std::string& name) const {
    const solver::ObligationResult& r = of(name);
    return r.trace ? r.trace->length() : -1;
  }

  /// The steps of the counterexample: `actor.action(p=1)`, with ` -> result`
  /// when the action returned one.
  std::vector<std::string> steps(const std::string& name) const {
    std::vector<std::string> out;
    const solver::ObligationResult& r = of(name);
    if (!r.trace) {
      return out;
    }
    solver::TraceView view = solver::describe(model(), *r.trace);
    for (const solver::StepViewText& s : view.steps) {
      out.push_back(s.call() + (s.result ? " -> " + s.result->value : ""));
    }
    return out;
  }

  /// The events of the last step of the counterexample: `e(v=1)`.
  std::vector<std::string> last_events(const std::string& name) const {
    std::vector<std::string> out;
    const solver::ObligationResult& r = of(name);
    if (!r.trace || r.trace->steps.empty()) {
      return out;
    }
    solver::TraceView view = solver::describe(model(), *r.trace);
    for (const solver::EventView& e : view.steps.back().events) {
      out.push_back(e.text());
    }
    return out;
  }
};

/// Elaborates `text` (the implicit job) and runs the explicit engine on
/// every obligation of the model.
inline Explored explore(const std::string& text, const solver::Limits& limits = {}) {
  // IRQSPEC_DUMP_MODELS=DIR writes every model explored here to DIR, to
  // replay them with other engines (`irqspec verify-specs --engine ... DIR`).
  if (const char* dir = std::getenv("IRQSPEC_DUMP_MODELS")) {
    static int n = 0;
    write_file(std::string(dir) + "/model" + std::to_string(n++) + ".irqspec", text);
  }
  Explored run;
  run.loaded = load(text);
  EXPECT_EQ(run.loaded->diagnostics_text(), "") << text;
  if (!run.loaded->model) {
    return run;
  }
  for (std::size_t i = 0; i < run.loaded->model->obligations.size(); ++i) {
    run.obligations.push_back(static_cast<int>(i));
  }
  solver::ExplicitEngine engine(*run.loaded->model, limits);
  run.results = engine.run(run.obligations);
  return run;
}

inline const char* name(solver::Verdict v) {
  return solver::to_string(v);
}

}  // namespace irqspec_test
