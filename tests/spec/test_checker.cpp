// SPDX-License-Identifier: GPL-2.0
// The checker: the elaborated IR of every construct (golden file), the facts
// engines rely on (slots, intervals, folding, inlining, monitors, check
// jobs), every static rule through the files in tests/data/bad/check_*.irqspec,
// and constant overrides.

#include <gtest/gtest.h>

#include "tests/spec/model_dump.h"
#include "tests/support/spec_support.h"

namespace irqspec_test {
namespace {

using spec::ExprKind;

std::unique_ptr<Loaded> good(const std::string& text, const LoadOptions& options = {}) {
  std::unique_ptr<Loaded> l = load(text, options);
  EXPECT_EQ(l->diagnostics_text(), "");
  EXPECT_TRUE(l->model.has_value());
  return l;
}

const spec::Obligation& obligation(const spec::Model& m, const std::string& name) {
  int i = m.find_obligation(name);
  EXPECT_GE(i, 0) << name;
  return m.obligations[std::max(i, 0)];
}

/// The formula of an invariant, as an S-expression.
std::string formula(const Loaded& l, const std::string& name) {
  return dump_ir(*l.model, obligation(*l.model, name).formula);
}

bool contains_kind(const spec::Expr* e, ExprKind k) {
  if (e == nullptr) {
    return false;
  }
  if (e->kind == k) {
    return true;
  }
  for (const spec::Expr* kid : e->kids) {
    if (contains_kind(kid, k)) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- golden file

TEST(CheckerGolden, EveryConstructElaboratesToTheGoldenModel) {
  std::unique_ptr<Loaded> l = load(read_file(data_dir() + "/good/everything.irqspec"));
  ASSERT_EQ(l->diagnostics_text(), "");
  ASSERT_TRUE(l->model.has_value());
  std::string dump = dump_model(*l->model);
  for (const spec::Model& m : l->check_models) {
    dump += "\n== check " + m.check.name + "\n";
    for (const auto& [name, value] : m.constants) {
      dump += "const " + name + " = " + value + "\n";
    }
    std::string full = dump_model(m);
    dump += full.substr(full.rfind("check "));
  }
  std::string golden = data_dir() + "/good/everything.model";
  if (update_golden()) {
    write_file(golden, dump);
  }
  EXPECT_EQ(dump, read_file(golden)) << "regenerate with IRQSPEC_UPDATE_GOLDEN=1 if intended";
}

// ---------------------------------------------------------- elaboration facts

TEST(Checker, EnumMembersKeepTheirCValues) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nenum Ret { OK, EPERM = 1, EBUSY = -16, E2, E3 = 2 * 5, E4 }\nvar r: Ret;\n"
      "actor a { input action go() { r = E2; } }\n");
  const spec::EnumInfo& e = l->model->types->enum_info(0);
  EXPECT_EQ(e.members, (std::vector<std::string>{"OK", "EPERM", "EBUSY", "E2", "E3", "E4"}));
  EXPECT_EQ(e.c_values, (std::vector<spec::Value>{0, 1, -16, -15, 10, 11}));
  // Internally a member is its ordinal.
  EXPECT_EQ(l->model->vars[0].type->lo, 0);
  EXPECT_EQ(l->model->vars[0].type->hi, 5);
}

TEST(Checker, NestedArraysAreRowMajorWithTheOuterIndexFirst) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nenum E { A, B, C }\ntype Row = bool[E];\nvar g: bool[0..1][E] = true;\n"
      "var h: Row[1..2];\nvar i: -1..1[bool];\nactor a { input action go() { g[1][B] = false; } "
      "}\n");
  std::vector<std::string> names;
  for (const spec::Slot& s : l->model->slots) {
    names.push_back(s.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"g[0][A]", "g[0][B]", "g[0][C]", "g[1][A]", "g[1][B]",
                                             "g[1][C]", "h[1][A]", "h[1][B]", "h[1][C]", "h[2][A]",
                                             "h[2][B]", "h[2][C]", "i[false]", "i[true]"}));
  EXPECT_EQ(l->model->types->name(l->model->vars[0].type), "bool[0..1][E]");
  EXPECT_EQ(l->model->types->name(l->model->vars[1].type), "bool[1..2][E]");
  EXPECT_EQ(l->model->vars[1].first_slot, 6);
  // A constant index becomes a plain slot: g[1][B] is slot 4.
  const spec::Stmt& assign = l->model->actions[0].body[0];
  EXPECT_TRUE(assign.target.indices.size() == 2);
  // The scalar initializer applies to every element; `h` has none.
  EXPECT_NE(l->model->vars[0].init, nullptr);
  EXPECT_EQ(l->model->vars[1].init, nullptr);
}

