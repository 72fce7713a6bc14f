// SPDX-License-Identifier: GPL-2.0
#include "solver/engines/explicit.h"

#include <chrono>
#include <functional>

#include "solver/progress.h"
#include "solver/state_store.h"
#include "solver/trace_checker.h"

namespace solver {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// How a stored state was reached: its parent and the step from there.
struct Origin {
  std::uint32_t parent = UINT32_MAX;  // UINT32_MAX: an initial state
  std::uint32_t input = 0;            // index into the input arena
};

/// Step inputs, stored flat: action, #params, params..., #choices, choices...
class InputArena {
 public:
  std::uint32_t add(const StepInput& in) {
    auto at = static_cast<std::uint32_t>(data_.size());
    data_.push_back(in.action);
    data_.push_back(static_cast<std::int64_t>(in.params.size()));
    data_.insert(data_.end(), in.params.begin(), in.params.end());
    data_.push_back(static_cast<std::int64_t>(in.choices.size()));
    data_.insert(data_.end(), in.choices.begin(), in.choices.end());
    return at;
  }
  StepInput get(std::uint32_t at) const {
    StepInput in;
    in.action = static_cast<int>(data_[at]);
    auto np = static_cast<std::size_t>(data_[at + 1]);
    in.params.assign(data_.begin() + at + 2, data_.begin() + at + 2 + np);
    auto nc = static_cast<std::size_t>(data_[at + 2 + np]);
    in.choices.assign(data_.begin() + at + 3 + np, data_.begin() + at + 3 + np + nc);
    return in;
  }
  std::uint64_t memory_bytes() const { return data_.capacity() * sizeof(std::int64_t); }

 private:
  std::vector<std::int64_t> data_;
};

/// One breadth-first exploration for a group of obligations. Invariants
/// depend on the state alone, so they are checked once per new state;
/// properties depend on the step too and are checked per transition.
class Exploration {
 public:
  Exploration(const spec::Model& model, const Semantics& semantics, const Limits& limits,
              const std::vector<int>& group);
  /// Explores and fills one result per obligation of the group.
  void run(std::vector<ObligationResult>& results, const std::vector<int>& result_index);

 private:
  using PathFn = std::function<RawTrace()>;
  RawTrace path_to(std::uint32_t index) const;
  bool still_open(int obligation) const;
  void record(int obligation, RawTrace raw);
  void check_invariants(const std::vector<Value>& state, const PathFn& path);
  void check_properties(const std::vector<Value>& state, const StepView* step,
                        const Value* old_monitors, const PathFn& path);
  bool out_of_budget();
  bool step_out_of_budget(int action, std::uint64_t paths);
  /// Stores `state` (with the monitors just computed); true if it is new.
  std::pair<std::uint32_t, bool> store(const std::vector<Value>& state);
  void explore_initial_states();
  void expand(std::uint32_t current);
  bool expand_step(std::uint32_t current, const StepInput& base, StepOutcome&& out);
  void explore_levels();
  void verdict(std::size_t i, ObligationResult& r);

