// SPDX-License-Identifier: GPL-2.0
#include "solver/symmetry/symmetry_classes.h"

#include <map>
#include <optional>
#include <tuple>

namespace solver {
namespace {

using spec::Expr;
using spec::ExprKind;
using spec::Stmt;
using spec::StmtKind;
using spec::Value;

bool expr_uses(const Expr* e, int slot) {
  if (e == nullptr) {
    return false;
  }
  if ((e->kind == ExprKind::Local && e->slot == slot)) {
    return true;
  }
  for (const Expr* k : e->kids) {
    if (expr_uses(k, slot)) {
      return true;
    }
  }
  return false;
}

bool uses_slot(const std::vector<Stmt>& body, int slot) {
  for (const Stmt& s : body) {
    bool uses = expr_uses(s.value, slot) || expr_uses(s.cond, slot) || uses_slot(s.body, slot) ||
                uses_slot(s.else_body, slot);
    for (const Expr* e : s.target.indices) {
      uses = uses || expr_uses(e, slot);
    }
    for (const Expr* e : s.args) {
      uses = uses || expr_uses(e, slot);
    }
    if (uses) {
      return true;
    }
  }
  return false;
}

// Whether every path through a loop body leaves the loop: a break, a
// return, or an `if` whose branches both do. (A procedure's return leaves
// only the call; a call is not looked into.)
bool always_exits(const std::vector<Stmt>& body) {
  for (const Stmt& s : body) {
    switch (s.kind) {
      case StmtKind::Break:
      case StmtKind::Return:
      case StmtKind::ProcReturn:
        return true;
      case StmtKind::If:
        if (always_exits(s.body) && always_exits(s.else_body)) {
          return true;
        }
        break;
      default:
        break;
    }
  }
  return false;
}

/// What an expression's value is, for the flow: a place that holds values
/// of one class (a union-find node), a literal, or neither.
struct Flow {
  int node = -1;
  std::optional<Value> literal;
};

/// Union-find over the places values live in: array dimensions, state
/// variables and frame slots (parameters, lets, loop and quantifier
/// variables), each with what it allows of its class.
class ClassFinder {
 public:
  explicit ClassFinder(const spec::Model& m) : m_(m) {}
  std::vector<SymmetryClass> run();

 private:
  enum Kind { kIndex, kValue, kLocal };
  struct Place {
    Kind kind = kIndex;
    int a = -1, b = -1;  // (var, dim), (var, -), (scope, slot)
    int parent = -1;
    bool spoilt = false;  // computed with or compared by order
    std::vector<Value> literals;
    std::vector<std::pair<Value, Value>> ranges;  // quantified over / holds
  };
  int place(Kind kind, int a, int b);
  int find(int n);
  void unite(int a, int b);
  void meet(Flow a, Flow b);  // equal values: one class, or a literal of it
  void spoil(Flow f);
  void spoil_dimensions(int var, std::size_t first);
  Flow expr(const Expr* e, int scope);
  Flow element(const Expr* e, int scope);
  Flow binder(const Expr* e, int scope);
  void stmts(const std::vector<Stmt>& body, int scope);
  void stmt(const Stmt& s, int scope);
  std::vector<const spec::Type*> dimensions(int var) const;
  bool usable(const std::vector<int>& members, Value lo, Value hi) const;
  bool int_indexed(const SymmetryClass& c) const;