TEST(Checker, ConstantsFoldWithCSemantics) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nconst N = 7;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n"
      "invariant d: -N / 2 == -3 && N / -2 == -3 && -N % 2 == -1 && N % -2 == 1;\n"
      "invariant e: (N > 3 ? N : 3) * 2 == 14 && 0x10 == 16 && (true <-> !false);\n"
      "invariant f: x || N == 7;\n");
  EXPECT_EQ(formula(*l, "d"), "true");
  EXPECT_EQ(formula(*l, "e"), "true");
  // `x || true` is not folded (only operators on literals are), but N is.
  EXPECT_EQ(formula(*l, "f"), "(|| x true)");
}

TEST(Checker, IntegerExpressionsCarryTheirStaticInterval) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nvar x: 0..3;\nvar y: -2..5;\nactor a { input action go() { x = 0; } }\n"
      "invariant add: x + y >= 0;\ninvariant sub: x - y >= 0;\ninvariant mul: x * y >= 0;\n"
      "invariant div: y / (x + 1) >= 0;\ninvariant mod: y % (x + 1) >= 0;\n"
      "invariant neg: -y >= 0;\ninvariant ite: (x > 1 ? x : y) >= 0;\n"
      "invariant cnt: (count i: 0..3. i < x) >= 0;\n"
      "invariant sum: (count i: 0..3, j: bool. j) >= 0;\n");
  EXPECT_EQ(formula(*l, "add"), "(>= (+ x y):-2..8 0)");
  EXPECT_EQ(formula(*l, "sub"), "(>= (- x y):-5..5 0)");
  EXPECT_EQ(formula(*l, "mul"), "(>= (* x y):-6..15 0)");
  EXPECT_EQ(formula(*l, "div"), "(>= (/ y (+ x 1):1..4):-2..5 0)");
  EXPECT_EQ(formula(*l, "mod"), "(>= (% y (+ x 1):1..4):-2..3 0)");
  EXPECT_EQ(formula(*l, "neg"), "(>= (- y):-5..2 0)");
  EXPECT_EQ(formula(*l, "ite"), "(>= (?: (> x 1) x y):-2..5 0)");
  EXPECT_EQ(formula(*l, "cnt"), "(>= (count $0:0..3 (< $0 x)):0..4 0)");
  EXPECT_EQ(formula(*l, "sum"), "(>= (sum $0:0..3 (count $1:bool $1):0..2):0..8 0)");
}

TEST(Checker, FunctionsAreInlinedWithRangeChecksOnArgumentsAndResults) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nvar x: 0..7;\nfn inc(v: 0..3): 0..3 = v + 1;\nfn big(v: 0..3): bool = v > 2;\n"
      "actor a { input action go() { x = inc(x); } }\ninvariant i: big(1) || big(x);\n");
  // Constant argument: folded away entirely; x is checked against 0..3 on
  // the way in, and v + 1 (1..4) against 0..3 on the way out.
  EXPECT_EQ(formula(*l, "i"),
            "(|| false (> (check 0..3 x \"argument 'v' of 'big' is out of range 0..3\") 2))");
  const spec::Stmt& s = l->model->actions[0].body[0];
  EXPECT_EQ(dump_ir(*l->model, s.value),
            "(check 0..3 (+ (check 0..3 x \"argument 'v' of 'inc' is out of range 0..3\") "
            "1):1..4 \"the result of 'inc' is out of range 0..3\")");
  // Each of them can fail at run time, so the model has an `asserts` obligation.
  EXPECT_GE(l->model->runtime_obligation, 0);
}

