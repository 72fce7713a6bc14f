// SPDX-License-Identifier: GPL-2.0
// A binding read and used by the library: every field and its default,
// what validate() finds wrong for a model, the C text of a call and the log
// line of an event, the observations, and the error for each kind of bad
// file (with the line of a field whose value no binding can have). The
// command-line side is tests/tools/test_binding_emitter.cpp.

#include <gtest/gtest.h>

#include "codegen/binding.h"
#include "tests/support/cli_support.h"

namespace irqspec_test {
namespace {

const char* const kModel =
    "model dev;\nenum Mode { OFF, ON = 5 }\nconst MAX = 3;\nvar x: 0..3 = 0;\n"
    "event moved(to: 0..3, m: Mode);\n"
    "actor d {\n"
    "  input action put(v: 0..3, m: Mode) { x = v; emit moved(v, m); }\n"
    "  internal action settle() { assert sane: x <= MAX; x = 0; }\n"
    "}\n";

const char* const kBinding = R"json({
  "model": "dev",
  "target": "kernel-src",
  "schedule": "internal-first",
  "variants": { "only": { "kernels": ">= 6.1", "why": "since 6.1" } },
  "actions": {
    "d.put": { "call": "h_put({v}, {m}, {MAX})",
               "args": { "v": { "1": "ONE", "*": "N({value})" } } },
    "d.settle": { "call": "" }
  },
  "events": {
    "moved": { "line": "moved to={to} mode={m}", "args": { "m": { "ON": "on" } } }
  },
  "observe": { "x": "h_x()", "slot[{i}]": "h_slot({i})" },
  "assertions": { "sane": "h_sane_failed" }
}
)json";

class Binding : public CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    // Every binding of a test is this one file: known before it is written.
    path = (dir_ / "dev.kernel-src.json").string();
    loaded = load(kModel);
    ASSERT_TRUE(loaded->ok()) << loaded->diagnostics_text();
  }
  /// Loads `text` as a binding file; the error when it is refused.
  std::string load_binding(const std::string& text, codegen::Binding& b) {
    file("dev.kernel-src.json", text);
    std::string error;
    bool loaded_ok = codegen::Binding::load(path, b, error);
    EXPECT_EQ(loaded_ok, error.empty()) << error;
    return error;
  }
  codegen::Binding good() {
    codegen::Binding b;
    EXPECT_EQ(load_binding(kBinding, b), "");
    return b;
  }
  /// The error for kBinding with `from` replaced by `to`.
  std::string error_with(const std::string& from, const std::string& to) {
    std::string text = kBinding;
    std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    codegen::Binding b;
    return load_binding(at == std::string::npos ? text : text.replace(at, from.size(), to), b);
  }
  const spec::Model& model() const { return *loaded->model; }

  std::unique_ptr<Loaded> loaded;
  std::string path;
};

TEST_F(Binding, ReadsEveryFieldAndTheDefaults) {
  codegen::Binding b = good();
  EXPECT_EQ(b.path, path);
  EXPECT_EQ(b.model, "dev");
  EXPECT_EQ(b.target, "kernel-src");
  EXPECT_EQ(b.check, "only") << "the first variant is the default check";
  EXPECT_EQ(b.header, "harness.h");
  EXPECT_EQ(b.emitter, codegen::Emitter::Steps);
  EXPECT_TRUE(b.internal_first);
  EXPECT_EQ(b.harness_for(b.variants.at("only")), "conformance/kernel-src");
  EXPECT_EQ(b.variants.at("only").why, "since 6.1");
  EXPECT_EQ(b.actions.at("d.put").args.at("v").at("*"), "N({value})");
  EXPECT_EQ(b.events.at("moved"), "moved to={to} mode={m}");
  EXPECT_EQ(b.assertions.at("sane"), "h_sane_failed");
  EXPECT_TRUE(b.validate(model()).empty()) << b.validate(model()).front();
}

TEST_F(Binding, ACallIsWrittenWithItsArgumentsMapsAndConstants) {
  codegen::Binding b = good();
  const int put = 0;  // actions are numbered in source order
  // v = 1 has its own text, other values the "*" one; ON is written by its
  // C value (5), MAX by its value.
  EXPECT_EQ(b.call(model(), put, {1, 1}), "h_put(ONE, 5, 3)");
  EXPECT_EQ(b.call(model(), put, {2, 0}), "h_put(N(2), 0, 3)");
}

