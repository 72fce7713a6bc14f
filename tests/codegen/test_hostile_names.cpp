// SPDX-License-Identifier: GPL-2.0
// Text from a model never reaches generated C unescaped: strings (assertion
// messages) and file names may hold anything, and the generated file must
// still be valid C that says exactly what the model says.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "codegen/binding.h"
#include "codegen/c_writer.h"
#include "codegen/kernel_src_emitter.h"
#include "codegen/planner.h"
#include "tests/support/spec_support.h"

namespace irqspec_test {
namespace {

namespace fs = std::filesystem;

TEST(CWriter, StringLiteralsEscapeEverything) {
  EXPECT_EQ(codegen::c_string_literal("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(codegen::c_string_literal("x\ny"), "\"x\\ny\"");
  EXPECT_EQ(codegen::c_string_literal("??/"), "\"\\?\\?/\"");
  EXPECT_EQ(codegen::c_string_literal(std::string("\x01\xff", 2)), "\"\\001\\377\"");
}

TEST(CWriter, CommentsCannotBeClosedFromInside) {
  std::string text = codegen::c_comment_text("end */ int evil; /* again");
  EXPECT_EQ(text.find("*/"), std::string::npos);
  EXPECT_EQ(text.find("/*"), std::string::npos);
}

TEST(CWriter, IdentifiersAreChecked) {
  EXPECT_TRUE(codegen::is_c_identifier("producer_register_returns_ebusy"));
  EXPECT_FALSE(codegen::is_c_identifier("a b"));
  EXPECT_FALSE(codegen::is_c_identifier("1x"));
  EXPECT_FALSE(codegen::is_c_identifier("x;y"));
}

const char* const kHostile = R"irqspec(model hostile;
var x: 0..2 = 0;
event ev(v: 0..2);
actor a {
  input action go(): 0..2 {
    assert x < 2, "*/ system(\"rm -rf /\"); /* \\\" ??/";
    x = x + 1;
    emit ev(x);
    return x;
  }
}
check c { expect asserts violated; }
)irqspec";

TEST(HostileNames, GeneratedCIsValidAndEscaped) {
  fs::path dir = fs::temp_directory_path() / ("irqspec-hostile-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // A model file name that tries to close the header comment.
  std::string model_path = (dir / "evil */ name.irqspec").string();
  write_file(model_path, kHostile);
  std::string binding_path = (dir / "binding.json").string();
  write_file(binding_path, R"json({"model": "hostile", "target": "kernel-src", "check": "c",
    "actions": {"a.go": {"call": "go()"}},
    "events": {"ev": "ev {v}"},
    "assertions": {"asserts": "H_CRASH_ANY"}})json");
  LoadOptions options;
  options.check = "c";
  std::unique_ptr<Loaded> loaded = load(kHostile, options);
  ASSERT_TRUE(loaded->ok()) << loaded->diagnostics_text();
  codegen::Binding binding;
  std::string error;
  ASSERT_TRUE(codegen::Binding::load(binding_path, binding, error)) << error;
  auto model = std::make_shared<const spec::Model>(std::move(*loaded->model));
  EXPECT_TRUE(binding.validate(*model).empty());
  codegen::TestPlan plan = codegen::Planner(model, {}).plan();
  std::vector<codegen::GeneratedFile> files =
      codegen::emit_userspace_steps(plan, binding, {}, model_path);
  ASSERT_FALSE(files.empty());
  const std::string& c = files[0].content;
  // The hostile text may appear only inside comments (closed nowhere but at
  // their end) or escaped inside string literals.
  std::istringstream lines(c);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("system(") == std::string::npos) {
      continue;
    }
    std::string trimmed = line.substr(line.find_first_not_of("\t "));
    bool in_comment = trimmed.rfind("*", 0) == 0 || trimmed.rfind("/*", 0) == 0;
    bool escaped = line.find("system(\\\"rm") != std::string::npos;
    EXPECT_TRUE(in_comment || escaped) << line;
  }
  EXPECT_EQ(c.find("evil */"), std::string::npos) << c;
  // It compiles as C against a harness with the same API.
  std::string header = std::string(IRQSPEC_SOURCE_DIR) + "/conformance/kernel-src";
  std::string common = std::string(IRQSPEC_SOURCE_DIR) + "/conformance/common";
  fs::path source = dir / "t.c";
  std::ofstream(source) << "int go(void);\n" << c;
  std::string cmd = "gcc -fsyntax-only -Wall -Werror -I '" + header + "' -I '" + common + "' '" +
                    source.string() + "' 2>'" + (dir / "cc.log").string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << read_file((dir / "cc.log").string()) << c;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace irqspec_test
