// SPDX-License-Identifier: GPL-2.0
#pragma once

// The syntax tree of an .irqspec file, as the X3 grammar builds it. Every node
// records where it starts so that the checker can point at it.

#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "spec/source_file.h"

namespace spec::ast {

namespace x3 = boost::spirit::x3;

/// A visitor made of one lambda per alternative, for boost::apply_visitor over
/// the syntax tree's variants. Dispatch goes through it rather than chains of
/// boost::get, so that a new kind of node without a case is a compile error.
template <class... Cases>
struct Overloaded : Cases... {
  using Cases::operator()...;
};
template <class... Cases>
Overloaded(Cases...) -> Overloaded<Cases...>;

/// Base of every node: the byte range the node was parsed from.
struct Located {
  SourceLoc loc;
  std::uint32_t end = 0;
};

struct Identifier : Located {
  std::string name;
};

// ---------------------------------------------------------------- expressions

enum class BinOp { Iff, Implies, Since, Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod };
enum class UnOp { Not, Neg, Prev, Once, Historically, Returned };
enum class QuantKind { Forall, Exists, Count };
enum class StepAtomKind { Happens, Did };

const char* to_string(BinOp op);
const char* to_string(UnOp op);
const char* to_string(QuantKind kind);

struct BoolLit : Located {
  bool value = false;
};
struct IntLit : Located {
  std::string text;  // digits as written; converted (and range-checked) by the checker
};
/// `_` in the argument list of `happens` or `did`: any value.
struct Wildcard : Located {
  int unused = 0;
};
struct NameRef : Located {
  std::string name;
};
struct Unary;
struct Binary;
struct Ternary;
struct Call;
struct Index;
struct Quantifier;
struct StepAtom;
struct TypeExpr;

struct Expr
    : x3::variant<BoolLit, IntLit, Wildcard, NameRef, x3::forward_ast<Unary>,
                  x3::forward_ast<Binary>, x3::forward_ast<Ternary>, x3::forward_ast<Call>,
                  x3::forward_ast<Index>, x3::forward_ast<Quantifier>, x3::forward_ast<StepAtom>> {
  using base_type::base_type;
  using base_type::operator=;
};

struct Unary : Located {
  UnOp op = UnOp::Not;
  Expr operand;
};
struct Binary : Located {
  BinOp op = BinOp::And;
  Expr lhs, rhs;
};
struct Ternary : Located {
  Expr cond, then_expr, else_expr;
};
struct Call : Located {
  Identifier callee;
  std::vector<Expr> args;
};
struct Index : Located {
  Expr base;
  Expr index;
};

/// A type as written: `bool`, a name, `lo .. hi`, optionally followed by `[I]...`.
struct RangeType {
  Expr lo, hi;
};
struct TypeExpr : Located {
  // Exactly one of `name` (non-empty, includes "bool") or `range` describes the element.
  std::string name;
  std::optional<x3::forward_ast<RangeType>> range;
  std::vector<x3::forward_ast<TypeExpr>> dims;  // array index types, outermost first
};

struct Binder : Located {
  Identifier name;
  TypeExpr type;
};
struct Quantifier : Located {
  QuantKind kind = QuantKind::Forall;
  std::vector<Binder> binders;
  Expr body;
};
/// `happens ev(args)` or `did actor.action(args)`; no argument list matches any arguments.
struct StepAtom : Located {
  StepAtomKind kind = StepAtomKind::Happens;
  std::vector<Identifier> path;  // `ev`, `action` or `actor.action`
  std::optional<std::vector<Expr>> args;
};

// ----------------------------------------------------------------- statements

struct Stmt;
using Block = std::vector<Stmt>;

struct LetStmt : Located {
  Identifier name;
  std::optional<TypeExpr> type;
  Expr value;
};
struct AssignStmt : Located {
  Identifier target;
  std::vector<Expr> indices;
  Expr value;
};
struct IfStmt;
struct ForStmt : Located {
  Identifier var;
  TypeExpr type;
  std::optional<Expr> where;
  Block body;
};
struct BreakStmt : Located {
  int unused = 0;
};
struct ChooseStmt : Located {
  Identifier var;
  TypeExpr type;
  std::optional<Expr> where;
};
struct EmitStmt : Located {
  Identifier event;
  std::vector<Expr> args;
};
struct ReturnStmt : Located {
  std::optional<Expr> value;
};
/// `name(args);` — a call of a procedure as a statement (its result, if
/// any, is dropped). `let r = name(args);` is a LetStmt holding a Call.
struct CallStmt : Located {
  Identifier callee;
  std::vector<Expr> args;
};
struct AssertStmt : Located {
  std::optional<Identifier> label;  // an irqspec addition: names the obligation
  Expr cond;
  std::optional<std::string> message;
};

struct Stmt : x3::variant<LetStmt, AssignStmt, x3::forward_ast<IfStmt>, x3::forward_ast<ForStmt>,
                          BreakStmt, ChooseStmt, EmitStmt, ReturnStmt, CallStmt, AssertStmt> {
  using base_type::base_type;
  using base_type::operator=;
};

struct IfStmt : Located {
  Expr cond;
  Block then_body;
  Block else_body;  // an `else if` is an else body holding one IfStmt
};

// --------------------------------------------------------------- declarations

struct Param : Located {
  Identifier name;
  TypeExpr type;
};

struct ModelDecl : Located {
  Identifier name;
};
struct ConstDecl : Located {
  Identifier name;
  std::optional<TypeExpr> type;
  Expr value;
};
struct TypeDecl : Located {
  Identifier name;
  TypeExpr type;
};
struct EnumMember : Located {
  Identifier name;
  std::optional<Expr> value;
};
struct EnumDecl : Located {
  Identifier name;
  std::vector<EnumMember> members;
};
struct VarDecl : Located {
  Identifier name;
  TypeExpr type;
  std::optional<Expr> init;
};
struct InitDecl : Located {
  Expr cond;
};
struct EventDecl : Located {
  Identifier name;
  std::vector<Param> params;
};
struct FnDecl : Located {
  Identifier name;
  std::vector<Param> params;
  TypeExpr result;
  Expr body;
};
/// `proc name(p: T, ...) [: R] { ... }`: a statement-level procedure,
/// inlined at each call.
struct ProcDecl : Located {
  Identifier name;
  std::vector<Param> params;
  std::optional<TypeExpr> result;
  Block body;
};
enum class ActionKind { Input, Internal };
struct ActionDecl : Located {
  ActionKind kind = ActionKind::Input;
  Identifier name;
  std::vector<Param> params;
  std::optional<TypeExpr> result;
  std::optional<Expr> guard;
  Block body;
};
struct ActorDecl : Located {
  Identifier name;
  std::vector<ActionDecl> actions;
};
struct InvariantDecl : Located {
  Identifier name;
  Expr formula;
};
struct PropertyDecl : Located {
  Identifier name;
  Expr formula;  // the φ of `always φ`
};

enum class Expectation { Holds, Violated };
struct CheckSet : Located {
  Identifier name;
  Expr value;
};
struct CheckDepth : Located {
  Expr value;
};
struct CheckExpect : Located {
  Identifier property;  // "all" for `expect all holds`
  Expectation expectation = Expectation::Holds;
};
struct CheckItem : x3::variant<CheckSet, CheckDepth, CheckExpect> {
  using base_type::base_type;
  using base_type::operator=;
};
struct CheckDecl : Located {
  Identifier name;
  std::vector<CheckItem> items;
};

/// `cover name: actor.action(p, q) when cond;` (an irqspec addition): a step
/// a generated test suite must exercise — that action, with parameters named
/// p, q, from a state where cond holds.
struct CoverDecl : Located {
  Identifier name;
  std::vector<Identifier> action;  // `action` or `actor.action`
  std::vector<Identifier> params;
  std::optional<Expr> condition;
};

/// A declaration. An ActionDecl here is an action outside any actor: it
/// belongs to the model itself (its lane is the model's name).
struct Decl
    : x3::variant<ConstDecl, TypeDecl, EnumDecl, VarDecl, InitDecl, EventDecl, FnDecl, ProcDecl,
                  ActorDecl, ActionDecl, InvariantDecl, PropertyDecl, CheckDecl, CoverDecl> {
  using base_type::base_type;
  using base_type::operator=;
};

struct File {
  std::optional<ModelDecl> model;
  std::vector<Decl> decls;
};

/// Where an expression starts.
SourceLoc loc_of(const Expr& e);

/// Calls `visit` for every statement of `block` and of the blocks nested in
/// it (if/else branches, loop bodies), in source order.
void for_each_statement(const Block& block, const std::function<void(const Stmt&)>& visit);

}  // namespace spec::ast
