// SPDX-License-Identifier: GPL-2.0
#pragma once

// The X3 grammar of irqspec, part 2: expressions, types and binders.
// Expressions are built bottom-up by semantic actions, one fold per
// precedence level. `>` (expectation) after a keyword or an operator commits
// the parse, so errors point at the token that is wrong.

#include "spec/grammar/lexemes.h"

namespace spec::grammar {

x3::rule<struct expr_class, ast::Expr> const expr = "expression";
x3::rule<struct implies_class, ast::Expr> const implies_expr = "expression";
x3::rule<struct since_class, ast::Expr> const since_expr = "expression";
x3::rule<struct ternary_class, ast::Expr> const ternary_expr = "expression";
x3::rule<struct or_class, ast::Expr> const or_expr = "expression";
x3::rule<struct and_class, ast::Expr> const and_expr = "expression";
x3::rule<struct eq_class, ast::Expr> const eq_expr = "expression";
x3::rule<struct rel_class, ast::Expr> const rel_expr = "expression";
x3::rule<struct add_class, ast::Expr> const add_expr = "expression";
x3::rule<struct mul_class, ast::Expr> const mul_expr = "expression";
x3::rule<struct unary_class, ast::Expr> const unary_expr = "expression";
x3::rule<struct postfix_class, ast::Expr> const postfix_expr = "expression";
x3::rule<struct primary_class, ast::Expr> const primary_expr = "expression";
x3::rule<struct bound_add_class, ast::Expr> const bound_add = "range bound";
x3::rule<struct bound_mul_class, ast::Expr> const bound_mul = "range bound";
x3::rule<struct bound_term_class, ast::Expr> const bound_term = "range bound";
x3::rule<struct arg_list_class, std::vector<ast::Expr>> const arg_list = "arguments";
x3::rule<struct bool_lit_class, ast::BoolLit> const bool_lit = "boolean";
x3::rule<struct bool_lit_body_class, ast::BoolLit> const bool_lit_body = "boolean";
x3::rule<struct int_lit_class, ast::IntLit> const int_lit = "integer";
x3::rule<struct int_lit_body_class, ast::IntLit> const int_lit_body = "integer";
x3::rule<struct wildcard_class, ast::Wildcard> const wildcard = "'_'";
x3::rule<struct name_ref_class, ast::NameRef> const name_ref = "name";
x3::rule<struct name_ref_body_class, ast::NameRef> const name_ref_body = "name";
x3::rule<struct call_class, ast::Call> const call = "call";
x3::rule<struct quantifier_class, ast::Quantifier> const quantifier = "quantifier";
x3::rule<struct binder_class, ast::Binder> const binder = "binder";
x3::rule<struct binder_list_class, std::vector<ast::Binder>> const binder_list = "binder";
x3::rule<struct step_path_class, std::vector<ast::Identifier>> const step_path = "identifier";
x3::rule<struct step_atom_class, ast::StepAtom> const step_atom = "step atom";
x3::rule<struct type_expr_class, ast::TypeExpr> const type_expr = "type";
x3::rule<struct type_expr_body_class, ast::TypeExpr> const type_expr_body = "type";
x3::rule<struct index_type_class, ast::TypeExpr> const index_type = "index type";
x3::rule<struct index_type_body_class, ast::TypeExpr> const index_type_body = "index type";
x3::rule<struct range_type_class, ast::RangeType> const range_type = "range";

struct binop_table : x3::symbols<ast::BinOp> {
  binop_table(std::initializer_list<std::pair<const char*, ast::BinOp>> ops) {
    for (auto& [text, op] : ops) {
      add(text, op);
    }
  }
};

binop_table const or_op{{"||", ast::BinOp::Or}};
binop_table const and_op{{"&&", ast::BinOp::And}};
binop_table const eq_op{{"==", ast::BinOp::Eq}, {"!=", ast::BinOp::Ne}};
binop_table const rel_sym{
    {"<", ast::BinOp::Lt}, {"<=", ast::BinOp::Le}, {">", ast::BinOp::Gt}, {">=", ast::BinOp::Ge}};
binop_table const add_sym{{"+", ast::BinOp::Add}, {"-", ast::BinOp::Sub}};
binop_table const mul_sym{{"*", ast::BinOp::Mul}, {"/", ast::BinOp::Div}, {"%", ast::BinOp::Mod}};

// `<` must not be the start of `<->`, `-` not the start of `->`.
auto const rel_op = rel_sym >> !x3::lit("->");
auto const add_op = add_sym >> !x3::lit('>');
auto const iff_op = x3::attr(ast::BinOp::Iff) >> x3::lit("<->");
auto const implies_op = x3::attr(ast::BinOp::Implies) >> x3::lit("->");
auto const since_op = x3::attr(ast::BinOp::Since) >> kw("since");

struct unop_table : x3::symbols<ast::UnOp> {
  unop_table() {
    add("prev", ast::UnOp::Prev)("once", ast::UnOp::Once)("historically", ast::UnOp::Historically)(
        "returned", ast::UnOp::Returned);
  }
} const temporal_word;

x3::rule<struct unary_op_class, ast::UnOp> const unary_op = "unary operator";
auto const unary_op_def = (x3::lit('!') >> !x3::lit('=') >> x3::attr(ast::UnOp::Not)) |
                          (x3::lit('-') >> !x3::lit('>') >> x3::attr(ast::UnOp::Neg)) |
                          x3::lexeme[temporal_word >> !ident_char];

struct quant_table : x3::symbols<ast::QuantKind> {
  quant_table() {
    add("forall", ast::QuantKind::Forall)("exists", ast::QuantKind::Exists)("count",
                                                                            ast::QuantKind::Count);
  }
} const quant_word;

struct step_table : x3::symbols<ast::StepAtomKind> {
  step_table() { add("happens", ast::StepAtomKind::Happens)("did", ast::StepAtomKind::Did); }
} const step_word;

/// Folds `here op rhs` into a left-nested Binary (also used for the
/// right-associative `->`, whose rhs is parsed recursively).
auto const fold_binary = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  ast::Binary node;
  node.op = fusion::at_c<1>(attr);
  node.lhs = std::move(x3::_val(ctx));
  node.rhs = std::move(fusion::at_c<2>(attr));
  node.loc = loc_of(ctx, fusion::at_c<0>(attr).begin());
  x3::_val(ctx) = x3::forward_ast<ast::Binary>(std::move(node));
};

