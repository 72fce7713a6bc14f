// SPDX-License-Identifier: GPL-2.0
#pragma once

// Internal to the checker: the state of one elaboration of a file into a
// Model. Split over elaboration.cpp (declarations, constants, types, checks),
// elaborate_expr.cpp and elaborate_stmt.cpp.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "spec/arith.h"
#include "spec/ast.h"
#include "spec/checker.h"
#include "spec/diagnostics.h"
#include "spec/model.h"

namespace spec::detail {

namespace x3 = boost::spirit::x3;

enum class SymbolKind { Const, Type, Enum, Member, Var, Fn, Proc, Event, Actor };

struct Symbol {
  SymbolKind kind;
  int index;  // into the per-kind table
  SourceLoc loc;
};

enum class Progress { NotStarted, InProgress, Done, Failed };

struct ConstInfo {
  const ast::ConstDecl* decl = nullptr;
  Progress progress = Progress::NotStarted;
  const Expr* value = nullptr;  // a Literal
  const Type* declared = nullptr;
};

struct TypeInfo {
  const ast::TypeDecl* decl = nullptr;
  Progress progress = Progress::NotStarted;
  const Type* type = nullptr;
};

struct EnumMemberInfo {
  int enum_id;
  Value ordinal;
};

struct FnInfo {
  const ast::FnDecl* decl = nullptr;
  bool signature_done = false;
  bool signature_ok = false;
  std::vector<const Type*> params;
  const Type* result = nullptr;
};

struct ProcInfo {
  const ast::ProcDecl* decl = nullptr;
  bool signature_done = false;
  bool signature_ok = false;
  Progress body = Progress::NotStarted;  // its own check; Failed: errors reported there
  std::vector<const Type*> params;
  const Type* result = nullptr;  // nullptr: no result
};

/// An action or a top-level declaration of one, with its lane.
struct ActionSource {
  std::string actor;  // the actor's name, or the model's for a top-level action
  const ast::ActionDecl* decl = nullptr;
  bool top_level = false;
};

/// Whose body is being elaborated: where `return` goes and what it returns.
struct BodyOwner {
  bool is_proc = false;
  std::string name;
  const Type* result = nullptr;  // nullptr: no result
  int result_slot = -1;          // procedures: the caller's frame slot for the result
};

/// What a name in an expression may refer to, by where the expression is.
enum class Where {
  Const,     // constant expressions: consts, members, literals, fns of constants
  State,     // guards, bodies, init, invariants: plus state and locals
  Property,  // properties: plus past-time operators and step atoms
};

/// A local name: a frame slot, or (for inlined fn parameters and expanded
/// quantifiers) an expression substituted for the name.
struct Local {
  enum class Kind { Param, Let, Loop, Choose, Binder, Substituted } kind;
  int slot = -1;
  const Type* type = nullptr;
  const Expr* subst = nullptr;
  SourceLoc loc;
};

struct Scope {
  std::map<std::string, Local> names;
  const Scope* parent = nullptr;
  bool barrier = false;  // a fn body sees no locals of its caller

  const Local* find(const std::string& n) const;
};

/// Allocates frame slots for one action, obligation or init constraint.
struct Frame {
  int next = 0;
  int size = 0;
  int allocate() {
    size = std::max(size, next + 1);
    return next++;
  }
};

struct Env {
  Where where = Where::State;
  const Scope* scope = nullptr;
  Frame* frame = nullptr;
  const char* context = "";  // "a guard", "an invariant"... for messages
};

/// An elaborated expression: a scalar, or a (partially indexed) array variable.
struct Operand {
  const Expr* expr = nullptr;
  int var = -1;
  std::vector<const Expr*> indices;
  const Type* array_type = nullptr;
  SourceLoc loc;

  bool failed() const { return expr == nullptr && var < 0; }
  bool is_array() const { return var >= 0; }
};

class Elaboration;

/// Multiplies the enumeration product for the lifetime of a binder or loop,
/// reporting an error when the product passes kMaxEnumerationProduct.
struct EnumerationScope {
  EnumerationScope(Elaboration& e, std::uint64_t values, SourceLoc loc);
  ~EnumerationScope();
  Elaboration& elaboration;
  std::uint64_t saved;
  bool ok = true;
};

class Elaboration {
 public:
  Elaboration(const ast::File& file, const SourceFile& source, Diagnostics& diags);

