// SPDX-License-Identifier: GPL-2.0
// Actions (signatures, guards, bodies) and the statements of their bodies.

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

/// Elaborates the statements of one block into IR statements: one
/// operator() per statement form, so that a new form is a compile error here
/// until it is handled.
class BlockElaborator {
 public:
  BlockElaborator(Elaboration& e, Scope& parent, Frame& frame, int loop_depth,
                  std::vector<Stmt>& out)
      : e_(e), frame_(frame), loop_depth_(loop_depth), out_(out) {
    scope_.parent = &parent;
  }

  void run(const ast::Block& block) {
    for (const ast::Stmt& stmt : block) {
      boost::apply_visitor(*this, stmt);
    }
  }

  void operator()(const ast::LetStmt& let);
  void operator()(const ast::AssignStmt& assign);
  void operator()(const x3::forward_ast<ast::IfStmt>& node);
  void operator()(const x3::forward_ast<ast::ForStmt>& node);
  void operator()(const ast::BreakStmt& br);
  void operator()(const ast::ChooseStmt& choose);
  void operator()(const ast::EmitStmt& emit);
  void operator()(const ast::ReturnStmt& ret);
  void operator()(const ast::CallStmt& call);
  void operator()(const ast::AssertStmt& assertion);

 private:
  Env env() { return Env{Where::State, &scope_, &frame_, "an action body"}; }
  /// A local must not hide another name: a reader should never have to work
  /// out which of two `x` a statement means.
  bool declare_local(const ast::Identifier& id, Local local);
  /// The state variable an assignment writes, or nullptr (reported).
  const StateVar* assigned_var(const ast::Identifier& target);
  bool elaborate_indices(const ast::AssignStmt& assign, const StateVar& var, Stmt& s);
  /// `let r = p(args);` with a procedure p: true if handled (well or not).
  bool let_from_call(const ast::LetStmt& let);
  std::string assertion_text(const ast::AssertStmt& assertion) const;

  Elaboration& e_;
  Scope scope_;
  Frame& frame_;
  int loop_depth_;
  std::vector<Stmt>& out_;
};

bool BlockElaborator::declare_local(const ast::Identifier& id, Local local) {
  if (const Local* other = scope_.find(id.name)) {
    e_.diags_.error(id.loc,
                    "'" + id.name + "' is already " + local_kind_name(other->kind) + " here");
    return false;
  }
  if (e_.symbols_.count(id.name)) {
    e_.diags_.error(id.loc, "'" + id.name + "' would hide the global name '" + id.name + "'");
    return false;
  }
  scope_.names[id.name] = local;
  return true;
}

bool BlockElaborator::let_from_call(const ast::LetStmt& let) {
  auto* call = boost::get<x3::forward_ast<ast::Call>>(&let.value);
  if (call == nullptr) {
    return false;
  }
  const ast::Call& c = call->get();
  ProcInfo* proc = e_.find_proc(c.callee.name);
  if (proc == nullptr) {
    return false;
  }
  if (!proc->signature_ok) {
    return true;
  }
  if (proc->result == nullptr) {
    e_.diags_.error(c.callee.loc, "procedure '" + c.callee.name +
                                      "' returns no value; it cannot initialise '" + let.name.name +
                                      "'");
    return true;
  }
  int slot = frame_.allocate();
  Env caller = env();
  if (!e_.inline_call(c.callee, c.args, c.loc, caller, frame_, slot, out_)) {
    return true;
  }
  const Type* type = proc->result;
  if (let.type) {
    // `let r: T = p();`: the result, converted to T.
    const Type* declared = e_.resolve_type(*let.type, false);
    if (declared == nullptr) {
      return true;
    }
    Expr local;
    local.kind = ExprKind::Local;
    local.type = type;
    local.slot = slot;
    local.loc = let.loc;
    const Expr* value = e_.coerce(e_.model_.make(std::move(local)), declared, let.loc,
                                  "the value of '" + let.name.name + "'");
    if (value == nullptr) {
      return true;
    }
    Stmt s;
    s.kind = StmtKind::Let;
    s.loc = let.loc;
    s.slot = slot = frame_.allocate();
    s.value = value;
    out_.push_back(std::move(s));
    type = declared;
  }
  declare_local(let.name, Local{Local::Kind::Let, slot, type, nullptr, let.name.loc});
  return true;
}

