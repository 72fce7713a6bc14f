// SPDX-License-Identifier: GPL-2.0
#pragma once

#include "spec/ast.h"
#include "spec/diagnostics.h"

namespace spec {

/// Parses a whole .irqspec file. Syntax errors are reported to `diags`; after
/// an error the parser resynchronises at the next declaration keyword, so one
/// run reports several errors. The returned tree holds what could be parsed.
ast::File parse(const SourceFile& file, Diagnostics& diags);

/// Reserved words of the language (they cannot name anything).
bool is_reserved_word(std::string_view word);

}  // namespace spec
