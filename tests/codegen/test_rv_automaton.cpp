// SPDX-License-Identifier: GPL-2.0
// The RV event automaton against the trace-membership search, two separate
// constructions over the same semantics: for every sequence of events up to
// a length, the automaton has a path exactly when some behaviour of the
// model shows that sequence (everything else unseen). And the DOT keeps to
// the line format dot2k parses.

#include <gtest/gtest.h>

#include <functional>

#include "codegen/rv_automaton.h"
#include "solver/trace_membership.h"
#include "tests/support/spec_support.h"

namespace irqspec_test {
namespace {

const char* const kLine = R"(model line;
var line: bool = false;
var masked: bool = false;
var served: 0..2 = 0;
event handled(n: 0..2);
event resampled;
actor device {
  input action raise() when !line { line = true; }
  input action lower() when line { line = false; }
}
actor host {
  internal action handle() when line && !masked && served < 2 {
    masked = true;
    served = served + 1;
    emit handled(served);
  }
  input action eoi() when masked {
    masked = false;
    emit resampled;
    if (served == 2) { served = 0; emit handled(0); }
  }
}
)";

bool automaton_accepts(const codegen::RvAutomaton& a, const std::vector<int>& word) {
  int state = 0;
  for (int e : word) {
    auto it = a.next[state].find(e);
    if (it == a.next[state].end()) {
      return false;
    }
    state = it->second;
  }
  return true;
}

bool model_shows(const spec::Model& m, const codegen::RvAutomaton& a,
                 const std::vector<int>& word) {
  solver::RecordedTrace t;
  t.kind = solver::RecordedTrace::Kind::Projected;
  t.observable_actions.assign(m.actions.size(), false);
  t.observable_events.assign(m.events.size(), true);
  for (int e : word) {
    solver::Observation o;
    o.event = a.events[e].id;
    for (spec::Value v : a.events[e].args) {
      o.args.emplace_back(v);
    }
    t.observations.push_back(o);
  }
  solver::Semantics sem(m);
  solver::Membership r = solver::check_membership(sem, t);
  EXPECT_NE(r.answer, solver::Membership::Answer::Unknown) << r.reason;
  return r.answer == solver::Membership::Answer::Explained;
}

/// Every word over the automaton's events up to `length`: both agree.
void expect_same_language(const spec::Model& m, const codegen::RvAutomaton& a, int length) {
  std::vector<int> word;
  int accepted = 0, rejected = 0;
  std::function<void()> all = [&] {
    bool in_automaton = automaton_accepts(a, word);
    ASSERT_EQ(in_automaton, model_shows(m, a, word)) << "word of length " << word.size();
    (in_automaton ? accepted : rejected) += 1;
    if (static_cast<int>(word.size()) < length && in_automaton) {
      for (std::size_t e = 0; e < a.events.size(); ++e) {
        word.push_back(static_cast<int>(e));
        all();
        word.pop_back();
      }
    }
  };
  all();
  EXPECT_GT(accepted, length);  // both kinds of words were tried
  EXPECT_GT(rejected, 0);
}

TEST(RvAutomaton, HasThePathsTheModelsBehavioursShow) {
  auto loaded = load(kLine);
  ASSERT_TRUE(loaded->model) << loaded->diagnostics_text();
  std::string error;
  auto a = codegen::rv_automaton(*loaded->model, {}, error);
  ASSERT_TRUE(a) << error;
  ASSERT_EQ(a->events.size(), 4u);  // handled_n_0 .. handled_n_2, resampled
  EXPECT_EQ(a->events[0].name, "handled_n_0");
  EXPECT_EQ(a->events[3].name, "resampled");
  expect_same_language(*loaded->model, *a, 7);
}

TEST(RvAutomaton, OneshotForwardingOnThePic) {
  LoadOptions pic;
  pic.check = "pic";
  auto loaded =
      load(read_file(std::string(IRQSPEC_SOURCE_DIR) + "/models/oneshot_forwarding.irqspec"), pic);
  ASSERT_TRUE(loaded->model) << loaded->diagnostics_text();
  std::string error;
  auto a = codegen::rv_automaton(*loaded->model, {}, error);
  ASSERT_TRUE(a) << error;
  expect_same_language(*loaded->model, *a, 6);
}

TEST(RvAutomaton, DotIsInTheLineFormatDot2kReads) {
  auto loaded = load(kLine);
  std::string error;
  std::string dot = codegen::rv_dot(*codegen::rv_automaton(*loaded->model, {}, error));
  EXPECT_EQ(dot.rfind("digraph state_automaton {\n"
                      "\t{node [shape = plaintext, style=invis, label=\"\"] \"__init_s0\"};\n"
                      "\t{node [shape = doublecircle] \"s0\"};\n",
                      0),
            0u)
      << dot;
  EXPECT_NE(dot.find("\t\"s0\" -> \"s1\" [ label = \"handled_n_1\" ];\n"), std::string::npos)
      << dot;
}

TEST(RvAutomaton, ATooLargeModelIsRefused) {
  auto loaded = load(kLine);
  codegen::RvOptions options;
  options.max_model_states = 3;
  std::string error;
  EXPECT_FALSE(codegen::rv_automaton(*loaded->model, options, error));
  EXPECT_EQ(error, "the model has more than 3 states");
}

}  // namespace
}  // namespace irqspec_test
