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
namespace {

/// One pass over the text. Each `take_*` consumes one token kind at `i_` and
/// returns false, with a diagnostic, when the file must not be parsed.
class InputGuard {
 public:
  InputGuard(const std::string& text, Diagnostics& diags) : text_(text), diags_(diags) {}
  bool run();

 private:
  bool fail(std::size_t at, const std::string& message) {
    diags_.error(SourceLoc::at(at), message);
    return false;
  }
  bool take_comment(std::size_t after);
  bool take_string();
  bool take_byte(unsigned char c);
  bool end_statement(unsigned char c);
  void take_word();
  bool take_operator(unsigned char c);

  const std::string& text_;
  Diagnostics& diags_;
  std::size_t i_ = 0;
  int depth_ = 0;           // ( and [ currently open
  int statement_ops_ = 0;   // nesting operators since the last ; { or }
  int operator_chars_ = 0;  // operator characters since the last ; { or }
  // Statements nest through blocks and through `else if` chains (each `else
  // if` is parsed as the else branch of the previous `if`): per open brace,
  // the length of the `else if` chain being parsed at that level.
  std::vector<int> else_if_chains_{0};
  int chained_ = 0;                 // sum of else_if_chains_
  std::string_view previous_word_;  // the word just before, if nothing else came between
};

bool InputGuard::take_comment(std::size_t after) {
  if (after == std::string::npos) {
    return fail(i_, "unterminated comment");
  }
  auto nul = std::find(text_.begin() + i_, text_.begin() + after, '\0');
  if (nul != text_.begin() + after && text_[i_ + 1] == '*') {
    return fail(nul - text_.begin(), "NUL byte in comment (is this a binary file?)");
  }
  i_ = after - 1;  // the loop's ++i_ moves past the comment
  return true;
}

bool InputGuard::take_string() {
  std::size_t j = i_ + 1;
  while (j < text_.size() && text_[j] != '"' && text_[j] != '\n') {
    if (text_[j] == '\\' && j + 1 < text_.size() && text_[j + 1] != '\n') {
      ++j;
    }
    if (text_[j] == '\0') {
      return fail(j, "NUL byte in string (is this a binary file?)");
    }
    ++j;
  }
  if (j >= text_.size() || text_[j] != '"') {
    return fail(i_, "unterminated string literal");
  }
  i_ = j;
  return true;
}

bool InputGuard::take_byte(unsigned char c) {
  if (c >= 0x80) {
    return fail(i_, "non-ASCII byte outside a comment or string (is this a binary file?)");
  }
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", c);
    return fail(i_, std::string("invalid control character ") + buf + " (is this a binary file?)");
  }
  return true;
}

bool InputGuard::end_statement(unsigned char c) {
  statement_ops_ = 0;
  operator_chars_ = 0;
  depth_ = 0;
  if (c == '{') {
    else_if_chains_.push_back(0);
  } else if (c == '}' && else_if_chains_.size() > 1) {
    chained_ -= else_if_chains_.back();
    else_if_chains_.pop_back();
  } else if (c == ';') {
    chained_ -= else_if_chains_.back();
    else_if_chains_.back() = 0;
  }
  int statements = static_cast<int>(else_if_chains_.size()) - 1 + chained_;
  if (statements > InputLimits::kMaxNesting) {
    return fail(i_, "statements nested too deeply (more than " +
                        std::to_string(InputLimits::kMaxNesting) + " levels)");
  }
  return true;
}

void InputGuard::take_word() {
  std::size_t j = i_;
  while (j < text_.size() && lexicon::is_ident_char(text_[j])) {
    ++j;
  }
  std::string_view word = std::string_view(text_).substr(i_, j - i_);
  if (lexicon::is_nesting_word(word)) {
    ++statement_ops_;
  }
  if (word == "if") {
    if (previous_word_ == "else") {
      ++else_if_chains_.back();
      ++chained_;
    } else {
      chained_ -= else_if_chains_.back();
      else_if_chains_.back() = 0;
    }
  }
  previous_word_ = word;
  i_ = j - 1;
}

bool InputGuard::take_operator(unsigned char c) {
  if (c != 0 && std::strchr("+-*/%<>=!&|?", c) != nullptr &&
      ++operator_chars_ > InputLimits::kMaxOperators) {
    return fail(i_, "statement too long (more than " + std::to_string(InputLimits::kMaxOperators) +
                        " operator characters)");
  }
  if (c == '(' || c == '[') {
    ++depth_;
  } else if (c == ')' || c == ']') {
    depth_ = depth_ > 0 ? depth_ - 1 : 0;
  } else if (c == '!' || c == '?' || c == '-') {
    // `!`, `?`, `->` nest; unary minus nests and a binary minus does not,
    // but the guard cannot tell them apart cheaply, so both count (the limit
    // is generous).
    ++statement_ops_;
  }
  return true;
}

bool InputGuard::run() {
  for (; i_ < text_.size(); ++i_) {
    unsigned char c = static_cast<unsigned char>(text_[i_]);
    std::size_t token_start = i_;
    if (std::size_t after = lexicon::comment_end(text_, i_); after != i_) {
      if (!take_comment(after)) {
        return false;
      }
      continue;
    }
    if (c == '"') {
      if (!take_string()) {
        return false;
      }
      continue;
    }
    if (!take_byte(c)) {
      return false;
    }
    if (!std::isspace(c) && !std::isalpha(c) && c != '_') {
      previous_word_ = {};
    }
    if (c == ';' || c == '{' || c == '}') {
      if (!end_statement(c)) {
        return false;
      }
      continue;
    }
    if (std::isalpha(c) || c == '_') {
      take_word();
    } else if (!take_operator(c)) {
      return false;
    }
    if (depth_ + statement_ops_ > InputLimits::kMaxNesting) {
      return fail(token_start, "expression nested too deeply (more than " +
                                   std::to_string(InputLimits::kMaxNesting) + " levels)");
    }
  }
  return true;
}

}  // namespace

bool guard_input(const SourceFile& file, Diagnostics& diags) {
  const std::string& text = file.text();
  if (text.size() > InputLimits::kMaxBytes) {
    diags.error(SourceLoc{}, "file is larger than " + std::to_string(InputLimits::kMaxBytes) +
                                 " bytes; this is not an irqspec model");
    return false;
  }
  return InputGuard(text, diags).run();
}

}  // namespace spec
