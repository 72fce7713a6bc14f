// SPDX-License-Identifier: GPL-2.0
#pragma once

// The X3 grammar of irqspec, part 1: what every rule shares — the iterator,
// source positions, keywords, identifiers, literals and the skipper. The
// grammar is split as the X3 examples split theirs (lexemes, expressions,
// statements, declarations); every part is included by spec/parser.cpp only,
// so the slow X3 instantiation happens in one translation unit.
//
// Parser objects are plain namespace-scope constants, defined before use: an
// `inline` variable has no guaranteed initialization order, and a copy of a
// symbol table made before the table is built points at nothing.

#include <boost/fusion/include/at_c.hpp>
#include <boost/spirit/home/x3.hpp>
#include <string>

#include "spec/ast.h"
#include "spec/ast_adapted.h"
#include "spec/lexicon.h"

namespace spec::grammar {

namespace x3 = boost::spirit::x3;
namespace fusion = boost::fusion;
using Iterator = std::string::const_iterator;

/// Context tag holding the start of the buffer, to turn iterators into offsets.
struct buffer_begin_tag;

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

/// The reserved words of spec/lexicon.h as an X3 symbol table.
struct reserved_words_ : x3::symbols<int> {
  reserved_words_() {
    for (std::string_view w : lexicon::reserved_words()) {
      add(std::string(w), 0);
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
struct string_lit_class {};
BOOST_SPIRIT_DEFINE(identifier, string_lit)

auto const set_val = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
auto const set_field_value = [](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); };

/// An empty match at the next token: its position (after blanks and
/// comments) is where an operator node starts. (`_where` in a semantic action
/// is not the matched range, so operators record their position this way.)
x3::rule<struct here_class, boost::iterator_range<Iterator>> const here = "position";
auto const here_def = x3::raw[x3::eps];
struct here_class {};
BOOST_SPIRIT_DEFINE(here)

/// Blanks and both kinds of comment (spec/lexicon.h describes the same).
auto const skipper = x3::space | (x3::lit("//") >> *(x3::char_ - x3::eol)) |
                     (x3::lit("/*") >> *(x3::char_ - x3::lit("*/")) >> x3::lit("*/"));

}  // namespace spec::grammar
