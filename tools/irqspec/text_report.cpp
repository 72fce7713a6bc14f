// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/text_report.h"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <optional>
#include <sstream>

#include "solver/trace_view.h"

namespace irqspec {
namespace {

const char* outcome_word(Outcome o) {
  switch (o) {
    case Outcome::Met:
      return "ok";
    case Outcome::Unmet:
      return "UNMET";
    case Outcome::Inconclusive:
      return "INCONCLUSIVE";
    case Outcome::InternalError:
      return "INTERNAL ERROR";
  }
  return "?";
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fs", s);
  return buf;
}

std::string verdict_text(const solver::ObligationResult& r) {
  std::string v = solver::to_string(r.verdict);
  if (r.verdict == solver::Verdict::Bounded) {
    v += "(" + std::to_string(r.depth) + ")";
  }
  return v;
}

}  // namespace

void print_trace(const spec::Model& model, const solver::Trace& trace, std::ostream& out) {
  solver::TraceView view = solver::describe(model, trace);
  out << "  initial state:";
  std::size_t column = 16;
  for (const solver::NamedValue& v : view.initial) {
    std::string item = " " + v.name + "=" + v.value;
    if (column + item.size() > 100) {
      out << "\n                ";
      column = 16;
    }
    out << item;
    column += item.size();
  }
  out << "\n";
  int width = static_cast<int>(std::to_string(view.steps.size()).size());
  for (const solver::StepViewText& s : view.steps) {
    out << "  " << std::setw(width) << s.number << ". " << s.call();
    if (s.result) {
      out << " -> " << s.result->value;
    }
    if (!s.input) {
      out << "   [internal]";
    }
    out << "\n";
    std::string indent(width + 6, ' ');
    if (!s.choices.empty()) {
      out << indent << "chose:";
      for (const solver::NamedValue& c : s.choices) {
        out << " " << c.value;
      }
      out << "\n";
    }
    for (const solver::EventView& e : s.events) {
      out << indent << "emit " << e.text() << "\n";
    }
    for (const solver::Change& c : s.changes) {
      out << indent << c.slot << ": " << c.before.value << " -> " << c.after.value << "\n";
    }
    if (s.failed) {
      out << indent << "FAILS: " << s.failure << "\n";
    }
  }
}

namespace {

/// One row per property, a header per file.
void print_table(const VerificationRun& run, std::ostream& out) {
  std::string last_file;
  std::size_t check_w = 5, prop_w = 8;
  for (const CheckReport& c : run.checks) {
    check_w = std::max(check_w, c.check.size());
    for (const PropertyReport& p : c.properties) {
      prop_w = std::max(prop_w, p.name.size());
    }
  }
  for (const CheckReport& c : run.checks) {
    if (c.file != last_file) {
      out << (last_file.empty() ? "" : "\n") << c.file << ": model " << c.model->name << "\n";
      out << "  " << std::left << std::setw(check_w) << "check"
          << "  " << std::setw(prop_w) << "property"
          << "  " << std::setw(9) << "kind"
          << "  " << std::setw(13) << "verdict"
          << "  " << std::setw(8) << "expected"
          << "  " << std::right << std::setw(5) << "depth"
          << "  " << std::setw(7) << "time"
          << "  result\n";
      last_file = c.file;
    }
    for (const PropertyReport& p : c.properties) {
      out << "  " << std::left << std::setw(check_w) << c.check << "  " << std::setw(prop_w)
          << p.name << "  " << std::setw(9) << spec::to_string(p.kind) << "  " << std::setw(13)
          << verdict_text(p.result) << "  " << std::setw(8) << spec::to_string(p.expected) << "  "
          << std::right << std::setw(5) << p.result.depth << "  " << std::setw(7)
          << seconds(p.result.seconds) << "  " << outcome_word(p.outcome) << "\n";
    }
  }
}

/// A counterexample, or why a property is not conclusive.
void print_details(const CheckReport& c, const PropertyReport& p, std::ostream& out) {
  std::string where = "\n" + c.file + ": check " + c.check + ": ";
  if (p.result.verdict == solver::Verdict::Violated && p.result.trace) {
    out << where << spec::to_string(p.kind) << " " << p.name << " violated"
        << (p.expected == spec::Expectation::Violated ? " (as expected)" : " (UNEXPECTED)")
        << "; shortest counterexample, " << p.result.trace->length() << " step"
        << (p.result.trace->length() == 1 ? "" : "s") << ":\n";
    print_trace(*c.model, *p.result.trace, out);
    if (!p.result.failure.empty()) {
      out << "  => " << p.result.failure << "\n";
    }
  } else if (!p.result.reason.empty() && p.outcome != Outcome::Met) {
    out << where << p.name << " " << verdict_text(p.result) << ": " << p.result.reason << "\n";
    if (p.result.step_counterexample) {
      // What to strengthen: a state the property does not rule out from
      // which it breaks (it may not be reachable).
      out << "  induction fails from this state (it may be unreachable; an invariant "
             "that excludes it would help):\n";
      print_trace(*c.model, *p.result.step_counterexample, out);
    }
  } else if (p.outcome == Outcome::Unmet) {
    out << where << p.name << " was expected to be violated, but " << verdict_text(p.result)
        << (p.result.verdict == solver::Verdict::Bounded
                ? " (no violation within " + std::to_string(p.result.depth) + " steps)"
                : "")
        << "\n";
  }
}

/// The reason every property of a check is `unknown` for, when it is one
/// (the check was not attempted, or the process stopped): said once.
std::optional<std::string> shared_reason(const CheckReport& c) {
  if (c.properties.size() < 2) {
    return std::nullopt;
  }
  for (const PropertyReport& p : c.properties) {
    if (p.result.verdict != solver::Verdict::Unknown || p.result.step_counterexample ||
        p.result.reason.empty() || p.result.reason != c.properties.front().result.reason) {
      return std::nullopt;
    }
  }
  return c.properties.front().result.reason;
}

}  // namespace

std::string property_details(const CheckReport& c, const PropertyReport& p) {
  std::ostringstream text;
  print_details(c, p, text);
  std::string s = text.str();
  return s.empty() ? s : s.substr(1);  // without the blank line that separates it
}

/// Spacer's invariant, the first few hundred characters (JSON has it all).
void print_invariant(const std::string& text, std::ostream& out) {
  constexpr std::size_t kShown = 300;
  if (text.empty()) {
    return;
  }
  out << "  invariant: " << text.substr(0, kShown);
  if (text.size() > kShown) {
    out << " ... (" << text.size() - kShown << " more characters in --format json)";
  }
  out << "\n";
}

/// The certificates of the check's proofs: the one of its proofs by
/// induction once (they share it), each CHC or PDR proof's own.
void print_certificate(const CheckReport& c, std::ostream& out) {
  bool induction = false, first = true;
  for (const PropertyReport& p : c.properties) {
    const solver::ObligationResult& r = p.result;
    if (r.certificate.empty() || (induction && r.engine.rfind("kind/", 0) == 0)) {
      continue;
    }
    out << (first ? "\n" : "") << c.file << ": check " << c.check << ": ";
    first = false;
    if (r.engine.rfind("kind/", 0) != 0) {
      out << p.name << " proved by " << (r.engine.rfind("pdr/", 0) == 0 ? "PDR" : "CHC") << ": "
          << r.certificate << "\n";
      print_invariant(r.invariant_text, out);
    } else {
      out << "proofs by induction: " << r.certificate << "\n";
      induction = true;
    }
  }
}

void print_text_report(const VerificationRun& run, std::ostream& out) {
  print_table(run, out);
  for (const CheckReport& c : run.checks) {
    if (std::optional<std::string> why = shared_reason(c)) {
      out << "\n"
          << c.file << ": check " << c.check << ": every property unknown: " << *why << "\n";
      continue;
    }
    for (const PropertyReport& p : c.properties) {
      print_details(c, p, out);
    }
    print_certificate(c, out);
  }
  // One line a CI log can grep for.
  int met = 0, unmet = 0, inconclusive = 0;
  for (const CheckReport& c : run.checks) {
    for (const PropertyReport& p : c.properties) {
      met += p.outcome == Outcome::Met;
      unmet += p.outcome == Outcome::Unmet || p.outcome == Outcome::InternalError;
      inconclusive += p.outcome == Outcome::Inconclusive;
    }
  }
  out << "\n"
      << run.checks.size() << " check" << (run.checks.size() == 1 ? "" : "s") << ", " << met
      << " met, " << unmet << " unmet, " << inconclusive << " inconclusive\n";
}

}  // namespace irqspec
