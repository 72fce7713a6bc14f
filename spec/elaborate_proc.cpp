// SPDX-License-Identifier: GPL-2.0
// Procedures: signatures, the check of each body, and inlining at calls.
//
// A procedure is inlined at every call, like a function, but at the level
// of statements: its arguments are evaluated once, in the caller's state,
// into frame slots of the caller (by value, as in C), then its body runs
// with those slots as its parameters. Its body sees no locals of the caller.

#include <set>

#include "spec/elaboration.h"

namespace spec::detail {

ProcInfo* Elaboration::proc_signature(int index) {
  ProcInfo& p = procs_[index];
  if (p.signature_done) {
    return &p;
  }
  p.signature_done = true;
  p.signature_ok = true;
  std::set<std::string> seen;
  for (const ast::Param& param : p.decl->params) {
    if (!seen.insert(param.name.name).second) {
      diags_.error(param.name.loc, "duplicate parameter '" + param.name.name + "'");
      p.signature_ok = false;
    } else if (symbols_.count(param.name.name)) {
      diags_.error(param.name.loc, "parameter '" + param.name.name +
                                       "' would hide the global name '" + param.name.name + "'");
      p.signature_ok = false;
    }
    const Type* t = resolve_type(param.type, false);
    p.signature_ok = p.signature_ok && t != nullptr;
    p.params.push_back(t);
  }
  if (p.decl->result) {
    p.result = resolve_type(*p.decl->result, false);
    p.signature_ok = p.signature_ok && p.result != nullptr;
  }
  return &p;
}

ProcInfo* Elaboration::find_proc(const std::string& name) {
  auto it = symbols_.find(name);
  if (it == symbols_.end() || it->second.kind != SymbolKind::Proc) {
    return nullptr;
  }
  return proc_signature(it->second.index);
}

void Elaboration::elaborate_procs() {
  // Check every body once, with its parameters as free values, so that
  // errors in a procedure are reported once (and in unused ones too). The
  // statements built here are thrown away: each call inlines its own copy.
  bool runtime_sites = runtime_sites_;
  for (std::size_t i = 0; i < procs_.size(); ++i) {
    ProcInfo& p = *proc_signature(static_cast<int>(i));
    if (!p.signature_ok) {
      continue;
    }
    std::size_t errors = diags_.error_count();
    p.body = Progress::InProgress;
    Scope scope;
    scope.barrier = true;
    Frame frame;
    for (std::size_t k = 0; k < p.params.size(); ++k) {
      const ast::Param& param = p.decl->params[k];
      scope.names[param.name.name] =
          Local{Local::Kind::Param, frame.allocate(), p.params[k], nullptr, param.name.loc};
    }
    current_in_action_ = true;
    proc_stack_.push_back(p.decl->name.name);
    owners_.push_back({true, p.decl->name.name, p.result, frame.allocate()});
    std::vector<Stmt> body;
    elaborate_block(p.decl->body, scope, frame, 0, body);
    owners_.pop_back();
    proc_stack_.pop_back();
    current_in_action_ = false;
    if (p.result != nullptr && !always_returns(body)) {
      diags_.error(p.decl->name.loc, "procedure '" + p.decl->name.name + "' returns " +
                                         kind_name(p.result) +
                                         " but not on every path; add a 'return'");
    }
    p.body = diags_.error_count() == errors ? Progress::Done : Progress::Failed;
  }
  // Only the inlined copies count as places where a step can fail.
  runtime_sites_ = runtime_sites;
}

bool Elaboration::inline_call(const ast::Identifier& callee, const std::vector<ast::Expr>& args,
                              SourceLoc loc, const Env& caller, Frame& frame, int result_slot,
                              std::vector<Stmt>& out) {
  const std::string& name = callee.name;
  ProcInfo* p = find_proc(name);
  if (p == nullptr) {
    auto it = symbols_.find(name);
    diags_.error(callee.loc, it == symbols_.end() ? "unknown procedure '" + name + "'"
                             : it->second.kind == SymbolKind::Fn
                                 ? "'" + name +
                                       "' is a function: use its value in an expression "
                                       "(a statement can only call a procedure)"
                                 : "'" + name + "' is not a procedure");
    return false;
  }
  if (args.size() != p->params.size()) {
    diags_.error(loc, "'" + name + "' takes " + std::to_string(p->params.size()) +
                          " argument(s), not " + std::to_string(args.size()));
    return false;
  }
  if (std::find(proc_stack_.begin(), proc_stack_.end(), name) != proc_stack_.end()) {
    diags_.error(callee.loc, "recursive call to '" + name + "': procedures cannot be recursive");
    return false;
  }
  if (!p->signature_ok || p->body == Progress::Failed) {
    return false;  // its errors were reported where it is declared
  }
  Stmt call;
  call.kind = StmtKind::Call;
  call.loc = loc;
  call.slot = result_slot;
  call.callee = name;
  Scope scope;
  scope.barrier = true;
  bool ok = true;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const ast::Param& param = p->decl->params[i];
    const Expr* value = scalar(args[i], caller);
    value = coerce(value, p->params[i], ast::loc_of(args[i]),
                   "argument '" + param.name.name + "' of '" + name + "'");
    if (value == nullptr) {
      ok = false;
      continue;
    }
    Stmt bind;
    bind.kind = StmtKind::Let;
    bind.loc = ast::loc_of(args[i]);
    bind.slot = frame.allocate();
    bind.value = value;
    scope.names[param.name.name] =
        Local{Local::Kind::Param, bind.slot, p->params[i], nullptr, param.name.loc};
    call.body.push_back(std::move(bind));
  }
  if (!ok) {
    return false;
  }
  std::size_t errors = diags_.error_count();
  proc_stack_.push_back(name);
  owners_.push_back({true, name, p->result, result_slot});
  elaborate_block(p->decl->body, scope, frame, 0, call.body);
  owners_.pop_back();
  proc_stack_.pop_back();
  if (diags_.error_count() > errors) {
    // Limits that depend on the caller (nested loops, sizes) fail here.
    diags_.note(loc, "in the call of procedure '" + name + "' here");
    return false;
  }
  out.push_back(std::move(call));
  return true;
}

}  // namespace spec::detail
