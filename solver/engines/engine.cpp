// SPDX-License-Identifier: GPL-2.0
#include "solver/engines/engine.h"

#include <stdexcept>

#include "solver/engines/bmc.h"
#include "solver/engines/explicit.h"
#include "solver/engines/invariant_search.h"
#include "solver/engines/kinduction.h"
#include "solver/engines/portfolio.h"

namespace solver {

const char* to_string(EngineKind k) {
  switch (k) {
    case EngineKind::Auto:
      return "auto";
    case EngineKind::Explicit:
      return "explicit";
    case EngineKind::Bmc:
      return "bmc";
    case EngineKind::KInduction:
      return "kind";
    case EngineKind::Chc:
      return "chc";
    case EngineKind::Pdr:
      return "pdr";
  }
  return "?";
}

const std::vector<EngineKind>& engine_kinds() {
  static const std::vector<EngineKind> all{EngineKind::Auto, EngineKind::Explicit,
                                           EngineKind::Bmc,  EngineKind::KInduction,
                                           EngineKind::Chc,  EngineKind::Pdr};
  return all;
}

std::optional<EngineKind> parse_engine_kind(std::string_view name) {
  for (EngineKind k : engine_kinds()) {
    if (name == to_string(k)) {
      return k;
    }
  }
  return std::nullopt;
}

bool uses_lemmas(EngineKind k) {
  return k == EngineKind::KInduction || k == EngineKind::Auto || k == EngineKind::Pdr;
}

std::unique_ptr<backend::Backend> open_solver(const EngineOptions& options,
                                              const TransitionSystem& ts, const std::string& role) {
  auto b = backend::make_backend(options.solver, ts.terms);
  if (b == nullptr) {
    throw std::runtime_error("solver '" + options.solver + "' is not in this build");
  }
  if (!options.dump_prefix.empty()) {
    b = backend::with_smtlib_log(std::move(b), ts.terms,
                                 options.dump_prefix + "-" + role + ".smt2");
  }
  return b;
}

std::string engine_label(EngineKind kind, const EngineOptions& options) {
  if (kind == EngineKind::Pdr) {
    return "pdr/abc";
  }
  return std::string(to_string(kind)) + "/" + options.solver;
}

std::unique_ptr<Engine> make_engine(EngineKind kind, const spec::Model& model,
                                    const TransitionSystem& ts, const EngineOptions& options) {
  switch (kind) {
    case EngineKind::Auto:
      return std::make_unique<PortfolioEngine>(model, ts, options);
    case EngineKind::Explicit:
      return std::make_unique<ExplicitSearch>(model, ts, options);
    case EngineKind::Bmc:
      return std::make_unique<Bmc>(model, ts, options);
    case EngineKind::KInduction:
      return std::make_unique<KInduction>(model, ts, options);
    case EngineKind::Chc:
      return std::make_unique<InvariantSearch>(model, ts, options);
    case EngineKind::Pdr:
      return std::make_unique<InvariantSearch>(model, ts, options, Prover::AbcPdr);
  }
  return nullptr;
}

}  // namespace solver