  std::optional<Model> run(const std::vector<ConstSetting>& settings, const ast::CheckDecl* check);

  // ---- elaboration.cpp
  const Type* resolve_type(const ast::TypeExpr& t, bool allow_array);
  const Type* range_type(const ast::TypeExpr& t);
  const Type* named_type(const ast::TypeExpr& t);
  const Type* resolve_domain(const ast::TypeExpr& t, const char* what);
  std::optional<Value> const_int(const ast::Expr& e, const char* what);
  const Expr* const_value(int const_index, SourceLoc use);
  FnInfo* fn_signature(int fn_index);

  // ---- elaborate_expr.cpp
  Operand elab(const ast::Expr& e, const Env& env);
  const Expr* scalar(const ast::Expr& e, const Env& env);
  const Expr* boolean(const ast::Expr& e, const Env& env, const char* what);
  /// Converts `e` for storage into `target`, adding a runtime range check
  /// when its interval is not inside the target's.
  const Expr* coerce(const Expr* e, const Type* target, SourceLoc loc, const std::string& what);
  const Expr* literal(const Type* t, Value v, SourceLoc loc);
  const Type* int_type(arith::Interval i);
  arith::Interval interval(const Expr* e) const;
  bool contains_temporal(const Expr* e) const;
  bool contains_step(const Expr* e) const;
  std::string type_name(const Type* t) const { return model_.types->name(t); }
  /// "an integer", "bool", "Ret": how to name a type's kind in messages.
  std::string kind_name(const Type* t) const;
  std::string source_text(SourceLoc from, std::uint32_t end) const;

  // ---- elaborate_stmt.cpp
  void declare_actions();
  Action declare_action(const std::string& actor, const ast::ActionDecl& decl);
  void elaborate_action_body(Action& action, const ast::ActionDecl& decl);
  void elaborate_block(const ast::Block& block, Scope& scope, Frame& frame, int loop_depth,
                       std::vector<Stmt>& out);
  bool always_returns(const std::vector<Stmt>& body) const;

  // ---- elaborate_proc.cpp
  ProcInfo* proc_signature(int proc_index);
  void elaborate_procs();
  /// Inlines a call of procedure `callee` into `out` as a Call statement
  /// (arguments bound first, in the caller's frame); `result_slot` >= 0
  /// receives the result. False, with errors reported, if it cannot be.
  bool inline_call(const ast::Identifier& callee, const std::vector<ast::Expr>& args, SourceLoc loc,
                   const Env& caller, Frame& frame, int result_slot, std::vector<Stmt>& out);
  /// The procedure named `name` with its signature resolved (check
  /// `signature_ok`), or nullptr if no procedure has that name.
  ProcInfo* find_proc(const std::string& name);

  Diagnostics& diags() { return diags_; }
  Model& model() { return model_; }

 private:
  friend class ExprElaborator;
  void collect_symbols();
  bool declare(const std::string& name, SymbolKind kind, int index, SourceLoc loc);
  void elaborate_enums();
  /// Records every setting (a check block's `set`, a --set) by constant;
  /// each is evaluated when its constant is (const_value), so that the
  /// order of the settings and of the declarations does not matter.
  void apply_settings(const std::vector<ConstSetting>& settings, const ast::CheckDecl* check);
  const Expr* setting_value(int const_index);
  const Expr* command_line_value(const ConstSetting& s);
  void elaborate_vars();
  void elaborate_events();
  void elaborate_fns();
  void elaborate_obligations();
  Obligation formula_obligation(const ast::Identifier& name, const ast::Expr& formula,
                                ObligationKind kind);
  void elaborate_check(const ast::CheckDecl* check);
  void check_depth(const ast::CheckDepth& depth);
  bool check_expect(const ast::CheckExpect& ex, std::map<int, SourceLoc>& named);
  void elaborate_covers();
  void finish_monitors(Obligation& o);
  void record_constants();

