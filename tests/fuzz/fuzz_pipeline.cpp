// SPDX-License-Identifier: GPL-2.0
// libFuzzer target: parse -> check (every check block) -> lower -> a bounded
// explicit exploration. Any crash, hang, leak or sanitizer report is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "solver/engines/explicit.h"
#include "solver/lowering.h"
#include "spec/checker.h"
#include "spec/parser.h"

namespace {

void explore(const spec::Model& model) {
  std::vector<int> obligations;
  for (const spec::Expect& e : model.check.expects) {
    obligations.push_back(e.obligation);
  }
  // Lowering builds terms only (no solver): it must accept every model.
  solver::lower(model, obligations);
  solver::Limits limits;
  limits.depth = 5;
  limits.max_states = 2000;
  limits.timeout_seconds = 2;
  solver::ExplicitEngine(model, limits).run(obligations);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
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
  explore(*model);
  for (const spec::ast::CheckDecl* block : checker.check_blocks()) {
    if (std::optional<spec::Model> m = checker.elaborate({}, block)) {
      explore(*m);
    }
  }
  return 0;
}
