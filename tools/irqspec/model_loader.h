// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "codegen/binding.h"
#include "spec/checker.h"
#include "spec/model.h"

namespace irqspec {

/// Reads, parses and elaborates one model file for one check block (empty:
/// the implicit check if the file has none). Diagnostics go to `err`.
std::shared_ptr<const spec::Model> load_model(const std::string& path, const std::string& check,
                                              const std::vector<spec::ConstSetting>& settings,
                                              std::ostream& err);

/// load_model, then checks that `binding` (read from `binding_path`) fits
/// the elaborated model; the first mismatch is reported and gives nullptr.
std::shared_ptr<const spec::Model> load_bound_model(const std::string& path,
                                                    const std::string& check,
                                                    const std::vector<spec::ConstSetting>& settings,
                                                    const codegen::Binding& binding,
                                                    const std::string& binding_path,
                                                    std::ostream& err);

/// Maps source offsets of a model file to line numbers (for messages).
std::function<int(spec::SourceLoc)> line_mapper(const std::string& path);

/// The binding file of a model for a target: models/NAME.TARGET.json.
std::string default_binding_path(const std::string& model_path, const std::string& target);

}  // namespace irqspec
