// SPDX-License-Identifier: GPL-2.0
#include "solver/lowering.h"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>
#include <unordered_set>

namespace solver {
namespace {

using smt::Op;
using smt::TermManager;
using spec::Expr;
using spec::ExprKind;
using spec::Stmt;
using spec::StmtKind;

/// A lowered expression: its value and the condition under which evaluating
/// it fails (range, division by zero), following C's short-circuit order.
struct Lowered {
  Term value;
  Term error;
};

struct EmitSite {
  Term executed;
  int event;
  std::vector<Term> args;
};

/// One action's step, symbolically.
struct ActionTerms {
  Term selected = 0;
  Term params_ok = 0;  // parameters inside their types
  Term guard_error = 0;
  Term choices_ok = 0;     // every executed `choose` picked a value satisfying `where`
  Term complete = 0;       // the step runs to the end: enabled, not blocked, no error
  std::vector<Term> post;  // model slots after the step
  std::vector<EmitSite> emits;
  Term result = 0;
  std::map<int, Term> errors;  // obligation -> the step fails for it
};

/// Symbolic execution state of an action body.
struct Exec {
  std::vector<Term> state;
  std::vector<Term> frame;
  Term alive;
  std::vector<Term> break_stack;  // per enclosing loop: paths that broke out
  std::map<int, Term> errors;
  std::vector<EmitSite> emits;
  std::vector<ChooseOccurrence> choices;
  std::vector<Term> choice_constraints;
  Term result;
  Term returned;  // paths that ended at a `return` (they complete the step)
  std::vector<CoverageSite> sites;
  /// Per procedure call being inlined: the paths that left it by `return`,
  /// and the value they returned (0: none yet).
  struct ProcExit {
    Term returned;
    Term result;
  };
  std::vector<ProcExit> proc_exits;
  /// Names the call being inlined in coverage sites, innermost first:
  /// " (in __connect from line 220)".
  std::string context;
};

class Lowerer {
 public:
  Lowerer(const spec::Model& m, TermManager& tm, int width) : m_(m), tm_(tm), w_(width) {}

  TransitionSystem run(const std::vector<int>& obligations);

 private:
  // Values and sorts.
  int width_of(const spec::Type* t) const { return t->is_bool() ? 0 : w_; }
  Term constant(const spec::Type* t, spec::Value v) {
    return t->is_bool() ? tm_.mk_bool(v != 0) : tm_.mk_bv(v, w_);
  }
  Term in_type(Term x, const spec::Type* t) {
    if (t->is_bool()) {
      return tm_.mk_true();
    }
    return tm_.mk_and(tm_.mk_arith(Op::Sle, tm_.mk_bv(t->lo, w_), x),
                      tm_.mk_arith(Op::Sle, x, tm_.mk_bv(t->hi, w_)));
  }

  // Expressions.
  struct Env {
    const std::vector<Term>* state = nullptr;
    std::vector<Term>* frame = nullptr;
    const std::vector<ActionTerms>* step = nullptr;  // properties: the last step
    const std::vector<Term>* old_monitors = nullptr;
    const std::vector<Term>* new_monitors = nullptr;
    bool initial = false;
  };
  Lowered expr(const Expr* e, Env& env);
  Lowered quantifier(const Expr* e, Env& env);
  Term read_element(const spec::StateVar& var, const std::vector<Term>& indices,
                    const std::vector<Term>& state, std::size_t level, std::int64_t offset,
                    const spec::Type* t);
  Term step_atom(const Expr* e, Env& env, Term& error);

  // Statements.
  void exec_block(const std::vector<Stmt>& body, Exec& ex);
  /// Coverage sites where one condition of a && / || chain alone decides
  /// it (unique-cause condition coverage, nested chains included): tests
  /// that tell the parts of a condition apart.
  void decision_sites(const Expr* cond, Env& env, Term reached, const std::string& where,
                      spec::SourceLoc loc, std::vector<CoverageSite>& sites);
  void fail(Exec& ex, int obligation, Term condition);
  void assign(const Stmt& s, Exec& ex);
  void call(const Stmt& s, Exec& ex);
  void proc_return(const Stmt& s, Exec& ex);
  ActionTerms lower_action(const spec::Action& a, ActionInputs& inputs);