auto const make_unary = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  ast::Unary node;
  node.op = fusion::at_c<1>(attr);
  node.operand = std::move(fusion::at_c<2>(attr));
  node.loc = loc_of(ctx, fusion::at_c<0>(attr).begin());
  x3::_val(ctx) = x3::forward_ast<ast::Unary>(std::move(node));
};

auto const make_ternary = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  ast::Ternary node;
  node.cond = std::move(x3::_val(ctx));
  node.then_expr = std::move(fusion::at_c<1>(attr));
  node.else_expr = std::move(fusion::at_c<2>(attr));
  node.loc = loc_of(ctx, fusion::at_c<0>(attr).begin());
  x3::_val(ctx) = x3::forward_ast<ast::Ternary>(std::move(node));
};

auto const make_index = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  ast::Index node;
  node.base = std::move(x3::_val(ctx));
  node.index = std::move(fusion::at_c<1>(attr));
  node.loc = loc_of(ctx, fusion::at_c<0>(attr).begin());
  x3::_val(ctx) = x3::forward_ast<ast::Index>(std::move(node));
};

// Precedence, loosest first: <->, ->, since, ?:, ||, &&, == !=, < <= > >=,
// + -, * / %, unary, postfix. Quantifiers are primaries whose body extends
// as far right as possible.
auto const expr_def = implies_expr[set_val] >> *((here >> iff_op > implies_expr)[fold_binary]);
auto const implies_expr_def = since_expr[set_val] >>
                              -((here >> implies_op > implies_expr)[fold_binary]);
auto const since_expr_def = ternary_expr[set_val] >>
                            *((here >> since_op > ternary_expr)[fold_binary]);
auto const ternary_expr_def = or_expr[set_val] >>
                              -((here >> x3::lit('?') > expr > ':' > ternary_expr)[make_ternary]);
auto const or_expr_def = and_expr[set_val] >> *((here >> or_op > and_expr)[fold_binary]);
auto const and_expr_def = eq_expr[set_val] >> *((here >> and_op > eq_expr)[fold_binary]);
auto const eq_expr_def = rel_expr[set_val] >> *((here >> eq_op > rel_expr)[fold_binary]);
auto const rel_expr_def = add_expr[set_val] >> *((here >> rel_op > add_expr)[fold_binary]);
auto const add_expr_def = mul_expr[set_val] >> *((here >> add_op > mul_expr)[fold_binary]);
auto const mul_expr_def = unary_expr[set_val] >> *((here >> mul_sym > unary_expr)[fold_binary]);
auto const unary_expr_def = (here >> unary_op > unary_expr)[make_unary] | postfix_expr[set_val];
auto const postfix_expr_def = primary_expr[set_val] >>
                              *((here >> x3::lit('[') > expr > ']')[make_index]);
auto const primary_expr_def = (x3::lit('(') > expr > ')')[set_val] | quantifier[set_val] |
                              step_atom[set_val] | bool_lit[set_val] | int_lit[set_val] |
                              wildcard[set_val] | call[set_val] | name_ref[set_val];

