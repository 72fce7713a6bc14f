// SPDX-License-Identifier: GPL-2.0
#pragma once

// The result of a conformance run: for every kernel (a column) and every
// model variant (a row), whether the kernel conforms to the variant, and
// whether that is what the binding says it should do. Every target fills one.

#include <optional>
#include <string>
#include <vector>

#include "codegen/kernel_versions.h"
#include "conformance/ktap.h"

namespace conformance {

enum class CellStatus {
  Conforms,  // every generated test passed
  Diverges,  // a generated test failed: the kernel does not behave as the variant
  Skipped,   // nothing of the suite could run here (with the reason)
  Broken,    // the suite could not be built or run, or printed no KTAP
};
enum class Expected { Conforms, Diverges, None };

const char* to_string(CellStatus s);
const char* to_string(Expected e);

/// One variant on one kernel.
struct Cell {
  std::string variant;
  Expected expected = Expected::None;
  std::string expected_why;  // the binding's kernel range
  CellStatus status = CellStatus::Skipped;
  std::string first_divergence;  // Diverges: the first failing test and what differed
  std::string reason;            // Skipped, Broken: why
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  std::vector<std::string> details;  // failing tests and their diagnostics
  std::vector<std::string> notes;    // from the generator

  /// A definite status that contradicts the expectation.
  bool unmet() const;
};

/// One kernel: every variant's cell, or why none could run.
struct KernelColumn {
  std::string label;   // "linux-source-6.1", "Debian 6.12 x86_64", "running kernel"
  std::string kernel;  // the version as the kernel says it: "6.1.192"
  std::string arch;
  std::optional<codegen::KernelVersion> version;  // nullopt: unknown, no expectations
  bool unavailable = false;        // could not be fetched, built or booted: inconclusive
  bool failed = false;             // the kernel itself failed: panic, oops, hang
  std::string problem;             // why (with the log's tail)
  std::vector<std::string> notes;  // what else the run showed (guest commands' output)
  std::vector<Cell> cells;
};

struct Matrix {
  std::string target;
  std::string model;
  std::vector<KernelColumn> kernels;
};

/// Fills status, counts, details and first divergence from a program's KTAP.
void judge_cell(const KtapReport& ktap, Cell& cell);

/// What a kernel of `version` must do for a variant the binding says
/// `implementers` implement; None when the version is unknown.
Expected expectation_for(const codegen::KernelRange& implementers,
                         const std::optional<codegen::KernelVersion>& version);

/// How a whole run ended, worst first.
enum class MatrixOutcome { Unmet, Failed, Inconclusive, Ok };
MatrixOutcome outcome_of(const Matrix& m);

}  // namespace conformance