  // Properties.
  void lower_monitors(const spec::Obligation& o, Env& env, std::vector<Term>& values, Term& error);

  /// A statement's line, for coverage descriptions (the model keeps only
  /// offsets; `line_of_` maps them when the caller supplies the source).
  std::string line_of(spec::SourceLoc loc) const {
    return line_of_ ? std::to_string(line_of_(loc)) : "@" + std::to_string(loc.offset);
  }
  /// The line, and the procedure calls it is inlined in.
  std::string line_in(const Exec& ex, spec::SourceLoc loc) const {
    return line_of(loc) + ex.context;
  }

 public:
  std::function<int(spec::SourceLoc)> line_of_;

 private:
  const spec::Model& m_;
  TermManager& tm_;
  int w_;
  std::vector<std::vector<Term>> action_params_;  // input variables per action
  std::vector<Term> state_;                       // X
  std::vector<CoverageSite> coverage_;
  int fresh_ = 0;
};

Lowered Lowerer::expr(const Expr* e, Env& env) {
  const Term no = tm_.mk_false();
  auto kid = [&](std::size_t i) { return expr(e->kids[i], env); };
  switch (e->kind) {
    case ExprKind::Literal:
      return {constant(e->type, e->value), no};
    case ExprKind::StateVar:
      return {(*env.state)[e->slot], no};
    case ExprKind::StateElement: {
      std::vector<Term> indices;
      std::vector<Term> errors;
      for (std::size_t i = 0; i < e->kids.size(); ++i) {
        Lowered x = kid(i);
        indices.push_back(x.value);
        errors.push_back(x.error);
      }
      const spec::StateVar& var = m_.vars[e->target];
      return {read_element(var, indices, *env.state, 0, var.first_slot, var.type),
              tm_.mk_or(errors)};
    }
    case ExprKind::Local: {
      Term t = (*env.frame)[e->slot];
      if (t == 0) {
        throw std::logic_error("lowering: unbound local");
      }
      return {t, no};
    }
    case ExprKind::Not: {
      Lowered a = kid(0);
      return {tm_.mk_not(a.value), a.error};
    }
    case ExprKind::Neg: {
      Lowered a = kid(0);
      return {tm_.mk_neg(a.value), a.error};
    }
    case ExprKind::And: {
      Lowered a = kid(0), b = kid(1);
      return {tm_.mk_and(a.value, b.value), tm_.mk_or(a.error, tm_.mk_and(a.value, b.error))};
    }
    case ExprKind::Or: {
      Lowered a = kid(0), b = kid(1);
      return {tm_.mk_or(a.value, b.value),
              tm_.mk_or(a.error, tm_.mk_and(tm_.mk_not(a.value), b.error))};
    }
    case ExprKind::Implies: {
      Lowered a = kid(0), b = kid(1);
      return {tm_.mk_implies(a.value, b.value), tm_.mk_or(a.error, tm_.mk_and(a.value, b.error))};
    }
    case ExprKind::Iff:
    case ExprKind::Eq: {
      Lowered a = kid(0), b = kid(1);
      return {tm_.mk_eq(a.value, b.value), tm_.mk_or(a.error, b.error)};
    }
    case ExprKind::Ne: {
      Lowered a = kid(0), b = kid(1);
      return {tm_.mk_not(tm_.mk_eq(a.value, b.value)), tm_.mk_or(a.error, b.error)};
    }
    case ExprKind::Lt:
    case ExprKind::Le:
    case ExprKind::Gt:
    case ExprKind::Ge: {
      Lowered a = kid(0), b = kid(1);
      Term v = e->kind == ExprKind::Lt   ? tm_.mk_arith(Op::Slt, a.value, b.value)
               : e->kind == ExprKind::Le ? tm_.mk_arith(Op::Sle, a.value, b.value)
               : e->kind == ExprKind::Gt ? tm_.mk_arith(Op::Slt, b.value, a.value)
                                         : tm_.mk_arith(Op::Sle, b.value, a.value);
      return {v, tm_.mk_or(a.error, b.error)};
    }
    case ExprKind::Add:
    case ExprKind::Sub:
    case ExprKind::Mul: {
      Lowered a = kid(0), b = kid(1);
      Op op = e->kind == ExprKind::Add ? Op::Add : e->kind == ExprKind::Sub ? Op::Sub : Op::Mul;
      return {tm_.mk_arith(op, a.value, b.value), tm_.mk_or(a.error, b.error)};
    }
    case ExprKind::Div:
    case ExprKind::Mod: {
      Lowered a = kid(0), b = kid(1);
      Term zero = tm_.mk_eq(b.value, tm_.mk_bv(0, w_));
      Op op = e->kind == ExprKind::Div ? Op::Sdiv : Op::Srem;
      return {tm_.mk_arith(op, a.value, b.value), tm_.mk_or({a.error, b.error, zero})};
    }
    case ExprKind::Ite: {
      Lowered c = kid(0), t = kid(1), f = kid(2);
      return {tm_.mk_ite(c.value, t.value, f.value),
              tm_.mk_or({c.error, tm_.mk_and(c.value, t.error),
                         tm_.mk_and(tm_.mk_not(c.value), f.error)})};
    }
    case ExprKind::Forall:
    case ExprKind::Exists:
    case ExprKind::Count:
    case ExprKind::Sum:
      return quantifier(e, env);
    case ExprKind::RangeCheck: {
      Lowered a = kid(0);
      return {a.value, tm_.mk_or(a.error, tm_.mk_not(in_type(a.value, e->type)))};
    }
    case ExprKind::Prev:
      if (env.initial) {
        return {tm_.mk_false(), no};
      }
      return {(*env.old_monitors)[e->monitor], no};
    case ExprKind::Once:
    case ExprKind::Historically:
    case ExprKind::Since:
      return {(*env.new_monitors)[e->monitor], no};
    case ExprKind::Happens:
    case ExprKind::Did:
    case ExprKind::Returned: {
      Term error = no;
      Term v = step_atom(e, env, error);
      return {v, error};
    }
  }
  throw std::logic_error("lowering: unknown expression");
}

Lowered Lowerer::quantifier(const Expr* e, Env& env) {
  std::vector<Term>& frame = *env.frame;
  Term saved = frame[e->slot];
  std::vector<Term> values, errors;
  Term none_decided = tm_.mk_true();  // no earlier value decided the quantifier
  for (spec::Value v = e->domain->lo; v <= e->domain->hi; ++v) {
    frame[e->slot] = constant(e->domain, v);
    Lowered body = expr(e->kids[0], env);
    switch (e->kind) {
      case ExprKind::Forall:
        // Evaluation stops at the first false body, as in the semantics.
        errors.push_back(tm_.mk_and(none_decided, body.error));
        none_decided = tm_.mk_and(none_decided, body.value);
        values.push_back(body.value);
        break;
      case ExprKind::Exists:
        errors.push_back(tm_.mk_and(none_decided, body.error));
        none_decided = tm_.mk_and(none_decided, tm_.mk_not(body.value));
        values.push_back(body.value);
        break;
      case ExprKind::Count:
        errors.push_back(body.error);
        values.push_back(tm_.mk_ite(body.value, tm_.mk_bv(1, w_), tm_.mk_bv(0, w_)));
        break;
      default:  // Sum
        errors.push_back(body.error);
        values.push_back(body.value);
        break;
    }
  }
  frame[e->slot] = saved;
  Term value;
  if (e->kind == ExprKind::Forall) {
    value = tm_.mk_and(values);
  } else if (e->kind == ExprKind::Exists) {
    value = tm_.mk_or(values);
  } else {
    value = tm_.mk_bv(0, w_);
    for (Term x : values) {
      value = tm_.mk_arith(Op::Add, value, x);
    }
  }
  return {value, tm_.mk_or(errors)};
}

Term Lowerer::read_element(const spec::StateVar& var, const std::vector<Term>& indices,
                           const std::vector<Term>& state, std::size_t level, std::int64_t offset,
                           const spec::Type* t) {
  if (level == indices.size()) {
    return state[offset];
  }
  std::int64_t stride = static_cast<std::int64_t>(t->element->slot_count());
  // The last index value is the default, so an ite chain of n-1 tests.
  Term result = read_element(var, indices, state, level + 1,
                             offset + (t->index->hi - t->index->lo) * stride, t->element);
  for (spec::Value v = t->index->hi - 1; v >= t->index->lo; --v) {
    Term here = read_element(var, indices, state, level + 1, offset + (v - t->index->lo) * stride,
                             t->element);
    result = tm_.mk_ite(tm_.mk_eq(indices[level], constant(t->index, v)), here, result);
  }
  return result;
}

Term Lowerer::step_atom(const Expr* e, Env& env, Term& error) {
  if (env.step == nullptr) {
    return tm_.mk_false();  // the initial position has no last step
  }
  const std::vector<ActionTerms>& step = *env.step;
  std::vector<Term> errors;
  std::vector<Term> options;
  auto matches = [&](const std::vector<Term>& actual) {
    std::vector<Term> eqs;
    for (std::size_t i = 0; i < e->kids.size(); ++i) {
      if (e->kids[i] == nullptr) {
        continue;
      }
      Lowered want = expr(e->kids[i], env);
      errors.push_back(want.error);
      eqs.push_back(tm_.mk_eq(want.value, actual[i]));
    }
    return tm_.mk_and(eqs);
  };
  if (e->kind == ExprKind::Happens) {
    for (const ActionTerms& a : step) {
      for (const EmitSite& site : a.emits) {
        if (site.event == e->target) {
          options.push_back(tm_.mk_and({a.selected, site.executed, matches(site.args)}));
        }
      }
    }
  } else if (e->kind == ExprKind::Did) {
    const ActionTerms& a = step[e->target];
    options.push_back(tm_.mk_and(a.selected, matches(action_params_[e->target])));
  } else {
    Lowered want = expr(e->kids[0], env);
    errors.push_back(want.error);
    for (std::size_t i = 0; i < step.size(); ++i) {
      const spec::Type* rt = m_.actions[i].result;
      if (rt != nullptr && spec::TypeTable::compatible(e->kids[0]->type, rt)) {
        options.push_back(tm_.mk_and(step[i].selected, tm_.mk_eq(step[i].result, want.value)));
      }
    }
  }
  error = tm_.mk_or(errors);
  return tm_.mk_or(options);
}

// -------------------------------------------------------------- statements

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
    for (const Block& b : blocks) {
      for (spec::Value v = t->index->lo; v <= t->index->hi; ++v) {
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
    Env env{&ex.state, &ex.frame};
    switch (s.kind) {
      case StmtKind::Assign:
        assign(s, ex);
        break;
      case StmtKind::Let: {
        Lowered v = expr(s.value, env);
        fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, v.error));
        ex.frame[s.slot] = v.value;
        break;
      }
      case StmtKind::If: {
        Lowered c = expr(s.cond, env);
        fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, c.error));
        Term entry = ex.alive;
        ex.sites.push_back(
            {-1, "if at line " + line_in(ex, s.loc) + " taken", s.loc, tm_.mk_and(entry, c.value)});
        decision_sites(s.cond, env, entry, "if at line " + line_in(ex, s.loc), s.loc, ex.sites);
        ex.sites.push_back({-1, "if at line " + line_in(ex, s.loc) + " not taken", s.loc,
                            tm_.mk_and(entry, tm_.mk_not(c.value))});
        ex.alive = tm_.mk_and(entry, c.value);
        exec_block(s.body, ex);
        Term after_then = ex.alive;
        ex.alive = tm_.mk_and(entry, tm_.mk_not(c.value));
        exec_block(s.else_body, ex);
        ex.alive = tm_.mk_or(after_then, ex.alive);
        break;
      }
      case StmtKind::For: {
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
            decision_sites(s.cond, where_env, ex.alive,
                           "loop condition at line " + line_in(ex, s.loc), s.loc, ex.sites);
          }
          Term entry = ex.alive;
          ex.alive = tm_.mk_and(entry, take);
          body_runs.push_back(ex.alive);
          exec_block(s.body, ex);
          ex.alive = tm_.mk_or(tm_.mk_and(entry, tm_.mk_not(take)), ex.alive);
        }
        ex.sites.push_back({-1, "loop at line " + line_in(ex, s.loc) + " runs its body", s.loc,
                            tm_.mk_or(body_runs)});
        ex.alive = tm_.mk_or(ex.alive, ex.break_stack.back());
        ex.break_stack.pop_back();
        break;
      }
      case StmtKind::Break:
        ex.break_stack.back() = tm_.mk_or(ex.break_stack.back(), ex.alive);
        ex.alive = tm_.mk_false();
        break;
      case StmtKind::Choose: {
        // The semantics evaluates `where` for every value (to list the
        // choices), so an error for any value fails the step.
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
        // A path where no value qualifies does not exist (the step is not
        // taken that way); otherwise the input must be one of the values.
        ex.alive = tm_.mk_and(ex.alive, tm_.mk_or(valid));
        ex.choice_constraints.push_back(tm_.mk_implies(ex.alive, satisfies));
        ex.choices.push_back({ex.alive, input});
        break;
      }
      case StmtKind::Emit: {
        std::vector<Term> args, errors;
        for (const Expr* a : s.args) {
          Lowered x = expr(a, env);
          args.push_back(x.value);
          errors.push_back(x.error);
        }
        fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, tm_.mk_or(errors)));
        ex.sites.push_back({-1,
                            "emit " + m_.events[s.event].name + " at line " + line_in(ex, s.loc),
                            s.loc, ex.alive});
        ex.emits.push_back({ex.alive, s.event, std::move(args)});
        break;
      }
      case StmtKind::Return: {
        ex.sites.push_back({-1, "return at line " + line_in(ex, s.loc), s.loc, ex.alive});
        if (s.value != nullptr) {
          Lowered v = expr(s.value, env);
          fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, v.error));
          ex.result = ex.result == 0 ? v.value : tm_.mk_ite(ex.alive, v.value, ex.result);
        }
        ex.returned = tm_.mk_or(ex.returned, ex.alive);
        ex.alive = tm_.mk_false();
        break;
      }
      case StmtKind::Call:
        call(s, ex);
        break;
      case StmtKind::ProcReturn:
        proc_return(s, ex);
        break;
      case StmtKind::Assert: {
        Lowered c = expr(s.cond, env);
        fail(ex, m_.runtime_obligation, tm_.mk_and(ex.alive, c.error));
        ex.sites.push_back({-1, "assert at line " + line_in(ex, s.loc) + " holds", s.loc,
                            tm_.mk_and(ex.alive, c.value)});
        fail(ex, s.obligation, tm_.mk_and(ex.alive, tm_.mk_not(c.value)));
        break;
      }
    }
  }
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
  inputs.complete = at.complete;
  inputs.result = ex.result == 0 ? 0 : at.result;
  for (CoverageSite& site : ex.sites) {
    site.action = a.id;
    site.executed = tm_.mk_and(site.executed, at.complete);
    coverage_.push_back(std::move(site));
  }
  return at;
}

