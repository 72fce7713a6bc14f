// SPDX-License-Identifier: GPL-2.0
#include "solver/explicit_engine.h"

#include <chrono>

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
      explore({obligations[i]}, results, {static_cast<int>(i)});
    } else {
      base.push_back(obligations[i]);
      base_index.push_back(static_cast<int>(i));
    }
  }
  if (!base.empty()) {
    explore(base, results, base_index);
  }
  return results;
}

void ExplicitEngine::explore(const std::vector<int>& group, std::vector<ObligationResult>& results,
                             const std::vector<int>& result_index) {
  const Clock::time_point start = Clock::now();
  const int slots = model_.slot_count();
  // Only a group of one property carries monitors.
  const spec::Obligation* monitored =
      group.size() == 1 && model_.obligations[group[0]].needs_monitors()
          ? &model_.obligations[group[0]]
          : nullptr;
  const int monitors = monitored ? static_cast<int>(monitored->monitors.size()) : 0;
  const int width = std::max(1, slots + monitors);

  StateStore store(width);
  std::vector<Origin> origins;
  InputArena inputs;
  TraceChecker checker(semantics_);

  // Per obligation of the group: found violation (raw trace) or not.
  std::vector<int> position(model_.obligations.size(), -1);  // obligation -> index in group
  bool has_properties = false;
  for (std::size_t i = 0; i < group.size(); ++i) {
    position[group[i]] = static_cast<int>(i);
    has_properties =
        has_properties || model_.obligations[group[i]].kind == spec::ObligationKind::Property;
  }
  std::vector<std::optional<RawTrace>> found(group.size());
  std::size_t open = group.size();

  auto path_to = [&](std::uint32_t index) {
    RawTrace raw;
    std::vector<StepInput> steps;
    while (origins[index].parent != UINT32_MAX) {
      steps.push_back(inputs.get(origins[index].input));
      index = origins[index].parent;
    }
    const std::int32_t* s = store.get(index);
    raw.initial.assign(s, s + slots);
    raw.steps.assign(steps.rbegin(), steps.rend());
    return raw;
  };
  auto record = [&](int obligation, RawTrace raw) {
    if (obligation < 0 || position[obligation] < 0 || found[position[obligation]]) {
      return;
    }
    found[position[obligation]] = std::move(raw);
    --open;
  };

  std::vector<std::int32_t> packed(width, 0);
  std::vector<Value> new_monitors(std::max(monitors, 1), 0);
  std::vector<Value> old_monitors(std::max(monitors, 1), 0);

  // Checks every obligation of the group at one position; returns false when
  // the monitored property could not be evaluated (its monitors are unusable).
  // Invariants depend on the state alone, so they are checked once per new
  // state; properties depend on the step too and are checked per transition.
  auto check_invariants = [&](const std::vector<Value>& state,
                              const std::function<RawTrace()>& path) {
    for (int o : group) {
      const spec::Obligation& ob = model_.obligations[o];
      if (ob.kind != spec::ObligationKind::Invariant || found[position[o]]) {
        continue;
      }
      RuntimeError error;
      std::optional<bool> holds = semantics_.invariant(o, state.data(), error);
      if (!holds || !*holds) {
        record(o, path());
      }
    }
  };
  auto check_position = [&](const std::vector<Value>& state, const StepView* step,
                            const Value* old_m, const std::function<RawTrace()>& path) {
    for (int o : group) {
      if (found[position[o]]) {
        if (&model_.obligations[o] == monitored) {
          // Still needed: compute monitors for the successor state.
          RuntimeError error;
          semantics_.property(o, state.data(), step, old_m, new_monitors.data(), error);
        }
        continue;
      }
      const spec::Obligation& ob = model_.obligations[o];
      if (ob.kind != spec::ObligationKind::Property) {
        continue;  // invariants: check_invariants; assertions fail in steps
      }
      RuntimeError error;
      std::optional<bool> holds =
          semantics_.property(o, state.data(), step, old_m, new_monitors.data(), error);
      if (!holds || !*holds) {
        record(o, path());
      }
    }
  };

  // Bookkeeping for verdicts.
  int depth_done = -1;  // every position at depth <= depth_done has been checked
  bool exhausted = false;
  std::string stop_reason;
  bool timed_out = false;
  std::uint64_t expansions = 0;
  auto out_of_budget = [&]() -> bool {
    if (limits_.timeout_seconds > 0 && (++expansions & 63) == 0 &&
        seconds_since(start) > limits_.timeout_seconds) {
      timed_out = true;
      stop_reason = "timeout after " + seconds_text(limits_.timeout_seconds);
      return true;
    }
    if (store.size() >= limits_.max_states) {
      stop_reason = "state limit of " + std::to_string(limits_.max_states) + " states reached";
      return true;
    }
    if ((store.size() & 1023) == 0 &&
        store.memory_bytes() + inputs.memory_bytes() + origins.capacity() * sizeof(Origin) >
            limits_.max_memory_bytes) {
      stop_reason =
          "memory limit of " + std::to_string(limits_.max_memory_bytes >> 20) + " MiB reached";
      return true;
    }
    return false;
  };

  // ---- initial states
  bool stopped = false;
  semantics_.initial_states(
      [&](const std::vector<Value>& s) {
        for (int i = 0; i < slots; ++i) {
          packed[i] = static_cast<std::int32_t>(s[i]);
        }
        check_position(s, nullptr, nullptr, [&] { return RawTrace{s, {}}; });
        for (int m = 0; m < monitors; ++m) {
          packed[slots + m] = static_cast<std::int32_t>(new_monitors[m]);
        }
        auto [index, inserted] = store.insert(packed.data());
        if (inserted) {
          origins.push_back({});
          check_invariants(s, [&] { return RawTrace{s, {}}; });
        }
        if (out_of_budget()) {
          stopped = true;
          return false;
        }
        return true;
      },
      [&](const std::vector<Value>& s, const RuntimeError& error) {
        if (error.obligation >= 0) {
          record(error.obligation, RawTrace{s, {}});
        }
      });
  if (!stopped) {
    depth_done = 0;
  }

  // Parameter tuples per action, computed once.
  std::vector<std::vector<std::vector<Value>>> tuples(model_.actions.size());
  for (std::size_t a = 0; a < model_.actions.size(); ++a) {
    semantics_.parameter_tuples(static_cast<int>(a), [&](const std::vector<Value>& p) {
      tuples[a].push_back(p);
      return true;
    });
  }

  // ---- breadth-first, one level at a time
  std::uint32_t level_begin = 0;
  std::uint32_t level_end = store.size();
  int depth = 0;
  std::vector<Value> state(slots);
  while (!stopped && open > 0) {
    if (level_begin == level_end) {
      exhausted = true;
      break;
    }
    if (limits_.depth && depth >= *limits_.depth) {
      stop_reason = "depth limit " + std::to_string(*limits_.depth) + " reached";
      break;
    }
    for (std::uint32_t current = level_begin; current < level_end && !stopped; ++current) {
      const std::int32_t* cur = store.get(current);
      for (int i = 0; i < slots; ++i) {
        state[i] = cur[i];
      }
      for (int m = 0; m < monitors; ++m) {
        old_monitors[m] = cur[slots + m];
      }
      for (std::size_t a = 0; a < model_.actions.size() && !stopped; ++a) {
        for (const std::vector<Value>& params : tuples[a]) {
          RuntimeError error;
          auto enabled = semantics_.guard(static_cast<int>(a), params, state.data(), error);
          StepInput in;
          in.action = static_cast<int>(a);
          in.params = params;
          if (!enabled) {
            RawTrace raw = path_to(current);
            raw.steps.push_back(in);
            record(error.obligation, std::move(raw));
            continue;
          }
          if (!*enabled) {
            continue;
          }
          semantics_.execute(static_cast<int>(a), params, state.data(), [&](StepOutcome&& out) {
            in.choices = out.choices;
            if (out.status == StepOutcome::Status::Error) {
              RawTrace raw = path_to(current);
              raw.steps.push_back(in);
              record(out.error.obligation, std::move(raw));
              return true;
            }
            if (has_properties) {
              StepView view{&in, &out.events, out.result};
              check_position(out.post, &view, old_monitors.data(), [&] {
                RawTrace raw = path_to(current);
                raw.steps.push_back(in);
                return raw;
              });
            }
            for (int i = 0; i < slots; ++i) {
              packed[i] = static_cast<std::int32_t>(out.post[i]);
            }
            for (int m = 0; m < monitors; ++m) {
              packed[slots + m] = static_cast<std::int32_t>(new_monitors[m]);
            }
            // (Not a structured binding: clang 14 cannot capture one in a lambda.)
            std::pair<std::uint32_t, bool> added = store.insert(packed.data());
            std::uint32_t index = added.first;
            if (added.second) {
              origins.push_back({current, inputs.add(in)});
              check_invariants(out.post, [&] { return path_to(index); });
            }
            if (out_of_budget()) {
              stopped = true;
              return false;
            }
            return true;
          });
          if (stopped) {
            break;
          }
        }
      }
    }
    if (stopped) {
      break;
    }
    ++depth;
    depth_done = depth;
    level_begin = level_end;
    level_end = store.size();
  }

  // ---- verdicts
  double elapsed = seconds_since(start);
  for (std::size_t i = 0; i < group.size(); ++i) {
    ObligationResult& r = results[result_index[i]];
    r.seconds = elapsed;
    r.states = store.size();
    if (found[i]) {
      auto replay = checker.replay_violation(*found[i], group[i]);
      if (!replay.ok) {
        r.verdict = Verdict::Unknown;
        r.internal_error = true;
        r.reason = "internal error: the counterexample did not replay: " + replay.problem;
        continue;
      }
      r.verdict = Verdict::Violated;
      r.depth = replay.trace.length();
      r.failure = replay.failure;
      r.trace = std::move(replay.trace);
    } else if (exhausted) {
      r.verdict = Verdict::Proved;
      r.depth = depth;
    } else if (timed_out || depth_done < 0) {
      r.verdict = Verdict::Unknown;
      r.depth = std::max(depth_done, 0);
      r.reason = stop_reason.empty() ? "stopped" : stop_reason;
    } else {
      r.verdict = Verdict::Bounded;
      r.depth = depth_done;
      r.reason = stop_reason;
    }
  }
}

}  // namespace solver
