// SPDX-License-Identifier: GPL-2.0
// Expressions: name resolution, typing, static intervals, constant folding,
// function inlining and quantifier expansion.

#include <charconv>

#include "spec/elaboration.h"

namespace spec::detail {
namespace {

bool is_foldable(ExprKind k) {
  switch (k) {
    case ExprKind::Not:
    case ExprKind::Neg:
    case ExprKind::And:
    case ExprKind::Or:
    case ExprKind::Implies:
    case ExprKind::Iff:
    case ExprKind::Eq:
    case ExprKind::Ne:
    case ExprKind::Lt:
    case ExprKind::Le:
    case ExprKind::Gt:
    case ExprKind::Ge:
    case ExprKind::Add:
    case ExprKind::Sub:
    case ExprKind::Mul:
    case ExprKind::Div:
    case ExprKind::Mod:
    case ExprKind::Ite:
    case ExprKind::RangeCheck:
      return true;
    default:
      return false;
  }
}

/// Evaluates an operator on literal operands; nullopt when the operation
/// fails (division by zero, range check), which is then left to run time.
std::optional<Value> fold(const Expr& e) {
  auto k = [&](std::size_t i) { return e.kids[i]->value; };
  switch (e.kind) {
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
      return k(0) == k(1);
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
      return arith::div(k(0), k(1));
    case ExprKind::Mod:
      return arith::mod(k(0), k(1));
    case ExprKind::Ite:
      return k(0) ? k(1) : k(2);
    case ExprKind::RangeCheck:
      if (k(0) < e.type->lo || k(0) > e.type->hi) {
        return std::nullopt;
      }
      return k(0);
    default:
      return std::nullopt;
  }
}

ExprKind binary_kind(ast::BinOp op) {
  switch (op) {
    case ast::BinOp::Iff:
      return ExprKind::Iff;
    case ast::BinOp::Implies:
      return ExprKind::Implies;
    case ast::BinOp::Since:
      return ExprKind::Since;
    case ast::BinOp::Or:
      return ExprKind::Or;
    case ast::BinOp::And:
      return ExprKind::And;
    case ast::BinOp::Eq:
      return ExprKind::Eq;
    case ast::BinOp::Ne:
      return ExprKind::Ne;
    case ast::BinOp::Lt:
      return ExprKind::Lt;
    case ast::BinOp::Le:
      return ExprKind::Le;
    case ast::BinOp::Gt:
      return ExprKind::Gt;
    case ast::BinOp::Ge:
      return ExprKind::Ge;
    case ast::BinOp::Add:
      return ExprKind::Add;
    case ast::BinOp::Sub:
      return ExprKind::Sub;
    case ast::BinOp::Mul:
      return ExprKind::Mul;
    case ast::BinOp::Div:
      return ExprKind::Div;
    case ast::BinOp::Mod:
      return ExprKind::Mod;
  }
  return ExprKind::And;
}

}  // namespace

std::string Elaboration::kind_name(const Type* t) const {
  switch (t->kind) {
    case TypeKind::Bool:
      return "a bool";
    case TypeKind::Int:
      return "an integer";
    case TypeKind::Enum:
      return "a " + type_name(t);
    case TypeKind::Array:
      return "an array " + type_name(t);
  }
  return "?";
}

const Type* Elaboration::int_type(arith::Interval i) {
  return model_.types->int_range(i.lo, i.hi);
}

arith::Interval Elaboration::interval(const Expr* e) const {
  return {e->type->lo, e->type->hi};
}

const Expr* Elaboration::make_node(Expr e) {
  bool step_atom = e.kind == ExprKind::Happens || e.kind == ExprKind::Did;
  for (const Expr* k : e.kids) {
    if (k == nullptr && !step_atom) {
      return nullptr;  // an operand failed (already reported)
    }
  }
  if (++node_count_ > kMaxNodes) {
    if (node_count_ == kMaxNodes + 1) {
      diags_.error(e.loc,
                   "the model is too large after inlining functions and expanding "
                   "quantifiers (more than " +
                       std::to_string(kMaxNodes) + " nodes)");
    }
    failed_ = true;
    return nullptr;
  }
  if (is_foldable(e.kind)) {
    bool all_literal = true;
    for (const Expr* k : e.kids) {
      all_literal = all_literal && k->kind == ExprKind::Literal;
    }
    if (all_literal) {
      if (auto v = fold(e)) {
        Expr lit;
        lit.kind = ExprKind::Literal;
        lit.type = e.type->is_int() ? int_type({*v, *v}) : e.type;
        lit.value = *v;
        lit.loc = e.loc;
        return model_.make(std::move(lit));
      }
    }
  }
  return model_.make(std::move(e));
}

const Expr* Elaboration::literal(const Type* t, Value v, SourceLoc loc) {
  Expr e;
  e.kind = ExprKind::Literal;
  e.type = t->is_int() ? int_type({v, v}) : t;
  e.value = v;
  e.loc = loc;
  return make_node(std::move(e));
}

bool Elaboration::contains_temporal(const Expr* e) const {
  if (e == nullptr) {
    return false;
  }
  if (e->is_temporal()) {
    return true;
  }
  for (const Expr* k : e->kids) {
    if (contains_temporal(k)) {
      return true;
    }
  }
  return false;
}

bool Elaboration::contains_step(const Expr* e) const {
  if (e == nullptr) {
    return false;
  }
  if (e->kind == ExprKind::Happens || e->kind == ExprKind::Did || e->kind == ExprKind::Returned) {
    return true;
  }
  for (const Expr* k : e->kids) {
    if (contains_step(k)) {
      return true;
    }
  }
  return false;
}

const Expr* Elaboration::coerce(const Expr* e, const Type* target, SourceLoc loc,
                                const std::string& what) {
  if (e == nullptr) {
    return nullptr;
  }
  if (!TypeTable::compatible(e->type, target)) {
    diags_.error(e->loc.valid ? e->loc : loc,
                 what + " must be " + kind_name(target) + ", not " + kind_name(e->type));
    return nullptr;
  }
  if (!target->is_int() || interval(e).within({target->lo, target->hi})) {
    return e;
  }
  Expr check;
  check.kind = ExprKind::RangeCheck;
  check.type = target;
  check.loc = e->loc.valid ? e->loc : loc;
  check.message = what + " is out of range " + type_name(target);
  check.kids = {e};
  const Expr* result = make_node(std::move(check));
  if (result != nullptr && result->kind == ExprKind::RangeCheck) {
    runtime_sites_ = runtime_sites_ || current_in_action_;
  }
  return result;
}

const Expr* Elaboration::scalar(const ast::Expr& e, const Env& env) {
  Operand op = elab(e, env);
  if (op.failed()) {
    return nullptr;
  }
  if (op.is_array()) {
    diags_.error(op.loc, "'" + model_.vars[op.var].name + "' is an array (" +
                             type_name(op.array_type) + "); index it to get a value");
    return nullptr;
  }
  return op.expr;
}

const Expr* Elaboration::boolean(const ast::Expr& e, const Env& env, const char* what) {
  const Expr* x = scalar(e, env);
  if (x != nullptr && !x->type->is_bool()) {
    diags_.error(x->loc, std::string(what) + " must be a bool, not " + kind_name(x->type));
    return nullptr;
  }
  return x;
}

Operand Elaboration::elab(const ast::Expr& e, const Env& env) {
  if (expr_depth_ >= kMaxExprDepth) {
    if (!too_deep_reported_) {
      too_deep_reported_ = true;
      diags_.error(ast::loc_of(e), "expression nested too deeply (more than " +
                                       std::to_string(kMaxExprDepth) +
                                       " levels, counting inlined functions and constants)");
    }
    failed_ = true;
    return {};
  }
  struct DepthScope {
    int& depth;
    explicit DepthScope(int& d) : depth(d) { ++depth; }
    ~DepthScope() { --depth; }
  } depth_scope(expr_depth_);
  struct Visitor {
    Elaboration& self;
    const Env& env;

    Operand scalar(const Expr* x) {
      Operand op;
      op.expr = x;
      if (x != nullptr) {
        op.loc = x->loc;
      }
      return op;
    }
    Operand operator()(const ast::BoolLit& n) {
      return scalar(self.literal(self.model_.types->boolean(), n.value, n.loc));
    }
    Operand operator()(const ast::IntLit& n) {
      Value v = 0;
      const char* first = n.text.data();
      const char* last = first + n.text.size();
      int base = 10;
      if (n.text.size() > 2 && n.text[0] == '0' && (n.text[1] == 'x' || n.text[1] == 'X')) {
        first += 2;
        base = 16;
      }
      auto [ptr, ec] = std::from_chars(first, last, v, base);
      if (ec != std::errc() || ptr != last || v > arith::kMagnitudeLimit) {
        self.diags_.error(n.loc, "integer literal " + n.text + " is too large (limit 2^62)");
        return {};
      }
      return scalar(self.literal(self.int_type({v, v}), v, n.loc));
    }
    Operand operator()(const ast::Wildcard& n) {
      self.diags_.error(n.loc, "'_' is only allowed as an argument of 'happens' or 'did'");
      return {};
    }
    Operand operator()(const ast::NameRef& n) { return self.elab_name(n, env); }
    Operand operator()(const x3::forward_ast<ast::Unary>& n) {
      return scalar(self.elab_unary(n.get(), env));
    }
    Operand operator()(const x3::forward_ast<ast::Binary>& n) {
      return scalar(self.elab_binary(n.get(), env));
    }
    Operand operator()(const x3::forward_ast<ast::Ternary>& n) {
      return scalar(self.elab_ternary(n.get(), env));
    }
    Operand operator()(const x3::forward_ast<ast::Call>& n) {
      return scalar(self.elab_call(n.get(), env));
    }
    Operand operator()(const x3::forward_ast<ast::Index>& n) {
      return self.elab_index(n.get(), env);
    }
    Operand operator()(const x3::forward_ast<ast::Quantifier>& n) {
      return scalar(self.elab_quantifier(n.get(), env));
    }
    Operand operator()(const x3::forward_ast<ast::StepAtom>& n) {
      return scalar(self.elab_step_atom(n.get(), env));
    }
  };
  Visitor v{*this, env};
  return boost::apply_visitor(v, e);
}

Operand Elaboration::elab_name(const ast::NameRef& n, const Env& env) {
  Operand op;
  op.loc = n.loc;
  if (const Local* local = env.scope != nullptr ? env.scope->find(n.name) : nullptr) {
    if (local->kind == Local::Kind::Substituted) {
      op.expr = local->subst;
      return op;
    }
    Expr e;
    e.kind = ExprKind::Local;
    e.type = local->type;
    e.slot = local->slot;
    e.loc = n.loc;
    op.expr = make_node(std::move(e));
    return op;
  }
  auto it = symbols_.find(n.name);
  if (it == symbols_.end()) {
    diags_.error(n.loc, "unknown name '" + n.name + "'");
    return op;
  }
  const Symbol& sym = it->second;
  switch (sym.kind) {
    case SymbolKind::Const:
      if (const Expr* v = const_value(sym.index, n.loc)) {
        op.expr = literal(v->type, v->value, n.loc);
      }
      return op;
    case SymbolKind::Member: {
      const EnumMemberInfo& m = members_[sym.index];
      int id = enum_ids_[m.enum_id];
      if (id >= 0) {
        op.expr = literal(model_.types->enumeration(id, model_.types->enum_info(id).members.size()),
                          m.ordinal, n.loc);
      }
      return op;
    }
    case SymbolKind::Var:
      return state_operand(n, sym, env);
    default:
      diags_.error(n.loc, not_a_value(n.name, sym.kind));
      return op;
  }
}

Operand Elaboration::state_operand(const ast::NameRef& n, const Symbol& sym, const Env& env) {
  Operand op;
  op.loc = n.loc;
  if (env.where == Where::Const) {
    diags_.error(n.loc, "'" + n.name + "' is a state variable; " + env.context +
                            " must be a constant expression");
    return op;
  }
  if (sym.index >= static_cast<int>(model_.vars.size()) || model_.vars[sym.index].type == nullptr) {
    return op;  // the variable's declaration had an error
  }
  const StateVar& var = model_.vars[sym.index];
  if (!var.type->is_scalar()) {
    op.var = sym.index;
    op.array_type = var.type;
    return op;
  }
  Expr e;
  e.kind = ExprKind::StateVar;
  e.type = var.type;
  e.slot = var.first_slot;
  e.loc = n.loc;
  op.expr = make_node(std::move(e));
  return op;
}

std::string Elaboration::not_a_value(const std::string& name, SymbolKind kind) const {
  switch (kind) {
    case SymbolKind::Type:
    case SymbolKind::Enum:
      return "'" + name + "' is a type, not a value";
    case SymbolKind::Fn:
      return "'" + name + "' is a function; call it with arguments in ()";
    case SymbolKind::Proc:
      return "'" + name + "' is a procedure, not a value";
    case SymbolKind::Event:
      return "'" + name + "' is an event; in a property write 'happens " + name + "'";
    case SymbolKind::Actor:
      return "'" + name + "' is an actor, not a value";
    default:
      return "'" + name + "' is not a value";
  }
}

const Expr* Elaboration::finish_element(const Operand& array, SourceLoc loc) {
  const StateVar& var = model_.vars[array.var];
  bool constant = true;
  for (const Expr* i : array.indices) {
    constant = constant && i->kind == ExprKind::Literal;
  }
  Expr e;
  e.type = var.type->scalar();
  e.loc = loc;
  if (constant) {
    std::int64_t slot = var.first_slot;
    const Type* t = var.type;
    for (const Expr* i : array.indices) {
      slot += (i->value - t->index->lo) * static_cast<std::int64_t>(t->element->slot_count());
      t = t->element;
    }
    e.kind = ExprKind::StateVar;
    e.slot = static_cast<int>(slot);
  } else {
    e.kind = ExprKind::StateElement;
    e.slot = var.first_slot;
    e.target = array.var;
    e.kids = array.indices;
  }
  return make_node(std::move(e));
}

Operand Elaboration::elab_index(const ast::Index& n, const Env& env) {
  Operand base = elab(n.base, env);
  const Expr* index = scalar(n.index, env);
  if (base.failed() || index == nullptr) {
    return {};
  }
  if (!base.is_array()) {
    diags_.error(n.loc, "only arrays can be indexed; this is " + kind_name(base.expr->type));
    return {};
  }
  const std::string& name = model_.vars[base.var].name;
  const Type* index_type = base.array_type->index;
  if (!TypeTable::compatible(index->type, index_type)) {
    diags_.error(index->loc, "an index of '" + name + "' must be " + kind_name(index_type) +
                                 ", not " + kind_name(index->type));
    return {};
  }
  if (index->kind == ExprKind::Literal &&
      (index->value < index_type->lo || index->value > index_type->hi)) {
    diags_.error(index->loc, "index " + model_.types->format_value(index->type, index->value) +
                                 " is out of range " + type_name(index_type) + " of '" + name +
                                 "'");
    return {};
  }
  index = coerce(index, index_type, n.loc, "an index of '" + name + "'");
  if (index == nullptr) {
    return {};
  }
  Operand result = base;
  result.indices.push_back(index);
  result.array_type = base.array_type->element;
  result.loc = base.loc;
  if (result.array_type->is_scalar()) {
    Operand scalar_op;
    scalar_op.expr = finish_element(result, base.loc);
    scalar_op.loc = base.loc;
    return scalar_op;
  }
  return result;
}

const Expr* Elaboration::elab_unary(const ast::Unary& n, const Env& env) {
  Expr e;
  e.loc = n.loc;
  switch (n.op) {
    case ast::UnOp::Not: {
      const Expr* x = boolean(n.operand, env, "the operand of '!'");
      if (x == nullptr) {
        return nullptr;
      }
      e.kind = ExprKind::Not;
      e.type = model_.types->boolean();
      e.kids = {x};
      return make_node(std::move(e));
    }
    case ast::UnOp::Neg: {
      const Expr* x = scalar(n.operand, env);
      if (x == nullptr) {
        return nullptr;
      }
      if (!x->type->is_int()) {
        diags_.error(x->loc,
                     "the operand of unary '-' must be an integer, not " + kind_name(x->type));
        return nullptr;
      }
      e.kind = ExprKind::Neg;
      e.type = int_type(arith::neg(interval(x)));
      e.kids = {x};
      return make_node(std::move(e));
    }
    case ast::UnOp::Prev:
    case ast::UnOp::Once:
    case ast::UnOp::Historically: {
      if (env.where != Where::Property) {
        diags_.error(n.loc, std::string("'") + ast::to_string(n.op) +
                                "' is only allowed in properties, not in " + env.context);
        return nullptr;
      }
      const Expr* x = boolean(n.operand, env, "the operand of a past-time operator");
      if (x == nullptr) {
        return nullptr;
      }
      e.kind = n.op == ast::UnOp::Prev   ? ExprKind::Prev
               : n.op == ast::UnOp::Once ? ExprKind::Once
                                         : ExprKind::Historically;
      e.type = model_.types->boolean();
      e.kids = {x};
      return make_node(std::move(e));
    }
    case ast::UnOp::Returned: {
      if (env.where != Where::Property) {
        diags_.error(
            n.loc, "'returned' is only allowed in properties, not in " + std::string(env.context));
        return nullptr;
      }
      const Expr* x = scalar(n.operand, env);
      if (x == nullptr) {
        return nullptr;
      }
      bool some_action_returns_it = false;
      for (const Action& a : model_.actions) {
        some_action_returns_it =
            some_action_returns_it || (a.result && TypeTable::compatible(x->type, a.result));
      }
      if (!some_action_returns_it) {
        diags_.error(x->loc, "no action returns " + kind_name(x->type));
        return nullptr;
      }
      e.kind = ExprKind::Returned;
      e.type = model_.types->boolean();
      e.kids = {x};
      return make_node(std::move(e));
    }
  }
  return nullptr;
}

const Expr* Elaboration::elab_binary(const ast::Binary& n, const Env& env) {
  ExprKind kind = binary_kind(n.op);
  std::string op = std::string("'") + ast::to_string(n.op) + "'";
  Expr e;
  e.kind = kind;
  e.loc = n.loc;
  e.type = model_.types->boolean();
  switch (kind) {
    case ExprKind::And:
    case ExprKind::Or:
    case ExprKind::Implies:
    case ExprKind::Iff:
    case ExprKind::Since: {
      if (kind == ExprKind::Since && env.where != Where::Property) {
        diags_.error(n.loc,
                     "'since' is only allowed in properties, not in " + std::string(env.context));
        return nullptr;
      }
      std::string what = "the operands of " + op;
      e.kids = {boolean(n.lhs, env, what.c_str()), boolean(n.rhs, env, what.c_str())};
      break;
    }
    case ExprKind::Eq:
    case ExprKind::Ne:
      e.kids = {scalar(n.lhs, env), scalar(n.rhs, env)};
      if (e.kids[0] != nullptr && e.kids[1] != nullptr &&
          !TypeTable::compatible(e.kids[0]->type, e.kids[1]->type)) {
        diags_.error(n.loc, "cannot compare " + kind_name(e.kids[0]->type) + " with " +
                                kind_name(e.kids[1]->type));
        return nullptr;
      }
      break;
    default:
      return elab_arithmetic(n, env, std::move(e), op);
  }
  if (e.kids[0] == nullptr || e.kids[1] == nullptr) {
    return nullptr;
  }
  return make_node(std::move(e));
}

// Ordering and arithmetic: integers only, with the static interval of the
// result (checked against the magnitude every engine can represent).
const Expr* Elaboration::elab_arithmetic(const ast::Binary& n, const Env& env, Expr e,
                                         const std::string& op) {
  const Expr* a = scalar(n.lhs, env);
  const Expr* b = scalar(n.rhs, env);
  if (a == nullptr || b == nullptr) {
    return nullptr;
  }
  for (const Expr* x : {a, b}) {
    if (!x->type->is_int()) {
      diags_.error(x->loc,
                   "the operands of " + op + " must be integers, not " + kind_name(x->type));
      return nullptr;
    }
  }
  e.kids = {a, b};
  if (e.kind == ExprKind::Lt || e.kind == ExprKind::Le || e.kind == ExprKind::Gt ||
      e.kind == ExprKind::Ge) {
    return make_node(std::move(e));
  }
  arith::Interval ia = interval(a), ib = interval(b);
  arith::Interval r = e.kind == ExprKind::Add   ? arith::add(ia, ib)
                      : e.kind == ExprKind::Sub ? arith::sub(ia, ib)
                      : e.kind == ExprKind::Mul ? arith::mul(ia, ib)
                      : e.kind == ExprKind::Div ? arith::div(ia, ib)
                                                : arith::mod(ia, ib);
  if (!arith::within_limit(r)) {
    diags_.error(n.loc, "the result of " + op + " may exceed ±2^62");
    return nullptr;
  }
  e.type = int_type(r);
  bool may_divide_by_zero = (e.kind == ExprKind::Div || e.kind == ExprKind::Mod) && ib.contains(0);
  const Expr* result = make_node(std::move(e));
  if (result != nullptr && may_divide_by_zero) {
    if (env.where == Where::Const) {
      diags_.error(n.loc, "division by zero in a constant expression");
      return nullptr;
    }
    runtime_sites_ = runtime_sites_ || current_in_action_;
  }
  return result;
}

const Expr* Elaboration::elab_ternary(const ast::Ternary& n, const Env& env) {
  const Expr* c = boolean(n.cond, env, "the condition of '?:'");
  const Expr* a = scalar(n.then_expr, env);
  const Expr* b = scalar(n.else_expr, env);
  if (c == nullptr || a == nullptr || b == nullptr) {
    return nullptr;
  }
  if (!TypeTable::compatible(a->type, b->type)) {
    diags_.error(n.loc, "the branches of '?:' have different types: " + kind_name(a->type) +
                            " and " + kind_name(b->type));
    return nullptr;
  }
  Expr e;
  e.kind = ExprKind::Ite;
  e.loc = n.loc;
  e.type = a->type->is_int() ? int_type(arith::hull(interval(a), interval(b))) : a->type;
  e.kids = {c, a, b};
  return make_node(std::move(e));
}

const Expr* Elaboration::elab_call(const ast::Call& n, const Env& env) {
  const std::string& name = n.callee.name;
  auto it = symbols_.find(name);
  if (it == symbols_.end()) {
    diags_.error(n.callee.loc, "unknown function '" + name + "'");
    return nullptr;
  }
  if (it->second.kind == SymbolKind::Proc) {
    diags_.error(n.callee.loc, "'" + name + "' is a procedure: call it as a statement ('" + name +
                                   "(...);') or as the value of a 'let'");
    return nullptr;
  }
  if (it->second.kind != SymbolKind::Fn) {
    diags_.error(n.callee.loc, "'" + name + "' is not a function");
    return nullptr;
  }
  FnInfo* f = fn_signature(it->second.index);
  if (f == nullptr) {
    return nullptr;
  }
  if (n.args.size() != f->params.size()) {
    diags_.error(n.loc, "'" + name + "' takes " + std::to_string(f->params.size()) +
                            " argument(s), not " + std::to_string(n.args.size()));
    return nullptr;
  }
  for (const std::string& active : fn_stack_) {
    if (active == name) {
      diags_.error(n.callee.loc, "recursive call to '" + name + "': functions cannot be recursive");
      return nullptr;
    }
  }
  Scope scope;
  scope.barrier = true;
  bool ok = true;
  for (std::size_t i = 0; i < n.args.size(); ++i) {
    const std::string& pname = f->decl->params[i].name.name;
    const Expr* arg = scalar(n.args[i], env);
    arg = coerce(arg, f->params[i], ast::loc_of(n.args[i]),
                 "argument '" + pname + "' of '" + name + "'");
    if (arg == nullptr) {
      ok = false;
      continue;
    }
    scope.names[pname] = Local{Local::Kind::Substituted, -1, f->params[i], arg, n.loc};
  }
  if (!ok) {
    return nullptr;
  }
  fn_stack_.push_back(name);
  Env body_env = env;
  body_env.where = env.where == Where::Const ? Where::Const : Where::State;
  body_env.scope = &scope;
  // Errors in the body are the function's, whatever the caller is (and
  // then read the same as when the declaration itself is checked).
  body_env.context = env.where == Where::Const ? env.context : "a function body";
  const Expr* body = scalar(f->decl->body, body_env);
  fn_stack_.pop_back();
  if (body == nullptr) {
    return nullptr;
  }
  if (!TypeTable::compatible(body->type, f->result)) {
    return nullptr;  // reported once, when the declaration is checked
  }
  return coerce(body, f->result, n.loc, "the result of '" + name + "'");
}

const Expr* Elaboration::elab_quantifier(const ast::Quantifier& n, const Env& env) {
  if (env.frame == nullptr) {
    diags_.error(n.loc, std::string("a quantifier is not allowed in ") + env.context);
    return nullptr;
  }
  return elab_quantifier_from(n, 0, env);
}

const Expr* Elaboration::elab_quantifier_from(const ast::Quantifier& n, std::size_t binder,
                                              const Env& env) {
  if (binder == n.binders.size()) {
    if (n.kind == ast::QuantKind::Count) {
      return boolean(n.body, env, "the body of 'count'");
    }
    return boolean(n.body, env, "the body of a quantifier");
  }
  const ast::Binder& b = n.binders[binder];
  if (binder >= static_cast<std::size_t>(kMaxExprDepth)) {
    diags_.error(b.name.loc,
                 "a quantifier has more than " + std::to_string(kMaxExprDepth) + " binders");
    return nullptr;
  }
  const Type* domain = resolve_domain(b.type, ("'" + b.name.name + "'").c_str());
  if (domain == nullptr) {
    return nullptr;
  }
  // Nested binders multiply the work of one evaluation; bound it, so that no
  // formula can stall an engine between its timeout checks.
  EnumerationScope enumerating(*this, domain->domain_size(), b.name.loc);
  if (!enumerating.ok) {
    return nullptr;
  }
  // Like every local, a bound variable must not hide another name.
  if ((env.scope != nullptr && env.scope->find(b.name.name) != nullptr) ||
      symbols_.count(b.name.name)) {
    diags_.error(b.name.loc, "bound variable '" + b.name.name + "' would hide another name");
    return nullptr;
  }
  Scope scope;
  scope.parent = env.scope;
  int slot = env.frame->allocate();
  scope.names[b.name.name] = Local{Local::Kind::Binder, slot, domain, nullptr, b.name.loc};
  Env inner = env;
  inner.scope = &scope;
  const Expr* body = elab_quantifier_from(n, binder + 1, inner);
  if (body == nullptr) {
    return nullptr;
  }
  if (env.where == Where::Property && contains_temporal(body)) {
    return expand_quantifier(n, binder, domain, env);
  }
  return quantifier_node(n, binder, domain, slot, body);
}

// Past-time operators need one monitor per value of the bound variable: the
// quantifier becomes a finite conjunction, disjunction or sum.
const Expr* Elaboration::expand_quantifier(const ast::Quantifier& n, std::size_t binder,
                                           const Type* domain, const Env& env) {
  const ast::Binder& b = n.binders[binder];
  bool inner_is_count = n.kind == ast::QuantKind::Count && binder + 1 < n.binders.size();
  const Expr* acc = nullptr;
  for (Value v = domain->lo; v <= domain->hi; ++v) {
    Scope fixed;
    fixed.parent = env.scope;
    fixed.names[b.name.name] =
        Local{Local::Kind::Substituted, -1, domain, literal(domain, v, b.name.loc), b.name.loc};
    Env one = env;
    one.scope = &fixed;
    const Expr* instance = elab_quantifier_from(n, binder + 1, one);
    if (instance == nullptr) {
      return nullptr;
    }
    if (n.kind == ast::QuantKind::Count && !inner_is_count) {
      Expr ite;
      ite.kind = ExprKind::Ite;
      ite.loc = n.loc;
      ite.type = int_type({0, 1});
      ite.kids = {instance, literal(int_type({1, 1}), 1, n.loc),
                  literal(int_type({0, 0}), 0, n.loc)};
      instance = make_node(std::move(ite));
    }
    if (acc == nullptr) {
      acc = instance;
      continue;
    }
    Expr join;
    join.loc = n.loc;
    join.kids = {acc, instance};
    if (n.kind == ast::QuantKind::Count) {
      join.kind = ExprKind::Add;
      join.type = int_type(arith::add(interval(acc), interval(instance)));
    } else {
      join.kind = n.kind == ast::QuantKind::Forall ? ExprKind::And : ExprKind::Or;
      join.type = model_.types->boolean();
    }
    if ((acc = make_node(std::move(join))) == nullptr) {
      return nullptr;
    }
  }
  return acc;
}

const Expr* Elaboration::quantifier_node(const ast::Quantifier& n, std::size_t binder,
                                         const Type* domain, int slot, const Expr* body) {
  Expr e;
  e.loc = n.loc;
  e.domain = domain;
  e.slot = slot;
  e.kids = {body};
  e.type = model_.types->boolean();
  e.kind = n.kind == ast::QuantKind::Forall ? ExprKind::Forall : ExprKind::Exists;
  if (n.kind != ast::QuantKind::Count) {
    return make_node(std::move(e));
  }
  // The inner binders of `count x, y. e` are counted as pairs: count over x
  // of (count over y of e) is a sum, so nested counts add up.
  if (binder + 1 < n.binders.size()) {
    e.kind = ExprKind::Sum;
    __int128 top = static_cast<__int128>(body->type->hi) * domain->domain_size();
    if (top > arith::kMagnitudeLimit) {
      diags_.error(n.loc, "the result of 'count' may exceed ±2^62");
      return nullptr;
    }
    e.type = int_type({0, static_cast<Value>(top)});
  } else {
    e.kind = ExprKind::Count;
    e.type = int_type({0, static_cast<Value>(domain->domain_size())});
  }
  return make_node(std::move(e));
}

const Expr* Elaboration::elab_step_atom(const ast::StepAtom& n, const Env& env) {
  const char* word = n.kind == ast::StepAtomKind::Happens ? "happens" : "did";
  if (env.where != Where::Property) {
    diags_.error(
        n.loc, std::string("'") + word + "' is only allowed in properties, not in " + env.context);
    return nullptr;
  }
  Expr e;
  e.loc = n.loc;
  e.type = model_.types->boolean();
  e.has_arguments = n.args.has_value();
  const std::vector<Param>* params = nullptr;
  std::string what;
  if (n.kind == ast::StepAtomKind::Happens) {
    e.kind = ExprKind::Happens;
    if (n.path.size() != 1) {
      diags_.error(n.path[1].loc, "an event name is a single identifier");
      return nullptr;
    }
    auto it = symbols_.find(n.path[0].name);
    if (it == symbols_.end() || it->second.kind != SymbolKind::Event) {
      diags_.error(n.path[0].loc, "unknown event '" + n.path[0].name + "'");
      return nullptr;
    }
    e.target = it->second.index;
    params = &model_.events[e.target].params;
    what = "event '" + n.path[0].name + "'";
  } else {
    e.kind = ExprKind::Did;
    if ((e.target = resolve_action(n.path)) < 0) {
      return nullptr;
    }
    params = &model_.actions[e.target].params;
    what = "action '" + model_.actions[e.target].qualified_name() + "'";
  }
  if (n.args && !step_atom_arguments(n, env, *params, what, e)) {
    return nullptr;
  }
  return make_node(std::move(e));
}

int Elaboration::resolve_action(const std::vector<ast::Identifier>& path) {
  if (path.size() > 2) {
    diags_.error(path[2].loc, "an action is written 'action' or 'actor.action'");
    return -1;
  }
  std::vector<int> matches;
  for (const Action& a : model_.actions) {
    bool match = path.size() == 1 ? a.name == path[0].name
                                  : a.actor == path[0].name && a.name == path[1].name;
    if (match) {
      matches.push_back(a.id);
    }
  }
  std::string written = path[0].name + (path.size() > 1 ? "." + path[1].name : "");
  if (matches.empty()) {
    diags_.error(path[0].loc, "unknown action '" + written + "'");
    return -1;
  }
  if (matches.size() > 1) {
    diags_.error(path[0].loc,
                 "several actors have an action '" + written + "'; write 'actor." + written + "'");
    return -1;
  }
  return matches[0];
}

bool Elaboration::step_atom_arguments(const ast::StepAtom& n, const Env& env,
                                      const std::vector<Param>& params, const std::string& what,
                                      Expr& e) {
  if (n.args->size() != params.size()) {
    diags_.error(n.loc, what + " has " + std::to_string(params.size()) + " parameter(s), not " +
                            std::to_string(n.args->size()));
    return false;
  }
  for (std::size_t i = 0; i < n.args->size(); ++i) {
    const ast::Expr& arg = (*n.args)[i];
    if (boost::get<ast::Wildcard>(&arg) != nullptr) {
      e.kids.push_back(nullptr);
      continue;
    }
    const Expr* x = scalar(arg, env);
    const Type* pt = params[i].type;
    if (x == nullptr || pt == nullptr) {
      return false;
    }
    if (!TypeTable::compatible(x->type, pt)) {
      diags_.error(x->loc, "argument '" + params[i].name + "' of " + what + " is " + kind_name(pt) +
                               ", not " + kind_name(x->type));
      return false;
    }
    e.kids.push_back(x);
  }
  return true;
}

}  // namespace spec::detail