TEST(Checker, RangeChecksOnlyWhereTheIntervalDoesNotFit) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nvar x: 0..3;\nvar y: 0..7;\nevent e(v: 0..3);\n"
      "actor a { input action go(): 0..3 { y = x; x = y; emit e(x); emit e(y); return y; } "
      "}\n");
  const auto& body = l->model->actions[0].body;
  EXPECT_EQ(body[0].value->kind, ExprKind::StateVar);    // 0..3 into 0..7
  EXPECT_EQ(body[1].value->kind, ExprKind::RangeCheck);  // 0..7 into 0..3
  EXPECT_EQ(body[1].value->message, "the value assigned to 'x' is out of range 0..3");
  EXPECT_EQ(body[2].args[0]->kind, ExprKind::StateVar);
  EXPECT_EQ(body[3].args[0]->kind, ExprKind::RangeCheck);
  EXPECT_EQ(body[3].args[0]->message, "argument 'v' of event 'e' is out of range 0..3");
  EXPECT_EQ(body[4].value->kind, ExprKind::RangeCheck);
  EXPECT_EQ(body[4].value->message, "the result of 'go' is out of range 0..3");
}

TEST(Checker, RuntimeObligationExistsOnlyWhenSomethingCanFail) {
  std::unique_ptr<Loaded> safe =
      good("model m;\nvar x: 0..3;\nactor a { input action go() { x = (x + 1) % 4; } }\n");
  EXPECT_EQ(safe->model->runtime_obligation, -1);
  std::unique_ptr<Loaded> div =
      good("model m;\nvar x: 0..3;\nactor a { input action go() { x = 3 / x; } }\n");
  ASSERT_GE(div->model->runtime_obligation, 0);
  EXPECT_EQ(div->model->obligations[div->model->runtime_obligation].name, "asserts");
  std::unique_ptr<Loaded> unlabelled =
      good("model m;\nvar x: 0..3;\nactor a { input action go() { assert x < 3; x = 3 - x; } }\n");
  EXPECT_GE(unlabelled->model->runtime_obligation, 0);
  const spec::Stmt& a = unlabelled->model->actions[0].body[0];
  EXPECT_EQ(a.obligation, unlabelled->model->runtime_obligation);
  EXPECT_EQ(a.message, "assertion failed: x < 3");
  // Labelled assertions are obligations of their own, always verified.
  std::unique_ptr<Loaded> labelled = good(
      "model m;\nvar x: 0..3;\nactor a { input action go() { assert small: x < 3, \"too big\"; "
      "x = 3 - x; } }\ninvariant i: x >= 0;\ncheck c { expect i holds; }\n");
  EXPECT_EQ(labelled->model->runtime_obligation, -1);
  const spec::Obligation& small = obligation(*labelled->model, "small");
  EXPECT_EQ(small.kind, spec::ObligationKind::Assert);
  ASSERT_EQ(labelled->check_models.size(), 1u);
  const spec::Check& c = labelled->check_models[0].check;
  ASSERT_EQ(c.expects.size(), 2u);
  EXPECT_EQ(labelled->check_models[0].obligations[c.expects[0].obligation].name, "i");
  EXPECT_EQ(labelled->check_models[0].obligations[c.expects[1].obligation].name, "small");
}

TEST(Checker, PastTimeOperatorsBecomeMonitorsOperandsFirst) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nvar x: bool;\nvar y: bool;\nactor a { input action go() { x = !x; } }\n"
      "property p: always prev (once x) -> (y since historically x);\n");
  const spec::Obligation& p = obligation(*l->model, "p");
  ASSERT_EQ(p.monitors.size(), 4u);
  EXPECT_EQ(p.monitors[0].kind, ExprKind::Once);
  EXPECT_EQ(p.monitors[1].kind, ExprKind::Prev);
  EXPECT_EQ(p.monitors[2].kind, ExprKind::Historically);
  EXPECT_EQ(p.monitors[3].kind, ExprKind::Since);
  EXPECT_FALSE(p.uses_step);
  EXPECT_EQ(formula(*l, "p"), "(-> (prev#1 (once#0 x)) (since#3 y (historically#2 x)))");
}

