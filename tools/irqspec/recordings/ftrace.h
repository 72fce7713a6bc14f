// SPDX-License-Identifier: GPL-2.0
#pragma once

// A kernel's ftrace log (the text of tracefs `trace`), read through a
// binding that says which tracepoint lines are which of the model's actions
// and events:
//
//   {"model": "oneshot_forwarding",
//    "tracepoints": [
//      {"tracepoint": "kvm:kvm_set_irq", "where": {"level": "1"},
//       "event": "eventfd_signal"},
//      {"tracepoint": "kvm:kvm_ack_irq", "action": "guest.eoi"},
//      {"tracepoint": "kvm:kvm_inj_virq", "event": "inject",
//       "args": {"spurious": false}}]}
//
// A line is `TASK-PID [CPU] FLAGS TIMESTAMP: NAME: FIELDS`; its fields are
// the `key value` and `key=value` pairs of FIELDS (and `task`). A rule
// applies where every `where` field is equal and its text has `contains`;
// the first rule that applies wins. `args` gives a parameter a value, or
// {"field": F} takes it from the line; unnamed ones stay open. A rule with
// "ignore": true, and lines no rule applies to, are not part of the model;
// at a line a rule with "end": true applies to, the recording ends (the
// test's own end marker, say, before the harness tears the VM down). A rule
// with "checks": [...] is used only for those check blocks: where a kernel
// takes a path without a tracepoint for an event, the event is not
// observable in that variant. The actions and
// events the binding names are the observable ones: the recording must show
// each of their occurrences, in order; everything else happens unseen.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "spec/model.h"
#include "tools/irqspec/recordings/recording.h"

namespace irqspec::recordings {

/// One rule of a binding, resolved against the model.
struct FtraceRule {
  std::string tracepoint;                    // without its system: kvm_set_irq
  std::map<std::string, std::string> where;  // fields that must be equal
  std::string contains;                      // text the line must have
  bool ignore = false;                       // lines it applies to are not part of the model
  bool end = false;                          // the recording ends at a line it applies to
  bool is_event = false;
  int id = -1;                                   // the model's event, or action
  std::vector<std::optional<spec::Value>> args;  // per parameter: a value given by the rule
  std::vector<std::string> fields;               // ... or the line's field that gives it
};

/// The rules of a binding that apply to the model's check, in order.
struct FtraceBinding {
  std::vector<FtraceRule> rules;
};

/// Throws RecordingError on a binding that does not fit the model.
FtraceBinding read_ftrace_binding(const spec::Model& model, const nlohmann::json& binding);

/// Throws RecordingError (located at its line) on a line a rule applies to
/// that does not give a parameter's value.
NamedRecording read_ftrace(const spec::Model& model, const FtraceBinding& binding,
                           const std::string& text, const std::string& origin);

}  // namespace irqspec::recordings
