// SPDX-License-Identifier: GPL-2.0
#pragma once

// A stable text form of the syntax tree, for golden files and precedence
// tests: S-expressions, one declaration per line block, with the position of
// every declaration and statement.

#include <string>

#include "spec/ast.h"
#include "spec/source_file.h"

namespace irqspec_test {

/// An expression as an S-expression: `(-> a (-> b c))`.
std::string dump_expr(const spec::ast::Expr& e);

/// A type: `bool`, `Phase`, `(.. 0 (- N 1))`, `(array bool Slot Phase)`.
std::string dump_type(const spec::ast::TypeExpr& t);

/// The whole file; positions are printed as `@LINE:COL` using `source`.
std::string dump_file(const spec::ast::File& file, const spec::SourceFile& source);

}  // namespace irqspec_test