  const spec::Model& model_;
  const Semantics& semantics_;
  const Limits& limits_;
  const std::vector<int>& group_;
  const spec::Obligation* monitored_;  // only a group of one property carries monitors
  int slots_;
  int monitors_;
  Clock::time_point start_ = Clock::now();
  Deadline deadline_;
  StateStore store_;
  std::vector<Origin> origins_;
  InputArena inputs_;
  std::vector<int> position_;  // obligation -> index in group, or -1
  bool has_properties_ = false;
  std::vector<std::optional<RawTrace>> found_;
  std::size_t open_;
  std::vector<std::int32_t> packed_;
  std::vector<Value> new_monitors_;
  std::vector<Value> old_monitors_;
  std::vector<Value> state_;
  std::vector<std::vector<std::vector<Value>>> tuples_;  // per action: its parameter tuples
  int depth_ = 0;
  int depth_done_ = -1;  // every position at depth <= depth_done_ has been checked
  bool exhausted_ = false;
  bool stopped_ = false;
  bool cut_short_ = false;  // stopped in the middle of a depth: `unknown`
  std::string stop_reason_;
  std::uint64_t expansions_ = 0;
};

Exploration::Exploration(const spec::Model& model, const Semantics& semantics, const Limits& limits,
                         const std::vector<int>& group)
    : model_(model),
      semantics_(semantics),
      limits_(limits),
      group_(group),
      monitored_(group.size() == 1 && model.obligations[group[0]].needs_monitors()
                     ? &model.obligations[group[0]]
                     : nullptr),
      slots_(model.slot_count()),
      monitors_(monitored_ ? static_cast<int>(monitored_->monitors.size()) : 0),
      store_(std::max(1, slots_ + monitors_)),
      position_(model.obligations.size(), -1),
      found_(group.size()),
      open_(group.size()),
      packed_(std::max(1, slots_ + monitors_), 0),
      new_monitors_(std::max(monitors_, 1), 0),
      old_monitors_(std::max(monitors_, 1), 0),
      state_(slots_),
      tuples_(model.actions.size()) {
  deadline_ = Deadline::in(limits.timeout_seconds);
  for (std::size_t i = 0; i < group.size(); ++i) {
    position_[group[i]] = static_cast<int>(i);
    has_properties_ =
        has_properties_ || model.obligations[group[i]].kind == spec::ObligationKind::Property;
  }
  for (std::size_t a = 0; a < model.actions.size(); ++a) {
    semantics.parameter_tuples(static_cast<int>(a), [&](const std::vector<Value>& p) {
      tuples_[a].push_back(p);
      return true;
    });
  }
}

RawTrace Exploration::path_to(std::uint32_t index) const {
  RawTrace raw;
  std::vector<StepInput> steps;
  while (origins_[index].parent != UINT32_MAX) {
    steps.push_back(inputs_.get(origins_[index].input));
    index = origins_[index].parent;
  }
  const std::int32_t* s = store_.get(index);
  raw.initial.assign(s, s + slots_);
  raw.steps.assign(steps.rbegin(), steps.rend());
  return raw;
}

bool Exploration::still_open(int obligation) const {
  return obligation >= 0 && position_[obligation] >= 0 && !found_[position_[obligation]];
}

void Exploration::record(int obligation, RawTrace raw) {
  if (!still_open(obligation)) {
    return;
  }
  found_[position_[obligation]] = std::move(raw);
  --open_;
}

void Exploration::check_invariants(const std::vector<Value>& state, const PathFn& path) {
  for (int o : group_) {
    if (model_.obligations[o].kind != spec::ObligationKind::Invariant || found_[position_[o]]) {
      continue;
    }
    RuntimeError error;
    std::optional<bool> holds = semantics_.invariant(o, state.data(), error);
    if (!holds || !*holds) {
      record(o, path());
    }
  }
}

void Exploration::check_properties(const std::vector<Value>& state, const StepView* step,
                                   const Value* old_monitors, const PathFn& path) {
  for (int o : group_) {
    const spec::Obligation& ob = model_.obligations[o];
    bool found = found_[position_[o]].has_value();
    if (ob.kind != spec::ObligationKind::Property || (found && &ob != monitored_)) {
      continue;  // invariants: check_invariants; assertions fail in steps
    }
    RuntimeError error;
    // A found property still computes the monitors of the successor state.
    std::optional<bool> holds =
        semantics_.property(o, state.data(), step, old_monitors, new_monitors_.data(), error);
    if (!found && (!holds || !*holds)) {
      record(o, path());
    }
  }
}

bool Exploration::out_of_budget() {
  // A timeout, and a stop of the whole process, leave the depth being
  // explored half done: `unknown`, where the limits below give `bounded`.
  if ((++expansions_ & 63) == 0 && deadline_.passed()) {
    cut_short_ = true;
    stop_reason_ = deadline_.why();
    return true;
  }
  if (store_.size() >= limits_.max_states) {
    stop_reason_ = "state limit of " + std::to_string(limits_.max_states) + " states reached";
    return true;
  }
  std::uint64_t bytes =
      store_.memory_bytes() + inputs_.memory_bytes() + origins_.capacity() * sizeof(Origin);
  if ((store_.size() & 1023) == 0 && bytes > limits_.max_memory_bytes) {
    stop_reason_ = "its state store reached the memory limit of " +
                   std::to_string(limits_.max_memory_bytes >> 20) + " MiB (--memory-limit)";
    return true;
  }
  return false;
}

// Within one step: its choose statements (in loops, say) can have more ways
// through than the whole state space has states, most of them blocked.
bool Exploration::step_out_of_budget(int action, std::uint64_t paths) {
  if (deadline_.passed()) {
    stop_reason_ = deadline_.why();
  } else if (paths >= limits_.max_step_paths) {
    stop_reason_ = semantics_.too_many_ways(action, limits_.max_step_paths) +
                   ", too many to enumerate (the SMT engines take them symbolically: --engine "
                   "kind)";
  } else {
    return false;
  }
  cut_short_ = true;
  stopped_ = true;
  return true;
}

std::pair<std::uint32_t, bool> Exploration::store(const std::vector<Value>& state) {
  for (int i = 0; i < slots_; ++i) {
    packed_[i] = static_cast<std::int32_t>(state[i]);
  }
  for (int m = 0; m < monitors_; ++m) {
    packed_[slots_ + m] = static_cast<std::int32_t>(new_monitors_[m]);
  }
  return store_.insert(packed_.data());
}

void Exploration::explore_initial_states() {
  semantics_.initial_states(
      [&](const std::vector<Value>& s) {
        PathFn initial = [&] { return RawTrace{s, {}}; };
        check_properties(s, nullptr, nullptr, initial);
        if (store(s).second) {
          origins_.push_back({});
          check_invariants(s, initial);
        }
        stopped_ = out_of_budget();
        return !stopped_;
      },
      [&](const std::vector<Value>& s, const RuntimeError& error) {
        if (error.obligation >= 0) {
          record(error.obligation, RawTrace{s, {}});
        }
      });
  if (!stopped_) {
    depth_done_ = 0;
  }
}

/// One outcome of a step from `current`; false when the search must stop.
bool Exploration::expand_step(std::uint32_t current, const StepInput& base, StepOutcome&& out) {
  StepInput in = base;
  in.choices = out.choices;
  PathFn path = [&] {
    RawTrace raw = path_to(current);
    raw.steps.push_back(in);
    return raw;
  };
  if (out.status == StepOutcome::Status::Error) {
    if (still_open(out.error.obligation)) {
      record(out.error.obligation, path());
    }
    stopped_ = out_of_budget();
    return !stopped_;
  }
  if (has_properties_) {
    StepView view{&in, &out.events, out.result};
    check_properties(out.post, &view, old_monitors_.data(), path);
  }
  std::pair<std::uint32_t, bool> added = store(out.post);
  if (added.second) {
    origins_.push_back({current, inputs_.add(in)});
    std::uint32_t index = added.first;
    check_invariants(out.post, [&] { return path_to(index); });
  }
  stopped_ = out_of_budget();
  return !stopped_;
}

void Exploration::expand(std::uint32_t current) {
  const std::int32_t* cur = store_.get(current);
  std::copy(cur, cur + slots_, state_.begin());
  std::copy(cur + slots_, cur + slots_ + monitors_, old_monitors_.begin());
  for (std::size_t a = 0; a < model_.actions.size() && !stopped_; ++a) {
    for (const std::vector<Value>& params : tuples_[a]) {
      RuntimeError error;
      auto enabled = semantics_.guard(static_cast<int>(a), params, state_.data(), error);
      StepInput in{static_cast<int>(a), params, {}};
      if (!enabled) {
        RawTrace raw = path_to(current);
        raw.steps.push_back(in);
        record(error.obligation, std::move(raw));
        continue;
      }
      if (*enabled) {
        semantics_.execute(
            static_cast<int>(a), params, state_.data(),
            [&](StepOutcome&& out) { return expand_step(current, in, std::move(out)); },
            [&](std::uint64_t paths) { return !step_out_of_budget(static_cast<int>(a), paths); });
      }
      if (stopped_) {
        return;
      }
    }
  }
}

void Exploration::explore_levels() {
  std::uint32_t level_begin = 0;
  std::uint32_t level_end = store_.size();
  while (!stopped_ && open_ > 0) {
    if (level_begin == level_end) {
      exhausted_ = true;
      return;
    }
    if (limits_.depth && depth_ >= *limits_.depth) {
      stop_reason_ = "depth limit " + std::to_string(*limits_.depth) + " reached";
      return;
    }
    for (std::uint32_t current = level_begin; current < level_end && !stopped_; ++current) {
      expand(current);
    }
    if (stopped_) {
      return;
    }
    depth_done_ = ++depth_;
    report_progress(
        limits_.progress, "explicit",
        "depth " + std::to_string(depth_) + ", " + std::to_string(store_.size()) + " states");
    level_begin = level_end;
    level_end = store_.size();
  }
}

void Exploration::verdict(std::size_t i, ObligationResult& r) {
  r.seconds = seconds_since(start_);
  r.states = store_.size();
  if (found_[i]) {
    TraceChecker::Replay replay = TraceChecker(semantics_).replay_violation(*found_[i], group_[i]);
    if (!replay.ok) {
      r.verdict = Verdict::Unknown;
      r.internal_error = true;
      r.reason = "internal error: the counterexample did not replay: " + replay.problem;
      return;
    }
    r.verdict = Verdict::Violated;
    r.depth = replay.trace.length();
    r.failure = replay.failure;
    r.trace = std::move(replay.trace);
  } else if (exhausted_) {
    r.verdict = Verdict::Proved;
    r.depth = depth_;
  } else if (cut_short_ || depth_done_ < 0) {
    r.verdict = Verdict::Unknown;
    r.depth = std::max(depth_done_, 0);
    r.reason = stop_reason_.empty() ? "stopped" : stop_reason_;
  } else {
    r.verdict = Verdict::Bounded;
    r.depth = depth_done_;
    r.reason = stop_reason_;
  }
}

void Exploration::run(std::vector<ObligationResult>& results,
                      const std::vector<int>& result_index) {
  explore_initial_states();
  explore_levels();
  for (std::size_t i = 0; i < group_.size(); ++i) {
    verdict(i, results[result_index[i]]);
  }
}

}  // namespace

