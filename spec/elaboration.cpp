// SPDX-License-Identifier: GPL-2.0
// Declarations, constants, types, state, events, obligations and checks.

#include "spec/elaboration.h"

#include <algorithm>
#include <charconv>

#include "spec/parser.h"

namespace spec::detail {

const Local* Scope::find(const std::string& n) const {
  for (const Scope* s = this; s != nullptr; s = s->parent) {
    auto it = s->names.find(n);
    if (it != s->names.end()) {
      return &it->second;
    }
    if (s->barrier) {
      break;
    }
  }
  return nullptr;
}

EnumerationScope::EnumerationScope(Elaboration& e, std::uint64_t values, SourceLoc loc)
    : elaboration(e), saved(e.enumeration_) {
  e.enumeration_ = e.enumeration_ * std::max<std::uint64_t>(values, 1);
  if (e.enumeration_ > kMaxEnumerationProduct) {
    e.diags_.error(loc, "nested quantifiers and loops here enumerate " +
                            std::to_string(e.enumeration_) + " combinations of values; at most " +
                            std::to_string(kMaxEnumerationProduct) + " are allowed");
    ok = false;
  }
}

EnumerationScope::~EnumerationScope() {
  elaboration.enumeration_ = saved;
}

Elaboration::Elaboration(const ast::File& file, const SourceFile& source, Diagnostics& diags)
    : file_(file), source_(source), diags_(diags) {}

bool Elaboration::declare(const std::string& name, SymbolKind kind, int index, SourceLoc loc) {
  auto [it, inserted] = symbols_.try_emplace(name, Symbol{kind, index, loc});
  if (!inserted) {
    diags_.error(loc, "'" + name + "' is already declared");
    diags_.note(it->second.loc, "previous declaration of '" + name + "' is here");
    return false;
  }
  return true;
}

void Elaboration::collect_symbols() {
  auto count = [](const auto& list) { return static_cast<int>(list.size()) - 1; };
  auto collect = ast::Overloaded{
      [&](const ast::ConstDecl& c) {
        consts_.push_back({&c});
        declare(c.name.name, SymbolKind::Const, count(consts_), c.name.loc);
      },
      [&](const ast::TypeDecl& t) {
        type_decls_.push_back({&t});
        declare(t.name.name, SymbolKind::Type, count(type_decls_), t.name.loc);
      },
      [&](const ast::EnumDecl& e) {
        enum_decls_.push_back(&e);
        int index = count(enum_decls_);
        declare(e.name.name, SymbolKind::Enum, index, e.name.loc);
        for (const ast::EnumMember& m : e.members) {
          members_.push_back({index, 0});
          declare(m.name.name, SymbolKind::Member, count(members_), m.name.loc);
        }
      },
      [&](const ast::VarDecl& v) {
        var_decls_.push_back(&v);
        declare(v.name.name, SymbolKind::Var, count(var_decls_), v.name.loc);
      },
      [&](const ast::FnDecl& f) {
        fns_.push_back(FnInfo{&f, false, false, {}, nullptr});
        declare(f.name.name, SymbolKind::Fn, count(fns_), f.name.loc);
      },
      [&](const ast::EventDecl& ev) {
        event_decls_.push_back(&ev);
        declare(ev.name.name, SymbolKind::Event, count(event_decls_), ev.name.loc);
      },
      [&](const ast::ProcDecl& p) {
        procs_.emplace_back().decl = &p;
        declare(p.name.name, SymbolKind::Proc, count(procs_), p.name.loc);
      },
      [&](const ast::ActorDecl& a) {
        actor_decls_.push_back(&a);
        declare(a.name.name, SymbolKind::Actor, count(actor_decls_), a.name.loc);
        for (const ast::ActionDecl& action : a.actions) {
          action_sources_.push_back({a.name.name, &action, false});
        }
      },
      [&](const ast::ActionDecl& action) {
        action_sources_.push_back({file_.model ? file_.model->name.name : "", &action, true});
      },
      // Declared nowhere: these name no symbol (obligation and cover names
      // have namespaces of their own).
      [](const ast::InitDecl&) {}, [](const ast::InvariantDecl&) {},
      [](const ast::PropertyDecl&) {}, [](const ast::CheckDecl&) {}, [](const ast::CoverDecl&) {}};
  for (const ast::Decl& d : file_.decls) {
    boost::apply_visitor(collect, d);
  }
}

// --------------------------------------------------------------- constants

std::optional<Value> Elaboration::const_int(const ast::Expr& e, const char* what) {
  Env env{Where::Const, nullptr, nullptr, what};
  const Expr* x = scalar(e, env);
  if (x == nullptr) {
    return std::nullopt;
  }
  if (x->kind != ExprKind::Literal) {
    diags_.error(x->loc, std::string(what) + " must be a constant expression");
    return std::nullopt;
  }
  if (!x->type->is_int()) {
    diags_.error(x->loc, std::string(what) + " must be an integer, not " + type_name(x->type));
    return std::nullopt;
  }
  return x->value;
}

const Expr* Elaboration::const_value(int index, SourceLoc use) {
  ConstInfo& c = consts_[index];
  switch (c.progress) {
    case Progress::Done:
      return c.value;
    case Progress::Failed:
      return nullptr;
    case Progress::InProgress:
      diags_.error(use, "constant '" + c.decl->name.name + "' depends on itself");
      c.progress = Progress::Failed;
      return nullptr;
    case Progress::NotStarted:
      break;
  }
  c.progress = Progress::InProgress;
  if (c.decl->type) {
    c.declared = resolve_type(*c.decl->type, false);
  }
  const Expr* value = nullptr;
  if (settings_.count(index)) {
    value = setting_value(index);
    if (value != nullptr && c.declared == nullptr) {
      // An untyped constant keeps the kind of its default value.
      Env env{Where::Const, nullptr, nullptr, "a constant"};
      const Expr* def = scalar(c.decl->value, env);
      if (def != nullptr && !TypeTable::compatible(value->type, def->type)) {
        diags_.error(value->loc.valid ? value->loc : c.decl->name.loc,
                     "constant '" + c.decl->name.name + "' is " + kind_name(def->type) +
                         "; it cannot be set to " + kind_name(value->type));
        value = nullptr;
      }
    }
  } else {
    Env env{Where::Const, nullptr, nullptr, "a constant"};
    value = scalar(c.decl->value, env);
    if (value != nullptr && value->kind != ExprKind::Literal) {
      diags_.error(value->loc, "the value of constant '" + c.decl->name.name +
                                   "' must be a constant expression");
      value = nullptr;
    }
  }
  if (value != nullptr && c.declared != nullptr) {
    // A --set value has no position in the file: point at the declaration.
    SourceLoc where = value->loc.valid ? value->loc : c.decl->name.loc;
    if (!TypeTable::compatible(value->type, c.declared)) {
      diags_.error(where, "constant '" + c.decl->name.name + "' is declared " +
                              type_name(c.declared) + " but its value is " +
                              type_name(value->type));
      value = nullptr;
    } else if (c.declared->is_int() &&
               (value->value < c.declared->lo || value->value > c.declared->hi)) {
      diags_.error(where, "value " + std::to_string(value->value) + " of constant '" +
                              c.decl->name.name + "' is outside " + type_name(c.declared));
      value = nullptr;
    } else {
      value = literal(c.declared->is_int() ? int_type({value->value, value->value}) : c.declared,
                      value->value, value->loc);
    }
  }
  if (c.progress == Progress::Failed || value == nullptr) {
    c.progress = Progress::Failed;
    return nullptr;
  }
  c.value = value;
  c.progress = Progress::Done;
  return value;
}

// ------------------------------------------------------------------- types

const Type* Elaboration::resolve_type(const ast::TypeExpr& t, bool allow_array) {
  const Type* element = t.range ? range_type(t) : named_type(t);
  if (element == nullptr) {
    return nullptr;
  }
  // `T[I][J]`: indexed by I first, so J is the inner dimension.
  std::vector<const Type*> indices;
  for (const auto& dim : t.dims) {
    const Type* index = resolve_type(dim.get(), false);
    if (index == nullptr) {
      return nullptr;
    }
    if (!index->is_scalar()) {
      diags_.error(dim.get().loc, "an array index type must be bool, a range or an enum");
      return nullptr;
    }
    if (index->domain_size() > kMaxStateSlots) {
      diags_.error(dim.get().loc, "array dimension " + type_name(index) + " is too large");
      return nullptr;
    }
    indices.push_back(index);
  }
  const Type* result = element;
  for (auto it = indices.rbegin(); it != indices.rend(); ++it) {
    if (result->slot_count() * (*it)->domain_size() > kMaxStateSlots) {
      diags_.error(t.loc,
                   "array type has more than " + std::to_string(kMaxStateSlots) + " elements");
      return nullptr;
    }
    result = model_.types->array(result, *it);
  }
  if (!allow_array && !result->is_scalar()) {
    diags_.error(t.loc, "an array type is not allowed here");
    return nullptr;
  }
  return result;
}

const Type* Elaboration::range_type(const ast::TypeExpr& t) {
  const ast::RangeType& r = t.range->get();
  auto lo = const_int(r.lo, "a range bound");
  auto hi = const_int(r.hi, "a range bound");
  if (!lo || !hi) {
    return nullptr;
  }
  if (*lo > *hi) {
    diags_.error(t.loc, "empty range " + std::to_string(*lo) + ".." + std::to_string(*hi));
    return nullptr;
  }
  if (!arith::within_limit({*lo, *hi})) {
    diags_.error(t.loc, "range bounds must lie within ±2^62");
    return nullptr;
  }
  return model_.types->int_range(*lo, *hi);
}

/// bool, an enum, or a `type` declaration (resolved on first use; a cycle
/// is an error).
const Type* Elaboration::named_type(const ast::TypeExpr& t) {
  if (t.name == "bool") {
    return model_.types->boolean();
  }
  auto it = symbols_.find(t.name);
  if (it == symbols_.end()) {
    diags_.error(t.loc, "unknown type '" + t.name + "'");
    return nullptr;
  }
  if (it->second.kind == SymbolKind::Enum) {
    int id = enum_ids_[it->second.index];
    return id < 0 ? nullptr
                  : model_.types->enumeration(id, model_.types->enum_info(id).members.size());
  }
  if (it->second.kind != SymbolKind::Type) {
    diags_.error(t.loc, "'" + t.name + "' is not a type");
    return nullptr;
  }
  TypeInfo& info = type_decls_[it->second.index];
  if (info.progress == Progress::InProgress) {
    diags_.error(t.loc, "type '" + t.name + "' is defined in terms of itself");
    info.progress = Progress::Failed;
    return nullptr;
  }
  if (info.progress == Progress::NotStarted) {
    info.progress = Progress::InProgress;
    info.type = resolve_type(info.decl->type, true);
    if (info.progress != Progress::Failed) {
      info.progress = info.type ? Progress::Done : Progress::Failed;
    }
  }
  return info.progress == Progress::Done ? info.type : nullptr;
}

const Type* Elaboration::resolve_domain(const ast::TypeExpr& t, const char* what) {
  const Type* type = resolve_type(t, false);
  if (type == nullptr) {
    return nullptr;
  }
  if (type->domain_size() > kMaxEnumerable) {
    diags_.error(t.loc, std::string("the domain of ") + what + " has " +
                            std::to_string(type->domain_size()) + " values; at most " +
                            std::to_string(kMaxEnumerable) + " can be enumerated");
    return nullptr;
  }
  return type;
}

void Elaboration::elaborate_enums() {
  enum_ids_.assign(enum_decls_.size(), -1);
  std::size_t member_index = 0;
  for (std::size_t i = 0; i < enum_decls_.size(); ++i) {
    const ast::EnumDecl& e = *enum_decls_[i];
    EnumInfo info;
    info.name = e.name.name;
    info.loc = e.name.loc;
    Value next = 0;
    bool ok = true;
    for (const ast::EnumMember& m : e.members) {
      members_[member_index].ordinal = static_cast<Value>(info.members.size());
      ++member_index;
      Value c_value = next;
      if (m.value) {
        auto v = const_int(*m.value, "an enum member's value");
        if (!v) {
          ok = false;
          continue;
        }
        c_value = *v;
      }
      info.members.push_back(m.name.name);
      info.c_values.push_back(c_value);
      next = c_value + 1;
    }
    if (ok) {
      enum_ids_[i] = model_.types->add_enum(std::move(info));
    }
  }
}

// ------------------------------------------------------------ const settings

void Elaboration::apply_settings(const std::vector<ConstSetting>& settings,
                                 const ast::CheckDecl* check) {
  auto find_const = [&](const std::string& name) -> int {
    auto it = symbols_.find(name);
    if (it == symbols_.end() || it->second.kind != SymbolKind::Const) {
      return -1;
    }
    return it->second.index;
  };
  if (check != nullptr) {
    for (const ast::CheckItem& item : check->items) {
      auto* set = boost::get<ast::CheckSet>(&item);
      if (set == nullptr) {
        continue;
      }
      int index = find_const(set->name.name);
      if (index < 0) {
        diags_.error(set->name.loc, "no constant named '" + set->name.name + "' to set");
      } else if (settings_.count(index)) {
        diags_.error(set->name.loc, "constant '" + set->name.name + "' is set twice");
      } else {
        settings_[index].check_value = &set->value;
      }
    }
  }
  // Command-line settings win over check blocks.
  for (const ConstSetting& s : settings) {
    int index = find_const(s.name);
    if (index < 0) {
      diags_.error(SourceLoc{},
                   "--set " + s.name + ": the model has no constant named '" + s.name + "'");
      continue;
    }
    settings_[index].command_line = &s;
  }
}

const Expr* Elaboration::setting_value(int index) {
  const Setting& setting = settings_.at(index);
  if (setting.command_line != nullptr) {
    return command_line_value(*setting.command_line);
  }
  Env env{Where::Const, nullptr, nullptr, "a setting"};
  const Expr* v = scalar(*setting.check_value, env);
  if (v != nullptr && v->kind != ExprKind::Literal) {
    diags_.error(v->loc, "a setting must be a constant expression");
    return nullptr;
  }
  return v;
}

/// NAME=VALUE from the command line: an integer, true, false or an enum
/// member, as a literal without a position in the file.
const Expr* Elaboration::command_line_value(const ConstSetting& s) {
  const std::string& text = s.value;
  Value number = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(first, last, number);
  if (!text.empty() && ec == std::errc() && ptr == last) {
    if (number < -arith::kMagnitudeLimit || number > arith::kMagnitudeLimit) {
      diags_.error(SourceLoc{}, "--set " + s.name + "=" + text +
                                    ": the value is too large (limit 2^62, as for literals)");
      return nullptr;
    }
    return literal(int_type({number, number}), number, SourceLoc{});
  }
  if (text == "true" || text == "false") {
    return literal(model_.types->boolean(), text == "true", SourceLoc{});
  }
  auto it = symbols_.find(text);
  if (it != symbols_.end() && it->second.kind == SymbolKind::Member) {
    const EnumMemberInfo& m = members_[it->second.index];
    // An enum still being elaborated (its C values use this constant) has
    // no id yet.
    int id = static_cast<std::size_t>(m.enum_id) < enum_ids_.size() ? enum_ids_[m.enum_id] : -1;
    if (id >= 0) {
      return literal(model_.types->enumeration(id, model_.types->enum_info(id).members.size()),
                     m.ordinal, SourceLoc{});
    }
  }
  diags_.error(SourceLoc{}, "--set " + s.name + "=" + text +
                                ": the value must be an integer, true, false or an enum member");
  return nullptr;
}

// ------------------------------------------------------------------- state

void Elaboration::elaborate_vars() {
  for (const ast::VarDecl* d : var_decls_) {
    StateVar var;
    var.name = d->name.name;
    var.loc = d->name.loc;
    var.type = resolve_type(d->type, true);
    var.first_slot = static_cast<int>(model_.slots.size());
    int var_index = static_cast<int>(model_.vars.size());
    if (var.type == nullptr) {
      failed_ = true;
      model_.vars.push_back(var);
      continue;
    }
    const Type* scalar_type = var.type->scalar();
    if (scalar_type->is_int() &&
        (scalar_type->lo < -kMaxStateMagnitude || scalar_type->hi > kMaxStateMagnitude)) {
      diags_.error(d->type.loc,
                   "state variables must fit in 32 bits; " + type_name(scalar_type) + " does not");
      failed_ = true;
    }
    if (model_.slots.size() + var.type->slot_count() > kMaxStateSlots) {
      diags_.error(d->name.loc,
                   "the state has more than " + std::to_string(kMaxStateSlots) + " scalar slots");
      failed_ = true;
      model_.vars.push_back(var);
      continue;
    }
    // Name every slot for traces: x, a[1], m[EBUSY][true].
    std::vector<std::string> names{var.name};
    for (const Type* t = var.type; !t->is_scalar(); t = t->element) {
      std::vector<std::string> next;
      for (const std::string& prefix : names) {
        for (Value v = t->index->lo; v <= t->index->hi; ++v) {
          next.push_back(prefix + "[" + model_.types->format_value(t->index, v) + "]");
        }
      }
      names.swap(next);
    }
    for (std::string& n : names) {
      model_.slots.push_back({var_index, std::move(n), scalar_type});
    }
    if (d->init) {
      Env env{Where::Const, nullptr, nullptr, "an initializer"};
      const Expr* init = scalar(*d->init, env);
      if (init != nullptr && init->kind != ExprKind::Literal) {
        diags_.error(init->loc,
                     "an initializer must be a constant; use 'init' to relate variables");
        init = nullptr;
      }
      if (init != nullptr) {
        init = coerce(init, scalar_type, init->loc, "the initial value of '" + var.name + "'");
      }
      if (init != nullptr && init->kind != ExprKind::Literal) {
        diags_.error(init->loc, "the initial value " + std::to_string(init->kids[0]->value) +
                                    " of '" + var.name + "' is outside " + type_name(scalar_type));
        init = nullptr;
        failed_ = true;
      }
      var.init = init;
    }
    model_.vars.push_back(var);
  }
}

void Elaboration::elaborate_events() {
  for (const ast::EventDecl* d : event_decls_) {
    Event ev;
    ev.name = d->name.name;
    ev.loc = d->name.loc;
    std::set<std::string> seen;
    for (const ast::Param& p : d->params) {
      if (!seen.insert(p.name.name).second) {
        diags_.error(p.name.loc, "duplicate parameter '" + p.name.name + "'");
      }
      const Type* t = resolve_type(p.type, false);
      ev.params.push_back({p.name.name, t, -1, p.name.loc});
    }
    model_.events.push_back(std::move(ev));
  }
}

FnInfo* Elaboration::fn_signature(int index) {
  FnInfo& f = fns_[index];
  if (!f.signature_done) {
    f.signature_done = true;
    f.signature_ok = true;
    std::set<std::string> seen;
    for (const ast::Param& p : f.decl->params) {
      if (!seen.insert(p.name.name).second) {
        diags_.error(p.name.loc, "duplicate parameter '" + p.name.name + "'");
        f.signature_ok = false;
      } else if (symbols_.count(p.name.name)) {
        // As for action parameters: a reader should not have to work out which `x` is meant.
        diags_.error(p.name.loc, "parameter '" + p.name.name + "' would hide the global name '" +
                                     p.name.name + "'");
        f.signature_ok = false;
      }
      const Type* t = resolve_type(p.type, false);
      f.signature_ok = f.signature_ok && t != nullptr;
      f.params.push_back(t);
    }
    f.result = resolve_type(f.decl->result, false);
    f.signature_ok = f.signature_ok && f.result != nullptr;
  }
  return f.signature_ok ? &f : nullptr;
}

void Elaboration::elaborate_fns() {
  // Check every body once, with its parameters as free values, so that
  // errors in unused functions (and recursion) are reported too.
  for (std::size_t i = 0; i < fns_.size(); ++i) {
    FnInfo* f = fn_signature(static_cast<int>(i));
    if (f == nullptr) {
      continue;
    }
    Scope scope;
    scope.barrier = true;
    Frame frame;
    for (std::size_t p = 0; p < f->params.size(); ++p) {
      scope.names[f->decl->params[p].name.name] = Local{
          Local::Kind::Param, frame.allocate(), f->params[p], nullptr, f->decl->params[p].name.loc};
    }
    fn_stack_.push_back(f->decl->name.name);
    Env env{Where::State, &scope, &frame, "a function body"};
    const Expr* body = scalar(f->decl->body, env);
    fn_stack_.pop_back();
    if (body != nullptr && !TypeTable::compatible(body->type, f->result)) {
      diags_.error(body->loc, "function '" + f->decl->name.name + "' returns " +
                                  type_name(f->result) + " but its body is " +
                                  type_name(body->type));
    }
  }
}

// ------------------------------------------------------------- obligations

/// An invariant (over a state) or a property (over a step, with past-time
/// monitors) as the obligation engines check.
Obligation Elaboration::formula_obligation(const ast::Identifier& name, const ast::Expr& formula,
                                           ObligationKind kind) {
  bool invariant = kind == ObligationKind::Invariant;
  const char* what = invariant ? "an invariant" : "a property";
  Obligation o;
  o.name = name.name;
  o.kind = kind;
  o.loc = name.loc;
  Frame frame;
  Scope scope;
  Env env{invariant ? Where::State : Where::Property, &scope, &frame, what};
  o.formula = boolean(formula, env, what);
  o.frame_size = frame.size;
  if (o.formula == nullptr) {
    failed_ = true;
  } else if (!invariant) {
    o.uses_step = contains_step(o.formula);
    finish_monitors(o);
  }
  return o;
}

void Elaboration::elaborate_obligations() {
  std::map<std::string, SourceLoc> names;
  auto add_name = [&](const std::string& n, SourceLoc loc) {
    if (n == "all" || n == "asserts") {
      diags_.error(loc, "'" + n + "' is reserved in check blocks and cannot name a property");
      return;
    }
    auto [it, inserted] = names.try_emplace(n, loc);
    if (!inserted) {
      diags_.error(loc, "a property, invariant or assertion named '" + n + "' already exists");
      diags_.note(it->second, "previous definition is here");
    }
  };
  auto stated = [&](const ast::Identifier& name, const ast::Expr& formula, ObligationKind kind) {
    add_name(name.name, name.loc);
    model_.obligations.push_back(formula_obligation(name, formula, kind));
  };
  auto collect = ast::Overloaded{
      [&](const ast::InvariantDecl& d) { stated(d.name, d.formula, ObligationKind::Invariant); },
      [&](const ast::PropertyDecl& d) { stated(d.name, d.formula, ObligationKind::Property); },
      [](const ast::ConstDecl&) {},
      [](const ast::TypeDecl&) {},
      [](const ast::EnumDecl&) {},
      [](const ast::VarDecl&) {},
      [](const ast::InitDecl&) {},
      [](const ast::EventDecl&) {},
      [](const ast::FnDecl&) {},
      [](const ast::ProcDecl&) {},
      [](const ast::ActorDecl&) {},
      [](const ast::ActionDecl&) {},
      [](const ast::CheckDecl&) {},
      [](const ast::CoverDecl&) {}};
  for (const ast::Decl& d : file_.decls) {
    boost::apply_visitor(collect, d);
  }
  // Assertion labels are collected from action and procedure bodies; they
  // share the namespace.
  auto collect_labels = [&](const ast::Stmt& s) {
    auto* as = boost::get<ast::AssertStmt>(&s);
    if (as == nullptr || !as->label) {
      return;
    }
    const std::string& n = as->label->name;
    if (names.find(n) == names.end()) {
      add_name(n, as->label->loc);
      Obligation o;
      o.name = n;
      o.kind = ObligationKind::Assert;
      o.loc = as->label->loc;
      model_.obligations.push_back(std::move(o));
    } else if (int index = model_.find_obligation(n);
               index >= 0 && model_.obligations[index].kind != ObligationKind::Assert) {
      diags_.error(as->label->loc, "'" + n + "' names an invariant or property, not an assertion");
    }
  };
  for (const ActionSource& a : action_sources_) {
    ast::for_each_statement(a.decl->body, collect_labels);
  }
  for (const ProcInfo& p : procs_) {
    ast::for_each_statement(p.decl->body, collect_labels);
  }
}

/// Assigns monitor slots to the past-time operators of a property, operands
/// first, so an engine can update them in order.
void Elaboration::finish_monitors(Obligation& o) {
  std::vector<const Expr*> order;
  std::set<const Expr*> seen;
  std::vector<std::pair<const Expr*, bool>> stack{{o.formula, false}};
  while (!stack.empty()) {
    auto [e, expanded] = stack.back();
    stack.pop_back();
    if (expanded) {
      if (e->is_temporal() && seen.insert(e).second) {
        order.push_back(e);
      }
      continue;
    }
    stack.push_back({e, true});
    for (auto it = e->kids.rbegin(); it != e->kids.rend(); ++it) {
      if (*it != nullptr) {
        stack.push_back({*it, false});
      }
    }
  }
  for (const Expr* e : order) {
    Monitor m;
    m.kind = e->kind;
    m.operand = e->kids[0];
    m.trigger = e->kind == ExprKind::Since ? e->kids[1] : nullptr;
    const_cast<Expr*>(e)->monitor = static_cast<int>(o.monitors.size());
    o.monitors.push_back(m);
  }
}

// ------------------------------------------------------------------ covers

void Elaboration::elaborate_covers() {
  std::set<std::string> names;
  for (const ast::Decl& d : file_.decls) {
    auto* c = boost::get<ast::CoverDecl>(&d);
    if (c == nullptr) {
      continue;
    }
    if (!names.insert(c->name.name).second) {
      diags_.error(c->name.loc, "there are two covers named '" + c->name.name + "'");
      continue;
    }
    int action = resolve_action(c->action);
    if (action < 0) {
      continue;
    }
    const Action& a = model_.actions[action];
    if (!c->params.empty() && c->params.size() != a.params.size()) {
      diags_.error(c->loc, "action '" + a.qualified_name() + "' has " +
                               std::to_string(a.params.size()) + " parameter(s), not " +
                               std::to_string(c->params.size()));
      continue;
    }
    Cover cover;
    cover.name = c->name.name;
    cover.action = a.id;
    cover.loc = c->name.loc;
    Frame frame;
    Scope scope;
    bool ok = true;
    for (std::size_t i = 0; i < a.params.size(); ++i) {
      frame.allocate();
      if (i < c->params.size() && a.params[i].type != nullptr) {
        const ast::Identifier& id = c->params[i];
        if (symbols_.count(id.name) || scope.names.count(id.name)) {
          diags_.error(id.loc, "'" + id.name + "' would hide another name");
          ok = false;
        }
        // Parameters take the action's first frame slots, in order.
        scope.names[id.name] =
            Local{Local::Kind::Param, static_cast<int>(i), a.params[i].type, nullptr, id.loc};
      }
    }
    if (c->condition) {
      Env env{Where::State, &scope, &frame, "a cover condition"};
      cover.condition = boolean(*c->condition, env, "a cover condition");
      ok = ok && cover.condition != nullptr;
    }
    cover.frame_size = frame.size;
    if (ok) {
      model_.covers.push_back(cover);
    }
  }
}

// ------------------------------------------------------------------ checks

void Elaboration::check_depth(const ast::CheckDepth& depth) {
  Check& job = model_.check;
  if (job.depth) {
    diags_.error(depth.loc, "depth is given twice");
    return;
  }
  auto v = const_int(depth.value, "a depth");
  if (v && (*v < 0 || *v > 1'000'000)) {
    diags_.error(depth.loc, "depth must be between 0 and 1000000");
  } else if (v) {
    job.depth = static_cast<int>(*v);
  }
}

/// Records `expect NAME holds|violated`; true for `expect all holds`.
bool Elaboration::check_expect(const ast::CheckExpect& ex, std::map<int, SourceLoc>& named) {
  Expectation e =
      ex.expectation == ast::Expectation::Holds ? Expectation::Holds : Expectation::Violated;
  const std::string& n = ex.property.name;
  if (n == "all") {
    if (e != Expectation::Holds) {
      diags_.error(ex.property.loc, "only 'expect all holds' is allowed for 'all'");
    }
    return true;
  }
  int index = n == "asserts" ? model_.runtime_obligation : model_.find_obligation(n);
  if (index < 0 && n == "asserts") {
    diags_.error(ex.property.loc,
                 "the model has no unlabelled assertion and no operation that can fail "
                 "at run time; 'asserts' cannot be violated");
  } else if (index < 0) {
    diags_.error(ex.property.loc, "no invariant, property or assertion named '" + n + "'");
  } else if (!named.try_emplace(index, ex.property.loc).second) {
    diags_.error(ex.property.loc, "'" + n + "' has two expectations in this check");
  } else {
    model_.check.expects.push_back({index, e, ex.property.loc});
  }
  return false;
}

void Elaboration::elaborate_check(const ast::CheckDecl* check) {
  Check& job = model_.check;
  job.name = check != nullptr ? check->name.name : "default";
  bool all_hold = check == nullptr;
  std::map<int, SourceLoc> named;
  if (check != nullptr) {
    job.loc = check->name.loc;
    auto item = ast::Overloaded{
        [](const ast::CheckSet&) {},  // recorded by apply_settings, before any constant
        [&](const ast::CheckDepth& d) { check_depth(d); },
        [&](const ast::CheckExpect& e) { all_hold = check_expect(e, named) || all_hold; }};
    for (const ast::CheckItem& i : check->items) {
      boost::apply_visitor(item, i);
    }
  }
  // Assertions (and run-time errors) are always verified; the other
  // obligations when named or when every one is expected to hold.
  for (std::size_t i = 0; i < model_.obligations.size(); ++i) {
    const Obligation& o = model_.obligations[i];
    if (named.count(static_cast<int>(i))) {
      continue;
    }
    if (all_hold || o.kind == ObligationKind::Assert) {
      job.expects.push_back({static_cast<int>(i), Expectation::Holds, o.loc});
    }
  }
  std::stable_sort(job.expects.begin(), job.expects.end(),
                   [](const Expect& a, const Expect& b) { return a.obligation < b.obligation; });
}

void Elaboration::record_constants() {
  for (const ConstInfo& c : consts_) {
    if (c.progress == Progress::Done) {
      model_.constants.emplace_back(c.decl->name.name,
                                    model_.types->format_value(c.value->type, c.value->value));
      model_.constant_values.push_back({c.decl->name.name, c.value->type, c.value->value});
    }
  }
}

std::string Elaboration::source_text(SourceLoc from, std::uint32_t end) const {
  const std::string& text = source_.text();
  if (!from.valid || end <= from.offset || end > text.size()) {
    return "";
  }
  std::string s = text.substr(from.offset, end - from.offset);
  // One line, no trailing blanks: it goes into messages and generated comments.
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.pop_back();
  }
  return s;
}

