// SPDX-License-Identifier: GPL-2.0
// Lowering of action bodies: statements over a symbolic execution state
// (the paths still alive, the state and frame as terms, the errors, events,
// choices and coverage sites of the step).

#include "solver/lowering/lowerer.h"

namespace solver::lowering {

void Lowerer::decision_sites(const Expr* cond, Env& env, Term reached, const std::string& where,
                             spec::SourceLoc loc, std::vector<CoverageSite>& sites) {
  // A worklist instead of recursion over nested chains (a && (b || c)).
  struct Chain {
    const Expr* expr;
    Term reached;
    std::string where;
  };
  std::vector<Chain> work{{cond, reached, where}};
  while (!work.empty()) {
    Chain chain = work.back();
    work.pop_back();
    const Expr* c = chain.expr;
    if (c == nullptr || (c->kind != ExprKind::Or && c->kind != ExprKind::And)) {
      continue;
    }
    ExprKind kind = c->kind;
    std::vector<const Expr*> operands;
    std::vector<const Expr*> stack{c};
    while (!stack.empty()) {
      const Expr* e = stack.back();
      stack.pop_back();
      if (e->kind == kind) {
        stack.push_back(e->kids[1]);
        stack.push_back(e->kids[0]);
      } else {
        operands.push_back(e);
      }
    }
    std::vector<Term> values;
    for (const Expr* op : operands) {
      values.push_back(expr(op, env).value);
    }
    bool is_or = kind == ExprKind::Or;
    for (std::size_t i = 0; i < values.size(); ++i) {
      // The other operands hold the values that make operand i decide.
      std::vector<Term> context{chain.reached};
      for (std::size_t j = 0; j < values.size(); ++j) {
        if (j != i) {
          context.push_back(is_or ? tm_.mk_not(values[j]) : values[j]);
        }
      }
      Term decisive = tm_.mk_and(context);
      std::string name = chain.where + ": condition " + std::to_string(i + 1) + " of " +
                         std::to_string(values.size());
      sites.push_back({-1, name + (is_or ? " alone true" : " alone false"), loc,
                       tm_.mk_and(decisive, is_or ? values[i] : tm_.mk_not(values[i]))});
      work.push_back({operands[i], decisive, name});
    }
  }
}

void Lowerer::fail(Exec& ex, int obligation, Term condition) {
  Term& slot = ex.errors[obligation];
  slot = slot == 0 ? condition : tm_.mk_or(slot, condition);
  ex.alive = tm_.mk_and(ex.alive, tm_.mk_not(condition));
}

void Lowerer::assign(const Stmt& s, Exec& ex) {
  const spec::StateVar& var = m_.vars[s.target.var];
  Env env{&ex.state, &ex.frame};
  std::vector<Term> indices, errors;
  for (const Expr* i : s.target.indices) {
    Lowered x = expr(i, env);
    indices.push_back(x.value);
    errors.push_back(x.error);
  }
  Lowered value = expr(s.value, env);
  errors.push_back(value.error);
  fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, tm_.mk_or(errors)));
  // Every slot the target may denote is written under "this slot is meant".
  struct Block {
    std::int64_t offset;
    Term meant;
  };
  std::vector<Block> blocks{{var.first_slot, ex.alive}};
  const spec::Type* t = var.type;
  for (Term index : indices) {
    std::int64_t stride = static_cast<std::int64_t>(t->element->slot_count());
    std::vector<Block> next;
    // A known index writes one element (an out-of-range one writes none).
    spec::Value lo = t->index->lo, hi = t->index->hi;
    if (tm_.is_const(index)) {
      lo = std::max(lo, tm_.const_value(index));
      hi = std::min(hi, tm_.const_value(index));
    }
    for (const Block& b : blocks) {
      for (spec::Value v = lo; v <= hi; ++v) {
        next.push_back({b.offset + (v - t->index->lo) * stride,
                        tm_.mk_and(b.meant, tm_.mk_eq(index, constant(t->index, v)))});
      }
    }
    blocks.swap(next);
    t = t->element;
  }
  std::int64_t count = static_cast<std::int64_t>(t->slot_count());
  for (const Block& b : blocks) {
    for (std::int64_t i = 0; i < count; ++i) {
      Term& slot = ex.state[b.offset + i];
      slot = tm_.mk_ite(b.meant, value.value, slot);
    }
  }
}

