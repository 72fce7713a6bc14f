// SPDX-License-Identifier: GPL-2.0
#include "spec/ast.h"

namespace spec::ast {

const char* to_string(BinOp op) {
  switch (op) {
    case BinOp::Iff:
      return "<->";
    case BinOp::Implies:
      return "->";
    case BinOp::Since:
      return "since";
    case BinOp::Or:
      return "||";
    case BinOp::And:
      return "&&";
    case BinOp::Eq:
      return "==";
    case BinOp::Ne:
      return "!=";
    case BinOp::Lt:
      return "<";
    case BinOp::Le:
      return "<=";
    case BinOp::Gt:
      return ">";
    case BinOp::Ge:
      return ">=";
    case BinOp::Add:
      return "+";
    case BinOp::Sub:
      return "-";
    case BinOp::Mul:
      return "*";
    case BinOp::Div:
      return "/";
    case BinOp::Mod:
      return "%";
  }
  return "?";
}

const char* to_string(UnOp op) {
  switch (op) {
    case UnOp::Not:
      return "!";
    case UnOp::Neg:
      return "-";
    case UnOp::Prev:
      return "prev";
    case UnOp::Once:
      return "once";
    case UnOp::Historically:
      return "historically";
    case UnOp::Returned:
      return "returned";
  }
  return "?";
}

const char* to_string(QuantKind kind) {
  switch (kind) {
    case QuantKind::Forall:
      return "forall";
    case QuantKind::Exists:
      return "exists";
    case QuantKind::Count:
      return "count";
  }
  return "?";
}

SourceLoc loc_of(const Expr& e) {
  return boost::apply_visitor(
      [](const auto& node) -> SourceLoc {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_base_of_v<Located, T>) {
          return node.loc;
        } else {
          return node.get().loc;
        }
      },
      e);
}

void for_each_statement(const Block& block, const std::function<void(const Stmt&)>& visit) {
  // Every statement kind is named: one that gains a body must say so here.
  auto nested = Overloaded{
      [&](const x3::forward_ast<IfStmt>& i) {
        for_each_statement(i.get().then_body, visit);
        for_each_statement(i.get().else_body, visit);
      },
      [&](const x3::forward_ast<ForStmt>& f) { for_each_statement(f.get().body, visit); },
      [](const LetStmt&) {},
      [](const AssignStmt&) {},
      [](const BreakStmt&) {},
      [](const ChooseStmt&) {},
      [](const EmitStmt&) {},
      [](const ReturnStmt&) {},
      [](const CallStmt&) {},
      [](const AssertStmt&) {}};
  for (const Stmt& s : block) {
    visit(s);
    boost::apply_visitor(nested, s);
  }
}

}  // namespace spec::ast