void BlockElaborator::operator()(const ast::LetStmt& let) {
  if (let_from_call(let)) {
    return;
  }
  Env env = this->env();
  Stmt s;
  s.kind = StmtKind::Let;
  s.loc = let.loc;
  const Expr* value = e_.scalar(let.value, env);
  const Type* type = value ? value->type : nullptr;
  if (let.type) {
    type = e_.resolve_type(*let.type, false);
    value =
        type ? e_.coerce(value, type, let.loc, "the value of '" + let.name.name + "'") : nullptr;
  }
  if (value == nullptr) {
    return;
  }
  s.slot = frame_.allocate();
  s.value = value;
  declare_local(let.name, Local{Local::Kind::Let, s.slot, type, nullptr, let.name.loc});
  out_.push_back(std::move(s));
}

const StateVar* BlockElaborator::assigned_var(const ast::Identifier& target) {
  const std::string& name = target.name;
  if (const Local* local = scope_.find(name)) {
    e_.diags_.error(target.loc, "cannot assign to '" + name + "': it is " +
                                    local_kind_name(local->kind) +
                                    "; only state variables can be assigned");
    return nullptr;
  }
  auto it = e_.symbols_.find(name);
  if (it == e_.symbols_.end()) {
    e_.diags_.error(target.loc, "unknown variable '" + name + "'");
    return nullptr;
  }
  if (it->second.kind != SymbolKind::Var) {
    e_.diags_.error(target.loc,
                    it->second.kind == SymbolKind::Const
                        ? "cannot assign to constant '" + name + "'"
                        : "cannot assign to '" + name + "': it is not a state variable");
    return nullptr;
  }
  const StateVar& var = e_.model_.vars[it->second.index];
  return var.type == nullptr ? nullptr : &var;
}

bool BlockElaborator::elaborate_indices(const ast::AssignStmt& assign, const StateVar& var,
                                        Stmt& s) {
  const std::string& name = assign.target.name;
  Env env = this->env();
  const Type* t = var.type;
  bool ok = true;
  for (const ast::Expr& ix : assign.indices) {
    const Expr* index = e_.scalar(ix, env);
    if (index == nullptr) {
      ok = false;
      continue;
    }
    std::string problem;
    if (t->is_scalar()) {
      problem = "too many indices for '" + name + "'";
    } else if (!TypeTable::compatible(index->type, t->index)) {
      problem = "an index of '" + name + "' must be " + e_.kind_name(t->index) + ", not " +
                e_.kind_name(index->type);
    } else if (index->kind == ExprKind::Literal &&
               (index->value < t->index->lo || index->value > t->index->hi)) {
      problem = "index " + e_.model_.types->format_value(index->type, index->value) +
                " is out of range " + e_.type_name(t->index) + " of '" + name + "'";
    }
    if (!problem.empty()) {
      e_.diags_.error(index->loc, problem);
      return false;
    }
    s.target.indices.push_back(
        e_.coerce(index, t->index, index->loc, "an index of '" + name + "'"));
    t = t->element;
  }
  s.target.type = t;
  return ok;
}

void BlockElaborator::operator()(const ast::AssignStmt& assign) {
  Stmt s;
  s.kind = StmtKind::Assign;
  s.loc = assign.loc;
  const StateVar* var = assigned_var(assign.target);
  if (var == nullptr) {
    return;
  }
  s.target.var = static_cast<int>(var - e_.model_.vars.data());
  s.target.loc = assign.target.loc;
  bool ok = elaborate_indices(assign, *var, s);
  Env env = this->env();
  const Expr* value = e_.scalar(assign.value, env);
  if (!ok || value == nullptr) {
    return;
  }
  // Assigning a scalar to an array (or a row of one) sets every element.
  s.value = e_.coerce(value, s.target.type->scalar(), assign.loc,
                      "the value assigned to '" + assign.target.name + "'");
  if (s.value != nullptr) {
    out_.push_back(std::move(s));
  }
}

void BlockElaborator::operator()(const x3::forward_ast<ast::IfStmt>& node) {
  const ast::IfStmt& i = node.get();
  Env env = this->env();
  Stmt s;
  s.kind = StmtKind::If;
  s.loc = i.loc;
  s.cond = e_.boolean(i.cond, env, "the condition of 'if'");
  e_.elaborate_block(i.then_body, scope_, frame_, loop_depth_, s.body);
  e_.elaborate_block(i.else_body, scope_, frame_, loop_depth_, s.else_body);
  if (s.cond != nullptr) {
    out_.push_back(std::move(s));
  }
}

