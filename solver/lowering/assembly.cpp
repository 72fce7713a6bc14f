// SPDX-License-Identifier: GPL-2.0
// Assembling the transition system: state variables and monitors, initial
// states, the actions, covers, the transition relation and the obligations.

#include <algorithm>
#include <unordered_set>

#include "solver/lowering/lowerer.h"

namespace solver::lowering {

void Lowerer::declare_state(const std::vector<int>& obligations, TransitionSystem& ts) {
  ts.bv_width = w_;
  ts.model_slots = m_.slot_count();
  for (const spec::Slot& slot : m_.slots) {
    Term x = tm_.mk_var(slot.name, width_of(slot.type));
    ts.state.push_back(x);
    ts.next.push_back(tm_.mk_var(slot.name + "'", width_of(slot.type)));
    state_.push_back(x);
  }
  // Monitors of the properties being checked are state too.
  for (int o : obligations) {
    const spec::Obligation& ob = m_.obligations[o];
    std::size_t first = ts.state.size();
    for (std::size_t i = 0; i < ob.monitors.size(); ++i) {
      std::string name = "monitor." + ob.name + "." + std::to_string(i);
      ts.state.push_back(tm_.mk_var(name, 0));
      ts.next.push_back(tm_.mk_var(name + "'", 0));
    }
    monitor_range_[o] = {first, ts.state.size()};
  }
  std::vector<Term> domain;
  for (int i = 0; i < m_.slot_count(); ++i) {
    domain.push_back(in_type(ts.state[i], m_.slots[i].type));
  }
  ts.domain = tm_.mk_and(domain);
}

// Initializers and `init` constraints (one that cannot be evaluated does not
// admit the state); the monitors' values at position 0 come with the
// properties.
std::vector<Term> Lowerer::initial_states(const TransitionSystem& ts) {
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
  std::vector<Term> frame(std::max(m_.init_frame_size, 1), 0);
  for (const Expr* c : m_.inits) {
    Env env{&state_, &frame};
    Lowered x = expr(c, env);
    init.push_back(tm_.mk_and(x.value, tm_.mk_not(x.error)));
  }
  return init;
}

void Lowerer::lower_actions(TransitionSystem& ts) {
  int action_bits = 1;
  while ((std::size_t{1} << action_bits) < m_.actions.size()) {
    ++action_bits;
  }
  // The selector has the same width as other bit-vectors when possible, so
  // every input is printed the same way; it only needs action_bits.
  int selector_width = std::max(action_bits + 1, 2);
  ts.action = tm_.mk_var("action", selector_width);
  ts.inputs.push_back(ts.action);
  action_params_.resize(m_.actions.size());
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
    actions_.push_back(std::move(at));
    ++parts_done_;
  }
}

// Covers: conditions on a step of one action, for the test generator.
void Lowerer::lower_covers(TransitionSystem& ts) {
  for (std::size_t c = 0; c < m_.covers.size(); ++c) {
    const spec::Cover& cover = m_.covers[c];
    const ActionTerms& at = actions_[cover.action];
    Term condition = tm_.mk_and(at.selected, at.complete);
    if (cover.condition != nullptr) {
      std::vector<Term> frame(std::max(cover.frame_size, 1), 0);
      const std::vector<Term>& params = ts.actions[cover.action].params;
      std::copy(params.begin(), params.end(), frame.begin());
      Env env{&state_, &frame};
      Lowered x = expr(cover.condition, env);
      condition = tm_.mk_and({condition, x.value, tm_.mk_not(x.error)});
    }
    ts.covers.push_back({static_cast<int>(c), cover.action, condition});
  }
}

// One complete step of the selected action; every slot takes that action's
// value.
std::vector<Term> Lowerer::transition(const TransitionSystem& ts) {
  std::vector<Term> some_action, next_domain;
  for (const ActionTerms& at : actions_) {
    some_action.push_back(tm_.mk_and(at.selected, at.complete));
  }
  for (int i = 0; i < m_.slot_count(); ++i) {
    next_domain.push_back(in_type(ts.next[i], m_.slots[i].type));
  }
  std::vector<Term> trans{tm_.mk_or(some_action), tm_.mk_and(next_domain)};
  for (int i = 0; i < m_.slot_count(); ++i) {
    Term value = actions_.empty() ? ts.state[i] : actions_.back().post[i];
    for (std::size_t a = actions_.size(); a-- > 1;) {
      value = tm_.mk_ite(actions_[a - 1].selected, actions_[a - 1].post[i], value);
    }
    trans.push_back(tm_.mk_eq(ts.next[i], value));
  }
  return trans;
}