// ---------------------------------------------------------------- driver

std::optional<Model> Elaboration::run(const std::vector<ConstSetting>& settings,
                                      const ast::CheckDecl* check) {
  std::size_t errors_before = diags_.error_count();
  model_.name = file_.model ? file_.model->name.name : "";
  model_.file = source_.name();
  collect_symbols();
  apply_settings(settings, check);  // before anything evaluates a constant
  elaborate_enums();
  for (std::size_t i = 0; i < consts_.size(); ++i) {
    const_value(static_cast<int>(i), consts_[i].decl->name.loc);
  }
  for (TypeInfo& t : type_decls_) {
    if (t.progress == Progress::NotStarted) {
      ast::TypeExpr ref;
      ref.name = t.decl->name.name;
      ref.loc = t.decl->name.loc;
      resolve_type(ref, true);
    }
  }
  elaborate_vars();
  elaborate_events();
  elaborate_fns();
  for (const ast::Decl& d : file_.decls) {
    if (auto* init = boost::get<ast::InitDecl>(&d)) {
      Frame frame;
      Scope scope;
      Env env{Where::State, &scope, &frame, "an init constraint"};
      const Expr* e = boolean(init->cond, env, "an init constraint");
      model_.init_frame_size = std::max(model_.init_frame_size, frame.size);
      if (e != nullptr) {
        model_.inits.push_back(e);
      }
    }
  }
  declare_actions();
  elaborate_obligations();
  elaborate_covers();
  elaborate_procs();
  for (std::size_t i = 0; i < model_.actions.size(); ++i) {
    elaborate_action_body(model_.actions[i], *action_decls_[i]);
  }
  if (runtime_sites_) {
    Obligation o;
    o.name = "asserts";
    o.kind = ObligationKind::Assert;
    model_.runtime_obligation = static_cast<int>(model_.obligations.size());
    model_.obligations.push_back(std::move(o));
    // Unlabelled asserts were elaborated before the obligation existed.
    std::vector<std::vector<Stmt>*> bodies;
    for (Action& a : model_.actions) {
      bodies.push_back(&a.body);
    }
    while (!bodies.empty()) {
      std::vector<Stmt>* b = bodies.back();
      bodies.pop_back();
      for (Stmt& s : *b) {
        if (s.kind == StmtKind::Assert && s.obligation < 0) {
          s.obligation = model_.runtime_obligation;
        }
        bodies.push_back(&s.body);
        bodies.push_back(&s.else_body);
      }
    }
  }
  elaborate_check(check);
  if (!file_.model) {
    failed_ = true;
  }
  if (model_.actions.empty() && diags_.error_count() == errors_before) {
    diags_.error(file_.model ? file_.model->loc : SourceLoc{},
                 "the model has no actions; declare at least one input or internal action");
  }
  record_constants();
  if (failed_ || diags_.error_count() > errors_before) {
    return std::nullopt;
  }
  return std::move(model_);
}

}  // namespace spec::detail

namespace spec {

Checker::Checker(const ast::File& file, const SourceFile& source, Diagnostics& diags)
    : file_(file), source_(source), diags_(diags) {}

std::optional<Model> Checker::elaborate(const std::vector<ConstSetting>& settings,
                                        const ast::CheckDecl* check) {
  detail::Elaboration e(file_, source_, diags_);
  return e.run(settings, check);
}

std::vector<const ast::CheckDecl*> Checker::check_blocks() const {
  std::vector<const ast::CheckDecl*> out;
  for (const ast::Decl& d : file_.decls) {
    if (auto* c = boost::get<ast::CheckDecl>(&d)) {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace spec
