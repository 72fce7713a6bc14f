// SPDX-License-Identifier: GPL-2.0
#include "solver/trace_membership.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "solver/clock.h"
#include "solver/trace_checker.h"
#include "solver/trace_view.h"

namespace solver {
namespace {

constexpr std::size_t kShownCandidates = 8;
constexpr std::size_t kProbedCandidates = 64;
constexpr std::size_t kShownNext = 12;

struct StateHash {
  std::size_t operator()(const std::vector<Value>& s) const {
    std::size_t h = 1469598103934665603ull;
    for (Value v : s) {
      h = (h ^ static_cast<std::size_t>(v)) * 1099511628211ull;
    }
    return h;
  }
};

/// A state the model can be in after some observations, and how it got there.
struct Node {
  std::vector<Value> state;
  int parent = -1;  // -1: an initial state
  StepInput input;  // the step from the parent
};

/// An observable label of a step: its action, or one of its events.
struct Label {
  bool is_event = false;
  int id = -1;
  const std::vector<Value>* args = nullptr;
};

bool args_match(const std::vector<std::optional<Value>>& want, const std::vector<Value>& got) {
  if (want.empty()) {
    return true;
  }
  if (want.size() != got.size()) {
    return false;
  }
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] && *want[i] != got[i]) {
      return false;
    }
  }
  return true;
}

bool state_matches(const std::vector<SlotValue>& want, const std::vector<Value>& state) {
  return std::all_of(want.begin(), want.end(),
                     [&](const SlotValue& sv) { return state[sv.first] == sv.second; });
}

bool label_matches(const Observation& o, const Label& l) {
  if (l.is_event ? o.event != l.id : (o.event || (o.action && *o.action != l.id))) {
    return false;
  }
  return args_match(o.args, *l.args);
}

/// Whether one whole step matches a step-wise observation.
bool step_matches(const Observation& o, const StepInput& in, const StepOutcome& out) {
  bool failed = out.status == StepOutcome::Status::Error;
  if (failed != o.failed.value_or(false)) {
    return false;
  }
  if ((o.action && *o.action != in.action) || !args_match(o.args, in.params)) {
    return false;
  }
  if ((o.result_observed && o.result != out.result) || (o.events && *o.events != out.events)) {
    return false;
  }
  if (o.choices && *o.choices != out.choices) {
    return false;
  }
  return failed || state_matches(o.state, out.post);
}

class Search {
 public:
  Search(const Semantics& semantics, const RecordedTrace& trace, const MembershipLimits& limits)
      : sem_(semantics),
        model_(semantics.model()),
        trace_(trace),
        limits_(limits),
        deadline_(Deadline::in(limits.timeout_seconds)),
        buckets_(trace.observations.size() + 1) {}

  Membership run();

 private:
  using Bucket = std::unordered_map<std::vector<Value>, int, StateHash>;
  bool add(std::size_t bucket, std::vector<Value> state, int parent, const StepInput& in);
  void add_initial_states();
  /// Every step from `node`; `on_step` gets each outcome and returns false to stop.
  bool steps_from(int node, const Semantics::StepVisit& on_step);
  bool expand(std::size_t bucket, int node);
  std::optional<std::size_t> consumed(std::size_t bucket, const StepInput& in,
                                      const StepOutcome& out) const;
  std::vector<Label> labels(const StepInput& in, const StepOutcome& out) const;
  bool out_of_budget();
  std::string describe(const Label& l) const;
  void explain_failure(std::size_t bucket, Membership& m);
  std::string difference(int node, const Observation& o);
  std::string events_text(const std::vector<EventOccurrence>& events) const;
  std::optional<Trace> path_to(int node, Membership& m) const;

  const Semantics& sem_;
  const spec::Model& model_;
  const RecordedTrace& trace_;
  const MembershipLimits& limits_;
  Deadline deadline_;
  std::vector<Node> nodes_;
  std::vector<Bucket> buckets_;
  std::vector<std::vector<int>> members_;  // bucket -> its nodes, in order of arrival
  std::string stop_reason_;
};

bool Search::out_of_budget() {
  if (!stop_reason_.empty()) {
    return true;
  }
  if (deadline_.passed()) {
    stop_reason_ = deadline_.why();
  } else if (nodes_.size() >= limits_.max_states) {
    stop_reason_ = "state limit of " + std::to_string(limits_.max_states) + " states reached";
  }
  return !stop_reason_.empty();
}