void Lowerer::exec_block(const std::vector<Stmt>& body, Exec& ex) {
  for (const Stmt& s : body) {
    if (ex.alive == tm_.mk_false()) {
      return;  // nothing below is reachable on any path
    }
    exec(s, ex);
  }
}

void Lowerer::exec(const Stmt& s, Exec& ex) {
  switch (s.kind) {
    case StmtKind::Assign:
      return assign(s, ex);
    case StmtKind::Let:
      return let(s, ex);
    case StmtKind::If:
      return branch(s, ex);
    case StmtKind::For:
      return loop(s, ex);
    case StmtKind::Break:
      ex.break_stack.back() = tm_.mk_or(ex.break_stack.back(), ex.alive);
      ex.alive = tm_.mk_false();
      return;
    case StmtKind::Choose:
      return choose(s, ex);
    case StmtKind::Emit:
      return emit(s, ex);
    case StmtKind::Return:
      return give_result(s, ex);
    case StmtKind::Call:
      return call(s, ex);
    case StmtKind::ProcReturn:
      return proc_return(s, ex);
    case StmtKind::Assert:
      return check_assert(s, ex);
  }
}

void Lowerer::let(const Stmt& s, Exec& ex) {
  Env env{&ex.state, &ex.frame};
  Lowered v = expr(s.value, env);
  fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, v.error));
  ex.frame[s.slot] = v.value;
}

void Lowerer::branch(const Stmt& s, Exec& ex) {
  Env env{&ex.state, &ex.frame};
  Lowered c = expr(s.cond, env);
  fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, c.error));
  Term entry = ex.alive;
  std::string where = "if at line " + line_in(ex, s.loc);
  ex.sites.push_back({-1, where + " taken", s.loc, tm_.mk_and(entry, c.value)});
  decision_sites(s.cond, env, entry, where, s.loc, ex.sites);
  ex.sites.push_back({-1, where + " not taken", s.loc, tm_.mk_and(entry, tm_.mk_not(c.value))});
  ex.alive = tm_.mk_and(entry, c.value);
  exec_block(s.body, ex);
  Term after_then = ex.alive;
  ex.alive = tm_.mk_and(entry, tm_.mk_not(c.value));
  exec_block(s.else_body, ex);
  ex.alive = tm_.mk_or(after_then, ex.alive);
}

// `where` for every value in the state the loop starts in: whether the
// first match is the only one (then the visiting order does not matter).
void Lowerer::record_loop_order(const Stmt& s, Exec& ex) {
  std::vector<Term> matches, fails;
  std::vector<Term> frame = ex.frame;
  for (spec::Value v = s.domain->lo; v <= s.domain->hi; ++v) {
    frame[s.slot] = constant(s.domain, v);
    Env env{&ex.state, &frame};
    Lowered w = s.cond == nullptr ? Lowered{tm_.mk_true(), tm_.mk_false()} : expr(s.cond, env);
    matches.push_back(w.value);
    fails.push_back(w.error);
  }
  std::vector<Term> pairs;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    for (std::size_t j = i + 1; j < matches.size(); ++j) {
      pairs.push_back(tm_.mk_and(matches[i], matches[j]));
    }
  }
  Term several = tm_.mk_and(ex.alive, tm_.mk_or(pairs));
  Term failing = tm_.mk_and(ex.alive, tm_.mk_or(fails));
  for (LoopOrder& known : ex.loops) {
    if (known.loop == &s) {
      known.several_match = tm_.mk_or(known.several_match, several);
      known.where_fails = tm_.mk_or(known.where_fails, failing);
      return;
    }
  }
  ex.loops.push_back({&s, several, failing});
}

