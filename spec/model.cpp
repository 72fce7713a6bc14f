// SPDX-License-Identifier: GPL-2.0
#include "spec/model.h"

namespace spec {

const Expr* Model::make(Expr e) {
  exprs_->push_back(std::move(e));
  return &exprs_->back();
}

int Model::find_obligation(const std::string& n) const {
  for (std::size_t i = 0; i < obligations.size(); ++i) {
    if (obligations[i].name == n) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

const char* to_string(ObligationKind kind) {
  switch (kind) {
    case ObligationKind::Invariant:
      return "invariant";
    case ObligationKind::Property:
      return "property";
    case ObligationKind::Assert:
      return "assert";
  }
  return "?";
}

const char* to_string(Expectation e) {
  return e == Expectation::Holds ? "holds" : "violated";
}

}  // namespace spec