TransitionSystem Lowerer::run(const std::vector<int>& obligations) {
  parts_total_ = static_cast<int>(m_.actions.size() + obligations.size());
  TransitionSystem ts;
  declare_state(obligations, ts);
  std::vector<Term> init = initial_states(ts);
  lower_actions(ts);
  lower_covers(ts);
  std::vector<Term> trans = transition(ts);
  for (int o : obligations) {
    ts.obligations.push_back(lower_obligation(o, ts, init, trans));
    ++parts_done_;
  }
  ts.init = tm_.mk_and(init);
  ts.trans = tm_.mk_and(trans);
  ts.coverage = std::move(coverage_);
  return ts;
}

namespace {

/// Every expression of the model: guards, bodies, obligations, inits.
std::vector<const Expr*> all_expressions(const spec::Model& m,
                                         std::vector<const spec::Type*>& types) {
  std::vector<const Expr*> roots;
  std::vector<const std::vector<Stmt>*> bodies;
  for (const spec::Action& a : m.actions) {
    roots.push_back(a.guard);
    bodies.push_back(&a.body);
    for (const spec::Param& p : a.params) {
      types.push_back(p.type);
    }
  }
  while (!bodies.empty()) {
    const std::vector<Stmt>* b = bodies.back();
    bodies.pop_back();
    for (const Stmt& s : *b) {
      roots.push_back(s.value);
      roots.push_back(s.cond);
      roots.insert(roots.end(), s.target.indices.begin(), s.target.indices.end());
      roots.insert(roots.end(), s.args.begin(), s.args.end());
      types.push_back(s.domain);
      bodies.push_back(&s.body);
      bodies.push_back(&s.else_body);
    }
  }
  for (const spec::Obligation& o : m.obligations) {
    roots.push_back(o.formula);
  }
  roots.insert(roots.end(), m.inits.begin(), m.inits.end());
  return roots;
}

}  // namespace

int bit_width_for(const spec::Model& m) {
  spec::Value magnitude = static_cast<spec::Value>(m.actions.size());
  auto add_type = [&](const spec::Type* t) {
    if (t != nullptr && !t->is_bool()) {
      magnitude = std::max({magnitude, t->lo < 0 ? -t->lo : t->lo, t->hi < 0 ? -t->hi : t->hi});
    }
  };
  std::vector<const spec::Type*> types;
  std::vector<const Expr*> stack = all_expressions(m, types);
  for (const spec::Slot& s : m.slots) {
    types.push_back(s.type);
  }
  std::for_each(types.begin(), types.end(), add_type);
  std::unordered_set<const Expr*> seen;
  while (!stack.empty()) {
    const Expr* e = stack.back();
    stack.pop_back();
    if (e == nullptr || !seen.insert(e).second) {
      continue;
    }
    add_type(e->type);
    add_type(e->domain);
    stack.insert(stack.end(), e->kids.begin(), e->kids.end());
  }
  int bits = 1;
  while (bits < 63 && (spec::Value{1} << bits) <= magnitude) {
    ++bits;
  }
  return bits + 1;  // a sign bit
}

}  // namespace solver::lowering

namespace solver {

TransitionSystem lower(const spec::Model& model, const std::vector<int>& obligations,
                       std::function<int(spec::SourceLoc)> line_of, std::size_t max_terms) {
  auto terms = std::make_shared<smt::TermManager>();
  terms->set_limit(max_terms);
  lowering::Lowerer lowerer(model, *terms, lowering::bit_width_for(model));
  lowerer.line_of_ = std::move(line_of);
  TransitionSystem ts;
  try {
    ts = lowerer.run(obligations);
  } catch (const smt::TooManyTerms&) {
    throw ModelTooLarge(max_terms, lowerer.parts_done_, lowerer.parts_total_);
  }
  terms->set_limit(std::numeric_limits<std::size_t>::max());  // the engines unroll it
  ts.terms = terms;
  return ts;
}

ModelTooLarge::ModelTooLarge(std::size_t limit, int parts_done, int parts_total)
    : std::runtime_error("more than " + std::to_string(limit) + " terms"),
      limit(limit),
      parts_done(parts_done),
      parts_total(parts_total) {}

std::size_t ModelTooLarge::estimate() const {
  // The part being lowered when the limit struck counts as half done.
  double done = std::max(0.5, parts_done + 0.5);
  return static_cast<std::size_t>(static_cast<double>(limit) * parts_total / done);
}

}  // namespace solver
