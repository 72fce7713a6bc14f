// SPDX-License-Identifier: GPL-2.0
// The irqspec binary as a user runs it: exit codes 0/1/2/3, usage errors,
// folders as paths, the JSON contract of architecture.md, and the text
// report (summary table, numbered trace).

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/cli_support.h"

namespace irqspec_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using Result = CliResult;
using Cli = CliFixture;

// A counter with a bound: `below_limit` holds, `never_3` is violated after
// three steps, `reaches_5` needs five.
const char* const kCounter = R"(model counter;
const LIMIT = 5;
enum Mode { SLOW, FAST }
var x: 0..7 = 0;
var mode: Mode = SLOW;
event bumped(to: 0..7, fast: bool);
actor user {
  input action inc(by: 1..2): 0..7 when x + by <= LIMIT {
    x = x + by;
    emit bumped(x, mode == FAST);
    return x;
  }
  input action speed(m: Mode) { mode = m; }
}
invariant below_limit: x <= LIMIT;
invariant never_3: x != 3;
invariant not_5: x != 5;
property fast_only_after_speed: always happens bumped(_, true) -> once did speed(FAST);
check holds { expect below_limit holds; expect fast_only_after_speed holds; }
check violations { expect never_3 violated; expect not_5 violated; }
)";

// ---------------------------------------------------------------- exit codes

TEST_F(Cli, ExitZeroWhenEveryExpectationIsMet) {
  std::string m = file("counter.irqspec", kCounter);
  Result r = run({"verify-specs", "--engine", "explicit", m});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("2 checks, 6 met, 0 unmet, 0 inconclusive"), std::string::npos) << r.out;
  // The default engine agrees.
  Result d = run({"verify-specs", m});
  EXPECT_EQ(d.status, 0) << d.out << d.err;
}

TEST_F(Cli, ExitOneForAnUnexpectedViolation) {
  std::string m = file("counter.irqspec", kCounter);
  Result r =
      run({"verify-specs", "--engine", "explicit", "--check", "holds", "--set", "LIMIT=7", m});
  // LIMIT = 7 lets x reach 7 ... which is still below the limit: met.
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  std::string broken = file("broken.irqspec", std::string(kCounter) +
                                                  "invariant below_4: x < 4;\n"
                                                  "check four { expect below_4 holds; }\n");
  r = run({"verify-specs", "--engine", "explicit", "--check", "four", broken});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("UNMET"), std::string::npos);
  EXPECT_NE(r.out.find("violated (UNEXPECTED)"), std::string::npos) << r.out;
}

TEST_F(Cli, ExitOneForAnExpectedViolationThatIsNotFound) {
  std::string m = file("counter.irqspec", kCounter);
  // LIMIT = 2: x never reaches 3 or 5.
  Result r =
      run({"verify-specs", "--engine", "explicit", "--check", "violations", "--set", "LIMIT=2", m});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("was expected to be violated, but proved"), std::string::npos) << r.out;
}

TEST_F(Cli, ExitOneForAFailedAssertion) {
  std::string m = file("assert.irqspec",
                       "model a;\nvar x: 0..3 = 0;\n"
                       "actor u { input action go() when x < 3 { x = x + 1; assert x != 2; } }\n");
  Result r = run({"verify-specs", "--engine", "explicit", m});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAILS: assertion failed: x != 2"), std::string::npos) << r.out;
}

TEST_F(Cli, ExitTwoForBadInput) {
  std::string m = file("bad.irqspec", "model bad;\nvar x: bool\nvar y: bool;\n");
  Result r = run({"verify-specs", m});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, m + ":3:1: error: expected ';', found 'var'\n  var y: bool;\n  ^\n");
  std::string unknown =
      file("unknown.irqspec", "model u;\nvar x: bool;\nactor a { input action go() { x = y; } }\n");
  r = run({"verify-specs", unknown});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, unknown +
                       ":3:35: error: unknown name 'y'\n"
                       "  actor a { input action go() { x = y; } }\n"
                       "                                    ^\n");
}

// Spacer is Z3's: a cvc5 run of it would be labelled chc/z3 and prove
// nothing cvc5 decided.
TEST_F(Cli, ChcWithAnotherSolverIsAUsageError) {
  std::string m = file("counter.irqspec", kCounter);
  for (const char* solver : {"cvc5", "both"}) {
    Result r = run({"verify-specs", "--engine", "chc", "--solver", solver, m});
    EXPECT_EQ(r.status, 2) << solver << r.out << r.err;
    EXPECT_NE(r.err.find("--engine chc proves with Z3's Spacer"), std::string::npos) << r.err;
  }
}