void Lowerer::loop(const Stmt& s, Exec& ex) {
  record_loop_order(s, ex);
  std::vector<Term> body_runs;
  ex.break_stack.push_back(tm_.mk_false());
  for (spec::Value v = s.domain->lo; v <= s.domain->hi; ++v) {
    ex.frame[s.slot] = constant(s.domain, v);
    Term take = tm_.mk_true();
    if (s.cond != nullptr) {
      Env where_env{&ex.state, &ex.frame};
      Lowered w = expr(s.cond, where_env);
      fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, w.error));
      take = w.value;
      decision_sites(s.cond, where_env, ex.alive, "loop condition at line " + line_in(ex, s.loc),
                     s.loc, ex.sites);
    }
    Term entry = ex.alive;
    ex.alive = tm_.mk_and(entry, take);
    body_runs.push_back(ex.alive);
    exec_block(s.body, ex);
    ex.alive = tm_.mk_or(tm_.mk_and(entry, tm_.mk_not(take)), ex.alive);
  }
  ex.sites.push_back(
      {-1, "loop at line " + line_in(ex, s.loc) + " runs its body", s.loc, tm_.mk_or(body_runs)});
  ex.alive = tm_.mk_or(ex.alive, ex.break_stack.back());
  ex.break_stack.pop_back();
}

void Lowerer::choose(const Stmt& s, Exec& ex) {
  // The semantics evaluates `where` for every value (to list the choices),
  // so an error for any value fails the step.
  std::vector<Term> valid, errors;
  for (spec::Value v = s.domain->lo; v <= s.domain->hi; ++v) {
    ex.frame[s.slot] = constant(s.domain, v);
    if (s.cond == nullptr) {
      valid.push_back(tm_.mk_true());
      continue;
    }
    Env where_env{&ex.state, &ex.frame};
    Lowered w = expr(s.cond, where_env);
    errors.push_back(w.error);
    valid.push_back(w.value);
  }
  fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, tm_.mk_or(errors)));
  Term input = tm_.mk_var("choice." + std::to_string(fresh_++), width_of(s.domain));
  ex.frame[s.slot] = input;
  Term satisfies = in_type(input, s.domain);
  if (s.cond != nullptr) {
    Env where_env{&ex.state, &ex.frame};
    satisfies = tm_.mk_and(satisfies, expr(s.cond, where_env).value);
  }
  // A path where no value qualifies does not exist (the step is not taken
  // that way); otherwise the input must be one of the values.
  ex.alive = tm_.mk_and(ex.alive, tm_.mk_or(valid));
  ex.choice_constraints.push_back(tm_.mk_implies(ex.alive, satisfies));
  ex.choices.push_back({ex.alive, input});
}

void Lowerer::emit(const Stmt& s, Exec& ex) {
  Env env{&ex.state, &ex.frame};
  std::vector<Term> args, errors;
  for (const Expr* a : s.args) {
    Lowered x = expr(a, env);
    args.push_back(x.value);
    errors.push_back(x.error);
  }
  fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, tm_.mk_or(errors)));
  ex.sites.push_back(
      {-1, "emit " + m_.events[s.event].name + " at line " + line_in(ex, s.loc), s.loc, ex.alive});
  ex.emits.push_back({ex.alive, s.event, std::move(args)});
}

void Lowerer::give_result(const Stmt& s, Exec& ex) {
  ex.sites.push_back({-1, "return at line " + line_in(ex, s.loc), s.loc, ex.alive});
  if (s.value != nullptr) {
    Env env{&ex.state, &ex.frame};
    Lowered v = expr(s.value, env);
    fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, v.error));
    ex.result = ex.result == 0 ? v.value : tm_.mk_ite(ex.alive, v.value, ex.result);
  }
  ex.returned = tm_.mk_or(ex.returned, ex.alive);
  ex.alive = tm_.mk_false();
}

void Lowerer::check_assert(const Stmt& s, Exec& ex) {
  Env env{&ex.state, &ex.frame};
  Lowered c = expr(s.cond, env);
  fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, c.error));
  ex.sites.push_back({-1, "assert at line " + line_in(ex, s.loc) + " holds", s.loc,
                      tm_.mk_and(ex.alive, c.value)});
  fail(ex, s.obligation, tm_.mk_and(ex.alive, tm_.mk_not(c.value)));
}

