// SPDX-License-Identifier: GPL-2.0
// Lowering of obligations: invariants over a state, properties with their
// monitors (the past-time operators as state), assertions as the error
// conditions of steps.

#include "solver/lowering/lowerer.h"

namespace solver::lowering {

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

void Lowerer::lower_property(const spec::Obligation& ob, int o, TransitionSystem& ts,
                             std::vector<Term>& init, std::vector<Term>& trans,
                             ObligationTerms& terms) {
  auto [first, end] = monitor_range_[o];
  std::vector<Term> old_m(ts.state.begin() + first, ts.state.begin() + end);
  std::vector<Term> new_m(ts.next.begin() + first, ts.next.begin() + end);
  std::vector<Term> next_model(ts.next.begin(), ts.next.begin() + m_.slot_count());
  std::vector<Term> frame(std::max(ob.frame_size, 1), 0);
  // Position 0: no last step; the monitors start from their operands.
  Env at_start{&state_, &frame};
  at_start.initial = true;
  std::vector<Term> values;
  Term mon_error;
  lower_monitors(ob, at_start, values, mon_error);
  for (std::size_t i = 0; i < values.size(); ++i) {
    init.push_back(tm_.mk_eq(old_m[i], values[i]));
  }
  at_start.new_monitors = &old_m;
  Lowered x = expr(ob.formula, at_start);
  terms.bad_initial = tm_.mk_or({mon_error, x.error, tm_.mk_not(x.value)});
  // After a step: the monitors move; the formula reads the new state.
  Env after{&next_model, &frame};
  after.step = &actions_;
  after.old_monitors = &old_m;
  lower_monitors(ob, after, values, mon_error);
  for (std::size_t i = 0; i < values.size(); ++i) {
    trans.push_back(tm_.mk_eq(new_m[i], values[i]));
  }
  after.new_monitors = &new_m;
  x = expr(ob.formula, after);
  terms.bad_step = tm_.mk_or({mon_error, x.error, tm_.mk_not(x.value)});
}

ObligationTerms Lowerer::lower_obligation(int o, TransitionSystem& ts, std::vector<Term>& init,
                                          std::vector<Term>& trans) {
  const spec::Obligation& ob = m_.obligations[o];
  ObligationTerms terms;
  terms.obligation = o;
  terms.kind = ob.kind;
  switch (ob.kind) {
    case spec::ObligationKind::Invariant: {
      std::vector<Term> frame(std::max(ob.frame_size, 1), 0);
      Env env{&state_, &frame};
      Lowered x = expr(ob.formula, env);
      terms.bad_state = tm_.mk_or(x.error, tm_.mk_not(x.value));
      break;
    }
    case spec::ObligationKind::Property:
      lower_property(ob, o, ts, init, trans, terms);
      break;
    case spec::ObligationKind::Assert: {
      std::vector<Term> fails;
      for (const ActionTerms& at : actions_) {
        auto it = at.errors.find(o);
        if (it != at.errors.end()) {
          fails.push_back(tm_.mk_and({at.selected, at.choices_ok, it->second}));
        }
      }
      terms.bad_error = tm_.mk_or(fails);
      break;
    }
  }
  return terms;
}

}  // namespace solver::lowering