// -------------------------------------------------------------- properties

void Lowerer::lower_monitors(const spec::Obligation& o, Env& env, std::vector<Term>& values,
                             Term& error) {
  // Operands before the operators that use them; mirrors Semantics::property.
  std::vector<Term> errors;
  values.assign(o.monitors.size(), tm_.mk_false());
  env.new_monitors = &values;
  for (std::size_t i = 0; i < o.monitors.size(); ++i) {
    const spec::Monitor& mon = o.monitors[i];
    Term old = env.initial ? tm_.mk_false() : (*env.old_monitors)[i];
    switch (mon.kind) {
      case ExprKind::Prev: {
        Lowered x = expr(mon.operand, env);
        errors.push_back(x.error);
        values[i] = x.value;
        break;
      }
      case ExprKind::Once: {
        Lowered x = expr(mon.operand, env);
        errors.push_back(x.error);
        values[i] = env.initial ? x.value : tm_.mk_or(x.value, old);
        break;
      }
      case ExprKind::Historically: {
        Lowered x = expr(mon.operand, env);
        errors.push_back(x.error);
        values[i] = env.initial ? x.value : tm_.mk_and(x.value, old);
        break;
      }
      default: {  // Since: trigger || (!initial && operand && old)
        Lowered trigger = expr(mon.trigger, env);
        errors.push_back(trigger.error);
        if (env.initial) {
          values[i] = trigger.value;
        } else {
          Lowered operand = expr(mon.operand, env);
          errors.push_back(tm_.mk_and(tm_.mk_not(trigger.value), operand.error));
          values[i] = tm_.mk_or(trigger.value, tm_.mk_and(operand.value, old));
        }
        break;
      }
    }
  }
  error = tm_.mk_or(errors);
}

