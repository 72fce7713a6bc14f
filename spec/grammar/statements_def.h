// SPDX-License-Identifier: GPL-2.0
#pragma once

// The X3 grammar of irqspec, part 3: statements and blocks.

#include "spec/grammar/expressions_def.h"

namespace spec::grammar {

x3::rule<struct stmt_class, ast::Stmt> const stmt = "statement";
x3::rule<struct block_class, ast::Block> const block = "block";
x3::rule<struct block_end_class> const block_end = "a statement or '}'";
x3::rule<struct let_class, ast::LetStmt> const let_stmt = "let";
x3::rule<struct assign_class, ast::AssignStmt> const assign_stmt = "assignment";
x3::rule<struct if_class, ast::IfStmt> const if_stmt = "if";
x3::rule<struct else_class, ast::Block> const else_part = "else";
x3::rule<struct else_body_class, ast::Block> const else_body = "'if' or a block";
x3::rule<struct for_class, ast::ForStmt> const for_stmt = "for";
x3::rule<struct break_class, ast::BreakStmt> const break_stmt = "break";
x3::rule<struct choose_class, ast::ChooseStmt> const choose_stmt = "choose";
x3::rule<struct emit_class, ast::EmitStmt> const emit_stmt = "emit";
x3::rule<struct return_class, ast::ReturnStmt> const return_stmt = "return";
x3::rule<struct return_stmt_body_class, ast::ReturnStmt> const return_stmt_body = "return";
x3::rule<struct call_stmt_class, ast::CallStmt> const call_stmt = "call";
x3::rule<struct assert_class, ast::AssertStmt> const assert_stmt = "assert";
x3::rule<struct assert_label_class, ast::Identifier> const assert_label = "label";

auto const push_if = [](auto& ctx) {
  x3::_val(ctx).emplace_back(x3::forward_ast<ast::IfStmt>(std::move(x3::_attr(ctx))));
};

auto const stmt_def = let_stmt | if_stmt | for_stmt | break_stmt | choose_stmt | emit_stmt |
                      return_stmt | assert_stmt | call_stmt | assign_stmt;
auto const block_def = x3::lit('{') > *stmt > block_end;
auto const block_end_def = x3::lit('}');
auto const let_stmt_def = kw("let") > identifier > -(':' > type_expr) > assign_op > expr > ';';
auto const assign_stmt_def = identifier >> *(x3::lit('[') > expr > ']') >> assign_op > expr > ';';
auto const if_stmt_def = kw("if") > '(' > expr > ')' > block > else_part;
auto const else_body_def = if_stmt[push_if] | block[set_val];
auto const else_part_def = -(kw("else") > else_body);
auto const for_stmt_def = kw("for") > identifier > ':' > type_expr > -(kw("where") > expr) > block;
auto const break_stmt_def = kw("break") > ';';
auto const choose_stmt_def = kw("choose") > identifier > ':' > type_expr > -(kw("where") > expr) >
                             ';';
auto const emit_stmt_def = kw("emit") > identifier > -(x3::lit('(') > arg_list > ')') > ';';
auto const return_stmt_body_def = kw("return") > -expr[set_field_value] > ';';
auto const return_stmt_def = return_stmt_body;
struct return_stmt_body_class {};
BOOST_SPIRIT_DEFINE(return_stmt_body)
// `name(` starts a call; `name =` or `name[` an assignment.
auto const call_stmt_def = identifier >> '(' > arg_list > ')' > ';';
auto const assert_label_def = identifier >> ':' >> !x3::lit(':');
auto const assert_stmt_def = kw("assert") > -assert_label > expr > -(x3::lit(',') > string_lit) >
                             ';';

struct stmt_class {};
struct block_class {};
struct block_end_class {};
struct let_class : annotate_position {};
struct assign_class : annotate_position {};
struct if_class : annotate_position {};
struct else_class {};
struct else_body_class {};
struct for_class : annotate_position {};
struct break_class : annotate_position {};
struct choose_class : annotate_position {};
struct emit_class : annotate_position {};
struct return_class : annotate_position {};
struct call_stmt_class : annotate_position {};
struct assert_class : annotate_position {};
struct assert_label_class {};

BOOST_SPIRIT_DEFINE(stmt, block, block_end, let_stmt, assign_stmt, if_stmt, else_part, else_body,
                    for_stmt, break_stmt, choose_stmt, emit_stmt, return_stmt, call_stmt,
                    assert_stmt, assert_label)

}  // namespace spec::grammar
