// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/ast.h"
#include "spec/diagnostics.h"
#include "spec/model.h"

namespace spec {

/// A constant override from the command line: `--set NAME=VALUE`.
struct ConstSetting {
  std::string name;
  std::string value;  // an integer, true/false, or an enum member
};

/// Names and types, constant evaluation, finite domains and all the static
/// rules of the language; produces a spec::Model for one setting of the
/// constants. Every problem goes to the Diagnostics with a source position.
class Checker {
 public:
  Checker(const ast::File& file, const SourceFile& source, Diagnostics& diags);

  /// Elaborates the model. `check` selects a check block whose `set` items
  /// apply and whose expectations go into Model::check; nullptr gives the
  /// implicit job (every obligation expected to hold). Command-line settings
  /// override both. Returns nothing if there were errors.
  std::optional<Model> elaborate(const std::vector<ConstSetting>& settings,
                                 const ast::CheckDecl* check);

  /// The check blocks of the file, in order.
  std::vector<const ast::CheckDecl*> check_blocks() const;

 private:
  const ast::File& file_;
  const SourceFile& source_;
  Diagnostics& diags_;
};

}  // namespace spec
