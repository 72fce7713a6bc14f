// SPDX-License-Identifier: GPL-2.0
#pragma once

// The Informal Trace Format (ITF) of Apalache and Quint: {"vars": [...],
// "states": [{...}, ...]}, a sequence of states, each a value per variable.
// State 0 is the initial state, every later one the state after one step of
// some action; a state's "mbt::actionTaken" (Quint) or "action_taken"
// names that action. Integers may be {"#bigint": "12"}; an array variable is
// a JSON list, {"#tup": [...]} or {"#map": [[index, value], ...]}.

#include <nlohmann/json.hpp>
#include <string>

#include "spec/model.h"
#include "tools/irqspec/recordings/recording.h"

namespace irqspec::recordings {

bool is_itf(const nlohmann::json& doc);

/// Throws RecordingError when the document does not fit the model.
NamedRecording read_itf(const spec::Model& model, const nlohmann::json& doc,
                        const std::string& origin);

}  // namespace irqspec::recordings
