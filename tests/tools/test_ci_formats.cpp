// SPDX-License-Identifier: GPL-2.0
// The formats for CI systems and for people: --format junit, sarif (read
// back by tests/tools/check_ci_formats.py in ctest ci_formats_gate too),
// mermaid and dot, and the UTF-8 repair that keeps them readable when a
// kernel prints junk.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_support.h"
#include "tools/irqspec/utf8.h"

namespace irqspec_test {
namespace {

using nlohmann::json;

// lost_edge with its lost edge expected not to happen: one unmet
// expectation, a two-step counterexample.
const char* const kLostEdge = R"(model lost_edge;
var pending: bool = false;
var raised: 0..3 = 0;
var handled: 0..3 = 0;
event edge_seen(n: 0..3);
actor device {
  input action edge() when raised < 3 {
    raised = raised + 1;
    emit edge_seen(raised);
    pending = true;
  }
}
actor cpu {
  internal action handle() when pending {
    pending = false;
    handled = handled + 1;
  }
}
invariant no_lost_edge: raised == handled + (pending ? 1 : 0);
invariant few_edges: raised <= 3;
check lost { expect no_lost_edge holds; expect few_edges holds; }
)";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

class CiFormats : public CliFixture {
 protected:
  /// The violated properties of a run, as its JSON report says.
  std::size_t violated_in(const std::string& model) {
    CliResult r = run({"verify-specs", "--format", "json", model});
    json report = json::parse(r.out);
    std::size_t n = 0;
    for (const json& c : report["checks"]) {
      for (const json& p : c["properties"]) {
        n += p["verdict"] == "violated";
      }
    }
    return n;
  }
};

TEST_F(CiFormats, SarifPutsTheUnmetExpectationAtItsLineWithTheStepsAsAFlow) {
  std::string m = file("lost_edge.irqspec", kLostEdge);
  CliResult r = run({"verify-specs", "--format", "sarif", m});
  ASSERT_EQ(r.status, 1) << r.err;
  json log = json::parse(r.out);
  EXPECT_EQ(log["version"], "2.1.0");
  const json& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u) << r.out;  // few_edges holds: no result
  EXPECT_EQ(results[0]["ruleId"], "unmet-expectation");
  const json& region = results[0]["locations"][0]["physicalLocation"]["region"];
  spec::SourceFile source("", kLostEdge);
  EXPECT_NE(source.line_text(region["startLine"]).find("invariant no_lost_edge"),
            std::string::npos);
  const json& steps = results[0]["codeFlows"][0]["threadFlows"][0]["locations"];
  ASSERT_EQ(steps.size(), 2u);
  for (const json& s : steps) {
    int line = s["location"]["physicalLocation"]["region"]["startLine"];
    EXPECT_NE(source.line_text(line).find("action"), std::string::npos) << line;
  }
  EXPECT_NE(steps[0]["location"]["message"]["text"].get<std::string>().find("emit edge_seen(n=1)"),
            std::string::npos);
}

TEST_F(CiFormats, JunitFailsOnlyTheUnmetProperty) {
  std::string m = file("lost_edge.irqspec", kLostEdge);
  CliResult r = run({"verify-specs", "--format", "junit", m});
  ASSERT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(count(r.out, "<testcase "), 3u) << r.out;  // and the `asserts` obligation
  EXPECT_EQ(count(r.out, "<failure "), 1u);
  EXPECT_NE(r.out.find("<testcase name=\"no_lost_edge\""), std::string::npos);
  EXPECT_NE(r.out.find("type=\"unmet-expectation\""), std::string::npos);
  EXPECT_NE(r.out.find("-&gt;"), std::string::npos) << "the text trace, escaped";
}

TEST_F(CiFormats, MermaidDrawsEveryCounterexampleWithItsLanes) {
  std::string m = file("lost_edge.irqspec", kLostEdge);
  CliResult r = run({"verify-specs", "--format", "mermaid", m});
  ASSERT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(count(r.out, "```mermaid\nsequenceDiagram\n"), violated_in(m)) << r.out;
  EXPECT_NE(r.out.find("participant a_device as device"), std::string::npos);
  EXPECT_NE(r.out.find("env->>a_device: 1. edge()"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a_device-)observed: edge_seen(n=1)"), std::string::npos);
  EXPECT_NE(r.out.find("Note over env,observed: invariant no_lost_edge"), std::string::npos);
}

TEST_F(CiFormats, DotGivesOneGraphPerCounterexampleThatGraphvizReads) {
  std::string models = std::string(IRQSPEC_SOURCE_DIR) + "/models/oneshot_forwarding.irqspec";
  CliResult r = run({"verify-specs", "--format", "dot", models});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(r.out, "\ndigraph "), violated_in(models));
  if (std::system("command -v dot >/dev/null") != 0) {
    GTEST_SKIP() << "Graphviz is not installed (tools/bootstrap.sh installs it)";
  }
  std::string graphs = file("cex.dot", r.out);
  EXPECT_EQ(std::system(("dot -Tsvg " + shell_quote(graphs) + " >/dev/null").c_str()), 0);
}

TEST_F(CiFormats, ASubcommandOffersOnlyTheFormatsItWrites) {
  CliResult help = run({"conform", "--help"});
  EXPECT_NE(help.out.find("text|json|junit|sarif"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("mermaid"), std::string::npos);
  EXPECT_EQ(run({"conform", "--format", "mermaid"}).status, 2);
  EXPECT_EQ(run({"gate", "--format", "json"}).status, 2);
}

TEST(Utf8, IllFormedBytesBecomeReplacementCharacters) {
  const std::string bad = "\xEF\xBF\xBD";
  EXPECT_EQ(irqspec::valid_utf8("ok \xC3\xA9 \xE2\x86\x92"), "ok \xC3\xA9 \xE2\x86\x92");
  EXPECT_EQ(irqspec::valid_utf8("a\xFF"
                                "b"),
            "a" + bad + "b");
  EXPECT_EQ(irqspec::valid_utf8("\xC0\xAF"), bad + bad);                 // overlong '/'
  EXPECT_EQ(irqspec::valid_utf8("\xED\xA0\x80"), bad + bad + bad);       // a surrogate
  EXPECT_EQ(irqspec::valid_utf8("\xF4\x90\x80\x80").substr(0, 3), bad);  // past U+10FFFF
  EXPECT_EQ(irqspec::valid_utf8("x\xE2\x86"), "x" + bad + bad);          // cut short
}

}  // namespace
}  // namespace irqspec_test