ExplicitEngine::ExplicitEngine(const spec::Model& model, const Limits& limits)
    : model_(model), limits_(limits), semantics_(model) {}

std::vector<ObligationResult> ExplicitEngine::run(const std::vector<int>& obligations) {
  std::vector<ObligationResult> results(obligations.size());
  std::vector<int> base;
  std::vector<int> base_index;
  for (std::size_t i = 0; i < obligations.size(); ++i) {
    results[i].obligation = obligations[i];
    results[i].engine = "explicit";
    if (model_.obligations[obligations[i]].needs_monitors()) {
      std::vector<int> one{obligations[i]};
      Exploration(model_, semantics_, limits_, one).run(results, {static_cast<int>(i)});
    } else {
      base.push_back(obligations[i]);
      base_index.push_back(static_cast<int>(i));
    }
  }
  if (!base.empty()) {
    Exploration(model_, semantics_, limits_, base).run(results, base_index);
  }
  return results;
}

std::vector<ObligationResult> ExplicitSearch::check_until(int bound) {
  std::vector<int> ids;
  for (const ObligationTerms& o : ts_.obligations) {
    ids.push_back(o.obligation);
  }
  Limits limits = options_.limits;
  limits.depth = bound;
  return ExplicitEngine(model_, limits).run(ids);
}

}  // namespace solver
