// SPDX-License-Identifier: GPL-2.0
// Known-answer models (tests/data/known/*.irqspec), written from
// language.md alone: every check block must meet its `expect` lines, and
// every expected violation must come with the shortest counterexample the
// file announces (`// shortest: CHECK.PROPERTY = N`, optionally
// `// steps: CHECK.PROPERTY = a.b(x=1); c.d() -> OK`). Each file runs with the
// explicit engine (the reference) and with the default engine.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <sstream>

#include "solver/trace_view.h"
#include "tests/support/spec_support.h"
#include "tools/irqspec/verification.h"

namespace irqspec_test {
namespace {

struct Announced {
  std::map<std::string, int> shortest;                    // "check.property" -> length
  std::map<std::string, std::vector<std::string>> steps;  // "check.property" -> calls
  std::vector<std::string> problems;
};

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.pop_back();
  }
  std::size_t b = s.find_first_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b);
}

Announced announced(const std::string& text) {
  Announced a;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    for (const char* tag : {"// shortest: ", "// steps: "}) {
      std::size_t at = line.find(tag);
      if (at == std::string::npos) {
        continue;
      }
      std::string rest = line.substr(at + std::string(tag).size());
      std::size_t eq = rest.find(" = ");
      if (eq == std::string::npos) {
        a.problems.push_back("malformed: " + line);
        continue;
      }
      std::string key = trim(rest.substr(0, eq));
      std::string value = trim(rest.substr(eq + 3));
      if (std::string(tag) == "// shortest: ") {
        a.shortest[key] = std::atoi(value.c_str());
      } else {
        std::vector<std::string> calls;
        std::istringstream parts(value);
        std::string call;
        while (std::getline(parts, call, ';')) {
          calls.push_back(trim(call));
        }
        a.steps[key] = calls;
      }
    }
  }
  return a;
}

struct KnownCase {
  std::string file;
  solver::EngineKind engine;
};

void PrintTo(const KnownCase& c, std::ostream* os) {
  *os << std::filesystem::path(c.file).filename().string()
      << (c.engine == solver::EngineKind::Explicit ? " (explicit)" : " (default engine)");
}

std::string case_name(const ::testing::TestParamInfo<KnownCase>& info) {
  std::string s = std::filesystem::path(info.param.file).stem().string();
  s += info.param.engine == solver::EngineKind::Explicit ? "_explicit" : "_default";
  return s;
}

class KnownAnswers : public ::testing::TestWithParam<KnownCase> {};

TEST_P(KnownAnswers, VerdictsAndShortestCounterexamplesAreAsAnnounced) {
  const KnownCase& c = GetParam();
  Announced a = announced(read_file(c.file));
  ASSERT_TRUE(a.problems.empty()) << a.problems[0];
  irqspec::VerifyOptions options;
  options.paths = {c.file};
  options.engine = c.engine;
  options.jobs = 1;
  std::ostringstream diags;
  irqspec::VerificationRun run = irqspec::verify(options, diags);
  ASSERT_EQ(diags.str(), "");
  EXPECT_EQ(run.exit_code(), irqspec::ExitCode::Ok);
  std::set<std::string> seen;
  for (const irqspec::CheckReport& check : run.checks) {
    for (const irqspec::PropertyReport& p : check.properties) {
      std::string key = check.check + "." + p.name;
      const solver::ObligationResult& r = p.result;
      EXPECT_EQ(p.outcome, irqspec::Outcome::Met)
          << key << ": " << solver::to_string(r.verdict) << " " << r.reason;
      if (p.expected == spec::Expectation::Holds) {
        EXPECT_EQ(std::string(solver::to_string(r.verdict)), "proved") << key << " " << r.reason;
        continue;
      }
      ASSERT_EQ(std::string(solver::to_string(r.verdict)), "violated") << key;
      ASSERT_TRUE(r.trace.has_value()) << key;
      auto length = a.shortest.find(key);
      if (length == a.shortest.end()) {
        ADD_FAILURE() << key << ": no `// shortest:` line for an expected violation";
        continue;
      }
      seen.insert(key);
      EXPECT_EQ(r.trace->length(), length->second) << key;
      EXPECT_EQ(r.depth, length->second) << key;
      auto steps = a.steps.find(key);
      if (steps != a.steps.end() && c.engine == solver::EngineKind::Explicit) {
        // Other engines may find another trace of the same length.
        solver::TraceView view = solver::describe(*check.model, *r.trace);
        std::vector<std::string> calls;
        for (const solver::StepViewText& s : view.steps) {
          calls.push_back(s.call() + (s.result ? " -> " + s.result->value : ""));
        }
        EXPECT_EQ(calls, steps->second) << key;
      }
    }
  }
  for (const auto& [key, length] : a.shortest) {
    EXPECT_TRUE(seen.count(key)) << "`// shortest: " << key << "` names no expected violation";
  }
}

std::vector<KnownCase> known_cases() {
  std::vector<KnownCase> out;
  for (const std::string& f : files_in(data_dir() + "/known", ".irqspec")) {
    out.push_back({f, solver::EngineKind::Explicit});
    out.push_back({f, solver::EngineKind::Auto});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Files, KnownAnswers, ::testing::ValuesIn(known_cases()), case_name);

TEST(KnownAnswerFiles, ThereAreEnough) {
  EXPECT_GE(files_in(data_dir() + "/known", ".irqspec").size(), 7u);
}

}  // namespace
}  // namespace irqspec_test
