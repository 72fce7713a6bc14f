// SPDX-License-Identifier: GPL-2.0
#include "spec/lexicon.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace spec::lexicon {
namespace {

constexpr std::array<std::string_view, 38> kReserved = {
    "model", "const",   "type",   "enum",     "var",       "init",     "event",  "fn",
    "proc",  "actor",   "input",  "internal", "invariant", "property", "check",  "let",
    "if",    "else",    "for",    "break",    "choose",    "emit",     "return", "assert",
    "true",  "false",   "forall", "exists",   "count",     "prev",     "once",   "historically",
    "since", "happens", "did",    "returned", "bool",      "_"};

constexpr std::array<std::string_view, 15> kDeclaration = {
    "model", "const", "type",      "enum",     "var",   "init",  "event", "fn",
    "proc",  "actor", "invariant", "property", "check", "cover", "input"};

constexpr std::array<std::string_view, 8> kNesting = {
    "prev", "once", "historically", "returned", "forall", "exists", "count", "since"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& table, std::string_view word) {
  return std::find(table.begin(), table.end(), word) != table.end();
}

}  // namespace

std::span<const std::string_view> reserved_words() {
  return kReserved;
}

bool is_reserved(std::string_view word) {
  return contains(kReserved, word);
}

bool is_declaration_word(std::string_view word) {
  return contains(kDeclaration, word) || word == "internal";
}

bool is_nesting_word(std::string_view word) {
  return contains(kNesting, word);
}

bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::size_t comment_end(std::string_view text, std::size_t pos) {
  if (pos + 1 >= text.size() || text[pos] != '/') {
    return pos;
  }
  if (text[pos + 1] == '/') {
    std::size_t eol = text.find('\n', pos);
    return eol == std::string_view::npos ? text.size() : eol;
  }
  if (text[pos + 1] == '*') {
    std::size_t close = text.find("*/", pos + 2);
    return close == std::string_view::npos ? std::string_view::npos : close + 2;
  }
  return pos;
}

std::size_t skip_blanks(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[pos]))) {
      ++pos;
      continue;
    }
    std::size_t end = comment_end(text, pos);
    if (end == pos) {
      break;
    }
    pos = end == std::string_view::npos ? text.size() : end;
  }
  return pos;
}

}  // namespace spec::lexicon