TEST(Checker, QuantifiersOverPastTimeOperatorsAreExpanded) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nvar t: bool[0..2];\nactor a { input action go(s: 0..2) { t[s] = true; } }\n"
      "property p: always forall s: 0..2. t[s] -> once did go(s);\n"
      "property q: always (count s: 0..1. once t[s]) <= 2;\n"
      "property r: always exists s: 0..2. t[s];\n");
  const spec::Obligation& p = obligation(*l->model, "p");
  EXPECT_EQ(p.monitors.size(), 3u);
  EXPECT_TRUE(p.uses_step);
  EXPECT_EQ(formula(*l, "p"),
            "(&& (&& (-> t[0] (once#0 (did a.go (0)))) (-> t[1] (once#1 (did a.go (1))))) (-> "
            "t[2] (once#2 (did a.go (2)))))");
  EXPECT_EQ(formula(*l, "q"),
            "(<= (+ (?: (once#0 t[0]) 1 0):0..1 (?: (once#1 t[1]) 1 0):0..1):0..2 2)");
  // Without past-time operators a quantifier stays a loop.
  EXPECT_EQ(formula(*l, "r"), "(exists $0:0..2 t[$0])");
  EXPECT_FALSE(obligation(*l->model, "r").needs_monitors());
}

TEST(Checker, StepAtomsResolveActionsAndEvents) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nenum Ret { OK, EBUSY }\nvar x: bool;\nevent ev(v: 0..3, w: bool);\n"
      "actor host { input action go(p: 0..3): Ret { emit ev(p, x); return OK; } }\n"
      "actor guest { internal action tick() { x = !x; } }\n"
      "property p: always happens ev(_, true) || did tick || did host.go(2) || returned EBUSY "
      "|| happens ev;\n");
  EXPECT_EQ(formula(*l, "p"),
            "(|| (|| (|| (|| (happens ev (_ true)) (did guest.tick)) (did host.go (2))) "
            "(returned EBUSY)) (happens ev))");
  EXPECT_TRUE(obligation(*l->model, "p").uses_step);
  EXPECT_FALSE(l->model->actions[1].input);
}

TEST(Checker, ImplicitJobExpectsEverythingToHold) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nvar x: 0..3;\nactor a { input action go() { x = x + 1; } }\n"
      "invariant i: x < 3;\nproperty p: always x >= 0;\n");
  const spec::Check& c = l->model->check;
  EXPECT_EQ(c.name, "default");
  EXPECT_FALSE(c.depth.has_value());
  ASSERT_EQ(c.expects.size(), 3u);  // i, p, asserts
  for (const spec::Expect& e : c.expects) {
    EXPECT_EQ(e.expected, spec::Expectation::Holds);
  }
}

TEST(Checker, CheckBlocksSelectObligationsAndSetConstants) {
  std::unique_ptr<Loaded> l = good(
      "model m;\nconst FAST = false;\nconst N: 1..5 = 2;\nenum Mode { A, B }\nconst MODE = A;\n"
      "var x: 0..N;\nactor a { input action go() when FAST || MODE == B { x = N; } }\n"
      "invariant i: x < N;\nproperty p: always x >= 0;\n"
      "check quick { set FAST = true; set N = 4; depth 3; expect i violated; }\n"
      "check modes { set MODE = B; expect all holds; expect i violated; }\n");
  ASSERT_EQ(l->check_models.size(), 2u);
  const spec::Model& quick = l->check_models[0];
  EXPECT_EQ(quick.check.name, "quick");
  EXPECT_EQ(quick.check.depth, 3);
  ASSERT_EQ(quick.check.expects.size(), 1u);  // only i: no `all`, no assertion
  EXPECT_EQ(quick.check.expects[0].expected, spec::Expectation::Violated);
  EXPECT_EQ(quick.types->name(quick.vars[0].type), "0..4");
  EXPECT_EQ(quick.constants, (std::vector<std::pair<std::string, std::string>>{
                                 {"FAST", "true"}, {"N", "4"}, {"MODE", "A"}}));
  const spec::Model& modes = l->check_models[1];
  ASSERT_EQ(modes.check.expects.size(), 2u);
  EXPECT_EQ(modes.obligations[modes.check.expects[0].obligation].name, "i");
  EXPECT_EQ(modes.check.expects[0].expected, spec::Expectation::Violated);
  EXPECT_EQ(modes.check.expects[1].expected, spec::Expectation::Holds);
  EXPECT_EQ(modes.constants[2].second, "B");
}

