// SPDX-License-Identifier: GPL-2.0
#pragma once

// The X3 grammar of irqspec, part 4: declarations — the rules spec/parser.cpp
// starts from (`model_decl`, `decl`).

#include "spec/grammar/statements_def.h"

namespace spec::grammar {

x3::rule<struct decl_class, ast::Decl> const decl = "declaration";
x3::rule<struct model_decl_class, ast::ModelDecl> const model_decl = "model declaration";
x3::rule<struct model_decl_body_class, ast::ModelDecl> const model_decl_body = "model declaration";
x3::rule<struct const_decl_class, ast::ConstDecl> const const_decl = "const";
x3::rule<struct type_decl_class, ast::TypeDecl> const type_decl = "type";
x3::rule<struct enum_decl_class, ast::EnumDecl> const enum_decl = "enum";
x3::rule<struct enum_member_class, ast::EnumMember> const enum_member = "enum member";
x3::rule<struct enum_member_list_class, std::vector<ast::EnumMember>> const enum_member_list =
    "enum member";
x3::rule<struct action_kw_class> const action_kw = "'action'";
x3::rule<struct always_kw_class> const always_kw = "'always'";
x3::rule<struct var_decl_class, ast::VarDecl> const var_decl = "var";
x3::rule<struct init_decl_class, ast::InitDecl> const init_decl = "init";
x3::rule<struct init_decl_body_class, ast::InitDecl> const init_decl_body = "init";
x3::rule<struct event_decl_class, ast::EventDecl> const event_decl = "event";
x3::rule<struct fn_decl_class, ast::FnDecl> const fn_decl = "fn";
x3::rule<struct proc_decl_class, ast::ProcDecl> const proc_decl = "proc";
x3::rule<struct actor_decl_class, ast::ActorDecl> const actor_decl = "actor";
x3::rule<struct actor_end_class> const actor_end = "an action or '}'";
x3::rule<struct action_decl_class, ast::ActionDecl> const action_decl = "action";
x3::rule<struct param_class, ast::Param> const param = "parameter";
x3::rule<struct param_list_class, std::vector<ast::Param>> const param_list = "parameters";
x3::rule<struct invariant_decl_class, ast::InvariantDecl> const invariant_decl = "invariant";
x3::rule<struct property_decl_class, ast::PropertyDecl> const property_decl = "property";
x3::rule<struct check_decl_class, ast::CheckDecl> const check_decl = "check";
x3::rule<struct check_end_class> const check_end = "'set', 'depth', 'expect' or '}'";
x3::rule<struct check_item_class, ast::CheckItem> const check_item = "check item";
x3::rule<struct check_set_class, ast::CheckSet> const check_set = "set";
x3::rule<struct check_depth_class, ast::CheckDepth> const check_depth = "depth";
x3::rule<struct check_depth_body_class, ast::CheckDepth> const check_depth_body = "depth";
x3::rule<struct check_expect_class, ast::CheckExpect> const check_expect = "expect";
x3::rule<struct expectation_class, ast::Expectation> const expectation = "'holds' or 'violated'";
x3::rule<struct cover_decl_class, ast::CoverDecl> const cover_decl = "cover";
x3::rule<struct name_list_class, std::vector<ast::Identifier>> const name_list = "names";

struct action_kind_table : x3::symbols<ast::ActionKind> {
  action_kind_table() {
    add("input", ast::ActionKind::Input)("internal", ast::ActionKind::Internal);
  }
} const action_kind;

auto const set_model_name = [](auto& ctx) { x3::_val(ctx).name = std::move(x3::_attr(ctx)); };
auto const set_init_cond = [](auto& ctx) { x3::_val(ctx).cond = std::move(x3::_attr(ctx)); };
auto const set_expectation = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };

auto const decl_def = const_decl | type_decl | enum_decl | var_decl | init_decl | event_decl |
                      fn_decl | proc_decl | actor_decl | action_decl | invariant_decl |
                      property_decl | check_decl | cover_decl;
auto const name_list_def = -(identifier % ',');
auto const cover_decl_def = kw("cover") > identifier > ':' > (identifier % '.') >
                            -(x3::lit('(') > name_list > ')') > -(kw("when") > expr) > ';';
