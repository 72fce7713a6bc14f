// SPDX-License-Identifier: GPL-2.0
#pragma once

// A stable text form of the elaborated IR (spec::Model), for golden files:
// types and slots, folded constants, inlined functions, expanded
// quantifiers, range checks, monitors and the check job.

#include <string>

#include "spec/model.h"

namespace irqspec_test {

/// An IR expression as an S-expression; integer operators carry their static
/// interval: `(+ counter 1):1..8`.
std::string dump_ir(const spec::Model& m, const spec::Expr* e);

/// The whole model.
std::string dump_model(const spec::Model& m);

}  // namespace irqspec_test
