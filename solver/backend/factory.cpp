// SPDX-License-Identifier: GPL-2.0
#include "solver/backend/backend.h"

namespace solver::backend {

std::unique_ptr<Backend> make_z3_backend(std::shared_ptr<smt::TermManager> terms);
#ifdef IRQSPEC_WITH_CVC5
std::unique_ptr<Backend> make_cvc5_backend(std::shared_ptr<smt::TermManager> terms);
#endif

std::vector<std::string> available_solvers() {
#ifdef IRQSPEC_WITH_CVC5
  return {"z3", "cvc5"};
#else
  return {"z3"};
#endif
}

std::unique_ptr<Backend> make_backend(const std::string& name,
                                      std::shared_ptr<smt::TermManager> terms) {
  if (name == "z3") {
    return make_z3_backend(std::move(terms));
  }
#ifdef IRQSPEC_WITH_CVC5
  if (name == "cvc5") {
    return make_cvc5_backend(std::move(terms));
  }
#endif
  return nullptr;
}

}  // namespace solver::backend
