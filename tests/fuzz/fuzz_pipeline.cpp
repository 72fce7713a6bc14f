// SPDX-License-Identifier: GPL-2.0
// libFuzzer target: parse -> check (every check block) -> lower -> a bounded
// explicit exploration. Any crash, hang, leak or sanitizer report is a bug.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "solver/engines/explicit.h"
#include "solver/lowering.h"
#include "spec/checker.h"
#include "spec/parser.h"

namespace {

using Clock = std::chrono::steady_clock;

/// The explorations of one input share 1 s: a model with many check blocks
/// (the library's largest has a dozen) must not make a slow unit.
constexpr double kSecondsPerInput = 1.0;

void explore(const spec::Model& model, Clock::time_point start) {
  double left = kSecondsPerInput - std::chrono::duration<double>(Clock::now() - start).count();
  if (left <= 0.05) {
    return;
  }
  std::vector<int> obligations;
  for (const spec::Expect& e : model.check.expects) {
    obligations.push_back(e.obligation);
  }
  // Lowering builds terms only (no solver): it must accept every model.
  solver::lower(model, obligations);
  solver::Limits limits;
  limits.depth = 5;
  limits.max_states = 2000;
  limits.timeout_seconds = left;
  solver::ExplicitEngine(model, limits).run(obligations);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Clock::time_point start = Clock::now();
  spec::SourceFile source("fuzz.irqspec", std::string(reinterpret_cast<const char*>(data), size));
  spec::Diagnostics diags(source);
  spec::ast::File ast = spec::parse(source, diags);
  for (const spec::Diagnostic& d : diags.all()) {
    diags.render(d);
  }
  if (diags.has_errors()) {
    return 0;
  }
  spec::Checker checker(ast, source, diags);
  std::optional<spec::Model> model = checker.elaborate({}, nullptr);
  if (!model) {
    return 0;
  }
  explore(*model, start);
  for (const spec::ast::CheckDecl* block : checker.check_blocks()) {
    if (std::chrono::duration<double>(Clock::now() - start).count() > kSecondsPerInput) {
      break;  // the remaining blocks elaborate the same declarations
    }
    if (std::optional<spec::Model> m = checker.elaborate({}, block)) {
      explore(*m, start);
    }
  }
  return 0;
}
