// SPDX-License-Identifier: GPL-2.0
// The qemu target's output channel (conformance/qemu/NOTES.md, "The output
// channel: grammar") and what the matrix makes of KTAP.

#include <gtest/gtest.h>

#include "conformance/matrix.h"
#include "conformance/qemu_output.h"

namespace conformance {
namespace {

const char* kChannel =
    "@@irqspec hello format=1 arch=x86_64 channel=ttyS1\n"
    "@@irqspec uname 6.1.0-57-amd64\n"
    "@@irqspec module kvm_amd status=0\n"
    "@@irqspec kvm yes\n"
    "@@irqspec begin pic kind=prog\n"
    "KTAP version 1\n"
    "1..1\n"
    "@@@irqspec done\n"
    "ok 1 guest_eoi\n"
    "@@irqspec end pic status=0 time=0.21\n"
    "@@irqspec begin era_c kind=kmod\n"
    "irqspec-insmod: /payload/x.ko: Invalid argument\n"
    "@@irqspec kmsg era_c\n"
    "KTAP version 1\n"
    "1..1\n"
    "not ok 1 t\n"
    "@@irqspec end era_c status=22 time=0.5 timedout=1\n"
    "@@irqspec future-key whatever\n"
    "@@irqspec dmesg begin\n"
    "[    1.0] Linux version 6.1.0-57-amd64\n"
    "@@irqspec dmesg end\n"
    "@@irqspec done\n";

TEST(QemuOutput, ReadsEveryPartOfTheChannel) {
  QemuOutput out = parse_qemu_output(kChannel);
  EXPECT_TRUE(out.hello);
  EXPECT_EQ(out.release, "6.1.0-57-amd64");
  EXPECT_EQ(out.kvm, true);
  EXPECT_EQ(out.modules.at("kvm_amd"), 0);
  ASSERT_EQ(out.items.size(), 2u);
  const QemuItem* pic = out.item("pic");
  ASSERT_NE(pic, nullptr);
  // An escaped line is the program's own output, not the end of the run.
  EXPECT_NE(pic->output.find("\n@@irqspec done\n"), std::string::npos);
  EXPECT_EQ(pic->status, 0);
  const QemuItem* module = out.item("era_c");
  ASSERT_NE(module, nullptr);
  EXPECT_EQ(module->status, 22);
  EXPECT_TRUE(module->timed_out);
  EXPECT_EQ(module->output, "irqspec-insmod: /payload/x.ko: Invalid argument\n");
  EXPECT_EQ(parse_ktap(module->kmsg).failed(), 1);
  EXPECT_NE(out.dmesg.find("Linux version"), std::string::npos);
  EXPECT_TRUE(out.done);
  EXPECT_EQ(out.open_item(), nullptr);
}

TEST(QemuOutput, ARunThatStoppedInsideAnItemHasItOpen) {
  QemuOutput out = parse_qemu_output(
      "@@irqspec hello format=1 arch=x86_64 channel=ttyS1\n"
      "@@irqspec begin hang kind=sh\nsleeping\n");
  ASSERT_NE(out.open_item(), nullptr);
  EXPECT_EQ(out.open_item()->name, "hang");
  EXPECT_FALSE(out.done);
}

// A trace section (as init.sh sends it with /etc/irqspec/ftrace), from a
// real 6.1 recording, abridged: the probe before the plan, two tests, and
// an event line that began with "@@" (escaped like any raw line).
const char* kTraced =
    "@@irqspec hello format=1 arch=x86_64 channel=ttyS1\n"
    "@@irqspec uname 6.1.0-57-amd64\n"
    "@@irqspec kvm yes\n"
    "@@irqspec ftrace dir=/sys/kernel/tracing\n"
    "@@irqspec ftrace-event kvm:kvm_set_irq status=enabled\n"
    "@@irqspec ftrace-event kvm:no_such_event status=missing\n"
    "@@irqspec begin pic kind=prog\n"
    "TAP version 13\n"
    "1..2\n"
    "ok 1 first\n"
    "ok 2 second\n"
    "@@irqspec trace pic\n"
    "# tracer: nop\n"
    "#\n"
    "# entries-in-buffer/entries-written: 9/12   #P:1\n"
    "#\n"
    "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
    "     kworker/0:0-7       [000] .....    30.388270: kvm_set_irq: gsi 10 level 1 source 1\n"
    "             pic-103     [000] .....    27.596846: tracing_mark_write: irqspec-test plan 2\n"
    "     kworker/0:0-7       [000] .....    28.657949: kvm_set_irq: gsi 5 level 1 source 1\n"
    "             pic-103     [000] .....    28.727221: kvm_ack_irq: irqchip PIC master pin 5\n"
    "             pic-103     [000] .....    29.008126: tracing_mark_write: irqspec-test ok 1 "
    "first\n"
    "@@@@ not framing\n"
    "     kworker/0:0-7       [000] .....    29.068088: kvm_set_irq: gsi 5 level 1 source 1\n"
    "             pic-103     [000] .....    29.119768: tracing_mark_write: irqspec-test ok 2 "
    "second\n"
    "             awk-105     [000] d.h1.    29.134651: irq_handler_entry: irq=3 name=ttyS1\n"
    "@@irqspec end pic status=0 time=2.28\n"
    "@@irqspec dmesg begin\n"
    "@@irqspec dmesg end\n"
    "@@irqspec done\n";

TEST(QemuOutput, ReadsTheTraceSectionOfAnItem) {
  QemuOutput out = parse_qemu_output(kTraced);
  EXPECT_EQ(out.ftrace_dir, "/sys/kernel/tracing");
  EXPECT_EQ(out.ftrace_events.at("kvm:kvm_set_irq"), "enabled");
  EXPECT_EQ(out.ftrace_events.at("kvm:no_such_event"), "missing");
  const QemuItem* pic = out.item("pic");
  ASSERT_NE(pic, nullptr);
  ASSERT_TRUE(pic->trace.has_value());
  EXPECT_EQ(pic->trace->rfind("# tracer: nop\n", 0), 0u);
  EXPECT_NE(pic->trace->find("\n@@@ not framing\n"), std::string::npos);
  // The output stops where the trace starts.
  EXPECT_EQ(pic->output.find("tracer"), std::string::npos);
  EXPECT_EQ(pic->status, 0);
  EXPECT_EQ(trace_lost_events(*pic->trace), 3);
  // Without a trace section there is no trace.
  EXPECT_FALSE(parse_qemu_output(kChannel).item("pic")->trace.has_value());
}

TEST(QemuOutput, SplitsAProgramsTraceAtItsTestMarkers) {
  QemuOutput out = parse_qemu_output(kTraced);
  std::vector<TraceSlice> tests = split_trace(*out.item("pic")->trace);
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[0].number, 1);
  EXPECT_EQ(tests[0].name, "first");
  EXPECT_EQ(tests[0].result, "ok");
  EXPECT_EQ(tests[0].events, 3u);
  // The header, then the test's own events: not the probe before the plan.
  EXPECT_EQ(tests[0].text.rfind("# tracer: nop\n#\n# entries-in-buffer", 0), 0u);
  EXPECT_EQ(tests[0].text.find("gsi 10"), std::string::npos);
  EXPECT_NE(tests[0].text.find("kvm_ack_irq: irqchip PIC master pin 5\n"), std::string::npos);
  EXPECT_EQ(tests[1].name, "second");
  EXPECT_NE(tests[1].text.find("@@@ not framing\n"), std::string::npos);
  EXPECT_EQ(tests[1].text.find("kvm_ack_irq"), std::string::npos);
  // After the last result: the init's own output, no test's.
  EXPECT_EQ(tests[1].text.find("ttyS1"), std::string::npos);
}

TEST(QemuOutput, ATestThatNeverEndedGetsTheRestOfTheTrace) {
  const std::string header = "# tracer: nop\n#\n";
  const std::string mark = "  p-9  [000] .....  1.0: tracing_mark_write: irqspec-test ";
  std::string killed = header + mark + "plan 2\n" + mark + "ok 1 a\n" + " x: kvm_set_irq: gsi 5\n";
  std::vector<TraceSlice> tests = split_trace(killed);
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[1].number, 2);
  EXPECT_EQ(tests[1].name, "");
  EXPECT_EQ(tests[1].result, "");
  EXPECT_EQ(tests[1].text, header + " x: kvm_set_irq: gsi 5\n");
  std::string bailed = header + mark + "plan 1\n" + " y: kvm_pic_set_irq\n" + mark + "bail-out 1\n";
  tests = split_trace(bailed);
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_EQ(tests[0].result, "bail-out");
  EXPECT_EQ(tests[0].number, 1);
  // No markers (a program without the harness's): no tests.
  EXPECT_TRUE(split_trace(header + " z: kvm_set_irq: gsi 5\n").empty());
}

