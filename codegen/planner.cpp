// SPDX-License-Identifier: GPL-2.0
#include "codegen/planner.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "solver/backend/backend.h"
#include "solver/backend/chc.h"
#include "solver/lowering.h"
#include "solver/smt_engine.h"
#include "solver/trace_checker.h"
#include "solver/unroller.h"

namespace codegen {
namespace {

/// A C identifier from a goal's description: "producer.register: returns
/// EBUSY" becomes "producer_register_returns_ebusy".
std::string identifier_from(const std::string& text) {
  std::string id;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!id.empty() && id.back() != '_') {
      id += '_';
    }
  }
  while (!id.empty() && id.back() == '_') {
    id.pop_back();
  }
  if (id.size() > 60) {
    id.resize(60);
  }
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) {
    id = "t_" + id;
  }
  return id;
}

/// An input step only where no internal step is enabled (over X, I).
/// Internal steps with parameters are left out: whether one of their
/// parameter tuples is enabled is not a term over the state alone.
solver::Term internal_first_constraint(const spec::Model& m, const solver::TransitionSystem& ts) {
  solver::smt::TermManager& tm = *ts.terms;
  std::vector<solver::Term> inputs, internal_enabled;
  for (const spec::Action& a : m.actions) {
    if (a.input) {
      inputs.push_back(ts.actions[a.id].selected);
    } else if (a.params.empty()) {
      internal_enabled.push_back(ts.actions[a.id].enabled);
    }
  }
  return tm.mk_implies(tm.mk_or(inputs), tm.mk_not(tm.mk_or(internal_enabled)));
}

struct Witness {
  solver::RawTrace raw;
  int first_goal = -1;
  std::set<int> covers;
};

}  // namespace

Planner::Planner(std::shared_ptr<const spec::Model> model, PlannerOptions options)
    : model_(std::move(model)), options_(std::move(options)) {}

TestPlan Planner::plan() {
  const spec::Model& m = *model_;
  TestPlan plan;
  plan.model = model_;

  std::vector<int> violated;
  for (const spec::Expect& e : m.check.expects) {
    if (e.expected == spec::Expectation::Violated) {
      violated.push_back(e.obligation);
    }
  }
  solver::TransitionSystem ts = solver::lower(m, violated, options_.line_of);
  using solver::Term;
  plan.goals = derive_goals(m, ts);
  std::vector<Goal>& goals = plan.goals;

  auto solver = solver::backend::make_backend(options_.solver, ts.terms);
  if (solver == nullptr) {
    throw std::runtime_error("solver '" + options_.solver + "' is not in this build");
  }
  solver::Unroller unroller(ts);
  solver->assert_term(unroller.at(ts.init, 0));
  Term urgent = options_.internal_first ? internal_first_constraint(m, ts) : ts.terms->mk_true();

  // Shortest witnesses, by increasing length.
  std::vector<bool> covered(goals.size(), false);
  std::vector<Witness> witnesses;
  for (int k = 0; k < options_.bound; ++k) {
    if (std::find(covered.begin(), covered.end(), false) == covered.end()) {
      break;
    }
    solver->assert_term(unroller.at(ts.trans, k));
    solver->assert_term(unroller.at(urgent, k));
    for (const Goal& g : goals) {
      if (covered[g.id]) {
        continue;
      }
      solver->push();
      solver->assert_term(unroller.at(g.condition, k));
      if (solver->check(options_.timeout_seconds) == solver::backend::SatResult::Sat) {
        Witness w;
        w.raw = solver::extract_trace(*solver, unroller, ts, k + 1);
        w.first_goal = g.id;
        for (const Goal& h : goals) {
          for (int j = 0; j <= k; ++j) {
            if (solver->value(unroller.at(h.condition, j)) != 0) {
              w.covers.insert(h.id);
              covered[h.id] = true;
              break;
            }
          }
        }
        witnesses.push_back(std::move(w));
      }
      solver->pop();
    }
  }

  // Greedy merge: keep the witnesses that add goals, most goals first.
  std::stable_sort(witnesses.begin(), witnesses.end(), [](const Witness& a, const Witness& b) {
    return a.covers.size() > b.covers.size();
  });
  std::set<int> done;
  solver::Semantics semantics(m);
  solver::TraceChecker checker(semantics);
  std::set<std::string> names;
  for (Witness& w : witnesses) {
    bool adds =
        std::any_of(w.covers.begin(), w.covers.end(), [&](int g) { return done.count(g) == 0; });
    if (!adds) {
      continue;
    }
    auto replay = checker.replay(w.raw);
    if (!replay.ok) {
      throw std::runtime_error("internal error: a test witness did not replay: " + replay.problem);
    }
    TestCase t;
    // Named after what its last step does: "producer_register_returns_ebusy".
    const solver::TraceStep& last = replay.trace.steps.back();
    const spec::Action& act = m.actions[last.input.action];
    std::string what = act.qualified_name();
    if (last.result && act.result) {
      what += " returns " + m.format(act.result, *last.result);
    } else if (!last.events.empty()) {
      what += " " + m.events[last.events.front().event].name;
    }
    std::string base = identifier_from(what);
    t.name = base;
    for (int n = 2; names.count(t.name); ++n) {
      t.name = base + "_" + std::to_string(n);
    }
    names.insert(t.name);
    t.goals.assign(w.covers.begin(), w.covers.end());
    t.trace = std::move(replay.trace);
    done.insert(w.covers.begin(), w.covers.end());
    plan.cases.push_back(std::move(t));
  }
  // Tests run in order of length, shortest first: easier to read.
  std::stable_sort(plan.cases.begin(), plan.cases.end(), [](const TestCase& a, const TestCase& b) {
    return a.trace.length() < b.trace.length();
  });

  // Goals no witness reached: ask Spacer whether anything ever reaches them.
  for (const Goal& g : goals) {
    if (covered[g.id]) {
      continue;
    }
    UnreachedGoal u;
    u.goal = g;
    solver::backend::ChcQuery q{ts.state, ts.next,  ts.inputs,
                                ts.init,  ts.trans, {{g.condition, true}}};
    std::string reason;
    switch (solver::backend::z3_chc(ts.terms, q, options_.timeout_seconds, reason)) {
      case solver::backend::ChcResult::Holds:
        u.proved_unreachable = true;
        u.reason = "no behaviour of the model reaches it (proved)";
        break;
      case solver::backend::ChcResult::Violated:
        u.reason = "reachable, but not within " + std::to_string(options_.bound) + " steps";
        break;
      default:
        u.reason = "not reached within " + std::to_string(options_.bound) +
                   " steps; unreachability not proved (" + reason + ")";
        break;
    }
    plan.unreached.push_back(std::move(u));
  }

  // Reproducers: the check's expected violations, as shortest counterexamples.
  if (options_.counterexamples && !violated.empty()) {
    solver::SmtOptions smt;
    smt.solver = options_.solver;
    smt.limits.timeout_seconds = options_.timeout_seconds;
    solver::Bmc bmc(m, ts, smt);
    bmc.initialize();
    std::vector<solver::ObligationResult> found = bmc.check_until(std::max(options_.bound, 40));
    for (const solver::ObligationResult& r : found) {
      if (r.verdict != solver::Verdict::Violated || !r.trace) {
        continue;
      }
      TestCase t;
      t.name = identifier_from("reproduce " + m.obligations[r.obligation].name);
      t.trace = *r.trace;
      t.expected_failure = r.obligation;
      t.failure = r.failure;
      plan.cases.push_back(std::move(t));
    }
  }
  return plan;
}

}  // namespace codegen