// ------------------------------------------------------------------ system

TransitionSystem Lowerer::run(const std::vector<int>& obligations) {
  TransitionSystem ts;
  ts.bv_width = w_;
  ts.model_slots = m_.slot_count();
  for (const spec::Slot& slot : m_.slots) {
    Term x = tm_.mk_var(slot.name, width_of(slot.type));
    Term x1 = tm_.mk_var(slot.name + "'", width_of(slot.type));
    ts.state.push_back(x);
    ts.next.push_back(x1);
    state_.push_back(x);
  }
  // Monitors of the properties being checked are state too.
  std::map<int, std::pair<std::size_t, std::size_t>> monitor_range;  // obligation -> [first, end)
  for (int o : obligations) {
    const spec::Obligation& ob = m_.obligations[o];
    std::size_t first = ts.state.size();
    for (std::size_t i = 0; i < ob.monitors.size(); ++i) {
      std::string name = "monitor." + ob.name + "." + std::to_string(i);
      ts.state.push_back(tm_.mk_var(name, 0));
      ts.next.push_back(tm_.mk_var(name + "'", 0));
    }
    monitor_range[o] = {first, ts.state.size()};
  }

  // Domains.
  std::vector<Term> domain, next_domain;
  for (int i = 0; i < m_.slot_count(); ++i) {
    domain.push_back(in_type(ts.state[i], m_.slots[i].type));
    next_domain.push_back(in_type(ts.next[i], m_.slots[i].type));
  }
  ts.domain = tm_.mk_and(domain);

  // Initial states: initializers, `init` constraints (one that cannot be
  // evaluated does not admit the state), monitors at position 0.
  std::vector<Term> init{ts.domain};
  for (const spec::StateVar& var : m_.vars) {
    if (var.init == nullptr) {
      continue;
    }
    Term value = constant(var.type->scalar(), var.init->value);
    for (std::uint64_t i = 0; i < var.type->slot_count(); ++i) {
      init.push_back(tm_.mk_eq(ts.state[var.first_slot + i], value));
    }
  }
  {
    std::vector<Term> frame(std::max(m_.init_frame_size, 1), 0);
    for (const Expr* c : m_.inits) {
      Env env{&state_, &frame};
      Lowered x = expr(c, env);
      init.push_back(tm_.mk_and(x.value, tm_.mk_not(x.error)));
    }
  }

  // Actions.
  int action_bits = 1;
  while ((std::size_t{1} << action_bits) < m_.actions.size()) {
    ++action_bits;
  }
  // The selector has the same width as other bit-vectors when possible,
  // so every input is printed the same way; it only needs action_bits.
  int selector_width = std::max(action_bits + 1, 2);
  ts.action = tm_.mk_var("action", selector_width);
  ts.inputs.push_back(ts.action);
  action_params_.resize(m_.actions.size());
  std::vector<ActionTerms> actions;
  ts.actions.resize(m_.actions.size());
  for (const spec::Action& a : m_.actions) {
    ActionTerms at = lower_action(a, ts.actions[a.id]);
    at.selected = tm_.mk_eq(ts.action, tm_.mk_bv(a.id, selector_width));
    ts.actions[a.id].selected = at.selected;
    for (Term p : ts.actions[a.id].params) {
      if (std::find(ts.inputs.begin(), ts.inputs.end(), p) == ts.inputs.end()) {
        ts.inputs.push_back(p);
      }
    }
    for (const ChooseOccurrence& c : ts.actions[a.id].choices) {
      ts.inputs.push_back(c.value);
    }
    actions.push_back(std::move(at));
  }

  // Covers: conditions on a step of one action, for the test generator.
  for (std::size_t c = 0; c < m_.covers.size(); ++c) {
    const spec::Cover& cover = m_.covers[c];
    const ActionTerms& at = actions[cover.action];
    Term condition = tm_.mk_and(at.selected, at.complete);
    if (cover.condition != nullptr) {
      std::vector<Term> frame(std::max(cover.frame_size, 1), 0);
      const std::vector<Term>& params = ts.actions[cover.action].params;
      for (std::size_t i = 0; i < params.size(); ++i) {
        frame[i] = params[i];
      }
      Env env{&state_, &frame};
      Lowered x = expr(cover.condition, env);
      condition = tm_.mk_and({condition, x.value, tm_.mk_not(x.error)});
    }
    ts.covers.push_back({static_cast<int>(c), cover.action, condition});
  }

  // The transition: one complete step of the selected action.
  std::vector<Term> some_action;
  for (const ActionTerms& at : actions) {
    some_action.push_back(tm_.mk_and(at.selected, at.complete));
  }
  std::vector<Term> trans{tm_.mk_or(some_action), tm_.mk_and(next_domain)};
  for (int i = 0; i < m_.slot_count(); ++i) {
    Term value = actions.empty() ? ts.state[i] : actions.back().post[i];
    for (std::size_t a = actions.size(); a-- > 1;) {
      value = tm_.mk_ite(actions[a - 1].selected, actions[a - 1].post[i], value);
    }
    trans.push_back(tm_.mk_eq(ts.next[i], value));
  }

  // Obligations.
  std::vector<Term> next_model(ts.next.begin(), ts.next.begin() + m_.slot_count());
  for (int o : obligations) {
    const spec::Obligation& ob = m_.obligations[o];
    ObligationTerms terms;
    terms.obligation = o;
    terms.kind = ob.kind;
    if (ob.kind == spec::ObligationKind::Invariant) {
      std::vector<Term> frame(std::max(ob.frame_size, 1), 0);
      Env env{&state_, &frame};
      Lowered x = expr(ob.formula, env);
      terms.bad_state = tm_.mk_or(x.error, tm_.mk_not(x.value));
    } else if (ob.kind == spec::ObligationKind::Property) {
      auto [first, end] = monitor_range[o];
      std::vector<Term> old_m(ts.state.begin() + first, ts.state.begin() + end);
      std::vector<Term> new_m(ts.next.begin() + first, ts.next.begin() + end);
      std::vector<Term> frame(std::max(ob.frame_size, 1), 0);
      // Position 0: no last step; the monitors start from their operands.
      {
        Env env{&state_, &frame};
        env.initial = true;
        std::vector<Term> values;
        Term mon_error;
        lower_monitors(ob, env, values, mon_error);
        for (std::size_t i = 0; i < values.size(); ++i) {
          init.push_back(tm_.mk_eq(old_m[i], values[i]));
        }
        env.new_monitors = &old_m;
        Lowered x = expr(ob.formula, env);
        terms.bad_initial = tm_.mk_or({mon_error, x.error, tm_.mk_not(x.value)});
      }
      // After a step: the monitors move; the formula reads the new state.
      {
        Env env{&next_model, &frame};
        env.step = &actions;
        env.old_monitors = &old_m;
        std::vector<Term> values;
        Term mon_error;
        lower_monitors(ob, env, values, mon_error);
        for (std::size_t i = 0; i < values.size(); ++i) {
          trans.push_back(tm_.mk_eq(new_m[i], values[i]));
        }
        env.new_monitors = &new_m;
        Lowered x = expr(ob.formula, env);
        terms.bad_step = tm_.mk_or({mon_error, x.error, tm_.mk_not(x.value)});
      }
    } else {
      std::vector<Term> fails;
      for (const ActionTerms& at : actions) {
        auto it = at.errors.find(o);
        if (it != at.errors.end()) {
          fails.push_back(tm_.mk_and({at.selected, at.choices_ok, it->second}));
        }
      }
      terms.bad_error = tm_.mk_or(fails);
    }
    ts.obligations.push_back(terms);
  }
  ts.init = tm_.mk_and(init);
  ts.trans = tm_.mk_and(trans);
  ts.coverage = std::move(coverage_);
  return ts;
}

