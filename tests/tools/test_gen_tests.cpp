// SPDX-License-Identifier: GPL-2.0
// gen-tests for the kmod target: the steps suite of a model's kmod binding,
// one C file a kmod harness builds into a module (conformance/genirq-kmod).

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/support/cli_support.h"

namespace irqspec_test {
namespace {

namespace fs = std::filesystem;

const std::string kModel = std::string(IRQSPEC_SOURCE_DIR) + "/models/genirq_flows.irqspec";

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      names.insert(fs::relative(e.path(), dir).string());
    }
  }
  return names;
}

class GenTestsKmod : public CliFixture {};

TEST_F(GenTestsKmod, WritesTheBindingsCheckAsOneModuleSource) {
  // No --binding, no --check: models/genirq_flows.kmod.json and its "check".
  CliResult r = run({"gen-tests", kModel, "--target", "kmod", "-o", (dir_ / "out").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string name = "genirq_flows_fasteoi_oneshot_shared_test.c";
  // No Makefile: the userspace harness's would link a library the module has no use for.
  EXPECT_EQ(files_in(dir_ / "out"), std::set<std::string>{name});
  EXPECT_NE(r.out.find((dir_ / "out" / name).string() +
                       ": 3 tests for genirq_flows (check fasteoi_oneshot_shared)"),
            std::string::npos)
      << r.out;
  std::string c = read_file((dir_ / "out" / name).string());
  EXPECT_NE(c.find("(check fasteoi_oneshot_shared) for the kmod target."), std::string::npos);
  EXPECT_NE(c.find("#include \"harness.h\""), std::string::npos);
  // The first step is the binding's call with the check's constants filled
  // in: FASTEOI_FLOW (1), LEVEL, SENSE (0), CHIP_ACTIVE, ONESHOT, ...,
  // NA = 2, both actions threaded.
  EXPECT_NE(c.find("\th_request_irq(1, true, 0, true, true, false, false, false, false, false, "
                   "2, true, true);\n\tH_EXPECT_LOG(\"chip.irq_unmask\");"),
            std::string::npos)
      << c.substr(0, 3000);
  EXPECT_EQ(c.find("{FLOW}"), std::string::npos);
  EXPECT_NE(c.find("return h_run(argc, argv, tests, ARRAY_SIZE(tests));"), std::string::npos);
}

TEST_F(GenTestsKmod, QemuTargetListsTheModuleWithItsUnload) {
  CliResult r = run({"gen-tests", kModel, "--target", "qemu", "--check", "fasteoi_chip_disable",
                     "--bound", "4", "-o", (dir_ / "q").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string stem = "genirq_flows_fasteoi_chip_disable_test";
  EXPECT_EQ(files_in(dir_ / "q"), (std::set<std::string>{"kmod/" + stem + ".c", "run.list"}));
  std::string list = read_file((dir_ / "q" / "run.list").string());
  EXPECT_NE(list.find("kmod " + stem + " kmod/" + stem + "/irqspec_genirq_test.ko\n"),
            std::string::npos)
      << list;
  EXPECT_NE(list.find("sh unload." + stem + " rmmod irqspec_genirq_test\n"), std::string::npos)
      << list;
  EXPECT_NE(list.find("# conformance/genirq-kmod/build-module.sh KDIR " + stem + ".c"),
            std::string::npos)
      << list;
}

TEST_F(GenTestsKmod, ABindingOfAnotherTargetIsBadInput) {
  std::string binding = std::string(IRQSPEC_SOURCE_DIR) + "/models/genirq_flows.kmod.json";
  CliResult r = run({"gen-tests", kModel, "--target", "kernel-src", "--binding", binding, "-o",
                     (dir_ / "ks").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("genirq_flows.kmod.json: error: a binding for the kmod target, not "
                       "kernel-src"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "ks"));
}

TEST_F(GenTestsKmod, TheDefaultBindingIsNamedAfterTheTarget) {
  // irqbypass has a kernel-src binding and no kmod one.
  CliResult r = run({"gen-tests", std::string(IRQSPEC_SOURCE_DIR) + "/models/irqbypass.irqspec",
                     "--target", "kmod", "-o", (dir_ / "none").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("models/irqbypass.kmod.json: cannot open the binding"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace irqspec_test