TEST_F(Binding, AnEventLineUsesItsArgumentsMapAndDefaultValues) {
  codegen::Binding b = good();
  EXPECT_EQ(b.event_line(model(), 0, {2, 1}), "moved to=2 mode=on");
  EXPECT_EQ(b.event_line(model(), 0, {3, 0}), "moved to=3 mode=0");
}

TEST_F(Binding, ObservationsMatchSlotsAndIndexPatterns) {
  codegen::Binding b = good();
  EXPECT_EQ(b.observation("x"), std::optional<std::string>("h_x()"));
  EXPECT_EQ(b.observation("slot[12]"), std::optional<std::string>("h_slot(12)"));
  EXPECT_EQ(b.observation("slot[i]"), std::nullopt) << "not an index";
  EXPECT_EQ(b.observation("y"), std::nullopt);
}

TEST_F(Binding, ValidateNamesWhatDoesNotFitTheModel) {
  codegen::Binding b = good();
  b.model = "other";
  b.actions.erase("d.settle");
  b.actions["d.gone"] = {};
  b.actions["d.put"].call = "h_put({v}, {w})";
  b.events.erase("moved");
  b.assertions["missing"] = "x";
  std::vector<std::string> expected = {
      "the binding is for model 'other', not 'dev'",
      "action d.put: unknown placeholder {w}",
      "no binding for action d.settle",
      "the binding names an action the model does not have: d.gone",
      "no log line for event moved",
      "the binding names an assertion the model does not have: missing",
  };
  EXPECT_EQ(b.validate(model()), expected);
}

TEST_F(Binding, TheDefaultPathIsBesideTheModel) {
  EXPECT_EQ(codegen::Binding::default_path("/a/b/dev.irqspec", "host-kvm"),
            "/a/b/dev.host-kvm.json");
}

TEST_F(Binding, MalformedFilesAreRefusedWithTheFileName) {
  codegen::Binding b;
  std::string error;
  EXPECT_FALSE(codegen::Binding::load((dir_ / "none.json").string(), b, error));
  EXPECT_EQ(error, (dir_ / "none.json").string() + ": cannot open the binding");
  std::string not_json = load_binding("{ \"model\": ", b);
  EXPECT_EQ(not_json.rfind(path + ": ", 0), 0u) << not_json;
  std::string wrong_type = error_with("\"actions\": {", "\"actions\": 3, \"x\": {");
  EXPECT_NE(wrong_type.find("type must be object"), std::string::npos) << wrong_type;
  std::string missing = error_with("\"model\": \"dev\",", "");
  EXPECT_NE(missing.find("'model' not found"), std::string::npos) << missing;
}

TEST_F(Binding, ValuesNoBindingCanHaveAreRefusedWithTheReason) {
  EXPECT_EQ(error_with("internal-first", "sometimes"),
            path + ": \"schedule\" must be \"any\" or \"internal-first\"");
  EXPECT_EQ(
      error_with("\"why\"", "\"expect\": \"holds\", \"why\""),
      path + ": \"expect\" is gone: say which kernels implement the variant with \"kernels\"");
  std::string kernels = error_with(">= 6.1", "soon");
  EXPECT_EQ(kernels.rfind(path + ": \"kernels\": ", 0), 0u) << kernels;
  EXPECT_NE(error_with("\"why\"", "\"arch\": \"riscv\", \"why\"").find("\"arch\" must be"),
            std::string::npos);
}

TEST_F(Binding, AFieldErrorNamesItsLine) {
  // "harness" on line 4 of the file, "emitter" on line 4 too.
  EXPECT_EQ(error_with("\"schedule\": \"internal-first\",", "\"harness\": \"../out\","),
            path +
                ":4: \"harness\" must be a folder of the irqspec tree, relative to its top "
                "(\"conformance/kvm-vfio\"), not \"../out\"");
  std::string emitter =
      error_with("\"schedule\": \"internal-first\",", "\"emitter\": \"kvm-program\",");
  EXPECT_EQ(emitter.rfind(path + ":4: \"emitter\": ", 0), 0u) << emitter;
}

}  // namespace
}  // namespace irqspec_test
