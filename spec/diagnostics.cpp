// SPDX-License-Identifier: GPL-2.0
#include "spec/diagnostics.h"

#include <sstream>

namespace spec {

void Diagnostics::error(SourceLoc loc, std::string message) {
  ++errors_;
  suppressing_notes_ = false;
  for (const Diagnostic& d : diagnostics_) {
    if (d.severity == Severity::Error && d.loc.valid == loc.valid && d.loc.offset == loc.offset &&
        d.message == message) {
      suppressing_notes_ = true;
      return;
    }
  }
  if (++distinct_errors_ > kMaxErrors) {
    return;
  }
  diagnostics_.push_back({Severity::Error, loc, std::move(message)});
}

void Diagnostics::note(SourceLoc loc, std::string message) {
  if (distinct_errors_ > kMaxErrors || suppressing_notes_) {
    return;
  }
  diagnostics_.push_back({Severity::Note, loc, std::move(message)});
}

std::string Diagnostics::render(const Diagnostic& d) const {
  std::ostringstream out;
  const char* what = d.severity == Severity::Error ? "error" : "note";
  if (!d.loc.valid) {
    out << file_->name() << ": " << what << ": " << d.message << "\n";
    return out.str();
  }
  LineCol lc = file_->line_col(d.loc);
  out << file_->name() << ":" << lc.line << ":" << lc.col << ": " << what << ": " << d.message
      << "\n";
  std::string_view line = file_->line_text(lc.line);
  out << "  " << line << "\n  ";
  // Keep tabs so the caret lines up with the source line in a terminal.
  for (std::uint32_t i = 1; i < lc.col && i <= line.size(); ++i) {
    out << (line[i - 1] == '\t' ? '\t' : ' ');
  }
  out << "^\n";
  return out.str();
}

void Diagnostics::print(std::ostream& out) const {
  for (const Diagnostic& d : diagnostics_) {
    out << render(d);
  }
  if (distinct_errors_ > kMaxErrors) {
    out << file_->name() << ": note: " << (distinct_errors_ - kMaxErrors)
        << " more errors not shown\n";
  }
}

}  // namespace spec
