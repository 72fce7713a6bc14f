// SPDX-License-Identifier: GPL-2.0
#pragma once

// Everything that turns model text into C text goes through here, so that
// nothing from a .irqspec file reaches generated sources unescaped.

#include <string>

namespace codegen {

/// A C string literal, quotes included: backslashes, quotes and every
/// non-printable byte escaped (octal), so hostile names cannot break out.
std::string c_string_literal(const std::string& text);

/// Text safe inside a /* ... */ comment: no "*/", no control characters.
std::string c_comment_text(const std::string& text);

/// Whether `name` is a valid C identifier (and not too long).
bool is_c_identifier(const std::string& name);

/// Writes kernel-style C: tabs for indentation.
class CWriter {
 public:
  void line(const std::string& text = "");
  void open(const std::string& text);         // "text {" and indent
  void close(const std::string& text = "}");  // unindent and "}"
  /// A block comment, one " * " line per input line.
  void comment(const std::string& text);
  const std::string& str() const { return out_; }

 private:
  std::string out_;
  int indent_ = 0;
};

}  // namespace codegen
