// SPDX-License-Identifier: GPL-2.0
// irqspec check-trace: verify-specs' own JSON read back as it is, an ITF
// trace, an ftrace log through a binding; a recording the model cannot
// produce names its first unexplained observation; bad recordings are
// errors with their location, exit 2.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_support.h"

namespace irqspec_test {
namespace {

using nlohmann::json;

const char* const kModel = R"(model line;
enum Mode { IDLE, BUSY }
var line: bool = false;
var mode: Mode = IDLE;
var served: 0..3 = 0;
var seen: bool[0..1] = false;
event handled(n: 0..3);
event resampled;
actor device {
  input action raise() when !line { line = true; }
  input action lower() when line { line = false; }
}
actor host {
  internal action handle() when line && mode == IDLE && served < 3 {
    mode = BUSY;
    served = served + 1;
    seen[served % 2] = true;
    emit handled(served);
  }
  input action eoi() when mode == BUSY {
    mode = IDLE;
    emit resampled;
  }
}
invariant at_most_two: served <= 2;
)";

class CheckTrace : public CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    model_ = file("line.irqspec", kModel);
  }
  std::string model_;
};

TEST_F(CheckTrace, VerifySpecsJsonIsReadBackAsItIs) {
  CliResult v = run({"verify-specs", "--format", "json", model_});
  ASSERT_EQ(v.status, 1) << v.err;
  std::string trace = file("v.json", v.out);
  CliResult r = run({"check-trace", model_, trace});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  // raise, then handle and eoi until served is 3.
  EXPECT_NE(r.out.find("at_most_two: a behaviour of line (check default): all 6 observations "
                       "explained, by these 6 steps"),
            std::string::npos)
      << r.out;
}

TEST_F(CheckTrace, ATamperedStepIsTheFirstUnexplainedObservation) {
  json v = json::parse(run({"verify-specs", "--format", "json", model_}).out);
  json& steps = v["checks"][0]["properties"][0]["trace"];
  ASSERT_GE(steps.size(), 3u);
  steps[1]["events"][0]["args"]["n"] = 3;  // the first handled says n=1
  CliResult r = run({"check-trace", "--format", "json", model_, file("t.json", v.dump())});
  EXPECT_EQ(r.status, 1) << r.err;
  json out = json::parse(r.out);
  const json& t = out["traces"][0];
  EXPECT_EQ(t["answer"], "not-explained");
  EXPECT_EQ(t["explained"], 1);
  EXPECT_EQ(t["candidate_count"], 1);
  EXPECT_EQ(t["candidates"][0]["line"], "true");
  EXPECT_EQ(t["trace"].size(), 1u);
  EXPECT_NE(t["first_unexplained"]["where"].get<std::string>().find("step 2"), std::string::npos);
}

TEST_F(CheckTrace, AnItfTraceIsASequenceOfStates) {
  json itf = {{"#meta", {{"format", "ITF"}}},
              {"vars", {"line", "mode", "served", "seen"}},
              {"states",
               {{{"line", false},
                 {"mode", "IDLE"},
                 {"served", {{"#bigint", "0"}}},
                 {"seen", {false, false}}},
                {{"line", true}, {"mode", "IDLE"}, {"served", 0}, {"seen", {false, false}}},
                {{"line", true},
                 {"mode", {{"tag", "BUSY"}}},
                 {"served", 1},
                 {"seen", {{"#map", {{0, false}, {1, true}}}}},
                 {"mbt::actionTaken", "handle"}}}}};
  CliResult r = run({"check-trace", model_, file("t.itf.json", itf.dump())});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  itf["states"][2]["served"] = 2;
  r = run({"check-trace", model_, file("u.itf.json", itf.dump())});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("observation 2 of 2"), std::string::npos) << r.out;
}

const char* const kBinding = R"({"model": "line", "tracepoints": [
  {"tracepoint": "irq:irq_handler_entry", "where": {"irq": "11"}, "event": "handled",
   "args": {"n": {"field": "count"}}},
  {"tracepoint": "kvm:kvm_ack_irq", "contains": "[again]", "ignore": true},
  {"tracepoint": "kvm:kvm_ack_irq", "event": "resampled"}]})";

std::string ftrace_line(const std::string& what) {
  return "     qemu-x86-4242    [001] d..1.   170.123456: " + what + "\n";
}

TEST_F(CheckTrace, AnFtraceLogThroughItsBinding) {
  file("line.ftrace.json", kBinding);
  std::string log = "# tracer: nop\n#\n" + ftrace_line("irq_handler_entry: irq=11 count=1") +
                    ftrace_line("kvm_set_irq: gsi 11 level 1 source 0") +
                    ftrace_line("kvm_ack_irq: irqchip PIC pin 11") +
                    ftrace_line("kvm_ack_irq: irqchip PIC pin 11 [again]") +
                    ftrace_line("irq_handler_entry: irq=11 count=2");
  CliResult r = run({"check-trace", model_, file("run.ftrace", log)});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  // Without the EOI's resample in between, the second handler entry cannot be.
  std::string bad = ftrace_line("irq_handler_entry: irq=11 count=1") +
                    ftrace_line("irq_handler_entry: irq=11 count=2");
  r = run({"check-trace", model_, file("bad.ftrace", bad)});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("bad.ftrace:2: irq_handler_entry: irq=11 count=2"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("from there it can show next: resampled()"), std::string::npos) << r.out;
}

TEST_F(CheckTrace, BadRecordingsAreErrorsWithTheirLocation) {
  CliResult r = run({"check-trace", model_, file("x.json", "{\"trace\": [}")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("x.json: error: not valid JSON"), std::string::npos) << r.err;
  json j = {
      {"initial",
       {{"line", false}, {"mode", "IDLE"}, {"served", 0}, {"seen[0]", false}, {"seen[1]", false}}},
      {"trace", {{{"action", "nope"}}}}};
  r = run({"check-trace", model_, file("y.json", j.dump())});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: the model has no action 'nope'"), std::string::npos) << r.err;
  r = run({"check-trace", model_, file("z.ftrace", ftrace_line("kvm_ack_irq: pin 1"))});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot read the ftrace binding (--binding)"), std::string::npos) << r.err;
  file("b.json", R"({"tracepoints": [{"tracepoint": "kvm:x", "event": "nope"}]})");
  r = run({"check-trace", "--binding", (dir_ / "b.json").string(), model_,
           (dir_ / "z.ftrace").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("the model has no event 'nope'"), std::string::npos) << r.err;
}

TEST_F(CheckTrace, SeveralChecksNeedOneNamed) {
  std::string m = file("two.irqspec", std::string(kModel) +
                                          "check a { expect at_most_two violated; }\n"
                                          "check b { expect at_most_two violated; }\n");
  CliResult r = run({"check-trace", m, file("t.json", "{}")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("has 2 checks; name the one the trace was recorded for with --check (a, b)"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace irqspec_test
