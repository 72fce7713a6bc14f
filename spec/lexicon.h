// SPDX-License-Identifier: GPL-2.0
#pragma once

// The lexical rules of irqspec in one place: which words are reserved, which
// start a declaration, what an identifier and a comment are. The grammar, the
// parser's error recovery and the input guard all read them from here, so
// they cannot disagree.

#include <cstddef>
#include <span>
#include <string_view>

namespace spec::lexicon {

/// Words that can never be used as names.
std::span<const std::string_view> reserved_words();
bool is_reserved(std::string_view word);

/// Words that start a top-level declaration; after a syntax error the
/// parser resumes at the next one. Includes the contextual `cover`.
bool is_declaration_word(std::string_view word);

/// Prefix operators and binders: each opens a nesting level in the grammar
/// (the input guard bounds their nesting before the parser recurses).
bool is_nesting_word(std::string_view word);

bool is_ident_start(char c);
bool is_ident_char(char c);

/// Where a comment that starts at `pos` ends (one past its last character),
/// `pos` itself when no comment starts there, `npos` for an unterminated
/// `/* ...`.
std::size_t comment_end(std::string_view text, std::size_t pos);

/// The first position at or after `pos` that is not blank or inside a
/// comment (an unterminated comment runs to the end).
std::size_t skip_blanks(std::string_view text, std::size_t pos);

}  // namespace spec::lexicon