// Range bounds in type position: arithmetic without indexing, so that
// `T[0..3]` is not mistaken for an indexing expression.
auto const bound_add_def = bound_mul[set_val] >> *((here >> add_op > bound_mul)[fold_binary]);
auto const bound_mul_def = bound_term[set_val] >> *((here >> mul_sym > bound_term)[fold_binary]);
auto const bound_term_def =
    (x3::lit('(') > expr > ')')[set_val] | int_lit[set_val] |
    (here >> x3::lit('-') >> x3::attr(ast::UnOp::Neg) > bound_term)[make_unary] | call[set_val] |
    name_ref[set_val];

auto const arg_list_def = -(expr % ',');

auto const set_bool = [](auto& ctx) { x3::_val(ctx).value = x3::_attr(ctx); };
auto const bool_lit_body_def =
    (kw("true") >> x3::attr(true))[set_bool] | (kw("false") >> x3::attr(false))[set_bool];
auto const bool_lit_def = bool_lit_body;
struct bool_lit_body_class {};
BOOST_SPIRIT_DEFINE(bool_lit_body)

auto const set_int_text = [](auto& ctx) {
  auto const& range = x3::_attr(ctx);
  x3::_val(ctx).text.assign(range.begin(), range.end());
};
auto const int_lit_body_def =
    x3::raw[x3::lexeme[((x3::lit("0x") | "0X") >> +x3::xdigit | +x3::digit) >> !ident_char]]
           [set_int_text];
auto const int_lit_def = int_lit_body;
struct int_lit_body_class {};
BOOST_SPIRIT_DEFINE(int_lit_body)

auto const wildcard_def = x3::lexeme[x3::lit('_') >> !ident_char];

auto const set_name = [](auto& ctx) { x3::_val(ctx).name = std::move(x3::_attr(ctx).name); };
auto const name_ref_body_def = identifier[set_name];
auto const name_ref_def = name_ref_body;
struct name_ref_body_class {};
BOOST_SPIRIT_DEFINE(name_ref_body)

auto const call_def = identifier >> '(' > arg_list > ')';
auto const binder_def = identifier > ':' > type_expr;
auto const binder_list_def = binder % ',';
auto const quantifier_def = x3::lexeme[quant_word >> !ident_char] > binder_list > '.' > expr;
auto const step_path_def = identifier % '.';
auto const step_atom_def = x3::lexeme[step_word >> !ident_char] > step_path >
                           -(x3::lit('(') > arg_list > ')');

auto const range_type_def = bound_add >> dot_dot > bound_add;

auto const set_type_name = [](auto& ctx) { x3::_val(ctx).name = std::move(x3::_attr(ctx).name); };
auto const set_type_bool = [](auto& ctx) { x3::_val(ctx).name = "bool"; };
auto const set_type_range = [](auto& ctx) {
  x3::_val(ctx).range = x3::forward_ast<ast::RangeType>(std::move(x3::_attr(ctx)));
};
auto const push_dim = [](auto& ctx) { x3::_val(ctx).dims.emplace_back(std::move(x3::_attr(ctx))); };
auto const index_type_body_def =
    kw("bool")[set_type_bool] | range_type[set_type_range] | identifier[set_type_name];
auto const index_type_def = index_type_body;
struct index_type_body_class {};
BOOST_SPIRIT_DEFINE(index_type_body)
auto const type_expr_body_def = (kw("bool")[set_type_bool] | range_type[set_type_range] |
                                 identifier[set_type_name]) >>
                                *((x3::lit('[') > index_type > ']')[push_dim]);
auto const type_expr_def = type_expr_body;
struct type_expr_body_class {};
BOOST_SPIRIT_DEFINE(type_expr_body)

struct unary_op_class {};
struct expr_class {};
struct implies_class {};
struct since_class {};
struct ternary_class {};
struct or_class {};
struct and_class {};
struct eq_class {};
struct rel_class {};
struct add_class {};
struct mul_class {};
struct unary_class {};
struct postfix_class {};
struct primary_class {};
struct bound_add_class {};
struct bound_mul_class {};
struct bound_term_class {};
struct arg_list_class {};
struct bool_lit_class : annotate_position {};
struct int_lit_class : annotate_position {};
struct wildcard_class : annotate_position {};
struct name_ref_class : annotate_position {};
struct call_class : annotate_position {};
struct quantifier_class : annotate_position {};
struct binder_class : annotate_position {};
struct binder_list_class {};
struct step_path_class {};
struct step_atom_class : annotate_position {};
struct type_expr_class : annotate_position {};
struct index_type_class : annotate_position {};
struct range_type_class {};

BOOST_SPIRIT_DEFINE(unary_op, expr, implies_expr, since_expr, ternary_expr, or_expr, and_expr,
                    eq_expr, rel_expr, add_expr, mul_expr, unary_expr, postfix_expr, primary_expr,
                    bound_add, bound_mul, bound_term, arg_list, bool_lit, int_lit, wildcard,
                    name_ref, call, quantifier, binder, binder_list, step_path, step_atom,
                    type_expr, index_type, range_type)

}  // namespace spec::grammar