int bit_width_for(const spec::Model& m) {
  // Every static interval of the model, plus action ids: one width for all
  // integers, wide enough that no operation can overflow.
  spec::Value magnitude = static_cast<spec::Value>(m.actions.size());
  std::vector<const Expr*> stack;
  auto add_type = [&](const spec::Type* t) {
    if (t != nullptr && !t->is_bool()) {
      magnitude = std::max({magnitude, t->lo < 0 ? -t->lo : t->lo, t->hi < 0 ? -t->hi : t->hi});
    }
  };
  std::vector<const std::vector<Stmt>*> bodies;
  for (const spec::Action& a : m.actions) {
    stack.push_back(a.guard);
    bodies.push_back(&a.body);
    for (const spec::Param& p : a.params) {
      add_type(p.type);
    }
  }
  while (!bodies.empty()) {
    const std::vector<Stmt>* b = bodies.back();
    bodies.pop_back();
    for (const Stmt& s : *b) {
      stack.push_back(s.value);
      stack.push_back(s.cond);
      for (const Expr* i : s.target.indices) {
        stack.push_back(i);
      }
      for (const Expr* a : s.args) {
        stack.push_back(a);
      }
      add_type(s.domain);
      bodies.push_back(&s.body);
      bodies.push_back(&s.else_body);
    }
  }
  for (const spec::Obligation& o : m.obligations) {
    stack.push_back(o.formula);
  }
  for (const Expr* e : m.inits) {
    stack.push_back(e);
  }
  for (const spec::Slot& s : m.slots) {
    add_type(s.type);
  }
  std::unordered_set<const Expr*> seen;
  while (!stack.empty()) {
    const Expr* e = stack.back();
    stack.pop_back();
    if (e == nullptr || !seen.insert(e).second) {
      continue;
    }
    add_type(e->type);
    add_type(e->domain);
    for (const Expr* k : e->kids) {
      stack.push_back(k);
    }
  }
  int bits = 1;
  while (bits < 63 && (spec::Value{1} << bits) <= magnitude) {
    ++bits;
  }
  return bits + 1;  // a sign bit
}

}  // namespace

TransitionSystem lower(const spec::Model& model, const std::vector<int>& obligations,
                       std::function<int(spec::SourceLoc)> line_of) {
  auto terms = std::make_shared<smt::TermManager>();
  Lowerer lowerer(model, *terms, bit_width_for(model));
  lowerer.line_of_ = std::move(line_of);
  TransitionSystem ts = lowerer.run(obligations);
  ts.terms = terms;
  return ts;
}

}  // namespace solver