bool Search::add(std::size_t bucket, std::vector<Value> state, int parent, const StepInput& in) {
  auto [it, fresh] = buckets_[bucket].try_emplace(state, static_cast<int>(nodes_.size()));
  if (fresh) {
    nodes_.push_back({std::move(state), parent, in});
    members_[bucket].push_back(it->second);
  }
  return !out_of_budget();
}

void Search::add_initial_states() {
  sem_.initial_states(
      [&](const std::vector<Value>& s) {
        return !state_matches(trace_.initial, s) || add(0, s, -1, {});
      },
      [](const std::vector<Value>&, const RuntimeError&) {});
}

bool Search::steps_from(int node, const Semantics::StepVisit& on_step) {
  const std::vector<Value> state = nodes_[node].state;  // nodes_ grows meanwhile
  return sem_.enabled_steps(state.data(), on_step, [&](int action, std::uint64_t paths) {
    if (paths >= limits_.max_step_paths) {
      stop_reason_ = sem_.too_many_ways(action, limits_.max_step_paths);
    }
    return !out_of_budget();
  });
}

std::vector<Label> Search::labels(const StepInput& in, const StepOutcome& out) const {
  std::vector<Label> l;
  if (trace_.observable_actions[in.action]) {
    l.push_back({false, in.action, &in.params});
  }
  for (const EventOccurrence& e : out.events) {
    if (trace_.observable_events[e.event]) {
      l.push_back({true, e.event, &e.args});
    }
  }
  return l;
}

// How many observations from `bucket` on the step accounts for (0: it
// happens unseen), or nullopt if it contradicts the recording.
std::optional<std::size_t> Search::consumed(std::size_t bucket, const StepInput& in,
                                            const StepOutcome& out) const {
  const std::vector<Observation>& obs = trace_.observations;
  if (trace_.kind == RecordedTrace::Kind::Steps) {
    return bucket < obs.size() && step_matches(obs[bucket], in, out) ? std::optional<std::size_t>(1)
                                                                     : std::nullopt;
  }
  if (out.status == StepOutcome::Status::Error) {
    return std::nullopt;  // a failing step ends the behaviour: nothing can follow it
  }
  std::vector<Label> seen = labels(in, out);
  // A recording can stop in the middle of a step that shows several labels.
  std::size_t n = std::min(seen.size(), obs.size() - bucket);
  for (std::size_t k = 0; k < n; ++k) {
    if (!label_matches(obs[bucket + k], seen[k])) {
      return std::nullopt;
    }
  }
  // The last label of a step carries the state after it, when a recording has one.
  if (n > 0 && n == seen.size() && !state_matches(obs[bucket + n - 1].state, out.post)) {
    return std::nullopt;
  }
  return n;
}

bool Search::expand(std::size_t bucket, int node) {
  return steps_from(node, [&](const StepInput& in, StepOutcome&& out) {
    std::optional<std::size_t> n = consumed(bucket, in, out);
    return !n || add(bucket + *n, std::move(out.post), node, in);
  });
}

std::string Search::describe(const Label& l) const {
  return l.is_event
             ? call_text(model_, model_.events[l.id].name, model_.events[l.id].params, *l.args)
             : call_text(model_, model_.actions[l.id].qualified_name(), model_.actions[l.id].params,
                         *l.args);
}

std::optional<Trace> Search::path_to(int node, Membership& m) const {
  RawTrace raw;
  for (int n = node; n >= 0; n = nodes_[n].parent) {
    if (nodes_[n].parent < 0) {
      raw.initial = nodes_[n].state;
    } else {
      raw.steps.push_back(nodes_[n].input);
    }
  }
  std::reverse(raw.steps.begin(), raw.steps.end());
  TraceChecker::Replay replay = TraceChecker(sem_).replay(raw);
  if (!replay.ok) {
    m.answer = Membership::Answer::Unknown;
    m.reason = "internal error: the explaining behaviour did not replay: " + replay.problem;
    return std::nullopt;
  }
  return std::move(replay.trace);
}

