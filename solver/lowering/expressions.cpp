// SPDX-License-Identifier: GPL-2.0
// Lowering of expressions: values and the conditions under which their
// evaluation fails, in C's short-circuit order (as solver::Semantics).

#include <stdexcept>

#include "solver/lowering/lowerer.h"

namespace solver::lowering {

Lowered Lowerer::expr(const Expr* e, Env& env) {
  const Term no = tm_.mk_false();
  switch (e->kind) {
    case ExprKind::Literal:
      return {constant(e->type, e->value), no};
    case ExprKind::StateVar:
      return {(*env.state)[e->slot], no};
    case ExprKind::StateElement:
      return element(e, env);
    case ExprKind::Local: {
      Term t = (*env.frame)[e->slot];
      if (t == 0) {
        throw std::logic_error("lowering: unbound local");
      }
      return {t, no};
    }
    case ExprKind::Not:
    case ExprKind::And:
    case ExprKind::Or:
    case ExprKind::Implies:
    case ExprKind::Ite:
      return logic(e, env);
    case ExprKind::Iff:
    case ExprKind::Eq:
    case ExprKind::Ne:
    case ExprKind::Lt:
    case ExprKind::Le:
    case ExprKind::Gt:
    case ExprKind::Ge:
      return comparison(e, env);
    case ExprKind::Neg:
    case ExprKind::Add:
    case ExprKind::Sub:
    case ExprKind::Mul:
    case ExprKind::Div:
    case ExprKind::Mod:
    case ExprKind::RangeCheck:
      return arithmetic(e, env);
    case ExprKind::Forall:
    case ExprKind::Exists:
    case ExprKind::Count:
    case ExprKind::Sum:
      return quantifier(e, env);
    case ExprKind::Prev:
    case ExprKind::Once:
    case ExprKind::Historically:
    case ExprKind::Since:
    case ExprKind::Happens:
    case ExprKind::Did:
    case ExprKind::Returned:
      return temporal(e, env);
  }
  throw std::logic_error("lowering: unknown expression");
}

Lowered Lowerer::element(const Expr* e, Env& env) {
  std::vector<Term> indices;
  std::vector<Term> errors;
  for (const Expr* k : e->kids) {
    Lowered x = expr(k, env);
    indices.push_back(x.value);
    errors.push_back(x.error);
  }
  const spec::StateVar& var = m_.vars[e->target];
  return {read_element(var, indices, *env.state, 0, var.first_slot, var.type), tm_.mk_or(errors)};
}

// An operand that is not evaluated cannot fail: `a && b` fails in b only
// when a holds.
Lowered Lowerer::logic(const Expr* e, Env& env) {
  Lowered a = expr(e->kids[0], env);
  if (e->kind == ExprKind::Not) {
    return {tm_.mk_not(a.value), a.error};
  }
  Lowered b = expr(e->kids[1], env);
  switch (e->kind) {
    case ExprKind::And:
      return {tm_.mk_and(a.value, b.value), tm_.mk_or(a.error, tm_.mk_and(a.value, b.error))};
    case ExprKind::Or:
      return {tm_.mk_or(a.value, b.value),
              tm_.mk_or(a.error, tm_.mk_and(tm_.mk_not(a.value), b.error))};
    case ExprKind::Implies:
      return {tm_.mk_implies(a.value, b.value), tm_.mk_or(a.error, tm_.mk_and(a.value, b.error))};
    default: {  // Ite
      Lowered f = expr(e->kids[2], env);
      return {tm_.mk_ite(a.value, b.value, f.value),
              tm_.mk_or({a.error, tm_.mk_and(a.value, b.error),
                         tm_.mk_and(tm_.mk_not(a.value), f.error)})};
    }
  }
}

Lowered Lowerer::comparison(const Expr* e, Env& env) {
  Lowered a = expr(e->kids[0], env), b = expr(e->kids[1], env);
  Term error = tm_.mk_or(a.error, b.error);
  switch (e->kind) {
    case ExprKind::Iff:
    case ExprKind::Eq:
      return {tm_.mk_eq(a.value, b.value), error};
    case ExprKind::Ne:
      return {tm_.mk_not(tm_.mk_eq(a.value, b.value)), error};
    case ExprKind::Lt:
      return {tm_.mk_arith(Op::Slt, a.value, b.value), error};
    case ExprKind::Le:
      return {tm_.mk_arith(Op::Sle, a.value, b.value), error};
    case ExprKind::Gt:
      return {tm_.mk_arith(Op::Slt, b.value, a.value), error};
    default:  // Ge
      return {tm_.mk_arith(Op::Sle, b.value, a.value), error};
  }
}

Lowered Lowerer::arithmetic(const Expr* e, Env& env) {
  Lowered a = expr(e->kids[0], env);
  if (e->kind == ExprKind::Neg) {
    return {tm_.mk_neg(a.value), a.error};
  }
  if (e->kind == ExprKind::RangeCheck) {
    return {a.value, tm_.mk_or(a.error, tm_.mk_not(in_type(a.value, e->type)))};
  }
  Lowered b = expr(e->kids[1], env);
  switch (e->kind) {
    case ExprKind::Div:
    case ExprKind::Mod: {
      Term zero = tm_.mk_eq(b.value, tm_.mk_bv(0, w_));
      Op op = e->kind == ExprKind::Div ? Op::Sdiv : Op::Srem;
      return {tm_.mk_arith(op, a.value, b.value), tm_.mk_or({a.error, b.error, zero})};
    }
    default: {
      Op op = e->kind == ExprKind::Add ? Op::Add : e->kind == ExprKind::Sub ? Op::Sub : Op::Mul;
      return {tm_.mk_arith(op, a.value, b.value), tm_.mk_or(a.error, b.error)};
    }
  }
}

// Past-time operators read monitor state; step atoms read the last step.
Lowered Lowerer::temporal(const Expr* e, Env& env) {
  const Term no = tm_.mk_false();
  switch (e->kind) {
    case ExprKind::Prev:
      return {env.initial ? tm_.mk_false() : (*env.old_monitors)[e->monitor], no};
    case ExprKind::Once:
    case ExprKind::Historically:
    case ExprKind::Since:
      return {(*env.new_monitors)[e->monitor], no};
    default: {
      Term error = no;
      Term v = step_atom(e, env, error);
      return {v, error};
    }
  }
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
  // A known index (a quantifier's or a loop's, unrolled) reads its element
  // directly: a chain per read would make `forall i. a[i]` quadratic. Out of
  // range it reads what the chain would, the last element (the run-time
  // error is reported where the index is checked).
  if (tm_.is_const(indices[level])) {
    spec::Value v = tm_.const_value(indices[level]);
    if (v < t->index->lo || v > t->index->hi) {
      v = t->index->hi;
    }
    return read_element(var, indices, state, level + 1, offset + (v - t->index->lo) * stride,
                        t->element);
  }
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

}  // namespace solver::lowering
