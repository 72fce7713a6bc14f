// SPDX-License-Identifier: GPL-2.0
// Actions: signatures, guards and bodies.

#include <set>

#include "spec/elaboration.h"

namespace spec::detail {
namespace {

const char* local_kind_name(Local::Kind k) {
  switch (k) {
    case Local::Kind::Param:
      return "a parameter";
    case Local::Kind::Let:
      return "a 'let' value";
    case Local::Kind::Loop:
      return "a loop variable";
    case Local::Kind::Choose:
      return "a chosen value";
    case Local::Kind::Binder:
      return "a bound variable";
    case Local::Kind::Substituted:
      return "a parameter";
  }
  return "a local";
}

}  // namespace

void Elaboration::declare_actions() {
  for (const ast::ActorDecl* actor : actor_decls_) {
    model_.actors.push_back(actor->name.name);
    std::map<std::string, SourceLoc> names;
    for (const ast::ActionDecl& decl : actor->actions) {
      if (!names.try_emplace(decl.name.name, decl.name.loc).second) {
        diags_.error(decl.name.loc, "actor '" + actor->name.name + "' already has an action '" +
                                        decl.name.name + "'");
        diags_.note(names[decl.name.name], "previous definition is here");
      }
      Action a;
      a.id = static_cast<int>(model_.actions.size());
      a.actor = actor->name.name;
      a.name = decl.name.name;
      a.input = decl.kind == ast::ActionKind::Input;
      a.loc = decl.name.loc;
      std::set<std::string> seen;
      std::uint64_t combinations = 1;
      bool ok = true;
      for (const ast::Param& p : decl.params) {
        if (!seen.insert(p.name.name).second) {
          diags_.error(p.name.loc, "duplicate parameter '" + p.name.name + "'");
          ok = false;
        }
        const Type* t = resolve_domain(p.type, ("parameter '" + p.name.name + "'").c_str());
        if (t == nullptr) {
          ok = false;
        } else {
          combinations *= t->domain_size();
          if (combinations > kMaxEnumerable) {
            diags_.error(p.name.loc, "action '" + a.name + "' has more than " +
                                         std::to_string(kMaxEnumerable) +
                                         " combinations of parameter values");
            ok = false;
            combinations = 1;
          }
        }
        a.params.push_back({p.name.name, t, -1, p.name.loc});
      }
      if (decl.result) {
        a.result = resolve_type(*decl.result, false);
        ok = ok && a.result != nullptr;
      }
      if (!ok) {
        failed_ = true;
      }
      model_.actions.push_back(std::move(a));
      action_decls_.push_back(&decl);
    }
  }
}

void Elaboration::elaborate_action_body(Action& action, const ast::ActionDecl& decl) {
  current_in_action_ = true;
  current_action_ = &action;
  Frame frame;
  Scope scope;
  for (Param& p : action.params) {
    p.slot = frame.allocate();
    if (p.type == nullptr) {
      return;
    }
    if (symbols_.count(p.name)) {
      diags_.error(p.loc, "parameter '" + p.name + "' would hide the global name '" + p.name + "'");
    }
    scope.names[p.name] = Local{Local::Kind::Param, p.slot, p.type, nullptr, p.loc};
  }
  if (decl.guard) {
    Env env{Where::State, &scope, &frame, "a guard"};
    action.guard = boolean(*decl.guard, env, "a guard");
  }
  elaborate_block(decl.body, scope, frame, 0, action.body);
  if (action.result != nullptr && !always_returns(action.body)) {
    diags_.error(decl.name.loc, "action '" + action.name + "' returns " + kind_name(action.result) +
                                    " but not on every path; add a 'return'");
  }
  action.frame_size = frame.size;
  current_in_action_ = false;
  current_action_ = nullptr;
}

bool Elaboration::always_returns(const std::vector<Stmt>& body) const {
  for (const Stmt& s : body) {
    if (s.kind == StmtKind::Return) {
      return true;
    }
    if (s.kind == StmtKind::If && always_returns(s.body) && always_returns(s.else_body)) {
      return true;
    }
  }
  return false;
}

void Elaboration::elaborate_block(const ast::Block& block, Scope& parent, Frame& frame,
                                  int loop_depth, std::vector<Stmt>& out) {
  Scope scope;
  scope.parent = &parent;

  // A local must not hide another name: a reader should never have to work
  // out which of two `x` a statement means.
  auto declare_local = [&](const ast::Identifier& id, Local local) -> bool {
    if (const Local* other = scope.find(id.name)) {
      diags_.error(id.loc,
                   "'" + id.name + "' is already " + local_kind_name(other->kind) + " here");
      return false;
    }
    if (symbols_.count(id.name)) {
      diags_.error(id.loc, "'" + id.name + "' would hide the global name '" + id.name + "'");
      return false;
    }
    scope.names[id.name] = local;
    return true;
  };

  for (const ast::Stmt& stmt : block) {
    Env env{Where::State, &scope, &frame, "an action body"};
    Stmt s;
    if (auto* let = boost::get<ast::LetStmt>(&stmt)) {
      s.kind = StmtKind::Let;
      s.loc = let->loc;
      const Expr* value = scalar(let->value, env);
      const Type* type = value ? value->type : nullptr;
      if (let->type) {
        type = resolve_type(*let->type, false);
        value =
            type ? coerce(value, type, let->loc, "the value of '" + let->name.name + "'") : nullptr;
      }
      if (value == nullptr) {
        continue;
      }
      s.slot = frame.allocate();
      s.value = value;
      declare_local(let->name, Local{Local::Kind::Let, s.slot, type, nullptr, let->name.loc});
    } else if (auto* assign = boost::get<ast::AssignStmt>(&stmt)) {
      s.kind = StmtKind::Assign;
      s.loc = assign->loc;
      const std::string& name = assign->target.name;
      if (const Local* local = scope.find(name)) {
        diags_.error(assign->target.loc, "cannot assign to '" + name + "': it is " +
                                             local_kind_name(local->kind) +
                                             "; only state variables can be assigned");
        continue;
      }
      auto it = symbols_.find(name);
      if (it == symbols_.end()) {
        diags_.error(assign->target.loc, "unknown variable '" + name + "'");
        continue;
      }
      if (it->second.kind != SymbolKind::Var) {
        diags_.error(assign->target.loc,
                     it->second.kind == SymbolKind::Const
                         ? "cannot assign to constant '" + name + "'"
                         : "cannot assign to '" + name + "': it is not a state variable");
        continue;
      }
      const StateVar& var = model_.vars[it->second.index];
      if (var.type == nullptr) {
        continue;
      }
      s.target.var = it->second.index;
      s.target.loc = assign->target.loc;
      const Type* t = var.type;
      bool ok = true;
      for (const ast::Expr& ix : assign->indices) {
        const Expr* index = scalar(ix, env);
        if (index == nullptr) {
          ok = false;
          continue;
        }
        if (t->is_scalar()) {
          diags_.error(index->loc, "too many indices for '" + name + "'");
          ok = false;
          break;
        }
        if (!TypeTable::compatible(index->type, t->index)) {
          diags_.error(index->loc, "an index of '" + name + "' must be " + kind_name(t->index) +
                                       ", not " + kind_name(index->type));
          ok = false;
          break;
        }
        if (index->kind == ExprKind::Literal &&
            (index->value < t->index->lo || index->value > t->index->hi)) {
          diags_.error(index->loc,
                       "index " + model_.types->format_value(index->type, index->value) +
                           " is out of range " + type_name(t->index) + " of '" + name + "'");
          ok = false;
          break;
        }
        s.target.indices.push_back(
            coerce(index, t->index, index->loc, "an index of '" + name + "'"));
        t = t->element;
      }
      const Expr* value = scalar(assign->value, env);
      if (!ok || value == nullptr) {
        continue;
      }
      s.target.type = t;
      // Assigning a scalar to an array (or a row of one) sets every element.
      s.value = coerce(value, t->scalar(), assign->loc, "the value assigned to '" + name + "'");
      if (s.value == nullptr) {
        continue;
      }
    } else if (auto* fi = boost::get<x3::forward_ast<ast::IfStmt>>(&stmt)) {
      const ast::IfStmt& i = fi->get();
      s.kind = StmtKind::If;
      s.loc = i.loc;
      s.cond = boolean(i.cond, env, "the condition of 'if'");
      elaborate_block(i.then_body, scope, frame, loop_depth, s.body);
      elaborate_block(i.else_body, scope, frame, loop_depth, s.else_body);
      if (s.cond == nullptr) {
        continue;
      }
    } else if (auto* ff = boost::get<x3::forward_ast<ast::ForStmt>>(&stmt)) {
      const ast::ForStmt& f = ff->get();
      s.kind = StmtKind::For;
      s.loc = f.loc;
      s.domain = resolve_domain(f.type, ("'" + f.var.name + "'").c_str());
      if (s.domain == nullptr) {
        continue;
      }
      EnumerationScope enumerating(*this, s.domain->domain_size(), f.var.loc);
      if (!enumerating.ok) {
        continue;
      }
      s.slot = frame.allocate();
      Scope loop;
      loop.parent = &scope;
      if (scope.find(f.var.name) || symbols_.count(f.var.name)) {
        diags_.error(f.var.loc, "loop variable '" + f.var.name + "' would hide another name");
        continue;
      }
      loop.names[f.var.name] = Local{Local::Kind::Loop, s.slot, s.domain, nullptr, f.var.loc};
      Env loop_env{Where::State, &loop, &frame, "an action body"};
      if (f.where) {
        s.cond = boolean(*f.where, loop_env, "the 'where' condition");
        if (s.cond == nullptr) {
          continue;
        }
      }
      elaborate_block(f.body, loop, frame, loop_depth + 1, s.body);
    } else if (auto* br = boost::get<ast::BreakStmt>(&stmt)) {
      s.kind = StmtKind::Break;
      s.loc = br->loc;
      if (loop_depth == 0) {
        diags_.error(br->loc, "'break' outside a 'for' loop");
        continue;
      }
    } else if (auto* ch = boost::get<ast::ChooseStmt>(&stmt)) {
      s.kind = StmtKind::Choose;
      s.loc = ch->loc;
      s.domain = resolve_domain(ch->type, ("'" + ch->var.name + "'").c_str());
      if (s.domain == nullptr) {
        continue;
      }
      s.slot = frame.allocate();
      if (!declare_local(ch->var,
                         Local{Local::Kind::Choose, s.slot, s.domain, nullptr, ch->var.loc})) {
        continue;
      }
      if (ch->where) {
        s.cond = boolean(*ch->where, env, "the 'where' condition");
        if (s.cond == nullptr) {
          continue;
        }
      }
    } else if (auto* em = boost::get<ast::EmitStmt>(&stmt)) {
      s.kind = StmtKind::Emit;
      s.loc = em->loc;
      auto it = symbols_.find(em->event.name);
      if (it == symbols_.end() || it->second.kind != SymbolKind::Event) {
        diags_.error(em->event.loc, "unknown event '" + em->event.name + "'");
        continue;
      }
      s.event = it->second.index;
      const Event& ev = model_.events[s.event];
      if (em->args.size() != ev.params.size()) {
        diags_.error(em->loc, "event '" + ev.name + "' has " + std::to_string(ev.params.size()) +
                                  " parameter(s), not " + std::to_string(em->args.size()));
        continue;
      }
      bool ok = true;
      for (std::size_t i = 0; i < em->args.size(); ++i) {
        const Expr* arg = scalar(em->args[i], env);
        if (ev.params[i].type == nullptr) {
          ok = false;
          continue;
        }
        arg = coerce(arg, ev.params[i].type, em->loc,
                     "argument '" + ev.params[i].name + "' of event '" + ev.name + "'");
        ok = ok && arg != nullptr;
        s.args.push_back(arg);
      }
      if (!ok) {
        continue;
      }
    } else if (auto* ret = boost::get<ast::ReturnStmt>(&stmt)) {
      s.kind = StmtKind::Return;
      s.loc = ret->loc;
      const Action& a = *current_action_;
      // An erroneous `return` still ends its path, so that the check for a
      // missing return does not add a second error (no model is built).
      if (a.result == nullptr && ret->value) {
        diags_.error(ret->loc, "action '" + a.name +
                                   "' has no result type; declare one (': T') or write 'return;'");
      } else if (a.result != nullptr && !ret->value) {
        diags_.error(ret->loc, "action '" + a.name + "' must return " + kind_name(a.result));
      } else if (ret->value) {
        s.value =
            coerce(scalar(*ret->value, env), a.result, ret->loc, "the result of '" + a.name + "'");
      }
    } else if (auto* as = boost::get<ast::AssertStmt>(&stmt)) {
      s.kind = StmtKind::Assert;
      s.loc = as->loc;
      s.cond = boolean(as->cond, env, "an assertion");
      if (s.cond == nullptr) {
        continue;
      }
      if (as->label) {
        s.obligation = model_.find_obligation(as->label->name);
      } else {
        runtime_sites_ = true;
      }
      if (as->message) {
        s.message = *as->message;
      } else {
        std::string text = source_text(as->loc, as->end);
        if (text.rfind("assert", 0) == 0) {
          text = text.substr(6);
        }
        while (!text.empty() && (text.back() == ';' || text.back() == ' ')) {
          text.pop_back();
        }
        while (!text.empty() && text.front() == ' ') {
          text.erase(0, 1);
        }
        s.message = "assertion failed: " + text;
      }
    }
    out.push_back(std::move(s));
  }
}

}  // namespace spec::detail
