// SPDX-License-Identifier: GPL-2.0
#include "codegen/observations.h"

#include <map>

#include "solver/semantics.h"

namespace codegen {
namespace {

/// Internal steps can chain; a model whose internal steps never settle is a
/// model of an interrupt storm, and no finite test can check it.
constexpr int kMaxInternalSteps = 64;

struct Branch {
  std::vector<solver::Value> state;
  std::vector<std::string> log;
  bool operator<(const Branch& o) const { return std::tie(state, log) < std::tie(o.state, o.log); }
};

class Runner {
 public:
  Runner(const spec::Model& m, const Binding& b) : m_(m), b_(b), sem_(m) {}

  void append(Branch& br, int action, const solver::StepOutcome& out) const {
    auto it = b_.actions.find(m_.actions[action].qualified_name());
    if (it != b_.actions.end() && !it->second.log.empty()) {
      br.log.push_back(it->second.log);
    }
    for (const solver::EventOccurrence& e : out.events) {
      br.log.push_back(b_.event_line(m_, e.event, e.args));
    }
  }

  /// Every way internal steps can run from `start` until none is enabled.
  bool settle(const Branch& start, std::set<Branch>& out, std::string& problem, int depth = 0) {
    bool any = false;
    for (const spec::Action& a : m_.actions) {
      if (a.input) {
        continue;
      }
      bool ok = true;
      sem_.parameter_tuples(a.id, [&](const std::vector<solver::Value>& params) {
        solver::RuntimeError error;
        auto enabled = sem_.guard(a.id, params, start.state.data(), error);
        if (!enabled || !*enabled) {
          return true;
        }
        sem_.execute(a.id, params, start.state.data(), [&](solver::StepOutcome&& o) {
          if (o.status != solver::StepOutcome::Status::Ok) {
            problem = "an internal step fails: " + o.error.message;
            ok = false;
            return false;
          }
          any = true;
          Branch next{o.post, start.log};
          append(next, a.id, o);
          if (depth + 1 > kMaxInternalSteps) {
            problem = "internal steps do not settle within " + std::to_string(kMaxInternalSteps) +
                      " steps";
            ok = false;
            return false;
          }
          ok = settle(next, out, problem, depth + 1);
          return ok;
        });
        return ok;
      });
      if (!ok) {
        return false;
      }
    }
    if (!any) {
      out.insert(start);
    }
    return true;
  }

  const spec::Model& m_;
  const Binding& b_;
  solver::Semantics sem_;
};

}  // namespace

ObservableRun observable_logs(const spec::Model& model, const Binding& binding,
                              const std::vector<solver::StepInput>& inputs) {
  ObservableRun run;
  Runner r(model, binding);
  std::set<Branch> branches;
  std::string problem;
  bool ok = true;
  r.sem_.initial_states(
      [&](const std::vector<solver::Value>& s) {
        ok = r.settle(Branch{s, {}}, branches, problem);
        return ok;
      },
      [](const std::vector<solver::Value>&, const solver::RuntimeError&) {});
  for (std::size_t i = 0; ok && i < inputs.size(); ++i) {
    const solver::StepInput& in = inputs[i];
    std::set<Branch> next;
    for (const Branch& b : branches) {
      solver::RuntimeError error;
      auto enabled = r.sem_.guard(in.action, in.params, b.state.data(), error);
      if (!enabled || !*enabled) {
        continue;  // this way of settling does not allow the input
      }
      r.sem_.execute(in.action, in.params, b.state.data(), [&](solver::StepOutcome&& o) {
        if (o.status != solver::StepOutcome::Status::Ok) {
          return true;
        }
        Branch after{o.post, b.log};
        r.append(after, in.action, o);
        ok = r.settle(after, next, problem) && ok;
        return ok;
      });
    }
    if (next.empty() && ok) {
      problem = "step " + std::to_string(i + 1) + " (" + model.actions[in.action].qualified_name() +
                ") is not enabled once the internal steps before it have settled";
      ok = false;
    }
    branches = std::move(next);
  }
  run.ok = ok;
  run.problem = problem;
  for (const Branch& b : branches) {
    run.logs.insert(b.log);
  }
  return run;
}

}  // namespace codegen