  const spec::Model& m_;
  std::vector<std::pair<int, const Stmt*>> loops_;  // (action, `for` statement)
  std::vector<Place> places_;
  std::map<std::tuple<int, int, int>, int> index_;
};

int ClassFinder::place(Kind kind, int a, int b) {
  auto [it, fresh] = index_.emplace(std::make_tuple(kind, a, b), places_.size());
  if (fresh) {
    Place p;
    p.kind = kind;
    p.a = a;
    p.b = b;
    p.parent = static_cast<int>(places_.size());
    places_.push_back(std::move(p));
  }
  return it->second;
}

int ClassFinder::find(int n) {
  while (places_[n].parent != n) {
    n = places_[n].parent = places_[places_[n].parent].parent;
  }
  return n;
}

void ClassFinder::unite(int a, int b) {
  places_[find(a)].parent = find(b);
}

void ClassFinder::meet(Flow a, Flow b) {
  if (a.node >= 0 && b.node >= 0) {
    unite(a.node, b.node);
  } else if (a.node >= 0 && b.literal) {
    places_[a.node].literals.push_back(*b.literal);
  } else if (b.node >= 0 && a.literal) {
    places_[b.node].literals.push_back(*a.literal);
  }
}

// A sub-array read or written whole: its dimensions from `first` on are
// not followed (a copy between arrays of two classes would pass unseen).
void ClassFinder::spoil_dimensions(int var, std::size_t first) {
  std::size_t dims = dimensions(var).size();
  for (std::size_t d = first; d < dims; ++d) {
    places_[place(kIndex, var, static_cast<int>(d))].spoilt = true;
  }
}

void ClassFinder::spoil(Flow f) {
  if (f.node >= 0) {
    places_[f.node].spoilt = true;
  }
}

std::vector<const spec::Type*> ClassFinder::dimensions(int var) const {
  std::vector<const spec::Type*> dims;
  for (const spec::Type* t = m_.vars[var].type; t->kind == spec::TypeKind::Array; t = t->element) {
    dims.push_back(t->index);
  }
  return dims;
}

// An array element: each index flows into its dimension.
Flow ClassFinder::element(const Expr* e, int scope) {
  int var = m_.slots[e->slot].var;
  std::vector<const spec::Type*> dims = dimensions(var);
  for (std::size_t d = 0; d < e->kids.size() && d < dims.size(); ++d) {
    int dim = place(kIndex, var, static_cast<int>(d));
    places_[dim].ranges.emplace_back(dims[d]->lo, dims[d]->hi);
    meet(expr(e->kids[d], scope), Flow{dim, {}});
  }
  spoil_dimensions(var, e->kids.size());
  return Flow{place(kValue, var, 0), {}};
}

// A quantifier's variable ranges over its domain.
Flow ClassFinder::binder(const Expr* e, int scope) {
  int local = place(kLocal, scope, e->slot);
  places_[local].ranges.emplace_back(e->domain->lo, e->domain->hi);
  for (const Expr* k : e->kids) {
    expr(k, scope);
  }
  return {};
}

Flow ClassFinder::expr(const Expr* e, int scope) {
  if (e == nullptr) {
    return {};
  }
  switch (e->kind) {
    case ExprKind::Literal:
      return Flow{-1, e->value};
    case ExprKind::StateVar:
      spoil_dimensions(m_.slots[e->slot].var, 0);
      return Flow{place(kValue, m_.slots[e->slot].var, 0), {}};
    case ExprKind::StateElement:
      return element(e, scope);
    case ExprKind::Local:
      return Flow{place(kLocal, scope, e->slot), {}};
    case ExprKind::Eq:
    case ExprKind::Ne:
      meet(expr(e->kids[0], scope), expr(e->kids[1], scope));
      return {};
    case ExprKind::Ite: {
      expr(e->kids[0], scope);
      Flow t = expr(e->kids[1], scope), f = expr(e->kids[2], scope);
      meet(t, f);
      return t.node >= 0 ? t : f;
    }
    case ExprKind::RangeCheck: {
      Flow f = expr(e->kids[0], scope);
      if (f.node >= 0) {
        places_[f.node].ranges.emplace_back(e->type->lo, e->type->hi);
      }
      return f;
    }
    case ExprKind::Forall:
    case ExprKind::Exists:
    case ExprKind::Count:
    case ExprKind::Sum:
      return binder(e, scope);
    case ExprKind::Lt:
    case ExprKind::Le:
    case ExprKind::Gt:
    case ExprKind::Ge:
    case ExprKind::Add:
    case ExprKind::Sub:
    case ExprKind::Mul:
    case ExprKind::Div:
    case ExprKind::Mod:
    case ExprKind::Neg:
      for (const Expr* k : e->kids) {
        spoil(expr(k, scope));
      }
      return {};
    default:  // connectives, past-time operators, event and action patterns
      for (const Expr* k : e->kids) {
        expr(k, scope);
      }
      return {};
  }
}

void ClassFinder::stmts(const std::vector<Stmt>& body, int scope) {
  for (const Stmt& s : body) {
    stmt(s, scope);
  }
}

void ClassFinder::stmt(const Stmt& s, int scope) {
  switch (s.kind) {
    case StmtKind::Assign: {
      std::vector<const spec::Type*> dims = dimensions(s.target.var);
      for (std::size_t d = 0; d < s.target.indices.size(); ++d) {
        int dim = place(kIndex, s.target.var, static_cast<int>(d));
        places_[dim].ranges.emplace_back(dims[d]->lo, dims[d]->hi);
        meet(expr(s.target.indices[d], scope), Flow{dim, {}});
      }
      Flow value = expr(s.value, scope);
      int target = place(kValue, s.target.var, 0);
      spoil_dimensions(s.target.var, s.target.indices.size());
      meet(value, Flow{target, {}});
      return;
    }
    case StmtKind::Let:
    case StmtKind::ProcReturn:
      meet(expr(s.value, scope), Flow{s.slot >= 0 ? place(kLocal, scope, s.slot) : -1, {}});
      return;
    case StmtKind::For:
      loops_.push_back({scope, &s});
      [[fallthrough]];
    case StmtKind::Choose: {
      int local = place(kLocal, scope, s.slot);
      places_[local].ranges.emplace_back(s.domain->lo, s.domain->hi);
      break;
    }
    default:
      break;
  }
  expr(s.value, scope);
  expr(s.cond, scope);
  for (const Expr* a : s.args) {
    expr(a, scope);
  }
  stmts(s.body, scope);
  stmts(s.else_body, scope);
}

// A class is usable when it indexes arrays over exactly [lo, hi], every
// quantifier over it covers that range, no literal names one of its values,
// nothing computes with it, and every place holding it can hold all of it.
bool ClassFinder::usable(const std::vector<int>& members, Value lo, Value hi) const {
  for (int n : members) {
    const Place& p = places_[n];
    if (p.spoilt) {
      return false;
    }
    for (Value v : p.literals) {
      if (v >= lo && v <= hi) {
        return false;
      }
    }
    for (auto [a, b] : p.ranges) {
      bool exact = a == lo && b == hi;
      if (p.kind == kIndex ? !exact : (a > lo || b < hi)) {
        return false;
      }
    }
    const spec::Type* held = p.kind == kValue ? m_.vars[p.a].type->scalar() : nullptr;
    if (held != nullptr && (!held->is_int() || held->lo > lo || held->hi < hi)) {
      return false;
    }
  }
  return hi > lo;
}

bool ClassFinder::int_indexed(const SymmetryClass& c) const {
  for (auto [var, dim] : c.indices) {
    if (!dimensions(var)[dim]->is_int()) {
      return false;  // a bool or enum would be tested or named, not only compared
    }
  }
  return true;
}

std::vector<SymmetryClass> ClassFinder::run() {
  for (const spec::Action& a : m_.actions) {
    for (const spec::Param& p : a.params) {
      int local = place(kLocal, a.id, p.slot);
      places_[local].ranges.emplace_back(p.type->lo, p.type->hi);
    }
    expr(a.guard, a.id);
    stmts(a.body, a.id);
  }
  int scope = static_cast<int>(m_.actions.size());
  for (const spec::Obligation& o : m_.obligations) {
    expr(o.formula, scope++);
  }
  std::map<int, std::vector<int>> members;
  for (std::size_t n = 0; n < places_.size(); ++n) {
    members[find(static_cast<int>(n))].push_back(static_cast<int>(n));
  }
  std::vector<SymmetryClass> classes;
  for (const auto& [root, nodes] : members) {
    SymmetryClass c;
    for (int n : nodes) {
      const Place& p = places_[n];
      if (p.kind == kIndex) {
        c.indices.emplace_back(p.a, p.b);
        c.lo = dimensions(p.a)[p.b]->lo;
        c.hi = dimensions(p.a)[p.b]->hi;
      } else if (p.kind == kValue) {
        c.values.push_back(p.a);
      }
    }
    if (c.indices.empty() || !int_indexed(c) || !usable(nodes, c.lo, c.hi)) {
      continue;
    }
    for (auto [action, loop] : loops_) {
      if (find(place(kLocal, action, loop->slot)) == root) {
        c.loops.push_back(
            {action, loop, always_exits(loop->body), uses_slot(loop->body, loop->slot)});
      }
    }
    classes.push_back(std::move(c));
  }
  return classes;
}

}  // namespace

std::vector<SymmetryClass> find_symmetry_classes(const spec::Model& model) {
  return ClassFinder(model).run();
}

}  // namespace solver
