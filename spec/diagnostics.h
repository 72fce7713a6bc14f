// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "spec/source_file.h"

namespace spec {

enum class Severity { Error, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLoc loc;
  std::string message;
};

/// The one channel through which the parser and the checker report problems.
/// Printed as `file:line:col: error: message`, the source line and a caret.
class Diagnostics {
 public:
  explicit Diagnostics(const SourceFile& file) : file_(&file) {}

  /// Reports an error. The same message at the same place is shown once (an
  /// error in a function body would otherwise repeat at every call site), but
  /// every report counts in error_count().
  void error(SourceLoc loc, std::string message);
  void note(SourceLoc loc, std::string message);

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  const SourceFile& file() const { return *file_; }

  /// Renders one diagnostic in the gcc/clang style.
  std::string render(const Diagnostic& d) const;
  void print(std::ostream& out) const;

  /// Caps the number of errors kept, so garbage input cannot flood the output.
  static constexpr std::size_t kMaxErrors = 50;

 private:
  const SourceFile* file_;
  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;           // every error reported, repeats included
  std::size_t distinct_errors_ = 0;  // errors kept (or dropped only by the cap)
  bool suppressing_notes_ = false;   // the last error was a repeat: drop its notes too
};

}  // namespace spec
