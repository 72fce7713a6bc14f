// SPDX-License-Identifier: GPL-2.0
#pragma once

// What a boot of conformance/qemu gives back on its output channel (the
// grammar is in conformance/qemu/NOTES.md, "The output channel"): the
// guest's release, whether /dev/kvm appeared, each item's output and exit
// status, the kernel log while a test module loaded, the ftrace buffer after
// each item when the init recorded one, and the whole dmesg.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace conformance {

struct QemuItem {
  std::string name;
  std::string kind;                  // prog, kmod, sh
  std::string output;                // prog/sh: its stdout and stderr; kmod: the loader's messages
  std::string kmsg;                  // kmod: what the kernel logged while it loaded (its KTAP)
  std::optional<std::string> trace;  // with ftrace on: the trace buffer after it, as `cat trace`
  std::optional<int> status;         // nullopt: no `end` line (it hung, or the kernel died in it)
  bool timed_out = false;
};

struct QemuOutput {
  bool hello = false;
  std::string release;  // uname -r inside the guest
  std::optional<bool> kvm;
  std::map<std::string, int> modules;  // boot modules and their load status
  std::string ftrace_dir;              // tracefs, when the init recorded ftrace; "none": no tracefs
  std::map<std::string, std::string> ftrace_events;  // tracepoint -> enabled, missing, failed, ...
  std::vector<QemuItem> items;
  std::vector<std::string> errors;  // run.list lines the init refused
  std::string dmesg;
  bool done = false;

  const QemuItem* item(const std::string& name) const;
  /// The item that began and never ended, if the run stopped inside one.
  const QemuItem* open_item() const;
};

/// Parses the channel. Unknown framing lines are ignored; escaped lines
/// ("@@@...") lose their first '@'.
QemuOutput parse_qemu_output(const std::string& text);

/// One test's part of a KVM program's trace: the test programs mark their
/// plan and every result in the ftrace buffer ("irqspec-test ok 1 NAME",
/// conformance/common/kh_ktap.c), and a test's part is what follows the
/// previous marker up to and with its own. `text` starts with the trace's
/// header lines, so that it reads as `cat trace` does.
struct TraceSlice {
  int number = 0;
  std::string name;    // empty: the test the program stopped in (a bail-out, a crash)
  std::string result;  // ok, fail, skip; bail-out or "" (no marker) for an unfinished test
  std::string text;
  std::size_t events = 0;  // event lines in `text` (not the header), its marker included
};

/// The tests of one program's trace, in order. Events before the plan
/// (the probes of the program's main) belong to no test; events after the
/// last result, when the program stopped inside a test, make a last slice
/// without a name.
std::vector<TraceSlice> split_trace(const std::string& trace);

/// "entries-in-buffer/entries-written: A/B" of a trace's header: how many
/// events the ring buffer lost (B - A, 0 when it does not say).
long trace_lost_events(const std::string& trace);

/// Lines of a kernel log that say the kernel itself went wrong: an oops, a
/// BUG, a general protection fault, a panic, a hung task. Empty: none.
std::vector<std::string> kernel_failures(const std::string& log);

}  // namespace conformance