TEST_F(Cli, ExitThreeWhenOnlyBoundedWhereHoldsWasExpected) {
  std::string m = file("counter.irqspec", kCounter);
  Result r = run({"verify-specs", "--engine", "explicit", "--depth", "2", "--check", "holds", m});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("bounded(2)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("INCONCLUSIVE"), std::string::npos);
  EXPECT_NE(r.out.find("depth limit 2 reached"), std::string::npos);
  Result accepted = run({"verify-specs", "--engine", "explicit", "--depth", "2", "--check", "holds",
                         "--accept-bounded", m});
  EXPECT_EQ(accepted.status, 0) << accepted.out << accepted.err;
  // A check's own depth wins over --depth.
  std::string deep =
      file("deep.irqspec",
           std::string(kCounter) + "check deep { depth 20; expect below_limit holds; }\n");
  Result own =
      run({"verify-specs", "--engine", "explicit", "--depth", "2", "--check", "deep", deep});
  EXPECT_EQ(own.status, 0) << own.out << own.err;
}

TEST_F(Cli, BoundedIsNotEnoughForAnExpectedViolation) {
  std::string m = file("counter.irqspec", kCounter);
  // not_5 needs three steps (2 + 2 + 1): depth 2 cannot find it, so the
  // expectation is unmet (1), not inconclusive.
  Result r =
      run({"verify-specs", "--engine", "explicit", "--depth", "2", "--check", "violations", m});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("not_5 bounded(2): depth limit 2 reached"), std::string::npos) << r.out;
}

TEST_F(Cli, ExitThreeOnTimeout) {
  std::string m = file("big.irqspec",
                       "model big;\nvar a: 0..255 = 0;\nvar b: 0..255 = 0;\n"
                       "actor c { input action set(v: 0..255, w: 0..255) { a = v; b = w; } }\n"
                       "invariant fine: a + b >= 0;\n");
  Result r = run({"verify-specs", "--engine", "explicit", "--timeout", "0.000001", m});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("unknown"), std::string::npos) << r.out;
}

TEST_F(Cli, BadInputStopsBeforeAnyCheck) {
  std::string good = file("a/good.irqspec", std::string(kCounter) +
                                                "invariant below_4: x < 4;\n"
                                                "check four { expect below_4 holds; }\n");
  std::string bad = file("a/bad.irqspec", "model bad;\n");
  Result r = run({"verify-specs", "--engine", "explicit", (dir_ / "a").string()});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("bad.irqspec:1:1: error: the model has no actions"), std::string::npos)
      << r.err;
  // Known before any work starts: nothing is verified (issue 17), so the
  // user does not wait for checks whose run ends in exit 2 anyway.
  EXPECT_EQ(r.out.find("good.irqspec: model counter"), std::string::npos) << r.out;
}

// ---------------------------------------------------------------- usage errors

TEST_F(Cli, UsageErrorsExitTwo) {
  std::string m = file("counter.irqspec", kCounter);
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"verify-specs", "--frobnicate", m}, "--frobnicate"},
      {{"verify-specs", "--set", "LIMIT", m}, "irqspec: error: --set LIMIT: expected NAME=VALUE"},
      {{"verify-specs", "--set", "=3", m}, "irqspec: error: --set =3: expected NAME=VALUE"},
      {{"verify-specs", "--set", "LIMIT=", m}, "irqspec: error: --set LIMIT=: expected NAME=VALUE"},
      {{"verify-specs", "--set", "NOPE=1", m},
       "irqspec: error: --set NOPE: no model has a constant named 'NOPE'"},
      {{"verify-specs", "--set", "LIMIT=true", m},
       "error: constant 'LIMIT' is an integer; it cannot be set to a bool"},
      {{"verify-specs", "--set", "LIMIT=banana", m},
       "--set LIMIT=banana: the value must be an integer, true, false or an enum member"},
      {{"verify-specs", "--check", "nope", m},
       "irqspec: error: --check nope: no model has a check named 'nope'"},
      {{"verify-specs", "--engine", "magic", m}, "--engine"},
      {{"verify-specs", "--depth", "-1", m}, "--depth"},
      {{"verify-specs", "--format", "xml", m}, "--format"},
      {{"verify-specs", (dir_ / "missing.irqspec").string()},
       (dir_ / "missing.irqspec").string() + ": error: no such file or folder"},
      {{}, ""},
      {{"frobnicate"}, ""},
  };
  for (const Case& c : cases) {
    Result r = run(c.args);
    std::string args;
    for (const std::string& a : c.args) {
      args += " " + a;
    }
    EXPECT_EQ(r.status, 2) << args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find(c.err), std::string::npos) << args << "\n" << r.err;
  }
}