std::string Search::events_text(const std::vector<EventOccurrence>& events) const {
  std::string s;
  for (const EventOccurrence& e : events) {
    s += (s.empty() ? "" : ", ") + describe({true, e.event, &e.args});
  }
  return s.empty() ? "none" : s;
}

// What the model's step of the observed action does differently from the
// recorded one (the first difference of its first way).
std::string Search::difference(int node, const Observation& o) {
  if (!o.action) {
    return "";
  }
  std::string call;
  std::string why;
  steps_from(node, [&](const StepInput& in, StepOutcome&& out) {
    if (in.action != *o.action || !args_match(o.args, in.params)) {
      return true;
    }
    call = describe({false, in.action, &in.params});
    if (o.events && *o.events != out.events) {
      why =
          "emits " + events_text(out.events) + " where the recording has " + events_text(*o.events);
    } else if (o.result_observed && o.result != out.result) {
      why = "returns something else than the recording says";
    } else if (o.choices && *o.choices != out.choices) {
      why = "cannot choose the values the recording gives";
    } else {
      for (const SlotValue& sv : o.state) {
        if (out.post[sv.first] != sv.second) {
          const spec::Slot& slot = model_.slots[sv.first];
          why = "leaves " + slot.name + "=" + model_.format(slot.type, out.post[sv.first]) +
                " where the recording has " + model_.format(slot.type, sv.second);
          break;
        }
      }
    }
    return why.empty();
  });
  if (call.empty()) {
    return model_.actions[*o.action].qualified_name() + " is not enabled there" +
           (o.args.empty() ? "" : " with the recorded arguments");
  }
  return why.empty() ? "" : "there, " + call + " " + why;
}

// The states of `bucket` are where the model can be before observation
// `bucket`; what could it have shown next from (a few of) them?
void Search::explain_failure(std::size_t bucket, Membership& m) {
  m.candidate_count = members_[bucket].size();
  std::set<std::string> next;
  for (std::size_t i = 0; i < members_[bucket].size() && i < kProbedCandidates; ++i) {
    int node = members_[bucket][i];
    if (i < kShownCandidates) {
      m.candidates.push_back(nodes_[node].state);
    }
    steps_from(node, [&](const StepInput& in, StepOutcome&& out) {
      std::vector<Label> seen = trace_.kind == RecordedTrace::Kind::Steps
                                    ? std::vector<Label>{{false, in.action, &in.params}}
                                    : labels(in, out);
      if (!seen.empty()) {
        next.insert(describe(seen.front()));
      }
      return next.size() < kShownNext;
    });
  }
  m.could_be_next.assign(next.begin(), next.end());
  if (trace_.kind == RecordedTrace::Kind::Steps) {
    m.difference = difference(members_[bucket].front(), trace_.observations[bucket]);
  }
  m.witness = path_to(members_[bucket].front(), m);
}

Membership Search::run() {
  Membership m;
  members_.resize(buckets_.size());
  add_initial_states();
  std::size_t last = 0;  // the last bucket reached
  for (std::size_t b = 0; b < buckets_.size() && stop_reason_.empty(); ++b) {
    if (members_[b].empty()) {
      continue;
    }
    last = b;
    if (b + 1 == buckets_.size()) {
      break;  // everything is explained: what comes after does not matter
    }
    // Unseen steps add to this bucket while it is expanded.
    for (std::size_t i = 0; i < members_[b].size() && stop_reason_.empty(); ++i) {
      expand(b, members_[b][i]);
    }
  }
  m.states = nodes_.size();
  if (!stop_reason_.empty()) {
    m.reason = stop_reason_;
    return m;
  }
  if (members_[0].empty()) {
    m.answer = Membership::Answer::NotExplained;
    m.reason = "no initial state of the model matches the recording's";
    return m;
  }
  m.explained = static_cast<int>(last);
  if (last + 1 == buckets_.size()) {
    m.answer = Membership::Answer::Explained;
    m.witness = path_to(members_[last].front(), m);
    return m;
  }
  m.answer = Membership::Answer::NotExplained;
  explain_failure(last, m);
  return m;
}

}  // namespace

Membership check_membership(const Semantics& semantics, const RecordedTrace& trace,
                            const MembershipLimits& limits) {
  return Search(semantics, trace, limits).run();
}

}  // namespace solver
