// SPDX-License-Identifier: GPL-2.0
#include "codegen/rv_automaton.h"

#include <algorithm>
#include <deque>
#include <set>
#include <sstream>

#include "solver/result.h"
#include "solver/semantics.h"

namespace codegen {
namespace {

using spec::Value;
using State = std::vector<Value>;

/// As many ways through one step as the explicit engine enumerates.
const std::uint64_t kMaxStepPaths = solver::Limits{}.max_step_paths;

/// Where the model can be between two observed events: a state, and the
/// labels of the step being taken that are still to be seen (a step can
/// emit several events).
struct Node {
  State state;
  std::vector<int> pending;
  auto operator<=>(const Node&) const = default;
};
using NodeSet = std::set<Node>;

struct Step {
  std::vector<int> labels;
  State post;
};

class Construction {
 public:
  Construction(const spec::Model& model, const RvOptions& options)
      : model_(model), options_(options), sem_(model) {}
  std::optional<RvAutomaton> run(std::string& error);

 private:
  int label(RvEvent event);
  std::vector<Value> told_apart(const std::vector<Value>& args) const;
  std::string label_name(const std::string& base, const std::vector<spec::Param>& params,
                         const std::vector<Value>& values) const;
  const std::vector<Step>& steps(const State& s);
  NodeSet closure(NodeSet nodes);
  std::map<int, NodeSet> successors(const NodeSet& nodes);
  std::string describe(const NodeSet& nodes) const;

  const spec::Model& model_;
  const RvOptions& options_;
  solver::Semantics sem_;
  std::map<std::string, int> labels_;
  std::vector<RvEvent> label_events_;
  std::map<State, std::vector<Step>> steps_;
  std::string error_;
};

int Construction::label(RvEvent event) {
  auto [it, fresh] = labels_.try_emplace(event.name, static_cast<int>(label_events_.size()));
  if (fresh) {
    label_events_.push_back(std::move(event));
  }
  return it->second;
}

// inject(spurious=true) is inject_spurious_true: a C identifier.
std::string Construction::label_name(const std::string& base,
                                     const std::vector<spec::Param>& params,
                                     const std::vector<Value>& values) const {
  std::string name = base;
  for (std::size_t i = 0; options_.arguments && i < params.size(); ++i) {
    std::string v = model_.format(params[i].type, values[i]);
    std::replace(v.begin(), v.end(), '-', 'm');
    name += "_" + params[i].name + "_" + v;
  }
  return name;
}

std::vector<Value> Construction::told_apart(const std::vector<Value>& args) const {
  return options_.arguments ? args : std::vector<Value>{};
}

const std::vector<Step>& Construction::steps(const State& s) {
  auto inserted = steps_.try_emplace(s);
  std::vector<Step>& out = inserted.first->second;
  if (!inserted.second || !error_.empty()) {
    return out;
  }
  if (steps_.size() > options_.max_model_states) {
    error_ = "the model has more than " + std::to_string(options_.max_model_states) + " states";
  }
  sem_.enabled_steps(
      s.data(),
      [&](const solver::StepInput& in, solver::StepOutcome&& o) {
        if (o.status != solver::StepOutcome::Status::Ok) {
          return true;  // a failing step ends the behaviour: no event follows
        }
        const spec::Action& a = model_.actions[in.action];
        Step step;
        if (options_.actions) {
          step.labels.push_back(label({label_name(a.actor + "_" + a.name, a.params, in.params),
                                       true, a.id, told_apart(in.params)}));
        }
        for (const solver::EventOccurrence& ev : o.events) {
          const spec::Event& decl = model_.events[ev.event];
          step.labels.push_back(label(
              {label_name(decl.name, decl.params, ev.args), false, ev.event, told_apart(ev.args)}));
        }
        step.post = std::move(o.post);
        out.push_back(std::move(step));
        return true;
      },
      [&](int action, std::uint64_t paths) {
        if (paths < kMaxStepPaths) {
          return true;
        }
        error_ = sem_.too_many_ways(action, kMaxStepPaths);
        return false;
      });
  return out;
}

// Adds every node reachable by unseen steps (steps without labels).
NodeSet Construction::closure(NodeSet nodes) {
  std::deque<Node> work(nodes.begin(), nodes.end());
  while (!work.empty() && error_.empty()) {
    Node n = std::move(work.front());
    work.pop_front();
    if (!n.pending.empty()) {
      continue;
    }
    for (const Step& s : steps(n.state)) {
      if (s.labels.empty() && nodes.insert(Node{s.post, {}}).second) {
        work.push_back(Node{s.post, {}});
      }
    }
  }
  return nodes;
}

std::map<int, NodeSet> Construction::successors(const NodeSet& nodes) {
  std::map<int, NodeSet> next;
  for (const Node& n : nodes) {
    if (!n.pending.empty()) {
      next[n.pending.front()].insert(
          Node{n.state, std::vector<int>(n.pending.begin() + 1, n.pending.end())});
      continue;
    }
    for (const Step& s : steps(n.state)) {
      if (!s.labels.empty()) {
        next[s.labels.front()].insert(
            Node{s.post, std::vector<int>(s.labels.begin() + 1, s.labels.end())});
      }
    }
  }
  for (auto& [l, set] : next) {
    set = closure(std::move(set));
  }
  return next;
}

// The values every model state of the automaton state agrees on.
std::string Construction::describe(const NodeSet& nodes) const {
  std::string text;
  for (int slot = 0; slot < model_.slot_count(); ++slot) {
    Value v = nodes.begin()->state[slot];
    bool same =
        std::all_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.state[slot] == v; });
    if (same) {
      text += (text.empty() ? "" : " ") + model_.slots[slot].name + "=" +
              model_.format(model_.slots[slot].type, v);
    }
  }
  return text;
}