TEST(QemuOutput, KernelFailuresAreTheOopsAndBugLines) {
  std::string log =
      "[ 1.0] list_del corruption, ffff->next is NULL\n"
      "[ 1.0] kernel BUG at lib/list_debug.c:49!\n"
      "[ 1.1] a harmless line\n"
      "[ 2.0] Kernel panic - not syncing: sysrq triggered crash\n";
  EXPECT_EQ(kernel_failures(log).size(), 3u);
  EXPECT_TRUE(kernel_failures("[ 1.0] all is well\n").empty());
}

Cell judged(const std::string& ktap) {
  Cell c;
  judge_cell(parse_ktap(ktap), c);
  return c;
}

TEST(Matrix, StatusFromKtap) {
  EXPECT_EQ(judged("KTAP version 1\n1..2\nok 1 a\nok 2 b\n").status, CellStatus::Conforms);
  Cell d = judged(
      "KTAP version 1\n1..2\nok 1 a\n# 4. consumer.register(c=0) -> OK: callback log mismatch\n"
      "#   want            got\n# ! prod.del_consumer p0 c0     -\nnot ok 2 b\n");
  EXPECT_EQ(d.status, CellStatus::Diverges);
  EXPECT_EQ(d.first_divergence,
            "b at step 4. consumer.register(c=0) -> OK: callback log mismatch "
            "[! prod.del_consumer p0 c0 -]");
  EXPECT_EQ(judged("KTAP version 1\n1..0 # SKIP no /dev/kvm\n").status, CellStatus::Skipped);
  // A stream that stops short of its plan is not a verdict.
  EXPECT_EQ(judged("KTAP version 1\n1..3\nok 1 a\n").status, CellStatus::Broken);
  EXPECT_EQ(judged("garbage\n").status, CellStatus::Broken);
}

