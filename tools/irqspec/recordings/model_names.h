// SPDX-License-Identifier: GPL-2.0
#pragma once

// Reading a recording in the model's own words: slots, actions, events and
// values by name, as every trace format spells them. Errors are thrown as
// RecordingError with a message that names what was not understood.

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "spec/model.h"

namespace irqspec::recordings {

struct RecordingError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The slot named `name` (`line`, `registered[1]`); throws if there is none.
int slot_named(const spec::Model& model, const std::string& name);
/// The action `actor.action`, or `action` alone when only one actor has it.
int action_named(const spec::Model& model, const std::string& name);
int event_named(const spec::Model& model, const std::string& name);
/// -1 if `name` is not a parameter of `params`.
int param_index(const std::vector<spec::Param>& params, const std::string& name);

/// A value of scalar type `t`: a JSON boolean or number, an enum member's
/// name, or the same as text (`true`, `3`, `EBUSY`); throws when it is
/// none of these or lies outside the type.
spec::Value value_of(const spec::Model& model, const spec::Type* t, const nlohmann::json& v,
                     const std::string& what);
spec::Value value_of_text(const spec::Model& model, const spec::Type* t, const std::string& text,
                          const std::string& what);

}  // namespace irqspec::recordings