void BlockElaborator::operator()(const x3::forward_ast<ast::ForStmt>& node) {
  const ast::ForStmt& f = node.get();
  Stmt s;
  s.kind = StmtKind::For;
  s.loc = f.loc;
  s.domain = e_.resolve_domain(f.type, ("'" + f.var.name + "'").c_str());
  if (s.domain == nullptr) {
    return;
  }
  EnumerationScope enumerating(e_, s.domain->domain_size(), f.var.loc);
  if (!enumerating.ok) {
    return;
  }
  s.slot = frame_.allocate();
  Scope loop;
  loop.parent = &scope_;
  if (scope_.find(f.var.name) || e_.symbols_.count(f.var.name)) {
    e_.diags_.error(f.var.loc, "loop variable '" + f.var.name + "' would hide another name");
    return;
  }
  loop.names[f.var.name] = Local{Local::Kind::Loop, s.slot, s.domain, nullptr, f.var.loc};
  Env loop_env{Where::State, &loop, &frame_, "an action body"};
  if (f.where) {
    s.cond = e_.boolean(*f.where, loop_env, "the 'where' condition");
    if (s.cond == nullptr) {
      return;
    }
  }
  e_.elaborate_block(f.body, loop, frame_, loop_depth_ + 1, s.body);
  out_.push_back(std::move(s));
}

void BlockElaborator::operator()(const ast::BreakStmt& br) {
  if (loop_depth_ == 0) {
    e_.diags_.error(br.loc, "'break' outside a 'for' loop");
    return;
  }
  Stmt s;
  s.kind = StmtKind::Break;
  s.loc = br.loc;
  out_.push_back(std::move(s));
}

void BlockElaborator::operator()(const ast::ChooseStmt& choose) {
  Stmt s;
  s.kind = StmtKind::Choose;
  s.loc = choose.loc;
  s.domain = e_.resolve_domain(choose.type, ("'" + choose.var.name + "'").c_str());
  if (s.domain == nullptr) {
    return;
  }
  s.slot = frame_.allocate();
  if (!declare_local(choose.var,
                     Local{Local::Kind::Choose, s.slot, s.domain, nullptr, choose.var.loc})) {
    return;
  }
  if (choose.where) {
    Env env = this->env();
    s.cond = e_.boolean(*choose.where, env, "the 'where' condition");
    if (s.cond == nullptr) {
      return;
    }
  }
  out_.push_back(std::move(s));
}

void BlockElaborator::operator()(const ast::EmitStmt& emit) {
  Stmt s;
  s.kind = StmtKind::Emit;
  s.loc = emit.loc;
  auto it = e_.symbols_.find(emit.event.name);
  if (it == e_.symbols_.end() || it->second.kind != SymbolKind::Event) {
    e_.diags_.error(emit.event.loc, "unknown event '" + emit.event.name + "'");
    return;
  }
  s.event = it->second.index;
  const Event& ev = e_.model_.events[s.event];
  if (emit.args.size() != ev.params.size()) {
    e_.diags_.error(emit.loc, "event '" + ev.name + "' has " + std::to_string(ev.params.size()) +
                                  " parameter(s), not " + std::to_string(emit.args.size()));
    return;
  }
  Env env = this->env();
  bool ok = true;
  for (std::size_t i = 0; i < emit.args.size(); ++i) {
    const Expr* arg = e_.scalar(emit.args[i], env);
    if (ev.params[i].type == nullptr) {
      ok = false;
      continue;
    }
    arg = e_.coerce(arg, ev.params[i].type, emit.loc,
                    "argument '" + ev.params[i].name + "' of event '" + ev.name + "'");
    ok = ok && arg != nullptr;
    s.args.push_back(arg);
  }
  if (ok) {
    out_.push_back(std::move(s));
  }
}

void BlockElaborator::operator()(const ast::ReturnStmt& ret) {
  const BodyOwner& owner = e_.owners_.back();
  const char* what = owner.is_proc ? "procedure" : "action";
  Stmt s;
  s.kind = owner.is_proc ? StmtKind::ProcReturn : StmtKind::Return;
  s.loc = ret.loc;
  s.slot = owner.result_slot;
  // An erroneous `return` still ends its path, so that the check for a
  // missing return does not add a second error (no model is built).
  if (owner.result == nullptr && ret.value) {
    e_.diags_.error(ret.loc, std::string(what) + " '" + owner.name +
                                 "' has no result type; declare one (': T') or write 'return;'");
  } else if (owner.result != nullptr && !ret.value) {
    e_.diags_.error(ret.loc, std::string(what) + " '" + owner.name + "' must return " +
                                 e_.kind_name(owner.result));
  } else if (ret.value) {
    Env env = this->env();
    s.value = e_.coerce(e_.scalar(*ret.value, env), owner.result, ret.loc,
                        "the result of '" + owner.name + "'");
  }
  out_.push_back(std::move(s));
}