void Lowerer::call(const Stmt& s, Exec& ex) {
  std::string outer = ex.context;
  std::string site = "in " + s.callee + " from line " + line_of(s.loc);
  ex.context = outer.empty() ? " (" + site + ")" : " (" + site + ", " + outer.substr(2);
  ex.proc_exits.push_back({tm_.mk_false(), 0});
  exec_block(s.body, ex);
  Exec::ProcExit exit = ex.proc_exits.back();
  ex.proc_exits.pop_back();
  ex.context = outer;
  ex.alive = tm_.mk_or(ex.alive, exit.returned);
  if (s.slot >= 0 && exit.result != 0) {
    ex.frame[s.slot] = exit.result;
  }
}

void Lowerer::proc_return(const Stmt& s, Exec& ex) {
  Exec::ProcExit& exit = ex.proc_exits.back();
  if (s.value != nullptr) {
    Env env{&ex.state, &ex.frame};
    Lowered v = expr(s.value, env);
    fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, v.error));
    exit.result = exit.result == 0 ? v.value : tm_.mk_ite(ex.alive, v.value, exit.result);
  }
  exit.returned = tm_.mk_or(exit.returned, ex.alive);
  ex.alive = tm_.mk_false();
}

ActionTerms Lowerer::lower_action(const spec::Action& a, ActionInputs& inputs) {
  ActionTerms at;
  std::vector<Term> frame(std::max(a.frame_size, 1), 0);
  std::vector<Term> params_ok;
  for (std::size_t i = 0; i < a.params.size(); ++i) {
    // Only one action runs per step, so actions share parameter inputs by
    // position and sort: fewer variables for every engine to project away.
    int width = width_of(a.params[i].type);
    Term p = tm_.mk_var("param." + std::to_string(i) + (width == 0 ? ".bool" : ".int"), width);
    inputs.params.push_back(p);
    frame[a.params[i].slot] = p;
    params_ok.push_back(in_type(p, a.params[i].type));
  }
  action_params_[a.id] = inputs.params;
  at.params_ok = tm_.mk_and(params_ok);
  Term guard = tm_.mk_true();
  at.guard_error = tm_.mk_false();
  std::vector<CoverageSite> guard_sites;
  if (a.guard != nullptr) {
    Env env{&state_, &frame};
    Lowered g = expr(a.guard, env);
    guard = g.value;
    at.guard_error = g.error;
    decision_sites(a.guard, env, at.params_ok, "guard", a.loc, guard_sites);
  }
  Exec ex;
  ex.state = state_;
  ex.frame = frame;
  ex.alive = tm_.mk_and({at.params_ok, tm_.mk_not(at.guard_error), guard});
  inputs.enabled = ex.alive;
  ex.result = 0;
  ex.returned = tm_.mk_false();
  ex.sites = std::move(guard_sites);
  if (at.guard_error != tm_.mk_false()) {
    // A guard that cannot be evaluated fails the step, for `asserts`.
    ex.errors[m_.runtime_obligation] = tm_.mk_and(at.params_ok, at.guard_error);
  }
  exec_block(a.body, ex);
  at.post = ex.state;
  at.emits = std::move(ex.emits);
  at.result = ex.result == 0 ? tm_.mk_bv(0, w_) : ex.result;
  at.errors = ex.errors;
  at.choices_ok = tm_.mk_and(ex.choice_constraints);
  at.complete = tm_.mk_and(tm_.mk_or(ex.alive, ex.returned), at.choices_ok);
  inputs.choices = ex.choices;
  inputs.loops = ex.loops;
  inputs.complete = at.complete;
  inputs.result = ex.result == 0 ? 0 : at.result;
  for (CoverageSite& site : ex.sites) {
    site.action = a.id;
    site.executed = tm_.mk_and(site.executed, at.complete);
    coverage_.push_back(std::move(site));
  }
  return at;
}

}  // namespace solver::lowering