TEST(Checker, CommandLineSettingsWinOverCheckBlocks) {
  const std::string text =
      "model m;\nconst N = 2;\nconst ON = true;\nenum Mode { A, B }\nconst MODE = A;\n"
      "var x: 0..N;\nactor a { input action go() when ON { x = N; } }\n"
      "check c { set N = 3; }\n";
  LoadOptions options;
  options.settings = {{"N", "1"}, {"ON", "false"}, {"MODE", "B"}};
  std::unique_ptr<Loaded> l = good(text, options);
  EXPECT_EQ(l->model->types->name(l->model->vars[0].type), "0..1");
  ASSERT_EQ(l->check_models.size(), 1u);
  EXPECT_EQ(l->check_models[0].types->name(l->check_models[0].vars[0].type), "0..1");
  EXPECT_EQ(l->check_models[0].constants, (std::vector<std::pair<std::string, std::string>>{
                                              {"N", "1"}, {"ON", "false"}, {"MODE", "B"}}));
  // Negative numbers are integers too.
  options.settings = {{"N", "-1"}};
  std::unique_ptr<Loaded> neg = load(text, options);
  EXPECT_EQ(neg->diagnostics(), std::vector<std::string>{"6:8: error: empty range 0..-1"});
}

TEST(Checker, SettingsDoNotDependOnTheirOrder) {
  // B's setting uses A, set after it in the check and on the command line;
  // an enum's C value uses K: every setting is in place before any
  // constant is evaluated (once language.md §23's known deviation).
  const std::string text =
      "model m;\nconst A = 1;\nconst B = 0;\nconst K = 1;\nenum E { X = K, Y }\n"
      "var x: 0..B;\nactor a { input action go() { x = 0; } }\n"
      "check c { set B = A + 1; set A = 3; }\n";
  std::unique_ptr<Loaded> l = good(text, LoadOptions{});
  ASSERT_EQ(l->check_models.size(), 1u);
  EXPECT_EQ(l->check_models[0].types->name(l->check_models[0].vars[0].type), "0..4");
  LoadOptions cli;
  cli.settings = {{"A", "7"}, {"K", "5"}};
  std::unique_ptr<Loaded> c = good(text, cli);
  EXPECT_EQ(c->check_models[0].types->name(c->check_models[0].vars[0].type), "0..8");
  EXPECT_EQ(c->model->types->enum_info(0).c_values, (std::vector<spec::Value>{5, 6}));
}

TEST(Checker, SettingsAreCheckedAgainstTheConstantsKind) {
  const std::string text =
      "model m;\nconst N: 0..3 = 2;\nconst ON = true;\nvar x: 0..N;\n"
      "actor a { input action go() when ON { x = N; } }\n";
  auto diagnostics = [&](std::vector<spec::ConstSetting> s) {
    LoadOptions options;
    options.settings = std::move(s);
    return load(text, options)->diagnostics();
  };
  EXPECT_EQ(diagnostics({{"N", "true"}}),
            std::vector<std::string>{"2:7: error: constant 'N' is declared 0..3 but its value is "
                                     "bool"});
  EXPECT_EQ(diagnostics({{"N", "4"}}),
            std::vector<std::string>{"2:7: error: value 4 of constant 'N' is outside 0..3"});
  EXPECT_EQ(diagnostics({{"ON", "1"}}),
            std::vector<std::string>{
                "3:7: error: constant 'ON' is a bool; it cannot be set to an integer"});
  EXPECT_EQ(diagnostics({{"ON", ""}}),
            std::vector<std::string>{"error: --set ON=: the value must be an integer, true, "
                                     "false or an enum member"});
  EXPECT_EQ(diagnostics({{"x", "1"}}),
            std::vector<std::string>{"error: --set x: the model has no constant named 'x'"});
}