/// Moore's partition refinement: the class of each state of the smallest
/// automaton with the same language (every state accepts: a monitor only
/// rejects an event with no transition).
std::vector<int> minimal_classes(const std::vector<std::map<int, int>>& next) {
  std::vector<int> cls(next.size(), 0);
  for (std::size_t count = 1;;) {
    std::map<std::vector<int>, int> signatures;
    std::vector<int> refined(next.size());
    for (std::size_t i = 0; i < next.size(); ++i) {
      std::vector<int> sig{cls[i]};
      for (auto [event, to] : next[i]) {
        sig.insert(sig.end(), {event, cls[to]});
      }
      refined[i] = signatures.try_emplace(sig, static_cast<int>(signatures.size())).first->second;
    }
    cls = std::move(refined);
    if (signatures.size() == count) {
      return cls;
    }
    count = signatures.size();
  }
}

// The subset construction over the observed events.
std::optional<RvAutomaton> Construction::run(std::string& error) {
  NodeSet initial;
  sem_.initial_states(
      [&](const State& s) {
        initial.insert(Node{s, {}});
        return true;
      },
      [](const State&, const solver::RuntimeError&) {});
  std::map<NodeSet, int> index;
  std::vector<NodeSet> sets{closure(std::move(initial))};
  index[sets[0]] = 0;
  std::vector<std::map<int, int>> next;
  for (std::size_t i = 0; i < sets.size() && error_.empty(); ++i) {
    next.emplace_back();
    for (auto& [l, set] : successors(sets[i])) {
      auto [it, fresh] = index.try_emplace(set, static_cast<int>(sets.size()));
      if (fresh) {
        sets.push_back(set);
      }
      next[i][l] = it->second;
    }
    if (sets.size() > options_.max_states) {
      error_ = "the event automaton has more than " + std::to_string(options_.max_states) +
               " states (an RV monitor holds at most 255)";
    }
  }
  if (!error_.empty()) {
    error = error_;
    return std::nullopt;
  }
  // Events in name order, as dot2k numbers them.
  RvAutomaton a;
  a.events = label_events_;
  std::sort(a.events.begin(), a.events.end(),
            [](const RvEvent& x, const RvEvent& y) { return x.name < y.name; });
  std::vector<int> order(label_events_.size());
  for (std::size_t l = 0; l < label_events_.size(); ++l) {
    order[l] = static_cast<int>(
        std::find_if(a.events.begin(), a.events.end(),
                     [&](const RvEvent& e) { return e.name == label_events_[l].name; }) -
        a.events.begin());
  }
  // Classes numbered in order of their first state, so the initial one is s0.
  std::vector<int> cls = minimal_classes(next);
  std::map<int, int> number;
  std::vector<NodeSet> merged;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    auto [it, fresh] = number.try_emplace(cls[i], static_cast<int>(merged.size()));
    if (fresh) {
      merged.emplace_back();
      a.next.emplace_back();
    }
    merged[it->second].insert(sets[i].begin(), sets[i].end());
  }
  for (std::size_t i = 0; i < sets.size(); ++i) {
    for (auto [l, to] : next[i]) {
      a.next[number[cls[i]]][order[l]] = number[cls[to]];
    }
  }
  for (const NodeSet& m : merged) {
    a.states.push_back(describe(m));
  }
  return a;
}

}  // namespace

std::optional<RvAutomaton> rv_automaton(const spec::Model& model, const RvOptions& options,
                                        std::string& error) {
  return Construction(model, options).run(error);
}

// dot2k reads this line by line (tools/verification/dot2/automata.py): the
// `{node` lines first (the invisible __init_ node names the initial state,
// a doublecircle a final one), one line it skips, then the quoted lines:
// labels, and transitions whose label is one word (events split by \n).
std::string rv_dot(const RvAutomaton& a) {
  std::ostringstream out;
  auto name = [](std::size_t i) { return "\"s" + std::to_string(i) + "\""; };
  out << "digraph state_automaton {\n";
  out << "\t{node [shape = plaintext, style=invis, label=\"\"] \"__init_s0\"};\n";
  out << "\t{node [shape = doublecircle] " << name(0) << "};\n";
  for (std::size_t i = 0; i < a.states.size(); ++i) {
    out << "\t{node [shape = circle] " << name(i) << "};\n";
  }
  out << "\t\"__init_s0\" -> " << name(0) << ";\n";
  for (std::size_t i = 0; i < a.states.size(); ++i) {
    out << "\t" << name(i) << " [label = \"s" << i << "\\n" << a.states[i] << "\"];\n";
    std::map<int, std::vector<int>> by_target;
    for (auto [event, to] : a.next[i]) {
      by_target[to].push_back(event);
    }
    for (const auto& [to, events] : by_target) {
      out << "\t" << name(i) << " -> " << name(to) << " [ label = \"";
      for (std::size_t k = 0; k < events.size(); ++k) {
        out << (k ? "\\n" : "") << a.events[events[k]].name;
      }
      out << "\" ];\n";
    }
  }
  out << "\t{ rank = min ;\n\t\t\"__init_s0\";\n\t\t" << name(0) << ";\n\t}\n}\n";
  return out.str();
}

}  // namespace codegen