void BlockElaborator::operator()(const ast::CallStmt& call) {
  Env caller = env();
  e_.inline_call(call.callee, call.args, call.loc, caller, frame_, -1, out_);
}

std::string BlockElaborator::assertion_text(const ast::AssertStmt& assertion) const {
  std::string text = e_.source_text(assertion.loc, assertion.end);
  if (text.rfind("assert", 0) == 0) {
    text = text.substr(6);
  }
  while (!text.empty() && (text.back() == ';' || text.back() == ' ')) {
    text.pop_back();
  }
  while (!text.empty() && text.front() == ' ') {
    text.erase(0, 1);
  }
  return "assertion failed: " + text;
}

void BlockElaborator::operator()(const ast::AssertStmt& assertion) {
  Env env = this->env();
  Stmt s;
  s.kind = StmtKind::Assert;
  s.loc = assertion.loc;
  s.cond = e_.boolean(assertion.cond, env, "an assertion");
  if (s.cond == nullptr) {
    return;
  }
  if (assertion.label) {
    s.obligation = e_.model_.find_obligation(assertion.label->name);
  } else {
    e_.runtime_sites_ = true;
  }
  s.message = assertion.message ? *assertion.message : assertion_text(assertion);
  out_.push_back(std::move(s));
}

}  // namespace

// ------------------------------------------------------------------ actions

void Elaboration::declare_actions() {
  std::map<std::string, std::map<std::string, SourceLoc>> names;  // lane -> action names
  bool lane_reported = false;
  for (const ActionSource& source : action_sources_) {
    const ast::ActionDecl& decl = *source.decl;
    if (source.top_level && symbols_.count(source.actor) && !lane_reported) {
      lane_reported = true;
      diags_.error(decl.name.loc, "an action outside any actor is in the model's own lane '" +
                                      source.actor + "', but '" + source.actor +
                                      "' also names a declaration; rename one of them");
    }
    if (std::find(model_.actors.begin(), model_.actors.end(), source.actor) ==
        model_.actors.end()) {
      model_.actors.push_back(source.actor);
    }
    auto& lane = names[source.actor];
    if (!lane.try_emplace(decl.name.name, decl.name.loc).second) {
      std::string owner = source.top_level ? "the model" : "actor '" + source.actor + "'";
      diags_.error(decl.name.loc, owner + " already has an action '" + decl.name.name + "'");
      diags_.note(lane[decl.name.name], "previous definition is here");
    }
    model_.actions.push_back(declare_action(source.actor, decl));
    action_decls_.push_back(&decl);
  }
}

Action Elaboration::declare_action(const std::string& actor, const ast::ActionDecl& decl) {
  Action a;
  a.id = static_cast<int>(model_.actions.size());
  a.actor = actor;
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
    } else if ((combinations *= t->domain_size()) > kMaxEnumerable) {
      diags_.error(p.name.loc, "action '" + a.name + "' has more than " +
                                   std::to_string(kMaxEnumerable) +
                                   " combinations of parameter values");
      ok = false;
      combinations = 1;
    }
    a.params.push_back({p.name.name, t, -1, p.name.loc});
  }
  if (decl.result) {
    a.result = resolve_type(*decl.result, false);
    ok = ok && a.result != nullptr;
  }
  failed_ = failed_ || !ok;
  return a;
}

void Elaboration::elaborate_action_body(Action& action, const ast::ActionDecl& decl) {
  current_in_action_ = true;
  Frame frame;
  Scope scope;
  for (Param& p : action.params) {
    p.slot = frame.allocate();
    if (p.type == nullptr) {
      current_in_action_ = false;
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
  owners_.push_back({false, action.name, action.result, -1});
  elaborate_block(decl.body, scope, frame, 0, action.body);
  owners_.pop_back();
  if (action.result != nullptr && !always_returns(action.body)) {
    diags_.error(decl.name.loc, "action '" + action.name + "' returns " + kind_name(action.result) +
                                    " but not on every path; add a 'return'");
  }
  action.frame_size = frame.size;
  current_in_action_ = false;
}

bool Elaboration::always_returns(const std::vector<Stmt>& body) const {
  for (const Stmt& s : body) {
    if (s.kind == StmtKind::Return || s.kind == StmtKind::ProcReturn) {
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
  BlockElaborator(*this, parent, frame, loop_depth, out).run(block);
}

}  // namespace spec::detail
