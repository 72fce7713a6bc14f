// SPDX-License-Identifier: GPL-2.0
#include "spec/input_guard.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "spec/lexicon.h"

namespace spec {

using lexicon::is_ident_char;
using lexicon::is_nesting_word;

bool guard_input(const SourceFile& file, Diagnostics& diags) {
  const std::string& text = file.text();
  if (text.size() > InputLimits::kMaxBytes) {
    diags.error(SourceLoc{}, "file is larger than " + std::to_string(InputLimits::kMaxBytes) +
                                 " bytes; this is not an irqspec model");
    return false;
  }
  int depth = 0;           // ( and [ currently open
  int statement_ops = 0;   // nesting operators since the last ; { or }
  int operator_chars = 0;  // operator characters since the last ; { or }
  // Statements nest through blocks and through `else if` chains (each `else
  // if` is parsed as the else branch of the previous `if`): per open brace,
  // the length of the `else if` chain being parsed at that level.
  std::vector<int> else_if_chains{0};
  int chained = 0;                 // sum of else_if_chains
  std::string_view previous_word;  // the word just before, if nothing else came between
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t token_start = i;
    if (std::size_t after = lexicon::comment_end(text, i); after != i) {
      if (after == std::string::npos) {
        diags.error(SourceLoc::at(i), "unterminated comment");
        return false;
      }
      auto nul = std::find(text.begin() + i, text.begin() + after, '\0');
      if (nul != text.begin() + after && text[i + 1] == '*') {
        diags.error(SourceLoc::at(nul - text.begin()),
                    "NUL byte in comment (is this a binary file?)");
        return false;
      }
      i = after - 1;  // the loop's ++i moves past the comment
      continue;
    }
    if (c == '"') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"' && text[j] != '\n') {
        if (text[j] == '\\' && j + 1 < text.size() && text[j + 1] != '\n') {
          ++j;
        }
        if (text[j] == '\0') {
          diags.error(SourceLoc::at(j), "NUL byte in string (is this a binary file?)");
          return false;
        }
        ++j;
      }
      if (j >= text.size() || text[j] != '"') {
        diags.error(SourceLoc::at(i), "unterminated string literal");
        return false;
      }
      i = j;
      continue;
    }
    if (c >= 0x80) {
      diags.error(SourceLoc::at(i),
                  "non-ASCII byte outside a comment or string (is this a binary file?)");
      return false;
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02x", c);
      diags.error(SourceLoc::at(i),
                  std::string("invalid control character ") + buf + " (is this a binary file?)");
      return false;
    }
    if (!std::isspace(c) && !std::isalpha(c) && c != '_') {
      previous_word = {};
    }
    if (c == ';' || c == '{' || c == '}') {
      statement_ops = 0;
      operator_chars = 0;
      depth = 0;
      if (c == '{') {
        else_if_chains.push_back(0);
      } else if (c == '}' && else_if_chains.size() > 1) {
        chained -= else_if_chains.back();
        else_if_chains.pop_back();
      } else if (c == ';') {
        chained -= else_if_chains.back();
        else_if_chains.back() = 0;
      }
      int statements = static_cast<int>(else_if_chains.size()) - 1 + chained;
      if (statements > InputLimits::kMaxNesting) {
        diags.error(SourceLoc::at(i), "statements nested too deeply (more than " +
                                          std::to_string(InputLimits::kMaxNesting) + " levels)");
        return false;
      }
      continue;
    }
    if (c != 0 && std::strchr("+-*/%<>=!&|?", c) != nullptr &&
        ++operator_chars > InputLimits::kMaxOperators) {
      diags.error(SourceLoc::at(i), "statement too long (more than " +
                                        std::to_string(InputLimits::kMaxOperators) +
                                        " operator characters)");
      return false;
    }
    if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      depth = depth > 0 ? depth - 1 : 0;
    } else if (c == '!' || c == '?' || (c == '-' && i + 1 < text.size() && text[i + 1] == '>')) {
      ++statement_ops;
    } else if (c == '-') {
      // Unary minus nests; a binary minus does not, but the guard cannot tell
      // them apart cheaply, so both count (the limit is generous).
      ++statement_ops;
    } else if (std::isalpha(c) || c == '_') {
      std::size_t j = i;
      while (j < text.size() && is_ident_char(text[j])) {
        ++j;
      }
      std::string_view word = std::string_view(text).substr(i, j - i);
      if (is_nesting_word(word)) {
        ++statement_ops;
      }
      if (word == "if") {
        if (previous_word == "else") {
          ++else_if_chains.back();
          ++chained;
        } else {
          chained -= else_if_chains.back();
          else_if_chains.back() = 0;
        }
      }
      previous_word = word;
      i = j - 1;
    }
    if (depth + statement_ops > InputLimits::kMaxNesting) {
      diags.error(SourceLoc::at(token_start), "expression nested too deeply (more than " +
                                                  std::to_string(InputLimits::kMaxNesting) +
                                                  " levels)");
      return false;
    }
  }
  return true;
}

}  // namespace spec
