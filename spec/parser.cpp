// SPDX-License-Identifier: GPL-2.0
// The one translation unit that instantiates the X3 grammar.

#include "spec/parser.h"

#include "spec/grammar/declarations_def.h"
#include "spec/input_guard.h"

namespace spec {
namespace {

namespace x3 = boost::spirit::x3;
using grammar::Iterator;

using lexicon::is_ident_char;

/// The first non-blank position at or after `it`, outside comments.
Iterator skip_blanks(Iterator it, Iterator begin, Iterator end) {
  if (begin == end) {
    return it;
  }
  std::string_view text(&*begin, static_cast<std::size_t>(end - begin));
  return begin + static_cast<std::ptrdiff_t>(
                     lexicon::skip_blanks(text, static_cast<std::size_t>(it - begin)));
}

/// Turns X3's description of what it expected into words for a human.
std::string describe_expected(const std::string& which) {
  if (which.size() >= 2 && which.front() == '\'' && which.back() == '\'') {
    return which;  // a literal, already quoted: ';'
  }
  if (which.size() >= 2 && which.front() == '"' && which.back() == '"') {
    return "'" + which.substr(1, which.size() - 2) + "'";
  }
  if (which.rfind("lexeme", 0) == 0 || which.rfind("sequence", 0) == 0) {
    return "a keyword";
  }
  return which;
}

/// Whether only blanks come before `it` on its line.
bool starts_line(Iterator it, Iterator begin) {
  while (it != begin && (it[-1] == ' ' || it[-1] == '\t')) {
    --it;
  }
  return it == begin || it[-1] == '\n' || it[-1] == '\r';
}

/// After a syntax error, finds the next declaration keyword that starts a token
/// (outside comments and strings) so that parsing can resume there. When the
/// failed declaration made progress and the error is at a declaration keyword
/// that starts a line (a missing ';' before the next declaration), parsing
/// resumes at that keyword.
Iterator resynchronise(Iterator from, Iterator begin, Iterator end, bool made_progress) {
  Iterator it = from;
  if (made_progress && it != end && starts_line(it, begin)) {
    Iterator word_end = it;
    while (word_end != end && is_ident_char(*word_end)) {
      ++word_end;
    }
    if (lexicon::is_declaration_word(std::string_view(&*it, word_end - it))) {
      return it;
    }
  }
  // Otherwise always make progress past the token where the error was found.
  while (it != end && is_ident_char(*it)) {
    ++it;
  }
  if (it == from && it != end) {
    ++it;
  }
  while (it != end) {
    char c = *it;
    if (c == '/' && it + 1 != end && it[1] == '/') {
      while (it != end && *it != '\n') {
        ++it;
      }
    } else if (c == '/' && it + 1 != end && it[1] == '*') {
      it = skip_blanks(it, begin, end);
    } else if (c == '"') {
      ++it;
      while (it != end && *it != '"' && *it != '\n') {
        it += (*it == '\\' && it + 1 != end) ? 2 : 1;
      }
      if (it != end) {
        ++it;
      }
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      Iterator word_end = it;
      while (word_end != end && is_ident_char(*word_end)) {
        ++word_end;
      }
      bool at_token_start = it == begin || !is_ident_char(it[-1]);
      if (at_token_start && lexicon::is_declaration_word(std::string_view(&*it, word_end - it))) {
        return it;
      }
      it = word_end;
    } else {
      ++it;
    }
  }
  return end;
}

template <typename Rule, typename Attr>
bool parse_one(Iterator& it, Iterator begin, Iterator end, const Rule& rule, Attr& attr,
               Diagnostics& diags) {
  auto const parser = x3::with<grammar::buffer_begin_tag>(begin)[rule];
  try {
    if (x3::phrase_parse(it, end, parser, grammar::skipper, attr)) {
      return true;
    }
    it = skip_blanks(it, begin, end);
    diags.error(SourceLoc::at(it - begin),
                "expected a declaration (const, type, enum, var, init, event, fn, proc, "
                "actor, input/internal action, invariant, property, check or cover)");
  } catch (const x3::expectation_failure<Iterator>& failure) {
    Iterator where = skip_blanks(failure.where(), begin, end);
    std::string found = where == end ? "end of file" : "'" + std::string(1, *where) + "'";
    if (where != end && is_ident_char(*where)) {
      Iterator w = where;
      while (w != end && is_ident_char(*w)) {
        ++w;
      }
      found = "'" + std::string(where, w) + "'";
    }
    diags.error(SourceLoc::at(where - begin),
                "expected " + describe_expected(failure.which()) + ", found " + found);
    it = where;
  }
  return false;
}

}  // namespace

bool is_reserved_word(std::string_view word) {
  return lexicon::is_reserved(word);
}

ast::File parse(const SourceFile& file, Diagnostics& diags) {
  ast::File result;
  if (!guard_input(file, diags)) {
    return result;
  }
  const std::string& text = file.text();
  Iterator begin = text.begin();
  Iterator end = text.end();
  Iterator it = skip_blanks(begin, begin, end);

  ast::ModelDecl model;
  if (it == end) {
    diags.error(SourceLoc::at(0), "empty file: expected 'model NAME;'");
    return result;
  }
  Iterator start = it;
  if (text.compare(it - begin, 5, "model") == 0 && (it + 5 == end || !is_ident_char(it[5]))) {
    if (parse_one(it, begin, end, grammar::model_decl, model, diags)) {
      result.model = model;
    } else {
      it = resynchronise(it, begin, end, it != start);
    }
  } else {
    diags.error(SourceLoc::at(start - begin), "expected 'model NAME;' at the start of the file");
  }

  while (true) {
    it = skip_blanks(it, begin, end);
    if (it == end || diags.error_count() > Diagnostics::kMaxErrors) {
      break;
    }
    if (text.compare(it - begin, 5, "model") == 0 && (it + 5 == end || !is_ident_char(it[5]))) {
      diags.error(SourceLoc::at(it - begin), "only one model per file");
      it = resynchronise(it, begin, end, false);
      continue;
    }
    ast::Decl decl;
    Iterator decl_start = it;
    if (parse_one(it, begin, end, grammar::decl, decl, diags)) {
      result.decls.push_back(std::move(decl));
    } else {
      it = resynchronise(it, begin, end, it != decl_start);
    }
  }
  return result;
}

}  // namespace spec
