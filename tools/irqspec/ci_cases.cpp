// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/ci_cases.h"

#include <map>
#include <memory>
#include <sstream>

#include "solver/trace_view.h"
#include "spec/front_end.h"
#include "tools/irqspec/text_report.h"

namespace irqspec {
namespace {

using Status = CiCase::Status;

/// Line numbers of the model files, each read once.
class SourceLines {
 public:
  CiLocation at(const std::string& file, spec::SourceLoc loc, std::string message) {
    CiLocation where{file, 0, 0, std::move(message)};
    const spec::SourceFile* source = read(file);
    if (source != nullptr && loc.valid) {
      spec::LineCol lc = source->line_col(loc);
      where.line = static_cast<int>(lc.line);
      where.column = static_cast<int>(lc.col);
    }
    return where;
  }

 private:
  const spec::SourceFile* read(const std::string& file) {
    auto [it, added] = files_.try_emplace(file);
    if (added) {
      auto source = std::make_unique<spec::SourceFile>("", "");
      std::string error;
      if (spec::SourceFile::read(file, *source, error)) {
        it->second = std::move(source);
      }
    }
    return it->second.get();
  }
  std::map<std::string, std::unique_ptr<spec::SourceFile>> files_;
};

spec::SourceLoc obligation_loc(const spec::Model& m, const std::string& name) {
  for (const spec::Obligation& o : m.obligations) {
    if (o.name == name) {
      return o.loc;
    }
  }
  return {};
}

spec::SourceLoc action_loc(const spec::Model& m, const solver::StepViewText& s) {
  for (const spec::Action& a : m.actions) {
    if (a.actor == s.actor && a.name == s.action) {
      return a.loc;
    }
  }
  return {};
}

/// A step as one line: the call, what it emitted, and how it failed.
std::string step_text(const solver::StepViewText& s) {
  std::string text = std::to_string(s.number) + ". " + s.call();
  for (const solver::EventView& e : s.events) {
    text += "; emit " + e.text();
  }
  if (s.failed) {
    text += "; FAILS: " + s.failure;
  }
  return text;
}

std::vector<CiLocation> flow_of(const spec::Model& m, const solver::Trace& trace,
                                SourceLines& lines) {
  std::vector<CiLocation> flow;
  for (const solver::StepViewText& s : solver::describe(m, trace).steps) {
    flow.push_back(lines.at(m.file, action_loc(m, s), step_text(s)));
  }
  return flow;
}

std::string property_message(const PropertyReport& p) {
  std::string text = std::string(spec::to_string(p.kind)) + " " + p.name + ": " +
                     solver::to_string(p.result.verdict) + ", expected " +
                     spec::to_string(p.expected);
  if (!p.result.reason.empty()) {
    text += " (" + p.result.reason + ")";
  }
  return text;
}

CiCase property_case(const CheckReport& c, const PropertyReport& p, SourceLines& lines) {
  CiCase k;
  k.suite = c.file + " check " + c.check;
  k.name = p.name;
  k.seconds = p.result.seconds;
  k.message = property_message(p);
  k.where = lines.at(c.file, obligation_loc(*c.model, p.name), k.message);
  switch (p.outcome) {
    case Outcome::Met:
      k.status = Status::Passed;
      return k;
    case Outcome::Unmet:
      k.status = Status::Failed;
      k.rule = "unmet-expectation";
      break;
    case Outcome::Inconclusive:
      k.status = Status::Error;
      k.rule = "inconclusive";
      break;
    case Outcome::InternalError:
      k.status = Status::Error;
      k.rule = "internal-error";
      break;
  }
  k.details = property_details(c, p);
  if (p.result.trace) {
    k.flow = flow_of(*c.model, *p.result.trace, lines);
  }
  return k;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& l : lines) {
    text += l + "\n";
  }
  return text;
}

/// A cell's status against its expectation.
void judge_case(const conformance::KernelColumn& k, const conformance::Cell& c, CiCase& out) {
  using conformance::CellStatus;
  std::string expected = c.expected_why.empty() ? "" : " (" + c.expected_why + ")";
  if (k.failed || k.unavailable) {
    out.status = k.failed ? Status::Failed : Status::Error;
    out.rule = k.failed ? "kernel-failed" : "not-run";
    out.message = k.problem;
  } else if (c.status == CellStatus::Skipped) {
    out.status = Status::Skipped;
    // A KTAP skip directive's reason, without the directive's own word.
    out.message = c.reason.rfind("SKIP ", 0) == 0 ? c.reason.substr(5) : c.reason;
  } else if (c.status == CellStatus::Broken) {
    out.status = Status::Error;
    out.rule = "not-run";
    out.message = c.reason;
  } else if (c.unmet()) {
    out.status = Status::Failed;
    bool diverged = c.status == CellStatus::Diverges;
    out.rule = diverged ? "divergence" : "unmet-expectation";
    out.message = diverged ? "diverges from the model, expected to conform" + expected + ": " +
                                 c.first_divergence
                           : "conforms, expected to diverge" + expected;
  } else {
    out.status = Status::Passed;
    out.message = std::string(conformance::to_string(c.status)) + ", expected " +
                  conformance::to_string(c.expected) + expected;
  }
}

}  // namespace

std::vector<CiCase> ci_cases(const VerificationRun& run) {
  SourceLines lines;
  std::vector<CiCase> cases;
  for (const CheckReport& c : run.checks) {
    for (const PropertyReport& p : c.properties) {
      cases.push_back(property_case(c, p, lines));
    }
  }
  return cases;
}

void add_ci_cases(const conformance::Matrix& m, std::vector<CiCase>& cases) {
  std::ostringstream ignored;  // the model was read before; its errors were said then
  std::unique_ptr<spec::Document> doc = spec::Document::open(m.model, ignored);
  SourceLines lines;
  for (const conformance::KernelColumn& k : m.kernels) {
    for (const conformance::Cell& c : k.cells) {
      CiCase out;
      out.suite = "conform " + m.target + " " + m.model + " on " + k.label + " (" + k.kernel + " " +
                  k.arch + ")";
      out.name = c.variant;
      judge_case(k, c, out);
      out.where =
          lines.at(m.model, doc ? doc->check_loc(c.variant) : spec::SourceLoc{}, out.message);
      out.details = joined(c.details);
      cases.push_back(std::move(out));
    }
  }
}

const char* rule_help(const std::string& rule) {
  static const std::map<std::string, const char*> help{
      {"unmet-expectation", "The verdict is not the one the check block expects."},
      {"inconclusive", "No verdict: unknown, a timeout, a resource limit or a bound."},
      {"internal-error", "irqspec failed while checking this property."},
      {"divergence", "The kernel's behaviour is not one the model allows."},
      {"kernel-failed", "The kernel panicked, oopsed or hung while the suite ran."},
      {"not-run", "The suite could not be built, booted or run."},
  };
  auto it = help.find(rule);
  return it != help.end() ? it->second : "";
}

}  // namespace irqspec
