// SPDX-License-Identifier: GPL-2.0
#pragma once

// What a boot of conformance/qemu gives back on its output channel (the
// grammar is in conformance/qemu/NOTES.md, "The output channel"): the
// guest's release, whether /dev/kvm appeared, each item's output and exit
// status, the kernel log while a test module loaded, and the whole dmesg.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace conformance {

struct QemuItem {
  std::string name;
  std::string kind;           // prog, kmod, sh
  std::string output;         // prog/sh: its stdout and stderr; kmod: the loader's messages
  std::string kmsg;           // kmod: what the kernel logged while it loaded (its KTAP)
  std::optional<int> status;  // nullopt: no `end` line (it hung, or the kernel died in it)
  bool timed_out = false;
};

struct QemuOutput {
  bool hello = false;
  std::string release;  // uname -r inside the guest
  std::optional<bool> kvm;
  std::map<std::string, int> modules;  // boot modules and their load status
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

/// Lines of a kernel log that say the kernel itself went wrong: an oops, a
/// BUG, a general protection fault, a panic, a hung task. Empty: none.
std::vector<std::string> kernel_failures(const std::string& log);

}  // namespace conformance
