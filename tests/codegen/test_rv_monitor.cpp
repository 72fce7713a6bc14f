// SPDX-License-Identifier: GPL-2.0
// The RV monitor written from a model and its tracepoint binding: the
// handlers apply the binding's rules in order, the automaton header has the
// automaton's transitions, and a binding that cannot drive a monitor (an
// event without a tracepoint, a check it does not cover, a rule that can
// never apply) is refused with the reason. The build of the monitor in a
// kernel tree is tests/tools/rv-monitor-build.sh.

#include <gtest/gtest.h>

#include "codegen/rv_monitor.h"
#include "tests/support/spec_support.h"

namespace irqspec_test {
namespace {

const char* const kLine = R"(model line;
var line: bool = false;
var masked: bool = false;
event handled(again: bool);
event resampled;
actor device {
  input action raise() when !line { line = true; }
}
actor host {
  internal action handle() when line && !masked { masked = true; emit handled(false); }
  input action eoi() when masked { masked = false; line = false; emit resampled; }
}
check only { expect all holds; }
)";

codegen::RvBinding line_binding() {
  codegen::RvBinding b;
  b.path = "/somewhere/line.rv.json";
  b.model = "line";
  b.checks = {"only"};
  b.parameters = {{"watch_irq", -1, "the IRQ"}};
  b.tracepoints = {
      {"irq_handler_entry",
       "int irq, struct irqaction *action",
       {{codegen::RvRule::Kind::Ignore, "", "watch_irq >= 0 && irq != watch_irq"},
        {codegen::RvRule::Kind::Event, "handled", ""}}},
      {"irq_eoi", "int irq", {{codegen::RvRule::Kind::Event, "resampled", ""}}},
  };
  return b;
}

struct Monitor {
  std::unique_ptr<Loaded> loaded;
  std::optional<codegen::RvMonitor> monitor;
  std::string error;
};

Monitor write(const codegen::RvBinding& binding, const std::string& check = "only") {
  Monitor m;
  m.loaded = load(kLine);
  EXPECT_TRUE(m.loaded->model) << m.loaded->diagnostics_text();
  codegen::RvOptions options;
  options.arguments = false;
  std::string error;
  auto a = codegen::rv_automaton(*m.loaded->model, options, error);
  EXPECT_TRUE(a) << error;
  m.monitor = codegen::rv_monitor(*m.loaded->model, *a, binding, check, "line_mon", m.error);
  return m;
}

TEST(RvMonitor, HandlersApplyTheRulesInOrder) {
  Monitor m = write(line_binding());
  ASSERT_TRUE(m.monitor) << m.error;
  const std::string& c = m.monitor->files.at("line_mon.c");
  EXPECT_NE(c.find("static void handle_irq_handler_entry(void *data, int irq, struct irqaction "
                   "*action)\n{\n"
                   "\tif (watch_irq >= 0 && irq != watch_irq)\n\t\treturn;\n"
                   "\tda_handle_start_run_event_line_mon(handled_line_mon);\n}\n"),
            std::string::npos)
      << c;
  EXPECT_NE(c.find("rv_attach_trace_probe(\"line_mon\", irq_eoi, handle_irq_eoi);"),
            std::string::npos);
  EXPECT_NE(c.find("module_param(watch_irq, int, 0644);"), std::string::npos);
  EXPECT_NE(c.find("DECLARE_DA_MON_GLOBAL(line_mon, unsigned char);"), std::string::npos);
  EXPECT_NE(c.find(" * line.rv.json.\n"), std::string::npos) << "the binding's file, no path";
  EXPECT_EQ(m.monitor->files.count("line_mon_trace.h"), 1u);
  EXPECT_NE(m.monitor->files.at("Kconfig").find("config RV_MON_LINE_MON\n"), std::string::npos);
}

TEST(RvMonitor, TheHeaderHasTheAutomatonsTransitions) {
  Monitor m = write(line_binding());
  ASSERT_TRUE(m.monitor) << m.error;
  // handled (the IRQ is taken and masked), then resampled at the EOI.
  EXPECT_NE(m.monitor->files.at("line_mon.h")
                .find("\t.function = {\n"
                      "\t\t{ s1_line_mon, INVALID_STATE },\n"
                      "\t\t{ INVALID_STATE, s0_line_mon },\n"
                      "\t},\n"
                      "\t.initial_state = s0_line_mon,\n"
                      "\t.final_states = { 1, 0 },\n"),
            std::string::npos)
      << m.monitor->files.at("line_mon.h");
}

TEST(RvMonitor, AnEventWithoutATracepointIsRefused) {
  codegen::RvBinding b = line_binding();
  b.tracepoints.pop_back();
  Monitor m = write(b);
  EXPECT_FALSE(m.monitor);
  EXPECT_EQ(m.error, "event resampled of check only has no tracepoint in /somewhere/line.rv.json");
}

TEST(RvMonitor, ACheckTheBindingDoesNotFollowIsRefusedWithItsReason) {
  codegen::RvBinding b = line_binding();
  b.checks.clear();
  b.not_monitored.push_back({{"only"}, "no tracepoint shows the EOI"});
  Monitor m = write(b);
  EXPECT_FALSE(m.monitor);
  EXPECT_EQ(
      m.error,
      "no RV monitor of check only from /somewhere/line.rv.json: no tracepoint shows the EOI");
}

TEST(RvMonitor, ANameTheKernelCannotRegisterIsRefused) {
  auto loaded = load(kLine);
  codegen::RvOptions options;
  options.arguments = false;
  std::string error;
  auto a = codegen::rv_automaton(*loaded->model, options, error);
  ASSERT_TRUE(a);
  EXPECT_FALSE(codegen::rv_monitor(*loaded->model, *a, line_binding(), "only",
                                   "a_name_longer_than_the_kernel_allows", error));
  EXPECT_NE(error.find("at most 31 characters (--name)"), std::string::npos) << error;
}

TEST(RvMonitor, BindingProblemsAreNamed) {
  auto loaded = load(kLine);
  codegen::RvBinding b = line_binding();
  b.tracepoints[0].rules[0].when.clear();  // ignores everything: the next rule is dead
  b.tracepoints[1].rules[0].event = "resampeld";
  std::vector<std::string> problems = b.validate(*loaded->model);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0],
            "tracepoints[0].rules[0]: a rule without \"when\" applies always; the rules after it "
            "never do");
  EXPECT_EQ(problems[1], "tracepoints[1].rules[0]: model line has no event resampeld");
}

TEST(RvMonitor, TheModelsBindingLoads) {
  codegen::RvBinding b;
  std::string error;
  ASSERT_TRUE(codegen::RvBinding::load(
      codegen::RvBinding::default_path(source_dir() + "/models/oneshot_forwarding.irqspec"), b,
      error))
      << error;
  EXPECT_EQ(b.model, "oneshot_forwarding");
  EXPECT_EQ(b.refusal("pic"), "");
  EXPECT_NE(b.refusal("ioapic_63").find("kvm_notify_irqfd_resampler"), std::string::npos);
}

}  // namespace
}  // namespace irqspec_test
