// SPDX-License-Identifier: GPL-2.0
// libFuzzer target for the two parsers of untrusted text on the conformance
// side: a binding (JSON, then checked against a model of the library) and a
// KTAP stream (what a kernel, a module or a test program printed). Every
// input goes through both. Any crash, hang, leak or sanitizer report is a bug.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "codegen/binding.h"
#include "conformance/ktap.h"
#include "spec/checker.h"
#include "spec/parser.h"

namespace {

/// models/oneshot_forwarding.irqspec, elaborated once: what a binding is
/// validated against.
const spec::Model* library_model() {
  // The source outlives the model (diagnostics and locations point into it).
  static const std::string text = [] {
    std::ifstream in(std::string(IRQSPEC_SOURCE_DIR) + "/models/oneshot_forwarding.irqspec");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }();
  static spec::SourceFile source("oneshot_forwarding.irqspec", text);
  static spec::Diagnostics diags(source);
  static spec::ast::File ast = spec::parse(source, diags);
  static spec::Checker checker(ast, source, diags);
  static const std::optional<spec::Model> model = checker.elaborate({}, nullptr);
  return model ? &*model : nullptr;
}

void binding(const std::string& text) {
  // Binding::load reads a file, as the tool does.
  static const std::string path = "/tmp/irqspec-fuzz-binding-" + std::to_string(::getpid());
  std::ofstream(path, std::ios::trunc) << text;
  codegen::Binding b;
  std::string error;
  if (codegen::Binding::load(path, b, error) && library_model() != nullptr) {
    b.validate(*library_model());
  }
}

void ktap(const std::string& text) {
  conformance::KtapReport r = conformance::parse_ktap(text);
  (void)(r.passed() + r.failed() + r.skipped());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  binding(text);
  ktap(text);
  return 0;
}
