// SPDX-License-Identifier: GPL-2.0
#pragma once

// Solvers report failures — out of memory above all, but also internal
// errors — as C++ exceptions from any call. A backend runs every call
// through one guard: the first failure is kept, the call does nothing after
// it, and every later check answers Unknown with that reason (the solver's
// state is no longer what the engine built).

#include <exception>
#include <new>
#include <string>

#include "solver/resources.h"

namespace solver::backend {

class FailureGuard {
 public:
  explicit FailureGuard(std::string solver) : solver_(std::move(solver)) {}

  /// Runs `f` unless a call failed before; false if it fails now or did.
  template <typename F>
  bool run(F&& f) noexcept {
    if (!failure_.empty()) {
      return false;
    }
    try {
      f();
      return true;
    } catch (const std::bad_alloc&) {
      failure_ = out_of_memory();
    } catch (const std::exception& e) {
      failure_ = std::string(e.what()) == "out of memory" ? out_of_memory()
                                                          : solver_ + " failed: " + e.what();
    }
    return false;
  }

  bool failed() const { return !failure_.empty(); }

  /// Why a check answered Unknown: the process stopped, a call failed, or
  /// the solver's own reason for the last check.
  std::string reason(const std::string& solver_reason) const {
    if (Resources::process().stopped()) {
      return Resources::process().stop_reason();
    }
    return failure_.empty() ? solver_reason : failure_;
  }

 private:
  std::string out_of_memory() const {
    return "out of memory: " + solver_ + " reached the process's limit of " +
           std::to_string(Resources::process().memory_limit() >> 20) + " MiB (--memory-limit)";
  }

  std::string solver_;
  std::string failure_;
};

}  // namespace solver::backend
