// SPDX-License-Identifier: GPL-2.0
#pragma once

// The binding of a model to one implementation target, written once per
// model and target, beside the model (models/NAME.TARGET.json): which C
// call realises each action, how parameter values are written in C, which
// log line each event is, and how an assertion failure shows. Expected
// values never come from here: they come from the model.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "codegen/kernel_versions.h"
#include "codegen/suite_target.h"
#include "spec/model.h"

namespace codegen {

struct ActionBinding {
  std::string call;  // C expression with {param} and {CONSTANT} placeholders; empty for an
                     // internal action the implementation takes by itself
  std::string log;   // what the target logs when the action happens (host-kvm), if anything
  /// Per parameter: model value as written ("0", "PROD_FULL", "true", or
  /// "*" for any other, with {value} the number) -> C text.
  std::map<std::string, std::map<std::string, std::string>> args;
};

struct Binding {
  std::string path;
  std::string model;
  std::string target;
  std::string check;   // the default check block (the first variant if not given)
  std::string header;  // the harness header to include
  /// What writes the suites ("emitter"; default: the target's, see
  /// default_emitter).
  Emitter emitter = Emitter::Steps;
  /// "harness": the folder of the irqspec tree whose C API the suites call
  /// and whose build script makes what they link with; empty: the target's
  /// default (harness_for).
  std::string harness;
  /// The target runs internal steps as soon as they are enabled (host-kvm:
  /// the harness settles after every call): "schedule": "internal-first".
  bool internal_first = false;
  std::map<std::string, ActionBinding> actions;  // "actor.action"
  std::map<std::string, std::string> events;     // event -> log line template
  /// Per event, per parameter: model value -> text in the log line.
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> event_args;
  /// Per check block that has a suite: how to set the target up, which
  /// kernels implement it, or why it cannot be tested.
  struct Variant {
    std::string config;           // host-kvm: C initializer of the target's configuration
    std::string eoi_probe;        // host-kvm: chip whose EOI timing the guest must control
    std::string skip;             // non-empty: no implementation to test, and why
    std::string arch = "x86_64";  // host-kvm: the architecture its harness and guest are for
    /// The kernels that implement this variant: they must conform, every
    /// other kernel must diverge.
    KernelRange kernels = KernelRange::all();
    std::string why;  // why those kernels
  };
  std::map<std::string, Variant> variants;
  std::map<std::string, std::string> assertions;  // obligation -> how a failure shows
  /// State the implementation lets a test read, compared after every step:
  /// slot pattern ("prod_listed[{i}]", "module_refs") -> C expression.
  std::map<std::string, std::string> observe;

  /// The harness a variant's suite is built against: "harness", or the
  /// target's default for the emitter and the variant's architecture.
  std::string harness_for(const Variant& v) const;

  /// Reads a binding; false with `error` set on malformed input.
  static bool load(const std::string& path, Binding& out, std::string& error);
  /// Where a model's binding for a target is: models/NAME.TARGET.json.
  static std::string default_path(const std::string& model_path, const std::string& target);

  /// Problems with this binding for this model (unbound actions or events,
  /// unknown placeholders...). Empty when it is usable.
  std::vector<std::string> validate(const spec::Model& model) const;

  /// The C text of an action's call with the given parameter values.
  std::string call(const spec::Model& model, int action,
                   const std::vector<spec::Value>& params) const;
  /// The C expression reading a slot, if the binding observes it.
  std::optional<std::string> observation(const std::string& slot) const;
  /// The log line of an event occurrence.
  std::string event_line(const spec::Model& model, int event,
                         const std::vector<spec::Value>& args) const;
};

/// How a value is written in C by default: bool as true/false, an enum
/// member as its C value, an integer in decimal.
std::string default_c_value(const spec::Model& model, const spec::Type* type, spec::Value v);

}  // namespace codegen
