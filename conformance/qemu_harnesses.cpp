// SPDX-License-Identifier: GPL-2.0
#include "conformance/qemu_harnesses.h"

namespace conformance {

std::string qemu_refusal(codegen::SuiteTarget target, codegen::Emitter emitter,
                         const std::string& harness, const std::string& arch) {
  codegen::Emitter usual = codegen::default_emitter(target);
  std::string usual_harness = codegen::default_harness(target, usual, arch).value_or("");
  if (emitter == usual && harness == usual_harness) {
    return "";
  }
  return std::string("a ") + codegen::to_string(emitter) + " suite of " + harness +
         "; the qemu target runs the " + codegen::to_string(target) + " suites of " +
         usual_harness + " only";
}

}  // namespace conformance