TEST_F(Cli, TwoChecksWithTheSameNameAreBadInput) {
  std::string m = file("twice.irqspec",
                       "model twice;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n"
                       "check c { expect all holds; }\ncheck c { expect all holds; }\n");
  Result r = run({"verify-specs", "--engine", "explicit", m});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(m + ":5:7: error: there are two checks named 'c'"), std::string::npos)
      << r.err;
}

TEST_F(Cli, AViolationInTheInitialStateHasAnEmptyTrace) {
  std::string m = file("initial.irqspec",
                       "model initial;\nvar x: 0..3 = 3;\nactor a { input action go() { } }\n"
                       "invariant small: x < 3;\ncheck c { expect small violated; }\n");
  Result r = run({"verify-specs", "--engine", "explicit", m});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("shortest counterexample, 0 steps:\n  initial state: x=3\n  => invariant "
                       "small is false\n"),
            std::string::npos)
      << r.out;
  Result j = run({"verify-specs", "--engine", "explicit", "--format", "json", m});
  json p = json::parse(j.out)["checks"][0]["properties"][0];
  EXPECT_EQ(p["depth"], 0);
  EXPECT_EQ(p["trace"], json::array());
}

TEST_F(Cli, TheInductionStepCounterexampleHasItsFirstStateInJson) {
  // b <= 3 holds but is not inductive alone: from a = 0, b = 3 a step breaks it.
  std::string m = file("pair.irqspec",
                       "model pair;\nvar a: 0..3 = 0;\nvar b: 0..4 = 0;\n"
                       "actor p { input action step() when a < 3 { a = a + 1; b = b + 1; } }\n"
                       "invariant b_small: b <= 3;\n");
  Result r = run({"verify-specs", "--engine", "kind", "--depth", "1", "--format", "json", m});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  json p = json::parse(r.out)["checks"][0]["properties"][0];
  EXPECT_EQ(p["verdict"], "bounded");
  ASSERT_TRUE(p.contains("step_counterexample_initial")) << p.dump();
  EXPECT_EQ(p["step_counterexample_initial"]["b"], 3);
  EXPECT_EQ(p["step_counterexample"].size(), 1u);
  EXPECT_EQ(p["step_counterexample"][0]["changes"]["b"], json({3, 4}));
}

