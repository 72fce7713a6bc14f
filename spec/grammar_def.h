// SPDX-License-Identifier: GPL-2.0
#pragma once

// The X3 grammar of irqspec v0. Included by parser.cpp only, so the slow X3
// instantiation happens in one translation unit.
//
// Expressions are built bottom-up by semantic actions (one fold per
// precedence level); declarations and statements use attribute propagation
// into the Fusion-adapted AST. `>` (expectation) after a keyword commits the
// parse, so errors point at the token that is wrong.

#include <boost/fusion/include/at_c.hpp>
#include <boost/spirit/home/x3.hpp>
#include <string>

#include "spec/ast.h"
#include "spec/ast_adapted.h"

namespace spec::grammar {

namespace x3 = boost::spirit::x3;
namespace fusion = boost::fusion;
using Iterator = std::string::const_iterator;

/// Context tag holding the start of the buffer, to turn iterators into offsets.
struct buffer_begin_tag;

/// Skips blanks and comments forward from `it` (used to locate operators).
inline Iterator skip_blanks(Iterator it, Iterator end) {
  while (it != end) {
    if (std::isspace(static_cast<unsigned char>(*it))) {
      ++it;
    } else if (*it == '/' && it + 1 != end && it[1] == '/') {
      while (it != end && *it != '\n') {
        ++it;
      }
    } else if (*it == '/' && it + 1 != end && it[1] == '*') {
      it += 2;
      while (it != end && !(*it == '*' && it + 1 != end && it[1] == '/')) {
        ++it;
      }
      it = it == end ? end : it + 2;
    } else {
      break;
    }
  }
  return it;
}

template <typename Ctx>
SourceLoc loc_of(Ctx const& ctx, Iterator it) {
  Iterator begin = x3::get<buffer_begin_tag>(ctx);
  return SourceLoc::at(static_cast<std::size_t>(it - begin));
}

/// Records the source position of every Located node a rule produces.
struct annotate_position {
  template <typename T, typename It, typename Ctx>
  void on_success(It const& first, It const& last, T& node, Ctx const& ctx) {
    if constexpr (std::is_base_of_v<ast::Located, T>) {
      Iterator begin = x3::get<buffer_begin_tag>(ctx);
      node.loc = SourceLoc::at(static_cast<std::size_t>(first - begin));
      node.end = static_cast<std::uint32_t>(last - begin);
    }
  }
};

// ------------------------------------------------------------------- lexemes
//
// Parser objects are plain namespace-scope constants, defined before use: an
// `inline` variable has no guaranteed initialization order, and a copy of a
// symbol table made before the table is built points at nothing.

struct reserved_words_ : x3::symbols<int> {
  reserved_words_() {
    for (const char* w :
         {"model",  "const",  "type",         "enum",     "var",       "init",     "event",
          "fn",     "actor",  "input",        "internal", "invariant", "property", "check",
          "let",    "if",     "else",         "for",      "break",     "choose",   "emit",
          "return", "assert", "true",         "false",    "forall",    "exists",   "count",
          "prev",   "once",   "historically", "since",    "happens",   "did",      "returned",
          "bool",   "_"}) {
      add(w, 0);
    }
  }
} const reserved_words;

auto const ident_char = x3::alnum | x3::char_('_');

/// A keyword: the word, not followed by an identifier character.
inline auto kw(char const* word) {
  return x3::lexeme[x3::lit(word) >> !ident_char];
}

auto const reserved = x3::lexeme[reserved_words >> !ident_char];

// Operator tokens that share a prefix with a longer operator.
x3::rule<struct assign_op_class> const assign_op = "'='";
auto const assign_op_def = x3::lit('=') >> !x3::lit('=');
struct assign_op_class {};
BOOST_SPIRIT_DEFINE(assign_op)
auto const dot_dot = x3::lit("..");

x3::rule<struct identifier_class, ast::Identifier> const identifier = "identifier";
x3::rule<struct identifier_body_class, ast::Identifier> const identifier_body = "identifier";
x3::rule<struct string_lit_class, std::string> const string_lit = "string";

auto const set_identifier = [](auto& ctx) {
  auto const& range = x3::_attr(ctx);
  x3::_val(ctx).name.assign(range.begin(), range.end());
};
auto const identifier_body_def =
    !reserved >> x3::raw[x3::lexeme[(x3::alpha | x3::char_('_')) >> *ident_char]][set_identifier];
auto const identifier_def = identifier_body;
struct identifier_body_class {};
BOOST_SPIRIT_DEFINE(identifier_body)

auto const string_lit_def =
    x3::lexeme['"' >> *(('\\' >> x3::char_) | (x3::char_ - '"' - x3::eol)) >> '"'];

struct identifier_class : annotate_position {};

// --------------------------------------------------------------- expressions

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

auto const set_val = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

/// An empty match at the next token: its position (after blanks and
/// comments) is where an operator node starts. (`_where` in a semantic action
/// is not the matched range, so operators record their position this way.)
x3::rule<struct here_class, boost::iterator_range<Iterator>> const here = "position";
auto const here_def = x3::raw[x3::eps];
struct here_class {};
BOOST_SPIRIT_DEFINE(here)

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
struct string_lit_class {};

BOOST_SPIRIT_DEFINE(identifier, string_lit, unary_op, expr, implies_expr, since_expr, ternary_expr,
                    or_expr, and_expr, eq_expr, rel_expr, add_expr, mul_expr, unary_expr,
                    postfix_expr, primary_expr, bound_add, bound_mul, bound_term, arg_list,
                    bool_lit, int_lit, wildcard, name_ref, call, quantifier, binder, binder_list,
                    step_path, step_atom, type_expr, index_type, range_type)

// ---------------------------------------------------------------- statements

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
x3::rule<struct assert_class, ast::AssertStmt> const assert_stmt = "assert";
x3::rule<struct assert_label_class, ast::Identifier> const assert_label = "label";

auto const set_field_value = [](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); };
auto const push_if = [](auto& ctx) {
  x3::_val(ctx).emplace_back(x3::forward_ast<ast::IfStmt>(std::move(x3::_attr(ctx))));
};

auto const stmt_def = let_stmt | if_stmt | for_stmt | break_stmt | choose_stmt | emit_stmt |
                      return_stmt | assert_stmt | assign_stmt;
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
struct assert_class : annotate_position {};
struct assert_label_class {};

BOOST_SPIRIT_DEFINE(stmt, block, block_end, let_stmt, assign_stmt, if_stmt, else_part, else_body,
                    for_stmt, break_stmt, choose_stmt, emit_stmt, return_stmt, assert_stmt,
                    assert_label)

// -------------------------------------------------------------- declarations

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
                      fn_decl | actor_decl | invariant_decl | property_decl | check_decl |
                      cover_decl;
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
                    fn_decl, actor_decl, actor_end, action_decl, param, param_list, invariant_decl,
                    property_decl, check_decl, check_end, check_item, check_set, check_depth,
                    check_expect, expectation, cover_decl, name_list)

// ------------------------------------------------------------------- skipper

auto const skipper = x3::space | (x3::lit("//") >> *(x3::char_ - x3::eol)) |
                     (x3::lit("/*") >> *(x3::char_ - x3::lit("*/")) >> x3::lit("*/"));

}  // namespace spec::grammar
