// SPDX-License-Identifier: GPL-2.0
#include "conformance/matrix.h"

#include <cctype>
#include <map>

namespace conformance {

const char* to_string(CellStatus s) {
  switch (s) {
    case CellStatus::Conforms:
      return "conforms";
    case CellStatus::Diverges:
      return "diverges";
    case CellStatus::Skipped:
      return "skipped";
    case CellStatus::Broken:
      return "broken";
  }
  return "?";
}

const char* to_string(Expected e) {
  switch (e) {
    case Expected::Conforms:
      return "conforms";
    case Expected::Diverges:
      return "diverges";
    case Expected::None:
      return "none";
  }
  return "?";
}

bool Cell::unmet() const {
  if (expected == Expected::None) {
    return false;
  }
  if (status == CellStatus::Conforms) {
    return expected == Expected::Diverges;
  }
  if (status == CellStatus::Diverges) {
    return expected == Expected::Conforms;
  }
  return false;
}

namespace {

std::string strip_hash(const std::string& d) {
  if (d.rfind("#", 0) != 0) {
    return d;
  }
  std::size_t at = d.find_first_not_of(' ', 1);
  return at == std::string::npos ? "" : d.substr(at);
}

/// The failing test, the model step it was at and the first line of its diff:
/// the harnesses print "# 4. consumer.register(c=0) -> OK: callback log
/// mismatch", then want/got lines marked '!' (kernel-src: want and got
/// differ), '-' (wanted only) or '+' (seen only).
/// A diff line with single spaces, however wide the want/got table was.
std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' || (!out.empty() && out.back() != ' ')) {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

std::string first_divergence(const KtapResult& r) {
  std::string step;
  std::map<char, std::string> first;  // marker -> its first diff line
  for (const std::string& d : r.diagnostics) {
    std::string text = strip_hash(d);
    bool numbered = !text.empty() && std::isdigit(static_cast<unsigned char>(text[0])) &&
                    text.find(". ") != std::string::npos;
    if (step.empty() && numbered) {
      step = text;
    }
    if (text.size() > 2 && text[1] == ' ' && (text[0] == '!' || text[0] == '-' || text[0] == '+')) {
      first.emplace(text[0], squeeze(text));
    }
  }
  std::string out = r.name;
  if (!step.empty()) {
    out += " at step " + step;
  }
  std::string diff;
  for (char marker : {'!', '-', '+'}) {
    if (first.count(marker)) {
      diff += (diff.empty() ? "" : ", ") + first[marker];
    }
  }
  if (!diff.empty()) {
    out += " [" + diff + "]";
  }
  if (step.empty() && diff.empty() && !r.diagnostics.empty()) {
    out += ": " + strip_hash(r.diagnostics.front());
  }
  return out;
}

}  // namespace

void judge_cell(const KtapReport& ktap, Cell& cell) {
  if (!ktap.valid) {
    cell.status = CellStatus::Broken;
    cell.reason = "the test program did not print KTAP: " + ktap.error;
    return;
  }
  cell.passed = ktap.passed();
  cell.failed = ktap.failed();
  cell.skipped = ktap.skipped();
  if (!ktap.skip_all.empty() || (cell.failed == 0 && cell.passed == 0)) {
    cell.status = CellStatus::Skipped;
    cell.reason = !ktap.skip_all.empty()
                      ? ktap.skip_all
                      : (ktap.results.empty() ? "no test ran" : ktap.results.front().directive);
    return;
  }
  if (static_cast<int>(ktap.results.size()) < ktap.planned) {
    cell.status = CellStatus::Broken;
    cell.reason = "the program stopped after " + std::to_string(ktap.results.size()) + " of " +
                  std::to_string(ktap.planned) + " tests";
    return;
  }
  cell.status = cell.failed > 0 ? CellStatus::Diverges : CellStatus::Conforms;
  for (const KtapResult& r : ktap.results) {
    if (r.ok) {
      continue;
    }
    if (cell.first_divergence.empty()) {
      cell.first_divergence = first_divergence(r);
    }
    cell.details.push_back("not ok " + r.name);
    for (const std::string& d : r.diagnostics) {
      cell.details.push_back("  " + d);
    }
  }
}

Expected expectation_for(const codegen::KernelRange& implementers,
                         const std::optional<codegen::KernelVersion>& version) {
  if (!version) {
    return Expected::None;
  }
  return implementers.contains(*version) ? Expected::Conforms : Expected::Diverges;
}

MatrixOutcome outcome_of(const Matrix& m) {
  bool failed = false, inconclusive = false, ran = false;
  for (const KernelColumn& k : m.kernels) {
    failed = failed || k.failed;
    inconclusive = inconclusive || k.unavailable;
    for (const Cell& c : k.cells) {
      if (c.unmet()) {
        return MatrixOutcome::Unmet;
      }
      inconclusive = inconclusive || c.status == CellStatus::Broken;
      ran = ran || c.status == CellStatus::Conforms || c.status == CellStatus::Diverges;
    }
  }
  if (failed) {
    return MatrixOutcome::Failed;
  }
  if (inconclusive || !ran) {
    return MatrixOutcome::Inconclusive;
  }
  return MatrixOutcome::Ok;
}

}  // namespace conformance