TEST_F(Cli, EmptyFolderIsBadInput) {
  fs::create_directories(dir_ / "empty");
  file("empty/readme.txt", "not a model");
  Result r = run({"verify-specs", (dir_ / "empty").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: no .irqspec files in this folder"), std::string::npos) << r.err;
}

TEST_F(Cli, HelpAndVersion) {
  Result help = run({"verify-specs", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--accept-bounded"), std::string::npos);
  Result version = run({"--version"});
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.out.find("irqspec"), std::string::npos);
}

// ---------------------------------------------------------------- folders

TEST_F(Cli, FoldersAreSearchedRecursivelyInNameOrder) {
  file("models/b.irqspec", "model b;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n");
  file("models/sub/a.irqspec",
       "model a;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n");
  file("models/notes.md", "# not a model\n");
  Result r =
      run({"verify-specs", "--engine", "explicit", "--format", "json", (dir_ / "models").string()});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["checks"].size(), 2u);
  EXPECT_EQ(j["checks"][0]["model"], "b");  // models/b.irqspec < models/sub/a.irqspec
  EXPECT_EQ(j["checks"][1]["model"], "a");
  EXPECT_EQ(j["checks"][0]["check"], "default");
}

TEST_F(Cli, SettingsApplyOnlyToFilesThatHaveTheConstant) {
  file("models/one.irqspec",
       "model one;\nconst N = 1;\nvar x: 0..N;\n"
       "actor a { input action go() { x = N; } }\ninvariant i: x <= 1;\n");
  file("models/two.irqspec",
       "model two;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n");
  Result r =
      run({"verify-specs", "--engine", "explicit", "--set", "N=2", (dir_ / "models").string()});
  EXPECT_EQ(r.status, 1) << r.out << r.err;  // i: x reaches 2
  EXPECT_EQ(r.err, "");
}

// ---------------------------------------------------------------- JSON

TEST_F(Cli, JsonFollowsTheContract) {
  std::string m = file("counter.irqspec", kCounter);
  Result r = run({"verify-specs", "--engine", "explicit", "--format", "json", m});
  ASSERT_EQ(r.status, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["version"], 1);
  ASSERT_TRUE(j["checks"].is_array());
  ASSERT_EQ(j["checks"].size(), 2u);
  for (const json& c : j["checks"]) {
    EXPECT_EQ(c["file"], m);
    EXPECT_EQ(c["model"], "counter");
    EXPECT_TRUE(c["check"].is_string());
    ASSERT_TRUE(c["properties"].is_array());
    for (const json& p : c["properties"]) {
      for (const char* key :
           {"name", "kind", "verdict", "expected", "met", "depth", "engine", "seconds"}) {
        EXPECT_TRUE(p.contains(key)) << key << " in " << p.dump();
      }
      EXPECT_TRUE(p["met"].is_boolean());
      EXPECT_TRUE(p["depth"].is_number_integer());
      EXPECT_TRUE(p["seconds"].is_number());
      EXPECT_EQ(p["engine"], "explicit");
      std::string kind = p["kind"];
      EXPECT_TRUE(kind == "invariant" || kind == "property" || kind == "assert") << kind;
      std::string verdict = p["verdict"];
      EXPECT_TRUE(verdict == "proved" || verdict == "violated" || verdict == "bounded" ||
                  verdict == "unknown")
          << verdict;
      std::string expected = p["expected"];
      EXPECT_TRUE(expected == "holds" || expected == "violated");
      EXPECT_EQ(p.contains("trace"), verdict == "violated");
    }
  }
  const json& violations = j["checks"][1];
  EXPECT_EQ(violations["check"], "violations");
  ASSERT_EQ(violations["properties"].size(), 3u);  // and `asserts`: x + by may leave 0..7
  EXPECT_EQ(violations["properties"][2]["name"], "asserts");
  EXPECT_EQ(violations["properties"][2]["kind"], "assert");
  EXPECT_EQ(violations["properties"][2]["verdict"], "proved");
  const json& never_3 = violations["properties"][0];
  EXPECT_EQ(never_3["name"], "never_3");
  EXPECT_EQ(never_3["kind"], "invariant");
  EXPECT_EQ(never_3["verdict"], "violated");
  EXPECT_EQ(never_3["expected"], "violated");
  EXPECT_EQ(never_3["met"], true);
  EXPECT_EQ(never_3["depth"], 2);
  // inc(1), inc(2): the shortest way to x == 3.
  const json& trace = never_3["trace"];
  ASSERT_EQ(trace.size(), 2u);
  EXPECT_EQ(trace[0]["step"], 1);
  EXPECT_EQ(trace[0]["actor"], "user");
  EXPECT_EQ(trace[0]["action"], "inc");
  EXPECT_EQ(trace[0]["args"], json({{"by", 1}}));
  EXPECT_EQ(trace[0]["result"], 1);
  EXPECT_EQ(trace[0]["events"],
            json::array({{{"event", "bumped"}, {"args", {{"to", 1}, {"fast", false}}}}}));
  EXPECT_EQ(trace[0]["changes"], json({{"x", {0, 1}}}));
  EXPECT_EQ(trace[1]["step"], 2);
  EXPECT_EQ(trace[1]["args"], json({{"by", 2}}));
  EXPECT_EQ(trace[1]["result"], 3);
  EXPECT_EQ(trace[1]["changes"], json({{"x", {1, 3}}}));
  const json& not_5 = violations["properties"][1];
  EXPECT_EQ(not_5["depth"], 3);
  EXPECT_EQ(not_5["trace"].size(), 3u);
}

TEST_F(Cli, JsonTraceNamesEnumsAndHasNullResults) {
  std::string m = file("counter.irqspec",
                       std::string(kCounter) +
                           "invariant slow: mode == SLOW;\ncheck slow { expect slow violated; }\n");
  Result r =
      run({"verify-specs", "--engine", "explicit", "--format", "json", "--check", "slow", m});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  json j = json::parse(r.out);
  const json& step = j["checks"][0]["properties"][0]["trace"][0];
  EXPECT_EQ(step["action"], "speed");
  EXPECT_EQ(step["args"], json({{"m", "FAST"}}));
  EXPECT_TRUE(step["result"].is_null());
  EXPECT_EQ(step["events"], json::array());
  EXPECT_EQ(step["changes"], json({{"mode", {"SLOW", "FAST"}}}));
}

TEST_F(Cli, JsonOnBadInputStillParses) {
  std::string m = file("bad.irqspec", "model bad;\nvar x bool;\n");
  Result r = run({"verify-specs", "--format", "json", m});
  EXPECT_EQ(r.status, 2);
  json j = json::parse(r.out);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["checks"].size(), 0u);
  EXPECT_NE(r.err.find("error: expected ':', found 'bool'"), std::string::npos);
}

// ---------------------------------------------------------------- text

TEST_F(Cli, TextReportHasTheSummaryTableAndANumberedTrace) {
  std::string m = file("counter.irqspec", kCounter);
  Result r = run({"verify-specs", "--engine", "explicit", "--check", "violations", m});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string& out = r.out;
  EXPECT_EQ(out.rfind(m + ": model counter\n", 0), 0u) << out;
  // The table: a header, then one row per property.
  EXPECT_NE(out.find("  check       property  kind       verdict        expected  depth     time  "
                     "result\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  violations  never_3   invariant  violated       violated      2"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  violations  not_5     invariant  violated       violated      3"),
            std::string::npos)
      << out;
  // The trace of never_3, numbered, with events, changes and results.
  EXPECT_NE(out.find(m + ": check violations: invariant never_3 violated (as expected); "
                         "shortest counterexample, 2 steps:\n"
                         "  initial state: x=0 mode=SLOW\n"
                         "  1. user.inc(by=1) -> 1\n"
                         "       emit bumped(to=1, fast=false)\n"
                         "       x: 0 -> 1\n"
                         "  2. user.inc(by=2) -> 3\n"
                         "       emit bumped(to=3, fast=false)\n"
                         "       x: 1 -> 3\n"
                         "  => invariant never_3 is false\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\n1 check, 3 met, 0 unmet, 0 inconclusive\n"), std::string::npos) << out;
}

TEST_F(Cli, TextTraceMarksInternalActionsAndChoices) {
  std::string m = file("choice.irqspec",
                       "model choice;\nvar x: 0..3 = 0;\n"
                       "actor dev { internal action pick() { choose v: 1..3 where v != x; x = v; "
                       "} }\ninvariant not_2: x != 2;\n");
  Result r = run({"verify-specs", "--engine", "explicit", m});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("  1. dev.pick()   [internal]\n"
                       "       chose: 2\n"
                       "       x: 0 -> 2\n"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace irqspec_test

// ---------------------------------------------------------------- --sweep

namespace irqspec_test {
namespace {

TEST_F(Cli, SweepRunsOncePerValueAndReportsEachRun) {
  std::string m = file("counter.irqspec", kCounter);
  Result table = run({"verify-specs", "--check", "holds", "--sweep", "LIMIT=3..5", m});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_NE(table.out.find("LIMIT    seconds"), std::string::npos) << table.out;
  for (const char* value : {"\n       3 ", "\n       4 ", "\n       5 "}) {
    EXPECT_NE(table.out.find(value), std::string::npos) << value << " in\n" << table.out;
  }
  Result j =
      run({"verify-specs", "--check", "holds", "--sweep", "LIMIT=3..5", "--format", "json", m});
  ASSERT_EQ(j.status, 0) << j.err;
  json sweep = json::parse(j.out);
  EXPECT_EQ(sweep["sweep"], "LIMIT");
  ASSERT_EQ(sweep["runs"].size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const json& r = sweep["runs"][i];
    EXPECT_EQ(r["value"], 3 + i);
    EXPECT_EQ(r["met"], 3) << r.dump();  // below_limit, fast_only_after_speed, asserts
    const json& constants = r["report"]["checks"][0]["constants"];
    EXPECT_EQ(constants["LIMIT"], std::to_string(3 + i));
  }
}

TEST_F(Cli, SweepOfABadRangeOrNameChecksNothing) {
  std::string m = file("counter.irqspec", kCounter);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--sweep", "LIMIT=5..3"},
                                               {"--sweep", "LIMIT=a..3"},
                                               {"--sweep", "LIMIT=1..5000"},
                                               {"--sweep", "NOPE=1..2"},
                                               {"--sweep", "LIMIT=1..2", "--set", "LIMIT=3"},
                                               {"--sweep", "LIMIT=1..2", "--format", "junit"}}) {
    std::vector<std::string> argv{"verify-specs"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back(m);
    Result r = run(argv);
    EXPECT_EQ(r.status, 2) << args[1];
    EXPECT_EQ(r.out, "") << args[1];
    EXPECT_NE(r.err.find("error"), std::string::npos) << args[1];
  }
}

}  // namespace
}  // namespace irqspec_test
