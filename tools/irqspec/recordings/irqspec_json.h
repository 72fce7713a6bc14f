// SPDX-License-Identifier: GPL-2.0
#pragma once

// irqspec's own traces: the output of `verify-specs --format json` as it is
// (every trace of the check), one property object of it, or a bare
// {"initial": {...}, "trace": [...]}.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spec/model.h"
#include "tools/irqspec/recordings/recording.h"

namespace irqspec::recordings {

bool is_irqspec_json(const nlohmann::json& doc);

/// Throws RecordingError when the document does not fit the model.
std::vector<NamedRecording> read_irqspec_json(const spec::Model& model, const nlohmann::json& doc,
                                              const std::string& origin);

}  // namespace irqspec::recordings
