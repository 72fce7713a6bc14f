// SPDX-License-Identifier: GPL-2.0
#include "solver/semantics.h"

#include "spec/arith.h"

namespace solver {

using spec::Expr;
using spec::ExprKind;
using spec::Stmt;
using spec::StmtKind;

namespace {

/// Thrown out of evaluation on a failed assert or run-time error; caught at
/// the step (or formula) boundary. Errors are rare, so exceptions cost nothing
/// on the normal path.
struct Failure {
  RuntimeError error;
};

}  // namespace

struct Semantics::Context {
  const Value* state = nullptr;
  Value* frame = nullptr;
  const StepView* step = nullptr;
  const Value* old_monitors = nullptr;
  const Value* new_monitors = nullptr;
  bool initial = false;
  int runtime_obligation = -1;
};

struct Semantics::Execution {
  std::vector<Value> state;
  std::vector<Value> frame;
  std::vector<EventOccurrence> events;
  std::optional<Value> result;
  bool returned = false;
  bool broke = false;
  bool left_proc = false;  // a procedure's `return` is leaving its inlined body
  bool blocked = false;    // a `choose` had no value, or a replayed choice was not allowed
  // Choice control: either forced indices (enumeration) or forced values (replay).
  const std::vector<int>* forced_indices = nullptr;
  const std::vector<Value>* forced_values = nullptr;
  std::vector<std::vector<Value>> alternatives;
  std::vector<int> picked;
  std::vector<Value> chosen;
  Context ctx;
};

Semantics::Semantics(const spec::Model& model) : model_(model) {}

std::string Semantics::format_slot(int slot, Value v) const {
  return model_.format(model_.slots[slot].type, v);
}

Value Semantics::element_slot(const Expr* e, Context& ctx) const {
  Value offset = e->slot;
  const spec::Type* t = model_.vars[e->target].type;
  for (const Expr* index : e->kids) {
    Value v = eval(index, ctx);
    offset += (v - t->index->lo) * static_cast<Value>(t->element->slot_count());
    t = t->element;
  }
  return offset;
}

Value Semantics::eval(const Expr* e, Context& ctx) const {
  switch (e->kind) {
    case ExprKind::Literal:
      return e->value;
    case ExprKind::StateVar:
      return ctx.state[e->slot];
    case ExprKind::StateElement:
      return ctx.state[element_slot(e, ctx)];
    case ExprKind::Local:
      return ctx.frame[e->slot];
    case ExprKind::Forall:
    case ExprKind::Exists:
    case ExprKind::Count:
    case ExprKind::Sum:
      return eval_quantifier(e, ctx);
    case ExprKind::RangeCheck: {
      Value v = eval(e->kids[0], ctx);
      if (v < e->type->lo || v > e->type->hi) {
        throw Failure{{ctx.runtime_obligation,
                       e->message + " (the value is " + std::to_string(v) + ")", e->loc}};
      }
      return v;
    }
    case ExprKind::Prev:
      return ctx.initial ? 0 : ctx.old_monitors[e->monitor];
    case ExprKind::Once:
    case ExprKind::Historically:
    case ExprKind::Since:
      return ctx.new_monitors[e->monitor];
    case ExprKind::Happens:
      return happens(e, ctx);
    case ExprKind::Did:
      return did(e, ctx);
    case ExprKind::Returned:
      return returned(e, ctx);
    default:
      return eval_operator(e, ctx);
  }
}

// C's operators, with && || -> ?: short-circuiting.
Value Semantics::eval_operator(const Expr* e, Context& ctx) const {
  auto k = [&](std::size_t i) { return eval(e->kids[i], ctx); };
  switch (e->kind) {
    case ExprKind::Not:
      return !k(0);
    case ExprKind::Neg:
      return -k(0);
    case ExprKind::And:
      return k(0) && k(1);
    case ExprKind::Or:
      return k(0) || k(1);
    case ExprKind::Implies:
      return !k(0) || k(1);
    case ExprKind::Iff:
    case ExprKind::Eq:
      return k(0) == k(1);
    case ExprKind::Ne:
      return k(0) != k(1);
    case ExprKind::Lt:
      return k(0) < k(1);
    case ExprKind::Le:
      return k(0) <= k(1);
    case ExprKind::Gt:
      return k(0) > k(1);
    case ExprKind::Ge:
      return k(0) >= k(1);
    case ExprKind::Add:
      return k(0) + k(1);
    case ExprKind::Sub:
      return k(0) - k(1);
    case ExprKind::Mul:
      return k(0) * k(1);
    case ExprKind::Div:
    case ExprKind::Mod: {
      Value a = k(0);
      Value b = k(1);
      auto r = e->kind == ExprKind::Div ? spec::arith::div(a, b) : spec::arith::mod(a, b);
      if (!r) {
        throw Failure{{ctx.runtime_obligation, "division by zero", e->loc}};
      }
      return *r;
    }
    case ExprKind::Ite:
      return k(0) ? k(1) : k(2);
    default:
      return 0;
  }
}

// forall and exists stop at the first value that decides them.
Value Semantics::eval_quantifier(const Expr* e, Context& ctx) const {
  Value total = 0;
  for (Value v = e->domain->lo; v <= e->domain->hi; ++v) {
    ctx.frame[e->slot] = v;
    Value body = eval(e->kids[0], ctx);
    if (e->kind == ExprKind::Forall && !body) {
      return 0;
    }
    if (e->kind == ExprKind::Exists && body) {
      return 1;
    }
    total += e->kind == ExprKind::Count ? (body != 0) : body;
  }
  return e->kind == ExprKind::Forall ? 1 : e->kind == ExprKind::Exists ? 0 : total;
}

Value Semantics::happens(const Expr* e, Context& ctx) const {
  if (ctx.step == nullptr) {
    return 0;
  }
  for (const EventOccurrence& occ : *ctx.step->events) {
    if (occ.event != e->target) {
      continue;
    }
    bool match = true;
    for (std::size_t i = 0; i < e->kids.size() && match; ++i) {
      match = e->kids[i] == nullptr || eval(e->kids[i], ctx) == occ.args[i];
    }
    if (match) {
      return 1;
    }
  }
  return 0;
}

Value Semantics::did(const Expr* e, Context& ctx) const {
  if (ctx.step == nullptr || ctx.step->input->action != e->target) {
    return 0;
  }
  for (std::size_t i = 0; i < e->kids.size(); ++i) {
    if (e->kids[i] != nullptr && eval(e->kids[i], ctx) != ctx.step->input->params[i]) {
      return 0;
    }
  }
  return 1;
}

Value Semantics::returned(const Expr* e, Context& ctx) const {
  if (ctx.step == nullptr || !ctx.step->result) {
    return 0;
  }
  const spec::Type* rt = model_.actions[ctx.step->input->action].result;
  if (!spec::TypeTable::compatible(e->kids[0]->type, rt)) {
    return 0;
  }
  return eval(e->kids[0], ctx) == *ctx.step->result;
}

// -------------------------------------------------------------- statements

void Semantics::assign(const Stmt& s, Execution& ex) const {
  const spec::StateVar& var = model_.vars[s.target.var];
  Value offset = var.first_slot;
  const spec::Type* t = var.type;
  for (const Expr* index : s.target.indices) {
    Value v = eval(index, ex.ctx);
    offset += (v - t->index->lo) * static_cast<Value>(t->element->slot_count());
    t = t->element;
  }
  Value value = eval(s.value, ex.ctx);
  Value count = static_cast<Value>(t->slot_count());
  for (Value i = 0; i < count; ++i) {
    ex.state[offset + i] = value;
  }
}

bool Semantics::run_block(const std::vector<Stmt>& body, Execution& ex) const {
  for (const Stmt& s : body) {
    if (!run(s, ex)) {
      return false;
    }
  }
  return true;
}

// False when the statement ends the block: a return, a break, a choose
// without a value, a procedure's return (each says which in `ex`).
bool Semantics::run(const Stmt& s, Execution& ex) const {
  switch (s.kind) {
    case StmtKind::Assign:
      assign(s, ex);
      return true;
    case StmtKind::Let:
      ex.frame[s.slot] = eval(s.value, ex.ctx);
      return true;
    case StmtKind::If:
      return run_block(eval(s.cond, ex.ctx) ? s.body : s.else_body, ex);
    case StmtKind::For:
      return run_loop(s, ex);
    case StmtKind::Break:
      ex.broke = true;
      return false;
    case StmtKind::Choose:
      return run_choose(s, ex);
    case StmtKind::Emit: {
      EventOccurrence occ;
      occ.event = s.event;
      for (const Expr* a : s.args) {
        occ.args.push_back(eval(a, ex.ctx));
      }
      ex.events.push_back(std::move(occ));
      return true;
    }
    case StmtKind::Return:
      if (s.value != nullptr) {
        ex.result = eval(s.value, ex.ctx);
      }
      ex.returned = true;
      return false;
    case StmtKind::Assert:
      if (!eval(s.cond, ex.ctx)) {
        throw Failure{{s.obligation, s.message, s.loc}};
      }
      return true;
    case StmtKind::Call:
      return run_call(s, ex);
    case StmtKind::ProcReturn:
      if (s.value != nullptr) {
        Value v = eval(s.value, ex.ctx);
        if (s.slot >= 0) {
          ex.frame[s.slot] = v;
        }
      }
      ex.left_proc = true;
      return false;
  }
  return true;
}

bool Semantics::run_loop(const Stmt& s, Execution& ex) const {
  for (Value v = s.domain->lo; v <= s.domain->hi; ++v) {
    ex.frame[s.slot] = v;
    if (s.cond != nullptr && !eval(s.cond, ex.ctx)) {
      continue;
    }
    if (!run_block(s.body, ex)) {
      if (!ex.broke) {
        return false;
      }
      ex.broke = false;
      break;
    }
  }
  return true;
}

bool Semantics::run_call(const Stmt& s, Execution& ex) const {
  if (run_block(s.body, ex)) {
    return true;
  }
  if (!ex.left_proc) {
    return false;  // the action returned, broke off or blocked
  }
  ex.left_proc = false;
  return true;
}

// Enumeration forces the index of the value taken at each choose; replay
// forces the value itself.
bool Semantics::run_choose(const Stmt& s, Execution& ex) const {
  std::vector<Value> values;
  for (Value v = s.domain->lo; v <= s.domain->hi; ++v) {
    ex.frame[s.slot] = v;
    if (s.cond == nullptr || eval(s.cond, ex.ctx)) {
      values.push_back(v);
    }
  }
  std::size_t point = ex.picked.size();
  int index = 0;
  if (ex.forced_values != nullptr) {
    auto it = point < ex.forced_values->size()
                  ? std::find(values.begin(), values.end(), (*ex.forced_values)[point])
                  : values.end();
    if (it == values.end()) {
      ex.blocked = true;
      return false;
    }
    index = static_cast<int>(it - values.begin());
  } else if (ex.forced_indices != nullptr && point < ex.forced_indices->size()) {
    index = (*ex.forced_indices)[point];
  }
  if (values.empty()) {
    ex.blocked = true;
    return false;
  }
  ex.frame[s.slot] = values[index];
  ex.chosen.push_back(values[index]);
  ex.picked.push_back(index);
  ex.alternatives.push_back(std::move(values));
  return true;
}

// ------------------------------------------------------------------- steps

std::optional<bool> Semantics::guard(int action, const std::vector<Value>& params,
                                     const Value* state, RuntimeError& error) const {
  const spec::Action& a = model_.actions[action];
  if (a.guard == nullptr) {
    return true;
  }
  std::vector<Value>& frame = guard_frame_;
  frame.assign(std::max(a.frame_size, 1), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    frame[a.params[i].slot] = params[i];
  }
  Context ctx;
  ctx.state = state;
  ctx.frame = frame.data();
  ctx.runtime_obligation = model_.runtime_obligation;
  try {
    return eval(a.guard, ctx) != 0;
  } catch (const Failure& f) {
    error = f.error;
    error.message = "in the guard of " + a.qualified_name() + ": " + error.message;
    return std::nullopt;
  }
}

// Resets `ex` to the start of the action's body from `state`.
void Semantics::start_execution(const spec::Action& a, const std::vector<Value>& params,
                                const Value* state, Execution& ex) const {
  ex.events.clear();
  ex.result.reset();
  ex.returned = ex.broke = ex.left_proc = ex.blocked = false;
  ex.alternatives.clear();
  ex.picked.clear();
  ex.chosen.clear();
  ex.state.assign(state, state + model_.slot_count());
  ex.frame.assign(std::max(a.frame_size, 1), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    ex.frame[a.params[i].slot] = params[i];
  }
  ex.ctx.state = ex.state.data();
  ex.ctx.frame = ex.frame.data();
  ex.ctx.runtime_obligation = model_.runtime_obligation;
}

bool Semantics::execute(int action, const std::vector<Value>& params, const Value* state,
                        const std::function<bool(StepOutcome&&)>& visit,
                        const PathPoll& poll) const {
  const spec::Action& a = model_.actions[action];
  std::vector<int> prefix;
  Execution ex;
  for (std::uint64_t paths = 1;; ++paths) {
    StepOutcome out;
    start_execution(a, params, state, ex);
    ex.forced_indices = &prefix;
    try {
      run_block(a.body, ex);
    } catch (const Failure& f) {
      out.status = StepOutcome::Status::Error;
      out.error = f.error;
    }
    if (!ex.blocked || out.status == StepOutcome::Status::Error) {
      out.post = ex.state;
      out.events = ex.events;
      out.result = ex.result;
      out.choices = ex.chosen;
      if (!visit(std::move(out))) {
        return false;
      }
    }
    if (!next_choice_prefix(ex, prefix)) {
      return true;
    }
    if (poll && paths % kPollPaths == 0 && !poll(paths)) {
      return false;
    }
  }
}

// Advances the deepest choice point of the last way through that has
// another value; false when every way has been taken.
bool Semantics::next_choice_prefix(const Execution& ex, std::vector<int>& prefix) {
  int i = static_cast<int>(ex.picked.size()) - 1;
  while (i >= 0 && ex.picked[i] + 1 >= static_cast<int>(ex.alternatives[i].size())) {
    --i;
  }
  if (i < 0) {
    return false;
  }
  prefix.assign(ex.picked.begin(), ex.picked.begin() + i);
  prefix.push_back(ex.picked[i] + 1);
  return true;
}

bool Semantics::enabled_steps(const Value* state, const StepVisit& visit,
                              const StepPoll& poll) const {
  bool go = true;
  for (const spec::Action& a : model_.actions) {
    parameter_tuples(a.id, [&](const std::vector<Value>& params) {
      RuntimeError error;
      std::optional<bool> enabled = guard(a.id, params, state, error);
      if (enabled && *enabled) {
        StepInput in{a.id, params, {}};
        PathPoll action_poll;
        if (poll) {
          action_poll = [&](std::uint64_t paths) { return poll(a.id, paths); };
        }
        go = execute(
            a.id, params, state,
            [&](StepOutcome&& out) {
              in.choices = out.choices;
              return visit(in, std::move(out));
            },
            action_poll);
      }
      return go;
    });
    if (!go) {
      return false;
    }
  }
  return true;
}

std::string Semantics::too_many_ways(int action, std::uint64_t limit) const {
  return "a step of " + model_.actions[action].qualified_name() + " has more than " +
         std::to_string(limit) + " ways through its choose statements";
}

std::optional<StepOutcome> Semantics::replay_step(const StepInput& input,
                                                  const Value* state) const {
  if (input.action < 0 || input.action >= static_cast<int>(model_.actions.size())) {
    return std::nullopt;
  }
  const spec::Action& a = model_.actions[input.action];
  if (input.params.size() != a.params.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < input.params.size(); ++i) {
    if (input.params[i] < a.params[i].type->lo || input.params[i] > a.params[i].type->hi) {
      return std::nullopt;
    }
  }
  StepOutcome out;
  RuntimeError error;
  auto enabled = guard(input.action, input.params, state, error);
  if (!enabled) {
    out.status = StepOutcome::Status::Error;
    out.error = error;
    out.post.assign(state, state + model_.slot_count());
    return out;
  }
  if (!*enabled) {
    return std::nullopt;
  }
  Execution ex;
  start_execution(a, input.params, state, ex);
  ex.forced_values = &input.choices;
  try {
    run_block(a.body, ex);
  } catch (const Failure& f) {
    out.status = StepOutcome::Status::Error;
    out.error = f.error;
  }
  if (ex.blocked && out.status == StepOutcome::Status::Ok) {
    return std::nullopt;
  }
  if (ex.chosen.size() != input.choices.size() && out.status == StepOutcome::Status::Ok) {
    return std::nullopt;  // more choices were given than the step makes
  }
  out.post = std::move(ex.state);
  out.events = std::move(ex.events);
  out.result = ex.result;
  out.choices = ex.chosen;
  return out;
}

// ---------------------------------------------------------- initial states

void Semantics::initial_states(
    const std::function<bool(const std::vector<Value>&)>& visit,
    const std::function<void(const std::vector<Value>&, const RuntimeError&)>& on_error) const {
  std::vector<Value> state(model_.slot_count(), 0);
  std::vector<int> free_slots;
  for (const spec::StateVar& var : model_.vars) {
    int count = static_cast<int>(var.type->slot_count());
    for (int i = 0; i < count; ++i) {
      int slot = var.first_slot + i;
      if (var.init != nullptr) {
        Context ctx;
        ctx.state = state.data();
        ctx.runtime_obligation = model_.runtime_obligation;
        try {
          state[slot] = eval(var.init, ctx);
        } catch (const Failure& f) {
          on_error(state, f.error);
          return;
        }
      } else {
        free_slots.push_back(slot);
        state[slot] = model_.slots[slot].type->lo;
      }
    }
  }
  std::vector<Value> frame(std::max(model_.init_frame_size, 1), 0);
  while (true) {
    bool ok = true;
    Context ctx;
    ctx.state = state.data();
    ctx.frame = frame.data();
    ctx.runtime_obligation = model_.runtime_obligation;
    try {
      for (const Expr* c : model_.inits) {
        if (!eval(c, ctx)) {
          ok = false;
          break;
        }
      }
    } catch (const Failure&) {
      // A constraint that cannot be evaluated for a candidate (say, a
      // division by zero) does not admit it: the state is not initial.
      ok = false;
    }
    if (ok && !visit(state)) {
      return;
    }
    // Odometer over the free slots, last slot fastest.
    int i = static_cast<int>(free_slots.size()) - 1;
    while (i >= 0) {
      int slot = free_slots[i];
      if (state[slot] < model_.slots[slot].type->hi) {
        ++state[slot];
        break;
      }
      state[slot] = model_.slots[slot].type->lo;
      --i;
    }
    if (i < 0) {
      return;
    }
  }
}

void Semantics::parameter_tuples(
    int action, const std::function<bool(const std::vector<Value>&)>& visit) const {
  const spec::Action& a = model_.actions[action];
  std::vector<Value> params;
  for (const spec::Param& p : a.params) {
    params.push_back(p.type->lo);
  }
  while (true) {
    if (!visit(params)) {
      return;
    }
    int i = static_cast<int>(params.size()) - 1;
    while (i >= 0) {
      if (params[i] < a.params[i].type->hi) {
        ++params[i];
        break;
      }
      params[i] = a.params[i].type->lo;
      --i;
    }
    if (i < 0) {
      return;
    }
  }
}

// ------------------------------------------------------------- obligations

std::optional<bool> Semantics::invariant(int obligation, const Value* state,
                                         RuntimeError& error) const {
  const spec::Obligation& o = model_.obligations[obligation];
  std::vector<Value>& frame = formula_frame_;
  frame.assign(std::max(o.frame_size, 1), 0);
  Context ctx;
  ctx.state = state;
  ctx.frame = frame.data();
  ctx.runtime_obligation = obligation;
  try {
    return eval(o.formula, ctx) != 0;
  } catch (const Failure& f) {
    error = f.error;
    error.obligation = obligation;
    return std::nullopt;
  }
}

std::optional<bool> Semantics::property(int obligation, const Value* state, const StepView* step,
                                        const Value* old_monitors, Value* new_monitors,
                                        RuntimeError& error) const {
  const spec::Obligation& o = model_.obligations[obligation];
  std::vector<Value>& frame = formula_frame_;
  frame.assign(std::max(o.frame_size, 1), 0);
  Context ctx;
  ctx.state = state;
  ctx.frame = frame.data();
  ctx.step = step;
  ctx.old_monitors = old_monitors;
  ctx.new_monitors = new_monitors;
  ctx.initial = old_monitors == nullptr;
  ctx.runtime_obligation = obligation;
  try {
    // Monitors first, operands before the operators that use them.
    for (std::size_t m = 0; m < o.monitors.size(); ++m) {
      const spec::Monitor& mon = o.monitors[m];
      Value now = 0;
      switch (mon.kind) {
        case ExprKind::Prev:
          now = eval(mon.operand, ctx);
          break;
        case ExprKind::Once:
          now = eval(mon.operand, ctx) || (!ctx.initial && old_monitors[m]);
          break;
        case ExprKind::Historically:
          now = eval(mon.operand, ctx) && (ctx.initial || old_monitors[m]);
          break;
        case ExprKind::Since:
          now =
              eval(mon.trigger, ctx) || (!ctx.initial && eval(mon.operand, ctx) && old_monitors[m]);
          break;
        default:
          break;
      }
      new_monitors[m] = now;
    }
    return eval(o.formula, ctx) != 0;
  } catch (const Failure& f) {
    error = f.error;
    error.obligation = obligation;
    return std::nullopt;
  }
}

}  // namespace solver