  Operand elab_name(const ast::NameRef& n, const Env& env);
  Operand state_operand(const ast::NameRef& n, const Symbol& sym, const Env& env);
  std::string not_a_value(const std::string& name, SymbolKind kind) const;
  Operand elab_index(const ast::Index& n, const Env& env);
  const Expr* elab_unary(const ast::Unary& n, const Env& env);
  const Expr* elab_binary(const ast::Binary& n, const Env& env);
  const Expr* elab_arithmetic(const ast::Binary& n, const Env& env, Expr e, const std::string& op);
  const Expr* elab_ternary(const ast::Ternary& n, const Env& env);
  const Expr* elab_call(const ast::Call& n, const Env& env);
  const Expr* elab_quantifier(const ast::Quantifier& n, const Env& env);
  const Expr* elab_quantifier_from(const ast::Quantifier& n, std::size_t binder, const Env& env);
  const Expr* expand_quantifier(const ast::Quantifier& n, std::size_t binder, const Type* domain,
                                const Env& env);
  const Expr* quantifier_node(const ast::Quantifier& n, std::size_t binder, const Type* domain,
                              int slot, const Expr* body);
  const Expr* elab_step_atom(const ast::StepAtom& n, const Env& env);
  /// The action `action` or `actor.action` names; -1 (reported) if none or several.
  int resolve_action(const std::vector<ast::Identifier>& path);
  bool step_atom_arguments(const ast::StepAtom& n, const Env& env, const std::vector<Param>& params,
                           const std::string& what, Expr& e);
  const Expr* finish_element(const Operand& array, SourceLoc loc);
  const Expr* make_node(Expr e);  // folds constants, counts nodes

 public:
  const ast::File& file_;
  const SourceFile& source_;
  Diagnostics& diags_;
  Model model_;

  std::map<std::string, Symbol> symbols_;
  std::vector<ConstInfo> consts_;
  std::vector<TypeInfo> type_decls_;
  std::vector<const ast::EnumDecl*> enum_decls_;
  std::vector<int> enum_ids_;  // enum_decls_ index -> TypeTable enum id
  std::vector<EnumMemberInfo> members_;
  std::vector<const ast::VarDecl*> var_decls_;
  std::vector<FnInfo> fns_;
  std::vector<const ast::EventDecl*> event_decls_;
  std::vector<ProcInfo> procs_;
  std::vector<const ast::ActorDecl*> actor_decls_;
  std::vector<ActionSource> action_sources_;          // every action in source order
  std::vector<const ast::ActionDecl*> action_decls_;  // parallel to model_.actions
  /// A constant's setting: from the command line (which wins) or a check.
  struct Setting {
    const ConstSetting* command_line = nullptr;
    const ast::Expr* check_value = nullptr;
  };
  std::map<int, Setting> settings_;  // const index -> its setting
  std::vector<std::string> fn_stack_;
  std::vector<std::string> proc_stack_;  // procedures being inlined, outermost first
  std::vector<BodyOwner> owners_;        // the action, then the procedures being inlined
  std::size_t node_count_ = 0;
  int expr_depth_ = 0;  // nesting of the expressions being elaborated, after inlining
  bool too_deep_reported_ = false;
  bool runtime_sites_ = false;      // some step can fail at run time
  bool current_in_action_ = false;  // elaborating an action: run-time errors are `asserts`
  /// Values enumerated per evaluation by the enclosing binders and loops: a
  /// bound on the work one evaluation can do, so no model can hang an engine.
  std::uint64_t enumeration_ = 1;
  bool failed_ = false;
};

inline constexpr std::uint64_t kMaxEnumerable = 1 << 16;  // values of one binder/param domain
inline constexpr std::uint64_t kMaxStateSlots = 1 << 16;  // scalar slots of all state variables
inline constexpr std::uint64_t kMaxEnumerationProduct = 1 << 22;  // nested binders and loops
inline constexpr std::size_t kMaxNodes = 2'000'000;     // IR nodes after inlining/expansion
inline constexpr Value kMaxStateMagnitude = INT32_MAX;  // state values are stored in 32 bits
/// Expressions nested deeper than this (counting inlined functions, constants
/// and quantifier binders) are rejected before elaboration exhausts the stack.
inline constexpr int kMaxExprDepth = 1000;

}  // namespace spec::detail
