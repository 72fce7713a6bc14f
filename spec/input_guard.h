// SPDX-License-Identifier: GPL-2.0
#pragma once

#include "spec/diagnostics.h"

namespace spec {

/// Screens raw input before the recursive-descent parser sees it: rejects
/// binary data, stray non-ASCII bytes, unterminated comments, oversized files
/// and expressions nested so deeply that parsing them could exhaust the stack.
/// Returns false (with a diagnostic) when the file must not be parsed.
bool guard_input(const SourceFile& file, Diagnostics& diags);

/// Limits enforced by guard_input, exposed for tests.
struct InputLimits {
  static constexpr std::size_t kMaxBytes = 1 << 20;
  /// Bracket depth plus prefix/right-associative operators within one statement.
  static constexpr int kMaxNesting = 200;
  /// Operator characters within one statement: a left-associative chain is
  /// parsed by iteration but still builds (and destroys) a tree that deep.
  static constexpr int kMaxOperators = 10000;
};

}  // namespace spec
