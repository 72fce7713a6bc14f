// SPDX-License-Identifier: GPL-2.0
#include "codegen/planner.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "solver/engines/invariant_search.h"
#include "solver/lowering.h"
#include "solver/trace_checker.h"

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

/// "producer.register returns EBUSY": what a test's last step does.
std::string last_step_summary(const spec::Model& m, const solver::Trace& trace) {
  const solver::TraceStep& last = trace.steps.back();
  const spec::Action& act = m.actions[last.input.action];
  std::string what = act.qualified_name();
  if (last.result && act.result) {
    what += " returns " + m.format(act.result, *last.result);
  } else if (!last.events.empty()) {
    what += " " + m.events[last.events.front().event].name;
  }
  return what;
}

std::string unique_name(const std::string& base, std::set<std::string>& names) {
  std::string name = base;
  for (int n = 2; names.count(name); ++n) {
    name = base + "_" + std::to_string(n);
  }
  names.insert(name);
  return name;
}

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
  plan.goals = derive_goals(m, ts);
  solver::EngineOptions engine;
  engine.solver = options_.solver;
  engine.limits.timeout_seconds = options_.timeout_seconds;
  std::vector<bool> covered(plan.goals.size(), false);
  std::vector<solver::Bmc::Witness> witnesses = find_witnesses(ts, plan.goals, engine);
  for (const solver::Bmc::Witness& w : witnesses) {
    for (int g : w.covers) {
      covered[g] = true;
    }
  }
  plan.cases = merge_witnesses(m, witnesses);
  for (const Goal& g : plan.goals) {
    if (!covered[g.id]) {
      plan.unreached.push_back(explain_unreached(ts, g, engine));
    }
  }
  if (options_.counterexamples && !violated.empty()) {
    add_reproducers(m, ts, engine, plan);
  }
  return plan;
}

std::vector<solver::Bmc::Witness> Planner::find_witnesses(const solver::TransitionSystem& ts,
                                                          const std::vector<Goal>& goals,
                                                          const solver::EngineOptions& engine) {
  std::vector<solver::Term> conditions;
  for (const Goal& g : goals) {
    conditions.push_back(g.condition);
  }
  solver::Term urgent =
      options_.internal_first ? internal_first_constraint(*model_, ts) : ts.terms->mk_true();
  solver::Bmc bmc(*model_, ts, engine);
  bmc.initialize();
  return bmc.cover(conditions, options_.bound, urgent);
}

// Greedy merge: keep the witnesses that add goals, most goals first; tests
// run in order of length, shortest first (easier to read).
std::vector<TestCase> Planner::merge_witnesses(const spec::Model& m,
                                               std::vector<solver::Bmc::Witness>& witnesses) {
  std::stable_sort(witnesses.begin(), witnesses.end(),
                   [](const auto& a, const auto& b) { return a.covers.size() > b.covers.size(); });
  std::vector<TestCase> cases;
  std::set<int> done;
  solver::Semantics semantics(m);
  solver::TraceChecker checker(semantics);
  std::set<std::string> names;
  for (solver::Bmc::Witness& w : witnesses) {
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
    t.name = unique_name(identifier_from(last_step_summary(m, replay.trace)), names);
    t.goals.assign(w.covers.begin(), w.covers.end());
    t.trace = std::move(replay.trace);
    done.insert(w.covers.begin(), w.covers.end());
    cases.push_back(std::move(t));
  }
  std::stable_sort(cases.begin(), cases.end(), [](const TestCase& a, const TestCase& b) {
    return a.trace.length() < b.trace.length();
  });
  return cases;
}

// A goal no witness reached: does anything ever reach it?
UnreachedGoal Planner::explain_unreached(const solver::TransitionSystem& ts, const Goal& g,
                                         const solver::EngineOptions& engine) {
  UnreachedGoal u;
  u.goal = g;
  std::string reason;
  switch (solver::InvariantSearch(*model_, ts, engine).reachability(g.condition, reason)) {
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
  return u;
}

// Reproducers: the check's expected violations, as shortest counterexamples.
void Planner::add_reproducers(const spec::Model& m, const solver::TransitionSystem& ts,
                              const solver::EngineOptions& engine, TestPlan& plan) {
  solver::Bmc bmc(m, ts, engine);
  bmc.initialize();
  for (const solver::ObligationResult& r : bmc.check_until(std::max(options_.bound, 40))) {
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

}  // namespace codegen
