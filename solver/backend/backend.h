// SPDX-License-Identifier: GPL-2.0
#pragma once

// The solver interface every engine talks to. Only the files in this folder
// include a solver's headers; each backend translates smt::Term DAGs.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "solver/smt/term.h"

namespace solver::backend {

enum class SatResult { Sat, Unsat, Unknown };

class Backend {
 public:
  virtual ~Backend() = default;

  virtual std::string name() const = 0;
  virtual void assert_term(smt::Term t) = 0;
  virtual void push() = 0;
  virtual void pop() = 0;
  /// Checks satisfiability; `timeout_seconds` <= 0 means no limit. A timeout,
  /// a solver that gives up or fails (out of memory, an internal error, an
  /// interruption when solver::Resources stops) is Unknown, never an answer,
  /// and no backend call throws.
  virtual SatResult check(double timeout_seconds) = 0;
  /// After Sat: the value of a term in the model (Bool as 0/1, bit-vectors
  /// sign-extended).
  virtual std::int64_t value(smt::Term t) = 0;
  /// Why the last check was Unknown.
  virtual std::string reason_unknown() = 0;
};

/// Tells the solvers' own allocators the process's memory limit (Z3 counts
/// every context together), so that a query fails with `unknown` first.
void limit_solver_memory(std::uint64_t bytes);

/// The solvers this build has: "z3", and "cvc5" when built WITH_CVC5.
std::vector<std::string> available_solvers();

/// Creates a backend by name; nullptr if this build does not have it.
std::unique_ptr<Backend> make_backend(const std::string& name,
                                      std::shared_ptr<smt::TermManager> terms);

/// Wraps a backend so that every command it receives is also written, as
/// SMT-LIB2, to `path` (for `--dump-smt2`): the file can be re-run with the
/// z3 or cvc5 command-line tools.
std::unique_ptr<Backend> with_smtlib_log(std::unique_ptr<Backend> inner,
                                         std::shared_ptr<smt::TermManager> terms,
                                         const std::string& path);

}  // namespace solver::backend