TEST(Checker, DiagnosticsInFunctionsAreReportedOnce) {
  std::unique_ptr<Loaded> l = load(
      "model m;\nfn f(): bool = nope;\nvar x: bool;\n"
      "actor a { input action go() when f() && f() { x = f(); } }\ninvariant i: f();\n");
  EXPECT_EQ(l->diagnostics(), std::vector<std::string>{"2:16: error: unknown name 'nope'"});
  EXPECT_FALSE(l->ok());
}

TEST(Checker, ExpressionsNestedTooDeeplyAfterInlining) {
  // Each function adds a level when it is inlined; constants likewise.
  std::string fns = "model m;\nfn f0(v: bool): bool = v;\n";
  for (int i = 1; i < 1010; ++i) {
    fns += "fn f" + std::to_string(i) + "(v: bool): bool = f" + std::to_string(i - 1) + "(v);\n";
  }
  fns += "var x: bool;\nactor a { input action go() { x = f1009(x); } }\n";
  std::vector<std::string> d = load(fns)->diagnostics();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].find("expression nested too deeply (more than 1000 levels, counting inlined "
                      "functions and constants)"),
            std::string::npos)
      << d[0];
  std::string consts = "model m;\n";
  for (int i = 0; i < 1010; ++i) {
    consts += "const c" + std::to_string(i) + " = c" + std::to_string(i + 1) + ";\n";
  }
  consts += "const c1010 = 1;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n";
  d = load(consts)->diagnostics();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].find("expression nested too deeply"), std::string::npos) << d[0];
  // 500 levels are fine.
  std::string ok = "model m;\nfn f0(v: bool): bool = v;\n";
  for (int i = 1; i < 500; ++i) {
    ok += "fn f" + std::to_string(i) + "(v: bool): bool = f" + std::to_string(i - 1) + "(v);\n";
  }
  ok += "var x: bool;\nactor a { input action go() { x = f499(x); } }\n";
  EXPECT_EQ(load(ok)->diagnostics_text(), "");
}

TEST(Checker, TooManyNodesAfterExpansion) {
  // Each function doubles the size of its caller's inlined body.
  std::string text = "model m;\nvar x: 0..1;\nfn f0(v: 0..1): 0..1 = v;\n";
  for (int i = 1; i <= 24; ++i) {
    text += "fn f" + std::to_string(i) + "(v: 0..1): 0..1 = f" + std::to_string(i - 1) + "(v) * f" +
            std::to_string(i - 1) + "(v);\n";
  }
  text += "actor a { input action go() { x = f24(x); } }\n";
  std::vector<std::string> d = load(text)->diagnostics();
  ASSERT_FALSE(d.empty());
  EXPECT_NE(d.back().find("the model is too large after inlining functions and expanding "
                          "quantifiers"),
            std::string::npos)
      << d.back();
}

// ----------------------------------------------------------- files in bad/

class CheckerErrors : public ::testing::TestWithParam<std::string> {};

TEST_P(CheckerErrors, ReportsExactlyTheExpectedDiagnostics) {
  expect_diagnostics_of(GetParam());
}

std::vector<std::string> checker_files() {
  std::vector<std::string> out;
  for (const std::string& f : files_in(data_dir() + "/bad", ".irqspec")) {
    if (std::filesystem::path(f).filename().string().rfind("check_", 0) == 0) {
      out.push_back(f);
    }
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(BadFiles, CheckerErrors, ::testing::ValuesIn(checker_files()), file_stem);

TEST(CheckerErrorFiles, ThereAreEnough) {
  EXPECT_GE(checker_files().size(), 15u);
}

TEST(CheckerErrorFiles, EveryBadFileIsEitherSyntaxOrCheck) {
  for (const std::string& f : files_in(data_dir() + "/bad", ".irqspec")) {
    std::string name = std::filesystem::path(f).filename().string();
    EXPECT_TRUE(name.rfind("check_", 0) == 0 || name.rfind("syntax_", 0) == 0) << name;
  }
}

}  // namespace
}  // namespace irqspec_test