TEST(Matrix, ExpectationsFollowTheVersion) {
  std::string error;
  auto before_63 = codegen::KernelRange::parse("< 6.3", error);
  ASSERT_TRUE(before_63);
  EXPECT_EQ(expectation_for(*before_63, codegen::KernelVersion{6, 1, 192}), Expected::Conforms);
  EXPECT_EQ(expectation_for(*before_63, codegen::KernelVersion{6, 12, 117}), Expected::Diverges);
  EXPECT_EQ(expectation_for(*before_63, std::nullopt), Expected::None);
}

TEST(Matrix, OutcomeIsTheWorstCell) {
  Matrix m;
  m.kernels.resize(1);
  Cell ok;
  ok.status = CellStatus::Conforms;
  ok.expected = Expected::Conforms;
  m.kernels[0].cells = {ok};
  EXPECT_EQ(outcome_of(m), MatrixOutcome::Ok);
  Cell unmet = ok;
  unmet.expected = Expected::Diverges;  // a suite that cannot tell variants apart
  m.kernels[0].cells.push_back(unmet);
  EXPECT_EQ(outcome_of(m), MatrixOutcome::Unmet);
  m.kernels[0].cells = {ok};
  m.kernels[0].failed = true;  // a panic, a hang
  EXPECT_EQ(outcome_of(m), MatrixOutcome::Failed);
  m.kernels[0].failed = false;
  m.kernels[0].unavailable = true;  // could not fetch or boot
  EXPECT_EQ(outcome_of(m), MatrixOutcome::Inconclusive);
  m.kernels[0].unavailable = false;
  Cell skipped;
  m.kernels[0].cells = {skipped};  // nothing ran
  EXPECT_EQ(outcome_of(m), MatrixOutcome::Inconclusive);
}

}  // namespace
}  // namespace conformance
