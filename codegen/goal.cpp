// SPDX-License-Identifier: GPL-2.0
#include "codegen/goal.h"

#include <algorithm>

namespace codegen {

std::vector<Goal> derive_goals(const spec::Model& model, const solver::TransitionSystem& ts) {
  std::vector<Goal> goals;
  solver::smt::TermManager& tm = *ts.terms;
  auto add = [&](GoalKind kind, int action, std::string what, solver::Term condition) {
    Goal g;
    g.id = static_cast<int>(goals.size());
    g.kind = kind;
    g.action = action;
    g.description = model.actions[action].qualified_name() + ": " + std::move(what);
    g.condition = condition;
    goals.push_back(std::move(g));
  };
  for (const spec::Action& a : model.actions) {
    const solver::ActionInputs& in = ts.actions[a.id];
    solver::Term step = tm.mk_and(in.selected, in.complete);
    add(GoalKind::Action, a.id, "completes", step);
    // A statement inside an unrolled loop has one site per iteration: one
    // goal for all of them.
    std::vector<std::pair<std::string, std::vector<solver::Term>>> sites;
    for (const solver::CoverageSite& site : ts.coverage) {
      if (site.action != a.id) {
        continue;
      }
      auto it = std::find_if(sites.begin(), sites.end(),
                             [&](const auto& s) { return s.first == site.what; });
      if (it == sites.end()) {
        sites.push_back({site.what, {site.executed}});
      } else {
        it->second.push_back(site.executed);
      }
    }
    for (const auto& [what, executed] : sites) {
      add(GoalKind::Site, a.id, what, tm.mk_and(in.selected, tm.mk_or(executed)));
    }
    // Pairs of events one step can emit together: the order of callbacks is
    // only tested when both happen in the same call.
    std::vector<std::pair<std::string, solver::Term>> emits;
    for (const auto& [what, executed] : sites) {
      if (what.rfind("emit ", 0) == 0) {
        emits.push_back({what.substr(5), tm.mk_or(executed)});
      }
    }
    for (std::size_t i = 0; i < emits.size(); ++i) {
      for (std::size_t j = i + 1; j < emits.size(); ++j) {
        add(GoalKind::Site, a.id, "emits " + emits[i].first + " and " + emits[j].first,
            tm.mk_and({in.selected, emits[i].second, emits[j].second}));
      }
    }
    // Every value of an enum or bool result; integer results by their ends.
    if (a.result != nullptr && in.result != 0) {
      std::vector<spec::Value> values;
      if (a.result->is_int()) {
        values = {a.result->lo, a.result->hi};
      } else {
        for (spec::Value v = a.result->lo; v <= a.result->hi; ++v) {
          values.push_back(v);
        }
      }
      for (spec::Value v : values) {
        solver::Term value = a.result->is_bool() ? tm.mk_bool(v != 0) : tm.mk_bv(v, ts.bv_width);
        add(GoalKind::Result, a.id, "returns " + model.format(a.result, v),
            tm.mk_and(step, tm.mk_eq(in.result, value)));
      }
    }
  }
  // The model's own `cover` declarations.
  for (const solver::CoverTerms& c : ts.covers) {
    add(GoalKind::Cover, c.action, "cover " + model.covers[c.cover].name, c.condition);
  }
  return goals;
}

}  // namespace codegen