auto const model_decl_body_def = (kw("model") > identifier > ';')[set_model_name];
auto const model_decl_def = model_decl_body;
struct model_decl_body_class {};
BOOST_SPIRIT_DEFINE(model_decl_body)
auto const const_decl_def = kw("const") > identifier > -(':' > type_expr) > assign_op > expr > ';';
auto const type_decl_def = kw("type") > identifier > assign_op > type_expr > ';';
auto const enum_member_list_def = enum_member % ',';
auto const enum_decl_def = kw("enum") > identifier > '{' > enum_member_list > -x3::lit(',') > '}' >
                           -x3::lit(';');
auto const enum_member_def = identifier >> -(assign_op > expr);
auto const var_decl_def = kw("var") > identifier > ':' > type_expr > -(assign_op > expr) > ';';
auto const init_decl_body_def = (kw("init") > expr > ';')[set_init_cond];
auto const init_decl_def = init_decl_body;
struct init_decl_body_class {};
BOOST_SPIRIT_DEFINE(init_decl_body)
auto const param_def = identifier > ':' > type_expr;
auto const param_list_def = -(param % ',');
auto const event_decl_def = kw("event") > identifier > -(x3::lit('(') > param_list > ')') > ';';
auto const fn_decl_def =
    kw("fn") > identifier > '(' > param_list > ')' > ':' > type_expr > assign_op > expr > ';';
auto const proc_decl_def = kw("proc") > identifier > '(' > param_list > ')' >
                           -(':' > type_expr) > block;
auto const actor_decl_def = kw("actor") > identifier > '{' > *action_decl > actor_end;
auto const actor_end_def = x3::lit('}');
auto const action_kw_def = kw("action");
auto const always_kw_def = kw("always");
auto const action_decl_def = x3::lexeme[action_kind >> !ident_char] > action_kw > identifier >
                             -(x3::lit('(') > param_list > ')') > -(':' > type_expr) >
                             -(kw("when") > expr) > block;
auto const invariant_decl_def = kw("invariant") > identifier > ':' > expr > ';';
auto const property_decl_def = kw("property") > identifier > ':' > always_kw > expr > ';';
auto const check_decl_def = kw("check") > identifier > '{' > *check_item > check_end;
auto const check_end_def = x3::lit('}');
auto const check_item_def = check_set | check_depth | check_expect;
auto const check_set_def = kw("set") > identifier > assign_op > expr > ';';
auto const check_depth_body_def = (kw("depth") > expr > ';')[set_field_value];
auto const check_depth_def = check_depth_body;
struct check_depth_body_class {};
BOOST_SPIRIT_DEFINE(check_depth_body)
auto const check_expect_def = kw("expect") > identifier > expectation > ';';
auto const expectation_def =
    (kw("holds") >> x3::attr(ast::Expectation::Holds))[set_expectation] |
    (kw("violated") >> x3::attr(ast::Expectation::Violated))[set_expectation];

struct decl_class {};
struct model_decl_class : annotate_position {};
struct const_decl_class : annotate_position {};
struct type_decl_class : annotate_position {};
struct enum_decl_class : annotate_position {};
struct enum_member_class : annotate_position {};
struct enum_member_list_class {};
struct action_kw_class {};
struct always_kw_class {};
struct var_decl_class : annotate_position {};
struct init_decl_class : annotate_position {};
struct event_decl_class : annotate_position {};
struct fn_decl_class : annotate_position {};
struct proc_decl_class : annotate_position {};
struct actor_decl_class : annotate_position {};
struct actor_end_class {};
struct action_decl_class : annotate_position {};
struct param_class : annotate_position {};
struct param_list_class {};
struct invariant_decl_class : annotate_position {};
struct property_decl_class : annotate_position {};
struct check_decl_class : annotate_position {};
struct check_end_class {};
struct check_item_class {};
struct check_set_class : annotate_position {};
struct check_depth_class : annotate_position {};
struct check_expect_class : annotate_position {};
struct expectation_class {};
struct cover_decl_class : annotate_position {};
struct name_list_class {};

BOOST_SPIRIT_DEFINE(decl, model_decl, const_decl, type_decl, enum_decl, enum_member,
                    enum_member_list, action_kw, always_kw, var_decl, init_decl, event_decl,
                    fn_decl, proc_decl, actor_decl, actor_end, action_decl, param, param_list,
                    invariant_decl, property_decl, check_decl, check_end, check_item, check_set,
                    check_depth, check_expect, expectation, cover_decl, name_list)

}  // namespace spec::grammar
